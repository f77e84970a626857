#include "mqtt/WebSocketRelay.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QMetaEnum>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

const QString kSubprotocol = u"mqtt"_s;

// Value of OpenSSL's MinProtocol and MaxProtocol configuration commands, or empty to keep the default.
QByteArray protocolCommandValue(TlsVersion version)
{
    switch (version) {
    case TlsVersion::LibraryDefault:
        return {};
    case TlsVersion::MinimumSupported:
    case TlsVersion::MaximumSupported:
        return "None";
    case TlsVersion::SslV3:
        return "SSLv3";
    case TlsVersion::TlsV1:
        return "TLSv1";
    case TlsVersion::TlsV1_1:
        return "TLSv1.1";
    case TlsVersion::TlsV1_2:
        return "TLSv1.2";
    case TlsVersion::TlsV1_3:
        return "TLSv1.3";
    }
    return {};
}

QString socketErrorName(int error)
{
    return QString::fromLatin1(
        QMetaEnum::fromType<QAbstractSocket::SocketError>().valueToKey(error));
}

// One verification error in the words the tcp transport uses where OpenSSL's and Qt's texts differ.
QString describeSslError(const QSslError& error, const QString& expectedHost)
{
    const QSslCertificate certificate = error.certificate();
    const QString subject = certificate.isNull() ? QString() : certificate.subjectDisplayName();
    if (error.error() == QSslError::HostNameMismatch)
        return u"hostname mismatch (expected %1, certificate %2)"_s.arg(expectedHost, subject);
    if (subject.isEmpty())
        return error.errorString();
    return u"%1 (certificate %2)"_s.arg(error.errorString(), subject);
}

// Whether the process at the other end of a connected unix socket is this process.
bool peerIsThisProcess(QLocalSocket* socket)
{
    ucred credentials{};
    socklen_t length = sizeof credentials;
    if (getsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_PEERCRED, &credentials, &length) != 0)
        return false;
    return credentials.pid == getpid();
}

} // namespace

WebSocketRelay::WebSocketRelay(QObject* parent)
    : QObject(parent)
{
}

WebSocketRelay::~WebSocketRelay()
{
    abort();
}

QUrl WebSocketRelay::url(const MqttConnectOptions& options)
{
    QUrl url;
    url.setScheme(u"wss"_s);
    url.setHost(options.host);
    url.setPort(options.port);
    const QString path = options.webSocketPath.isEmpty() ? u"/"_s : options.webSocketPath;
    url.setPath(path.startsWith(u'/') ? path : u'/' + path);
    return url;
}

QSslConfiguration WebSocketRelay::sslConfiguration(const MqttConnectOptions& options)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    // NOTE: without a minimum from the options, Qt requires TLS 1.2 or later (QSsl::SecureProtocols). The tcp
    // transport leaves the minimum to OpenSSL, whose default security level rejects TLS 1.1 on Debian 12 too.
    configuration.setProtocol(QSsl::SecureProtocols);
    if (!options.tlsCaFile.isEmpty())
        configuration.addCaCertificates(options.tlsCaFile);
    // Qt hands these to OpenSSL's SSL_CONF_cmd() after its own settings, so they override them.
    const QByteArray minimum = protocolCommandValue(options.tlsMinVersion);
    if (!minimum.isEmpty())
        configuration.setBackendConfigurationOption("MinProtocol", minimum);
    const QByteArray maximum = protocolCommandValue(options.tlsMaxVersion);
    if (!maximum.isEmpty())
        configuration.setBackendConfigurationOption("MaxProtocol", maximum);
    if (!options.tlsCiphers.isEmpty())
        configuration.setBackendConfigurationOption("CipherString", options.tlsCiphers.toUtf8());
    return configuration;
}

void WebSocketRelay::open(const MqttConnectOptions& options)
{
    if (m_state != State::Idle) {
        qCWarning(lcMqtt) << "WebSocket relay: open() ignored in state" << m_state;
        return;
    }
    m_state = State::Opening;
    m_url = url(options);

    m_webSocket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_webSocket->setSslConfiguration(sslConfiguration(options));
    connect(m_webSocket, &QWebSocket::connected, this, &WebSocketRelay::onConnected);
    connect(m_webSocket, &QWebSocket::disconnected, this, &WebSocketRelay::onWebSocketDisconnected);
    connect(m_webSocket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
            &WebSocketRelay::onSocketError);
    connect(m_webSocket, &QWebSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
        m_sslErrors += errors;
    });
    // QWebSocket counts the TLS handshake's bytes too, so written bytes mean the TCP connection was made.
    connect(m_webSocket, &QWebSocket::bytesWritten, this, [this] { m_tcpConnected = true; });
    connect(m_webSocket, &QWebSocket::binaryMessageReceived, this, &WebSocketRelay::onBinaryMessage);
    connect(m_webSocket, &QWebSocket::textMessageReceived, this, &WebSocketRelay::onTextMessage);

    QWebSocketHandshakeOptions handshake;
    handshake.setSubprotocols({kSubprotocol});
    qCDebug(lcMqtt).noquote() << "Opening WebSocket" << m_url.toString() << "with subprotocol" << kSubprotocol;
    m_webSocket->open(m_url, handshake);
}

QString WebSocketRelay::openingStage() const
{
    return m_tcpConnected ? u"TLS or WebSocket handshake"_s : u"name resolution or TCP connect"_s;
}

void WebSocketRelay::onConnected()
{
    if (m_state != State::Opening)
        return;
    const QString accepted = m_webSocket->subprotocol();
    if (accepted != kSubprotocol) {
        // RFC 6455 lets a server complete the handshake without a subprotocol, and such a server does not
        // speak MQTT.
        m_state = State::Closed;
        m_webSocket->abort();
        Q_EMIT failed(MqttClient::Error::ProtocolRejected,
                      u"The WebSocket server %1 did not accept the subprotocol %2 (it chose %3)"_s.arg(
                          m_url.toString(), kSubprotocol, accepted.isEmpty() ? u"none"_s : accepted));
        return;
    }
    QString error;
    if (!startLocalServer(&error)) {
        m_state = State::Closed;
        m_webSocket->abort();
        Q_EMIT failed(MqttClient::Error::Other, error);
        return;
    }
    m_state = State::Open;
    qCDebug(lcMqtt).noquote() << "WebSocket" << m_url.toString() << "open with subprotocol" << accepted
                              << "; relaying through" << m_localPath;
    Q_EMIT opened();
}

bool WebSocketRelay::startLocalServer(QString* error)
{
    m_localDir = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/gcn-mqtt-relay-XXXXXX"_s);
    if (!m_localDir->isValid()) {
        *error = u"Cannot create a private folder for the WebSocket relay socket: %1"_s.arg(m_localDir->errorString());
        return false;
    }
    // QTemporaryDir creates the folder with mode 0700, so other users cannot reach the socket.
    m_localPath = m_localDir->filePath(u"mqtt.sock"_s);
    if (QFile::encodeName(m_localPath).size() >= qsizetype(sizeof(sockaddr_un::sun_path))) {
        *error = u"The WebSocket relay socket path %1 is too long for a unix socket; set TMPDIR to a shorter "
                 "folder"_s.arg(m_localPath);
        return false;
    }
    m_localServer = new QLocalServer(this);
    connect(m_localServer, &QLocalServer::newConnection, this, &WebSocketRelay::onLocalConnection);
    if (!m_localServer->listen(m_localPath)) {
        *error = u"Cannot listen on the WebSocket relay socket %1: %2"_s.arg(m_localPath, m_localServer->errorString());
        return false;
    }
    return true;
}

void WebSocketRelay::onSocketError(QAbstractSocket::SocketError error)
{
    if (m_state != State::Opening) {
        qCDebug(lcMqtt).noquote() << "WebSocket" << m_url.toString() << "error:" << m_webSocket->errorString();
        return;
    }
    if (!m_socketErrorSeen) {
        m_socketErrorSeen = true;
        // The signal's argument, because error() may return the TCP socket's error instead.
        m_socketError = int(error);
        m_socketErrorString = m_webSocket->errorString();
    }
    // Qt may emit disconnected() before error(), and several errors for one failure: report after both.
    if (!m_failureReportQueued) {
        m_failureReportQueued = true;
        QMetaObject::invokeMethod(this, &WebSocketRelay::reportOpenFailure, Qt::QueuedConnection);
    }
}

void WebSocketRelay::reportOpenFailure()
{
    if (m_state != State::Opening)
        return;
    m_state = State::Closed;
    const QString endpoint = m_url.toString();
    const auto socketError = QAbstractSocket::SocketError(m_socketError);
    MqttClient::Error error = MqttClient::Error::Other;
    QString detail;

    if (!m_sslErrors.isEmpty()) {
        QStringList reasons;
        for (const QSslError& sslError : std::as_const(m_sslErrors))
            reasons << describeSslError(sslError, m_url.host());
        error = MqttClient::Error::TlsCertificateRejected;
        detail = u"TLS certificate of %1 rejected: certificate verify failed: %2"_s.arg(endpoint, reasons.join(u"; "_s));
    } else if (!m_socketErrorSeen) {
        error = MqttClient::Error::ConnectionLost;
        detail = u"Connection to %1 closed before the WebSocket handshake completed"_s.arg(endpoint);
    } else {
        switch (socketError) {
        case QAbstractSocket::HostNotFoundError:
            error = MqttClient::Error::HostNotFound;
            detail = u"Host name lookup of %1 failed: %2"_s.arg(m_url.host(), m_socketErrorString);
            break;
        case QAbstractSocket::ConnectionRefusedError:
            if (m_tcpConnected) {
                // A refused TCP connect writes nothing, so this is an HTTP status other than 101 Switching
                // Protocols, which Qt also reports as a refused connection. A proxy in front of a restarting
                // broker returns 502 or 503, so this is retried like CONNACK 3.
                error = MqttClient::Error::ServerUnavailable;
                detail = u"The server %1 rejected the WebSocket upgrade: %2"_s.arg(endpoint, m_socketErrorString);
            } else {
                error = MqttClient::Error::ConnectionRefused;
                detail = u"Cannot connect to %1: %2"_s.arg(endpoint, m_socketErrorString);
            }
            break;
        case QAbstractSocket::SslHandshakeFailedError:
            error = MqttClient::Error::TlsHandshakeFailed;
            detail = u"TLS handshake with %1 failed: %2"_s.arg(endpoint, m_socketErrorString);
            break;
        case QAbstractSocket::SocketTimeoutError:
            error = MqttClient::Error::ConnectTimeout;
            detail = u"Connection to %1 timed out: %2"_s.arg(endpoint, m_socketErrorString);
            break;
        case QAbstractSocket::NetworkError:
            error = MqttClient::Error::NetworkUnreachable;
            detail = u"Cannot connect to %1: %2"_s.arg(endpoint, m_socketErrorString);
            break;
        case QAbstractSocket::RemoteHostClosedError:
            error = MqttClient::Error::ConnectionLost;
            detail = u"Connection to %1 closed by the server before the WebSocket handshake completed: %2"_s.arg(
                endpoint, m_socketErrorString);
            break;
        default:
            detail = u"Cannot open the WebSocket %1: %2 (%3)"_s.arg(endpoint, m_socketErrorString,
                                                                     socketErrorName(m_socketError));
            break;
        }
    }
    m_webSocket->abort();
    Q_EMIT failed(error, detail);
}

void WebSocketRelay::onLocalConnection()
{
    while (QLocalSocket* socket = m_localServer ? m_localServer->nextPendingConnection() : nullptr) {
        if (m_localSocket || m_state != State::Open || !peerIsThisProcess(socket)) {
            qCWarning(lcMqtt).noquote() << "WebSocket relay: rejected a connection to" << m_localPath
                                        << "that did not come from this client";
            socket->abort();
            socket->deleteLater();
            continue;
        }
        m_localSocket = socket;
        // The server owns the sockets it accepts, and it goes away below.
        m_localSocket->setParent(this);
        // The one connection is made: remove the socket file so that nothing else can connect.
        closeLocalServer();
        connect(m_localSocket, &QLocalSocket::readyRead, this, &WebSocketRelay::onLocalReadyRead);
        connect(m_localSocket, &QLocalSocket::disconnected, this, &WebSocketRelay::onLocalDisconnected);
        if (!m_pendingToLocal.isEmpty())
            m_localSocket->write(std::exchange(m_pendingToLocal, {}));
        // Bytes may have arrived between the accept and the connections above.
        onLocalReadyRead();
    }
}

void WebSocketRelay::closeLocalServer()
{
    if (!m_localServer)
        return;
    m_localServer->close();
    m_localServer->deleteLater();
    m_localServer = nullptr;
}

void WebSocketRelay::onLocalReadyRead()
{
    if (!m_localSocket)
        return;
    const QByteArray data = m_localSocket->readAll();
    if (data.isEmpty())
        return;
    if (m_webSocket && m_webSocket->state() == QAbstractSocket::ConnectedState)
        m_webSocket->sendBinaryMessage(data);
    else
        qCDebug(lcMqtt) << "WebSocket relay: dropped" << data.size() << "bytes for a closed WebSocket";
}

void WebSocketRelay::onLocalDisconnected()
{
    onLocalReadyRead();
    if (m_state == State::Open) {
        // libmosquitto closed its socket: after a DISCONNECT packet, or because it gave up the connection.
        qCDebug(lcMqtt).noquote() << "WebSocket relay: MQTT client closed; closing" << m_url.toString();
        m_state = State::Closing;
        m_webSocket->close(QWebSocketProtocol::CloseCodeNormal);
        if (m_webSocket->state() == QAbstractSocket::UnconnectedState)
            finishClosing();
        return;
    }
    if (m_state == State::Closing && (!m_webSocket || m_webSocket->state() == QAbstractSocket::UnconnectedState))
        finishClosing();
}

void WebSocketRelay::onBinaryMessage(const QByteArray& message)
{
    if (m_state != State::Open)
        return;
    if (m_localSocket)
        m_localSocket->write(message);
    else
        m_pendingToLocal += message;
}

void WebSocketRelay::onTextMessage()
{
    // MQTT over WebSocket uses binary frames only; a client that receives anything else closes the connection.
    if (m_state != State::Open)
        return;
    qCWarning(lcMqtt).noquote() << "WebSocket" << m_url.toString()
                                << "sent a text message, which MQTT does not allow; closing the connection";
    // Nothing more reaches libmosquitto, which sees the end of file once the WebSocket is closed.
    m_state = State::Closing;
    m_webSocket->close(QWebSocketProtocol::CloseCodeDatatypeNotSupported);
}

void WebSocketRelay::onWebSocketDisconnected()
{
    if (m_state == State::Opening) {
        if (!m_failureReportQueued) {
            m_failureReportQueued = true;
            QMetaObject::invokeMethod(this, &WebSocketRelay::reportOpenFailure, Qt::QueuedConnection);
        }
        return;
    }
    if (m_state != State::Open && m_state != State::Closing)
        return;
    if (m_state == State::Open) {
        qCInfo(lcMqtt).noquote() << "WebSocket" << m_url.toString() << "closed by the server: code"
                                 << int(m_webSocket->closeCode()) << m_webSocket->closeReason();
    }
    m_state = State::Closing;
    // libmosquitto connects from within opened(), so a connection it made is at least pending here.
    if (!m_localSocket && m_localServer) {
        if (QLocalSocket* pending = m_localServer->nextPendingConnection()) {
            if (peerIsThisProcess(pending)) {
                m_localSocket = pending;
                m_localSocket->setParent(this);
                connect(m_localSocket, &QLocalSocket::disconnected, this, &WebSocketRelay::onLocalDisconnected);
            } else {
                pending->abort();
                pending->deleteLater();
            }
        }
    }
    closeLocalServer();
    if (m_localSocket && m_localSocket->state() != QLocalSocket::UnconnectedState) {
        if (!m_pendingToLocal.isEmpty())
            m_localSocket->write(std::exchange(m_pendingToLocal, {}));
        // Writes what the broker sent last (a CONNACK with an error code, for instance) before the end of file.
        m_localSocket->disconnectFromServer();
        if (m_localSocket->state() != QLocalSocket::UnconnectedState)
            return;
    }
    finishClosing();
}

void WebSocketRelay::finishClosing()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    qCDebug(lcMqtt).noquote() << "WebSocket relay for" << m_url.toString() << "closed";
    Q_EMIT closed();
}

void WebSocketRelay::abort()
{
    const bool wasActive = m_state != State::Idle && m_state != State::Closed;
    m_state = State::Closed;
    if (m_webSocket) {
        disconnect(m_webSocket, nullptr, this, nullptr);
        m_webSocket->abort();
    }
    if (m_localSocket) {
        disconnect(m_localSocket, nullptr, this, nullptr);
        m_localSocket->abort();
    }
    closeLocalServer();
    if (wasActive)
        qCDebug(lcMqtt).noquote() << "WebSocket relay for" << m_url.toString() << "aborted";
}

} // namespace gcn
