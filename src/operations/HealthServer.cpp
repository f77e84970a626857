#include "operations/HealthServer.h"

#include "operations/MetricsRegistry.h"
#include "operations/SignalWatcher.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>

namespace gcn {

using namespace Qt::StringLiterals;

HealthServer::HealthServer(MetricsRegistry& metrics, std::function<HealthReport()> health, QObject* parent)
    : QObject(parent)
    , m_metrics(metrics)
    , m_health(std::move(health))
    , m_server(std::make_unique<QHttpServer>())
{
    m_server->route(u"/healthz"_s, QHttpServerRequest::Method::Get, [this](const QHttpServerRequest&) {
        const HealthReport report = m_health();
        QJsonObject body {{u"status"_s, report.healthy ? u"ok"_s : u"unavailable"_s}, {u"state"_s, report.state}};
        if (!report.reason.isEmpty())
            body.insert(u"reason"_s, report.reason);
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
    const quint16 bound = m_server->listen(address, port);
    if (bound == 0)
        return std::unexpected(u"cannot listen on %1:%2 (address in use or not local)"_s.arg(address.toString()).arg(port));
    qCInfo(lcService) << "health and metrics endpoint listening on" << address.toString() << bound;
    return bound;
}

} // namespace gcn
