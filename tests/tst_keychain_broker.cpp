// The service connecting to a real broker with a password that only a real Secret Service holds.

#include "BrokerFixture.h"
#include "KeyringFixture.h"
#include "ProcessRunner.h"

#include <csignal>

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using gcn::test::BrokerFixture;
using gcn::test::KeyringFixture;
using gcn::test::ProcessRunner;

class TestKeychainBroker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void connectsWithPasswordFromKeychain();
    void missingKeychainEntryIsNotAuthorised();

private:
    QStringList arguments() const;
    QProcessEnvironment managerEnvironment() const;

    KeyringFixture m_keyring;
    BrokerFixture m_broker;
    QTemporaryDir m_stateDir;
};

void TestKeychainBroker::initTestCase()
{
    const auto started = m_keyring.start();
    QVERIFY2(started.has_value(), started ? "" : qPrintable(started.error()));
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
}

QStringList TestKeychainBroker::arguments() const
{
    return {u"--mqtt-host"_s, m_broker.host(), u"--mqtt-port"_s, QString::number(m_broker.port()),
            u"--mqtt-tls-ca-file"_s, BrokerFixture::caFile(), u"--mqtt-user-name"_s, m_broker.userName(),
            u"--log-level"_s, u"info"_s, u"--state-dir"_s, m_stateDir.path()};
}

QProcessEnvironment TestKeychainBroker::managerEnvironment() const
{
    QProcessEnvironment environment = m_keyring.environment();
    environment.remove(u"GCN_MQTT_USER_PASSWORD"_s);
    environment.remove(u"GCN_MQTT_USER_PASSWORD_FILE"_s);
    environment.remove(u"CREDENTIALS_DIRECTORY"_s);
    return environment;
}

void TestKeychainBroker::connectsWithPasswordFromKeychain()
{
    // Stored through the product's own command, fed on standard input as a script would.
    const gcn::test::ProcessResult stored =
        ProcessRunner::run(QStringLiteral(GCN_MANAGER_BIN), {u"credentials"_s, u"set"_s, u"mqtt-user-password"_s},
                           30'000, m_broker.password().toUtf8() + '\n', managerEnvironment());
    QVERIFY2(stored.succeeded(), qPrintable(stored.describe()));

    ProcessRunner manager;
    QVERIFY(manager.start(QStringLiteral(GCN_MANAGER_BIN), arguments(), managerEnvironment()));
    QVERIFY2(manager.waitForOutput("mqtt-user-password comes from the keychain", 20'000), qPrintable(manager.describe()));
    QVERIFY2(manager.waitForOutput("subscribed to", 20'000), qPrintable(manager.describe()));
    manager.sendSignal(SIGTERM);
    QVERIFY(manager.waitForFinished(20'000));
    QCOMPARE(manager.exitCode(), 0);
    const QByteArray everything = manager.standardOutput() + manager.standardError();
    QVERIFY2(!everything.contains(m_broker.password().toUtf8()), "the broker password was printed");
}

void TestKeychainBroker::missingKeychainEntryIsNotAuthorised()
{
    const gcn::test::ProcessResult deleted =
        ProcessRunner::run(QStringLiteral(GCN_MANAGER_BIN), {u"credentials"_s, u"delete"_s, u"mqtt-user-password"_s},
                           30'000, {}, managerEnvironment());
    QVERIFY2(deleted.exitCode == 0 || deleted.exitCode == 1, qPrintable(deleted.describe()));

    ProcessRunner manager;
    QVERIFY(manager.start(QStringLiteral(GCN_MANAGER_BIN), arguments(), managerEnvironment()));
    QVERIFY(manager.waitForFinished(20'000));
    QCOMPARE(manager.exitCode(), 2);
    const QString everything = QString::fromUtf8(manager.standardOutput() + manager.standardError());
    QVERIFY2(everything.contains(u"mqtt-user-password"_s), qPrintable(everything));
    QVERIFY2(everything.contains(u"not authorised"_s, Qt::CaseInsensitive), qPrintable(everything));
}

QTEST_GUILESS_MAIN(TestKeychainBroker)
#include "tst_keychain_broker.moc"
