#include "WebSocketRelayServer.h"

#include <QFile>
#include <QHostAddress>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketServer>

namespace gcn::test {

using namespace Qt::StringLiterals;

WebSocketRelayServer::WebSocketRelayServer(int brokerPort, QObject* parent)
    : WebSocketRelayServer(brokerPort, Config {}, parent)
{
}

WebSocketRelayServer::WebSocketRelayServer(int brokerPort, const Config& config, QObject* parent)
    : QObject(parent)
    , m_brokerPort(brokerPort)
    , m_config(config)
{
}

WebSocketRelayServer::~WebSocketRelayServer()
{
    for (const std::shared_ptr<Connection>& connection : std::as_const(m_connections)) {
        if (connection->webSocket) {
            connection->webSocket->disconnect(this);
            connection->webSocket->abort();
            delete connection->webSocket;
        }
        if (connection->broker) {
            connection->broker->disconnect(this);
            connection->broker->abort();
            delete connection->broker;
        }
    }
}

bool WebSocketRelayServer::start()
{
    if (m_brokerPort <= 0) {
        m_errorString = u"No broker port to relay to; start the broker with Config::plainListener"_s;
        return false;
    }
    QFile certificateFile(BrokerFixture::serverCertificateFile(m_config.certificate));
    QFile keyFile(BrokerFixture::serverKeyFile(m_config.certificate));
    if (!certificateFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        m_errorString = u"Cannot read the server certificate %1 or its key: %2 %3"_s.arg(
            certificateFile.fileName(), certificateFile.errorString(), keyFile.errorString());
        return false;
    }
    const QSslCertificate certificate(certificateFile.readAll(), QSsl::Pem);
    const QSslKey key(keyFile.readAll(), QSsl::Ec, QSsl::Pem);
    if (certificate.isNull() || key.isNull()) {
        m_errorString = u"Cannot parse the server certificate %1 or its key"_s.arg(certificateFile.fileName());
        return false;
    }

    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setLocalCertificate(certificate);
    ssl.setPrivateKey(key);
    ssl.setProtocol(m_config.protocol);
    ssl.setPeerVerifyMode(QSslSocket::VerifyNone);

    m_server = std::make_unique<QWebSocketServer>(u"gcn test MQTT relay"_s, QWebSocketServer::SecureMode);
    m_server->setSslConfiguration(ssl);
    m_server->setSupportedSubprotocols(m_config.subprotocols);
    connect(m_server.get(), &QWebSocketServer::newConnection, this, &WebSocketRelayServer::acceptConnections);
    if (!m_server->listen(QHostAddress::LocalHost, 0)) {
        m_errorString = u"Cannot listen on 127.0.0.1: %1"_s.arg(m_server->errorString());
        return false;
    }
    m_port = m_server->serverPort();
    return true;
}

int WebSocketRelayServer::openCount() const
{
    return int(m_connections.size());
}

void WebSocketRelayServer::acceptConnections()
{
    while (QWebSocket* webSocket = m_server->nextPendingConnection()) {
        m_requestPaths << webSocket->requestUrl().path();
        if (webSocket->subprotocol() != "mqtt"_L1) {
            ++m_rejected;
            webSocket->close(QWebSocketProtocol::CloseCodeProtocolError, u"the subprotocol mqtt is required"_s);
            connect(webSocket, &QWebSocket::disconnected, webSocket, &QObject::deleteLater);
            continue;
        }
        relay(webSocket);
    }
}

void WebSocketRelayServer::relay(QWebSocket* webSocket)
{
    // The lambdas share the connection, so that a signal arriving after release() finds it still alive.
    auto connection = std::make_shared<Connection>();
    connection->webSocket = webSocket;
    connection->broker = new QTcpSocket(this);
    m_connections << connection;
    QTcpSocket* broker = connection->broker;

    // QTcpSocket keeps what is written before the connection completes and sends it once connected.
    connect(webSocket, &QWebSocket::binaryMessageReceived, this, [connection](const QByteArray& message) {
        if (connection->broker)
            connection->broker->write(message);
    });
    connect(webSocket, &QWebSocket::textMessageReceived, this, [this, connection] {
        ++m_rejected;
        if (connection->webSocket)
            connection->webSocket->close(QWebSocketProtocol::CloseCodeDatatypeNotSupported, u"MQTT needs binary frames"_s);
    });
    connect(broker, &QTcpSocket::readyRead, this, [connection] {
        if (!connection->broker)
            return;
        const QByteArray data = connection->broker->readAll();
        if (connection->webSocket && connection->webSocket->state() == QAbstractSocket::ConnectedState)
            connection->webSocket->sendBinaryMessage(data);
    });
    // Either side closing closes the other, after what it still has to send.
    connect(webSocket, &QWebSocket::disconnected, this, [this, connection] {
        if (connection->broker && connection->broker->state() != QAbstractSocket::UnconnectedState)
            connection->broker->disconnectFromHost();
        release(connection);
    });
    connect(broker, &QTcpSocket::disconnected, this, [this, connection] {
        if (connection->webSocket && connection->webSocket->state() == QAbstractSocket::ConnectedState)
            connection->webSocket->close(QWebSocketProtocol::CloseCodeGoingAway, u"the broker closed the connection"_s);
        release(connection);
    });
    connect(broker, &QTcpSocket::errorOccurred, this, [this, connection](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError && connection->webSocket)
            connection->webSocket->abort();
        release(connection);
    });
    broker->connectToHost(QHostAddress::LocalHost, quint16(m_brokerPort));
    if (m_config.sendTextMessage)
        webSocket->sendTextMessage(u"not MQTT"_s);
}

// Forgets a connection once both of its sockets are closed.
void WebSocketRelayServer::release(const std::shared_ptr<Connection>& connection)
{
    const bool webSocketOpen =
        connection->webSocket && connection->webSocket->state() != QAbstractSocket::UnconnectedState;
    const bool brokerOpen = connection->broker && connection->broker->state() != QAbstractSocket::UnconnectedState;
    if (webSocketOpen || brokerOpen)
        return;
    for (qsizetype index = 0; index < m_connections.size(); ++index) {
        if (m_connections.at(index) != connection)
            continue;
        if (connection->webSocket)
            std::exchange(connection->webSocket, nullptr)->deleteLater();
        if (connection->broker)
            std::exchange(connection->broker, nullptr)->deleteLater();
        m_connections.removeAt(index);
        return;
    }
}

} // namespace gcn::test
