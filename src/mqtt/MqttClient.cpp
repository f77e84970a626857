#include "mqtt/MqttClient.h"

#include <mosquitto.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

#include <QFile>
#include <QHostAddress>
#include <QHostInfo>
#include <QMetaEnum>
#include <QMetaObject>
#include <QSet>
#include <QSocketNotifier>
#include <QTimer>

#include "mqtt/WebSocketRelay.h"

Q_LOGGING_CATEGORY(lcMqtt, "gcn.mqtt")
// Per-packet messages and libmosquitto's debug lines. Enable them with QT_LOGGING_RULES="gcn.mqtt.verbose.debug=true".
Q_LOGGING_CATEGORY(lcMqttVerbose, "gcn.mqtt.verbose", QtInfoMsg)

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

constexpr int kMiscIntervalMs = 1000;

template <typename Enum>
QString enumName(Enum value)
{
    return QString::fromLatin1(QMetaEnum::fromType<Enum>().valueToKey(int(value)));
}

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

QString mosquittoErrorText(int rc)
{
    return QString::fromUtf8(mosquitto_strerror(rc));
}

// Collects OpenSSL's error queue into one line and clears it.
QString takeOpenSslErrors()
{
    QStringList parts;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        parts << QString::fromUtf8(buffer);
    }
    return parts.join(u"; "_s);
}

int openSslProtocolVersion(TlsVersion version)
{
    switch (version) {
    case TlsVersion::LibraryDefault:
    case TlsVersion::MinimumSupported:
    case TlsVersion::MaximumSupported:
        return 0;
    case TlsVersion::SslV3:
        return SSL3_VERSION;
    case TlsVersion::TlsV1:
        return TLS1_VERSION;
    case TlsVersion::TlsV1_1:
        return TLS1_1_VERSION;
    case TlsVersion::TlsV1_2:
        return TLS1_2_VERSION;
    case TlsVersion::TlsV1_3:
        return TLS1_3_VERSION;
    }
    return 0;
}

MqttClient::Error errorFromConnackCode(int code)
{
    switch (code) {
    case 3:
        return MqttClient::Error::ServerUnavailable;
    case 4:
        return MqttClient::Error::BadUserNameOrPassword;
    case 5:
        return MqttClient::Error::NotAuthorized;
    default:
        // 1 (unacceptable protocol version), 2 (identifier rejected) and codes MQTT 3.1.1 does not define.
        return MqttClient::Error::ProtocolRejected;
    }
}

MqttClient::Error errorFromErrno(int err, bool unixTransport)
{
    switch (err) {
    case ECONNREFUSED:
        return MqttClient::Error::ConnectionRefused;
    case ENOENT:
        // A missing socket file means the broker is not running (yet).
        return unixTransport ? MqttClient::Error::ConnectionRefused : MqttClient::Error::Other;
    case ENETUNREACH:
    case EHOSTUNREACH:
    case ENETDOWN:
    case EHOSTDOWN:
        return MqttClient::Error::NetworkUnreachable;
    case ETIMEDOUT:
        return MqttClient::Error::ConnectTimeout;
    case ECONNRESET:
    case ECONNABORTED:
    case EPIPE:
        return MqttClient::Error::ConnectionLost;
    default:
        return MqttClient::Error::Other;
    }
}

} // namespace

struct MqttClient::Private
{
    explicit Private(MqttClient* client);

    // Connection steps, in order.
    void startLookup();
    void onHostLookedUp(quint64 lookupAttempt, const QHostInfo& info);
    void connectToNextAddress();
    void openConnection(const QString& target, int port);
    void startWebSocket();
    void onRelayOpened();
    void onRelayClosed();
    void dropRelay();
    std::optional<QString> createSslContext();
    void onConnectTimeout();

    // Event loop integration.
    template <typename Function>
    int callLibrary(Function&& function);
    void syncNotifiers();
    void setNotifiersEnabled(bool enabled);
    void dropNotifiers();
    void onReadable();
    void onWritable();
    void onMiscTimer();
    void checkPeerClosedDuringHandshake();
    bool tlsHandshakeInProgress() const;
    void applySocketOptions(int fd);

    // Outcomes.
    void onLibraryDisconnect(int rc, int savedErrno);
    void handleLoopResult(int rc, int savedErrno);
    void handleConnectFailure(Error failure, const QString& detail);
    void fail(Error failure, const QString& detail);
    // graceful: libmosquitto sent DISCONNECT, which the WebSocket relay still has to pass on.
    void finishDisconnect(bool graceful = false);
    void completeDisconnect();
    void closeConnection(bool keepRelay = false);
    void retireHandle();
    void destroyRetiredHandles();
    QString endpointText() const;
    QString describeCloseReason(int rc, int savedErrno) const;

    void setState(State newState);
    template <typename Function>
    void post(Function&& function);

    // libmosquitto callbacks. `object` is the Private that owns the handle.
    static void onConnectCallback(mosquitto* handle, void* object, int rc);
    static void onDisconnectCallback(mosquitto* handle, void* object, int rc);
    static void onPublishCallback(mosquitto* handle, void* object, int mid);
    static void onMessageCallback(mosquitto* handle, void* object, const mosquitto_message* message);
    static void onSubscribeCallback(mosquitto* handle, void* object, int mid, int qosCount, const int* grantedQos);
    static void onUnsubscribeCallback(mosquitto* handle, void* object, int mid);
    static void onLogCallback(mosquitto* handle, void* object, int level, const char* text);

    // OpenSSL callbacks. The Private is the SSL_CTX's application data.
    static int verifyCallback(int preverifyOk, X509_STORE_CTX* storeContext);
    static void infoCallback(const SSL* ssl, int where, int ret);

    MqttClient* q;
    MqttConnectOptions options;
    State state = State::Disconnected;
    Error error = Error::None;
    QString errorString;

    mosquitto* handle = nullptr;
    // Handles closed while libmosquitto was still on the stack, destroyed once it returns.
    std::vector<mosquitto*> retiredHandles;
    SSL_CTX* sslContext = nullptr;
    int libraryDepth = 0;

    QSocketNotifier* readNotifier = nullptr;
    QSocketNotifier* writeNotifier = nullptr;
    int notifierFd = -1;
    QTimer miscTimer;
    QTimer connectTimer;

    // Current attempt: counts up so that late host lookups of an abandoned attempt are ignored.
    quint64 attempt = 0;
    int lookupId = -1;
    QList<QHostAddress> addresses;
    qsizetype nextAddressIndex = 0;
    QString currentTarget;
    int currentPort = 0;
    bool tcpConnectPending = false;
    int connectErrno = 0;
    bool connackReceived = false;
    bool disconnectRequested = false;

    // Name expected in the broker's certificate and sent as SNI (empty SNI for address literals).
    QByteArray tlsExpectedName;
    QByteArray tlsServerNameIndication;
    QString tlsVerifyError;
    QString tlsLibraryError;

    QSet<int> pendingMessageIds;

    // The WebSocket transport's relay for the current attempt, a child of q.
    WebSocketRelay* relay = nullptr;
    // A clean disconnect waits for the relay to close the WebSocket before it emits disconnected().
    bool awaitingRelayClose = false;
};

MqttClient::Private::Private(MqttClient* client)
    : q(client)
{
    miscTimer.setInterval(kMiscIntervalMs);
    QObject::connect(&miscTimer, &QTimer::timeout, q, [this] { onMiscTimer(); });
    connectTimer.setSingleShot(true);
    connectTimer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&connectTimer, &QTimer::timeout, q, [this] { onConnectTimeout(); });
}

// Signals are always delivered through the event loop, never from inside a libmosquitto call, so that a
// slot may delete, reconnect or disconnect the client without pulling the handle from under the library.
template <typename Function>
void MqttClient::Private::post(Function&& function)
{
    QMetaObject::invokeMethod(q, std::forward<Function>(function), Qt::QueuedConnection);
}

void MqttClient::Private::setState(State newState)
{
    if (state == newState)
        return;
    state = newState;
    qCDebug(lcMqtt).noquote() << "State:" << enumName(newState) << endpointText();
    MqttClient* client = q;
    post([client, newState] { Q_EMIT client->stateChanged(newState); });
}

QString MqttClient::Private::endpointText() const
{
    if (options.transport == MqttTransport::Unix)
        return u"unix:"_s + options.host;
    if (options.transport == MqttTransport::WebSocket)
        return WebSocketRelay::url(options).toString();
    if (currentTarget.isEmpty() || currentTarget == options.host)
        return u"%1:%2"_s.arg(options.host).arg(options.port);
    return u"%1:%2 (%3)"_s.arg(options.host).arg(options.port).arg(currentTarget);
}

// ---- Connection steps ----------------------------------------------------------------------------------

void MqttClient::Private::startLookup()
{
    const QHostAddress literal(options.host);
    if (!literal.isNull()) {
        addresses = {literal};
        connectToNextAddress();
        return;
    }
    const quint64 lookupAttempt = attempt;
    qCDebug(lcMqtt).noquote() << "Resolving" << options.host;
    lookupId = QHostInfo::lookupHost(options.host, q, [this, lookupAttempt](const QHostInfo& info) {
        onHostLookedUp(lookupAttempt, info);
    });
}

void MqttClient::Private::onHostLookedUp(quint64 lookupAttempt, const QHostInfo& info)
{
    if (lookupAttempt != attempt || state != State::Connecting)
        return;
    lookupId = -1;
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
        const QString reason = info.error() != QHostInfo::NoError ? info.errorString() : u"no address"_s;
        fail(Error::HostNotFound, u"Host name lookup of %1 failed: %2"_s.arg(options.host, reason));
        return;
    }
    addresses = info.addresses();
    QStringList addressTexts;
    for (const QHostAddress& address : std::as_const(addresses))
        addressTexts << address.toString();
    qCDebug(lcMqtt).noquote() << "Resolved" << options.host << "to" << addressTexts.join(u", "_s);
    connectToNextAddress();
}

void MqttClient::Private::connectToNextAddress()
{
    const QHostAddress address = addresses.at(nextAddressIndex++);
    openConnection(address.toString(), options.port);
}

void MqttClient::Private::openConnection(const QString& target, int port)
{
    currentTarget = target;
    currentPort = port;
    tcpConnectPending = false;
    connackReceived = false;
    tlsVerifyError.clear();
    tlsLibraryError.clear();

    const QByteArray clientId = options.clientId.toUtf8();
    handle = mosquitto_new(clientId.isEmpty() ? nullptr : clientId.constData(), options.cleanSession, this);
    if (!handle) {
        const int err = errno;
        fail(err == EINVAL ? Error::InvalidOptions : Error::Other,
             err == EINVAL ? u"A client id is required when clean session is off"_s
                           : u"Cannot create the MQTT client: %1"_s.arg(errnoText(err)));
        return;
    }

    mosquitto_int_option(handle, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
    if (options.transport == MqttTransport::Tcp)
        mosquitto_int_option(handle, MOSQ_OPT_TCP_NODELAY, 1);
    mosquitto_connect_callback_set(handle, &Private::onConnectCallback);
    mosquitto_disconnect_callback_set(handle, &Private::onDisconnectCallback);
    mosquitto_publish_callback_set(handle, &Private::onPublishCallback);
    mosquitto_message_callback_set(handle, &Private::onMessageCallback);
    mosquitto_subscribe_callback_set(handle, &Private::onSubscribeCallback);
    mosquitto_unsubscribe_callback_set(handle, &Private::onUnsubscribeCallback);
    mosquitto_log_callback_set(handle, &Private::onLogCallback);

    if (!options.userName.isEmpty()) {
        const QByteArray userName = options.userName.toUtf8();
        const QByteArray password = options.password.toUtf8();
        const int rc = mosquitto_username_pw_set(handle, userName.constData(),
                                                 options.password.isEmpty() ? nullptr : password.constData());
        if (rc != MOSQ_ERR_SUCCESS) {
            fail(Error::InvalidOptions, u"Invalid MQTT user name: %1"_s.arg(mosquittoErrorText(rc)));
            return;
        }
    }

    if (!options.willTopic.isEmpty()) {
        const QByteArray willTopic = options.willTopic.toUtf8();
        const int rc = mosquitto_will_set(handle, willTopic.constData(), int(options.willPayload.size()),
                                          options.willPayload.constData(), options.willQos, options.willRetain);
        if (rc != MOSQ_ERR_SUCCESS) {
            fail(Error::InvalidOptions,
                 u"Invalid last will on topic %1: %2"_s.arg(options.willTopic, mosquittoErrorText(rc)));
            return;
        }
    }

    // Over the WebSocket transport, TLS runs on the WebSocket and libmosquitto talks to the relay in clear.
    const bool useTls = options.transport == MqttTransport::Tcp
                        || (options.transport == MqttTransport::Unix && options.tlsOverUnixSocket);
    if (useTls) {
        if (const std::optional<QString> problem = createSslContext()) {
            fail(Error::InvalidOptions, *problem);
            return;
        }
        mosquitto_void_option(handle, MOSQ_OPT_SSL_CTX, sslContext);
        // With the defaults on, libmosquitto insists on a CA file of its own. All checks live in our context.
        mosquitto_int_option(handle, MOSQ_OPT_SSL_CTX_WITH_DEFAULTS, 0);
    }

    if (options.transport == MqttTransport::WebSocket) {
        qCDebug(lcMqtt).noquote() << "Sending MQTT to" << endpointText() << "through the relay socket" << target;
    } else {
        qCInfo(lcMqtt).noquote() << "Connecting to" << endpointText() << "as client id"
                                 << (options.clientId.isEmpty() ? u"(generated)"_s : options.clientId)
                                 << (options.userName.isEmpty() ? u"without user name"_s
                                                                : u"with user name "_s + options.userName)
                                 << (useTls ? u"over TLS"_s : u"without TLS"_s);
    }

    const QByteArray targetBytes = QFile::encodeName(target);
    mosquitto* connecting = handle;
    int savedErrno = 0;
    const int rc = callLibrary([&] {
        const int result = mosquitto_connect_bind_async(connecting, targetBytes.constData(), port,
                                                        options.keepAliveSec, nullptr);
        savedErrno = errno;
        return result;
    });
    if (handle != connecting)
        return; // A callback already ended this attempt.

    if (rc != MOSQ_ERR_SUCCESS) {
        // On loopback the whole TLS handshake can run inside this call, so a certificate error shows up here.
        onLibraryDisconnect(rc, savedErrno);
        return;
    }

    // OpenSSL's first write may already have consumed the socket's pending error, so keep errno.
    connectErrno = savedErrno;
    // A TCP connect may still be in progress. The first writability shows whether it succeeded.
    tcpConnectPending = options.transport == MqttTransport::Tcp;
    applySocketOptions(mosquitto_socket(handle));
    syncNotifiers();
}

std::optional<QString> MqttClient::Private::createSslContext()
{
    if (sslContext) {
        SSL_CTX_free(sslContext);
        sslContext = nullptr;
    }
    ERR_clear_error();
    sslContext = SSL_CTX_new(TLS_client_method());
    if (!sslContext)
        return u"Cannot create the TLS context: %1"_s.arg(takeOpenSslErrors());

    SSL_CTX_set_app_data(sslContext, this);
    SSL_CTX_set_verify(sslContext, SSL_VERIFY_PEER, &Private::verifyCallback);
    SSL_CTX_set_info_callback(sslContext, &Private::infoCallback);

    if (SSL_CTX_set_default_verify_paths(sslContext) != 1)
        qCWarning(lcMqtt).noquote() << "Cannot load the system's trusted CA certificates:" << takeOpenSslErrors();
    if (!options.tlsCaFile.isEmpty()) {
        const QByteArray caFile = QFile::encodeName(options.tlsCaFile);
        if (SSL_CTX_load_verify_locations(sslContext, caFile.constData(), nullptr) != 1)
            return u"Cannot load CA certificates from %1: %2"_s.arg(options.tlsCaFile, takeOpenSslErrors());
    }

    if (options.tlsMinVersion != TlsVersion::LibraryDefault
        && SSL_CTX_set_min_proto_version(sslContext, openSslProtocolVersion(options.tlsMinVersion)) != 1)
        return u"Unsupported minimum TLS version: %1"_s.arg(takeOpenSslErrors());
    if (options.tlsMaxVersion != TlsVersion::LibraryDefault
        && SSL_CTX_set_max_proto_version(sslContext, openSslProtocolVersion(options.tlsMaxVersion)) != 1)
        return u"Unsupported maximum TLS version: %1"_s.arg(takeOpenSslErrors());
    if (!options.tlsCiphers.isEmpty()) {
        const QByteArray ciphers = options.tlsCiphers.toUtf8();
        if (SSL_CTX_set_cipher_list(sslContext, ciphers.constData()) != 1)
            return u"Invalid TLS cipher list \"%1\": %2"_s.arg(options.tlsCiphers, takeOpenSslErrors());
    }

    // NOTE: over a unix socket there is no host name, so the certificate must be issued for localhost.
    const QString expectedName = options.transport == MqttTransport::Unix ? u"localhost"_s : options.host;
    X509_VERIFY_PARAM* verifyParam = SSL_CTX_get0_param(sslContext);
    X509_VERIFY_PARAM_set_hostflags(verifyParam, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    tlsExpectedName = expectedName.toUtf8();
    if (!QHostAddress(expectedName).isNull()) {
        tlsServerNameIndication.clear();
        if (X509_VERIFY_PARAM_set1_ip_asc(verifyParam, tlsExpectedName.constData()) != 1)
            return u"Cannot verify the broker against address %1: %2"_s.arg(expectedName, takeOpenSslErrors());
    } else {
        tlsServerNameIndication = tlsExpectedName;
        if (X509_VERIFY_PARAM_set1_host(verifyParam, tlsExpectedName.constData(), 0) != 1)
            return u"Cannot verify the broker against name %1: %2"_s.arg(expectedName, takeOpenSslErrors());
    }
    return std::nullopt;
}

void MqttClient::Private::onConnectTimeout()
{
    if (state == State::Connected && disconnectRequested) {
        qCWarning(lcMqtt).noquote() << "DISCONNECT to" << endpointText() << "not sent within"
                                    << connectTimer.interval() << "ms; closing the socket";
        finishDisconnect();
        return;
    }
    if (state != State::Connecting)
        return;
    QString stage;
    if (relay && relay->state() == WebSocketRelay::State::Opening)
        stage = relay->openingStage();
    else if (lookupId != -1)
        stage = u"name resolution"_s;
    else if (tcpConnectPending)
        stage = u"TCP connect"_s;
    else if (tlsHandshakeInProgress())
        stage = u"TLS handshake"_s;
    else
        stage = u"waiting for CONNACK"_s;
    fail(Error::ConnectTimeout,
         u"Connection to %1 timed out after %2 s (%3)"_s.arg(endpointText()).arg(options.connectTimeoutSec).arg(stage));
}

// ---- Event loop integration ----------------------------------------------------------------------------

// Runs a libmosquitto call with the socket notifiers off, because the call may close the socket (and the
// descriptor number may be reused at once), then re-arms them for whatever socket the handle has left.
template <typename Function>
int MqttClient::Private::callLibrary(Function&& function)
{
    setNotifiersEnabled(false);
    ++libraryDepth;
    const int rc = function();
    --libraryDepth;
    if (libraryDepth == 0)
        destroyRetiredHandles();
    syncNotifiers();
    return rc;
}

void MqttClient::Private::setNotifiersEnabled(bool enabled)
{
    if (readNotifier)
        readNotifier->setEnabled(enabled);
    if (writeNotifier)
        writeNotifier->setEnabled(enabled);
}

void MqttClient::Private::dropNotifiers()
{
    delete readNotifier;
    readNotifier = nullptr;
    delete writeNotifier;
    writeNotifier = nullptr;
    notifierFd = -1;
}

void MqttClient::Private::syncNotifiers()
{
    if (libraryDepth > 0)
        return;
    const int fd = handle ? mosquitto_socket(handle) : -1;
    if (fd != notifierFd)
        dropNotifiers();
    if (fd < 0)
        return;
    if (!readNotifier) {
        notifierFd = fd;
        readNotifier = new QSocketNotifier(fd, QSocketNotifier::Read, q);
        QObject::connect(readNotifier, &QSocketNotifier::activated, q, [this] { onReadable(); });
        writeNotifier = new QSocketNotifier(fd, QSocketNotifier::Write, q);
        QObject::connect(writeNotifier, &QSocketNotifier::activated, q, [this] { onWritable(); });
    }
    bool wantWrite = false;
    if (tcpConnectPending) {
        wantWrite = true;
    } else if (tlsHandshakeInProgress()) {
        // During the handshake libmosquitto reports the queued CONNECT as pending output, but it cannot send it
        // yet. Only OpenSSL's own need to write counts, because writability would otherwise spin.
        wantWrite = SSL_want_write(static_cast<SSL*>(mosquitto_ssl_get(handle)));
    } else {
        wantWrite = mosquitto_want_write(handle);
    }
    // Reading before the TCP connect completes would only report the connect error twice.
    readNotifier->setEnabled(!tcpConnectPending);
    writeNotifier->setEnabled(wantWrite);
}

bool MqttClient::Private::tlsHandshakeInProgress() const
{
    if (!handle)
        return false;
    const auto* ssl = static_cast<const SSL*>(mosquitto_ssl_get(handle));
    return ssl && !SSL_is_init_finished(ssl);
}

void MqttClient::Private::applySocketOptions(int fd)
{
    if (fd < 0 || options.socketSendBufferSize <= 0)
        return;
    const int size = options.socketSendBufferSize;
    if (setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size) != 0)
        qCWarning(lcMqtt).noquote() << "Cannot set SO_SNDBUF to" << size << "on the MQTT socket:" << errnoText(errno);
}

void MqttClient::Private::onReadable()
{
    if (!handle)
        return;
    mosquitto* reading = handle;
    int savedErrno = 0;
    const int rc = callLibrary([&] {
        const int result = mosquitto_loop_read(reading, 1);
        savedErrno = errno;
        return result;
    });
    if (handle != reading)
        return;
    handleLoopResult(rc, savedErrno);
    if (handle == reading)
        checkPeerClosedDuringHandshake();
}

// libmosquitto 2.0 treats SSL_ERROR_SYSCALL during the handshake as "try again" (net__socket_connect_tls),
// so a broker closing the connection mid-handshake would leave a socket readable at end of file until the
// connect timeout, and the read notifier would spin.
void MqttClient::Private::checkPeerClosedDuringHandshake()
{
    if (!tlsHandshakeInProgress())
        return;
    const int fd = mosquitto_socket(handle);
    if (fd < 0)
        return;
    char byte = 0;
    const ssize_t peeked = recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (peeked == 0) {
        fail(Error::TlsHandshakeFailed,
             u"TLS handshake with %1 failed: the broker closed the connection%2"_s.arg(
                 endpointText(), tlsLibraryError.isEmpty() ? QString() : u" ("_s + tlsLibraryError + u')'));
    } else if (peeked < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        const int err = errno;
        fail(errorFromErrno(err, false) == Error::Other ? Error::TlsHandshakeFailed : errorFromErrno(err, false),
             u"TLS handshake with %1 failed: %2"_s.arg(endpointText(), errnoText(err)));
    }
}

void MqttClient::Private::onWritable()
{
    if (!handle)
        return;
    mosquitto* writing = handle;
    if (tcpConnectPending) {
        int socketError = 0;
        socklen_t length = sizeof socketError;
        const int fd = mosquitto_socket(writing);
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &socketError, &length) != 0)
            socketError = errno;
        if (socketError == 0) {
            // A refusal that arrived before OpenSSL wrote the ClientHello was reported to that write, which
            // cleared it. The socket then has no error but no peer either.
            sockaddr_storage peer{};
            socklen_t peerLength = sizeof peer;
            if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peerLength) != 0) {
                // NOTE: when errno kept no cause, the failure is reported as ECONNREFUSED, which may be wrong.
                socketError = errorFromErrno(connectErrno, false) != Error::Other ? connectErrno : ECONNREFUSED;
            }
        }
        if (socketError != 0) {
            handleConnectFailure(errorFromErrno(socketError, false),
                                 u"Cannot connect to %1: %2"_s.arg(endpointText(), errnoText(socketError)));
            return;
        }
        tcpConnectPending = false;
        qCDebug(lcMqtt).noquote() << "TCP connection to" << endpointText() << "established";
    }
    int savedErrno = 0;
    // While the handshake runs, libmosquitto only advances it from its read path (mosquitto_loop does the same).
    const bool handshake = tlsHandshakeInProgress();
    const int rc = callLibrary([&] {
        const int result = handshake ? mosquitto_loop_read(writing, 1) : mosquitto_loop_write(writing, 1);
        savedErrno = errno;
        return result;
    });
    if (handle != writing)
        return;
    handleLoopResult(rc, savedErrno);
}

void MqttClient::Private::onMiscTimer()
{
    if (!handle || state != State::Connected)
        return;
    mosquitto* current = handle;
    int savedErrno = 0;
    const int rc = callLibrary([&] {
        const int result = mosquitto_loop_misc(current);
        savedErrno = errno;
        return result;
    });
    if (handle != current)
        return;
    handleLoopResult(rc, savedErrno);
}

// ---- Outcomes ------------------------------------------------------------------------------------------

void MqttClient::Private::handleLoopResult(int rc, int savedErrno)
{
    if (rc == MOSQ_ERR_SUCCESS || !handle)
        return;
    // libmosquitto normally reports a closed connection through the disconnect callback, which already ended
    // the attempt. This catches errors it returns without closing the socket.
    onLibraryDisconnect(rc, savedErrno);
}

QString MqttClient::Private::describeCloseReason(int rc, int savedErrno) const
{
    switch (rc) {
    case MOSQ_ERR_ERRNO:
        return errnoText(savedErrno);
    case MOSQ_ERR_KEEPALIVE:
        return u"no answer from the broker within the keep-alive interval (%1 s)"_s.arg(options.keepAliveSec);
    case MOSQ_ERR_CONN_LOST:
        return u"the broker closed the connection"_s;
    default:
        return mosquittoErrorText(rc);
    }
}

void MqttClient::Private::onLibraryDisconnect(int rc, int savedErrno)
{
    if (state == State::Disconnected)
        return;
    if (rc == MOSQ_ERR_SUCCESS && disconnectRequested) {
        finishDisconnect(true);
        return;
    }
    if (connackReceived) {
        fail(Error::ConnectionLost,
             u"Connection to %1 lost: %2"_s.arg(endpointText(), describeCloseReason(rc, savedErrno)));
        return;
    }
    switch (rc) {
    case MOSQ_ERR_TLS:
        if (!tlsVerifyError.isEmpty()) {
            fail(Error::TlsCertificateRejected,
                 u"TLS certificate of %1 rejected: certificate verify failed: %2"_s.arg(endpointText(), tlsVerifyError));
        } else {
            fail(Error::TlsHandshakeFailed,
                 u"TLS handshake with %1 failed: %2"_s.arg(
                     endpointText(), tlsLibraryError.isEmpty() ? mosquittoErrorText(rc) : tlsLibraryError));
        }
        return;
    case MOSQ_ERR_ERRNO:
        handleConnectFailure(errorFromErrno(savedErrno, options.transport != MqttTransport::Tcp),
                             u"Connection to %1 failed: %2"_s.arg(endpointText(), errnoText(savedErrno)));
        return;
    case MOSQ_ERR_EAI:
        fail(Error::HostNotFound, u"Cannot resolve %1: %2"_s.arg(currentTarget, mosquittoErrorText(rc)));
        return;
    case MOSQ_ERR_INVAL:
        fail(Error::InvalidOptions, u"Invalid connection parameters for %1 (keep-alive %2 s)"_s.arg(endpointText())
                                        .arg(options.keepAliveSec));
        return;
    case MOSQ_ERR_CONN_LOST:
    case MOSQ_ERR_NO_CONN:
        fail(Error::ConnectionLost, u"Connection to %1 closed by the broker before CONNACK"_s.arg(endpointText()));
        return;
    default:
        fail(Error::Other, u"Connection to %1 failed: %2"_s.arg(endpointText(), describeCloseReason(rc, savedErrno)));
        return;
    }
}

// Ends a failed TCP connect: another address of the host may still work, as getaddrinfo users expect.
// NOTE: the integration tests do not reach the fallback, because their host names resolve to one address.
void MqttClient::Private::handleConnectFailure(Error failure, const QString& detail)
{
    const bool addressLevel = failure == Error::ConnectionRefused || failure == Error::NetworkUnreachable;
    if (addressLevel && !connackReceived && nextAddressIndex < addresses.size()) {
        qCInfo(lcMqtt).noquote() << detail << "- trying the next address of" << options.host;
        // The connect timer keeps running: it bounds the whole attempt, all addresses included.
        tcpConnectPending = false;
        dropNotifiers();
        retireHandle();
        connectToNextAddress();
        return;
    }
    fail(failure, detail);
}

void MqttClient::Private::fail(Error failure, const QString& detail)
{
    if (state == State::Disconnected)
        return;
    error = failure;
    errorString = detail;
    qCWarning(lcMqtt).noquote() << detail << u"[%1]"_s.arg(enumName(failure));
    closeConnection();
    MqttClient* client = q;
    post([client, failure] { Q_EMIT client->errorOccurred(failure); });
    setState(State::Disconnected);
    post([client] { Q_EMIT client->disconnected(); });
}

void MqttClient::Private::finishDisconnect(bool graceful)
{
    if (graceful && relay
        && (relay->state() == WebSocketRelay::State::Open || relay->state() == WebSocketRelay::State::Closing)) {
        // libmosquitto wrote DISCONNECT to the relay socket and closed it. Dropping the relay now would lose
        // the packet, and the broker would publish the will, so wait for the relay to close the WebSocket.
        closeConnection(true);
        awaitingRelayClose = true;
        connectTimer.start(std::max(options.connectTimeoutSec, 1) * 1000);
        return;
    }
    completeDisconnect();
}

void MqttClient::Private::completeDisconnect()
{
    awaitingRelayClose = false;
    qCInfo(lcMqtt).noquote() << "Disconnected from" << endpointText();
    closeConnection();
    setState(State::Disconnected);
    MqttClient* client = q;
    post([client] { Q_EMIT client->disconnected(); });
}

void MqttClient::Private::closeConnection(bool keepRelay)
{
    connectTimer.stop();
    miscTimer.stop();
    if (lookupId != -1) {
        QHostInfo::abortHostLookup(lookupId);
        lookupId = -1;
    }
    tcpConnectPending = false;
    if (!pendingMessageIds.isEmpty()) {
        qCWarning(lcMqtt).noquote() << pendingMessageIds.size() << "message(s) to" << endpointText()
                                    << "were not acknowledged and are dropped";
        pendingMessageIds.clear();
    }
    // The notifiers go first, so that nothing watches the descriptor once libmosquitto closes it.
    dropNotifiers();
    retireHandle();
    if (!keepRelay)
        dropRelay();
}

// ---- WebSocket transport -------------------------------------------------------------------------------

void MqttClient::Private::startWebSocket()
{
    qCInfo(lcMqtt).noquote() << "Connecting to" << endpointText() << "as client id"
                             << (options.clientId.isEmpty() ? u"(generated)"_s : options.clientId)
                             << (options.userName.isEmpty() ? u"without user name"_s
                                                            : u"with user name "_s + options.userName)
                             << "over a secure WebSocket";
    relay = new WebSocketRelay(q);
    QObject::connect(relay, &WebSocketRelay::opened, q, [this] { onRelayOpened(); });
    QObject::connect(relay, &WebSocketRelay::failed, q,
                     [this](Error failure, const QString& detail) { fail(failure, detail); });
    QObject::connect(relay, &WebSocketRelay::closed, q, [this] { onRelayClosed(); });
    relay->open(options);
}

void MqttClient::Private::onRelayOpened()
{
    if (state != State::Connecting || !relay)
        return;
    // libmosquitto connects to the relay's unix socket as for the unix transport, without TLS on that leg.
    openConnection(relay->localSocketPath(), 0);
}

void MqttClient::Private::onRelayClosed()
{
    // When the broker side closed first, libmosquitto reads the relay's last bytes and the end of file and
    // reports the outcome itself. Only a clean disconnect waits here.
    if (awaitingRelayClose)
        completeDisconnect();
}

void MqttClient::Private::dropRelay()
{
    if (!relay)
        return;
    WebSocketRelay* dropped = std::exchange(relay, nullptr);
    QObject::disconnect(dropped, nullptr, q, nullptr);
    dropped->abort();
    // The relay may be emitting the signal that led here, so it is deleted once control returns to the loop.
    dropped->deleteLater();
}

void MqttClient::Private::retireHandle()
{
    if (!handle)
        return;
    retiredHandles.push_back(handle);
    handle = nullptr;
    if (libraryDepth == 0)
        destroyRetiredHandles();
}

void MqttClient::Private::destroyRetiredHandles()
{
    // mosquitto_destroy closes the socket without sending DISCONNECT, so the broker publishes the will.
    std::vector<mosquitto*> handles;
    handles.swap(retiredHandles);
    for (mosquitto* retired : handles)
        mosquitto_destroy(retired);
}

// ---- libmosquitto callbacks ----------------------------------------------------------------------------

void MqttClient::Private::onConnectCallback(mosquitto* handle, void* object, int rc)
{
    auto* d = static_cast<Private*>(object);
    if (handle != d->handle)
        return;
    if (rc != 0) {
        d->fail(errorFromConnackCode(rc), u"Broker %1 rejected the connection: CONNACK %2 (%3)"_s.arg(
                                              d->endpointText())
                                              .arg(rc)
                                              .arg(QString::fromUtf8(mosquitto_connack_string(rc))));
        return;
    }
    d->connackReceived = true;
    d->connectTimer.stop();
    d->miscTimer.start(qMax(50, d->options.housekeepingIntervalMs));
    qCInfo(lcMqtt).noquote() << "Connected to" << d->endpointText();
    d->setState(State::Connected);
    MqttClient* client = d->q;
    d->post([client] { Q_EMIT client->connected(); });
}

void MqttClient::Private::onDisconnectCallback(mosquitto* handle, void* object, int rc)
{
    const int savedErrno = errno;
    auto* d = static_cast<Private*>(object);
    if (handle != d->handle)
        return;
    d->onLibraryDisconnect(rc, savedErrno);
}

void MqttClient::Private::onPublishCallback(mosquitto* handle, void* object, int mid)
{
    auto* d = static_cast<Private*>(object);
    if (handle != d->handle)
        return;
    d->pendingMessageIds.remove(mid);
    qCDebug(lcMqttVerbose) << "Message" << mid << "published";
    MqttClient* client = d->q;
    d->post([client, mid] { Q_EMIT client->messagePublished(mid); });
}

void MqttClient::Private::onMessageCallback(mosquitto* handle, void* object, const mosquitto_message* message)
{
    auto* d = static_cast<Private*>(object);
    if (handle != d->handle || !message)
        return;
    const QString topic = QString::fromUtf8(message->topic);
    const QByteArray payload(static_cast<const char*>(message->payload), message->payloadlen);
    const int qos = message->qos;
    const bool retained = message->retain;
    qCDebug(lcMqttVerbose).noquote() << "Received on" << topic << "QoS" << qos << (retained ? "retained" : "live")
                                     << payload.size() << "bytes";
    MqttClient* client = d->q;
    d->post([client, topic, payload, qos, retained] { Q_EMIT client->messageReceived(topic, payload, qos, retained); });
}

void MqttClient::Private::onSubscribeCallback(mosquitto* handle, void* object, int mid, int qosCount,
                                              const int* grantedQos)
{
    auto* d = static_cast<Private*>(object);
    if (handle != d->handle)
        return;
    // A granted QoS of 0x80 means the broker rejected that filter; the lowest grant of the packet is reported.
    int granted = qosCount > 0 && grantedQos ? grantedQos[0] : 0x80;
    for (int i = 0; grantedQos && i < qosCount; ++i) {
        if (grantedQos[i] == 0x80)
            qCWarning(lcMqtt) << "Broker rejected filter" << i + 1 << "of subscription" << mid;
        granted = grantedQos[i] == 0x80 || granted == 0x80 ? 0x80 : std::min(granted, grantedQos[i]);
    }
    if (granted != 0x80)
        qCDebug(lcMqttVerbose) << "Subscription" << mid << "granted QoS" << granted;
    MqttClient* client = d->q;
    d->post([client, mid, granted] { Q_EMIT client->subscribed(mid, granted); });
}

void MqttClient::Private::onUnsubscribeCallback(mosquitto* handle, void* object, int mid)
{
    auto* d = static_cast<Private*>(object);
    if (handle != d->handle)
        return;
    MqttClient* client = d->q;
    d->post([client, mid] { Q_EMIT client->unsubscribed(mid); });
}

void MqttClient::Private::onLogCallback(mosquitto* handle, void* object, int level, const char* text)
{
    auto* d = static_cast<Private*>(object);
    const QString line = QString::fromUtf8(text);
    // libmosquitto logs OpenSSL's error queue before it returns MOSQ_ERR_TLS. Keep it for errorString().
    if (handle == d->handle && line.startsWith(u"OpenSSL Error"_s)) {
        const qsizetype colon = line.indexOf(u": "_s);
        const QString detail = colon >= 0 ? line.mid(colon + 2) : line;
        if (!d->tlsLibraryError.contains(detail))
            d->tlsLibraryError = d->tlsLibraryError.isEmpty() ? detail : d->tlsLibraryError + u"; "_s + detail;
    }
    switch (level) {
    case MOSQ_LOG_ERR:
    case MOSQ_LOG_WARNING:
        qCWarning(lcMqtt).noquote() << "libmosquitto:" << line;
        break;
    case MOSQ_LOG_NOTICE:
    case MOSQ_LOG_INFO:
        qCInfo(lcMqtt).noquote() << "libmosquitto:" << line;
        break;
    default:
        qCDebug(lcMqttVerbose).noquote() << "libmosquitto:" << line;
        break;
    }
}

// ---- OpenSSL callbacks ---------------------------------------------------------------------------------

int MqttClient::Private::verifyCallback(int preverifyOk, X509_STORE_CTX* storeContext)
{
    if (preverifyOk)
        return preverifyOk;
    auto* ssl = static_cast<SSL*>(X509_STORE_CTX_get_ex_data(storeContext, SSL_get_ex_data_X509_STORE_CTX_idx()));
    auto* d = ssl ? static_cast<Private*>(SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl))) : nullptr;
    if (!d || !d->tlsVerifyError.isEmpty())
        return preverifyOk;
    const int code = X509_STORE_CTX_get_error(storeContext);
    QString subject;
    if (X509* certificate = X509_STORE_CTX_get_current_cert(storeContext)) {
        char buffer[256];
        X509_NAME_oneline(X509_get_subject_name(certificate), buffer, sizeof buffer);
        subject = QString::fromUtf8(buffer);
    }
    d->tlsVerifyError = QString::fromUtf8(X509_verify_cert_error_string(code));
    if (code == X509_V_ERR_HOSTNAME_MISMATCH || code == X509_V_ERR_IP_ADDRESS_MISMATCH)
        d->tlsVerifyError += u" (expected %1, certificate %2)"_s.arg(QString::fromUtf8(d->tlsExpectedName), subject);
    else if (!subject.isEmpty())
        d->tlsVerifyError += u" (certificate %1)"_s.arg(subject);
    return preverifyOk;
}

// libmosquitto sets SNI to the address it connects to. At handshake start, put the broker's name back.
void MqttClient::Private::infoCallback(const SSL* ssl, int where, int /*ret*/)
{
    if (!(where & SSL_CB_HANDSHAKE_START))
        return;
    auto* d = static_cast<Private*>(SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl)));
    if (!d)
        return;
    auto* mutableSsl = const_cast<SSL*>(ssl);
    if (d->tlsServerNameIndication.isEmpty())
        SSL_set_tlsext_host_name(mutableSsl, nullptr);
    else
        SSL_set_tlsext_host_name(mutableSsl, d->tlsServerNameIndication.constData());
}

// ---- Public interface ----------------------------------------------------------------------------------

MqttClient::MqttClient(QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{
}

MqttClient::~MqttClient()
{
    d->connectTimer.stop();
    d->miscTimer.stop();
    if (d->lookupId != -1)
        QHostInfo::abortHostLookup(d->lookupId);
    d->dropNotifiers();
    d->retireHandle();
    d->destroyRetiredHandles();
    if (d->relay) {
        // Deleted now, while the Private its signals reach still exists.
        QObject::disconnect(d->relay, nullptr, this, nullptr);
        delete std::exchange(d->relay, nullptr);
    }
    if (d->sslContext)
        SSL_CTX_free(d->sslContext);
}

void MqttClient::initializeLibrary()
{
    mosquitto_lib_init();
}

void MqttClient::setOptions(const MqttConnectOptions& options)
{
    if (d->state != State::Disconnected)
        qCWarning(lcMqtt) << "Options changed while not disconnected; they apply to the next connection";
    d->options = options;
}

const MqttConnectOptions& MqttClient::options() const
{
    return d->options;
}

MqttClient::State MqttClient::state() const
{
    return d->state;
}

MqttClient::Error MqttClient::error() const
{
    return d->error;
}

QString MqttClient::errorString() const
{
    return d->errorString;
}

bool MqttClient::isRetryable(Error error)
{
    switch (error) {
    case Error::HostNotFound:
    case Error::ConnectionRefused:
    case Error::NetworkUnreachable:
    case Error::ConnectTimeout:
    case Error::ServerUnavailable:
    case Error::ConnectionLost:
        return true;
    case Error::None:
    case Error::BadUserNameOrPassword:
    case Error::NotAuthorized:
    case Error::ProtocolRejected:
    case Error::TlsHandshakeFailed:
    case Error::TlsCertificateRejected:
    case Error::InvalidOptions:
    case Error::Other:
        return false;
    }
    return false;
}

void MqttClient::connectToHost()
{
    if (d->state != State::Disconnected) {
        qCWarning(lcMqtt).noquote() << "connectToHost() ignored: the client is already"
                                    << enumName(d->state);
        return;
    }
    ++d->attempt;
    d->error = Error::None;
    d->errorString.clear();
    d->disconnectRequested = false;
    d->connackReceived = false;
    d->awaitingRelayClose = false;
    d->addresses.clear();
    d->nextAddressIndex = 0;
    d->currentTarget.clear();
    d->pendingMessageIds.clear();
    d->setState(State::Connecting);

    const MqttConnectOptions& options = d->options;
    if (options.host.isEmpty()) {
        d->fail(Error::InvalidOptions, u"No MQTT broker host given"_s);
        return;
    }
    if (options.transport != MqttTransport::Unix && (options.port < 1 || options.port > 65535)) {
        d->fail(Error::InvalidOptions, u"Invalid MQTT broker port %1 (expected 1 to 65535)"_s.arg(options.port));
        return;
    }
    if (options.keepAliveSec < 0 || options.keepAliveSec > 65535) {
        d->fail(Error::InvalidOptions,
                u"Invalid MQTT keep-alive %1 s (expected 0 to 65535)"_s.arg(options.keepAliveSec));
        return;
    }
    if (options.connectTimeoutSec > 0)
        d->connectTimer.start(options.connectTimeoutSec * 1000);

    switch (options.transport) {
    case MqttTransport::Unix:
        d->openConnection(options.host, 0);
        break;
    case MqttTransport::WebSocket:
        // The TLS options are checked on an OpenSSL context first, with the same messages as for tcp.
        if (const std::optional<QString> problem = d->createSslContext()) {
            d->fail(Error::InvalidOptions, *problem);
            return;
        }
        d->startWebSocket();
        break;
    case MqttTransport::Tcp:
        d->startLookup();
        break;
    }
}

void MqttClient::disconnectFromHost()
{
    switch (d->state) {
    case State::Disconnected:
        return;
    case State::Connecting:
        qCInfo(lcMqtt).noquote() << "Connection attempt to" << d->endpointText() << "cancelled";
        d->finishDisconnect();
        return;
    case State::Connected:
        break;
    }
    if (d->disconnectRequested)
        return;
    d->disconnectRequested = true;
    qCInfo(lcMqtt).noquote() << "Disconnecting from" << d->endpointText();
    // Bounds the wait for the socket to take the DISCONNECT packet.
    d->connectTimer.start(std::max(d->options.connectTimeoutSec, 1) * 1000);
    mosquitto* current = d->handle;
    int savedErrno = 0;
    const int rc = d->callLibrary([&] {
        const int result = mosquitto_disconnect(current);
        savedErrno = errno;
        return result;
    });
    if (d->handle != current || d->state == State::Disconnected)
        return;
    if (rc != MOSQ_ERR_SUCCESS) {
        qCDebug(lcMqtt).noquote() << "DISCONNECT not sent:" << d->describeCloseReason(rc, savedErrno);
        d->finishDisconnect();
    }
}

void MqttClient::abort()
{
    if (d->state == State::Disconnected)
        return;
    qCInfo(lcMqtt).noquote() << "Dropping the connection to" << d->endpointText() << "without DISCONNECT";
    d->finishDisconnect();
}

int MqttClient::publish(const QString& topic, const QByteArray& payload, int qos, bool retain)
{
    if (d->state != State::Connected || d->disconnectRequested || !d->handle) {
        qCWarning(lcMqtt).noquote() << "Cannot publish on" << topic << "while not connected";
        return -1;
    }
    if (qos < 0 || qos > 2) {
        qCWarning(lcMqtt).noquote() << "Cannot publish on" << topic << "with invalid QoS" << qos;
        return -1;
    }
    const QByteArray topicBytes = topic.toUtf8();
    int messageId = -1;
    mosquitto* current = d->handle;
    const int rc = d->callLibrary([&] {
        return mosquitto_publish(current, &messageId, topicBytes.constData(), int(payload.size()),
                                 payload.constData(), qos, retain);
    });
    if (rc != MOSQ_ERR_SUCCESS) {
        qCWarning(lcMqtt).noquote() << "Cannot publish on" << topic << ":" << mosquittoErrorText(rc);
        return -1;
    }
    if (qos > 0 && d->handle == current)
        d->pendingMessageIds.insert(messageId);
    qCDebug(lcMqttVerbose).noquote() << "Publishing message" << messageId << "on" << topic << "QoS" << qos
                                     << (retain ? "retained" : "") << payload.size() << "bytes";
    return messageId;
}

int MqttClient::subscribe(const QString& topicFilter, int qos)
{
    return subscribe(QStringList {topicFilter}, qos);
}

int MqttClient::subscribe(const QStringList& topicFilters, int qos)
{
    const QString filterList = topicFilters.join(u", "_s);
    if (d->state != State::Connected || d->disconnectRequested || !d->handle) {
        qCWarning(lcMqtt).noquote() << "Cannot subscribe to" << filterList << "while not connected";
        return -1;
    }
    QList<QByteArray> filters;
    std::vector<char*> pointers;
    for (const QString& topicFilter : topicFilters)
        filters.append(topicFilter.toUtf8());
    for (QByteArray& filter : filters)
        pointers.push_back(filter.data());
    int messageId = -1;
    mosquitto* current = d->handle;
    const int rc = d->callLibrary([&] {
        return mosquitto_subscribe_multiple(current, &messageId, int(pointers.size()), pointers.data(), qos, 0, nullptr);
    });
    if (rc != MOSQ_ERR_SUCCESS) {
        qCWarning(lcMqtt).noquote() << "Cannot subscribe to" << filterList << ":" << mosquittoErrorText(rc);
        return -1;
    }
    qCDebug(lcMqtt).noquote() << "Subscribing to" << filterList << "QoS" << qos << "as message" << messageId;
    return messageId;
}

int MqttClient::unsubscribe(const QString& topicFilter)
{
    if (d->state != State::Connected || d->disconnectRequested || !d->handle) {
        qCWarning(lcMqtt).noquote() << "Cannot unsubscribe from" << topicFilter << "while not connected";
        return -1;
    }
    const QByteArray filter = topicFilter.toUtf8();
    int messageId = -1;
    mosquitto* current = d->handle;
    const int rc = d->callLibrary([&] { return mosquitto_unsubscribe(current, &messageId, filter.constData()); });
    if (rc != MOSQ_ERR_SUCCESS) {
        qCWarning(lcMqtt).noquote() << "Cannot unsubscribe from" << topicFilter << ":" << mosquittoErrorText(rc);
        return -1;
    }
    qCDebug(lcMqtt).noquote() << "Unsubscribing from" << topicFilter << "as message" << messageId;
    return messageId;
}

int MqttClient::pendingPublishCount() const
{
    return int(d->pendingMessageIds.size());
}

} // namespace gcn
