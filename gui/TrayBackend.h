#pragma once

#include "TrayOptions.h"
#include "TrayPreferences.h"
#include "config/Settings.h"
#include "mqtt/ManagerConnection.h"
#include "supervision/BoardRecord.h"
#include "supervision/Event.h"
#include "supervision/Naming.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QObject>
#include <QSet>

Q_DECLARE_LOGGING_CATEGORY(lcTray)

namespace gcn {

class Clock;
class ManagerService;
class Sender;
class Supervisor;

// The core behind the tray: one run of the same ManagerService the headless service uses (broker
// connection, supervision and board store). start() begins a run with new settings and ends the
// previous one gracefully first.
//
// The tray always reconnects after a lost connection. In monitor mode the e-mail, SMS and X channels,
// the health endpoint and the dead man's switch are off, so nothing leaves the desktop but the
// manager's own status on the broker. Desktop alerts are on in both modes.
class TrayBackend final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayBackend)

public:
    explicit TrayBackend(Clock& clock, QObject* parent = nullptr);
    ~TrayBackend() override;

    // The settings a run of the given mode uses.
    static Settings settingsForMode(Settings settings, TrayMode mode);
    // Adds the recipient "desktop" to the list of each event type in `types`. A recovery type whose
    // list follows the list of its problem gets a list of its own first, so that a desktop alert for
    // the problem does not add one for the recovery.
    static void routeDesktopAlerts(NotificationSettings& notify, const QSet<EventType>& types);

    // The desktop sender plugged into every run; it stays owned by the caller and must outlive the runs.
    void setDesktopSender(Sender* sender) { m_desktopSender = sender; }

    // Starts a run; ends the current one first. Events of `desktopAlertTypes` go to the desktop sender
    // through the run's dispatcher and outbox, in both modes. Emits runFinished() at once when the
    // service cannot start (invalid naming options, board store not writable).
    void start(const Settings& settings, TrayMode mode, const QSet<EventType>& desktopAlertTypes);
    // Ends the run gracefully (the broker gets the offline status); emits stopped() when done.
    void stop();
    bool isRunning() const { return m_service != nullptr; }

    Settings settings() const { return m_settings; }
    TrayMode mode() const { return m_mode; }
    Naming naming() const { return m_naming; }
    // Null between runs.
    ManagerConnection* connection() const;
    Supervisor* supervisor() const { return m_supervisor; }
    bool isReady() const;
    // Translated state of the connection, with the cause of the last failure when there is one.
    QString connectionText() const;
    QList<BoardRecord> boards() const;

Q_SIGNALS:
    void boardChanged(const gcn::BoardRecord& record);
    // Every board record was replaced (a new run).
    void boardsReset();
    void eventOccurred(const gcn::Event& event);
    void connectionChanged();
    // The run's dispatcher queued a message or recorded a delivery outcome in the outbox.
    void notificationChanged();
    // The run ended by itself (a fatal connection error) or after stop().
    void runFinished(int exitCode, const QString& failureMessage);
    void stopped();

private:
    void launch();
    void handleFinished(int exitCode, const QString& failureMessage);

    Clock& m_clock;
    Settings m_settings;
    TrayMode m_mode = TrayMode::Monitor;
    Naming m_naming;
    ManagerService* m_service = nullptr;
    Sender* m_desktopSender = nullptr;
    Supervisor* m_supervisor = nullptr;
    QString m_failureMessage;
    bool m_restartPending = false;
    bool m_stopping = false;
};

} // namespace gcn
