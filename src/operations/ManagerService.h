#pragma once

#include "config/Options.h"
#include "config/Settings.h"
#include "operations/MetricsRegistry.h"

#include <QObject>

#include <memory>

class QLockFile;
class QNetworkAccessManager;

namespace gcn {

class BoardStore;
class Clock;
class DeadMansSwitch;
class Dispatcher;
class Outbox;
class Sender;
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

    // Checks everything the run needs that single option values cannot show: recipients, aliases and
    // labels, and the settings of each enabled channel.
    static std::optional<ConfigError> validate(const Settings& settings);

    // With `enabled` false, sends no e-mail, SMS or X message but keeps watching, for a monitor beside
    // another manager; senders plugged with addSender() still run. Call before start().
    void setNotificationsEnabled(bool enabled) { m_notificationsEnabled = enabled; }
    // Plugs a sender of a channel that the service does not build itself (desktop alerts), which stays
    // owned by the caller and must outlive the run. A desktop sender enables the desktop channel of the
    // routing table. Call before start().
    void addSender(Sender* sender);
    // Null until start(), and when notifications are off.
    Dispatcher* dispatcher() const { return m_dispatcher; }
    Outbox* outbox() const { return m_outbox.get(); }
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
    bool lockStateDir(QString* error);
    bool startSupervision(QString* error);
    bool startNotifications(QString* error);
    void finishAfterNotifications(int exitCode, const QString& failureMessage);

    const Settings m_settings;
    Clock& m_clock;
    MetricsRegistry m_metrics;
    QNetworkAccessManager* m_network = nullptr;
    ManagerConnection* m_connection = nullptr;
    std::unique_ptr<QLockFile> m_stateLock;
    std::unique_ptr<BoardStore> m_boardStore;
    Supervisor* m_supervisor = nullptr;
    bool m_notificationsEnabled = true;
    std::unique_ptr<Outbox> m_outbox;
    Dispatcher* m_dispatcher = nullptr;
    QList<Sender*> m_senders;
    bool m_finishing = false;
    SystemdNotifier* m_systemd = nullptr;
    HealthServer* m_healthServer = nullptr;
    DeadMansSwitch* m_deadMansSwitch = nullptr;
};

} // namespace gcn
