// Integration tests of the real gcn-manager executable over the unix and websocket transports: mosquitto's
// unix socket listener, and mosquitto behind WebSocketRelayServer, a wss:// endpoint of the test.

#include <csignal>

#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "BrokerFixture.h"
#include "ManagerProcess.h"
#include "WebSocketRelayServer.h"

using namespace Qt::StringLiterals;
using gcn::test::BrokerFixture;
using gcn::test::ManagerProcess;
using gcn::test::WebSocketRelayServer;

namespace {

QByteArray retained(const BrokerFixture& broker, const QString& topic)
{
    return broker.readRetained(topic).value_or(QByteArray("<none>"));
}

} // namespace

class TestServiceTransports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void onlineThenOfflineAfterCleanStop_data();
    void onlineThenOfflineAfterCleanStop();
    void willShowsOfflineAfterKill_data();
    void willShowsOfflineAfterKill();
    void webSocketPathOptionIsUsed();
    void webSocketFatalErrorsExit_data();
    void webSocketFatalErrorsExit();
    void webSocketOutageIsSurvivedWithReconnect();

private:
    // Arguments for `transport` ("unix", "websocket" or "websockets") against m_broker or m_relay.
    QStringList managerArguments(const QString& transport) const;

    std::unique_ptr<BrokerFixture> m_broker;
    std::unique_ptr<WebSocketRelayServer> m_relay;
    QTemporaryDir m_stateDir;
};

void TestServiceTransports::init()
{
    BrokerFixture::Config config;
    config.plainListener = true;
    m_broker = std::make_unique<BrokerFixture>(config);
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_relay = std::make_unique<WebSocketRelayServer>(m_broker->plainPort());
    QVERIFY2(m_relay->start(), qPrintable(m_relay->errorString()));
}

void TestServiceTransports::cleanup()
{
    m_relay.reset();
    m_broker.reset();
}

QStringList TestServiceTransports::managerArguments(const QString& transport) const
{
    QStringList arguments {u"--mqtt-transport"_s, transport, u"--mqtt-user-name"_s, m_broker->userName(),
                           u"--log-level"_s, u"info"_s, u"--state-dir"_s, m_stateDir.path()};
    if (transport == "unix"_L1) {
        arguments << u"--mqtt-host"_s << m_broker->unixSocketPath();
    } else {
        arguments << u"--mqtt-host"_s << m_broker->host() << u"--mqtt-port"_s << QString::number(m_relay->port())
                  << u"--mqtt-tls-ca-file"_s << BrokerFixture::caFile();
    }
    return arguments;
}

void TestServiceTransports::onlineThenOfflineAfterCleanStop_data()
{
    QTest::addColumn<QString>("transport");
    QTest::addColumn<QString>("endpoint");
    QTest::newRow("unix") << u"unix"_s << u"unix:"_s;
    QTest::newRow("websocket") << u"websocket"_s << u"wss://localhost:"_s;
    QTest::newRow("websockets spelling") << u"websockets"_s << u"wss://localhost:"_s;
}

void TestServiceTransports::onlineThenOfflineAfterCleanStop()
{
    QFETCH(QString, transport);
    QFETCH(QString, endpoint);
    ManagerProcess manager;
    manager.environment().insert(u"GCN_MQTT_USER_PASSWORD"_s, m_broker->password());
    QVERIFY(manager.start(managerArguments(transport)));
    QVERIFY2(manager.waitForOutput(u"subscribed to"_s), qPrintable(manager.output()));
    QVERIFY2(manager.output().contains(u"Connected to "_s + endpoint), qPrintable(manager.output()));

    const QString topic = u"gcn_manager/status/"_s + manager.managerId();
    QCOMPARE(retained(*m_broker, topic), QByteArray("online"));

    manager.sendSignal(SIGTERM);
    QVERIFY(manager.waitForExit());
    QCOMPARE(manager.exitStatus(), QProcess::NormalExit);
    QCOMPARE(manager.exitCode(), 0);
    QCOMPARE(retained(*m_broker, topic), QByteArray("offline"));
    QVERIFY2(manager.output().contains(u"acknowledged the offline status"_s), qPrintable(manager.output()));
    QVERIFY2(!manager.output().contains(m_broker->password()), "the broker password was printed");
}

void TestServiceTransports::willShowsOfflineAfterKill_data()
{
    QTest::addColumn<QString>("transport");
    QTest::newRow("unix") << u"unix"_s;
    QTest::newRow("websocket") << u"websocket"_s;
}

void TestServiceTransports::willShowsOfflineAfterKill()
{
    QFETCH(QString, transport);
    ManagerProcess manager;
    manager.environment().insert(u"GCN_MQTT_USER_PASSWORD"_s, m_broker->password());
    QVERIFY(manager.start(managerArguments(transport)));
    QVERIFY2(manager.waitForOutput(u"subscribed to"_s), qPrintable(manager.output()));
    const QString topic = u"gcn_manager/status/"_s + manager.managerId();
    QCOMPARE(retained(*m_broker, topic), QByteArray("online"));

    manager.sendSignal(SIGKILL);
    QVERIFY(manager.waitForExit());
    // The broker sees its connection close without DISCONNECT and publishes the will at once.
    QTRY_COMPARE_WITH_TIMEOUT(retained(*m_broker, topic), QByteArray("offline"), 15000);
}

void TestServiceTransports::webSocketPathOptionIsUsed()
{
    ManagerProcess manager;
    manager.environment().insert(u"GCN_MQTT_USER_PASSWORD"_s, m_broker->password());
    manager.environment().insert(u"GCN_MQTT_WEBSOCKET_PATH"_s, u"/from-environment"_s);
    QVERIFY(manager.start(managerArguments(u"websocket"_s) << u"--mqtt-websocket-path"_s << u"/gcn/mqtt"_s));
    QVERIFY2(manager.waitForOutput(u"subscribed to"_s), qPrintable(manager.output()));
    QCOMPARE(m_relay->requestPaths(), QStringList {u"/gcn/mqtt"_s});
    manager.sendSignal(SIGTERM);
    QVERIFY(manager.waitForExit());
    QCOMPARE(manager.exitCode(), 0);
}

void TestServiceTransports::webSocketFatalErrorsExit_data()
{
    QTest::addColumn<bool>("wrongName");
    QTest::addColumn<QStringList>("subprotocols");
    QTest::addColumn<int>("serverProtocol");
    QTest::addColumn<QStringList>("extraArguments");
    QTest::addColumn<bool>("wrongPassword");
    QTest::addColumn<QString>("expected");

    const QStringList mqtt {u"mqtt"_s};
    const auto anyTls = int(QSsl::SecureProtocols);
    QTest::newRow("untrusted CA") << false << mqtt << anyTls
                                  << QStringList {u"--mqtt-tls-ca-file"_s, BrokerFixture::untrustedCaFile()} << false
                                  << u"certificate verify failed"_s;
    QTest::newRow("host name mismatch") << true << mqtt << anyTls << QStringList {} << false << u"hostname mismatch"_s;
    QTest::newRow("TLS minimum above the server")
        << false << mqtt << int(QSsl::TlsV1_2) << QStringList {u"--mqtt-tls-min-version"_s, u"TLSv1_3"_s} << false
        << u"TLS handshake"_s;
    QTest::newRow("wrong password") << false << mqtt << anyTls << QStringList {} << true << u"not authorised"_s;
    QTest::newRow("subprotocol refused") << false << QStringList {} << anyTls << QStringList {} << false
                                         << u"--mqtt-websocket-path"_s;
}

void TestServiceTransports::webSocketFatalErrorsExit()
{
    QFETCH(bool, wrongName);
    QFETCH(QStringList, subprotocols);
    QFETCH(int, serverProtocol);
    QFETCH(QStringList, extraArguments);
    QFETCH(bool, wrongPassword);
    QFETCH(QString, expected);

    WebSocketRelayServer::Config config;
    config.certificate = wrongName ? BrokerFixture::ServerCertificate::WrongName
                                   : BrokerFixture::ServerCertificate::Localhost;
    config.subprotocols = subprotocols;
    config.protocol = QSsl::SslProtocol(serverProtocol);
    m_relay = std::make_unique<WebSocketRelayServer>(m_broker->plainPort(), config);
    QVERIFY2(m_relay->start(), qPrintable(m_relay->errorString()));

    ManagerProcess manager;
    manager.environment().insert(u"GCN_MQTT_USER_PASSWORD"_s,
                                 wrongPassword ? u"not-the-password"_s : m_broker->password());
    // A later --mqtt-tls-ca-file replaces the one of managerArguments().
    QVERIFY(manager.start(managerArguments(u"websocket"_s) + extraArguments << u"--mqtt-reconnect"_s));
    QVERIFY(manager.waitForExit(20000));
    QCOMPARE(manager.exitCode(), 2);
    const QString output = manager.output();
    QVERIFY2(output.contains(u"gcn-manager: cannot connect to the MQTT broker localhost"_s), qPrintable(output));
    QVERIFY2(output.contains(expected, Qt::CaseInsensitive), qPrintable(output));
    QVERIFY2(!output.contains(u"retrying"_s), qPrintable(output));
    QVERIFY2(!output.contains(u"not-the-password"_s), qPrintable(output));
}

void TestServiceTransports::webSocketOutageIsSurvivedWithReconnect()
{
    ManagerProcess manager;
    manager.environment().insert(u"GCN_MQTT_USER_PASSWORD"_s, m_broker->password());
    QVERIFY(manager.start(managerArguments(u"websocket"_s) << u"--mqtt-reconnect"_s << u"--mqtt-reconnect-max-delay"_s
                                                          << u"2"_s));
    QVERIFY2(manager.waitForOutput(u"subscribed to"_s), qPrintable(manager.output()));
    const QString topic = u"gcn_manager/status/"_s + manager.managerId();

    // The broker keeps no retained messages across a restart, so `online` after it proves a new publish.
    m_broker->stop();
    QVERIFY2(manager.waitForOutput(u"manager_disconnected"_s), qPrintable(manager.output()));
    QVERIFY(m_broker->start());
    QTRY_COMPARE_WITH_TIMEOUT(retained(*m_broker, topic), QByteArray("online"), 30000);
    QCOMPARE(manager.output().count(u"subscribed to"_s), 2);
    manager.sendSignal(SIGTERM);
    QVERIFY(manager.waitForExit());
    QCOMPARE(manager.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestServiceTransports)
#include "tst_service_transports.moc"
