#pragma once

#include <QHostAddress>
#include <QObject>
#include <QString>

#include <expected>
#include <functional>
#include <memory>

class QHttpServer;

namespace gcn {

class MetricsRegistry;

struct HealthReport
{
    bool healthy = false;
    // Connection state in words, e.g. "connected", "waiting to reconnect".
    QString state;
    // Why the manager is not healthy; empty when it is.
    QString reason;
    // The last connection error, e.g. "Connection to broker:8883 failed: Connection refused"; may be empty.
    QString lastError;
    // "ok", or "failing" while notifications cannot be written to the outbox and wait in memory; empty
    // when the manager has no outbox. A failing outbox alone keeps the status 200: supervision goes on.
    QString outbox;
};

// Optional HTTP endpoint for monitoring: GET /healthz returns 200 when the manager is connected and
// subscribed and 503 otherwise, with a short JSON body ({"status", "state", "outbox", and when unhealthy "reason"
// and "error"}); GET /metrics serves the metrics in Prometheus format.
class HealthServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HealthServer)

public:
    HealthServer(MetricsRegistry& metrics, std::function<HealthReport()> health, QObject* parent = nullptr);
    ~HealthServer() override;

    // Starts listening; returns the bound port (useful with port 0) or why it failed.
    std::expected<quint16, QString> listen(const QHostAddress& address, quint16 port);

private:
    MetricsRegistry& m_metrics;
    std::function<HealthReport()> m_health;
    std::unique_ptr<QHttpServer> m_server;
};

} // namespace gcn
