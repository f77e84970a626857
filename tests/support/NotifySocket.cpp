#include "NotifySocket.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <QFile>
#include <QSocketNotifier>

namespace gcn::test {

using namespace Qt::StringLiterals;

namespace {

bool matches(const QByteArray& datagram, const QByteArray& message)
{
    return message.endsWith('=') ? datagram.startsWith(message) : datagram == message;
}

} // namespace

NotifySocket::NotifySocket() = default;

NotifySocket::~NotifySocket()
{
    delete m_notifier;
    if (m_fd >= 0)
        ::close(m_fd);
}

QString NotifySocket::path() const
{
    return m_dir.filePath(u"notify"_s);
}

bool NotifySocket::open()
{
    if (!m_dir.isValid()) {
        m_errorString = u"Cannot create a temporary folder: %1"_s.arg(m_dir.errorString());
        return false;
    }
    const QByteArray encoded = QFile::encodeName(path());
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    if (encoded.size() >= qsizetype(sizeof address.sun_path)) {
        m_errorString = u"The socket path %1 is too long"_s.arg(path());
        return false;
    }
    std::memcpy(address.sun_path, encoded.constData(), size_t(encoded.size()));
    m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        m_errorString = u"Cannot bind a datagram socket to %1: %2"_s.arg(path(), QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read);
    QObject::connect(m_notifier, &QSocketNotifier::activated, m_notifier, [this] { receive(); });
    return true;
}

void NotifySocket::receive()
{
    char buffer[4096];
    for (;;) {
        const ssize_t size = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (size < 0)
            return;
        m_messages << QByteArray(buffer, size).trimmed();
    }
}

int NotifySocket::count(const QByteArray& message) const
{
    return int(std::count_if(m_messages.cbegin(), m_messages.cend(),
                             [&message](const QByteArray& datagram) { return matches(datagram, message); }));
}

qsizetype NotifySocket::indexOf(const QByteArray& message, qsizetype from) const
{
    for (qsizetype index = std::max<qsizetype>(from, 0); index < m_messages.size(); ++index) {
        if (matches(m_messages.at(index), message))
            return index;
    }
    return -1;
}

QString NotifySocket::describe() const
{
    QStringList lines;
    for (const QByteArray& datagram : m_messages)
        lines << QString::fromUtf8(datagram);
    return u"sd_notify messages:\n  "_s + lines.join(u"\n  "_s);
}

} // namespace gcn::test
