// Integration tests of MqttClient's websocket transport: a real mosquitto behind WebSocketRelayServer, a
// wss:// endpoint of the test that relays each WebSocket to the broker's listener without TLS.

#include <sys/resource.h>

#include <csignal>

#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>
#include <QUuid>

#include <memory>

#include "BrokerFixture.h"
#include "MqttClientWaits.h"
#include "ProcessRunner.h"
#include "WebSocketRelayServer.h"
#include "mqtt/MqttClient.h"
#include "mqtt/WebSocketRelay.h"

using namespace Qt::StringLiterals;
using gcn::MqttClient;
using gcn::MqttConnectOptions;
using gcn::MqttTransport;
using gcn::TlsVersion;
using gcn::WebSocketRelay;
using gcn::test::BrokerFixture;
using gcn::test::connectAndWait;
using gcn::test::failedConnectError;
using gcn::test::WebSocketRelayServer;

Q_DECLARE_METATYPE(gcn::TlsVersion)

namespace {

// Upper bound for anything that should happen at once on loopback. It only guards against hangs.
constexpr int kTimeoutMs = 15'000;

QString uniqueTopic(const QString& prefix)
{
    return u"gcn-test/ws/%1/%2"_s.arg(prefix, QUuid::createUuid().toString(QUuid::WithoutBraces));
}

qint64 processCpuMs()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return qint64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
           + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

// Kinds of server a failing connection attempt meets.
enum ServerKind { RelayServer, SilentServer, NoServer };

} // namespace

class TestMqttWebSocket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void connectPublishAndReceive();
    void webSocketPathIsRequested_data();
    void webSocketPathIsRequested();
    void lastWill_data();
    void lastWill();
    void connectionLostWhenBrokerDies();
    void keepAliveDetectsSilentBroker();
    void idleClientUsesNoCpu();
    void tlsSettingsWithinServerRangeConnect_data();
    void tlsSettingsWithinServerRangeConnect();
    void connectFailures_data();
    void connectFailures();
    void httpRejectionIsRetryable();
    void textMessageClosesConnection();
    void relaySocketAcceptsOnlyThisProcess();

private:
    MqttConnectOptions webSocketOptions(int port) const;

    std::unique_ptr<BrokerFixture> m_broker;
    std::unique_ptr<WebSocketRelayServer> m_relay;
};

void TestMqttWebSocket::initTestCase()
{
    MqttClient::initializeLibrary();
    BrokerFixture::Config config;
    config.plainListener = true;
    m_broker = std::make_unique<BrokerFixture>(config);
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_relay = std::make_unique<WebSocketRelayServer>(m_broker->plainPort());
    QVERIFY2(m_relay->start(), qPrintable(m_relay->errorString()));
}

void TestMqttWebSocket::cleanupTestCase()
{
    m_relay.reset();
    m_broker.reset();
}

MqttConnectOptions TestMqttWebSocket::webSocketOptions(int port) const
{
    MqttConnectOptions options = m_broker->clientOptions();
    options.transport = MqttTransport::WebSocket;
    options.port = port;
    return options;
}

void TestMqttWebSocket::connectPublishAndReceive()
{
    MqttClient client;
    client.setOptions(webSocketOptions(m_relay->port()));
    QSignalSpy stateSpy(&client, &MqttClient::stateChanged);
    QVERIFY(connectAndWait(client));
    QCOMPARE(client.error(), MqttClient::Error::None);
    QCOMPARE(m_relay->openCount(), 1);

    // A retained QoS 1 message reaches the broker, where the TLS listener reads it back.
    QSignalSpy publishedSpy(&client, &MqttClient::messagePublished);
    const QString retainedTopic = uniqueTopic(u"retained"_s);
    const int messageId = client.publish(retainedTopic, "online", 1, true);
    QVERIFY(messageId >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(publishedSpy.size(), 1, kTimeoutMs);
    QCOMPARE(publishedSpy.first().first().toInt(), messageId);
    const std::optional<QByteArray> retained = m_broker->readRetained(retainedTopic);
    QVERIFY2(retained.has_value(), qPrintable(m_broker->lastToolOutput()));
    QCOMPARE(*retained, QByteArray("online"));
    QVERIFY(m_broker->publish(retainedTopic, {}, 1, true));

    // A message published by a board arrives through the WebSocket, bytes unchanged.
    QSignalSpy subscribedSpy(&client, &MqttClient::subscribed);
    QSignalSpy messageSpy(&client, &MqttClient::messageReceived);
    const QString liveTopic = uniqueTopic(u"live"_s);
    QVERIFY(client.subscribe(liveTopic, 1) >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(subscribedSpy.size(), 1, kTimeoutMs);
    // Large enough to cross both relays in several reads and WebSocket messages.
    const QByteArray payload = QByteArray("1 1700000000 \xc3\xa9 ") + QByteArray(300'000, 'x');
    QVERIFY2(m_broker->publish(liveTopic, payload, 1, false), qPrintable(m_broker->lastToolOutput()));
    QTRY_COMPARE_WITH_TIMEOUT(messageSpy.size(), 1, kTimeoutMs);
    QCOMPARE(messageSpy.first().at(0).toString(), liveTopic);
    QCOMPARE(messageSpy.first().at(1).toByteArray(), payload);

    QSignalSpy disconnectedSpy(&client, &MqttClient::disconnected);
    client.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(disconnectedSpy.size(), 1, kTimeoutMs);
    QCOMPARE(client.error(), MqttClient::Error::None);
    QCOMPARE(stateSpy.size(), 3);
    QCOMPARE(stateSpy.at(2).first().value<MqttClient::State>(), MqttClient::State::Disconnected);
    QTRY_COMPARE_WITH_TIMEOUT(m_relay->openCount(), 0, kTimeoutMs);
}

void TestMqttWebSocket::webSocketPathIsRequested_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("requested");
    QTest::newRow("default") << u"/mqtt"_s << u"/mqtt"_s;
    QTest::newRow("nested path") << u"/broker/ws"_s << u"/broker/ws"_s;
    QTest::newRow("without leading slash") << u"mqtt"_s << u"/mqtt"_s;
}

void TestMqttWebSocket::webSocketPathIsRequested()
{
    QFETCH(QString, path);
    QFETCH(QString, requested);
    MqttConnectOptions options = webSocketOptions(m_relay->port());
    options.webSocketPath = path;
    MqttClient client;
    client.setOptions(options);
    const qsizetype before = m_relay->requestPaths().size();
    QVERIFY(connectAndWait(client));
    QCOMPARE(m_relay->requestPaths().size(), before + 1);
    QCOMPARE(m_relay->requestPaths().last(), requested);
}

void TestMqttWebSocket::lastWill_data()
{
    QTest::addColumn<bool>("crash");
    QTest::newRow("published after abort") << true;
    QTest::newRow("not published after disconnect") << false;
}

void TestMqttWebSocket::lastWill()
{
    QFETCH(bool, crash);
    const QString topic = uniqueTopic(u"will"_s);
    MqttConnectOptions options = webSocketOptions(m_relay->port());
    options.willTopic = topic;
    options.willPayload = "offline";
    options.willQos = 1;
    options.willRetain = true;

    MqttClient client;
    client.setOptions(options);
    QVERIFY(connectAndWait(client));
    QSignalSpy disconnectedSpy(&client, &MqttClient::disconnected);
    if (crash)
        client.abort();
    else
        client.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(disconnectedSpy.size(), 1, kTimeoutMs);
    QCOMPARE(client.error(), MqttClient::Error::None);
    QTRY_COMPARE_WITH_TIMEOUT(m_relay->openCount(), 0, kTimeoutMs);

    const std::optional<QByteArray> retained = m_broker->readRetained(topic, crash ? 5 : 2);
    if (crash) {
        QVERIFY2(retained.has_value(), qPrintable(m_broker->lastToolOutput()));
        QCOMPARE(*retained, QByteArray("offline"));
        QVERIFY(m_broker->publish(topic, {}, 1, true));
    } else {
        // DISCONNECT went through the relay before the WebSocket closed, so the broker dropped the will.
        QVERIFY2(!retained.has_value(), retained ? retained->constData() : "");
    }
}

void TestMqttWebSocket::connectionLostWhenBrokerDies()
{
    BrokerFixture::Config config;
    config.plainListener = true;
    BrokerFixture broker(config);
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    WebSocketRelayServer relay(broker.plainPort());
    QVERIFY2(relay.start(), qPrintable(relay.errorString()));
    MqttConnectOptions options = broker.clientOptions();
    options.transport = MqttTransport::WebSocket;
    options.port = relay.port();
    MqttClient client;
    client.setOptions(options);
    QVERIFY(connectAndWait(client));
    QSignalSpy errorSpy(&client, &MqttClient::errorOccurred);
    QSignalSpy disconnectedSpy(&client, &MqttClient::disconnected);

    broker.kill();
    QTRY_COMPARE_WITH_TIMEOUT(disconnectedSpy.size(), 1, kTimeoutMs);
    QCOMPARE(errorSpy.size(), 1);
    QCOMPARE(client.error(), MqttClient::Error::ConnectionLost);
    QVERIFY(MqttClient::isRetryable(client.error()));

    // With the broker back on the same ports, a new attempt opens a new WebSocket.
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    QVERIFY(connectAndWait(client));
    QCOMPARE(client.error(), MqttClient::Error::None);
}

void TestMqttWebSocket::keepAliveDetectsSilentBroker()
{
    BrokerFixture::Config config;
    config.plainListener = true;
    BrokerFixture broker(config);
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    WebSocketRelayServer relay(broker.plainPort());
    QVERIFY2(relay.start(), qPrintable(relay.errorString()));
    MqttConnectOptions options = broker.clientOptions();
    options.transport = MqttTransport::WebSocket;
    options.port = relay.port();
    options.keepAliveSec = 5;
    MqttClient client;
    client.setOptions(options);
    QVERIFY(connectAndWait(client));
    QSignalSpy disconnectedSpy(&client, &MqttClient::disconnected);

    // The WebSocket stays open, but the paused broker behind it never replies to PINGREQ.
    broker.pause();
    QTRY_COMPARE_WITH_TIMEOUT(disconnectedSpy.size(), 1, 30'000);
    broker.resume();
    QCOMPARE(client.error(), MqttClient::Error::ConnectionLost);
    QVERIFY2(client.errorString().contains(u"keep-alive"_s), qPrintable(client.errorString()));
}

void TestMqttWebSocket::idleClientUsesNoCpu()
{
    MqttClient client;
    client.setOptions(webSocketOptions(m_relay->port()));
    QVERIFY(connectAndWait(client));
    const qint64 cpuBefore = processCpuMs();
    QTest::qWait(3'000);
    const qint64 cpuUsed = processCpuMs() - cpuBefore;
    QCOMPARE(client.state(), MqttClient::State::Connected);
    // A notifier spinning on the relay socket or the WebSocket would use close to the full 3 s.
    QVERIFY2(cpuUsed < 500, qPrintable(u"%1 ms of CPU time while idle"_s.arg(cpuUsed)));
}

void TestMqttWebSocket::tlsSettingsWithinServerRangeConnect_data()
{
    QTest::addColumn<TlsVersion>("minimum");
    QTest::addColumn<TlsVersion>("maximum");
    QTest::addColumn<QString>("ciphers");
    QTest::newRow("library defaults") << TlsVersion::LibraryDefault << TlsVersion::LibraryDefault << QString();
    QTest::newRow("TLS 1.2 only") << TlsVersion::TlsV1_2 << TlsVersion::TlsV1_2 << QString();
    QTest::newRow("cipher for the server's EC key")
        << TlsVersion::LibraryDefault << TlsVersion::TlsV1_2 << u"ECDHE-ECDSA-AES128-GCM-SHA256"_s;
}

// The positive side of the TLS rows of connectFailures(): the same server, settings that it accepts.
void TestMqttWebSocket::tlsSettingsWithinServerRangeConnect()
{
    QFETCH(TlsVersion, minimum);
    QFETCH(TlsVersion, maximum);
    QFETCH(QString, ciphers);
    WebSocketRelayServer::Config config;
    config.protocol = QSsl::TlsV1_2;
    WebSocketRelayServer relay(m_broker->plainPort(), config);
    QVERIFY2(relay.start(), qPrintable(relay.errorString()));
    MqttConnectOptions options = webSocketOptions(relay.port());
    options.tlsMinVersion = minimum;
    options.tlsMaxVersion = maximum;
    options.tlsCiphers = ciphers;
    MqttClient client;
    client.setOptions(options);
    QVERIFY(connectAndWait(client));
}

void TestMqttWebSocket::connectFailures_data()
{
    QTest::addColumn<int>("server");
    QTest::addColumn<bool>("wrongName");
    QTest::addColumn<QStringList>("subprotocols");
    QTest::addColumn<int>("serverProtocol");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("caFile");
    QTest::addColumn<TlsVersion>("minimum");
    QTest::addColumn<TlsVersion>("maximum");
    QTest::addColumn<QString>("ciphers");
    QTest::addColumn<bool>("wrongPassword");
    QTest::addColumn<MqttClient::Error>("expected");
    QTest::addColumn<QString>("detail");

    const QStringList mqtt {u"mqtt"_s};
    const QString ca = BrokerFixture::caFile();
    const auto anyTls = int(QSsl::SecureProtocols);
    const auto noVersion = TlsVersion::LibraryDefault;
    QTest::newRow("untrusted CA")
        << int(RelayServer) << false << mqtt << anyTls << u"localhost"_s << BrokerFixture::untrustedCaFile()
        << noVersion << noVersion << QString() << false << MqttClient::Error::TlsCertificateRejected
        << u"certificate verify failed"_s;
    QTest::newRow("host name mismatch")
        << int(RelayServer) << true << mqtt << anyTls << u"localhost"_s << ca << noVersion << noVersion
        << QString() << false << MqttClient::Error::TlsCertificateRejected << u"hostname mismatch"_s;
    QTest::newRow("TLS minimum above the server")
        << int(RelayServer) << false << mqtt << int(QSsl::TlsV1_2) << u"localhost"_s << ca << TlsVersion::TlsV1_3
        << noVersion << QString() << false << MqttClient::Error::TlsHandshakeFailed << u"TLS handshake"_s;
    QTest::newRow("TLS maximum below the server")
        << int(RelayServer) << false << mqtt << int(QSsl::TlsV1_3) << u"localhost"_s << ca << noVersion
        << TlsVersion::TlsV1_2 << QString() << false << MqttClient::Error::TlsHandshakeFailed << u"TLS handshake"_s;
    QTest::newRow("no cipher for the server's key")
        << int(RelayServer) << false << mqtt << int(QSsl::TlsV1_2) << u"localhost"_s << ca << noVersion << noVersion
        << u"ECDHE-RSA-AES128-GCM-SHA256"_s << false << MqttClient::Error::TlsHandshakeFailed << u"TLS handshake"_s;
    QTest::newRow("invalid cipher list")
        << int(RelayServer) << false << mqtt << anyTls << u"localhost"_s << ca << noVersion << noVersion
        << u"NOT-A-CIPHER"_s << false << MqttClient::Error::InvalidOptions << u"cipher"_s;
    QTest::newRow("wrong password")
        << int(RelayServer) << false << mqtt << anyTls << u"localhost"_s << ca << noVersion << noVersion << QString()
        << true << MqttClient::Error::NotAuthorized << u"CONNACK 5"_s;
    QTest::newRow("subprotocol refused")
        << int(RelayServer) << false << QStringList {} << anyTls << u"localhost"_s << ca << noVersion << noVersion
        << QString() << false << MqttClient::Error::ProtocolRejected << u"subprotocol mqtt"_s;
    QTest::newRow("refused port")
        << int(NoServer) << false << mqtt << anyTls << u"127.0.0.1"_s << ca << noVersion << noVersion << QString()
        << false << MqttClient::Error::ConnectionRefused << u"refused"_s;
    QTest::newRow("unresolvable host")
        << int(NoServer) << false << mqtt << anyTls << u"does-not-exist.invalid"_s << ca << noVersion << noVersion
        << QString() << false << MqttClient::Error::HostNotFound << u"does-not-exist.invalid"_s;
    QTest::newRow("silent server")
        << int(SilentServer) << false << mqtt << anyTls << u"127.0.0.1"_s << ca << noVersion << noVersion
        << QString() << false << MqttClient::Error::ConnectTimeout << u"timed out"_s;
}

void TestMqttWebSocket::connectFailures()
{
    QFETCH(int, server);
    QFETCH(bool, wrongName);
    QFETCH(QStringList, subprotocols);
    QFETCH(int, serverProtocol);
    QFETCH(QString, host);
    QFETCH(QString, caFile);
    QFETCH(TlsVersion, minimum);
    QFETCH(TlsVersion, maximum);
    QFETCH(QString, ciphers);
    QFETCH(bool, wrongPassword);
    QFETCH(MqttClient::Error, expected);
    QFETCH(QString, detail);

    WebSocketRelayServer::Config config;
    config.certificate = wrongName ? BrokerFixture::ServerCertificate::WrongName
                                   : BrokerFixture::ServerCertificate::Localhost;
    config.subprotocols = subprotocols;
    config.protocol = QSsl::SslProtocol(serverProtocol);
    WebSocketRelayServer relay(m_broker->plainPort(), config);
    QTcpServer silentServer;
    int port = 0;
    switch (server) {
    case RelayServer:
        QVERIFY2(relay.start(), qPrintable(relay.errorString()));
        port = relay.port();
        break;
    case SilentServer:
        QVERIFY(silentServer.listen(QHostAddress::LocalHost, 0));
        port = silentServer.serverPort();
        break;
    default:
        port = gcn::test::findFreePort();
        break;
    }

    MqttConnectOptions options = webSocketOptions(port);
    options.host = host;
    options.tlsCaFile = caFile;
    options.tlsMinVersion = minimum;
    options.tlsMaxVersion = maximum;
    options.tlsCiphers = ciphers;
    options.connectTimeoutSec = server == SilentServer ? 1 : 30;
    if (wrongPassword)
        options.password = m_broker->password() + u"-wrong"_s;
    MqttClient client;
    client.setOptions(options);
    QCOMPARE(failedConnectError(client, 45'000), expected);
    QVERIFY2(client.errorString().contains(detail), qPrintable(client.errorString()));
    if (expected == MqttClient::Error::ProtocolRejected)
        QCOMPARE(relay.rejectedCount(), 1);
}

void TestMqttWebSocket::httpRejectionIsRetryable()
{
    // A TLS server that answers the upgrade request with 503, as a proxy does while the broker restarts.
    QFile certificateFile(BrokerFixture::serverCertificateFile(BrokerFixture::ServerCertificate::Localhost));
    QFile keyFile(BrokerFixture::serverKeyFile(BrokerFixture::ServerCertificate::Localhost));
    QVERIFY(certificateFile.open(QIODevice::ReadOnly));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setLocalCertificate(QSslCertificate(certificateFile.readAll()));
    ssl.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
    ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
    QSslServer server;
    server.setSslConfiguration(ssl);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QObject::connect(&server, &QSslServer::pendingConnectionAvailable, &server, [&server] {
        while (QTcpSocket* socket = server.nextPendingConnection()) {
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                if (!socket->readAll().contains("\r\n\r\n"))
                    return;
                socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                socket->disconnectFromHost();
            });
        }
    });

    MqttClient client;
    client.setOptions(webSocketOptions(server.serverPort()));
    QCOMPARE(failedConnectError(client), MqttClient::Error::ServerUnavailable);
    QVERIFY(MqttClient::isRetryable(client.error()));
    QVERIFY2(client.errorString().contains(u"503"_s), qPrintable(client.errorString()));
}

void TestMqttWebSocket::textMessageClosesConnection()
{
    WebSocketRelayServer::Config config;
    config.sendTextMessage = true;
    WebSocketRelayServer relay(m_broker->plainPort(), config);
    QVERIFY2(relay.start(), qPrintable(relay.errorString()));
    MqttClient client;
    client.setOptions(webSocketOptions(relay.port()));
    // The text message arrives before the broker's CONNACK, which the relay then drops.
    QCOMPARE(failedConnectError(client), MqttClient::Error::ConnectionLost);
    QVERIFY2(client.errorString().contains(u"before CONNACK"_s), qPrintable(client.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(relay.openCount(), 0, kTimeoutMs);
}

void TestMqttWebSocket::relaySocketAcceptsOnlyThisProcess()
{
    WebSocketRelay relay;
    QSignalSpy openedSpy(&relay, &WebSocketRelay::opened);
    QSignalSpy failedSpy(&relay, &WebSocketRelay::failed);
    relay.open(webSocketOptions(m_relay->port()));
    QTRY_COMPARE_WITH_TIMEOUT(openedSpy.size() + failedSpy.size(), 1, kTimeoutMs);
    QCOMPARE(openedSpy.size(), 1);
    const QString path = relay.localSocketPath();
    QVERIFY(QFileInfo::exists(path));

    const QFileInfo folder(QFileInfo(path).path());
    QCOMPARE(folder.ownerId(), uint(getuid()));
    const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther
                                      | QFile::WriteOther | QFile::ExeOther;
    QCOMPARE(folder.permissions() & others, QFile::Permissions());

    // Another process of the same user may reach the socket, and is turned away.
    const gcn::test::ProcessResult foreign = gcn::test::ProcessRunner::run(
        u"/usr/bin/python3"_s,
        {u"-c"_s, u"import socket, sys\n"
                  "s = socket.socket(socket.AF_UNIX)\n"
                  "s.connect(sys.argv[1])\n"
                  "s.settimeout(10)\n"
                  "try:\n"
                  "    print('closed' if s.recv(1) == b'' else 'data')\n"
                  "except ConnectionResetError:\n"
                  "    print('closed')\n"_s,
         path},
        20'000);
    QVERIFY2(foreign.succeeded(), qPrintable(foreign.describe()));
    QCOMPARE(foreign.standardOutput.trimmed(), QByteArray("closed"));
    QCOMPARE(relay.state(), WebSocketRelay::State::Open);
    QVERIFY(QFileInfo::exists(path));

    // This process is accepted, and then the socket file goes away.
    QLocalSocket own;
    own.connectToServer(path);
    QVERIFY(own.waitForConnected(kTimeoutMs));
    QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(path), kTimeoutMs);
    QCOMPARE(relay.state(), WebSocketRelay::State::Open);
    QCOMPARE(own.state(), QLocalSocket::ConnectedState);

    // Closing the local side closes the WebSocket too.
    QSignalSpy closedSpy(&relay, &WebSocketRelay::closed);
    own.disconnectFromServer();
    QTRY_COMPARE_WITH_TIMEOUT(closedSpy.size(), 1, kTimeoutMs);
    QCOMPARE(relay.state(), WebSocketRelay::State::Closed);
    QTRY_COMPARE_WITH_TIMEOUT(m_relay->openCount(), 0, kTimeoutMs);
}

QTEST_GUILESS_MAIN(TestMqttWebSocket)
#include "tst_mqttwebsocket.moc"
