#pragma once

#include "TrayOptions.h"
#include "config/Settings.h"
#include "mqtt/ManagerConnection.h"
#include "supervision/BoardRecord.h"
#include "supervision/Event.h"
#include "supervision/Naming.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QObject>

Q_DECLARE_LOGGING_CATEGORY(lcTray)

namespace gcn {

class Clock;
class ManagerService;
class Supervisor;

// The core behind the tray: one run of the same ManagerService the headless service uses (broker
// connection, supervision and board store). start() begins a run with new settings and ends the
// previous one gracefully first.
//
// The tray always reconnects after a lost connection. In monitor mode the e-mail, SMS and X channels,
// the health endpoint and the dead man's switch are off, so nothing leaves the desktop but the
// manager's own status on the broker.
class TrayBackend final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayBackend)

public:
    explicit TrayBackend(Clock& clock, QObject* parent = nullptr);
    ~TrayBackend() override;

    // The settings a run of the given mode uses.
    static Settings settingsForMode(Settings settings, TrayMode mode);

    // Starts a run; ends the current one first. Emits runFinished() at once when the service cannot
    // start (invalid naming options, board store not writable).
    void start(const Settings& settings, TrayMode mode);
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
    Supervisor* m_supervisor = nullptr;
    QString m_failureMessage;
    bool m_restartPending = false;
    bool m_stopping = false;
};

} // namespace gcn
