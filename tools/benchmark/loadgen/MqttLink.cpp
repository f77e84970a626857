#include "MqttLink.h"

#include <cerrno>
#include <cstring>
#include <utility>

#include <mosquitto.h>
#include <openssl/ssl.h>
#include <sys/epoll.h>
#include <sys/socket.h>

namespace gcn::bench {

using namespace Qt::StringLiterals;

MqttLink::MqttLink(QByteArray clientId, std::optional<Will> will)
    : m_clientId(std::move(clientId))
    , m_will(std::move(will))
{
}

MqttLink::~MqttLink()
{
    if (m_handle)
        mosquitto_destroy(m_handle);
}

bool MqttLink::start(const LinkSettings& settings, ssl_ctx_st* tlsContext)
{
    m_handle = mosquitto_new(m_clientId.constData(), true, this);
    if (!m_handle) {
        close(u"mosquitto_new failed: %1"_s.arg(QString::fromLocal8Bit(std::strerror(errno))));
        return false;
    }
    mosquitto_connect_callback_set(m_handle, &MqttLink::onConnect);
    mosquitto_disconnect_callback_set(m_handle, &MqttLink::onDisconnect);
    const QByteArray user = settings.userName.toUtf8();
    const QByteArray password = settings.password.toUtf8();
    if (!user.isEmpty())
        mosquitto_username_pw_set(m_handle, user.constData(), password.constData());
    if (m_will)
        mosquitto_will_set(m_handle, m_will->topic.constData(), int(m_will->payload.size()), m_will->payload.constData(),
                           0, true);
    mosquitto_void_option(m_handle, MOSQ_OPT_SSL_CTX, tlsContext);
    // The shared context does all verification. With its defaults on, libmosquitto requires a CA file of its own.
    mosquitto_int_option(m_handle, MOSQ_OPT_SSL_CTX_WITH_DEFAULTS, 0);

    const QByteArray host = settings.host.toUtf8();
    const int rc = mosquitto_connect_async(m_handle, host.constData(), settings.port, settings.keepAliveSec);
    if (rc != MOSQ_ERR_SUCCESS) {
        close(u"cannot connect to %1:%2: %3"_s.arg(settings.host).arg(settings.port).arg(
            QString::fromUtf8(mosquitto_strerror(rc))));
        return false;
    }
    m_state = State::Connecting;
    m_tcpConnectPending = true;
    return true;
}

int MqttLink::fd() const
{
    return m_handle ? mosquitto_socket(m_handle) : -1;
}

bool MqttLink::tlsHandshakeInProgress() const
{
    const auto* ssl = m_handle ? static_cast<const SSL*>(mosquitto_ssl_get(m_handle)) : nullptr;
    return ssl && !SSL_is_init_finished(ssl);
}

uint32_t MqttLink::epollInterest() const
{
    if (m_state == State::Closed || m_state == State::Idle || fd() < 0)
        return 0;
    if (m_tcpConnectPending)
        return uint32_t(EPOLLOUT);
    if (tlsHandshakeInProgress()) {
        // libmosquitto advances the handshake from its read path only. It reports the queued CONNECT as
        // pending output although it cannot be sent yet, so only OpenSSL's own need to write counts.
        const bool write = SSL_want_write(static_cast<SSL*>(mosquitto_ssl_get(m_handle)));
        return write ? uint32_t(EPOLLIN | EPOLLOUT) : uint32_t(EPOLLIN);
    }
    return mosquitto_want_write(m_handle) ? uint32_t(EPOLLIN | EPOLLOUT) : uint32_t(EPOLLIN);
}

void MqttLink::handleEvents(uint32_t events)
{
    if (m_state == State::Closed || !m_handle)
        return;
    if (m_tcpConnectPending) {
        int socketError = 0;
        socklen_t length = sizeof socketError;
        if (getsockopt(fd(), SOL_SOCKET, SO_ERROR, &socketError, &length) != 0)
            socketError = errno;
        if (socketError != 0) {
            close(u"TCP connect failed: %1"_s.arg(QString::fromLocal8Bit(std::strerror(socketError))));
            return;
        }
        m_tcpConnectPending = false;
    }
    int rc = MOSQ_ERR_SUCCESS;
    if (tlsHandshakeInProgress()) {
        rc = mosquitto_loop_read(m_handle, 1);
    } else {
        if (events & (EPOLLIN | EPOLLERR | EPOLLHUP))
            rc = mosquitto_loop_read(m_handle, 1);
        if (rc == MOSQ_ERR_SUCCESS && m_state != State::Closed && (events & EPOLLOUT))
            rc = mosquitto_loop_write(m_handle, 1);
    }
    if (rc != MOSQ_ERR_SUCCESS && m_state != State::Closed)
        close(QString::fromUtf8(rc == MOSQ_ERR_ERRNO ? std::strerror(errno) : mosquitto_strerror(rc)));
}

void MqttLink::service()
{
    if (m_state != State::Connected)
        return;
    const int rc = mosquitto_loop_misc(m_handle);
    if (rc != MOSQ_ERR_SUCCESS && m_state != State::Closed)
        close(QString::fromUtf8(mosquitto_strerror(rc)));
}

bool MqttLink::publish(const QByteArray& topic, const QByteArray& payload)
{
    if (m_state != State::Connected)
        return false;
    const int rc = mosquitto_publish(m_handle, nullptr, topic.constData(), int(payload.size()), payload.constData(), 0,
                                     true);
    if (rc == MOSQ_ERR_SUCCESS)
        return true;
    if (m_state != State::Closed)
        close(u"publish failed: %1"_s.arg(QString::fromUtf8(mosquitto_strerror(rc))));
    return false;
}

bool MqttLink::hasPendingOutput() const
{
    return m_handle && m_state == State::Connected && mosquitto_want_write(m_handle);
}

void MqttLink::abort()
{
    if (m_state == State::Closed)
        return;
    // shutdown() first, so that destroying the handle cannot send anything more, not even a TLS alert.
    if (fd() >= 0)
        ::shutdown(fd(), SHUT_RDWR);
    close(u"aborted"_s);
}

bool MqttLink::takeConnectedFlag()
{
    return std::exchange(m_connectedFlag, false);
}

void MqttLink::close(const QString& reason)
{
    m_state = State::Closed;
    // A callback may already have recorded the precise cause (CONNACK code, lost connection).
    if (m_closeReason.isEmpty())
        m_closeReason = reason;
    if (m_handle) {
        mosquitto* handle = std::exchange(m_handle, nullptr);
        mosquitto_destroy(handle);
    }
}

void MqttLink::onConnect(mosquitto*, void* self, int returnCode)
{
    auto* link = static_cast<MqttLink*>(self);
    if (returnCode == 0) {
        link->m_state = State::Connected;
        link->m_connectedFlag = true;
    } else {
        // The link is closed by the caller of the library function that reported this, once it returned.
        link->m_closeReason = u"CONNACK %1: %2"_s.arg(returnCode).arg(
            QString::fromUtf8(mosquitto_connack_string(returnCode)));
    }
}

void MqttLink::onDisconnect(mosquitto*, void* self, int returnCode)
{
    auto* link = static_cast<MqttLink*>(self);
    if (link->m_closeReason.isEmpty())
        link->m_closeReason = u"disconnected: %1"_s.arg(QString::fromUtf8(mosquitto_strerror(returnCode)));
}

} // namespace gcn::bench
