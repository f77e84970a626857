// The whole product end to end: a simulated board changes a pin on a real broker, the real gcn-manager
// notices it, and the e-mail lands on a real SMTP server; a server outage across a manager restart
// loses nothing.

#include "BrokerFixture.h"
#include "ProcessRunner.h"
#include "SmtpServerFixture.h"
#include "TestCertificates.h"

#include <csignal>

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using gcn::test::BrokerFixture;
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

QTEST_GUILESS_MAIN(TestEmailEndToEnd)
#include "tst_email_endtoend.moc"
