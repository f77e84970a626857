#include "channels/HttpApi.h"

#include <memory>

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QTimer>

namespace gcn {

using namespace Qt::StringLiterals;

std::expected<QSslConfiguration, QString> httpsTlsConfiguration(const QString& caFile)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (caFile.isEmpty())
        return tls;

    QFile file(caFile);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(u"cannot read the CA file %1: %2"_s.arg(caFile, file.errorString()));
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty())
        return std::unexpected(u"the CA file %1 holds no PEM certificate"_s.arg(caFile));
    tls.addCaCertificates(certificates);
    return tls;
}

QByteArray HttpResponse::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpApi::HttpApi(QNetworkAccessManager* network, const QSslConfiguration& tls, int timeoutMs, QObject* parent)
    : QObject(parent)
    , m_network(network ? network : new QNetworkAccessManager(this))
    , m_tls(tls)
    , m_timeoutMs(timeoutMs)
{
}

void HttpApi::send(const HttpRequest& request, std::function<void(const HttpResponse&)> done)
{
    QNetworkRequest networkRequest(request.url);
    networkRequest.setSslConfiguration(m_tls);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    networkRequest.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("gcn-manager/" GCN_VERSION));
    for (const auto& [name, value] : request.headers)
        networkRequest.setRawHeader(name, value);

    QNetworkReply* reply = nullptr;
    if (request.method == "GET")
        reply = m_network->get(networkRequest);
    else if (request.method == "DELETE")
        reply = m_network->deleteResource(networkRequest);
    else if (request.method == "POST")
        reply = m_network->post(networkRequest, request.body);
    else if (request.method == "PUT")
        reply = m_network->put(networkRequest, request.body);
    else
        reply = m_network->sendCustomRequest(networkRequest, request.method, request.body);

    // The timer and the TLS error list live as long as the reply.
    auto* timer = new QTimer(reply);
    timer->setSingleShot(true);
    timer->setInterval(m_timeoutMs);
    auto timedOut = std::make_shared<bool>(false);
    auto tlsErrors = std::make_shared<QStringList>();
    connect(timer, &QTimer::timeout, reply, [reply, timedOut] {
        *timedOut = true;
        reply->abort();
    });
    connect(reply, &QNetworkReply::sslErrors, reply, [tlsErrors](const QList<QSslError>& errors) {
        for (const QSslError& error : errors)
            tlsErrors->append(error.errorString());
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, timedOut, tlsErrors, done = std::move(done)] {
        reply->deleteLater();
        HttpResponse response;
        response.timedOut = *timedOut;
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (response.timedOut) {
            response.transportError = u"no response within %1 ms"_s.arg(m_timeoutMs);
        } else if (status.isValid()) {
            response.status = status.toInt();
            response.body = reply->readAll();
            response.headers = reply->rawHeaderPairs();
        } else if (!tlsErrors->isEmpty()) {
            response.transportError = u"TLS handshake failed: "_s + tlsErrors->join(u"; "_s);
        } else {
            response.transportError = reply->errorString();
        }
        done(response);
    });
    timer->start();
}

} // namespace gcn
