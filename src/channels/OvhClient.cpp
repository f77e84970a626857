#include "channels/OvhClient.h"

#include <utility>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include "channels/HttpApi.h"

Q_LOGGING_CATEGORY(lcSms, "gcn.sms")

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

// Endpoints of the OVH API client libraries (python-ovh ENDPOINTS, 2025).
const QList<std::pair<QString, QString>> endpointTable {
    {u"ovh-eu"_s, u"https://eu.api.ovh.com/1.0"_s},
    {u"ovh-us"_s, u"https://api.us.ovhcloud.com/1.0"_s},
    {u"ovh-ca"_s, u"https://ca.api.ovh.com/1.0"_s},
    {u"kimsufi-eu"_s, u"https://eu.api.kimsufi.com/1.0"_s},
    {u"kimsufi-ca"_s, u"https://ca.api.kimsufi.com/1.0"_s},
    {u"soyoustart-eu"_s, u"https://eu.api.soyoustart.com/1.0"_s},
    {u"soyoustart-ca"_s, u"https://ca.api.soyoustart.com/1.0"_s},
};

// Parses any JSON value, including the bare number that /auth/time returns, which QJsonDocument
// does not accept at the top level.
std::optional<QJsonValue> parseJsonValue(const QByteArray& body)
{
    if (body.trimmed().isEmpty())
        return QJsonValue(QJsonValue::Null);
    QJsonParseError error;
    const QJsonDocument wrapped = QJsonDocument::fromJson('[' + body + ']', &error);
    if (error.error != QJsonParseError::NoError || !wrapped.isArray() || wrapped.array().size() != 1)
        return std::nullopt;
    return wrapped.array().first();
}

bool isSignatureOrTimeError(const QString& errorCode, const QString& message)
{
    if (errorCode == "INVALID_SIGNATURE"_L1 || errorCode == "QUERY_TIME_OUT"_L1)
        return true;
    return message.contains("signature"_L1, Qt::CaseInsensitive)
           || message.contains("timestamp"_L1, Qt::CaseInsensitive)
           || message.contains("out of time"_L1, Qt::CaseInsensitive);
}

} // namespace

QStringList ovhEndpointNames()
{
    QStringList names;
    for (const auto& entry : endpointTable)
        names.append(entry.first);
    return names;
}

std::expected<QUrl, QString> ovhEndpointUrl(const QString& endpoint)
{
    const QString trimmed = endpoint.trimmed();
    for (const auto& [name, url] : endpointTable) {
        if (name.compare(trimmed, Qt::CaseInsensitive) == 0)
            return QUrl(url);
    }
    const QUrl url(trimmed, QUrl::StrictMode);
    if (url.isValid() && url.scheme() == "https"_L1 && !url.host().isEmpty() && !url.hasQuery()
        && !url.hasFragment()) {
        QString text = url.toString(QUrl::FullyEncoded);
        while (text.endsWith(u'/'))
            text.chop(1);
        return QUrl(text, QUrl::StrictMode);
    }
    if (trimmed.isEmpty())
        return std::unexpected(u"missing; give one of %1, or an https URL"_s.arg(ovhEndpointNames().join(u", "_s)));
    return std::unexpected(u"unknown endpoint; give one of %1, or an https URL without query"_s.arg(
        ovhEndpointNames().join(u", "_s)));
}

QByteArray ovhSignature(const QString& applicationSecret, const QString& consumerKey, const QByteArray& method,
                        const QByteArray& url, const QByteArray& body, qint64 timestamp)
{
    const QByteArray signedText = applicationSecret.toUtf8() + '+' + consumerKey.toUtf8() + '+' + method.toUpper()
                                  + '+' + url + '+' + body + '+' + QByteArray::number(timestamp);
    return "$1$" + QCryptographicHash::hash(signedText, QCryptographicHash::Sha1).toHex();
}

OvhClient::OvhClient(HttpApi& http, const QUrl& baseUrl, const OvhCredentials& credentials, const Clock& clock,
                     QObject* parent)
    : QObject(parent)
    , m_http(http)
    , m_baseUrl(baseUrl)
    , m_credentials(credentials)
    , m_clock(clock)
{
}

QString OvhClient::pathSegment(const QString& value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

void OvhClient::call(const QByteArray& method, const QString& path, const std::optional<QJsonObject>& body,
                     Callback done)
{
    PendingCall pending;
    pending.method = method.toUpper();
    pending.path = path;
    pending.hasBody = body.has_value();
    if (body)
        pending.body = QJsonDocument(*body).toJson(QJsonDocument::Compact);
    pending.done = std::move(done);
    ensureTimeOffset([this, pending = std::move(pending)](const std::optional<OvhError>& error) mutable {
        if (error) {
            pending.done(std::unexpected(*error));
            return;
        }
        sendSigned(std::move(pending));
    });
}

void OvhClient::ensureTimeOffset(std::function<void(const std::optional<OvhError>&)> ready)
{
    if (m_timeOffsetSec) {
        ready(std::nullopt);
        return;
    }
    m_timeWaiters.append(std::move(ready));
    if (!m_timeReadInFlight)
        readServerTime();
}

void OvhClient::readServerTime()
{
    m_timeReadInFlight = true;
    HttpRequest request;
    request.method = "GET";
    request.url = QUrl::fromEncoded(m_baseUrl.toEncoded() + "/auth/time", QUrl::StrictMode);
    request.headers.append({QByteArray("X-Ovh-Application"), m_credentials.applicationKey.toUtf8()});
    qCDebug(lcSms) << "reading the OVH API time from" << request.url.toString();

    m_http.send(request, [this](const HttpResponse& response) {
        m_timeReadInFlight = false;
        std::optional<OvhError> error;
        const std::optional<QJsonValue> value = parseJsonValue(response.body);
        if (!response.hasHttpStatus()) {
            error = OvhError {true, 0, {}, response.transportError, {}, {},
                              u"cannot read the OVH API time (GET /auth/time): %1"_s.arg(response.transportError)};
        } else if (response.status != 200 || !value || !value->isDouble()) {
            const bool transient = response.status >= 500 || response.status == 429 || response.status == 200;
            error = OvhError {transient, response.status, {}, QString::fromUtf8(response.body.left(200)),
                              QString::fromUtf8(response.header("X-Ovh-Queryid")), {},
                              u"cannot read the OVH API time (GET /auth/time): HTTP %1, expected a number of seconds"_s
                                  .arg(response.status)};
        } else {
            const qint64 serverTime = qint64(value->toDouble());
            const qint64 offset = serverTime - m_clock.now().toSecsSinceEpoch();
            if (!m_timeOffsetSec || *m_timeOffsetSec != offset) {
                qCInfo(lcSms) << "OVH API clock minus local clock:" << offset << "s";
                if (qAbs(offset) > 3) {
                    qCWarning(lcSms) << "the local clock is" << qAbs(offset) << "s" << (offset > 0 ? "behind" : "ahead of")
                                     << "the OVH API clock; requests are signed with the API time";
                }
            }
            m_timeOffsetSec = offset;
        }
        if (error)
            qCWarning(lcSms).noquote() << error->description;

        const auto waiters = std::exchange(m_timeWaiters, {});
        for (const auto& ready : waiters)
            ready(error);
    });
}

void OvhClient::sendSigned(PendingCall pending)
{
    const qint64 timestamp = m_clock.now().toSecsSinceEpoch() + m_timeOffsetSec.value_or(0);
    const QByteArray url = m_baseUrl.toEncoded() + pending.path.toUtf8();

    HttpRequest request;
    request.method = pending.method;
    request.url = QUrl::fromEncoded(url, QUrl::StrictMode);
    // The signature covers the URL exactly as QNetworkAccessManager sends it.
    const QByteArray sentUrl = request.url.toEncoded();
    request.body = pending.body;
    request.headers = {
        {"X-Ovh-Application", m_credentials.applicationKey.toUtf8()},
        {"X-Ovh-Consumer", m_credentials.consumerKey.toUtf8()},
        {"X-Ovh-Timestamp", QByteArray::number(timestamp)},
        {"X-Ovh-Signature", ovhSignature(m_credentials.applicationSecret, m_credentials.consumerKey, pending.method,
                                         sentUrl, pending.body, timestamp)},
    };
    if (pending.hasBody)
        request.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});

    m_http.send(request, [this, pending = std::move(pending)](const HttpResponse& response) mutable {
        if (!response.hasHttpStatus()) {
            const QString description = u"OVH API request %1 %2 failed: %3"_s.arg(
                QString::fromLatin1(pending.method), pending.path, response.transportError);
            pending.done(std::unexpected(OvhError {true, 0, {}, response.transportError, {}, {}, description}));
            return;
        }
        handleResponse(std::move(pending), response.status, response.body, response.header("X-Ovh-Queryid"),
                       response.header("Retry-After"));
    });
}

void OvhClient::handleResponse(PendingCall pending, int status, const QByteArray& body, const QByteArray& queryId,
                               const QByteArray& retryAfter)
{
    const QString callName = QString::fromLatin1(pending.method) + u' ' + pending.path;
    const std::optional<QJsonValue> value = parseJsonValue(body);
    if (status >= 200 && status < 300) {
        if (!value) {
            pending.done(std::unexpected(OvhError {true, status, {}, {}, QString::fromUtf8(queryId), {},
                                                   u"OVH API returned invalid JSON for %1"_s.arg(callName)}));
            return;
        }
        qCDebug(lcSms).noquote() << callName << "->" << status;
        pending.done(*value);
        return;
    }

    const QJsonObject object = value ? value->toObject() : QJsonObject();
    QString errorCode = object.value("errorCode"_L1).toString();
    if (errorCode.isEmpty())
        errorCode = object.value("class"_L1).toString();
    const QString message = object.value("message"_L1).toString(QString::fromUtf8(body.left(200)));

    if (!pending.timeReread && isSignatureOrTimeError(errorCode, message)) {
        qCWarning(lcSms).noquote() << u"OVH rejected the signature or timestamp of %1 (%2); reading the API time "
                                      "again and sending the call once more"_s.arg(callName, message);
        pending.timeReread = true;
        m_timeOffsetSec.reset();
        ensureTimeOffset([this, pending = std::move(pending)](const std::optional<OvhError>& error) mutable {
            if (error) {
                pending.done(std::unexpected(*error));
                return;
            }
            sendSigned(std::move(pending));
        });
        return;
    }

    OvhError error = classify(pending, status, errorCode, message, queryId);
    if (status == 429) {
        bool ok = false;
        const qint64 seconds = retryAfter.trimmed().toLongLong(&ok);
        if (ok && seconds > 0)
            error.retryNotBefore = m_clock.now().addSecs(seconds);
    }
    pending.done(std::unexpected(error));
}

OvhError OvhClient::classify(const PendingCall& pending, int status, const QString& errorCode,
                             const QString& message, const QByteArray& queryId) const
{
    OvhError error;
    error.httpStatus = status;
    error.errorCode = errorCode;
    error.serverMessage = message;
    error.queryId = QString::fromUtf8(queryId);
    const QString callName = QString::fromLatin1(pending.method) + u' ' + pending.path;
    const QString quoted = u"OVH: \"%1\", HTTP %2"_s.arg(message).arg(status);

    if (status == 429 || status >= 500) {
        error.transient = true;
        error.description = u"OVH API is unavailable for %1 (%2); the message will be retried"_s.arg(callName, quoted);
    } else if (errorCode == "NOT_GRANTED_CALL"_L1 || message.contains("not been granted"_L1, Qt::CaseInsensitive)) {
        error.description = u"the OVH consumer key (OVH_CONSUMER_KEY) lacks the right %1 (%2); create a consumer key "
                            "whose access rules allow this method and path"_s.arg(callName, quoted);
    } else if (errorCode == "INVALID_KEY"_L1 || message.contains("Invalid application key"_L1, Qt::CaseInsensitive)) {
        error.description = u"OVH rejected the application key (OVH_APPLICATION_KEY) (%1); check the key of the "
                            "application created at the OVH API"_s.arg(quoted);
    } else if (errorCode == "INVALID_CREDENTIAL"_L1 || errorCode == "NOT_CREDENTIAL"_L1
               || message.contains("credential"_L1, Qt::CaseInsensitive)) {
        error.description = u"OVH rejected the consumer key (OVH_CONSUMER_KEY) (%1); it may be expired, revoked or "
                            "not validated yet; create and validate a new one"_s.arg(quoted);
    } else if (isSignatureOrTimeError(errorCode, message)) {
        error.description = u"OVH rejected the signature of %1 even after the API time was read again (%2); check "
                            "the application secret (OVH_APPLICATION_SECRET) and that the consumer key "
                            "(OVH_CONSUMER_KEY) was validated"_s.arg(callName, quoted);
    } else if (status == 460) {
        error.description = u"the OVH service has expired (%1 returned %2); renew it in the OVH control panel"_s.arg(
            callName, quoted);
    } else {
        error.description = u"OVH API call %1 failed (%2)"_s.arg(callName, quoted);
    }
    return error;
}

} // namespace gcn
