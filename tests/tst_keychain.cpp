#include <unistd.h>

#include <QElapsedTimer>
#include <QFile>
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
using gcn::ValueSource;

Q_DECLARE_METATYPE(gcn::ValueSource)

namespace {

// secret-tool arguments that select the entry QtKeychain stores for a secret option.
QStringList entryAttributes(const QString& name)
{
    return {u"server"_s, QString(gcn::keychainServiceName), u"user"_s, name};
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

struct CommandResult
{
    int status = -1;
    QString out;
    QString err;
};

CommandResult runCommand(const QStringList& args, gcn::SecretStore& store, const QByteArray& input = {})
{
    int fds[2];
    if (::pipe(fds) != 0)
        qFatal("pipe() failed");
    if (::write(fds[1], input.constData(), std::size_t(input.size())) != input.size())
        qFatal("cannot fill the pipe");
    ::close(fds[1]);
    CommandResult result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    result.status = gcn::runCredentialsCommand(args, store, fds[0], out, err);
    ::close(fds[0]);
    return result;
}

} // namespace

// Runs against gnome-keyring-daemon on a private session bus. The test functions run in order and
// the last one leaves the keyring hung until cleanup.
class TestKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void storeWriteReadListDelete();
    void storeReadsSecretToolEntry();
    void storeReplacesValue();
    void resolutionOrderWithKeychain_data();
    void resolutionOrderWithKeychain();
    void requiredSecretFromKeychainOnly();
    void credentialsCommandRoundTrip();
    void valuesNeverLogged();
    void hungKeychainBoundedWait();

private:
    gcn::test::KeyringFixture m_keyring;
};

void TestKeychain::initTestCase()
{
    const auto started = m_keyring.start();
    QVERIFY2(started, started ? "" : qPrintable(started.error()));
}

void TestKeychain::cleanupTestCase()
{
    m_keyring.stop();
}

void TestKeychain::storeWriteReadListDelete()
{
    gcn::QtKeychainSecretStore store;
    QVERIFY(store.write(u"mqtt-user-password"_s, u"broker pässword"_s));

    const auto looked = m_keyring.runSecretTool(QStringList {u"lookup"_s} + entryAttributes(u"mqtt-user-password"_s));
    QCOMPARE(looked.exitCode, 0);
    QCOMPARE(QString::fromUtf8(looked.standardOutput), u"broker pässword"_s);

    const auto read = store.read(u"mqtt-user-password"_s);
    QVERIFY2(read, read ? "" : qPrintable(read.error().message));
    QCOMPARE(read->value_or(QString()), u"broker pässword"_s);

    const auto listed = store.list();
    QVERIFY(listed);
    QCOMPARE(*listed, QStringList {u"mqtt-user-password"_s});

    QVERIFY(store.remove(u"mqtt-user-password"_s));
    const auto gone = store.read(u"mqtt-user-password"_s);
    QVERIFY(gone);
    QVERIFY(!gone->has_value());
    QCOMPARE(m_keyring.runSecretTool(QStringList {u"lookup"_s} + entryAttributes(u"mqtt-user-password"_s)).exitCode, 1);
    const auto empty = store.list();
    QVERIFY(empty);
    QVERIFY(empty->isEmpty());

    // Removing again is not an error: the entry is simply absent.
    QVERIFY(store.remove(u"mqtt-user-password"_s));
}

void TestKeychain::storeReadsSecretToolEntry()
{
    const QStringList attributes = entryAttributes(u"sms-ovh-app-key"_s) + QStringList {u"type"_s, u"plaintext"_s};
    const auto stored = m_keyring.runSecretTool(QStringList {u"store"_s, u"--label=OVH key"_s} + attributes,
                                                "key-from-secret-tool");
    QCOMPARE(stored.exitCode, 0);

    gcn::QtKeychainSecretStore store;
    const auto read = store.read(u"sms-ovh-app-key"_s);
    QVERIFY2(read, read ? "" : qPrintable(read.error().message));
    QCOMPARE(read->value_or(QString()), u"key-from-secret-tool"_s);
    QVERIFY(store.remove(u"sms-ovh-app-key"_s));
}

void TestKeychain::storeReplacesValue()
{
    gcn::QtKeychainSecretStore store;
    QVERIFY(store.write(u"email-password"_s, u"first"_s));
    QVERIFY(store.write(u"email-password"_s, u"second"_s));
    const auto read = store.read(u"email-password"_s);
    QVERIFY(read);
    QCOMPARE(read->value_or(QString()), u"second"_s);
    const auto searched = m_keyring.runSecretTool(QStringList {u"search"_s, u"--all"_s}
                                                  + entryAttributes(u"email-password"_s));
    QCOMPARE(searched.exitCode, 0);
    QCOMPARE(searched.standardOutput.count("secret = "), 1);
    QVERIFY(store.remove(u"email-password"_s));
}

void TestKeychain::resolutionOrderWithKeychain_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("sources");
    QTest::addColumn<QString>("expectedValue");
    QTest::addColumn<ValueSource>("expectedSource");

    const QStringList base {u"--mqtt-user-name"_s, u"board"_s};
    QTest::newRow("keychain alone") << base << QStringList {} << u"from-keychain"_s << ValueSource::Keychain;
    QTest::newRow("credentials directory beats keychain")
        << base << QStringList {u"credential"_s} << u"from-credential"_s << ValueSource::File;
    QTest::newRow("_FILE beats keychain") << base << QStringList {u"file"_s, u"credential"_s} << u"from-file"_s
                                          << ValueSource::File;
    QTest::newRow("environment beats keychain")
        << base << QStringList {u"environment"_s, u"file"_s} << u"from-environment"_s << ValueSource::Environment;
    QTest::newRow("command line beats keychain")
        << base + QStringList {u"--mqtt-user-password"_s, u"from-command-line"_s} << QStringList {u"environment"_s}
        << u"from-command-line"_s << ValueSource::CommandLine;
}

void TestKeychain::resolutionOrderWithKeychain()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, sources);
    QFETCH(QString, expectedValue);
    QFETCH(ValueSource, expectedSource);

    gcn::QtKeychainSecretStore store;
    QVERIFY(store.write(u"mqtt-user-password"_s, u"from-keychain"_s));
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QProcessEnvironment environment;
    if (sources.contains(u"environment"_s))
        environment.insert(u"GCN_MQTT_USER_PASSWORD"_s, u"from-environment"_s);
    if (sources.contains(u"file"_s)) {
        QVERIFY(writeFile(folder.filePath(u"password"_s), "from-file\n"));
        environment.insert(u"GCN_MQTT_USER_PASSWORD_FILE"_s, folder.filePath(u"password"_s));
    }
    if (sources.contains(u"credential"_s)) {
        QVERIFY(writeFile(folder.filePath(u"mqtt-user-password"_s), "from-credential\n"));
        environment.insert(u"CREDENTIALS_DIRECTORY"_s, folder.path());
    }

    auto parsed = gcn::parseConfiguration(arguments, environment);
    QVERIFY(parsed);
    const auto resolution = gcn::resolveSecrets(*parsed, environment, &store);
    QVERIFY2(resolution, resolution ? "" : qPrintable(resolution.error().toString()));
    QCOMPARE(parsed->settings.mqtt.userPassword, expectedValue);
    QCOMPARE(parsed->sources.value(u"mqtt-user-password"_s), expectedSource);
    QVERIFY(resolution->keychainProblem.isEmpty());
    QVERIFY(store.remove(u"mqtt-user-password"_s));
}

void TestKeychain::requiredSecretFromKeychainOnly()
{
    gcn::QtKeychainSecretStore store;
    const QStringList names {u"twitter-app-consumer-key"_s, u"twitter-app-consumer-secret"_s,
                             u"twitter-user-access-token"_s, u"twitter-user-access-token-secret"_s};
    for (const QString& name : names)
        QVERIFY(store.write(name, u"value of "_s + name));

    const QProcessEnvironment environment;
    auto parsed = gcn::parseConfiguration({u"--enable-twitter-notifications"_s}, environment);
    QVERIFY(parsed);
    const auto resolution = gcn::resolveSecrets(*parsed, environment, &store);
    QVERIFY(resolution);
    QVERIFY(!gcn::requireSecretsForRun(parsed->settings, &*resolution));
    QCOMPARE(parsed->settings.twitter.accessTokenSecret, u"value of twitter-user-access-token-secret"_s);

    QVERIFY(store.remove(u"twitter-user-access-token-secret"_s));
    auto reparsed = gcn::parseConfiguration({u"--enable-twitter-notifications"_s}, environment);
    QVERIFY(reparsed);
    const auto second = gcn::resolveSecrets(*reparsed, environment, &store);
    QVERIFY(second);
    const std::optional<gcn::ConfigError> missing = gcn::requireSecretsForRun(reparsed->settings, &*second);
    QVERIFY(missing);
    const QString message = missing->toString();
    QVERIFY2(message.contains(u"--twitter-user-access-token-secret (GCN_TWITTER_USER_ACCESS_TOKEN_SECRET)"_s),
             qPrintable(message));
    QVERIFY2(message.contains(u"keychain (service gcn-manager, key twitter-user-access-token-secret)"_s),
             qPrintable(message));

    for (const QString& name : names)
        QVERIFY(store.remove(name));
}

void TestKeychain::credentialsCommandRoundTrip()
{
    gcn::QtKeychainSecretStore store;
    const CommandResult set = runCommand({u"set"_s, u"sms-ovh-consumer-key"_s}, store, "Consumer-Key-7\n");
    QCOMPARE(set.status, 0);
    const auto looked = m_keyring.runSecretTool(QStringList {u"lookup"_s} + entryAttributes(u"sms-ovh-consumer-key"_s));
    QCOMPARE(looked.standardOutput, "Consumer-Key-7"_ba);

    const CommandResult listed = runCommand({u"list"_s}, store);
    QCOMPARE(listed.status, 0);
    QCOMPARE(listed.out, u"sms-ovh-consumer-key\n"_s);

    const CommandResult got = runCommand({u"get"_s, u"sms-ovh-consumer-key"_s}, store);
    QCOMPARE(got.status, 0);
    QCOMPARE(got.out, u"Consumer-Key-7\n"_s);

    const CommandResult deleted = runCommand({u"delete"_s, u"sms-ovh-consumer-key"_s}, store);
    QCOMPARE(deleted.status, 0);
    QCOMPARE(m_keyring.runSecretTool(QStringList {u"lookup"_s} + entryAttributes(u"sms-ovh-consumer-key"_s)).exitCode,
             1);
    const CommandResult again = runCommand({u"get"_s, u"sms-ovh-consumer-key"_s}, store);
    QCOMPARE(again.status, 1);
}

void TestKeychain::valuesNeverLogged()
{
    const gcn::test::LogCapture log;
    gcn::QtKeychainSecretStore store;
    QCOMPARE(runCommand({u"set"_s, u"email-password"_s}, store, "Logged-Nowhere-5").status, 0);
    QCOMPARE(runCommand({u"list"_s}, store).status, 0);

    const QProcessEnvironment environment;
    auto parsed = gcn::parseConfiguration({u"--enable-email-notifications"_s, u"--email-username"_s, u"mailer"_s},
                                          environment);
    QVERIFY(parsed);
    const auto resolution = gcn::resolveSecrets(*parsed, environment, &store);
    QVERIFY(resolution);
    QCOMPARE(parsed->settings.email.password, u"Logged-Nowhere-5"_s);
    QVERIFY(store.remove(u"email-password"_s));

    QVERIFY2(log.text().contains(u"email-password comes from the keychain (service gcn-manager), key email-password"_s),
             qPrintable(log.text()));
    QVERIFY2(!log.text().contains(u"Logged-Nowhere-5"_s), qPrintable(log.text()));
}

void TestKeychain::hungKeychainBoundedWait()
{
    QVERIFY(m_keyring.suspendKeyring());
    gcn::QtKeychainSecretStore store(gcn::secretOptionNames(), 700);

    QElapsedTimer elapsed;
    elapsed.start();
    const auto read = store.read(u"sms-ovh-app-key"_s);
    QVERIFY(!read);
    QCOMPARE(read.error().code, gcn::SecretStoreError::Code::TimedOut);
    QVERIFY2(read.error().message.contains(u"timed out after 700 ms"_s), qPrintable(read.error().message));
    QVERIFY2(elapsed.elapsed() < 10000, qPrintable(QString::number(elapsed.elapsed())));

    // Start-up with three secrets to look up waits for the first one only, then goes on without the keychain.
    QProcessEnvironment environment;
    environment.insert(u"OVH_CONSUMER_KEY"_s, u"from-environment"_s);
    auto parsed = gcn::parseConfiguration({u"--enable-sms-notifications"_s}, environment);
    QVERIFY(parsed);
    const gcn::test::LogCapture log;
    elapsed.restart();
    const auto resolution = gcn::resolveSecrets(*parsed, environment, &store);
    QVERIFY(resolution);
    QVERIFY2(elapsed.elapsed() < 10000, qPrintable(QString::number(elapsed.elapsed())));
    QCOMPARE(parsed->settings.sms.consumerKey, u"from-environment"_s);
    QVERIFY(resolution->keychainProblem.contains(u"timed out"_s));
    QCOMPARE(log.messages(u"gcn.keychain"_s, QtWarningMsg).size(), 1);
    const std::optional<gcn::ConfigError> missing = gcn::requireSecretsForRun(parsed->settings, &*resolution);
    QVERIFY(missing);
    QVERIFY2(missing->toString().contains(u"keychain could not be used"_s), qPrintable(missing->toString()));
}

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
