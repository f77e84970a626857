// gcn-board-sim: simulates GCN boards for tests, the demo and the benchmark.

#include "BoardFleet.h"

#include <sys/resource.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {

// Each board holds one socket; raise the soft limit so that thousands of boards fit in one process.
void raiseFileLimit()
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"gcn-board-sim"_s);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Simulates GCN ESP8266 boards on an MQTT broker over TLS.\n\n"_s
                                     + gcn::BoardFleet::commandHelp());
    parser.addHelpOption();
    const QCommandLineOption hostOption(u"host"_s, u"Broker host, or socket path with --transport unix."_s,
                                        u"HOST"_s, u"localhost"_s);
    const QCommandLineOption portOption(u"port"_s, u"Broker TLS port."_s, u"PORT"_s, u"8883"_s);
    const QCommandLineOption transportOption(u"transport"_s, u"tcp or unix."_s, u"NAME"_s, u"tcp"_s);
    const QCommandLineOption caOption(u"ca-file"_s, u"Extra trusted CA certificates (PEM)."_s, u"PATH"_s);
    const QCommandLineOption userOption(u"user"_s, u"Broker user name."_s, u"NAME"_s);
    const QCommandLineOption passwordOption(
        u"password-env"_s, u"Name of the environment variable that holds the broker password."_s, u"VAR"_s,
        u"GCN_SIM_PASSWORD"_s);
    const QCommandLineOption boardsOption(u"boards"_s, u"Number of boards."_s, u"N"_s, u"1"_s);
    const QCommandLineOption prefixOption(u"mac-prefix"_s, u"First three bytes of the MAC addresses."_s,
                                          u"AA:BB:CC"_s, u"AA:BB:CC"_s);
    const QCommandLineOption macOption(u"mac"_s, u"Explicit board MAC address (repeatable)."_s, u"MAC"_s);
    const QCommandLineOption pinsOption(u"pins"_s, u"Monitored pins, comma-separated."_s, u"LIST"_s, u"D1"_s);
    const QCommandLineOption heartbeatOption(u"heartbeat-interval-ms"_s, u"Heartbeat period."_s, u"MS"_s,
                                             u"30000"_s);
    const QCommandLineOption metricsOption(u"metrics-interval-ms"_s, u"Metrics period."_s, u"MS"_s, u"600000"_s);
    const QCommandLineOption skewOption(u"skew"_s, u"Clock skew of every board, in seconds."_s, u"SEC"_s, u"0"_s);
    const QCommandLineOption reconnectOption(u"reconnect-delay-ms"_s,
                                             u"Delay before reconnecting after a disconnect command."_s, u"MS"_s,
                                             u"2000"_s);
    const QCommandLineOption scriptOption(u"script"_s, u"Run the commands of this file."_s, u"PATH"_s);
    const QCommandLineOption stdinOption(u"stdin"_s, u"Read commands from standard input."_s);
    const QCommandLineOption demoOption(u"demo-interval-ms"_s, u"Toggle a random board's D1 this often."_s,
                                        u"MS"_s);
    const QCommandLineOption verboseOption(u"verbose"_s, u"Log the MQTT client's progress."_s);
    parser.addOptions({verboseOption, hostOption, portOption, transportOption, caOption, userOption, passwordOption, boardsOption,
                       prefixOption, macOption, pinsOption, heartbeatOption, metricsOption, skewOption,
                       reconnectOption, scriptOption, stdinOption, demoOption});
    parser.process(app);
    if (!parser.isSet(verboseOption))
        QLoggingCategory::setFilterRules(u"gcn.*.debug=false\ngcn.*.info=false"_s);

    gcn::MqttConnectOptions broker;
    broker.transport = parser.value(transportOption) == "unix"_L1 ? gcn::MqttTransport::Unix : gcn::MqttTransport::Tcp;
    broker.host = parser.value(hostOption);
    broker.port = parser.value(portOption).toInt();
    broker.tlsCaFile = parser.value(caOption);
    broker.userName = parser.value(userOption);
    broker.password = qEnvironmentVariable(parser.value(passwordOption).toLocal8Bit().constData());
    broker.keepAliveSec = 60;
    broker.connectTimeoutSec = 10;

    gcn::BoardBehaviour behaviour;
    behaviour.pins = parser.value(pinsOption).split(u',', Qt::SkipEmptyParts);
    behaviour.heartbeatIntervalMs = parser.value(heartbeatOption).toInt();
    behaviour.metricsIntervalMs = parser.value(metricsOption).toInt();
    behaviour.clockSkewSec = parser.value(skewOption).toLongLong();
    behaviour.reconnectDelayMs = parser.value(reconnectOption).toInt();

    QStringList macs = parser.values(macOption);
    if (macs.isEmpty()) {
        const int count = parser.value(boardsOption).toInt();
        if (count < 1 || count > 0xffffff) {
            err << "gcn-board-sim: --boards must be from 1 to 16777215" << Qt::endl;
            return 2;
        }
        for (int index = 0; index < count; ++index)
            macs.append(gcn::BoardFleet::macForIndex(parser.value(prefixOption), index));
    }

    raiseFileLimit();
    gcn::MqttClient::initializeLibrary();
    gcn::BoardFleet fleet(broker, behaviour, macs);
    QObject::connect(&fleet, &gcn::BoardFleet::quitRequested, &app, [](int code) { QCoreApplication::exit(code); });
    fleet.connectAll();
    if (parser.isSet(scriptOption)) {
        QFile script(parser.value(scriptOption));
        if (!script.open(QIODevice::ReadOnly | QIODevice::Text)) {
            err << "gcn-board-sim: cannot read " << script.fileName() << ": " << script.errorString() << Qt::endl;
            return 2;
        }
        fleet.runScript(QString::fromUtf8(script.readAll()).split(u'\n'));
    }
    if (parser.isSet(stdinOption))
        fleet.readStandardInput();
    if (parser.isSet(demoOption))
        fleet.startRandomChanges(parser.value(demoOption).toInt());
    return QCoreApplication::exec();
}
