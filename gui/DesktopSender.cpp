#include "DesktopSender.h"

#include <QSystemTrayIcon>
#include <QTimer>

namespace gcn {

DesktopSender::DesktopSender(QSystemTrayIcon* trayIcon, QObject* parent)
    : Sender(parent)
    , m_trayIcon(trayIcon)
{
}

void DesktopSender::setPaused(bool paused)
{
    m_paused = paused;
}

void DesktopSender::send(const OutgoingMessage& message)
{
    DeliveryOutcome outcome;
    if (m_paused) {
        outcome = {DeliveryStatus::Delivered, tr("not shown: desktop alerts are paused"), std::nullopt};
    } else if (!m_trayIcon || !m_trayIcon->isVisible() || !QSystemTrayIcon::isSystemTrayAvailable()) {
        outcome = {DeliveryStatus::PermanentFailure, tr("no system tray to show the alert"), std::nullopt};
    } else {
        m_trayIcon->showMessage(message.subject, message.shortText, QSystemTrayIcon::Information, balloonTimeoutMs);
    }
    // Senders report each outcome asynchronously, even when it is known at once.
    const qint64 id = message.id;
    QTimer::singleShot(0, this, [this, id, outcome] { Q_EMIT finished(id, outcome); });
}

} // namespace gcn
