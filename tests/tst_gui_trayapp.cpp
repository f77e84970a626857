// Integration test of gcn-manager-tray: the real app on a real X server (Xvfb) with a real tray host
// (trayer), against a TLS broker with passwords and the board simulator. The app writes what it shows
// to a JSON test report; the test reads it and saves screenshots of the window.

#include "BrokerFixture.h"
#include "ProcessRunner.h"
#include "storage/Outbox.h"

#include <csignal>

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using gcn::test::BrokerFixture;
using gcn::test::ProcessResult;
using gcn::test::ProcessRunner;

namespace {

const QString boardId = u"AA:BB:CC:DD:EE:01"_s;

// A child process that is killed when the test ends, whatever the outcome.
class ChildProcess
{
public:
    ChildProcess() = default;
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;
    ~ChildProcess() { kill(); }

    QProcess& process() { return m_process; }
    void kill()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.kill();
        m_process.waitForFinished(5000);
    }

private:
    QProcess m_process;
};

QJsonObject readReport(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// The cell of the board table for `boardId` and the column headed `header`, or an empty string.
QString boardCell(const QJsonObject& report, const QString& board, const QString& header)
{
    const QJsonArray rows = report.value(u"boards"_s).toArray();
    if (rows.isEmpty())
        return {};
    const qsizetype column = rows.first().toVariant().toStringList().indexOf(header);
    if (column < 0)
        return {};
    for (qsizetype row = 1; row < rows.size(); ++row) {
        const QStringList cells = rows.at(row).toVariant().toStringList();
        if (cells.value(0).contains(board))
            return cells.value(column);
    }
    return {};
}

bool waitFor(const std::function<bool()>& condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return condition();
        QTest::qWait(50);
    }
    return true;
}

} // namespace

class TestTrayApp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void trayFollowsBoards();

private:
    bool startDisplay();
    QProcessEnvironment displayEnvironment() const;
    bool takeScreenshot(const QString& window, const QString& fileName);

    ChildProcess m_xvfb;
    ChildProcess m_trayer;
    QString m_display;
    QString m_artifactDir = QStringLiteral(GCN_TEST_ARTIFACT_DIR);
};

void TestTrayApp::initTestCase()
{
    QVERIFY(QDir().mkpath(m_artifactDir));
    QVERIFY2(startDisplay(), "Xvfb or trayer did not start; see the messages above");
}

void TestTrayApp::cleanupTestCase()
{
    m_trayer.kill();
    m_xvfb.kill();
}

QProcessEnvironment TestTrayApp::displayEnvironment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"DISPLAY"_s, m_display);
    environment.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
    return environment;
}

bool TestTrayApp::startDisplay()
{
    // -displayfd 1: Xvfb picks a free display number and writes it to its standard output.
    QProcess& xvfb = m_xvfb.process();
    xvfb.start(u"Xvfb"_s, {u"-displayfd"_s, u"1"_s, u"-screen"_s, u"0"_s, u"1280x800x24"_s, u"-nolisten"_s, u"tcp"_s});
    if (!xvfb.waitForStarted(10'000)) {
        qWarning() << "Xvfb did not start:" << xvfb.errorString();
        return false;
    }
    if (!waitFor([&] { return xvfb.canReadLine() || xvfb.state() == QProcess::NotRunning; }, 20'000)
        || !xvfb.canReadLine()) {
        qWarning() << "Xvfb printed no display number:" << xvfb.readAllStandardError();
        return false;
    }
    m_display = u":"_s + QString::fromLatin1(xvfb.readLine().trimmed());

    QProcess& trayer = m_trayer.process();
    trayer.setProcessEnvironment(displayEnvironment());
    trayer.start(u"trayer"_s, {u"--edge"_s, u"top"_s, u"--align"_s, u"right"_s, u"--widthtype"_s, u"request"_s,
                               u"--height"_s, u"32"_s, u"--transparent"_s, u"false"_s, u"--tint"_s, u"0x303030"_s});
    if (!trayer.waitForStarted(10'000)) {
        qWarning() << "trayer did not start:" << trayer.errorString();
        return false;
    }
    // trayer's panel window appears once it manages the tray selection.
    const bool panelShown = waitFor(
        [&] {
            const ProcessResult tree = ProcessRunner::run(u"xwininfo"_s, {u"-root"_s, u"-tree"_s}, 5000, {},
                                                          displayEnvironment());
            return tree.standardOutput.contains("(\"panel\" \"trayer\")");
        },
        20'000);
    if (!panelShown)
        qWarning() << "trayer showed no panel on" << m_display << trayer.readAllStandardError();
    return panelShown;
}

bool TestTrayApp::takeScreenshot(const QString& window, const QString& fileName)
{
    const QString path = QDir(m_artifactDir).filePath(fileName);
    const ProcessResult result = ProcessRunner::run(u"import"_s, {u"-window"_s, window, path}, 30'000, {},
                                                    displayEnvironment());
    if (!result.succeeded()) {
        qWarning().noquote() << "import failed:" << result.describe();
        return false;
    }
    const QImage image(path);
    return !image.isNull() && image.width() > 100 && image.height() > 100;
}

void TestTrayApp::trayFollowsBoards()
{
    BrokerFixture broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString reportPath = home.filePath(u"report.json"_s);

    // The simulated board: D1 and D2 start down; heartbeats every second.
    ChildProcess simulator;
    QProcessEnvironment simulatorEnvironment = QProcessEnvironment::systemEnvironment();
    simulatorEnvironment.insert(u"GCN_SIM_PASSWORD"_s, broker.boardPassword());
    simulator.process().setProcessEnvironment(simulatorEnvironment);
    simulator.process().setProcessChannelMode(QProcess::MergedChannels);
    simulator.process().start(QStringLiteral(GCN_BOARD_SIM_BIN),
                              {u"--host"_s, broker.host(), u"--port"_s, QString::number(broker.port()), u"--ca-file"_s,
                               BrokerFixture::caFile(), u"--user"_s, broker.boardUserName(), u"--mac"_s, boardId,
                               u"--pins"_s, u"D1,D2"_s, u"--heartbeat-interval-ms"_s, u"1000"_s, u"--stdin"_s});
    QVERIFY2(simulator.process().waitForStarted(10'000), qPrintable(simulator.process().errorString()));

    // The tray app in monitor mode, with its settings, state and report in a private folder and no
    // session bus, so that it never touches the keychain or the settings of the user running the test.
    QProcessEnvironment environment = displayEnvironment();
    environment.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
    environment.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    environment.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
    environment.insert(u"XDG_RUNTIME_DIR"_s, home.path());
    environment.insert(u"GCN_MQTT_SERVER_HOST"_s, broker.host());
    environment.insert(u"GCN_MQTT_SERVER_PORT"_s, QString::number(broker.port()));
    environment.insert(u"GCN_MQTT_USER_NAME"_s, broker.userName());
    environment.insert(u"GCN_MQTT_USER_PASSWORD"_s, broker.password());
    environment.insert(u"GCN_MQTT_TLS_CA_FILE"_s, BrokerFixture::caFile());
    environment.insert(u"GCN_CLIENT_ALIASES"_s, boardId + u"=Garage"_s);
    environment.insert(u"GCN_CLIENT_GPIO_LABELS"_s, u"D1=door,open,closed"_s);
    environment.insert(u"GCN_TRAY_TEST_REPORT"_s, reportPath);
    environment.insert(u"GCN_MQTT_LOG_LEVEL"_s, u"info"_s);
    // A monitor has the e-mail channel off, so it skips this recipient and only the desktop gets the alert.
    environment.insert(u"GCN_CLIENT_GPIO_CHANGE_UP_RECIPIENTS"_s, u"ops@example.org"_s);
    const QString stateDir = home.filePath(u"state"_s);
    environment.insert(u"GCN_STATE_DIR"_s, stateDir);
    ProcessRunner tray;
    QVERIFY(tray.start(QStringLiteral(GCN_TRAY_BIN), {u"--mode"_s, u"monitor"_s, u"--open-window"_s}, environment));

    // Connected, the board known, its door closed, and the icon in the fine state.
    const auto report = [&] { return readReport(reportPath); };
    const bool settled = waitFor(
        [&] {
            const QJsonObject current = report();
            return current.value(u"ready"_s).toBool() && current.value(u"trayState"_s).toString() == "fine"_L1
                   && boardCell(current, boardId, u"D1"_s).startsWith("door closed since"_L1);
        },
        30'000);
    QVERIFY2(settled, qPrintable(QString::fromUtf8(QJsonDocument(report()).toJson()) + tray.describe()));
    QJsonObject current = report();
    QCOMPARE(current.value(u"trayIconVisible"_s).toBool(), true);
    QCOMPARE(current.value(u"mode"_s).toString(), u"monitor"_s);
    QCOMPARE(current.value(u"banner"_s).toString(), QString());
    QCOMPARE(boardCell(current, boardId, u"Board"_s), u"Garage (AA:BB:CC:DD:EE:01)"_s);
    QCOMPARE(boardCell(current, boardId, u"Status"_s), u"online"_s);
    QVERIFY(boardCell(current, boardId, u"D2"_s).startsWith("down since"_L1));
    QVERIFY2(current.value(u"tooltip"_s).toString().contains("Boards online: 1 of 1"_L1),
             qPrintable(current.value(u"tooltip"_s).toString()));

    // The door opens: the table and the tooltip follow, and a desktop alert is shown.
    QVERIFY(simulator.process().write("set 0 D1 1\n") > 0);
    const bool opened = waitFor(
        [&] {
            const QJsonObject now = report();
            return boardCell(now, boardId, u"D1"_s).startsWith("door open since"_L1)
                   && now.value(u"tooltip"_s).toString().contains("Last event: Garage: door open"_L1);
        },
        20'000);
    QVERIFY2(opened, QJsonDocument(report()).toJson().constData());
    // The alert goes through the dispatcher: after the batch window (5 s by default) the outbox of the
    // monitor records it as delivered, and the history shows it once. The window may also contain the
    // manager's connected event, so the message lists one or more event types.
    const auto gpioUpRows = [](const QJsonObject& content) {
        QJsonArray rows;
        for (const QJsonValue& entry : content.value(u"history"_s).toArray()) {
            if (entry[u"type"_s].toString().split(u',').contains(u"client_gpio_up"_s))
                rows.append(entry);
        }
        return rows;
    };
    const bool alerted = waitFor(
        [&] {
            const QJsonArray rows = gpioUpRows(report());
            return !rows.isEmpty() && rows.first()[u"result"_s].toString() == "delivered"_L1;
        },
        30'000);
    QVERIFY2(alerted, QJsonDocument(report()).toJson().constData());
    current = report();
    const QJsonArray alertRows = gpioUpRows(current);
    QCOMPARE(alertRows.size(), 1);
    QCOMPARE(alertRows.first()[u"channel"_s].toString(), u"desktop"_s);
    QCOMPARE(alertRows.first()[u"recipient"_s].toString(), u"desktop"_s);
    QCOMPARE(alertRows.first()[u"boards"_s].toString(), boardId);
    QCOMPARE(alertRows.first()[u"error"_s].toString(), QString());

    auto outbox = gcn::Outbox::open(QDir(stateDir).filePath(u"tray-monitor"_s), false);
    QVERIFY2(outbox.has_value(), qPrintable(outbox.has_value() ? QString() : outbox.error().message));
    QList<gcn::OutboxRecord> desktopAlerts;
    for (const gcn::OutboxRecord& record : (*outbox)->history()) {
        if (record.eventTypes.contains(u"client_gpio_up"_s))
            desktopAlerts.append(record);
        // A monitor sends nothing but desktop alerts.
        QCOMPARE(record.channel, gcn::Channel::Desktop);
    }
    QCOMPARE(desktopAlerts.size(), 1);
    QCOMPARE(desktopAlerts.first().status, gcn::OutboxStatus::Delivered);
    QCOMPARE(desktopAlerts.first().recipient, u"desktop"_s);
    QCOMPARE(desktopAlerts.first().boardIds, QStringList {boardId});
    QVERIFY2(desktopAlerts.first().subject.contains(u"GPIO up"_s), qPrintable(desktopAlerts.first().subject));
    outbox->reset();
    QCOMPARE(current.value(u"trayState"_s).toString(), u"fine"_s);

    // Screenshots once the window has painted the change: the window alone, and the whole screen with
    // the tray icon in trayer's panel.
    QTest::qWait(500);
    const QString windowId = current.value(u"windowId"_s).toString();
    QVERIFY(!windowId.isEmpty());
    QVERIFY(takeScreenshot(windowId, u"tray-window.png"_s));
    QVERIFY(takeScreenshot(u"root"_s, u"tray-desktop.png"_s));

    // The board's connection drops, so the broker publishes its will (offline) and the icon shows a problem.
    QVERIFY(simulator.process().write("kill 0\n") > 0);
    const bool problem = waitFor(
        [&] {
            const QJsonObject now = report();
            return now.value(u"trayState"_s).toString() == "problem"_L1
                   && now.value(u"tooltip"_s).toString().contains("Boards with a problem: 1"_L1);
        },
        20'000);
    QVERIFY2(problem, QJsonDocument(report()).toJson().constData());
    QCOMPARE(boardCell(report(), boardId, u"Status"_s), u"offline"_s);

    // A stop signal ends the run gracefully: the manager's retained status becomes offline.
    const QString managerId = report().value(u"managerId"_s).toString();
    // A monitor announces itself with the monitor prefix, so that a server manager raises no alert when it quits.
    QVERIFY(managerId.startsWith("gcn_manager_monitor"_L1));
    tray.sendSignal(SIGTERM);
    QVERIFY2(tray.waitForFinished(20'000), qPrintable(tray.describe()));
    QCOMPARE(tray.exitStatus(), QProcess::NormalExit);
    QCOMPARE(tray.exitCode(), 0);
    QCOMPARE(broker.readRetained(u"gcn_manager/status/"_s + managerId).value_or("<none>"), QByteArray("offline"));

    // With the broker gone, a new app shows the disconnected state.
    broker.stop();
    QVERIFY(QFile::remove(reportPath));
    ProcessRunner offline;
    QVERIFY(offline.start(QStringLiteral(GCN_TRAY_BIN), {}, environment));
    const bool disconnected = waitFor(
        [&] {
            const QJsonObject now = report();
            return now.value(u"trayState"_s).toString() == "disconnected"_L1
                   && now.value(u"tooltip"_s).toString().contains("Not connected"_L1)
                   && now.value(u"windowVisible"_s).toBool() == false;
        },
        20'000);
    QVERIFY2(disconnected, QJsonDocument(report()).toJson().constData());
    offline.sendSignal(SIGTERM);
    QVERIFY2(offline.waitForFinished(20'000), qPrintable(offline.describe()));
    QCOMPARE(offline.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestTrayApp)
#include "tst_gui_trayapp.moc"
