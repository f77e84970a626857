#include "channels/OvhSmsSender.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>

#include "channels/Gsm7.h"
#include "channels/HttpApi.h"
#include "channels/PhoneNumbers.h"

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

// Thresholds of the first manager: it warned under 3 credits and under 3 SMS of quota.
constexpr double lowCreditsWarning = 3.0;
constexpr double lowQuotaWarning = 3.0;
// OVH drops a job that could not be delivered within this many minutes (a common client value: 48 hours).
constexpr int jobValidityMinutes = 2880;
// Delays between two reads of the pending list: 1 s, 2 s, 4 s, then every 5 s.
constexpr int firstPollDelayMs = 1000;
constexpr int maxPollDelayMs = 5000;

QString optionName(const QString& option, const QString& variable)
{
    return u"--%1 (%2)"_s.arg(option, variable);
}

} // namespace

struct OvhSmsSender::Delivery
{
    OutgoingMessage message;
    phone::ParsedNumber number;
    // The short text in the GSM 7-bit alphabet.
    QString text;
    qint64 jobId = 0;
    qint64 followDeadlineMs = 0;
    int polls = 0;
};

OvhSmsSender::OvhSmsSender(const SmsSettings& settings, const QSslConfiguration& tls, const Clock& clock,
                           QNetworkAccessManager* network, QObject* parent)
    : Sender(parent)
    , m_settings(settings)
    , m_clock(clock)
    , m_http(new HttpApi(network, tls, settings.apiTimeoutSec * 1000, this))
{
    for (QString& region : m_settings.allowedCountries)
        region = region.trimmed().toUpper();

    const std::expected<QUrl, QString> baseUrl = ovhEndpointUrl(settings.endpoint);
    if (!baseUrl)
        m_endpointError = baseUrl.error();
    const OvhCredentials credentials {settings.appKey, settings.appSecret, settings.consumerKey};
    m_client = new OvhClient(*m_http, baseUrl.value_or(QUrl()), credentials, clock, this);
}

OvhSmsSender::~OvhSmsSender() = default;

std::optional<ConfigError> OvhSmsSender::validateSettings(const SmsSettings& settings)
{
    if (const std::expected<QUrl, QString> url = ovhEndpointUrl(settings.endpoint); !url)
        return ConfigError {optionName(u"sms-ovh-endpoint"_s, u"OVH_ENDPOINT"_s), settings.endpoint, url.error()};

    const struct
    {
        QString option;
        QString variable;
        const QString& value;
        bool secret;
    } required[] = {
        {u"sms-ovh-service-name"_s, u"GCN_OVH_SMS_SERVICE_NAME"_s, settings.serviceName, false},
        {u"sms-ovh-user-name"_s, u"GCN_OVH_SMS_USER_NAME"_s, settings.userName, false},
        {u"sms-ovh-sender-name"_s, u"GCN_OVH_SMS_SENDER_NAME"_s, settings.senderName, false},
        {u"sms-ovh-app-key"_s, u"OVH_APPLICATION_KEY"_s, settings.appKey, true},
        {u"sms-ovh-app-secret"_s, u"OVH_APPLICATION_SECRET"_s, settings.appSecret, true},
        {u"sms-ovh-consumer-key"_s, u"OVH_CONSUMER_KEY"_s, settings.consumerKey, true},
    };
    for (const auto& entry : required) {
        if (entry.value.trimmed().isEmpty()) {
            return ConfigError {optionName(entry.option, entry.variable), {},
                                u"missing; SMS notifications need it"_s, entry.secret};
        }
    }

    for (const QString& region : settings.allowedCountries) {
        if (!phone::isKnownRegion(region.trimmed().toUpper())) {
            return ConfigError {optionName(u"sms-allow-country"_s, u"GCN_ALLOW_SMS_COUNTRIES"_s),
                                settings.allowedCountries.join(u','),
                                u"unknown region code '%1'; give ISO 3166-1 alpha-2 codes such as FR,BE"_s.arg(
                                    region)};
        }
    }
    return std::nullopt;
}

QString OvhSmsSender::servicePath() const
{
    return u"/sms/"_s + OvhClient::pathSegment(m_settings.serviceName);
}

QString OvhSmsSender::userPath() const
{
    return servicePath() + u"/users/"_s + OvhClient::pathSegment(m_settings.userName);
}

void OvhSmsSender::send(const OutgoingMessage& message)
{
    auto delivery = std::make_shared<Delivery>();
    delivery->message = message;
    qCInfo(lcSms) << "sending message" << message.id << "to" << message.recipient;

    if (m_endpointError) {
        failPermanently(delivery, u"invalid OVH endpoint '%1' in --sms-ovh-endpoint (OVH_ENDPOINT): %2"_s.arg(
                                      m_settings.endpoint, *m_endpointError));
        return;
    }

    const std::expected<phone::ParsedNumber, QString> number = phone::parseInternational(message.recipient);
    if (!number) {
        failPermanently(delivery, u"invalid SMS recipient: %1"_s.arg(number.error()));
        return;
    }
    delivery->number = *number;
    const QStringList& allowed = m_settings.allowedCountries;
    if (!allowed.isEmpty() && !allowed.contains(number->region)) {
        failPermanently(delivery, u"the number %1 belongs to region %2, which --sms-allow-country "
                                  "(GCN_ALLOW_SMS_COUNTRIES) does not allow (allowed: %3)"_s.arg(
                                      number->e164, number->region, allowed.join(u", "_s)));
        return;
    }

    delivery->text = gsm7::fromUnicode(message.shortText);
    if (delivery->text.trimmed().isEmpty()) {
        failPermanently(delivery, u"the message has no short text to send by SMS"_s);
        return;
    }
    if (delivery->text != message.shortText)
        qCDebug(lcSms) << "message" << message.id << "converted to the GSM 7-bit alphabet:" << delivery->text;

    checkAccount(delivery);
}

void OvhSmsSender::checkAccount(const DeliveryPtr& delivery)
{
    m_client->call("GET", servicePath(), std::nullopt, [this, delivery](const OvhResult& result) {
        if (!result) {
            if (result.error().httpStatus == 404) {
                return failPermanently(delivery, u"the OVH SMS service '%1' does not exist for this account; "
                                                 "check --sms-ovh-service-name (GCN_OVH_SMS_SERVICE_NAME)"_s.arg(
                                                     m_settings.serviceName));
            }
            return failWith(delivery, result.error());
        }
        const QJsonObject account = result->toObject();
        if (account.value("status"_L1).toString() == "disable"_L1)
            return failPermanently(delivery, u"the OVH SMS account '%1' is disabled"_s.arg(m_settings.serviceName));

        const double credits = account.value("creditsLeft"_L1).toDouble();
        if (credits < 1.0) {
            return failPermanently(delivery, u"the OVH SMS service '%1' has no credits left (%2); buy SMS credits "
                                             "in the OVH control panel"_s.arg(m_settings.serviceName)
                                                 .arg(credits));
        }
        if (credits < lowCreditsWarning)
            qCWarning(lcSms) << "the OVH SMS service" << m_settings.serviceName << "has only" << credits
                             << "credits left; buy SMS credits soon";
        checkServiceInfos(delivery);
    });
}

void OvhSmsSender::checkServiceInfos(const DeliveryPtr& delivery)
{
    m_client->call("GET", servicePath() + u"/serviceInfos"_s, std::nullopt,
                   [this, delivery](const OvhResult& result) {
                       if (!result)
                           return failWith(delivery, result.error());
                       const QString status = result->toObject().value("status"_L1).toString();
                       if (status != "ok"_L1) {
                           return failPermanently(delivery,
                                                  u"the OVH SMS service '%1' has status '%2' instead of 'ok'; renew "
                                                  "or pay it in the OVH control panel"_s.arg(m_settings.serviceName,
                                                                                              status));
                       }
                       checkUser(delivery);
                   });
}

void OvhSmsSender::checkUser(const DeliveryPtr& delivery)
{
    m_client->call("GET", userPath(), std::nullopt, [this, delivery](const OvhResult& result) {
        if (!result) {
            if (result.error().httpStatus == 404) {
                return failPermanently(delivery, u"the OVH SMS user '%1' does not exist in service '%2'; check "
                                                 "--sms-ovh-user-name (GCN_OVH_SMS_USER_NAME)"_s.arg(
                                                     m_settings.userName, m_settings.serviceName));
            }
            return failWith(delivery, result.error());
        }
        const QJsonObject quota = result->toObject().value("quotaInformations"_L1).toObject();
        const QString quotaStatus = quota.value("quotaStatus"_L1).toString();
        if (quotaStatus != "active"_L1) {
            return failPermanently(delivery, u"the quota of OVH SMS user '%1' is '%2' instead of 'active'; activate "
                                             "it in the OVH control panel"_s.arg(m_settings.userName, quotaStatus));
        }
        const double quotaLeft = quota.value("quotaLeft"_L1).toDouble();
        if (quotaLeft < 1.0) {
            return failPermanently(delivery, u"the OVH SMS user '%1' has no quota left (%2); raise the user's "
                                             "quota in the OVH control panel"_s.arg(m_settings.userName)
                                                 .arg(quotaLeft));
        }
        if (quotaLeft < lowQuotaWarning)
            qCWarning(lcSms) << "the OVH SMS user" << m_settings.userName << "has only" << quotaLeft
                             << "SMS of quota left; raise the quota soon";
        checkSender(delivery);
    });
}

void OvhSmsSender::checkSender(const DeliveryPtr& delivery)
{
    const QString path = servicePath() + u"/senders/"_s + OvhClient::pathSegment(m_settings.senderName);
    m_client->call("GET", path, std::nullopt, [this, delivery](const OvhResult& result) {
        const QString& name = m_settings.senderName;
        if (!result) {
            if (result.error().httpStatus == 404) {
                return failPermanently(delivery, u"the sender '%1' does not exist in OVH SMS service '%2'; create it "
                                                 "in the OVH control panel or fix --sms-ovh-sender-name "
                                                 "(GCN_OVH_SMS_SENDER_NAME)"_s.arg(name, m_settings.serviceName));
            }
            return failWith(delivery, result.error());
        }
        const QJsonObject sender = result->toObject();
        const QString status = sender.value("status"_L1).toString();
        if (status != "enable"_L1) {
            QString reason = u"the OVH SMS sender '%1' has status '%2' instead of 'enable'"_s.arg(name, status);
            if (const QString comment = sender.value("comment"_L1).toString(); !comment.isEmpty())
                reason += u" (OVH: \"%1\")"_s.arg(comment);
            return failPermanently(delivery, reason);
        }
        const QString type = sender.value("type"_L1).toString();
        if (type != "alpha"_L1) {
            return failPermanently(delivery, u"the OVH SMS sender '%1' is of type '%2'; an alphabetic sender (type "
                                             "'alpha') is required"_s.arg(name, type));
        }
        checkEstimate(delivery);
    });
}

void OvhSmsSender::checkEstimate(const DeliveryPtr& delivery)
{
    const QJsonObject body {
        {u"message"_s, delivery->text},
        {u"noStopClause"_s, true},
        {u"senderType"_s, u"alpha"_s},
    };
    m_client->call("POST", u"/sms/estimate"_s, body, [this, delivery](const OvhResult& result) {
        if (!result)
            return failWith(delivery, result.error());
        const QJsonObject estimate = result->toObject();
        const QString characterClass = estimate.value("charactersClass"_L1).toString();
        if (characterClass != "7bits"_L1) {
            return failPermanently(delivery, u"OVH counts the text as '%1' instead of 7-bit, which would cost more "
                                             "and is not sent: %2"_s.arg(characterClass, delivery->text));
        }
        const qint64 parts = estimate.value("parts"_L1).toInteger();
        if (parts != 1) {
            return failPermanently(delivery, u"the text needs %1 SMS parts (%2 characters, %3 per part) and only "
                                             "single-part SMS are sent; shorten the notification text"_s
                                                 .arg(parts)
                                                 .arg(estimate.value("characters"_L1).toInteger())
                                                 .arg(estimate.value("maxCharactersPerPart"_L1).toInteger()));
        }
        logIncomingAndPending(delivery);
    });
}

void OvhSmsSender::logIncomingAndPending(const DeliveryPtr& delivery)
{
    // The lists are read for the log only: a failure is logged and does not stop the SMS.
    m_client->call("GET", userPath() + u"/incoming"_s, std::nullopt, [this, delivery](const OvhResult& incoming) {
        if (incoming)
            logIncoming(*incoming);
        else
            qCWarning(lcSms).noquote() << "cannot list incoming SMS:" << incoming.error().description;

        m_client->call("GET", userPath() + u"/jobs"_s, std::nullopt, [this, delivery](const OvhResult& jobs) {
            if (jobs)
                logPendingJobs(*jobs);
            else
                qCWarning(lcSms).noquote() << "cannot list pending SMS jobs:" << jobs.error().description;
            postJob(delivery);
        });
    });
}

void OvhSmsSender::logIncoming(const QJsonValue& ids)
{
    for (const QJsonValue& idValue : ids.toArray()) {
        const qint64 id = idValue.toInteger();
        if (m_loggedIncoming.contains(id))
            continue;
        m_loggedIncoming.insert(id);
        const QString path = userPath() + u"/incoming/"_s + QString::number(id);
        m_client->call("GET", path, std::nullopt, [id](const OvhResult& result) {
            if (!result) {
                qCWarning(lcSms).noquote() << "cannot read incoming SMS" << id << ":" << result.error().description;
                return;
            }
            const QJsonObject sms = result->toObject();
            qCInfo(lcSms).noquote() << u"incoming SMS %1 from %2 at %3: \"%4\""_s.arg(
                QString::number(id), sms.value("sender"_L1).toString(),
                sms.value("creationDatetime"_L1).toString(), sms.value("message"_L1).toString());
        });
    }
}

void OvhSmsSender::logPendingJobs(const QJsonValue& ids)
{
    for (const QJsonValue& idValue : ids.toArray()) {
        const qint64 id = idValue.toInteger();
        if (m_loggedPendingJobs.contains(id))
            continue;
        m_loggedPendingJobs.insert(id);
        const QString path = userPath() + u"/jobs/"_s + QString::number(id);
        m_client->call("GET", path, std::nullopt, [id](const OvhResult& result) {
            if (!result) {
                qCWarning(lcSms).noquote() << "cannot read pending SMS job" << id << ":" << result.error().description;
                return;
            }
            const QJsonObject job = result->toObject();
            qCInfo(lcSms).noquote() << u"pending SMS job %1 to %2 created at %3"_s.arg(
                QString::number(id), job.value("receiver"_L1).toString(),
                job.value("creationDatetime"_L1).toString());
        });
    }
}

void OvhSmsSender::postJob(const DeliveryPtr& delivery)
{
    const QJsonObject body {
        {u"charset"_s, u"UTF-8"_s},
        {u"message"_s, delivery->text},
        {u"noStopClause"_s, true},
        {u"priority"_s, u"high"_s},
        {u"receivers"_s, QJsonArray {delivery->number.e164}},
        {u"sender"_s, m_settings.senderName},
        {u"validityPeriod"_s, jobValidityMinutes},
    };
    // NOTE: when this call times out after OVH created the job, the outbox retries and a second SMS may go out.
    m_client->call("POST", userPath() + u"/jobs"_s, body, [this, delivery](const OvhResult& result) {
        if (!result)
            return failWith(delivery, result.error());
        const QJsonObject report = result->toObject();
        const QJsonArray ids = report.value("ids"_L1).toArray();
        const QJsonArray invalid = report.value("invalidReceivers"_L1).toArray();
        if (ids.isEmpty() || invalid.contains(QJsonValue(delivery->number.e164))) {
            return failPermanently(delivery, u"OVH did not accept the number %1 as a receiver"_s.arg(
                                                 delivery->number.e164));
        }
        delivery->jobId = ids.first().toInteger();
        qCInfo(lcSms) << "OVH accepted message" << delivery->message.id << "as job" << delivery->jobId
                      << "; credits removed:" << report.value("totalCreditsRemoved"_L1).toDouble()
                      << "credits left:" << report.value("creditsLeft"_L1).toDouble();
        if (m_settings.jobWaitSec <= 0)
            return finishDelivered(delivery);
        delivery->followDeadlineMs = m_clock.monotonicMs() + qint64(m_settings.jobWaitSec) * 1000;
        schedulePoll(delivery);
    });
}

void OvhSmsSender::schedulePoll(const DeliveryPtr& delivery)
{
    const qint64 remainingMs = delivery->followDeadlineMs - m_clock.monotonicMs();
    if (remainingMs <= 0) {
        qCWarning(lcSms) << "SMS job" << delivery->jobId << "is still pending after" << m_settings.jobWaitSec << "s";
        return finishDelivered(delivery, u"OVH accepted the SMS as job %1, but it was still pending after %2 s; it "
                                         "may arrive late"_s.arg(delivery->jobId)
                                             .arg(m_settings.jobWaitSec));
    }
    const int shift = std::min(delivery->polls, 3);
    const qint64 delayMs = std::min<qint64>({qint64(firstPollDelayMs) << shift, maxPollDelayMs, remainingMs});
    ++delivery->polls;
    QTimer::singleShot(delayMs, this, [this, delivery] { pollJob(delivery); });
}

void OvhSmsSender::pollJob(const DeliveryPtr& delivery)
{
    m_client->call("GET", userPath() + u"/jobs"_s, std::nullopt, [this, delivery](const OvhResult& result) {
        if (!result) {
            const OvhError& error = result.error();
            if (!error.transient) {
                return finishDelivered(delivery, u"OVH accepted the SMS as job %1, but following it failed: %2"_s.arg(
                                                     QString::number(delivery->jobId), error.description));
            }
            qCWarning(lcSms).noquote() << "cannot read the pending SMS jobs, trying again:" << error.description;
            return schedulePoll(delivery);
        }
        const QJsonArray pending = result->toArray();
        if (!pending.contains(QJsonValue(delivery->jobId)))
            return finishDelivered(delivery);
        qCDebug(lcSms) << "SMS job" << delivery->jobId << "is still pending";
        schedulePoll(delivery);
    });
}

void OvhSmsSender::finishDelivered(const DeliveryPtr& delivery, const QString& note)
{
    qCInfo(lcSms) << "message" << delivery->message.id << "sent by SMS to" << delivery->number.e164;
    finish(delivery, DeliveryOutcome {DeliveryStatus::Delivered, note, std::nullopt});
}

void OvhSmsSender::failPermanently(const DeliveryPtr& delivery, const QString& reason)
{
    qCWarning(lcSms).noquote() << u"message %1 to %2 not sent: %3"_s.arg(
        QString::number(delivery->message.id), delivery->message.recipient, reason);
    finish(delivery, DeliveryOutcome {DeliveryStatus::PermanentFailure, reason, std::nullopt});
}

void OvhSmsSender::failWith(const DeliveryPtr& delivery, const OvhError& error)
{
    if (!error.transient)
        return failPermanently(delivery, error.description);
    qCWarning(lcSms).noquote() << u"message %1 to %2 not sent yet: %3"_s.arg(
        QString::number(delivery->message.id), delivery->message.recipient, error.description);
    finish(delivery, DeliveryOutcome {DeliveryStatus::TransientFailure, error.description, error.retryNotBefore});
}

void OvhSmsSender::finish(const DeliveryPtr& delivery, const DeliveryOutcome& outcome)
{
    // Queued, so that finished() comes after send() returns even when no request was made.
    QMetaObject::invokeMethod(
        this, [this, id = delivery->message.id, outcome] { Q_EMIT finished(id, outcome); }, Qt::QueuedConnection);
}

} // namespace gcn
