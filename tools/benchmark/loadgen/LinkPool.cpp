#include "LinkPool.h"

#include <array>
#include <cerrno>
#include <cstring>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <QFile>
#include <QHostAddress>
#include <QSocketNotifier>

namespace gcn::bench {

using namespace Qt::StringLiterals;

namespace {

QString openSslErrors()
{
    QStringList errors;
    while (const unsigned long code = ERR_get_error()) {
        std::array<char, 256> text {};
        ERR_error_string_n(code, text.data(), text.size());
        errors.append(QString::fromLatin1(text.data()));
    }
    return errors.isEmpty() ? u"unknown OpenSSL error"_s : errors.join(u"; "_s);
}

} // namespace

LinkPool::LinkPool(const LinkSettings& settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
{
    m_serviceTimer.setInterval(1000);
    connect(&m_serviceTimer, &QTimer::timeout, this, &LinkPool::serviceAll);
}

LinkPool::~LinkPool()
{
    m_links.clear();
    if (m_tlsContext)
        SSL_CTX_free(m_tlsContext);
    if (m_epollFd >= 0)
        ::close(m_epollFd);
}

bool LinkPool::initialize(const QString& caFile, const QString& tlsName, QString* error)
{
    m_tlsContext = SSL_CTX_new(TLS_client_method());
    if (!m_tlsContext) {
        *error = u"cannot create the TLS context: %1"_s.arg(openSslErrors());
        return false;
    }
    SSL_CTX_set_verify(m_tlsContext, SSL_VERIFY_PEER, nullptr);
    SSL_CTX_set_min_proto_version(m_tlsContext, TLS1_2_VERSION);
    // Ten thousand idle links would otherwise keep two 16 KiB buffers each.
    SSL_CTX_set_mode(m_tlsContext, SSL_MODE_RELEASE_BUFFERS);
    const QByteArray caPath = QFile::encodeName(caFile);
    if (caFile.isEmpty() ? SSL_CTX_set_default_verify_paths(m_tlsContext) != 1
                         : SSL_CTX_load_verify_locations(m_tlsContext, caPath.constData(), nullptr) != 1) {
        *error = u"cannot load the trusted CA certificates %1: %2"_s.arg(caFile, openSslErrors());
        return false;
    }
    X509_VERIFY_PARAM* verifyParam = SSL_CTX_get0_param(m_tlsContext);
    const QByteArray name = tlsName.toUtf8();
    const bool nameSet = QHostAddress(tlsName).isNull() ? X509_VERIFY_PARAM_set1_host(verifyParam, name.constData(), 0)
                                                        : X509_VERIFY_PARAM_set1_ip_asc(verifyParam, name.constData());
    if (nameSet != 1) {
        *error = u"invalid TLS name %1: %2"_s.arg(tlsName, openSslErrors());
        return false;
    }

    m_epollFd = epoll_create1(EPOLL_CLOEXEC);
    if (m_epollFd < 0) {
        *error = u"epoll_create1 failed: %1"_s.arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    m_notifier = new QSocketNotifier(m_epollFd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &LinkPool::dispatchEvents);
    m_serviceTimer.start();
    return true;
}

int LinkPool::addLink(const QByteArray& clientId, std::optional<MqttLink::Will> will)
{
    m_links.push_back(std::make_unique<MqttLink>(clientId, std::move(will)));
    m_registered.push_back(0);
    m_blocked.push_back(false);
    m_reportedClosed.push_back(false);
    m_pending.push_back(false);
    m_up.push_back(false);
    return int(m_links.size()) - 1;
}

void LinkPool::connectAll(int maxPending)
{
    m_maxPending = qMax(1, maxPending);
    startPending();
}

void LinkPool::startPending()
{
    while (m_pendingCount < m_maxPending && m_nextToStart < linkCount()) {
        const int index = m_nextToStart++;
        ++m_pendingCount;
        m_pending[size_t(index)] = true;
        link(index).start(m_settings, m_tlsContext);
        afterActivity(index);
    }
}

bool LinkPool::publish(int index, const QByteArray& topic, const QByteArray& payload)
{
    const bool published = link(index).publish(topic, payload);
    if (published && link(index).hasPendingOutput())
        m_blocked[size_t(index)] = true;
    afterActivity(index);
    return published;
}

void LinkPool::abort(int index)
{
    link(index).abort();
    afterActivity(index);
}

void LinkPool::dispatchEvents()
{
    std::array<epoll_event, 256> events {};
    int count = 0;
    do {
        count = epoll_wait(m_epollFd, events.data(), int(events.size()), 0);
        for (int i = 0; i < count; ++i) {
            const int index = int(events[size_t(i)].data.u32);
            link(index).handleEvents(events[size_t(i)].events);
            afterActivity(index);
        }
    } while (count == int(events.size()));
}

void LinkPool::serviceAll()
{
    for (int index = 0; index < linkCount(); ++index) {
        if (link(index).state() == MqttLink::State::Connected) {
            link(index).service();
            afterActivity(index);
        }
    }
}

// Reports what changed on a link and updates its epoll registration.
void LinkPool::afterActivity(int index)
{
    MqttLink& current = link(index);
    const bool connected = current.takeConnectedFlag();
    const bool closed = current.state() == MqttLink::State::Closed;
    if ((connected || closed) && m_pending[size_t(index)]) {
        m_pending[size_t(index)] = false;
        --m_pendingCount;
    }
    if (connected) {
        m_up[size_t(index)] = true;
        ++m_connectedCount;
        Q_EMIT linkConnected(index);
    }
    if (closed) {
        m_registered[size_t(index)] = 0;
        if (!m_reportedClosed[size_t(index)]) {
            m_reportedClosed[size_t(index)] = true;
            if (m_up[size_t(index)]) {
                m_up[size_t(index)] = false;
                --m_connectedCount;
            }
            Q_EMIT linkClosed(index, current.closeReason());
        }
    }
    if (connected || closed)
        startPending();
    if (closed)
        return;
    updateInterest(index);
    if (m_blocked[size_t(index)] && !current.hasPendingOutput()) {
        m_blocked[size_t(index)] = false;
        Q_EMIT linkDrained(index);
    }
}

void LinkPool::updateInterest(int index)
{
    const MqttLink& current = link(index);
    const int fd = current.fd();
    const uint32_t interest = current.epollInterest();
    uint32_t& registered = m_registered[size_t(index)];
    if (fd < 0 || interest == registered)
        return;
    epoll_event event {};
    event.events = interest;
    event.data.u32 = uint32_t(index);
    const int operation = registered == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
    if (epoll_ctl(m_epollFd, operation, fd, &event) != 0) {
        qWarning("epoll_ctl failed for link %d: %s", index, std::strerror(errno));
        return;
    }
    registered = interest;
}

} // namespace gcn::bench
