#pragma once

#include <QObject>
#include <QTimer>

namespace gcn {

// Tells systemd about the service through sd_notify: READY=1 once connected and subscribed, STATUS= lines
// with the connection state, and WATCHDOG=1 at half the watchdog period while the event loop runs.
// Does nothing when NOTIFY_SOCKET is not set.
class SystemdNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SystemdNotifier)

public:
    explicit SystemdNotifier(QObject* parent = nullptr);

    bool isActive() const { return m_active; }

    void notifyReady();
    void notifyStatus(const QString& status);
    // Sends STOPPING=1 once and stops the watchdog pings.
    void notifyStopping();

private:
    void send(const QByteArray& state);

    bool m_active = false;
    bool m_readySent = false;
    bool m_stoppingSent = false;
    QTimer m_watchdogTimer;
};

} // namespace gcn
