// The whole product end to end: a simulated board changes a pin on a real broker, the real gcn-manager
// notices it, and the e-mail lands on a real SMTP server; a server outage across a manager restart
// loses nothing; a board that stays offline is reminded of by e-mail until it is back.

#include "BrokerFixture.h"
#include "ParsedMail.h"
#include "ProcessRunner.h"
#include "SmtpServerFixture.h"
#include "TestCertificates.h"

#include <csignal>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "common/Clock.h"
#include "config/Options.h"
#include "operations/ManagerService.h"
#include "supervision/Supervisor.h"

using namespace Qt::StringLiterals;
using gcn::test::BrokerFixture;
using gcn::test::ParsedMail;
using gcn::test::ProcessRunner;
using gcn::test::SmtpServerFixture;

class TestEmailEndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void pinChangeArrivesByEmail();
    void notificationSurvivesServerOutageAndRestart();
    void offlineBoardIsRemindedUntilOnline();

private:
    SmtpServerFixture::Options smtpOptions() const;
    void startManager(ProcessRunner& manager, quint16 smtpPort);
    void stopManager(ProcessRunner& manager);
    void startBoard(ProcessRunner& boards);

    std::unique_ptr<BrokerFixture> m_broker;
    std::unique_ptr<QTemporaryDir> m_stateDir;
    const QString m_smtpPassword = u"smtp-secret-7f3a"_s;
};

void TestEmailEndToEnd::init()
{
    m_broker = std::make_unique<BrokerFixture>();
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_stateDir = std::make_unique<QTemporaryDir>();
}

void TestEmailEndToEnd::cleanup()
{
    m_broker.reset();
    m_stateDir.reset();
}

SmtpServerFixture::Options TestEmailEndToEnd::smtpOptions() const
{
    SmtpServerFixture::Options options;
    options.user = u"alerts"_s;
    options.password = m_smtpPassword;
    return options;
}

void TestEmailEndToEnd::startManager(ProcessRunner& manager, quint16 smtpPort)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"GCN_MQTT_USER_PASSWORD"_s, m_broker->password());
    environment.insert(u"GCN_EMAIL_SMTP_PASSWORD"_s, m_smtpPassword);
    environment.insert(u"GCN_CLIENT_GPIO_LABELS"_s, u"D1=front door,open,closed"_s);
    environment.insert(u"GCN_CLIENT_ALIASES"_s, u"AA:BB:CC:00:00:00=Hall"_s);
    const QStringList arguments {
        u"--mqtt-host"_s, m_broker->host(), u"--mqtt-port"_s, QString::number(m_broker->port()),
        u"--mqtt-tls-ca-file"_s, BrokerFixture::caFile(), u"--mqtt-user-name"_s, m_broker->userName(),
        u"--log-level"_s, u"info"_s, u"--state-dir"_s, m_stateDir->path(),
        u"--enable-email-notifications"_s, u"--email-from"_s, u"GCN <gcn@localhost>"_s,
        u"--email-smtp-host"_s, u"localhost"_s, u"--email-smtp-port"_s, QString::number(smtpPort),
        u"--email-smtp-starttls"_s, u"--email-smtp-ca-file"_s, gcn::test::TestCertificates::instance().caFile(),
        u"--email-username"_s, u"alerts"_s, u"--notify-batch-window"_s, u"0"_s,
        u"--notify-client-gpio-change-up-recipients"_s, u"owner@example.org"_s,
        u"--notify-client-gpio-change-down-recipients"_s, u"owner@example.org"_s};
    QVERIFY(manager.start(QStringLiteral(GCN_MANAGER_BIN), arguments, environment));
    QVERIFY2(manager.waitForOutput("subscribed to", 20'000), qPrintable(manager.output()));
}

void TestEmailEndToEnd::stopManager(ProcessRunner& manager)
{
    manager.sendSignal(SIGTERM);
    QVERIFY(manager.waitForFinished(30'000));
    QCOMPARE(manager.exitCode(), 0);
}

void TestEmailEndToEnd::startBoard(ProcessRunner& boards)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"GCN_SIM_PASSWORD"_s, m_broker->boardPassword());
    QVERIFY(boards.start(QStringLiteral(GCN_BOARD_SIM_BIN),
                         {u"--host"_s, m_broker->host(), u"--port"_s, QString::number(m_broker->port()),
                          u"--ca-file"_s, BrokerFixture::caFile(), u"--user"_s, m_broker->boardUserName(),
                          u"--stdin"_s},
                         environment));
    boards.write("wait-connected\n");
    QVERIFY2(boards.waitForOutput("all connected", 20'000), qPrintable(boards.output()));
}

void TestEmailEndToEnd::pinChangeArrivesByEmail()
{
    SmtpServerFixture smtp;
    QVERIFY2(smtp.start(smtpOptions()), qPrintable(smtp.errorString()));
    ProcessRunner manager;
    startManager(manager, smtp.port());
    ProcessRunner boards;
    startBoard(boards);

    boards.write("set 0 D1 1\n");
    QTRY_COMPARE_WITH_TIMEOUT(smtp.messageCount(), qsizetype(1), 20'000);
    const QString mail = QString::fromUtf8(smtp.messages().constFirst());
    QVERIFY2(mail.contains(u"To: owner@example.org"_s), qPrintable(mail));
    QVERIFY2(mail.contains(u"Hall"_s), qPrintable(mail));
    QVERIFY2(mail.contains(u"front door"_s), qPrintable(mail));
    QVERIFY2(mail.contains(u"open"_s), qPrintable(mail));
    QVERIFY2(mail.contains(u"AA:BB:CC:00:00:00"_s), qPrintable(mail));
    QVERIFY(smtp.envelopes().constFirst().value(u"tls"_s).toBool());
    QVERIFY(smtp.envelopes().constFirst().value(u"authenticated"_s).toBool());

    stopManager(manager);
    QVERIFY2(!manager.output().contains(m_smtpPassword), "the SMTP password was logged");
}

void TestEmailEndToEnd::notificationSurvivesServerOutageAndRestart()
{
    SmtpServerFixture smtp;
    QVERIFY2(smtp.start(smtpOptions()), qPrintable(smtp.errorString()));
    const quint16 port = smtp.port();
    smtp.stop();

    ProcessRunner first;
    startManager(first, port);
    ProcessRunner boards;
    startBoard(boards);
    boards.write("set 0 D1 1\n");
    QVERIFY2(first.waitForMatch(QRegularExpression(u"gcn.service: event client_gpio_up"_s), 15'000),
             qPrintable(first.output()));
    // The first attempt fails on the closed port; the message stays pending in the outbox.
    QTest::qWait(2'000);
    stopManager(first);

    SmtpServerFixture::Options options = smtpOptions();
    options.port = port;
    QVERIFY2(smtp.start(options), qPrintable(smtp.errorString()));
    ProcessRunner second;
    startManager(second, port);
    QTRY_COMPARE_WITH_TIMEOUT(smtp.messageCount(), qsizetype(1), 30'000);
    QVERIFY(QString::fromUtf8(smtp.messages().constFirst()).contains(u"front door"_s));
    // Delivered exactly once, and no new event for the change at the second start.
    QTest::qWait(2'000);
    QCOMPARE(smtp.messageCount(), qsizetype(1));
    QCOMPARE(second.output().count(u"gcn.service: event client_gpio_up"_s), 0);
    stopManager(second);
}

void TestEmailEndToEnd::offlineBoardIsRemindedUntilOnline()
{
    SmtpServerFixture smtp;
    QVERIFY2(smtp.start(smtpOptions()), qPrintable(smtp.errorString()));

    // The service runs in this process, because the option parser accepts no repeat interval under
    // 60 s, while the supervisor takes any interval from the settings.
    QProcessEnvironment environment;
    environment.insert(u"GCN_MQTT_USER_PASSWORD"_s, m_broker->password());
    environment.insert(u"GCN_EMAIL_SMTP_PASSWORD"_s, m_smtpPassword);
    const QStringList arguments {
        u"--mqtt-host"_s, m_broker->host(), u"--mqtt-port"_s, QString::number(m_broker->port()),
        u"--mqtt-tls-ca-file"_s, BrokerFixture::caFile(), u"--mqtt-user-name"_s, m_broker->userName(),
        u"--state-dir"_s, m_stateDir->path(), u"--enable-email-notifications"_s,
        u"--email-from"_s, u"GCN <gcn@localhost>"_s, u"--email-smtp-host"_s, u"localhost"_s,
        u"--email-smtp-port"_s, QString::number(smtp.port()), u"--email-smtp-starttls"_s,
        u"--email-smtp-ca-file"_s, gcn::test::TestCertificates::instance().caFile(), u"--email-username"_s,
        u"alerts"_s, u"--notify-batch-window"_s, u"0"_s,
        u"--notify-client-status-change-offline-recipients"_s, u"owner@example.org"_s,
        u"--notify-client-status-change-online-recipients"_s, u"owner@example.org"_s};
    auto parsed = gcn::parseConfiguration(arguments, environment);
    QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error().toString()));
    gcn::Settings settings = parsed->settings;
    settings.supervision.repeatIntervalSec = 2;
    QVERIFY(!gcn::ManagerService::validate(settings).has_value());

    gcn::ManagerService service(settings, gcn::Clock::system());
    QSignalSpy finished(&service, &gcn::ManagerService::finished);
    service.start();
    QVERIFY(finished.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(service.supervisor() && service.supervisor()->isBrokerConnected(), 20'000);

    const QString statusTopic = u"gcn/AA:BB:CC:00:00:01/out/status"_s;
    QVERIFY2(m_broker->publish(statusTopic, "online"), qPrintable(m_broker->lastToolOutput()));
    QTRY_COMPARE_WITH_TIMEOUT(smtp.messageCount(), qsizetype(1), 20'000);
    QVERIFY2(m_broker->publish(statusTopic, "offline"), qPrintable(m_broker->lastToolOutput()));

    // The offline notification, then a reminder every 2 s.
    QTRY_VERIFY_WITH_TIMEOUT(smtp.messageCount() >= 4, 20'000);
    const QList<QByteArray> received = smtp.messages();
    const ParsedMail offline = ParsedMail::parse(received.at(1));
    QVERIFY2(offline.header("subject").startsWith(u"[GCN] Board offline:"_s), qPrintable(offline.header("subject")));
    for (qsizetype index = 2; index < 4; ++index) {
        const ParsedMail reminder = ParsedMail::parse(received.at(index));
        QVERIFY2(reminder.header("subject").startsWith(u"[GCN] Reminder: Board offline:"_s),
                 qPrintable(reminder.header("subject")));
        QCOMPARE(reminder.header("to"), u"owner@example.org"_s);
        QVERIFY2(reminder.body.contains(u"Board AA:BB:CC:00:00:01 is still offline, since"_s), qPrintable(reminder.body));
        QVERIFY2(reminder.body.contains(u"Lasting for:"_s), qPrintable(reminder.body));
    }

    // Back online: the recovery notification comes and the reminders stop.
    QVERIFY2(m_broker->publish(statusTopic, "online"), qPrintable(m_broker->lastToolOutput()));
    auto onlineAgainReceived = [&smtp] {
        for (const QByteArray& raw : smtp.messages()) {
            if (ParsedMail::parse(raw).header("subject").contains(u"is online again after"_s))
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(onlineAgainReceived(), 20'000);
    const qsizetype afterRecovery = smtp.messageCount();
    QTest::qWait(5000);
    QCOMPARE(smtp.messageCount(), afterRecovery);
    const ParsedMail last = ParsedMail::parse(smtp.messages().constLast());
    QVERIFY2(!last.header("subject").contains(u"Reminder"_s), qPrintable(last.header("subject")));

    // Reminders have a counter of their own, so that gcn_events_total still counts each problem once.
    const gcn::MetricsRegistry::Labels offlineType {{u"type"_s, u"client_status_offline"_s}};
    QCOMPARE(service.metrics().value(u"gcn_events_total"_s, offlineType), 1.0);
    QVERIFY(service.metrics().value(u"gcn_reminders_total"_s, offlineType) >= 2.0);

    service.stop();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30'000);
}

QTEST_GUILESS_MAIN(TestEmailEndToEnd)
#include "tst_email_endtoend.moc"
