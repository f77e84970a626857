// Integration tests of what lets others watch the real gcn-manager executable: the HTTP endpoint (/healthz,
// /metrics), the systemd notifications captured on a NOTIFY_SOCKET of the test, and the dead man's switch
// requesting a local HTTP server of the test. The broker is a real mosquitto that the tests stop and start.

#include <csignal>

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>
#include <optional>

#include "BrokerFixture.h"
#include "ManagerProcess.h"
#include "NotifySocket.h"

using namespace Qt::StringLiterals;
using gcn::test::BrokerFixture;
using gcn::test::ManagerProcess;
using gcn::test::NotifySocket;

namespace {

constexpr int kTimeoutMs = 20'000;
const QString kBoardMac = u"AA:BB:CC:DD:EE:01"_s;

struct HttpResult
{
    int status = 0;
    QByteArray contentType;
    QByteArray body;
    QString error;
};

// Requests `url` with GET and waits for the whole answer while the event loop runs.
HttpResult httpGet(const QUrl& url)
{
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setTransferTimeout(5'000);
    std::unique_ptr<QNetworkReply> reply(network.get(request));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    HttpResult result;
    if (!finished.wait(10'000)) {
        result.error = u"no answer within 10 s"_s;
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    result.body = reply->readAll();
    if (reply->error() != QNetworkReply::NoError)
        result.error = reply->errorString();
    return result;
}

// The value of one sample in Prometheus text, e.g. series `gcn_up` or `gcn_events_total{type="x"}`.
std::optional<double> sampleValue(const QString& metrics, const QString& series)
{
    const QStringList lines = metrics.split(u'\n');
    for (const QString& line : lines) {
        if (line.startsWith(series + u' '))
            return line.mid(series.size() + 1).toDouble();
    }
    return std::nullopt;
}

// A plain HTTP server for the dead man's switch: it records each request line and returns `status`.
class PingServer
{
public:
    bool listen()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] { accept(); });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server.serverPort(); }
    void close() { m_server.close(); }
    void setStatus(int status) { m_status = status; }
    const QStringList& requests() const { return m_requests; }

private:
    void accept()
    {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            auto buffer = std::make_shared<QByteArray>();
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                *buffer += socket->readAll();
                if (!buffer->contains("\r\n\r\n"))
                    return;
                m_requests << QString::fromUtf8(buffer->left(buffer->indexOf("\r\n")));
                const QByteArray reason = m_status == 200 ? "OK" : "Not Found";
                socket->write("HTTP/1.1 " + QByteArray::number(m_status) + ' ' + reason
                              + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
                socket->disconnectFromHost();
            });
        }
    }

    QTcpServer m_server;
    int m_status = 200;
    QStringList m_requests;
};

} // namespace

class TestServiceOperations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void healthAndMetricsAcrossOutage();
    void metricsCategoriesAreBounded();
    void httpListenFailureExits_data();
    void httpListenFailureExits();
    void systemdReadyStatusAndStopping();
    void systemdStoppingSentAtStopStart();
    void systemdWatchdog_data();
    void systemdWatchdog();
    void deadMansSwitchPingsOnlyWhenHealthy();

private:
    QStringList managerArguments() const;
    void startManager(ManagerProcess& manager, const QStringList& extraArguments);
    QUrl endpoint(const QString& path) const;

    std::unique_ptr<BrokerFixture> m_broker;
    QTemporaryDir m_stateDir;
    int m_httpPort = 0;
};

void TestServiceOperations::init()
{
    m_broker = std::make_unique<BrokerFixture>();
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_httpPort = gcn::test::findFreePort();
    QVERIFY(m_httpPort > 0);
}

void TestServiceOperations::cleanup()
{
    m_broker.reset();
}

QStringList TestServiceOperations::managerArguments() const
{
    return {u"--mqtt-host"_s, m_broker->host(), u"--mqtt-port"_s, QString::number(m_broker->port()),
            u"--mqtt-tls-ca-file"_s, m_broker->caFile(), u"--mqtt-user-name"_s, m_broker->userName(),
            u"--log-level"_s, u"info"_s, u"--state-dir"_s, m_stateDir.path()};
}

void TestServiceOperations::startManager(ManagerProcess& manager, const QStringList& extraArguments)
{
    manager.environment().insert(u"GCN_MQTT_USER_PASSWORD"_s, m_broker->password());
    QVERIFY(manager.start(managerArguments() + extraArguments));
}

QUrl TestServiceOperations::endpoint(const QString& path) const
{
    return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_httpPort).arg(path));
}

void TestServiceOperations::healthAndMetricsAcrossOutage()
{
    ManagerProcess manager;
    startManager(manager, {u"--http-listen"_s, u"127.0.0.1:%1"_s.arg(m_httpPort), u"--mqtt-reconnect"_s,
                           u"--mqtt-reconnect-max-delay"_s, u"1"_s});
    QVERIFY2(manager.waitForOutput(u"subscribed to"_s), qPrintable(manager.output()));

    // Connected and subscribed.
    HttpResult health = httpGet(endpoint(u"/healthz"_s));
    QCOMPARE(health.status, 200);
    QVERIFY2(health.contentType.startsWith("application/json"), health.contentType.constData());
    QJsonObject body = QJsonDocument::fromJson(health.body).object();
    QCOMPARE(body.value(u"status"_s).toString(), u"ok"_s);
    QCOMPARE(body.value(u"state"_s).toString(), u"connected"_s);
    QVERIFY(!body.contains(u"reason"_s));
    QCOMPARE(body.value(u"outbox"_s).toString(), u"ok"_s);

    const QString heartbeatTopic = u"gcn/%1/out/heartbeat"_s.arg(kBoardMac);
    QVERIFY2(m_broker->publish(heartbeatTopic, "1700000000"), qPrintable(m_broker->lastToolOutput()));
    QVERIFY2(m_broker->publish(u"gcn/%1/out/gpio/D1"_s.arg(kBoardMac), "1 1700000000"),
             qPrintable(m_broker->lastToolOutput()));
    const QString heartbeats = u"gcn_messages_received_total{category=\"heartbeat\"}"_s;
    const QString gpio = u"gcn_messages_received_total{category=\"gpio\"}"_s;
    QString metrics;
    QTRY_VERIFY_WITH_TIMEOUT((metrics = QString::fromUtf8(httpGet(endpoint(u"/metrics"_s)).body),
                              sampleValue(metrics, gpio) == 1.0),
                             kTimeoutMs);
    const HttpResult metricsResult = httpGet(endpoint(u"/metrics"_s));
    QCOMPARE(metricsResult.status, 200);
    QVERIFY2(metricsResult.contentType.startsWith("text/plain; version=0.0.4"), metricsResult.contentType.constData());
    metrics = QString::fromUtf8(metricsResult.body);
    QVERIFY2(metrics.contains(u"# TYPE gcn_up gauge\n"_s), qPrintable(metrics));
    QVERIFY2(metrics.contains(u"# TYPE gcn_messages_received_total counter\n"_s), qPrintable(metrics));
    QCOMPARE(sampleValue(metrics, u"gcn_up"_s), 1.0);
    QCOMPARE(sampleValue(metrics, u"gcn_connection_state{state=\"connected\"}"_s), 1.0);
    QCOMPARE(sampleValue(metrics, u"gcn_connection_state{state=\"waiting_to_reconnect\"}"_s), 0.0);
    QCOMPARE(sampleValue(metrics, heartbeats), 1.0);
    QCOMPARE(sampleValue(metrics, gpio), 1.0);
    QCOMPARE(sampleValue(metrics, u"gcn_events_total{type=\"manager_starting\"}"_s), 1.0);
    QCOMPARE(sampleValue(metrics, u"gcn_events_total{type=\"manager_connected\"}"_s), 1.0);
    QCOMPARE(sampleValue(metrics, u"gcn_outbox_write_failures_total"_s), 0.0);
    QCOMPARE(sampleValue(metrics, u"gcn_outbox_healthy"_s), 1.0);

    // During the outage: unhealthy, with the state and the reason in words.
    m_broker->stop();
    QTRY_COMPARE_WITH_TIMEOUT(httpGet(endpoint(u"/healthz"_s)).status, 503, kTimeoutMs);
    health = httpGet(endpoint(u"/healthz"_s));
    QVERIFY2(health.contentType.startsWith("application/json"), health.contentType.constData());
    body = QJsonDocument::fromJson(health.body).object();
    QCOMPARE(body.value(u"status"_s).toString(), u"unavailable"_s);
    const QString state = body.value(u"state"_s).toString();
    QVERIFY2(state == "waiting to reconnect"_L1 || state == "connecting"_L1, qPrintable(state));
    QVERIFY2(body.value(u"reason"_s).toString().contains(u"not connected"_s), health.body.constData());
    QVERIFY2(body.value(u"error"_s).toString().contains(u"localhost"_s), health.body.constData());

    metrics = QString::fromUtf8(httpGet(endpoint(u"/metrics"_s)).body);
    QCOMPARE(sampleValue(metrics, u"gcn_up"_s), 0.0);
    QCOMPARE(sampleValue(metrics, u"gcn_connection_state{state=\"connected\"}"_s), 0.0);
    QCOMPARE(sampleValue(metrics, u"gcn_events_total{type=\"manager_disconnected\"}"_s), 1.0);
    QCOMPARE(sampleValue(metrics, heartbeats), 1.0);

    // After the outage: healthy again, counters kept.
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(httpGet(endpoint(u"/healthz"_s)).status, 200, 30'000);
    metrics = QString::fromUtf8(httpGet(endpoint(u"/metrics"_s)).body);
    QCOMPARE(sampleValue(metrics, u"gcn_up"_s), 1.0);
    QCOMPARE(sampleValue(metrics, u"gcn_connection_state{state=\"connected\"}"_s), 1.0);
    QCOMPARE(sampleValue(metrics, u"gcn_events_total{type=\"manager_connected\"}"_s), 2.0);
    QCOMPARE(sampleValue(metrics, heartbeats), 1.0);
    QVERIFY2(m_broker->publish(heartbeatTopic, "1700000030"), qPrintable(m_broker->lastToolOutput()));
    QTRY_COMPARE_WITH_TIMEOUT(sampleValue(QString::fromUtf8(httpGet(endpoint(u"/metrics"_s)).body), heartbeats),
                              std::optional<double>(2.0), kTimeoutMs);

    // Any other path is not found.
    QCOMPARE(httpGet(endpoint(u"/"_s)).status, 404);

    manager.sendSignal(SIGTERM);
    QVERIFY(manager.waitForExit());
    QCOMPARE(manager.exitCode(), 0);
}

void TestServiceOperations::metricsCategoriesAreBounded()
{
    ManagerProcess manager;
    startManager(manager, {u"--http-listen"_s, QString::number(m_httpPort)});
    QVERIFY2(manager.waitForOutput(u"subscribed to"_s), qPrintable(manager.output()));

    // Topic levels come from the network, so each unknown one must not become a label of its own.
    for (int index = 0; index < 3; ++index) {
        const QString topic = u"gcn/%1/out/unknown_%2"_s.arg(kBoardMac).arg(index);
        QVERIFY2(m_broker->publish(topic, "x"), qPrintable(m_broker->lastToolOutput()));
    }
    QVERIFY2(m_broker->publish(u"gcn/%1/out/esp8266/free_heap"_s.arg(kBoardMac), "30000"),
             qPrintable(m_broker->lastToolOutput()));
    const QString other = u"gcn_messages_received_total{category=\"other\"}"_s;
    QString metrics;
    QTRY_VERIFY_WITH_TIMEOUT((metrics = QString::fromUtf8(httpGet(endpoint(u"/metrics"_s)).body),
                              sampleValue(metrics, other) == 3.0),
                             kTimeoutMs);
    QVERIFY2(!metrics.contains(u"unknown_"_s), qPrintable(metrics));
    QTRY_COMPARE_WITH_TIMEOUT(sampleValue(QString::fromUtf8(httpGet(endpoint(u"/metrics"_s)).body),
                                          u"gcn_messages_received_total{category=\"esp8266\"}"_s),
                              std::optional<double>(1.0), kTimeoutMs);
    manager.sendSignal(SIGTERM);
    QVERIFY(manager.waitForExit());
}

void TestServiceOperations::httpListenFailureExits_data()
{
    QTest::addColumn<bool>("occupied");
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("expected");
    QTest::newRow("address in use") << true << u"127.0.0.1"_s << u"in use"_s;
    // 192.0.2.1 is reserved for documentation (RFC 5737), so no interface of this machine has it.
    QTest::newRow("address of no interface") << false << u"192.0.2.1"_s << u"not available"_s;
}

void TestServiceOperations::httpListenFailureExits()
{
    QFETCH(bool, occupied);
    QFETCH(QString, address);
    QFETCH(QString, expected);
    QTcpServer occupant;
    if (occupied) {
        QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
        m_httpPort = occupant.serverPort();
    }
    const QString listen = u"%1:%2"_s.arg(address).arg(m_httpPort);
    ManagerProcess manager;
    startManager(manager, {u"--http-listen"_s, listen});
    QVERIFY(manager.waitForExit(kTimeoutMs));
    QCOMPARE(manager.exitCode(), 2);
    const QString output = manager.output();
    // One line names the option, the value and the reason.
    const QRegularExpression line(
        QRegularExpression::escape(u"gcn-manager: --http-listen (GCN_HTTP_LISTEN) = '%1': cannot listen on %1: "_s.arg(listen))
            + u".*"_s + QRegularExpression::escape(expected),
        QRegularExpression::CaseInsensitiveOption);
    QVERIFY2(line.match(output).hasMatch(), qPrintable(output));
    // The endpoint is checked before the broker connection starts.
    QVERIFY2(!output.contains(u"Connected to"_s), qPrintable(output));
}

void TestServiceOperations::systemdReadyStatusAndStopping()
{
    NotifySocket notify;
    QVERIFY2(notify.open(), qPrintable(notify.errorString()));
    const int port = m_broker->port();
    m_broker->stop();

    ManagerProcess manager;
    manager.environment().insert(u"NOTIFY_SOCKET"_s, notify.path());
    startManager(manager, {u"--mqtt-reconnect"_s, u"--mqtt-reconnect-max-delay"_s, u"1"_s});
    QVERIFY2(manager.waitForOutput(QRegularExpression(u"retrying.*attempt 3"_s)), qPrintable(manager.output()));

    // Not ready while the broker is away, and the status gives the state.
    QTRY_VERIFY_WITH_TIMEOUT(notify.count("STATUS=MQTT waiting to reconnect") > 0, kTimeoutMs);
    QVERIFY2(notify.count("STATUS=MQTT connecting") > 0, qPrintable(notify.describe()));
    QCOMPARE(notify.count("READY=1"), 0);

    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    QCOMPARE(m_broker->port(), port);
    QTRY_COMPARE_WITH_TIMEOUT(notify.count("READY=1"), 1, 30'000);
    // The log line comes through a pipe that may lag behind the notification socket.
    QVERIFY2(manager.waitForOutput(u"subscribed to"_s), qPrintable(manager.output()));
    const qsizetype ready = notify.indexOf("READY=1");
    const QString subscribedStatus = u"STATUS=connected to localhost and subscribed as "_s + manager.managerId();
    QTRY_VERIFY_WITH_TIMEOUT(notify.indexOf(subscribedStatus.toUtf8(), ready) > ready, kTimeoutMs);
    // Before READY=1, no status claimed the subscriptions.
    const qsizetype firstSubscribed = notify.indexOf(subscribedStatus.toUtf8());
    QVERIFY2(firstSubscribed > ready, qPrintable(notify.describe()));

    // A reconnection changes the status, and readiness is sent once per run.
    const qsizetype beforeOutage = notify.messages().size();
    m_broker->stop();
    QTRY_VERIFY_WITH_TIMEOUT(notify.indexOf("STATUS=MQTT waiting to reconnect", beforeOutage) >= 0, kTimeoutMs);
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(notify.indexOf(subscribedStatus.toUtf8(), beforeOutage) >= 0, 30'000);
    QCOMPARE(notify.count("READY=1"), 1);
    QCOMPARE(notify.count("WATCHDOG=1"), 0);

    manager.sendSignal(SIGTERM);
    QVERIFY(manager.waitForExit());
    QCOMPARE(manager.exitCode(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(notify.count("STOPPING=1"), 1, kTimeoutMs);
    QVERIFY2(notify.indexOf("STOPPING=1") > notify.indexOf(subscribedStatus.toUtf8()), qPrintable(notify.describe()));
}

void TestServiceOperations::systemdStoppingSentAtStopStart()
{
    NotifySocket notify;
    QVERIFY2(notify.open(), qPrintable(notify.errorString()));
    ManagerProcess manager;
    manager.environment().insert(u"NOTIFY_SOCKET"_s, notify.path());
    startManager(manager, {});
    QTRY_COMPARE_WITH_TIMEOUT(notify.count("READY=1"), 1, kTimeoutMs);

    // A frozen broker never acknowledges the offline status, so the graceful stop takes several seconds;
    // systemd must hear at once that the service is stopping.
    m_broker->pause();
    manager.sendSignal(SIGTERM);
    QTRY_COMPARE_WITH_TIMEOUT(notify.count("STOPPING=1"), 1, 3'000);
    QVERIFY(manager.isRunning());
    QVERIFY(manager.waitForExit(kTimeoutMs));
    m_broker->resume();
    QCOMPARE(manager.exitCode(), 0);
    QCOMPARE(notify.count("STOPPING=1"), 1);
}

void TestServiceOperations::systemdWatchdog_data()
{
    QTest::addColumn<QString>("watchdogUsec");
    QTest::addColumn<QString>("watchdogPid");
    QTest::addColumn<bool>("expected");
    QTest::newRow("period without pid") << u"1000000"_s << QString() << true;
    QTest::newRow("period for this pid") << u"1000000"_s << u"$$"_s << true;
    QTest::newRow("period for another pid") << u"1000000"_s << u"1"_s << false;
    QTest::newRow("no period") << QString() << QString() << false;
}

void TestServiceOperations::systemdWatchdog()
{
    QFETCH(QString, watchdogUsec);
    QFETCH(QString, watchdogPid);
    QFETCH(bool, expected);
    NotifySocket notify;
    QVERIFY2(notify.open(), qPrintable(notify.errorString()));
    ManagerProcess manager;
    manager.environment().insert(u"NOTIFY_SOCKET"_s, notify.path());
    manager.environment().insert(u"GCN_MQTT_USER_PASSWORD"_s, m_broker->password());
    manager.environment().remove(u"WATCHDOG_USEC"_s);
    manager.environment().remove(u"WATCHDOG_PID"_s);
    if (!watchdogUsec.isEmpty())
        manager.environment().insert(u"WATCHDOG_USEC"_s, watchdogUsec);
    // The shell sets WATCHDOG_PID, because "$$" is only known in the process that execs the manager.
    const QString prefix = watchdogPid.isEmpty() ? u":"_s : u"export WATCHDOG_PID=%1"_s.arg(watchdogPid);
    QVERIFY(manager.startThroughShell(prefix, managerArguments()));
    QTRY_COMPARE_WITH_TIMEOUT(notify.count("READY=1"), 1, kTimeoutMs);

    // With a 1 s period the manager pings every 0.5 s, so 3 s give about 6 pings.
    const int before = notify.count("WATCHDOG=1");
    QTest::qWait(3'000);
    const int pings = notify.count("WATCHDOG=1") - before;
    if (expected)
        QVERIFY2(pings >= 3, qPrintable(u"%1 pings in 3 s; "_s.arg(pings) + notify.describe()));
    else
        QVERIFY2(pings == 0 && before == 0, qPrintable(notify.describe()));

    manager.sendSignal(SIGTERM);
    QVERIFY(manager.waitForExit());
    QCOMPARE(manager.exitCode(), 0);
    // No ping follows STOPPING=1.
    QTRY_COMPARE_WITH_TIMEOUT(notify.count("STOPPING=1"), 1, kTimeoutMs);
    QCOMPARE(notify.indexOf("WATCHDOG=1", notify.indexOf("STOPPING=1")), qsizetype(-1));
}

void TestServiceOperations::deadMansSwitchPingsOnlyWhenHealthy()
{
    PingServer pingServer;
    QVERIFY(pingServer.listen());
    // Healthchecks-style URLs carry a private token, which must stay out of the logs.
    const QString token = u"token-"_s + QUuid::createUuid().toString(QUuid::Id128);
    const QString query = u"key-"_s + QUuid::createUuid().toString(QUuid::Id128);
    const quint16 pingPort = pingServer.port();
    const QString url = u"http://127.0.0.1:%1/ping/%2?k=%3"_s.arg(pingPort).arg(token, query);
    ManagerProcess manager;
    startManager(manager, {u"--dead-mans-switch-url"_s, url, u"--dead-mans-switch-interval"_s, u"5"_s,
                           u"--mqtt-reconnect"_s, u"--mqtt-reconnect-max-delay"_s, u"1"_s, u"--log-level"_s,
                           u"debug"_s});
    QVERIFY2(manager.waitForOutput(u"subscribed to"_s), qPrintable(manager.output()));

    // Healthy: a request every 5 s, to the configured path.
    QTRY_VERIFY_WITH_TIMEOUT(pingServer.requests().size() >= 2, 15'000);
    QCOMPARE(pingServer.requests().first(), u"GET /ping/%1?k=%2 HTTP/1.1"_s.arg(token, query));

    // Broker down: no request.
    m_broker->stop();
    QVERIFY2(manager.waitForOutput(u"manager_disconnected"_s), qPrintable(manager.output()));
    // A request already in flight when the connection dropped may still arrive.
    QTest::qWait(500);
    const qsizetype duringOutage = pingServer.requests().size();
    QTest::qWait(11'000);
    QCOMPARE(pingServer.requests().size(), duringOutage);

    // Healthy again: requests resume, and a failing one is logged without the URL's path or query.
    pingServer.setStatus(404);
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    QTRY_VERIFY2_WITH_TIMEOUT(pingServer.requests().size() > duringOutage, qPrintable(manager.output()), 30'000);
    QVERIFY2(manager.waitForOutput(QRegularExpression(u"dead man's switch .*failed: HTTP 404"_s)),
             qPrintable(manager.output()));
    pingServer.close();
    QVERIFY2(manager.waitForOutput(QRegularExpression(u"dead man's switch .*failed: Connection refused"_s)),
             qPrintable(manager.output()));

    manager.sendSignal(SIGTERM);
    QVERIFY(manager.waitForExit());
    QCOMPARE(manager.exitCode(), 0);
    const QString output = manager.output();
    QVERIFY2(output.contains(u"http://127.0.0.1:%1"_s.arg(pingPort)), qPrintable(output));
    QVERIFY2(!output.contains(token), qPrintable(output));
    QVERIFY2(!output.contains(query), qPrintable(output));
    QVERIFY2(!output.contains(u"/ping"_s), qPrintable(output));
}

QTEST_GUILESS_MAIN(TestServiceOperations)
#include "tst_service_operations.moc"
