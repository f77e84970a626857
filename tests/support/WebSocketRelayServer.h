#pragma once

#include "BrokerFixture.h"

#include <QList>
#include <QObject>
#include <QSsl>
#include <QString>
#include <QStringList>

#include <memory>

class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace gcn::test {

// A wss:// endpoint for MQTT over WebSocket, because mosquitto's own WebSocket listener does not start on
// Debian 12. It is a QWebSocketServer in secure mode on a free loopback port, with a server certificate of
// BrokerFixture's CA, that relays each WebSocket to a broker listener without TLS
// (BrokerFixture::Config::plainListener). A WebSocket that did not negotiate the subprotocol mqtt is closed
// with a protocol error, and so is one that sends a text message, as MQTT over WebSocket requires.
//
// Typical use:
//     BrokerFixture::Config config;
//     config.plainListener = true;
//     BrokerFixture broker(config);
//     WebSocketRelayServer relay(broker.plainPort());
//     QVERIFY2(broker.start() && relay.start(), ...);
//     options.transport = MqttTransport::WebSocket; options.port = relay.port();
class WebSocketRelayServer : public QObject
{
    Q_OBJECT

public:
    struct Config
    {
        BrokerFixture::ServerCertificate certificate = BrokerFixture::ServerCertificate::Localhost;
        // Subprotocols the server accepts. Without mqtt it completes the handshake without a subprotocol,
        // as RFC 6455 allows, and then closes the WebSocket.
        QStringList subprotocols {QStringLiteral("mqtt")};
        // TLS versions the server accepts, e.g. QSsl::TlsV1_2 for TLS 1.2 only.
        QSsl::SslProtocol protocol = QSsl::SecureProtocols;
        // Sends a text message to each relayed WebSocket, which MQTT over WebSocket does not allow.
        bool sendTextMessage = false;
    };

    explicit WebSocketRelayServer(int brokerPort, QObject* parent = nullptr);
    WebSocketRelayServer(int brokerPort, const Config& config, QObject* parent = nullptr);
    ~WebSocketRelayServer() override;

    // Listens on a free loopback port. Returns false with errorString() when the certificate or the port fail.
    bool start();
    QString errorString() const { return m_errorString; }
    int port() const { return m_port; }

    // Request paths of the WebSockets accepted so far, in order, e.g. "/mqtt".
    QStringList requestPaths() const { return m_requestPaths; }
    // WebSockets closed because they did not negotiate mqtt or sent a text message.
    int rejectedCount() const { return m_rejected; }
    // WebSockets relayed to the broker and still open.
    int openCount() const;

private:
    struct Connection
    {
        QWebSocket* webSocket = nullptr;
        QTcpSocket* broker = nullptr;
    };

    void acceptConnections();
    void relay(QWebSocket* webSocket);
    void release(const std::shared_ptr<Connection>& connection);

    int m_brokerPort = 0;
    Config m_config;
    std::unique_ptr<QWebSocketServer> m_server;
    int m_port = 0;
    QString m_errorString;
    QStringList m_requestPaths;
    int m_rejected = 0;
    QList<std::shared_ptr<Connection>> m_connections;
};

} // namespace gcn::test
