#pragma once

#include <expected>
#include <functional>
#include <optional>

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "common/Clock.h"

Q_DECLARE_LOGGING_CATEGORY(lcSms)

namespace gcn {

class HttpApi;

// Endpoint names of the OVH API client libraries, in the order --help lists them.
QStringList ovhEndpointNames();

// Base URL of the OVH API, e.g. https://eu.api.ovh.com/1.0 for "ovh-eu". An https URL is used as given,
// without a trailing slash, so that private gateways and test servers can stand in for OVH.
std::expected<QUrl, QString> ovhEndpointUrl(const QString& endpoint);

// Signature of one OVH API call: "$1$" followed by the lower-case hex SHA-1 of
// applicationSecret+consumerKey+METHOD+url+body+timestamp, where url and body are the exact bytes sent.
QByteArray ovhSignature(const QString& applicationSecret, const QString& consumerKey, const QByteArray& method,
                        const QByteArray& url, const QByteArray& body, qint64 timestamp);

struct OvhCredentials
{
    QString applicationKey;
    QString applicationSecret;
    QString consumerKey;
};

// A failed OVH API call, classified for the outbox.
struct OvhError
{
    // True when a later attempt may succeed without a change of configuration.
    bool transient = false;
    // HTTP status code, 0 when no HTTP response arrived.
    int httpStatus = 0;
    // OVH's errorCode (INVALID_SIGNATURE, NOT_GRANTED_CALL, ...) or class (Client::Forbidden), when given.
    QString errorCode;
    // OVH's own message, or the transport error.
    QString serverMessage;
    // X-Ovh-Queryid of the response, for OVH support.
    QString queryId;
    // Earliest retry the service asked for (Retry-After of a 429 response).
    std::optional<QDateTime> retryNotBefore;
    // A full sentence for the user: what failed and what to do.
    QString description;
};

using OvhResult = std::expected<QJsonValue, OvhError>;

// Signs and sends OVH API calls. The offset between the local clock and the API clock is read from
// /auth/time before the first signed call. When a call fails with a signature or timestamp error, the
// offset is read again and that call is sent once more.
class OvhClient final : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const OvhResult&)>;

    OvhClient(HttpApi& http, const QUrl& baseUrl, const OvhCredentials& credentials, const Clock& clock,
              QObject* parent = nullptr);

    // Sends a signed call. `path` starts with '/' and is already percent-encoded (see pathSegment());
    // `body` is sent as compact JSON. `done` gets the parsed JSON response, or null for an empty body.
    void call(const QByteArray& method, const QString& path, const std::optional<QJsonObject>& body,
              Callback done);

    // Percent-encodes one path segment (a service name, login or sender).
    static QString pathSegment(const QString& value);

    // API time minus local time, in seconds; empty before the first successful read of /auth/time.
    std::optional<qint64> timeOffsetSec() const { return m_timeOffsetSec; }

private:
    struct PendingCall
    {
        QByteArray method;
        QString path;
        QByteArray body;
        bool hasBody = false;
        bool timeReread = false;
        Callback done;
    };

    void ensureTimeOffset(std::function<void(const std::optional<OvhError>&)> ready);
    void readServerTime();
    void sendSigned(PendingCall pending);
    void handleResponse(PendingCall pending, int status, const QByteArray& body, const QByteArray& queryId,
                        const QByteArray& retryAfter);
    OvhError classify(const PendingCall& pending, int status, const QString& errorCode, const QString& message,
                      const QByteArray& queryId) const;

    HttpApi& m_http;
    QUrl m_baseUrl;
    OvhCredentials m_credentials;
    const Clock& m_clock;
    std::optional<qint64> m_timeOffsetSec;
    bool m_timeReadInFlight = false;
    QList<std::function<void(const std::optional<OvhError>&)>> m_timeWaiters;
};

} // namespace gcn
