#pragma once

#include <memory>
#include <optional>

#include <QSet>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include "channels/OvhClient.h"
#include "channels/Sender.h"
#include "common/Clock.h"
#include "config/Options.h"
#include "config/Settings.h"

class QNetworkAccessManager;

namespace gcn {

class HttpApi;

// Sends SMS through the OVH API to recipients written as international numbers.
//
// Before each SMS it checks the following, and fails permanently with the cause when a check fails:
// - the recipient's region is allowed (--sms-allow-country),
// - the SMS account is not disabled and has at least 1 credit (a warning under 3),
// - the service status is "ok",
// - the user's quota is active with at least 1 SMS left (a warning under 3),
// - the sender is enabled and alphabetic,
// - OVH's estimate finds the text 7-bit and in one part.
// It then logs the incoming SMS and pending jobs that it has not logged before, posts the job and follows
// it until it leaves the pending list. The text is the message's short text converted to the GSM 7-bit
// alphabet.
//
// A job still pending when --sms-ovh-job-wait runs out counts as delivered, with a note in the outcome's
// error text, because OVH has taken it and its credits and a retry would send a second SMS.
class OvhSmsSender final : public Sender
{
    Q_OBJECT

public:
    // `tls` comes from httpsTlsConfiguration(); `network` is shared when given and must outlive the sender.
    OvhSmsSender(const SmsSettings& settings, const QSslConfiguration& tls, const Clock& clock = Clock::system(),
                 QNetworkAccessManager* network = nullptr, QObject* parent = nullptr);
    ~OvhSmsSender() override;

    Channel channel() const override { return Channel::Sms; }
    void send(const OutgoingMessage& message) override;

    // Checks the settings that sending SMS needs: the endpoint, the service, user and sender names, the
    // three OVH keys, and every region code of --sms-allow-country.
    static std::optional<ConfigError> validateSettings(const SmsSettings& settings);

private:
    struct Delivery;
    using DeliveryPtr = std::shared_ptr<Delivery>;

    QString servicePath() const;
    QString userPath() const;

    void checkAccount(const DeliveryPtr& delivery);
    void checkServiceInfos(const DeliveryPtr& delivery);
    void checkUser(const DeliveryPtr& delivery);
    void checkSender(const DeliveryPtr& delivery);
    void checkEstimate(const DeliveryPtr& delivery);
    void logIncomingAndPending(const DeliveryPtr& delivery);
    void logIncoming(const QJsonValue& ids);
    void logPendingJobs(const QJsonValue& ids);
    void postJob(const DeliveryPtr& delivery);
    void schedulePoll(const DeliveryPtr& delivery);
    void pollJob(const DeliveryPtr& delivery);

    void finishDelivered(const DeliveryPtr& delivery, const QString& note = {});
    void failPermanently(const DeliveryPtr& delivery, const QString& reason);
    void failWith(const DeliveryPtr& delivery, const OvhError& error);
    void finish(const DeliveryPtr& delivery, const DeliveryOutcome& outcome);

    SmsSettings m_settings;
    const Clock& m_clock;
    std::optional<QString> m_endpointError;
    HttpApi* m_http = nullptr;
    OvhClient* m_client = nullptr;
    QSet<qint64> m_loggedIncoming;
    QSet<qint64> m_loggedPendingJobs;
};

} // namespace gcn
