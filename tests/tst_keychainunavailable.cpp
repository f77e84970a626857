#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include "KeyringFixture.h"
#include "LogCapture.h"
#include "config/CredentialsCommand.h"
#include "config/Options.h"
#include "config/QtKeychainSecretStore.h"
#include "config/SecretResolver.h"

using namespace Qt::StringLiterals;

namespace {

// Generous limit for "did not hang": a keychain call that waits for a reply that never comes would
// exceed it, while the expected failures take milliseconds.
constexpr qint64 noHangLimitMs = 10000;

// Sets or unsets one variable of this process for its lifetime.
class ScopedVariable
{
public:
    ScopedVariable(const char* name, const std::optional<QByteArray>& value)
        : m_name(name)
        , m_previous(qEnvironmentVariableIsSet(name) ? std::optional(qgetenv(name)) : std::nullopt)
    {
        if (value)
            qputenv(name, *value);
        else
            qunsetenv(name);
    }
    ~ScopedVariable()
    {
        if (m_previous)
            qputenv(m_name.constData(), *m_previous);
        else
            qunsetenv(m_name.constData());
    }
    ScopedVariable(const ScopedVariable&) = delete;
    ScopedVariable& operator=(const ScopedVariable&) = delete;

private:
    QByteArray m_name;
    std::optional<QByteArray> m_previous;
};

} // namespace

// The keychain absent: first without any session bus, then with a bus on which no Secret Service runs.
// The test functions run in order: GLib keeps the first session bus a process connects to.
class TestKeychainUnavailable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noSessionBusFailsAtOnce();
    void noSessionBusStartupGoesOn();
    void noSessionBusCredentialsCommand();
    void noSecretServiceFailsAtOnce();
    void secretServiceStartedLater();
    void cleanupTestCase();

private:
    gcn::test::KeyringFixture m_keyring;
};

void TestKeychainUnavailable::noSessionBusFailsAtOnce()
{
    QTemporaryDir runtime;
    QVERIFY(runtime.isValid());
    const ScopedVariable bus("DBUS_SESSION_BUS_ADDRESS", std::nullopt);
    const ScopedVariable runtimeDir("XDG_RUNTIME_DIR", runtime.path().toUtf8());

    gcn::QtKeychainSecretStore store;
    QElapsedTimer elapsed;
    elapsed.start();
    const auto read = store.read(u"mqtt-user-password"_s);
    QVERIFY(!read);
    QCOMPARE(read.error().code, gcn::SecretStoreError::Code::Unavailable);
    QVERIFY2(read.error().message.contains(u"no D-Bus session bus"_s), qPrintable(read.error().message));
    QVERIFY2(read.error().message.contains(u"DBUS_SESSION_BUS_ADDRESS"_s), qPrintable(read.error().message));

    const auto written = store.write(u"mqtt-user-password"_s, u"value"_s);
    QVERIFY(!written);
    QCOMPARE(written.error().code, gcn::SecretStoreError::Code::Unavailable);
    const auto listed = store.list();
    QVERIFY(!listed);
    QCOMPARE(listed.error().code, gcn::SecretStoreError::Code::Unavailable);
    QVERIFY2(elapsed.elapsed() < noHangLimitMs, qPrintable(QString::number(elapsed.elapsed())));
}

void TestKeychainUnavailable::noSessionBusStartupGoesOn()
{
    QTemporaryDir runtime;
    QVERIFY(runtime.isValid());
    const ScopedVariable bus("DBUS_SESSION_BUS_ADDRESS", std::nullopt);
    const ScopedVariable runtimeDir("XDG_RUNTIME_DIR", runtime.path().toUtf8());

    QProcessEnvironment environment;
    environment.insert(u"OVH_APPLICATION_KEY"_s, u"key-from-environment"_s);
    environment.insert(u"OVH_APPLICATION_SECRET"_s, u"secret-from-environment"_s);
    auto parsed = gcn::parseConfiguration({u"--enable-sms-notifications"_s, u"--mqtt-user-name"_s, u"board"_s},
                                          environment);
    QVERIFY(parsed);
    gcn::QtKeychainSecretStore store;
    const gcn::test::LogCapture log;
    QElapsedTimer elapsed;
    elapsed.start();
    const auto resolution = gcn::resolveSecrets(*parsed, environment, &store);
    QVERIFY2(elapsed.elapsed() < noHangLimitMs, qPrintable(QString::number(elapsed.elapsed())));
    QVERIFY(resolution);

    QCOMPARE(parsed->settings.sms.appKey, u"key-from-environment"_s);
    QCOMPARE(parsed->settings.sms.appSecret, u"secret-from-environment"_s);
    const auto warnings = log.messages(u"gcn.keychain"_s, QtWarningMsg);
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.first().text.contains(u"is not reachable"_s), qPrintable(log.text()));
    QVERIFY2(warnings.first().text.contains(u"no D-Bus session bus"_s), qPrintable(log.text()));

    const std::optional<gcn::ConfigError> missing = gcn::requireSecretsForRun(parsed->settings, &*resolution);
    QVERIFY(missing);
    const QString message = missing->toString();
    QVERIFY2(message.contains(u"--sms-ovh-consumer-key (OVH_CONSUMER_KEY)"_s), qPrintable(message));
    QVERIFY2(message.contains(u"keychain (service gcn-manager, key sms-ovh-consumer-key)"_s), qPrintable(message));
    QVERIFY2(message.contains(u"no D-Bus session bus"_s), qPrintable(message));
}

void TestKeychainUnavailable::noSessionBusCredentialsCommand()
{
    QTemporaryDir runtime;
    QVERIFY(runtime.isValid());
    const ScopedVariable bus("DBUS_SESSION_BUS_ADDRESS", std::nullopt);
    const ScopedVariable runtimeDir("XDG_RUNTIME_DIR", runtime.path().toUtf8());

    QString out;
    QString err;
    QTextStream outStream(&out);
    QTextStream errStream(&err);
    QElapsedTimer elapsed;
    elapsed.start();
    const int status = gcn::runCredentialsCommand({u"list"_s}, outStream, errStream);
    QVERIFY2(elapsed.elapsed() < noHangLimitMs, qPrintable(QString::number(elapsed.elapsed())));
    QCOMPARE(status, 1);
    QVERIFY(out.isEmpty());
    QVERIFY2(err.contains(u"no D-Bus session bus"_s), qPrintable(err));
}

void TestKeychainUnavailable::noSecretServiceFailsAtOnce()
{
    const auto started = m_keyring.startBusOnly();
    QVERIFY2(started, started ? "" : qPrintable(started.error()));

    gcn::QtKeychainSecretStore store;
    QElapsedTimer elapsed;
    elapsed.start();
    const auto read = store.read(u"email-password"_s);
    QVERIFY2(elapsed.elapsed() < noHangLimitMs, qPrintable(QString::number(elapsed.elapsed())));
    QVERIFY(!read);
    QCOMPARE(read.error().code, gcn::SecretStoreError::Code::Unavailable);
    QVERIFY2(read.error().message.contains(u"org.freedesktop.secrets"_s), qPrintable(read.error().message));

    const QProcessEnvironment environment;
    auto parsed = gcn::parseConfiguration({u"--enable-email-notifications"_s, u"--email-username"_s, u"mailer"_s},
                                          environment);
    QVERIFY(parsed);
    const gcn::test::LogCapture log;
    const auto resolution = gcn::resolveSecrets(*parsed, environment, &store);
    QVERIFY(resolution);
    const auto warnings = log.messages(u"gcn.keychain"_s, QtWarningMsg);
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.first().text.contains(u"is not reachable"_s), qPrintable(log.text()));
    const std::optional<gcn::ConfigError> missing = gcn::requireSecretsForRun(parsed->settings, &*resolution);
    QVERIFY(missing);
    QVERIFY2(missing->toString().contains(u"--email-password (GCN_EMAIL_SMTP_PASSWORD)"_s),
             qPrintable(missing->toString()));
}

void TestKeychainUnavailable::secretServiceStartedLater()
{
    const auto started = m_keyring.startKeyring();
    QVERIFY2(started, started ? "" : qPrintable(started.error()));

    gcn::QtKeychainSecretStore store;
    QVERIFY(store.write(u"email-password"_s, u"stored-after-start"_s));
    const auto read = store.read(u"email-password"_s);
    QVERIFY2(read, read ? "" : qPrintable(read.error().message));
    QCOMPARE(read->value_or(QString()), u"stored-after-start"_s);
}

void TestKeychainUnavailable::cleanupTestCase()
{
    m_keyring.stop();
}

QTEST_GUILESS_MAIN(TestKeychainUnavailable)
#include "tst_keychainunavailable.moc"
