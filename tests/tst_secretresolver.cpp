#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include "LogCapture.h"
#include "MemorySecretStore.h"
#include "config/Options.h"
#include "config/SecretResolver.h"

using namespace Qt::StringLiterals;
using gcn::ValueSource;

Q_DECLARE_METATYPE(gcn::ValueSource)

namespace {

// E-mail with a user name makes the SMTP password a secret the run uses, so the keychain is asked for it.
const QStringList emailEnabled {u"--enable-email-notifications"_s, u"--email-username"_s, u"mailer"_s};

gcn::ParsedCommandLine parse(const QStringList& arguments, const QProcessEnvironment& environment)
{
    auto parsed = gcn::parseConfiguration(arguments, environment);
    if (!parsed)
        qFatal("the test's arguments do not parse: %s", qPrintable(parsed.error().toString()));
    return *parsed;
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace

class TestSecretResolver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolutionOrder_data();
    void resolutionOrder();
    void fileValueLosesOneNewline_data();
    void fileValueLosesOneNewline();
    void unreadableFileIsError_data();
    void unreadableFileIsError();
    void fileVariableIgnoredWhenValueGiven();
    void keychainAskedOnlyForUsedSecrets();
    void unusableKeychainWarnsOnce();
    void requiredSecretMissingNamesPlaces();
    void requiredSecretMentionsKeychainProblem();
    void mqttPasswordMayBeMissing();
    void requiredSecretsFollowFeatures_data();
    void requiredSecretsFollowFeatures();
    void requireSecretRejectsOtherOptions();
    void sourcesLoggedNeverValues();
};

void TestSecretResolver::resolutionOrder_data()
{
    QTest::addColumn<QString>("commandLine");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QByteArray>("credential");
    QTest::addColumn<QString>("keychain");
    QTest::addColumn<QString>("expectedValue");
    QTest::addColumn<ValueSource>("expectedSource");

    const QString none;
    const QByteArray noFile;
    QTest::newRow("command line beats all") << u"cli"_s << u"env"_s << "file"_ba << "cred"_ba << u"key"_s << u"cli"_s
                                            << ValueSource::CommandLine;
    QTest::newRow("environment beats files") << none << u"env"_s << "file"_ba << "cred"_ba << u"key"_s << u"env"_s
                                             << ValueSource::Environment;
    QTest::newRow("_FILE beats credentials directory")
        << none << none << "file"_ba << "cred"_ba << u"key"_s << u"file"_s << ValueSource::File;
    QTest::newRow("credentials directory beats keychain")
        << none << none << noFile << "cred"_ba << u"key"_s << u"cred"_s << ValueSource::File;
    QTest::newRow("keychain last") << none << none << noFile << noFile << u"key"_s << u"key"_s
                                   << ValueSource::Keychain;
    QTest::newRow("empty variable falls through") << none << u""_s << "file"_ba << noFile << none << u"file"_s
                                                  << ValueSource::File;
    QTest::newRow("empty _FILE falls through") << none << none << ""_ba << noFile << u"key"_s << u"key"_s
                                               << ValueSource::Keychain;
    QTest::newRow("found nowhere") << none << none << noFile << noFile << none << u""_s << ValueSource::Default;
}

void TestSecretResolver::resolutionOrder()
{
    QFETCH(QString, commandLine);
    QFETCH(QString, environment);
    QFETCH(QByteArray, file);
    QFETCH(QByteArray, credential);
    QFETCH(QString, keychain);
    QFETCH(QString, expectedValue);
    QFETCH(ValueSource, expectedSource);

    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QProcessEnvironment env;
    QStringList arguments = emailEnabled;
    if (!commandLine.isNull())
        arguments << u"--email-password"_s << commandLine;
    if (!environment.isNull())
        env.insert(u"GCN_EMAIL_SMTP_PASSWORD"_s, environment);
    if (!file.isNull()) {
        QVERIFY(writeFile(folder.filePath(u"smtp-password"_s), file));
        env.insert(u"GCN_EMAIL_SMTP_PASSWORD_FILE"_s, folder.filePath(u"smtp-password"_s));
    }
    if (!credential.isNull()) {
        QVERIFY(QDir().mkpath(folder.filePath(u"credentials"_s)));
        QVERIFY(writeFile(folder.filePath(u"credentials/email-password"_s), credential));
        env.insert(u"CREDENTIALS_DIRECTORY"_s, folder.filePath(u"credentials"_s));
    }
    gcn::test::MemorySecretStore store;
    if (!keychain.isNull())
        QVERIFY(store.write(u"email-password"_s, keychain));

    gcn::ParsedCommandLine parsed = parse(arguments, env);
    const auto resolution = gcn::resolveSecrets(parsed, env, &store);
    QVERIFY2(resolution, resolution ? "" : qPrintable(resolution.error().toString()));

    QCOMPARE(parsed.settings.email.password, expectedValue);
    QCOMPARE(parsed.sources.value(u"email-password"_s), expectedSource);
    QCOMPARE(resolution->origins.value(u"email-password"_s).source, expectedSource);
}

void TestSecretResolver::fileValueLosesOneNewline_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");

    QTest::newRow("no newline") << "pa ss"_ba << u"pa ss"_s;
    QTest::newRow("one newline") << "pa ss\n"_ba << u"pa ss"_s;
    QTest::newRow("two newlines keep one") << "pa ss\n\n"_ba << u"pa ss\n"_s;
    QTest::newRow("CRLF") << "pa ss\r\n"_ba << u"pa ss"_s;
    QTest::newRow("leading and trailing spaces kept") << "  pa ss  \n"_ba << u"  pa ss  "_s;
    QTest::newRow("UTF-8") << "mot de passe \xc3\xa9t\xc3\xa9\n"_ba << u"mot de passe \u00e9t\u00e9"_s;
}

void TestSecretResolver::fileValueLosesOneNewline()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);

    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath(u"broker-password"_s);
    QVERIFY(writeFile(path, content));
    QProcessEnvironment env;
    env.insert(u"GCN_MQTT_USER_PASSWORD_FILE"_s, path);

    gcn::ParsedCommandLine parsed = parse({u"--mqtt-user-name"_s, u"board"_s}, env);
    const auto resolution = gcn::resolveSecrets(parsed, env, nullptr);
    QVERIFY(resolution);
    QCOMPARE(parsed.settings.mqtt.userPassword, expected);
    QCOMPARE(parsed.sources.value(u"mqtt-user-password"_s), ValueSource::File);
    QCOMPARE(resolution->origins.value(u"mqtt-user-password"_s).detail,
             u"GCN_MQTT_USER_PASSWORD_FILE (%1)"_s.arg(path));
}

void TestSecretResolver::unreadableFileIsError_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("relativePath");
    QTest::addColumn<QString>("expectedReason");

    QTest::newRow("_FILE missing") << u"GCN_EMAIL_SMTP_PASSWORD_FILE"_s << u"absent"_s << u"does not exist"_s;
    QTest::newRow("_FILE is a folder") << u"GCN_EMAIL_SMTP_PASSWORD_FILE"_s << u"folder"_s << u"folder"_s;
    QTest::newRow("_FILE too large") << u"GCN_EMAIL_SMTP_PASSWORD_FILE"_s << u"large"_s << u"larger than"_s;
    QTest::newRow("credential is a folder") << u"CREDENTIALS_DIRECTORY"_s << u"email-password"_s << u"folder"_s;
}

void TestSecretResolver::unreadableFileIsError()
{
    QFETCH(QString, variable);
    QFETCH(QString, relativePath);
    QFETCH(QString, expectedReason);

    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QVERIFY(QDir().mkpath(folder.filePath(u"folder"_s)));
    QVERIFY(QDir().mkpath(folder.filePath(u"email-password"_s)));
    QVERIFY(writeFile(folder.filePath(u"large"_s), QByteArray(70 * 1024, 'x')));

    QProcessEnvironment env;
    const QString path = folder.filePath(relativePath);
    env.insert(variable, variable == "CREDENTIALS_DIRECTORY"_L1 ? folder.path() : path);
    gcn::test::MemorySecretStore store;
    gcn::ParsedCommandLine parsed = parse(emailEnabled, env);

    const auto resolution = gcn::resolveSecrets(parsed, env, &store);
    QVERIFY(!resolution);
    const QString message = resolution.error().toString();
    QVERIFY2(message.contains(variable), qPrintable(message));
    QVERIFY2(message.contains(path), qPrintable(message));
    QVERIFY2(message.contains(expectedReason), qPrintable(message));
    QVERIFY2(message.contains(u"--email-password"_s), qPrintable(message));
    QCOMPARE(store.readCount(), 0);
}

void TestSecretResolver::fileVariableIgnoredWhenValueGiven()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath(u"key"_s);
    QVERIFY(writeFile(path, "from-file"));
    QProcessEnvironment env;
    env.insert(u"OVH_APPLICATION_KEY"_s, u"from-env"_s);
    env.insert(u"OVH_APPLICATION_KEY_FILE"_s, path);

    gcn::ParsedCommandLine parsed = parse({u"--enable-sms-notifications"_s}, env);
    const gcn::test::LogCapture log;
    QVERIFY(gcn::resolveSecrets(parsed, env, nullptr));

    QCOMPARE(parsed.settings.sms.appKey, u"from-env"_s);
    const auto warnings = log.messages(u"gcn.keychain"_s, QtWarningMsg);
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.first().text.contains(u"OVH_APPLICATION_KEY_FILE is ignored"_s), qPrintable(log.text()));
}

void TestSecretResolver::keychainAskedOnlyForUsedSecrets()
{
    gcn::test::MemorySecretStore store;
    for (const QString& name : gcn::secretOptionNames())
        QVERIFY(store.write(name, u"stored-"_s + name));

    // Nothing enabled and no broker user: the keychain is not needed at all.
    QProcessEnvironment env;
    gcn::ParsedCommandLine idle = parse({}, env);
    QVERIFY(gcn::resolveSecrets(idle, env, &store));
    QCOMPARE(store.readCount(), 0);
    QVERIFY(idle.settings.twitter.consumerKey.isEmpty());

    // SMS enabled: only the three OVH secrets are read.
    gcn::ParsedCommandLine sms = parse({u"--enable-sms-notifications"_s}, env);
    QVERIFY(gcn::resolveSecrets(sms, env, &store));
    QCOMPARE(store.readCount(), 3);
    QCOMPARE(sms.settings.sms.consumerKey, u"stored-sms-ovh-consumer-key"_s);
    QVERIFY(sms.settings.twitter.consumerKey.isEmpty());
    QVERIFY(sms.settings.mqtt.userPassword.isEmpty());
}

void TestSecretResolver::unusableKeychainWarnsOnce()
{
    gcn::test::MemorySecretStore store;
    store.setFailure(gcn::SecretStoreError {gcn::SecretStoreError::Code::Unavailable, u"no session bus"_s});
    QProcessEnvironment env;
    env.insert(u"OVH_APPLICATION_SECRET"_s, u"from-env"_s);

    gcn::ParsedCommandLine parsed = parse({u"--enable-sms-notifications"_s, u"--enable-twitter-notifications"_s}, env);
    const gcn::test::LogCapture log;
    const auto resolution = gcn::resolveSecrets(parsed, env, &store);
    QVERIFY(resolution);

    QCOMPARE(store.readCount(), 1);
    QCOMPARE(resolution->keychainProblem, u"no session bus"_s);
    QCOMPARE(parsed.settings.sms.appSecret, u"from-env"_s);
    const auto warnings = log.messages(u"gcn.keychain"_s, QtWarningMsg);
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.first().text.contains(u"not reachable"_s), qPrintable(log.text()));
    QVERIFY2(warnings.first().text.contains(u"no session bus"_s), qPrintable(log.text()));
}

void TestSecretResolver::requiredSecretMissingNamesPlaces()
{
    QProcessEnvironment env;
    gcn::test::MemorySecretStore store;
    gcn::ParsedCommandLine parsed = parse(emailEnabled, env);
    const auto resolution = gcn::resolveSecrets(parsed, env, &store);
    QVERIFY(resolution);

    const std::optional<gcn::ConfigError> error = gcn::requireSecretsForRun(parsed.settings, &*resolution);
    QVERIFY(error);
    const QString message = error->toString();
    for (const QString& part : {u"--email-password"_s, u"GCN_EMAIL_SMTP_PASSWORD"_s, u"GCN_EMAIL_SMTP_PASSWORD_FILE"_s,
                                u"$CREDENTIALS_DIRECTORY/email-password"_s,
                                u"keychain (service gcn-manager, key email-password)"_s,
                                u"gcn-manager credentials set email-password"_s}) {
        QVERIFY2(message.contains(part), qPrintable(u"'%1' not in: %2"_s.arg(part, message)));
    }
    QVERIFY(!message.contains(u"could not be used"_s));
}

void TestSecretResolver::requiredSecretMentionsKeychainProblem()
{
    QProcessEnvironment env;
    gcn::test::MemorySecretStore store;
    store.setFailure(gcn::SecretStoreError {gcn::SecretStoreError::Code::TimedOut, u"keychain read timed out"_s});
    gcn::ParsedCommandLine parsed = parse({u"--enable-twitter-notifications"_s}, env);
    const auto resolution = gcn::resolveSecrets(parsed, env, &store);
    QVERIFY(resolution);

    const std::optional<gcn::ConfigError> error = gcn::requireSecretsForRun(parsed.settings, &*resolution);
    QVERIFY(error);
    QVERIFY2(error->toString().contains(u"--twitter-app-consumer-key (GCN_TWITTER_APP_CONSUMER_KEY)"_s),
             qPrintable(error->toString()));
    QVERIFY2(error->toString().contains(u"keychain could not be used: keychain read timed out"_s),
             qPrintable(error->toString()));
}

void TestSecretResolver::mqttPasswordMayBeMissing()
{
    QProcessEnvironment env;
    gcn::test::MemorySecretStore store;
    gcn::ParsedCommandLine parsed = parse({u"--mqtt-user-name"_s, u"board"_s}, env);
    const gcn::test::LogCapture log;
    const auto resolution = gcn::resolveSecrets(parsed, env, &store);
    QVERIFY(resolution);

    QCOMPARE(store.readCount(), 1);
    QVERIFY(!gcn::requireSecretsForRun(parsed.settings, &*resolution));
    QVERIFY(gcn::requireSecret(parsed.settings, u"mqtt-user-password"_s));
    bool logged = false;
    for (const auto& message : log.messages(u"gcn.keychain"_s, QtInfoMsg)) {
        if (message.type == QtInfoMsg && message.text.startsWith(u"mqtt-user-password is not set; looked in"_s))
            logged = true;
    }
    QVERIFY2(logged, qPrintable(log.text()));
}

void TestSecretResolver::requiredSecretsFollowFeatures_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("nothing enabled") << QStringList {u"--mqtt-user-name"_s, u"board"_s} << QStringList {};
    QTest::newRow("e-mail without user name") << QStringList {u"--enable-email-notifications"_s} << QStringList {};
    QTest::newRow("e-mail with user name") << emailEnabled << QStringList {u"email-password"_s};
    QTest::newRow("SMS") << QStringList {u"--enable-sms-notifications"_s}
                         << QStringList {u"sms-ovh-app-key"_s, u"sms-ovh-app-secret"_s, u"sms-ovh-consumer-key"_s};
    QTest::newRow("X") << QStringList {u"--enable-twitter-notifications"_s}
                       << QStringList {u"twitter-app-consumer-key"_s, u"twitter-app-consumer-secret"_s,
                                       u"twitter-user-access-token"_s, u"twitter-user-access-token-secret"_s};
}

void TestSecretResolver::requiredSecretsFollowFeatures()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, expected);

    const gcn::ParsedCommandLine parsed = parse(arguments, {});
    QCOMPARE(gcn::secretsRequiredBy(parsed.settings), expected);
    const std::optional<gcn::ConfigError> error = gcn::requireSecretsForRun(parsed.settings);
    QCOMPARE(error.has_value(), !expected.isEmpty());
    if (error)
        QVERIFY2(error->option.startsWith(u"--"_s + expected.first()), qPrintable(error->option));
}

void TestSecretResolver::requireSecretRejectsOtherOptions()
{
    const gcn::Settings settings;
    const std::optional<gcn::ConfigError> error = gcn::requireSecret(settings, u"mqtt-host"_s);
    QVERIFY(error);
    QVERIFY2(error->toString().contains(u"not a secret option"_s), qPrintable(error->toString()));
}

void TestSecretResolver::sourcesLoggedNeverValues()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QVERIFY(writeFile(folder.filePath(u"app-secret"_s), "Value-From-File-2\n"));
    QVERIFY(QDir().mkpath(folder.filePath(u"credentials"_s)));
    QVERIFY(writeFile(folder.filePath(u"credentials/sms-ovh-consumer-key"_s), "Value-From-Credential-3"));
    QProcessEnvironment env;
    env.insert(u"OVH_APPLICATION_KEY"_s, u"Value-From-Env-1"_s);
    env.insert(u"OVH_APPLICATION_SECRET_FILE"_s, folder.filePath(u"app-secret"_s));
    env.insert(u"CREDENTIALS_DIRECTORY"_s, folder.filePath(u"credentials"_s));
    gcn::test::MemorySecretStore store;
    QVERIFY(store.write(u"twitter-app-consumer-key"_s, u"Value-From-Keychain-4"_s));
    const QStringList arguments {u"--enable-sms-notifications"_s, u"--enable-twitter-notifications"_s,
                                 u"--mqtt-user-name"_s, u"board"_s, u"--mqtt-user-password"_s,
                                 u"Value-From-Command-Line-0"_s};

    const gcn::test::LogCapture log;
    gcn::ParsedCommandLine parsed = parse(arguments, env);
    const auto resolution = gcn::resolveSecrets(parsed, env, &store);
    QVERIFY(resolution);
    const std::optional<gcn::ConfigError> missing = gcn::requireSecretsForRun(parsed.settings, &*resolution);
    QVERIFY(missing);
    qCWarning(lcConfig).noquote() << missing->toString();

    const QString logged = log.text();
    QVERIFY(!logged.isEmpty());
    for (const QString& value : {u"Value-From-Command-Line-0"_s, u"Value-From-Env-1"_s, u"Value-From-File-2"_s,
                                 u"Value-From-Credential-3"_s, u"Value-From-Keychain-4"_s}) {
        QVERIFY2(!logged.contains(value), qPrintable(u"%1 was logged:\n%2"_s.arg(value, logged)));
    }
    for (const QString& line :
         {u"mqtt-user-password comes from --mqtt-user-password"_s, u"sms-ovh-app-key comes from OVH_APPLICATION_KEY"_s,
          u"sms-ovh-app-secret comes from OVH_APPLICATION_SECRET_FILE ("_s,
          u"sms-ovh-consumer-key comes from CREDENTIALS_DIRECTORY ("_s,
          u"twitter-app-consumer-key comes from the test store, key twitter-app-consumer-key"_s,
          u"twitter-app-consumer-secret is not set; looked in"_s}) {
        QVERIFY2(logged.contains(line), qPrintable(u"'%1' not in:\n%2"_s.arg(line, logged)));
    }
}

QTEST_GUILESS_MAIN(TestSecretResolver)
#include "tst_secretresolver.moc"
