#include "operations/SystemdNotifier.h"

#include "operations/SignalWatcher.h"

#include <systemd/sd-daemon.h>

#include <algorithm>
#include <cstring>
#include <limits>

namespace gcn {

SystemdNotifier::SystemdNotifier(QObject* parent)
    : QObject(parent)
    , m_active(qEnvironmentVariableIsSet("NOTIFY_SOCKET"))
{
    if (!m_active)
        return;
    uint64_t watchdogUsec = 0;
    if (sd_watchdog_enabled(0, &watchdogUsec) > 0 && watchdogUsec > 0) {
        // The timer fires only while the event loop turns, so a stuck loop stops the pings.
        const uint64_t halfPeriodMs = std::clamp<uint64_t>(watchdogUsec / 2000, 100, std::numeric_limits<int>::max());
        m_watchdogTimer.setInterval(int(halfPeriodMs));
        connect(&m_watchdogTimer, &QTimer::timeout, this, [this] { send("WATCHDOG=1"); });
        m_watchdogTimer.start();
        qCInfo(lcService) << "systemd watchdog every" << m_watchdogTimer.interval() << "ms";
    }
}

void SystemdNotifier::notifyReady()
{
    if (m_readySent)
        return;
    m_readySent = true;
    send("READY=1");
}

void SystemdNotifier::notifyStatus(const QString& status)
{
    send("STATUS=" + status.toUtf8());
}

void SystemdNotifier::notifyStopping()
{
    if (m_stoppingSent)
        return;
    m_stoppingSent = true;
    m_watchdogTimer.stop();
    send("STOPPING=1");
}

void SystemdNotifier::send(const QByteArray& state)
{
    if (!m_active)
        return;
    const int result = sd_notify(0, state.constData());
    if (result < 0)
        qCWarning(lcService) << "sd_notify failed:" << strerror(-result);
}

} // namespace gcn
