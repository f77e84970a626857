#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QTemporaryDir>

class QSocketNotifier;

namespace gcn::test {

// A unix datagram socket that receives sd_notify() messages, as systemd's NOTIFY_SOCKET does. Give path()
// to the program in NOTIFY_SOCKET; every datagram is kept, in order, while the test's event loop runs.
class NotifySocket
{
public:
    NotifySocket();
    ~NotifySocket();
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;

    // Creates and binds the socket. Returns false with errorString() on failure.
    bool open();
    QString errorString() const { return m_errorString; }
    QString path() const;

    // Every datagram received so far, e.g. "READY=1" or "STATUS=MQTT connecting".
    const QList<QByteArray>& messages() const { return m_messages; }
    // Number of datagrams equal to `message`, or starting with it when it ends with '='.
    int count(const QByteArray& message) const;
    // Index of the first datagram at or after `from` that equals `message` (or starts with it when it ends
    // with '='), or -1.
    qsizetype indexOf(const QByteArray& message, qsizetype from = 0) const;
    // The datagrams as text, for failure messages.
    QString describe() const;

private:
    void receive();

    QTemporaryDir m_dir;
    int m_fd = -1;
    QSocketNotifier* m_notifier = nullptr;
    QList<QByteArray> m_messages;
    QString m_errorString;
};

} // namespace gcn::test
