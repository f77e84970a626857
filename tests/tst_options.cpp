#include "config/Options.h"

#include <sys/stat.h>

#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using gcn::parseConfiguration;

class TestOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsMatchFirstManager();
    void environmentIsRead();
    void commandLineWinsOverEnvironment();
    void overriddenInvalidVariableIsIgnored();
    void invalidValueNamesOptionAndAccepted_data();
    void invalidValueNamesOptionAndAccepted();
    void repeatIntervalAccepted_data();
    void repeatIntervalAccepted();
    void repeatIntervalErrorShowsValue();
    void secretValueNeverInError();
    void errorValueIsOneLine();
    void validateForRunRequiresHost();
    void validateForRunRequiresPort();
    void validateForRunAcceptsUnixWithoutPort();
    void validateForRunRejectsMinAboveMax();
    void validateForRunRejectsSlowHousekeeping();
    void flagsFromEnvironment_data();
    void flagsFromEnvironment();
    void recipientListsAreTrimmedAndDeduplicated();
    void recoveryListRecordsWhenGiven();
    void subcommandStaysPositional();
    void everyOptionHasHelpAndUniqueNames();
    void helpShowsUnitDefaultAndVariable();
    void printEnvironmentMasksSecrets();
    void dotEnvDoesNotOverride();
    void dotEnvFifoIsRejected();
};

namespace {

QProcessEnvironment environment(std::initializer_list<std::pair<QString, QString>> variables)
{
    QProcessEnvironment env;
    for (const auto& [name, value] : variables)
        env.insert(name, value);
    return env;
}

} // namespace

void TestOptions::defaultsMatchFirstManager()
{
    const auto parsed = parseConfiguration({}, QProcessEnvironment());
    QVERIFY(parsed.has_value());
    const gcn::Settings& s = parsed->settings;
    QCOMPARE(s.general.logLevel, gcn::LogLevel::Warning);
    QCOMPARE(s.general.idleLoopSleepSec, 1);
    QCOMPARE(s.mqtt.keepAliveSec, 60);
    QCOMPARE(s.mqtt.connectTimeoutSec, 3);
    QCOMPARE(s.mqtt.reconnect, false);
    QCOMPARE(s.mqtt.stillConnectingAlertSec, 300);
    QCOMPARE(s.mqtt.transport, gcn::MqttTransport::Tcp);
    QCOMPARE(s.mqtt.clientIdRandomBytes, 4);
    QCOMPARE(s.mqtt.socketSendBufferSize, 2048);
    QCOMPARE(s.supervision.heartbeatMaxSkewSec, 600);
    QCOMPARE(s.supervision.heartbeatWatchdogSec, 60);
    QCOMPARE(s.supervision.gpioChangeDebounceSec, 0);
    QCOMPARE(s.email.timeoutSec, 3);
    QCOMPARE(s.sms.apiTimeoutSec, 3);
    QVERIFY(s.general.stateDir.endsWith(u"/gcn-manager"_s));
}

void TestOptions::environmentIsRead()
{
    const auto parsed = parseConfiguration({}, environment({{u"GCN_MQTT_SERVER_HOST"_s, u"broker.example"_s},
                                                            {u"GCN_MQTT_SERVER_PORT"_s, u"8883"_s},
                                                            {u"GCN_MQTT_KEEPALIVE_SECOND"_s, u"30"_s},
                                                            {u"GCN_MQTT_TLS_MIN_VERSION"_s, u"TLSv1_3"_s},
                                                            {u"GCN_MQTT_TRANSPORT"_s, u"websockets"_s},
                                                            {u"GCN_MQTT_LOG_LEVEL"_s, u"DEBUG"_s}}));
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->settings.mqtt.host, u"broker.example"_s);
    QCOMPARE(parsed->settings.mqtt.port, 8883);
    QCOMPARE(parsed->settings.mqtt.keepAliveSec, 30);
    QCOMPARE(parsed->settings.mqtt.tlsMinVersion, gcn::TlsVersion::TlsV1_3);
    QCOMPARE(parsed->settings.mqtt.transport, gcn::MqttTransport::WebSocket);
    QCOMPARE(parsed->settings.general.logLevel, gcn::LogLevel::Debug);
    QCOMPARE(parsed->sources.value(u"mqtt-host"_s), gcn::ValueSource::Environment);
}

void TestOptions::commandLineWinsOverEnvironment()
{
    const auto parsed = parseConfiguration({u"--mqtt-port"_s, u"1883"_s, u"--mqtt-host=cli.example"_s},
                                           environment({{u"GCN_MQTT_SERVER_HOST"_s, u"env.example"_s},
                                                        {u"GCN_MQTT_SERVER_PORT"_s, u"8883"_s}}));
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->settings.mqtt.host, u"cli.example"_s);
    QCOMPARE(parsed->settings.mqtt.port, 1883);
    QCOMPARE(parsed->sources.value(u"mqtt-port"_s), gcn::ValueSource::CommandLine);
}

void TestOptions::overriddenInvalidVariableIsIgnored()
{
    const auto parsed = parseConfiguration({u"--mqtt-port"_s, u"8883"_s},
                                           environment({{u"GCN_MQTT_SERVER_PORT"_s, u"abc"_s}}));
    QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error().toString()));
    QCOMPARE(parsed->settings.mqtt.port, 8883);

    // Without the command-line value, the invalid variable is an error that names it.
    const auto failed = parseConfiguration({}, environment({{u"GCN_MQTT_SERVER_PORT"_s, u"abc"_s}}));
    QVERIFY(!failed.has_value());
    QVERIFY(failed.error().toString().contains(u"GCN_MQTT_SERVER_PORT"_s));
}

void TestOptions::invalidValueNamesOptionAndAccepted_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("accepted");

    QTest::newRow("port above range") << QStringList {u"--mqtt-port"_s, u"70000"_s} << u"--mqtt-port"_s
                                      << u"1 to 65535"_s;
    QTest::newRow("port not a number") << QStringList {u"--mqtt-port"_s, u"eighty"_s} << u"--mqtt-port"_s
                                       << u"1 to 65535"_s;
    QTest::newRow("unknown TLS version") << QStringList {u"--mqtt-tls-min-version"_s, u"TLSv9"_s}
                                         << u"--mqtt-tls-min-version"_s << u"TLSv1_2"_s;
    QTest::newRow("negative keep-alive") << QStringList {u"--mqtt-keep-alive"_s, u"-5"_s} << u"--mqtt-keep-alive"_s
                                         << u"whole number"_s;
    QTest::newRow("invalid cipher string") << QStringList {u"--mqtt-tls-ciphers"_s, u"NOT-A-CIPHER"_s}
                                           << u"--mqtt-tls-ciphers"_s << u"cipher list"_s;
    QTest::newRow("unknown transport") << QStringList {u"--mqtt-transport"_s, u"udp"_s} << u"--mqtt-transport"_s
                                       << u"tcp, websocket"_s;
    QTest::newRow("unknown log level") << QStringList {u"--log-level"_s, u"loud"_s} << u"--log-level"_s
                                       << u"debug"_s;
    QTest::newRow("bad boolean") << QStringList {u"--mqtt-reconnect=maybe"_s} << u"--mqtt-reconnect"_s << u"0 or 1"_s;
    QTest::newRow("unknown option") << QStringList {u"--mqtt-hots"_s, u"x"_s} << u"--mqtt-hots"_s
                                    << u"unknown option"_s;
    QTest::newRow("missing value") << QStringList {u"--mqtt-host"_s} << u"--mqtt-host"_s << u"missing value"_s;
    QTest::newRow("empty state dir") << QStringList {u"--state-dir"_s, u" "_s} << u"--state-dir"_s
                                     << u"non-empty path"_s;
    QTest::newRow("random bytes zero") << QStringList {u"--mqtt-client-id-random-bytes"_s, u"0"_s}
                                       << u"--mqtt-client-id-random-bytes"_s << u"1 to 8"_s;
    const QString repeatAccepted = u"0 (off) or a whole number from 60 to"_s;
    QTest::newRow("repeat interval 1 s") << QStringList {u"--notify-repeat-interval"_s, u"1"_s}
                                         << u"--notify-repeat-interval"_s << repeatAccepted;
    QTest::newRow("repeat interval 30 s") << QStringList {u"--notify-repeat-interval"_s, u"30"_s}
                                          << u"--notify-repeat-interval"_s << repeatAccepted;
    QTest::newRow("repeat interval 59 s") << QStringList {u"--notify-repeat-interval=59"_s}
                                          << u"--notify-repeat-interval"_s << repeatAccepted;
    QTest::newRow("repeat interval with unit") << QStringList {u"--notify-repeat-interval"_s, u"1h"_s}
                                               << u"--notify-repeat-interval"_s << repeatAccepted;
    QTest::newRow("repeat interval fraction") << QStringList {u"--notify-repeat-interval"_s, u"90.5"_s}
                                              << u"--notify-repeat-interval"_s << repeatAccepted;
    QTest::newRow("repeat interval negative") << QStringList {u"--notify-repeat-interval"_s, u"-60"_s}
                                              << u"--notify-repeat-interval"_s << repeatAccepted;
    QTest::newRow("repeat interval above 30 days") << QStringList {u"--notify-repeat-interval"_s, u"2592001"_s}
                                                   << u"--notify-repeat-interval"_s << repeatAccepted;
}

void TestOptions::invalidValueNamesOptionAndAccepted()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, option);
    QFETCH(QString, accepted);

    const auto parsed = parseConfiguration(arguments, QProcessEnvironment());
    QVERIFY(!parsed.has_value());
    const QString message = parsed.error().toString();
    QVERIFY2(message.contains(option), qPrintable(message));
    QVERIFY2(message.contains(accepted), qPrintable(message));
    QVERIFY2(!message.contains(u'\n'), qPrintable(message));
}

void TestOptions::repeatIntervalAccepted_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("variable");
    QTest::addColumn<int>("expected");

    QTest::newRow("off by default") << QStringList {} << QString() << 0;
    QTest::newRow("zero is off") << QStringList {u"--notify-repeat-interval"_s, u"0"_s} << QString() << 0;
    QTest::newRow("minimum") << QStringList {u"--notify-repeat-interval"_s, u"60"_s} << QString() << 60;
    QTest::newRow("spaces around") << QStringList {u"--notify-repeat-interval= 7200 "_s} << QString() << 7200;
    QTest::newRow("from environment") << QStringList {} << u"3600"_s << 3600;
    QTest::newRow("command line wins") << QStringList {u"--notify-repeat-interval"_s, u"0"_s} << u"3600"_s << 0;
}

void TestOptions::repeatIntervalAccepted()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, variable);
    QFETCH(int, expected);

    QProcessEnvironment env;
    if (!variable.isNull())
        env.insert(u"GCN_NOTIFY_REPEAT_INTERVAL"_s, variable);
    const auto parsed = parseConfiguration(arguments, env);
    QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error().toString()));
    QCOMPARE(parsed->settings.supervision.repeatIntervalSec, expected);
}

void TestOptions::repeatIntervalErrorShowsValue()
{
    const auto parsed = parseConfiguration({}, environment({{u"GCN_NOTIFY_REPEAT_INTERVAL"_s, u"30"_s}}));
    QVERIFY(!parsed.has_value());
    const QString message = parsed.error().toString();
    QVERIFY2(message.contains(u"GCN_NOTIFY_REPEAT_INTERVAL"_s), qPrintable(message));
    QVERIFY2(message.contains(u"'30'"_s), qPrintable(message));
    QVERIFY2(message.contains(u"from 60 to 2592000"_s), qPrintable(message));
}

void TestOptions::secretValueNeverInError()
{
    // A secret option cannot fail value parsing today, so check the error formatting directly.
    const gcn::ConfigError error {u"--mqtt-user-password"_s, u"hunter2-secret"_s, u"expected something"_s, true};
    QVERIFY(!error.toString().contains(u"hunter2-secret"_s));
    QVERIFY(error.toString().contains(u"--mqtt-user-password"_s));

    const auto parsed = parseConfiguration({u"--mqtt-user-password"_s}, QProcessEnvironment());
    QVERIFY(!parsed.has_value());
    QVERIFY(parsed.error().toString().contains(u"missing value"_s));
}

void TestOptions::errorValueIsOneLine()
{
    const auto parsed = parseConfiguration({u"--mqtt-port"_s, u"88\r\n83\x1b[31m"_s}, QProcessEnvironment());
    QVERIFY(!parsed.has_value());
    const QString message = parsed.error().toString();
    QVERIFY2(!message.contains(u'\n'), qPrintable(message));
    QVERIFY2(!message.contains(u'\r'), qPrintable(message));
    QVERIFY2(!message.contains(QChar(0x1b)), qPrintable(message));
    QVERIFY2(message.contains(u"--mqtt-port"_s), qPrintable(message));
}

void TestOptions::validateForRunRequiresHost()
{
    gcn::Settings settings;
    settings.mqtt.port = 8883;
    const std::optional<gcn::ConfigError> error = gcn::validateForRun(settings);
    QVERIFY(error.has_value());
    QVERIFY(error->toString().contains(u"--mqtt-host"_s));
    QVERIFY(error->toString().contains(u"GCN_MQTT_SERVER_HOST"_s));
}

void TestOptions::validateForRunRequiresPort()
{
    gcn::Settings settings;
    settings.mqtt.host = u"broker.example"_s;
    const std::optional<gcn::ConfigError> error = gcn::validateForRun(settings);
    QVERIFY(error.has_value());
    QVERIFY(error->toString().contains(u"--mqtt-port"_s));
}

void TestOptions::validateForRunAcceptsUnixWithoutPort()
{
    gcn::Settings settings;
    settings.mqtt.host = u"/run/mosquitto/mqtt.sock"_s;
    settings.mqtt.transport = gcn::MqttTransport::Unix;
    QVERIFY(!gcn::validateForRun(settings).has_value());
}

void TestOptions::validateForRunRejectsMinAboveMax()
{
    gcn::Settings settings;
    settings.mqtt.host = u"broker.example"_s;
    settings.mqtt.port = 8883;
    settings.mqtt.tlsMinVersion = gcn::TlsVersion::TlsV1_3;
    settings.mqtt.tlsMaxVersion = gcn::TlsVersion::TlsV1_2;
    const std::optional<gcn::ConfigError> error = gcn::validateForRun(settings);
    QVERIFY(error.has_value());
    QVERIFY(error->toString().contains(u"--mqtt-tls-max-version"_s));
}

void TestOptions::validateForRunRejectsSlowHousekeeping()
{
    gcn::Settings settings;
    settings.mqtt.host = u"broker.example"_s;
    settings.mqtt.port = 8883;
    settings.mqtt.keepAliveSec = 20;
    settings.general.idleLoopSleepSec = 10;
    QVERIFY(!gcn::validateForRun(settings).has_value());
    settings.general.idleLoopSleepSec = 11;
    const std::optional<gcn::ConfigError> error = gcn::validateForRun(settings);
    QVERIFY(error.has_value());
    QVERIFY2(error->toString().contains(u"--idle-loop-sleep"_s), qPrintable(error->toString()));
    QVERIFY2(error->toString().contains(u"--mqtt-keep-alive"_s), qPrintable(error->toString()));
}

void TestOptions::flagsFromEnvironment_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("expected");
    QTest::newRow("one") << u"1"_s << true;
    QTest::newRow("zero") << u"0"_s << false;
    QTest::newRow("true in capitals") << u"TRUE"_s << true;
    QTest::newRow("empty") << QString() << false;
}

void TestOptions::flagsFromEnvironment()
{
    QFETCH(QString, value);
    QFETCH(bool, expected);
    const auto parsed = parseConfiguration({}, environment({{u"GCN_MQTT_RECONNECT"_s, value}}));
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->settings.mqtt.reconnect, expected);
}

void TestOptions::recipientListsAreTrimmedAndDeduplicated()
{
    const auto parsed = parseConfiguration(
        {}, environment({{u"GCN_CLIENT_HEARTBEAT_SKEWED_RECIPIENTS"_s, u" a@example.org, +33600000000 ,a@example.org,,"_s}}));
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->settings.notify.clientSkewedHeartbeat,
             (QStringList {u"a@example.org"_s, u"+33600000000"_s}));
}

void TestOptions::recoveryListRecordsWhenGiven()
{
    auto parsed = parseConfiguration({}, QProcessEnvironment());
    QVERIFY(parsed.has_value());
    QVERIFY(!parsed->settings.notify.clientHeartbeatResumedSet);
    parsed = parseConfiguration({u"--notify-client-heartbeat-resumed-recipients="_s}, QProcessEnvironment());
    QVERIFY(parsed.has_value());
    QVERIFY(parsed->settings.notify.clientHeartbeatResumedSet);
    QVERIFY(parsed->settings.notify.clientHeartbeatResumed.isEmpty());
}

void TestOptions::subcommandStaysPositional()
{
    const auto parsed = parseConfiguration({u"--state-dir"_s, u"/tmp/x"_s, u"history"_s, u"--json"_s},
                                           QProcessEnvironment());
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->positional, (QStringList {u"history"_s, u"--json"_s}));
    QCOMPARE(parsed->settings.general.stateDir, u"/tmp/x"_s);
}

void TestOptions::everyOptionHasHelpAndUniqueNames()
{
    QSet<QString> names;
    QSet<QString> variables;
    for (const gcn::OptionSpec& spec : gcn::optionTable()) {
        QVERIFY2(!spec.help.isEmpty(), qPrintable(spec.name));
        QVERIFY2(!names.contains(spec.name), qPrintable(spec.name));
        names.insert(spec.name);
        if (!spec.envVar.isEmpty()) {
            QVERIFY2(!variables.contains(spec.envVar), qPrintable(spec.envVar));
            variables.insert(spec.envVar);
        }
        QVERIFY(spec.apply);
        QVERIFY(spec.show);
    }
    // The one irregular name of the first manager.
    QVERIFY(variables.contains(u"GCN_CLIENT_HEARTBEAT_SKEWED_RECIPIENTS"_s));
}

void TestOptions::helpShowsUnitDefaultAndVariable()
{
    const QString help = gcn::helpText(u"gcn-manager"_s);
    const qsizetype at = help.indexOf(u"--mqtt-keep-alive SEC"_s);
    QVERIFY(at >= 0);
    const QString entry = help.mid(at, help.indexOf(u"\n  --"_s, at) - at);
    QVERIFY2(entry.contains(u"unit: seconds"_s), qPrintable(entry));
    QVERIFY2(entry.contains(u"default: 60"_s), qPrintable(entry));
    QVERIFY2(entry.contains(u"env: GCN_MQTT_KEEPALIVE_SECOND"_s), qPrintable(entry));
    const qsizetype repeatAt = help.indexOf(u"--notify-repeat-interval SEC"_s);
    QVERIFY(repeatAt >= 0);
    const QString repeatEntry = help.mid(repeatAt, help.indexOf(u"\n  --"_s, repeatAt) - repeatAt);
    QVERIFY2(repeatEntry.contains(u"default: 0;"_s), qPrintable(repeatEntry));
    QVERIFY2(repeatEntry.contains(u"env: GCN_NOTIFY_REPEAT_INTERVAL"_s), qPrintable(repeatEntry));
    for (const gcn::OptionSpec& spec : gcn::optionTable())
        QVERIFY2(help.contains(u"--"_s + spec.name), qPrintable(spec.name));
}

void TestOptions::printEnvironmentMasksSecrets()
{
    const QStringList lines = gcn::printableEnvironment(environment({{u"GCN_MQTT_USER_PASSWORD"_s, u"pw-123"_s},
                                                                     {u"OVH_APPLICATION_SECRET"_s, u"s3cr3t"_s},
                                                                     {u"GCN_MQTT_SERVER_HOST"_s, u"broker"_s},
                                                                     {u"OTHER_API_TOKEN"_s, u"tok"_s},
                                                                     {u"GCN_MQTT_USER_PASSWORD_FILE"_s, u"/run/pw"_s},
                                                                     {u"https_proxy"_s, u"http://me:pr0xypw@proxy:3128"_s},
                                                                     {u"GITHUB_PAT"_s, u"ghp_pat"_s},
                                                                     {u"SENTRY_DSN"_s, u"https://k@sentry/1"_s},
                                                                     {u"SESSION_COOKIE"_s, u"c00kie"_s},
                                                                     {u"SERVICE_APIKEY"_s, u"apik3y"_s},
                                                                     {u"GCN_NOTIFY_REPEAT_INTERVAL"_s, u"3600"_s}}));
    const QString joined = lines.join(u'\n');
    QVERIFY(!joined.contains(u"pw-123"_s));
    QVERIFY(!joined.contains(u"s3cr3t"_s));
    QVERIFY(!joined.contains(u"=tok"_s));
    for (const QString& secret : {u"pr0xypw"_s, u"ghp_pat"_s, u"k@sentry"_s, u"c00kie"_s, u"apik3y"_s})
        QVERIFY2(!joined.contains(secret), qPrintable(secret));
    QVERIFY2(joined.contains(u"https_proxy=http://me:********@proxy:3128"_s), qPrintable(joined));
    QVERIFY(joined.contains(u"GCN_MQTT_SERVER_HOST=broker"_s));
    QVERIFY(joined.contains(u"GCN_NOTIFY_REPEAT_INTERVAL=3600"_s));
    QVERIFY(joined.contains(u"GCN_MQTT_USER_PASSWORD_FILE=/run/pw"_s));
    QStringList sorted = lines;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(lines, sorted);
}

void TestOptions::dotEnvDoesNotOverride()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(u".env"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# comment\n"
               "GCN_TEST_DOTENV_NEW=from-file\n"
               "export GCN_TEST_DOTENV_QUOTED=\"with spaces\"\n"
               "GCN_TEST_DOTENV_SET=from-file\n"
               "not a variable line\n");
    file.close();
    qputenv("GCN_TEST_DOTENV_SET", "from-environment");
    const QStringList set = gcn::loadDotEnvFile(file.fileName());
    QCOMPARE(qEnvironmentVariable("GCN_TEST_DOTENV_NEW"), u"from-file"_s);
    QCOMPARE(qEnvironmentVariable("GCN_TEST_DOTENV_QUOTED"), u"with spaces"_s);
    QCOMPARE(qEnvironmentVariable("GCN_TEST_DOTENV_SET"), u"from-environment"_s);
    QVERIFY(!set.contains(u"GCN_TEST_DOTENV_SET"_s));
}

void TestOptions::dotEnvFifoIsRejected()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u".env"_s);
    QVERIFY(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
    QString error;
    const QStringList set = gcn::loadDotEnvFile(path, &error);
    QVERIFY(set.isEmpty());
    QVERIFY2(error.contains(u"not a regular file"_s), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestOptions)
#include "tst_options.moc"
