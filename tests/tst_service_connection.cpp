// Integration tests of the service's broker connection: a real mosquitto with TLS and passwords, and the
// real gcn-manager executable.

#include "BrokerFixture.h"
#include "ManagerProcess.h"
#include "mqtt/MqttClient.h"

#include <csignal>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using gcn::test::BrokerFixture;

namespace {

// Each start() is checked here, so that a manager that cannot start fails the test at once.
class Manager : public gcn::test::ManagerProcess
{
public:
    void start(const QStringList& arguments) { QVERIFY(ManagerProcess::start(arguments)); }
};

QByteArray retained(const BrokerFixture& broker, const QString& topic)
{
    return broker.readRetained(topic).value_or(QByteArray("<none>"));
}

} // namespace

class TestServiceConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void onlineThenOfflineAfterCleanStop();
    void willShowsOfflineAfterKill();
    void wrongPasswordExitsWithoutRetry();
    void untrustedCaExits();
    void hostNameMismatchExits();
    void tlsMinimumAboveBrokerExits();
    void refusedPortIsRetriedUntilBrokerAppears();
    void unresolvableNameIsRetried();
    void brokerRestartIsSurvivedWithReconnect();
    void lostConnectionEndsRunWithoutReconnect();
    void stillConnectingAlertIsRaisedOnce();
    void secondSignalStopsAtOnce();
    void passwordNeverInOutput();
    void traceLogsDetailAndExitsWithOne();
    void secondManagerOnStateDirExits();
    void staleRetainedHeartbeatIsMissedAtOnce();
    void subscribedDespiteFullBrokerQueue();

private:
    QStringList managerArguments(const BrokerFixture& broker) const;
    void startManager(Manager& manager, const QStringList& arguments);

    std::unique_ptr<BrokerFixture> m_broker;
    QTemporaryDir m_stateDir;
};

QStringList TestServiceConnection::managerArguments(const BrokerFixture& broker) const
{
    return {u"--mqtt-host"_s, broker.host(), u"--mqtt-port"_s, QString::number(broker.port()),
            u"--mqtt-tls-ca-file"_s, broker.caFile(), u"--mqtt-user-name"_s, broker.userName(),
            u"--log-level"_s, u"info"_s, u"--state-dir"_s, m_stateDir.path()};
}

void TestServiceConnection::startManager(Manager& manager, const QStringList& arguments)
{
    manager.environment().insert(u"GCN_MQTT_USER_PASSWORD"_s, m_broker->password());
    manager.start(arguments);
}

void TestServiceConnection::init()
{
    m_broker = std::make_unique<BrokerFixture>();
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
}

void TestServiceConnection::cleanup()
{
    m_broker.reset();
}

void TestServiceConnection::onlineThenOfflineAfterCleanStop()
{
    Manager manager;
    startManager(manager, managerArguments(*m_broker));
    QVERIFY2(manager.waitForOutput(QRegularExpression(u"subscribed to"_s)), qPrintable(manager.output()));

    const QRegularExpressionMatch id = QRegularExpression(u"(gcn_manager_[0-9a-f]{8})"_s).match(manager.output());
    QVERIFY(id.hasMatch());
    const QString topic = u"gcn_manager/status/"_s + id.captured(1);
    QCOMPARE(retained(*m_broker, topic), QByteArray("online"));

    manager.sendSignal(SIGTERM);
    QVERIFY(manager.waitForExit());
    QCOMPARE(manager.exitStatus(), QProcess::NormalExit);
    QCOMPARE(manager.exitCode(), 0);
    QCOMPARE(retained(*m_broker, topic), QByteArray("offline"));
    QVERIFY2(manager.output().contains(u"acknowledged the offline status"_s), qPrintable(manager.output()));
}

void TestServiceConnection::willShowsOfflineAfterKill()
{
    Manager manager;
    startManager(manager, managerArguments(*m_broker) << u"--mqtt-keep-alive"_s << u"5"_s);
    QVERIFY2(manager.waitForOutput(u"subscribed to"_s), qPrintable(manager.output()));
    const QString id = QRegularExpression(u"(gcn_manager_[0-9a-f]{8})"_s).match(manager.output()).captured(1);
    const QString topic = u"gcn_manager/status/"_s + id;
    QCOMPARE(retained(*m_broker, topic), QByteArray("online"));

    manager.sendSignal(SIGKILL);
    QVERIFY(manager.waitForExit());
    // The broker sees the socket close and publishes the will at once.
    QTRY_COMPARE_WITH_TIMEOUT(retained(*m_broker, topic), QByteArray("offline"), 15000);
}

void TestServiceConnection::wrongPasswordExitsWithoutRetry()
{
    Manager manager;
    manager.environment().insert(u"GCN_MQTT_USER_PASSWORD"_s, u"not-the-password"_s);
    manager.start(managerArguments(*m_broker));
    QVERIFY(manager.waitForExit(15000));
    QCOMPARE(manager.exitCode(), 2);
    const QString output = manager.output();
    QVERIFY2(output.contains(u"gcn-manager: cannot connect to the MQTT broker localhost"_s), qPrintable(output));
    QVERIFY2(output.contains(u"not authorised"_s, Qt::CaseInsensitive), qPrintable(output));
    QVERIFY2(output.contains(u"check --mqtt-user-name"_s), qPrintable(output));
    QVERIFY2(!output.contains(u"retrying"_s), qPrintable(output));
    QVERIFY2(!output.contains(u"not-the-password"_s), qPrintable(output));
}

void TestServiceConnection::untrustedCaExits()
{
    Manager manager;
    QStringList arguments = managerArguments(*m_broker);
    arguments[arguments.indexOf(u"--mqtt-tls-ca-file"_s) + 1] = BrokerFixture::untrustedCaFile();
    startManager(manager, arguments);
    QVERIFY(manager.waitForExit(15000));
    QCOMPARE(manager.exitCode(), 2);
    QVERIFY2(manager.output().contains(u"certificate"_s, Qt::CaseInsensitive), qPrintable(manager.output()));
    QVERIFY2(!manager.output().contains(u"retrying"_s), qPrintable(manager.output()));
}

void TestServiceConnection::hostNameMismatchExits()
{
    BrokerFixture::Config config;
    config.certificate = BrokerFixture::ServerCertificate::WrongName;
    BrokerFixture wrongName(config);
    QVERIFY2(wrongName.start(), qPrintable(wrongName.errorString()));
    Manager manager;
    manager.environment().insert(u"GCN_MQTT_USER_PASSWORD"_s, wrongName.password());
    manager.start(managerArguments(wrongName));
    QVERIFY(manager.waitForExit(15000));
    QCOMPARE(manager.exitCode(), 2);
    QVERIFY2(manager.output().contains(u"hostname"_s, Qt::CaseInsensitive), qPrintable(manager.output()));
}

void TestServiceConnection::tlsMinimumAboveBrokerExits()
{
    // The broker offers TLS 1.2 at most, so a manager that requires TLS 1.3 cannot agree with it.
    BrokerFixture::Config config;
    config.tlsMaxVersion = u"TLSv1.2"_s;
    BrokerFixture tls12(config);
    QVERIFY2(tls12.start(), qPrintable(tls12.errorString()));
    Manager manager;
    manager.environment().insert(u"GCN_MQTT_USER_PASSWORD"_s, tls12.password());
    manager.start(managerArguments(tls12) << u"--mqtt-tls-min-version"_s << u"TLSv1_3"_s);
    QVERIFY(manager.waitForExit(15000));
    QCOMPARE(manager.exitCode(), 2);
    QVERIFY2(manager.output().contains(u"TLS"_s), qPrintable(manager.output()));
}

void TestServiceConnection::refusedPortIsRetriedUntilBrokerAppears()
{
    const int port = m_broker->port();
    m_broker->stop();
    Manager manager;
    startManager(manager, managerArguments(*m_broker) << u"--mqtt-reconnect-max-delay"_s << u"2"_s);
    QVERIFY2(manager.waitForOutput(QRegularExpression(u"refused.*retrying"_s, QRegularExpression::CaseInsensitiveOption)),
             qPrintable(manager.output()));
    QVERIFY(manager.isRunning());
    QVERIFY(m_broker->start());
    QCOMPARE(m_broker->port(), port);
    QVERIFY2(manager.waitForOutput(u"subscribed to"_s, 30000), qPrintable(manager.output()));
    manager.sendSignal(SIGTERM);
    QVERIFY(manager.waitForExit());
    QCOMPARE(manager.exitCode(), 0);
}

void TestServiceConnection::unresolvableNameIsRetried()
{
    Manager manager;
    QStringList arguments = managerArguments(*m_broker);
    arguments[arguments.indexOf(u"--mqtt-host"_s) + 1] = u"does-not-exist.invalid"_s;
    startManager(manager, arguments << u"--mqtt-reconnect-max-delay"_s << u"1"_s);
    QVERIFY2(manager.waitForOutput(QRegularExpression(u"retrying.*attempt 3"_s), 30000), qPrintable(manager.output()));
    QVERIFY(manager.isRunning());
    manager.sendSignal(SIGTERM);
    QVERIFY(manager.waitForExit());
    QCOMPARE(manager.exitCode(), 0);
}

void TestServiceConnection::brokerRestartIsSurvivedWithReconnect()
{
    Manager manager;
    startManager(manager, managerArguments(*m_broker) << u"--mqtt-reconnect"_s << u"--mqtt-reconnect-max-delay"_s
                                                      << u"2"_s);
    QVERIFY2(manager.waitForOutput(u"subscribed to"_s), qPrintable(manager.output()));
    const QString id = QRegularExpression(u"(gcn_manager_[0-9a-f]{8})"_s).match(manager.output()).captured(1);

    // The test broker keeps no retained messages across a restart, so `online` after it proves a new publish.
    m_broker->stop();
    QVERIFY2(manager.waitForOutput(u"manager_disconnected"_s), qPrintable(manager.output()));
    QVERIFY(m_broker->start());
    QTRY_COMPARE_WITH_TIMEOUT(retained(*m_broker, u"gcn_manager/status/"_s + id), QByteArray("online"), 30000);
    QVERIFY(manager.isRunning());
    QCOMPARE(manager.output().count(u"subscribed to"_s), 2);
    manager.sendSignal(SIGTERM);
    QVERIFY(manager.waitForExit());
    QCOMPARE(manager.exitCode(), 0);
}

void TestServiceConnection::lostConnectionEndsRunWithoutReconnect()
{
    Manager manager;
    startManager(manager, managerArguments(*m_broker));
    QVERIFY2(manager.waitForOutput(u"subscribed to"_s), qPrintable(manager.output()));
    m_broker->stop();
    QVERIFY(manager.waitForExit(15000));
    QCOMPARE(manager.exitCode(), 1);
    QVERIFY2(manager.output().contains(u"--mqtt-reconnect is off"_s), qPrintable(manager.output()));
}

void TestServiceConnection::stillConnectingAlertIsRaisedOnce()
{
    m_broker->stop();
    Manager manager;
    startManager(manager, managerArguments(*m_broker) << u"--mqtt-still-connecting-alert"_s << u"1"_s
                                                      << u"--mqtt-reconnect-max-delay"_s << u"1"_s);
    QVERIFY2(manager.waitForOutput(u"event manager_still_connecting"_s), qPrintable(manager.output()));
    QVERIFY(manager.waitForOutput(QRegularExpression(u"attempt 4"_s), 20000));
    QCOMPARE(manager.output().count(u"gcn.service: event manager_still_connecting"_s), 1);
    manager.sendSignal(SIGINT);
    QVERIFY(manager.waitForExit());
    QCOMPARE(manager.exitCode(), 0);
}

void TestServiceConnection::secondSignalStopsAtOnce()
{
    Manager manager;
    startManager(manager, managerArguments(*m_broker));
    QVERIFY2(manager.waitForOutput(u"subscribed to"_s), qPrintable(manager.output()));
    // A frozen broker never acknowledges the `offline` status, so the graceful stop waits.
    m_broker->pause();
    manager.sendSignal(SIGTERM);
    QVERIFY(manager.waitForOutput(u"stop request 1"_s));
    QVERIFY(manager.isRunning());
    manager.sendSignal(SIGTERM);
    QVERIFY(manager.waitForExit(3000));
    m_broker->resume();
    QCOMPARE(manager.exitCode(), 128 + SIGTERM);
    QVERIFY2(manager.output().contains(u"second stop signal"_s), qPrintable(manager.output()));
}

void TestServiceConnection::passwordNeverInOutput()
{
    Manager manager;
    startManager(manager, managerArguments(*m_broker) << u"--log-level"_s << u"debug"_s);
    QVERIFY2(manager.waitForOutput(u"subscribed to"_s), qPrintable(manager.output()));
    manager.sendSignal(SIGTERM);
    QVERIFY(manager.waitForExit());

    Manager printer;
    printer.environment().insert(u"GCN_MQTT_USER_PASSWORD"_s, m_broker->password());
    printer.start({u"--print-env-then-exit"_s});
    QVERIFY(printer.waitForExit());
    QCOMPARE(printer.exitCode(), 0);
    QVERIFY(printer.output().contains(u"GCN_MQTT_USER_PASSWORD=********"_s));

    for (const QString& output : {manager.output(), printer.output()})
        QVERIFY2(!output.contains(m_broker->password()), "the broker password was printed");
}

void TestServiceConnection::traceLogsDetailAndExitsWithOne()
{
    Manager manager;
    manager.environment().insert(u"GCN_MQTT_USER_PASSWORD"_s, u"not-the-password"_s);
    manager.start(managerArguments(*m_broker) << u"--trace"_s);
    QVERIFY(manager.waitForExit(15000));
    QCOMPARE(manager.exitCode(), 1);
    // Debug lines of the MQTT subsystem show the detail behind the one-line error.
    QVERIFY2(manager.output().contains(u"debug gcn.mqtt:"_s), qPrintable(manager.output()));
    QVERIFY2(manager.output().contains(u"cannot connect to the MQTT broker"_s), qPrintable(manager.output()));
    QVERIFY2(!manager.output().contains(u"not-the-password"_s), "the password was printed");
}

void TestServiceConnection::secondManagerOnStateDirExits()
{
    Manager first;
    startManager(first, managerArguments(*m_broker));
    QVERIFY2(first.waitForOutput(u"subscribed to"_s), qPrintable(first.output()));

    Manager second;
    startManager(second, managerArguments(*m_broker));
    QVERIFY(second.waitForExit(15000));
    QCOMPARE(second.exitCode(), 2);
    QVERIFY2(second.output().contains(u"another manager (pid"_s), qPrintable(second.output()));
    QVERIFY2(second.output().contains(u"--state-dir"_s), qPrintable(second.output()));

    first.sendSignal(SIGTERM);
    QVERIFY(first.waitForExit());
    QCOMPARE(first.exitCode(), 0);
    // The lock goes with the manager that held it.
    Manager third;
    startManager(third, managerArguments(*m_broker));
    QVERIFY2(third.waitForOutput(u"subscribed to"_s), qPrintable(third.output()));
    third.sendSignal(SIGTERM);
    QVERIFY(third.waitForExit());
}

// A broker may send retained messages before it acknowledges the subscription. A heartbeat among them
// that is older than the watchdog period makes the board silent at the end of the retained window
// (5 s), not one watchdog period (here 600 s) after the connection.
void TestServiceConnection::staleRetainedHeartbeatIsMissedAtOnce()
{
    const QString board = u"AA:BB:CC:00:00:01"_s;
    QVERIFY2(m_broker->publish(u"gcn/%1/out/status"_s.arg(board), "online", 1, true), qPrintable(m_broker->lastToolOutput()));
    const QByteArray hourOld = QByteArray::number(QDateTime::currentSecsSinceEpoch() - 3600);
    QVERIFY2(m_broker->publish(u"gcn/%1/out/heartbeat"_s.arg(board), hourOld, 1, true),
             qPrintable(m_broker->lastToolOutput()));

    Manager manager;
    startManager(manager, managerArguments(*m_broker) << u"--client-heartbeat-watchdog"_s << u"600"_s);
    QVERIFY2(manager.waitForOutput(u"subscribed to"_s), qPrintable(manager.output()));
    QVERIFY2(manager.waitForOutput(u"event client_heartbeat_missed for %1, learnt late"_s.arg(board), 30000),
             qPrintable(manager.output()));
    manager.sendSignal(SIGTERM);
    QVERIFY(manager.waitForExit());
}

// mosquitto counts every packet it sends against max_queued_messages, SUBACK included. A retained state far
// larger than that queue still lets the manager become ready, because all its subscriptions are acknowledged
// before any retained message is queued.
void TestServiceConnection::subscribedDespiteFullBrokerQueue()
{
    BrokerFixture::Config config;
    config.maxQueuedMessages = 20;
    m_broker = std::make_unique<BrokerFixture>(config);
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));

    gcn::MqttClient::initializeLibrary();
    gcn::MqttClient filler;
    filler.setOptions(m_broker->clientOptions());
    QSignalSpy connected(&filler, &gcn::MqttClient::connected);
    QSignalSpy published(&filler, &gcn::MqttClient::messagePublished);
    filler.connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 1, 15000);
    // 12 MB in all, more than the kernel's socket buffers take, so that the broker's queue fills up.
    constexpr int retainedCount = 3000;
    const QByteArray payload(4096, '7');
    int lastId = -1;
    for (int i = 0; i < retainedCount; ++i) {
        const QString topic = u"gcn/AA:BB:CC:00:%1:%2/out/esp8266/free_heap"_s.arg(i / 256, 2, 16, QChar(u'0'))
                                  .arg(i % 256, 2, 16, QChar(u'0'));
        // The broker handles one client's messages in order, so the acknowledgement of the last one, at QoS 1,
        // means that every message before it is retained.
        lastId = filler.publish(topic, payload, i + 1 == retainedCount ? 1 : 0, true);
        QVERIFY(lastId >= 0);
    }
    QTRY_VERIFY_WITH_TIMEOUT(published.contains(QList<QVariant> {lastId}), 30000);
    filler.disconnectFromHost();

    Manager manager;
    startManager(manager, managerArguments(*m_broker));
    QVERIFY2(manager.waitForOutput(u"subscribed to"_s, 30000), qPrintable(manager.output().right(3000)));
    manager.sendSignal(SIGTERM);
    QVERIFY(manager.waitForExit());
}

QTEST_GUILESS_MAIN(TestServiceConnection)
#include "tst_service_connection.moc"
