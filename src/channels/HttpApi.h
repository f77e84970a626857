#pragma once

#include <expected>
#include <functional>
#include <utility>

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace gcn {

// Builds the TLS configuration of the HTTPS APIs: the system CA store plus, when caFile is not empty,
// every certificate of that PEM file. Fails when the file cannot be read or contains no certificate.
std::expected<QSslConfiguration, QString> httpsTlsConfiguration(const QString& caFile);

struct HttpRequest
{
    // Upper-case HTTP method: GET, POST, PUT or DELETE.
    QByteArray method;
    // Sent exactly as QUrl::toEncoded() returns it.
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    // Sent only with POST and PUT.
    QByteArray body;
};

struct HttpResponse
{
    // HTTP status code, 0 when no HTTP response arrived.
    int status = 0;
    // Description of a failure below HTTP (refused connection, TLS, timeout); empty when a response arrived.
    QString transportError;
    bool timedOut = false;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    bool hasHttpStatus() const { return status > 0; }
    // Value of a response header, matched case-insensitively; empty when absent.
    QByteArray header(const QByteArray& name) const;
};

// Sends HTTPS requests through one QNetworkAccessManager with a TLS configuration and a per-request
// time limit, and hands each response to a callback. Redirects are not followed, because a signed
// request is valid only for the URL it was signed for.
class HttpApi final : public QObject
{
    Q_OBJECT

public:
    // Uses `network` when given (it must outlive this object), otherwise a manager of its own.
    HttpApi(QNetworkAccessManager* network, const QSslConfiguration& tls, int timeoutMs,
            QObject* parent = nullptr);

    // Calls `done` exactly once, on this object's thread, unless this object is destroyed first. A request
    // without a response within the time limit is aborted and reported with timedOut set.
    void send(const HttpRequest& request, std::function<void(const HttpResponse&)> done);

    int timeoutMs() const { return m_timeoutMs; }

private:
    QNetworkAccessManager* m_network = nullptr;
    QSslConfiguration m_tls;
    int m_timeoutMs = 0;
};

} // namespace gcn
