#pragma once

#include <memory>
#include <optional>

#include <QHash>
#include <QList>
#include <QLoggingCategory>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include "channels/OAuth1Signer.h"
#include "channels/Sender.h"
#include "common/Clock.h"
#include "config/Options.h"
#include "config/Settings.h"

Q_DECLARE_LOGGING_CATEGORY(lcTwitter)

class QNetworkAccessManager;

namespace gcn {

class HttpApi;
struct HttpResponse;

// Sends messages to X (Twitter) through the API v2 with OAuth 1.0a user context.
//
// A recipient @handle gets a direct message: the user id is looked up once and kept for the life of the
// sender. With --twitter-public-post the message becomes a public post instead. A post with the same text
// as one that this sender made in the last 10 minutes is not made again, because the second recipient of
// one notification would otherwise get X's duplicate-content error. A post is cut to X's weighted limit of
// 280, a direct message to 10,000 characters, on a grapheme cluster boundary, with "…" at the end.
//
// Outcomes: 401 and 403, duplicate content, an unknown user and any other 4xx fail permanently; 429
// (retried after the reset time of the rate-limit headers), 5xx and transport errors fail transiently.
class TwitterSender final : public Sender
{
    Q_OBJECT

public:
    // `tls` comes from httpsTlsConfiguration(); `network` is shared when given and must outlive the sender.
    TwitterSender(const TwitterSettings& settings, const QSslConfiguration& tls,
                  const Clock& clock = Clock::system(), QNetworkAccessManager* network = nullptr,
                  QObject* parent = nullptr);
    ~TwitterSender() override;

    Channel channel() const override { return Channel::Twitter; }
    void send(const OutgoingMessage& message) override;

    // Checks the settings that sending to X needs: the four keys and an https API URL.
    static std::optional<ConfigError> validateSettings(const TwitterSettings& settings);

private:
    struct Delivery;
    using DeliveryPtr = std::shared_ptr<Delivery>;

    struct UserLookup
    {
        QList<DeliveryPtr> waiters;
    };

    struct PublicPost
    {
        bool inFlight = true;
        QString postId;
        qint64 postedAtMs = 0;
        QList<DeliveryPtr> waiters;
    };

    void sendDirectMessage(const DeliveryPtr& delivery);
    void lookUpUser(const QString& handleKey, const QString& username);
    void postDirectMessage(const DeliveryPtr& delivery, const QString& userId);
    void sendPublicPost(const DeliveryPtr& delivery);
    void finishPublicPost(const QString& text, const DeliveryOutcome& outcome, const QString& postId);

    void request(const QByteArray& method, const QString& path, const QByteArray& jsonBody,
                 std::function<void(const HttpResponse&)> done);
    DeliveryOutcome failureOutcome(const HttpResponse& response, const QString& action) const;
    std::optional<QDateTime> rateLimitReset(const HttpResponse& response) const;

    void finish(const DeliveryPtr& delivery, const DeliveryOutcome& outcome);

    TwitterSettings m_settings;
    OAuth1Credentials m_credentials;
    QString m_baseUrl;
    const Clock& m_clock;
    HttpApi* m_http = nullptr;
    // User ids by lower-case handle; X handles are case-insensitive.
    QHash<QString, QString> m_userIds;
    QHash<QString, UserLookup> m_lookups;
    QHash<QString, PublicPost> m_publicPosts;
};

} // namespace gcn
