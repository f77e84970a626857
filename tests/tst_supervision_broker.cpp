// Board supervision end to end: a real mosquitto with TLS, simulated boards (gcn-board-sim) and the
// real gcn-manager, whose log lines "event <type> <board>" show what it decided.

#include "BrokerFixture.h"
#include "ProcessRunner.h"

#include <csignal>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using gcn::test::BrokerFixture;
using gcn::test::ProcessRunner;

namespace {

const QString firstBoard = u"AA:BB:CC:00:00:00"_s;

QRegularExpression eventPattern(const QString& type, const QString& board = firstBoard, const QString& suffix = {})
{
    return QRegularExpression(QRegularExpression::escape(u"gcn.service: event %1 %2%3"_s.arg(type, board, suffix)));
}

} // namespace

class TestSupervisionBroker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void liveEventsOfOneBoard();
    void malformedMessagesAreLoggedAndDropped();
    void retainedMessageIsReadOnce();
    void restartWithStoredStateRaisesOnlyRealChanges();
    void offlineBoardStaysOfflineAfterRestart();
    void brokerOutageRaisesNoBoardAlerts();
    void burstOfChangesIsNotifiedInOrder();
    void sendCommandReachesBoard();
    void statusPrintsStoredRecords();

private:
    void startManager(ProcessRunner& manager, const QStringList& extra = {});
    void stopManager(ProcessRunner& manager);
    void startBoards(ProcessRunner& boards, int count, const QStringList& extra = {});
    void command(ProcessRunner& boards, const QString& line);
    int countEvents(const ProcessRunner& manager, const QString& type) const;

    std::unique_ptr<BrokerFixture> m_broker;
    std::unique_ptr<QTemporaryDir> m_stateDir;
};

void TestSupervisionBroker::init()
{
    m_broker = std::make_unique<BrokerFixture>();
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_stateDir = std::make_unique<QTemporaryDir>();
}

void TestSupervisionBroker::cleanup()
{
    m_broker.reset();
    m_stateDir.reset();
}

void TestSupervisionBroker::startManager(ProcessRunner& manager, const QStringList& extra)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"GCN_MQTT_USER_PASSWORD"_s, m_broker->password());
    const QStringList arguments = QStringList {u"--mqtt-host"_s, m_broker->host(), u"--mqtt-port"_s,
                                               QString::number(m_broker->port()), u"--mqtt-tls-ca-file"_s,
                                               BrokerFixture::caFile(), u"--mqtt-user-name"_s, m_broker->userName(),
                                               u"--log-level"_s, u"info"_s, u"--state-dir"_s, m_stateDir->path(),
                                               u"--client-heartbeat-watchdog"_s, u"3"_s}
                                  + extra;
    QVERIFY(manager.start(QStringLiteral(GCN_MANAGER_BIN), arguments, environment));
    QVERIFY2(manager.waitForOutput("subscribed to", 20'000), qPrintable(manager.output()));
}

void TestSupervisionBroker::stopManager(ProcessRunner& manager)
{
    manager.sendSignal(SIGTERM);
    QVERIFY(manager.waitForFinished(20'000));
    QCOMPARE(manager.exitCode(), 0);
}

void TestSupervisionBroker::startBoards(ProcessRunner& boards, int count, const QStringList& extra)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"GCN_SIM_PASSWORD"_s, m_broker->boardPassword());
    const QStringList arguments = QStringList {u"--host"_s, m_broker->host(), u"--port"_s,
                                               QString::number(m_broker->port()), u"--ca-file"_s,
                                               BrokerFixture::caFile(), u"--user"_s, m_broker->boardUserName(),
                                               u"--boards"_s, QString::number(count), u"--heartbeat-interval-ms"_s,
                                               u"1000"_s, u"--reconnect-delay-ms"_s, u"500"_s, u"--stdin"_s}
                                  + extra;
    QVERIFY(boards.start(QStringLiteral(GCN_BOARD_SIM_BIN), arguments, environment));
    command(boards, u"wait-connected"_s);
    QVERIFY2(boards.waitForOutput("all connected", 20'000), qPrintable(boards.output()));
}

void TestSupervisionBroker::command(ProcessRunner& boards, const QString& line)
{
    boards.write(line.toUtf8() + '\n');
}

int TestSupervisionBroker::countEvents(const ProcessRunner& manager, const QString& type) const
{
    return int(manager.output().count(u"gcn.service: event %1 "_s.arg(type)));
}

void TestSupervisionBroker::liveEventsOfOneBoard()
{
    ProcessRunner manager;
    startManager(manager);
    ProcessRunner boards;
    startBoards(boards, 1);
    QVERIFY2(manager.waitForMatch(eventPattern(u"client_status_online"_s), 10'000), qPrintable(manager.output()));

    command(boards, u"set 0 D1 1"_s);
    QVERIFY2(manager.waitForMatch(eventPattern(u"client_gpio_up"_s, firstBoard, u" pin D1"_s), 10'000),
             qPrintable(manager.output()));
    command(boards, u"set 0 D1 0"_s);
    QVERIFY2(manager.waitForMatch(eventPattern(u"client_gpio_down"_s, firstBoard, u" pin D1"_s), 10'000),
             qPrintable(manager.output()));

    command(boards, u"drop 0 3"_s);
    QVERIFY2(manager.waitForMatch(eventPattern(u"client_dropped_items"_s), 10'000), qPrintable(manager.output()));

    command(boards, u"skew 0 3600"_s);
    QVERIFY2(manager.waitForMatch(eventPattern(u"client_heartbeat_skewed"_s), 10'000), qPrintable(manager.output()));
    command(boards, u"skew 0 0"_s);
    QVERIFY2(manager.waitForMatch(eventPattern(u"client_skew_recovered"_s), 10'000), qPrintable(manager.output()));

    command(boards, u"heartbeat 0 off"_s);
    QVERIFY2(manager.waitForMatch(eventPattern(u"client_heartbeat_missed"_s), 15'000), qPrintable(manager.output()));
    command(boards, u"heartbeat 0 on"_s);
    QVERIFY2(manager.waitForMatch(eventPattern(u"client_heartbeat_resumed"_s), 10'000), qPrintable(manager.output()));

    command(boards, u"kill 0"_s);
    QVERIFY2(manager.waitForMatch(eventPattern(u"client_status_offline"_s), 15'000), qPrintable(manager.output()));

    QCOMPARE(countEvents(manager, u"client_gpio_up"_s), 1);
    QCOMPARE(countEvents(manager, u"client_gpio_down"_s), 1);
    QCOMPARE(countEvents(manager, u"client_heartbeat_missed"_s), 1);
    stopManager(manager);
}

void TestSupervisionBroker::malformedMessagesAreLoggedAndDropped()
{
    ProcessRunner manager;
    startManager(manager);
    ProcessRunner boards;
    startBoards(boards, 1);
    QVERIFY(manager.waitForMatch(eventPattern(u"client_status_online"_s), 10'000));

    const QList<std::pair<QString, QString>> kinds {
        {u"gpio-payload"_s, u"gcn/AA:BB:CC:00:00:00/out/gpio/D1"_s},
        {u"heartbeat-text"_s, u"gcn/AA:BB:CC:00:00:00/out/heartbeat"_s},
        {u"status-word"_s, u"gcn/AA:BB:CC:00:00:00/out/status"_s},
        {u"bad-mac"_s, u"gcn/not-a-mac/out/status"_s},
        {u"invalid-utf8"_s, u"gcn/AA:BB:CC:00:00:00/out/monitored_gpio"_s},
        {u"empty-pin"_s, u"gcn/AA:BB:CC:00:00:00/out/gpio/"_s},
    };
    for (const auto& [kind, topic] : kinds) {
        command(boards, u"malformed 0 "_s + kind);
        QVERIFY2(manager.waitForMatch(QRegularExpression(u"warning.*"_s + QRegularExpression::escape(topic)), 10'000),
                 qPrintable(kind + u": "_s + manager.output()));
    }

    QVERIFY(manager.isRunning());

    // A valid change after the garbage still counts.
    command(boards, u"set 0 D1 1"_s);
    QVERIFY2(manager.waitForMatch(eventPattern(u"client_gpio_up"_s), 10'000), qPrintable(manager.output()));
    stopManager(manager);
}

void TestSupervisionBroker::retainedMessageIsReadOnce()
{
    // The broker sends the retained messages matching each SUBSCRIBE, so two filters that both match a
    // topic would hand its retained message over twice.
    ProcessRunner boards;
    startBoards(boards, 1);
    command(boards, u"malformed 0 gpio-payload"_s);
    QVERIFY(boards.waitForOutput("done malformed 0 gpio-payload", 5'000));

    ProcessRunner manager;
    startManager(manager);
    const QRegularExpression gpioWarning(u"warning[^\\n]*gcn/AA:BB:CC:00:00:00/out/gpio/D1"_s);
    QVERIFY2(manager.waitForMatch(gpioWarning, 10'000), qPrintable(manager.output()));
    QTest::qWait(1'000);
    QCOMPARE(manager.output().count(gpioWarning), 1);
    stopManager(manager);
}

void TestSupervisionBroker::restartWithStoredStateRaisesOnlyRealChanges()
{
    ProcessRunner boards;
    startBoards(boards, 2);

    ProcessRunner first;
    startManager(first);
    // Boards first seen through retained messages start in the state those describe: no event.
    QTest::qWait(7'000);
    QCOMPARE(countEvents(first, u"client_status_online"_s), 0);
    QCOMPARE(countEvents(first, u"client_gpio_up"_s), 0);
    stopManager(first);

    // A change while no manager runs is one event at the next start, and only for that board.
    command(boards, u"set 1 D1 1"_s);
    QVERIFY(boards.waitForOutput("done set 1 D1 1", 5'000));
    ProcessRunner second;
    startManager(second);
    QVERIFY2(second.waitForMatch(eventPattern(u"client_gpio_up"_s, u"AA:BB:CC:00:00:01"_s), 15'000),
             qPrintable(second.output()));
    QTest::qWait(6'000);
    QCOMPARE(countEvents(second, u"client_gpio_up"_s), 1);
    QCOMPARE(countEvents(second, u"client_status_online"_s), 0);
    QCOMPARE(countEvents(second, u"client_heartbeat_missed"_s), 0);
    stopManager(second);
}

void TestSupervisionBroker::offlineBoardStaysOfflineAfterRestart()
{
    ProcessRunner boards;
    startBoards(boards, 1);
    ProcessRunner first;
    startManager(first);
    command(boards, u"kill 0"_s);
    QVERIFY2(first.waitForMatch(eventPattern(u"client_status_offline"_s), 15'000), qPrintable(first.output()));
    stopManager(first);

    ProcessRunner second;
    startManager(second);
    QTest::qWait(7'000);
    QCOMPARE(countEvents(second, u"client_status_offline"_s), 0);
    QCOMPARE(countEvents(second, u"client_heartbeat_missed"_s), 0);
    stopManager(second);
}

void TestSupervisionBroker::brokerOutageRaisesNoBoardAlerts()
{
    ProcessRunner manager;
    startManager(manager, {u"--mqtt-reconnect"_s, u"--mqtt-reconnect-max-delay"_s, u"1"_s});
    ProcessRunner boards;
    startBoards(boards, 3);
    QTest::qWait(2'000);

    m_broker->stop();
    QVERIFY2(manager.waitForOutput("event manager_disconnected", 10'000), qPrintable(manager.output()));
    // Longer than the watchdog period: with the broker gone, no board can be judged.
    QTest::qWait(5'000);
    QVERIFY(m_broker->start());
    QVERIFY2(manager.waitForMatch(QRegularExpression(u"event manager_connected(.|\\n)*event manager_connected"_s),
                                  20'000),
             qPrintable(manager.output()));
    QTest::qWait(4'000);
    QCOMPARE(countEvents(manager, u"client_heartbeat_missed"_s), 0);
    QCOMPARE(countEvents(manager, u"manager_disconnected"_s), 1);
    stopManager(manager);
}

void TestSupervisionBroker::burstOfChangesIsNotifiedInOrder()
{
    ProcessRunner manager;
    startManager(manager);
    ProcessRunner boards;
    startBoards(boards, 1);
    QVERIFY(manager.waitForMatch(eventPattern(u"client_status_online"_s), 10'000));
    command(boards, u"burst 0 D1 6"_s);
    QTRY_COMPARE_WITH_TIMEOUT(countEvents(manager, u"client_gpio_up"_s) + countEvents(manager, u"client_gpio_down"_s),
                              6, 15'000);
    const QString output = manager.output();
    const qsizetype firstUp = output.indexOf(u"gcn.service: event client_gpio_up"_s);
    const qsizetype firstDown = output.indexOf(u"gcn.service: event client_gpio_down"_s);
    QVERIFY(firstUp >= 0);
    QVERIFY(firstUp < firstDown);
    QCOMPARE(countEvents(manager, u"client_gpio_up"_s), 3);
    stopManager(manager);
}

void TestSupervisionBroker::sendCommandReachesBoard()
{
    ProcessRunner boards;
    startBoards(boards, 1);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"GCN_MQTT_USER_PASSWORD"_s, m_broker->password());
    const QStringList connection {u"--mqtt-host"_s, m_broker->host(), u"--mqtt-port"_s,
                                  QString::number(m_broker->port()), u"--mqtt-tls-ca-file"_s,
                                  BrokerFixture::caFile(), u"--mqtt-user-name"_s, m_broker->userName()};

    const gcn::test::ProcessResult sent = ProcessRunner::run(
        QStringLiteral(GCN_MANAGER_BIN), connection + QStringList {u"send-command"_s, firstBoard, u"send_metrics"_s},
        30'000, {}, environment);
    QVERIFY2(sent.succeeded(), qPrintable(sent.describe()));
    QVERIFY2(boards.waitForOutput("command AA:BB:CC:00:00:00 send_metrics", 10'000), qPrintable(boards.output()));
    // Commands are never retained: a board that connects later does not receive it again.
    QVERIFY(!m_broker->readRetained(u"gcn/AA:BB:CC:00:00:00/in/send_metrics"_s, 2).has_value());

    const gcn::test::ProcessResult refused = ProcessRunner::run(
        QStringLiteral(GCN_MANAGER_BIN), connection + QStringList {u"send-command"_s, firstBoard, u"explode"_s},
        30'000, {}, environment);
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(QString::fromUtf8(refused.standardError).contains(u"--force"_s), qPrintable(refused.describe()));
}

void TestSupervisionBroker::statusPrintsStoredRecords()
{
    ProcessRunner boards;
    startBoards(boards, 2);
    ProcessRunner manager;
    startManager(manager);
    command(boards, u"set 1 D1 1"_s);
    QVERIFY(manager.waitForMatch(eventPattern(u"client_gpio_up"_s, u"AA:BB:CC:00:00:01"_s), 15'000));
    stopManager(manager);

    // From a stopped manager's state folder, with the folder given after the command.
    const gcn::test::ProcessResult json = ProcessRunner::run(
        QStringLiteral(GCN_MANAGER_BIN), {u"status"_s, u"--json"_s, u"--state-dir"_s, m_stateDir->path()});
    QVERIFY2(json.succeeded(), qPrintable(json.describe()));
    const QJsonArray records = QJsonDocument::fromJson(json.standardOutput).array();
    QCOMPARE(records.size(), 2);
    const QJsonObject second = records.at(1).toObject();
    QCOMPARE(second.value(u"id"_s).toString(), u"AA:BB:CC:00:00:01"_s);
    QCOMPARE(second.value(u"status"_s).toString(), u"online"_s);
    QCOMPARE(second.value(u"pins"_s).toObject().value(u"D1"_s).toObject().value(u"state"_s).toInt(), 1);

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"GCN_CLIENT_ALIASES"_s, u"AA:BB:CC:00:00:01=Garage"_s);
    environment.insert(u"GCN_CLIENT_GPIO_LABELS"_s, u"D1=door,open,closed"_s);
    const gcn::test::ProcessResult text = ProcessRunner::run(
        QStringLiteral(GCN_MANAGER_BIN), {u"--state-dir"_s, m_stateDir->path(), u"status"_s}, 30'000, {}, environment);
    QVERIFY2(text.succeeded(), qPrintable(text.describe()));
    const QString printed = QString::fromUtf8(text.standardOutput);
    QVERIFY2(printed.contains(u"Garage (AA:BB:CC:00:00:01): online"_s), qPrintable(printed));
    QVERIFY2(printed.contains(u"door (D1): open since"_s), qPrintable(printed));
}

QTEST_GUILESS_MAIN(TestSupervisionBroker)
#include "tst_supervision_broker.moc"
