// Integration tests of MqttClient against a real mosquitto broker started by BrokerFixture.

#include <sys/resource.h>
#include <sys/socket.h>

#include <csignal>

#include <QLoggingCategory>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUuid>

#include <memory>

#include "BrokerFixture.h"
#include "LogCapture.h"
#include "mqtt/MqttClient.h"

using namespace Qt::StringLiterals;
using gcn::MqttClient;
using gcn::MqttConnectOptions;
using gcn::MqttTransport;
using gcn::TlsVersion;
using gcn::test::BrokerFixture;
using gcn::test::LogCapture;

namespace {

// Upper bound for anything that should happen at once on loopback. It only guards against hangs.
constexpr int kTimeoutMs = 15'000;

// CPU time used by this process so far, in milliseconds.
qint64 processCpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return qint64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
           + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

QString uniqueTopic(const QString& prefix)
{
    return u"gcn-test/%1/%2"_s.arg(prefix, QUuid::createUuid().toString(QUuid::WithoutBraces));
}

} // namespace

class TestMqttClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void isRetryable_data();
    void isRetryable();

    void connectAndDisconnect();
    void publishRetainedQos1();
    void subscribeReceivesMessage_data();
    void subscribeReceivesMessage();
    void unsubscribeStopsMessages();
    void lastWill_data();
    void lastWill();
    void publishWhileDisconnectedFails();
    void deleteFromSlotIsSafe();
    void reconnectFromDisconnectedSlot();

    void connectionLostWhenBrokerDies();
    void keepAliveDetectsSilentBroker();
    void idleClientUsesNoCpu_data();
    void idleClientUsesNoCpu();

    void wrongPasswordIsRejected();
    void untrustedCaIsRejected();
    void hostNameMismatchIsRejected();
    void tlsMinimumAboveBrokerMaximum();
    void refusedPort_data();
    void refusedPort();
    void unresolvableHost();
    void connectTimeout();
    void serverClosingDuringHandshake_data();
    void serverClosingDuringHandshake();
    void unixSocketConnect();
    void passwordNeverLogged();

private:
    // Connects `client` and waits for CONNACK. Returns false (and logs the client's error) otherwise.
    static bool connectAndWait(MqttClient& client);
    // Starts a connection that must fail and returns its error, or None when the signals were not as expected.
    static MqttClient::Error failedConnectError(MqttClient& client, int timeoutMs = kTimeoutMs);

    std::unique_ptr<BrokerFixture> m_broker;
};

void TestMqttClient::initTestCase()
{
    MqttClient::initializeLibrary();
    m_broker = std::make_unique<BrokerFixture>();
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
}

void TestMqttClient::cleanupTestCase()
{
    m_broker.reset();
}

bool TestMqttClient::connectAndWait(MqttClient& client)
{
    QSignalSpy connectedSpy(&client, &MqttClient::connected);
    client.connectToHost();
    QDeadlineTimer deadline(kTimeoutMs);
    while (connectedSpy.isEmpty() && !deadline.hasExpired()) {
        if (client.state() == MqttClient::State::Disconnected && client.error() != MqttClient::Error::None)
            break;
        QTest::qWait(20);
    }
    if (connectedSpy.isEmpty()) {
        qWarning().noquote() << "Connection failed:" << client.error() << client.errorString();
        return false;
    }
    return client.state() == MqttClient::State::Connected;
}

MqttClient::Error TestMqttClient::failedConnectError(MqttClient& client, int timeoutMs)
{
    QSignalSpy errorSpy(&client, &MqttClient::errorOccurred);
    QSignalSpy disconnectedSpy(&client, &MqttClient::disconnected);
    QSignalSpy connectedSpy(&client, &MqttClient::connected);
    QStringList order;
    const QMetaObject::Connection errorConnection =
        QObject::connect(&client, &MqttClient::errorOccurred, [&order] { order << u"error"_s; });
    const QMetaObject::Connection disconnectedConnection =
        QObject::connect(&client, &MqttClient::disconnected, [&order] { order << u"disconnected"_s; });
    client.connectToHost();
    QDeadlineTimer deadline(timeoutMs);
    while (disconnectedSpy.isEmpty() && !deadline.hasExpired())
        QTest::qWait(20);
    QObject::disconnect(errorConnection);
    QObject::disconnect(disconnectedConnection);
    if (disconnectedSpy.isEmpty() || errorSpy.size() != 1 || !connectedSpy.isEmpty())
        return MqttClient::Error::None;
    if (order != QStringList{u"error"_s, u"disconnected"_s}) {
        qWarning() << "Unexpected signal order" << order;
        return MqttClient::Error::None;
    }
    if (client.state() != MqttClient::State::Disconnected)
        return MqttClient::Error::None;
    const auto signalled = errorSpy.first().first().value<MqttClient::Error>();
    if (signalled != client.error())
        return MqttClient::Error::None;
    return signalled;
}

void TestMqttClient::isRetryable_data()
{
    QTest::addColumn<MqttClient::Error>("error");
    QTest::addColumn<bool>("retryable");
    QTest::newRow("host not found") << MqttClient::Error::HostNotFound << true;
    QTest::newRow("connection refused") << MqttClient::Error::ConnectionRefused << true;
    QTest::newRow("network unreachable") << MqttClient::Error::NetworkUnreachable << true;
    QTest::newRow("connect timeout") << MqttClient::Error::ConnectTimeout << true;
    QTest::newRow("server unavailable") << MqttClient::Error::ServerUnavailable << true;
    QTest::newRow("connection lost") << MqttClient::Error::ConnectionLost << true;
    QTest::newRow("bad user name or password") << MqttClient::Error::BadUserNameOrPassword << false;
    QTest::newRow("not authorized") << MqttClient::Error::NotAuthorized << false;
    QTest::newRow("protocol rejected") << MqttClient::Error::ProtocolRejected << false;
    QTest::newRow("TLS handshake failed") << MqttClient::Error::TlsHandshakeFailed << false;
    QTest::newRow("TLS certificate rejected") << MqttClient::Error::TlsCertificateRejected << false;
    QTest::newRow("invalid options") << MqttClient::Error::InvalidOptions << false;
    QTest::newRow("other") << MqttClient::Error::Other << false;
}

void TestMqttClient::isRetryable()
{
    QFETCH(MqttClient::Error, error);
    QFETCH(bool, retryable);
    QCOMPARE(MqttClient::isRetryable(error), retryable);
}

void TestMqttClient::connectAndDisconnect()
{
    MqttClient client;
    client.setOptions(m_broker->clientOptions());
    QSignalSpy stateSpy(&client, &MqttClient::stateChanged);
    QSignalSpy disconnectedSpy(&client, &MqttClient::disconnected);
    QSignalSpy errorSpy(&client, &MqttClient::errorOccurred);

    QVERIFY(connectAndWait(client));
    QCOMPARE(client.error(), MqttClient::Error::None);

    client.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(disconnectedSpy.size(), 1, kTimeoutMs);
    QCOMPARE(client.state(), MqttClient::State::Disconnected);
    QCOMPARE(client.error(), MqttClient::Error::None);
    QVERIFY(errorSpy.isEmpty());
    QCOMPARE(stateSpy.size(), 3);
    QCOMPARE(stateSpy.at(0).first().value<MqttClient::State>(), MqttClient::State::Connecting);
    QCOMPARE(stateSpy.at(1).first().value<MqttClient::State>(), MqttClient::State::Connected);
    QCOMPARE(stateSpy.at(2).first().value<MqttClient::State>(), MqttClient::State::Disconnected);
}

void TestMqttClient::publishRetainedQos1()
{
    MqttClient client;
    client.setOptions(m_broker->clientOptions());
    QVERIFY(connectAndWait(client));
    QSignalSpy publishedSpy(&client, &MqttClient::messagePublished);

    const QString topic = uniqueTopic(u"retained"_s);
    const int messageId = client.publish(topic, "online", 1, true);
    QVERIFY(messageId >= 0);
    QCOMPARE(client.pendingPublishCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(publishedSpy.size(), 1, kTimeoutMs);
    QCOMPARE(publishedSpy.first().first().toInt(), messageId);
    QCOMPARE(client.pendingPublishCount(), 0);

    const std::optional<QByteArray> retained = m_broker->readRetained(topic);
    QVERIFY2(retained.has_value(), qPrintable(m_broker->lastToolOutput()));
    QCOMPARE(*retained, QByteArray("online"));
    QVERIFY(m_broker->publish(topic, {}, 1, true));
}

void TestMqttClient::subscribeReceivesMessage_data()
{
    QTest::addColumn<bool>("retain");
    QTest::newRow("live message") << false;
    QTest::newRow("retained message") << true;
}

void TestMqttClient::subscribeReceivesMessage()
{
    QFETCH(bool, retain);
    const QString topic = uniqueTopic(u"subscribe"_s);
    const QByteArray payload("{\"state\":\"up\",\"bytes\":\"\xc3\xa9\"}");
    if (retain)
        QVERIFY2(m_broker->publish(topic, payload, 1, true), qPrintable(m_broker->lastToolOutput()));

    MqttClient client;
    client.setOptions(m_broker->clientOptions());
    QVERIFY(connectAndWait(client));
    QSignalSpy subscribedSpy(&client, &MqttClient::subscribed);
    QSignalSpy messageSpy(&client, &MqttClient::messageReceived);

    const int messageId = client.subscribe(topic, 1);
    QVERIFY(messageId >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(subscribedSpy.size(), 1, kTimeoutMs);
    QCOMPARE(subscribedSpy.first().at(0).toInt(), messageId);
    QCOMPARE(subscribedSpy.first().at(1).toInt(), 1);

    if (!retain)
        QVERIFY2(m_broker->publish(topic, payload, 1, false), qPrintable(m_broker->lastToolOutput()));
    QTRY_COMPARE_WITH_TIMEOUT(messageSpy.size(), 1, kTimeoutMs);
    const QList<QVariant> message = messageSpy.first();
    QCOMPARE(message.at(0).toString(), topic);
    QCOMPARE(message.at(1).toByteArray(), payload);
    QCOMPARE(message.at(2).toInt(), 1);
    QCOMPARE(message.at(3).toBool(), retain);

    if (retain)
        QVERIFY(m_broker->publish(topic, {}, 1, true));
}

void TestMqttClient::unsubscribeStopsMessages()
{
    const QString topic = uniqueTopic(u"unsubscribe"_s);
    MqttClient client;
    client.setOptions(m_broker->clientOptions());
    QVERIFY(connectAndWait(client));
    QSignalSpy subscribedSpy(&client, &MqttClient::subscribed);
    QSignalSpy unsubscribedSpy(&client, &MqttClient::unsubscribed);
    QSignalSpy messageSpy(&client, &MqttClient::messageReceived);

    QVERIFY(client.subscribe(topic, 0) >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(subscribedSpy.size(), 1, kTimeoutMs);
    const int messageId = client.unsubscribe(topic);
    QVERIFY(messageId >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(unsubscribedSpy.size(), 1, kTimeoutMs);
    QCOMPARE(unsubscribedSpy.first().first().toInt(), messageId);

    // A message to a second, still subscribed topic proves delivery works while the first stays silent.
    const QString controlTopic = uniqueTopic(u"control"_s);
    QVERIFY(client.subscribe(controlTopic, 0) >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(subscribedSpy.size(), 2, kTimeoutMs);
    QVERIFY(m_broker->publish(topic, "ignored", 0, false));
    QVERIFY(m_broker->publish(controlTopic, "seen", 0, false));
    QTRY_COMPARE_WITH_TIMEOUT(messageSpy.size(), 1, kTimeoutMs);
    QCOMPARE(messageSpy.first().at(0).toString(), controlTopic);
}

void TestMqttClient::lastWill_data()
{
    QTest::addColumn<bool>("crash");
    QTest::newRow("published after abort") << true;
    QTest::newRow("not published after disconnect") << false;
}

void TestMqttClient::lastWill()
{
    QFETCH(bool, crash);
    const QString topic = uniqueTopic(u"will"_s);
    MqttConnectOptions options = m_broker->clientOptions();
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

    const std::optional<QByteArray> retained = m_broker->readRetained(topic, crash ? 5 : 2);
    if (crash) {
        QVERIFY2(retained.has_value(), qPrintable(m_broker->lastToolOutput()));
        QCOMPARE(*retained, QByteArray("offline"));
        QVERIFY(m_broker->publish(topic, {}, 1, true));
    } else {
        QVERIFY2(!retained.has_value(), retained ? retained->constData() : "");
    }
}

void TestMqttClient::publishWhileDisconnectedFails()
{
    MqttClient client;
    client.setOptions(m_broker->clientOptions());
    QCOMPARE(client.publish(uniqueTopic(u"offline"_s), "x", 1, false), -1);
    QCOMPARE(client.subscribe(uniqueTopic(u"offline"_s), 1), -1);
    QCOMPARE(client.unsubscribe(uniqueTopic(u"offline"_s)), -1);
    QCOMPARE(client.pendingPublishCount(), 0);
}

void TestMqttClient::deleteFromSlotIsSafe()
{
    // The client is deleted from a slot while it is connected, then from a slot while a failed attempt ends.
    QPointer<MqttClient> client = new MqttClient;
    client->setOptions(m_broker->clientOptions());
    QObject::connect(client, &MqttClient::connected, client, [&client] { delete client.data(); });
    client->connectToHost();
    QTRY_VERIFY_WITH_TIMEOUT(client.isNull(), kTimeoutMs);

    QPointer<MqttClient> failing = new MqttClient;
    MqttConnectOptions options = m_broker->clientOptions();
    options.password = u"wrong"_s;
    failing->setOptions(options);
    QObject::connect(failing, &MqttClient::errorOccurred, failing, [&failing] { delete failing.data(); });
    failing->connectToHost();
    QTRY_VERIFY_WITH_TIMEOUT(failing.isNull(), kTimeoutMs);

    // The broker still serves new clients afterwards.
    MqttClient probe;
    probe.setOptions(m_broker->clientOptions());
    QVERIFY(connectAndWait(probe));
}

void TestMqttClient::reconnectFromDisconnectedSlot()
{
    MqttClient client;
    client.setOptions(m_broker->clientOptions());
    QSignalSpy connectedSpy(&client, &MqttClient::connected);
    int disconnects = 0;
    QObject::connect(&client, &MqttClient::disconnected, &client, [&] {
        if (++disconnects == 1)
            client.connectToHost();
    });
    QObject::connect(&client, &MqttClient::connected, &client, [&] {
        if (connectedSpy.size() == 1)
            client.abort();
    });
    client.connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(connectedSpy.size(), 2, kTimeoutMs);
    QCOMPARE(client.state(), MqttClient::State::Connected);
    QCOMPARE(disconnects, 1);
}

void TestMqttClient::connectionLostWhenBrokerDies()
{
    BrokerFixture broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    MqttClient client;
    client.setOptions(broker.clientOptions());
    QVERIFY(connectAndWait(client));
    QSignalSpy errorSpy(&client, &MqttClient::errorOccurred);
    QSignalSpy disconnectedSpy(&client, &MqttClient::disconnected);

    broker.kill();
    QTRY_COMPARE_WITH_TIMEOUT(disconnectedSpy.size(), 1, kTimeoutMs);
    QCOMPARE(errorSpy.size(), 1);
    QCOMPARE(client.error(), MqttClient::Error::ConnectionLost);
    QVERIFY(MqttClient::isRetryable(client.error()));

    // The client does not retry by itself; a new connectToHost() reaches the restarted broker.
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    QCOMPARE(client.state(), MqttClient::State::Disconnected);
    QVERIFY(connectAndWait(client));
    QCOMPARE(client.error(), MqttClient::Error::None);
}

void TestMqttClient::keepAliveDetectsSilentBroker()
{
    BrokerFixture broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    MqttConnectOptions options = broker.clientOptions();
    options.keepAliveSec = 5;
    MqttClient client;
    client.setOptions(options);
    QVERIFY(connectAndWait(client));
    QSignalSpy disconnectedSpy(&client, &MqttClient::disconnected);

    // A paused broker keeps the TCP connection open but never replies to PINGREQ.
    QVERIFY(::kill(pid_t(broker.processId()), SIGSTOP) == 0);
    QTRY_COMPARE_WITH_TIMEOUT(disconnectedSpy.size(), 1, 30'000);
    ::kill(pid_t(broker.processId()), SIGCONT);
    QCOMPARE(client.error(), MqttClient::Error::ConnectionLost);
    QVERIFY2(client.errorString().contains(u"keep-alive"_s), qPrintable(client.errorString()));
}

void TestMqttClient::idleClientUsesNoCpu_data()
{
    QTest::addColumn<bool>("connected");
    QTest::newRow("connected") << true;
    QTest::newRow("waiting for the TLS handshake") << false;
}

void TestMqttClient::idleClientUsesNoCpu()
{
    QFETCH(bool, connected);
    QTcpServer silentServer;
    QVERIFY(silentServer.listen(QHostAddress::LocalHost, 0));
    MqttConnectOptions options = m_broker->clientOptions();
    if (!connected) {
        options.port = silentServer.serverPort();
        options.connectTimeoutSec = 60;
    }
    MqttClient client;
    client.setOptions(options);
    if (connected)
        QVERIFY(connectAndWait(client));
    else
        client.connectToHost();

    const qint64 cpuBefore = processCpuMs();
    QTest::qWait(3'000);
    const qint64 cpuUsed = processCpuMs() - cpuBefore;
    QCOMPARE(client.state(), connected ? MqttClient::State::Connected : MqttClient::State::Connecting);
    // A notifier or timer spinning on the socket would use close to the full 3 s.
    QVERIFY2(cpuUsed < 500, qPrintable(u"%1 ms of CPU time while idle"_s.arg(cpuUsed)));
}

void TestMqttClient::wrongPasswordIsRejected()
{
    MqttConnectOptions options = m_broker->clientOptions();
    options.password = m_broker->password() + u"-wrong"_s;
    MqttClient client;
    client.setOptions(options);
    QElapsedTimer elapsed;
    elapsed.start();
    const MqttClient::Error error = failedConnectError(client);
    // mosquitto 2.0 rejects a bad password with CONNACK 5 (not authorized), other brokers send 4.
    QVERIFY2(error == MqttClient::Error::NotAuthorized || error == MqttClient::Error::BadUserNameOrPassword,
             qPrintable(client.errorString()));
    QVERIFY(!MqttClient::isRetryable(error));
    QVERIFY2(client.errorString().contains(u"CONNACK"_s), qPrintable(client.errorString()));
    QVERIFY2(elapsed.elapsed() < 5'000, "a rejected password must end the attempt at once");
}

void TestMqttClient::untrustedCaIsRejected()
{
    MqttConnectOptions options = m_broker->clientOptions();
    options.tlsCaFile = BrokerFixture::untrustedCaFile();
    MqttClient client;
    client.setOptions(options);
    QCOMPARE(failedConnectError(client), MqttClient::Error::TlsCertificateRejected);
    QVERIFY2(client.errorString().contains(u"unable to get local issuer certificate"_s),
             qPrintable(client.errorString()));
}

void TestMqttClient::hostNameMismatchIsRejected()
{
    BrokerFixture::Config config;
    config.certificate = BrokerFixture::ServerCertificate::WrongName;
    BrokerFixture broker(config);
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));

    MqttClient client;
    client.setOptions(broker.clientOptions());
    QCOMPARE(failedConnectError(client), MqttClient::Error::TlsCertificateRejected);
    QVERIFY2(client.errorString().contains(u"hostname mismatch"_s), qPrintable(client.errorString()));
}

void TestMqttClient::tlsMinimumAboveBrokerMaximum()
{
    BrokerFixture::Config config;
    config.tlsMaxVersion = u"TLSv1.2"_s;
    BrokerFixture broker(config);
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));

    // The broker limited to TLS 1.2 still serves a client with default versions.
    MqttClient compatible;
    compatible.setOptions(broker.clientOptions());
    QVERIFY(connectAndWait(compatible));

    MqttConnectOptions options = broker.clientOptions();
    options.tlsMinVersion = TlsVersion::TlsV1_3;
    MqttClient client;
    client.setOptions(options);
    QCOMPARE(failedConnectError(client), MqttClient::Error::TlsHandshakeFailed);
    QVERIFY(!MqttClient::isRetryable(client.error()));
}

void TestMqttClient::refusedPort_data()
{
    QTest::addColumn<QString>("host");
    QTest::newRow("address literal") << u"127.0.0.1"_s;
    // localhost may resolve to ::1 first, and every address is refused.
    QTest::newRow("host name") << u"localhost"_s;
}

void TestMqttClient::refusedPort()
{
    QFETCH(QString, host);
    MqttConnectOptions options = m_broker->clientOptions();
    options.host = host;
    options.port = gcn::test::findFreePort();
    QVERIFY(options.port > 0);
    MqttClient client;
    client.setOptions(options);
    QCOMPARE(failedConnectError(client), MqttClient::Error::ConnectionRefused);
    QVERIFY(MqttClient::isRetryable(client.error()));
    QVERIFY2(client.errorString().contains(u"refused"_s), qPrintable(client.errorString()));
}

void TestMqttClient::unresolvableHost()
{
    MqttConnectOptions options = m_broker->clientOptions();
    options.host = u"does-not-exist.invalid"_s;
    options.connectTimeoutSec = 60;
    MqttClient client;
    client.setOptions(options);
    QCOMPARE(failedConnectError(client, 60'000), MqttClient::Error::HostNotFound);
    QVERIFY(MqttClient::isRetryable(client.error()));
    QVERIFY2(client.errorString().contains(u"does-not-exist.invalid"_s), qPrintable(client.errorString()));
}

void TestMqttClient::connectTimeout()
{
    // A listening socket completes the TCP handshake in the kernel but never replies to the TLS ClientHello.
    QTcpServer silentServer;
    QVERIFY(silentServer.listen(QHostAddress::LocalHost, 0));
    MqttConnectOptions options = m_broker->clientOptions();
    options.port = silentServer.serverPort();
    options.connectTimeoutSec = 1;
    MqttClient client;
    client.setOptions(options);
    QCOMPARE(failedConnectError(client), MqttClient::Error::ConnectTimeout);
    QVERIFY(MqttClient::isRetryable(client.error()));
    QVERIFY2(client.errorString().contains(u"timed out"_s), qPrintable(client.errorString()));
}

void TestMqttClient::serverClosingDuringHandshake_data()
{
    QTest::addColumn<bool>("reset");
    QTest::newRow("end of file") << false;
    QTest::newRow("reset") << true;
}

void TestMqttClient::serverClosingDuringHandshake()
{
    QFETCH(bool, reset);
    // A server that closes every connection at once, as a plain-TCP or overloaded endpoint may do.
    QTcpServer closingServer;
    QVERIFY(closingServer.listen(QHostAddress::LocalHost, 0));
    QObject::connect(&closingServer, &QTcpServer::newConnection, &closingServer, [&closingServer, reset] {
        while (QTcpSocket* socket = closingServer.nextPendingConnection()) {
            if (reset) {
                // A zero linger time turns the close into a reset.
                const linger noLinger{1, 0};
                ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &noLinger, sizeof noLinger);
                socket->abort();
                socket->deleteLater();
            } else {
                // Reading the ClientHello first makes the close a plain end of file.
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    socket->readAll();
                    socket->disconnectFromHost();
                    socket->deleteLater();
                });
            }
        }
    });
    MqttConnectOptions options = m_broker->clientOptions();
    options.port = closingServer.serverPort();
    options.connectTimeoutSec = 60;
    MqttClient client;
    client.setOptions(options);
    QElapsedTimer elapsed;
    elapsed.start();
    const MqttClient::Error error = failedConnectError(client, 30'000);
    QVERIFY2(error == MqttClient::Error::TlsHandshakeFailed || error == MqttClient::Error::ConnectionLost,
             qPrintable(client.errorString()));
    QVERIFY2(elapsed.elapsed() < 30'000, "the closed connection must end the attempt before the connect timeout");
}

void TestMqttClient::unixSocketConnect()
{
    MqttConnectOptions options = m_broker->clientOptions();
    options.transport = MqttTransport::Unix;
    options.host = m_broker->unixSocketPath();
    options.port = 0;
    MqttClient client;
    client.setOptions(options);
    QVERIFY(connectAndWait(client));

    QSignalSpy publishedSpy(&client, &MqttClient::messagePublished);
    const QString topic = uniqueTopic(u"unix"_s);
    QVERIFY(client.publish(topic, "over the unix socket", 1, true) >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(publishedSpy.size(), 1, kTimeoutMs);
    const std::optional<QByteArray> retained = m_broker->readRetained(topic);
    QVERIFY2(retained.has_value(), qPrintable(m_broker->lastToolOutput()));
    QCOMPARE(*retained, QByteArray("over the unix socket"));
    QVERIFY(m_broker->publish(topic, {}, 1, true));

    // A missing socket file is a broker that is not running yet, so callers retry.
    options.host = m_broker->unixSocketPath() + u".missing"_s;
    MqttClient missing;
    missing.setOptions(options);
    QCOMPARE(failedConnectError(missing), MqttClient::Error::ConnectionRefused);
}

void TestMqttClient::passwordNeverLogged()
{
    QLoggingCategory::setFilterRules(u"gcn.*=true"_s);
    const QString wrongPassword = u"wrong-"_s + m_broker->password();
    QStringList lines;
    QStringList errorStrings;
    {
        LogCapture capture;
        MqttClient client;
        client.setOptions(m_broker->clientOptions());
        QVERIFY(connectAndWait(client));
        QSignalSpy publishedSpy(&client, &MqttClient::messagePublished);
        QVERIFY(client.publish(uniqueTopic(u"log"_s), "payload", 1, false) >= 0);
        QTRY_COMPARE_WITH_TIMEOUT(publishedSpy.size(), 1, kTimeoutMs);
        QSignalSpy disconnectedSpy(&client, &MqttClient::disconnected);
        client.disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(disconnectedSpy.size(), 1, kTimeoutMs);

        MqttConnectOptions options = m_broker->clientOptions();
        options.password = wrongPassword;
        MqttClient rejected;
        rejected.setOptions(options);
        QVERIFY(failedConnectError(rejected) != MqttClient::Error::None);
        errorStrings << rejected.errorString();
        for (const LogCapture::Message& message : capture.messages())
            lines << message.category + u": "_s + message.text;
    }
    QLoggingCategory::setFilterRules(QString());

    // The capture must have seen the connection, or the check below proves nothing.
    QVERIFY(lines.size() > 5);
    QVERIFY(std::any_of(lines.cbegin(), lines.cend(), [](const QString& line) { return line.startsWith(u"gcn.mqtt"_s); }));
    const QStringList checked = lines + errorStrings;
    for (const QString& line : checked) {
        QVERIFY2(!line.contains(m_broker->password()), qPrintable(u"password in: "_s + line.left(40)));
        QVERIFY2(!line.contains(wrongPassword), qPrintable(u"wrong password in: "_s + line.left(40)));
    }
}

QTEST_GUILESS_MAIN(TestMqttClient)
#include "tst_mqttclient.moc"
