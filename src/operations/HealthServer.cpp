#include "operations/HealthServer.h"

#include "operations/MetricsRegistry.h"
#include "operations/SignalWatcher.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

// ADDR:PORT as --http-listen takes it, with brackets around an IPv6 address.
QString endpointText(const QHostAddress& address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']'
                                                                             : address.toString();
    return u"%1:%2"_s.arg(host).arg(port);
}

} // namespace

HealthServer::HealthServer(MetricsRegistry& metrics, std::function<HealthReport()> health, QObject* parent)
    : QObject(parent)
    , m_metrics(metrics)
    , m_health(std::move(health))
    , m_server(std::make_unique<QHttpServer>())
{
    m_server->route(u"/healthz"_s, QHttpServerRequest::Method::Get, [this](const QHttpServerRequest&) {
        const HealthReport report = m_health();
        QJsonObject body {{u"status"_s, report.healthy ? u"ok"_s : u"unavailable"_s}, {u"state"_s, report.state}};
        if (!report.outbox.isEmpty())
            body.insert(u"outbox"_s, report.outbox);
        if (!report.reason.isEmpty())
            body.insert(u"reason"_s, report.reason);
        if (!report.lastError.isEmpty())
            body.insert(u"error"_s, report.lastError);
        return QHttpServerResponse(body, report.healthy ? QHttpServerResponder::StatusCode::Ok
                                                        : QHttpServerResponder::StatusCode::ServiceUnavailable);
    });
    m_server->route(u"/metrics"_s, QHttpServerRequest::Method::Get, [this](const QHttpServerRequest&) {
        return QHttpServerResponse("text/plain; version=0.0.4; charset=utf-8", m_metrics.renderPrometheus().toUtf8());
    });
    m_server->afterRequest([](QHttpServerResponse&& response) {
        response.setHeader("Cache-Control", "no-store");
        return std::move(response);
    });
}

HealthServer::~HealthServer() = default;

std::expected<quint16, QString> HealthServer::listen(const QHostAddress& address, quint16 port)
{
    // A server of our own, because QHttpServer::listen() reports no reason for a failure.
    auto* tcpServer = new QTcpServer(m_server.get());
    if (!tcpServer->listen(address, port)) {
        const QString reason = tcpServer->errorString();
        delete tcpServer;
        return std::unexpected(u"cannot listen on %1: %2"_s.arg(endpointText(address, port), reason));
    }
    m_server->bind(tcpServer);
    const quint16 bound = tcpServer->serverPort();
    qCInfo(lcService).noquote() << "health and metrics endpoint listening on" << endpointText(address, bound);
    return bound;
}

} // namespace gcn
