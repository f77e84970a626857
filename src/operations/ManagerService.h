#pragma once

#include "config/Settings.h"
#include "operations/MetricsRegistry.h"

#include <QObject>

#include <memory>

class QNetworkAccessManager;

namespace gcn {

class BoardStore;
class Clock;
class DeadMansSwitch;
class HealthServer;
class ManagerConnection;
class Supervisor;
class SystemdNotifier;
struct Event;
struct HealthReport;

// The headless service: owns the broker connection and everything that reacts to it, and ends the run
// with the connection's exit status.
class ManagerService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ManagerService)

public:
    ManagerService(const Settings& settings, Clock& clock, QObject* parent = nullptr);
    ~ManagerService() override;

    ManagerConnection* connection() const { return m_connection; }
    // Null until start() opened the board store.
    Supervisor* supervisor() const { return m_supervisor; }
    MetricsRegistry& metrics() { return m_metrics; }
    HealthReport health() const;

public Q_SLOTS:
    // Starts the endpoints and the connection; emits finished() at once when an endpoint cannot start.
    void start();
    void stop();

Q_SIGNALS:
    // The run is over; failureMessage is empty after a clean stop.
    void finished(int exitCode, const QString& failureMessage);

private:
    void describeMetrics();
    void handleEvent(const Event& event);
    void handleStateChanged();
    bool startEndpoints(QString* error);
    bool startSupervision(QString* error);

    const Settings m_settings;
    Clock& m_clock;
    MetricsRegistry m_metrics;
    QNetworkAccessManager* m_network = nullptr;
    ManagerConnection* m_connection = nullptr;
    std::unique_ptr<BoardStore> m_boardStore;
    Supervisor* m_supervisor = nullptr;
    SystemdNotifier* m_systemd = nullptr;
    HealthServer* m_healthServer = nullptr;
    DeadMansSwitch* m_deadMansSwitch = nullptr;
};

} // namespace gcn
