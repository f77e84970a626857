#pragma once

#include "channels/Sender.h"

#include <QPointer>

class QSystemTrayIcon;

namespace gcn {

// The desktop channel: shows each message as a tray balloon (QSystemTrayIcon::showMessage()), with
// the subject as title and the short text as body.
//
// A message sent while alerts are paused counts as delivered with the note "not shown: desktop alerts
// are paused": the user chose not to see it, nothing is wrong, and it must not pop up later when the
// pause ends. A message with no system tray to show it ends with a permanent failure that gives the reason.
// The dispatcher stores the note or the reason in the outbox, so the history shows it.
class DesktopSender final : public Sender
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopSender)

public:
    // How long a balloon stays, in milliseconds; the desktop may shorten it.
    static constexpr int balloonTimeoutMs = 10'000;

    explicit DesktopSender(QSystemTrayIcon* trayIcon, QObject* parent = nullptr);

    Channel channel() const override { return Channel::Desktop; }
    void send(const OutgoingMessage& message) override;

    bool isPaused() const { return m_paused; }
    void setPaused(bool paused);

private:
    QPointer<QSystemTrayIcon> m_trayIcon;
    bool m_paused = false;
};

} // namespace gcn
