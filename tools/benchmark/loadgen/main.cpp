// gcn-loadgen: publishes the traffic of many simulated GCN boards over a few TLS connections, or over one
// connection per board, at a set rate or as fast as the broker accepts it. Driven by gcn-benchmark.

#include "LoadGenerator.h"

#include <csignal>

#include <mosquitto.h>
#include <sys/resource.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {

// One connection per board needs three descriptors per board: the socket and libmosquitto's socket pair.
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
    QCoreApplication::setApplicationName(u"gcn-loadgen"_s);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Publishes the traffic of simulated GCN boards on an MQTT broker over TLS.\n"
                                     "Reads commands from standard input and exits when it closes.\n\n"_s
                                     + gcn::bench::LoadGenerator::commandHelp());
    parser.addHelpOption();
    const QCommandLineOption hostOption(u"host"_s, u"Broker address."_s, u"HOST"_s, u"127.0.0.1"_s);
    const QCommandLineOption portOption(u"port"_s, u"Broker TLS port."_s, u"PORT"_s, u"8883"_s);
    const QCommandLineOption tlsNameOption(u"tls-name"_s,
                                           u"Name or address the broker certificate must carry; default: --host."_s,
                                           u"NAME"_s);
    const QCommandLineOption caOption(u"ca-file"_s, u"Trusted CA certificates (PEM); default: the system store."_s,
                                      u"PATH"_s);
    const QCommandLineOption userOption(u"user"_s, u"Broker user name."_s, u"NAME"_s);
    const QCommandLineOption passwordOption(u"password-env"_s,
                                            u"Environment variable that holds the broker password."_s, u"VAR"_s,
                                            u"GCN_LOADGEN_PASSWORD"_s);
    const QCommandLineOption boardsOption(u"boards"_s, u"Number of boards."_s, u"N"_s, u"1"_s);
    const QCommandLineOption firstOption(u"first-board"_s,
                                         u"Index of the first board in the MAC addresses, to split a fleet."_s,
                                         u"N"_s, u"0"_s);
    const QCommandLineOption prefixOption(u"mac-prefix"_s, u"First three bytes of the MAC addresses."_s,
                                          u"AA:BB:CC"_s, u"AA:BB:CC"_s);
    const QCommandLineOption pinsOption(u"pins"_s, u"Monitored pins, comma-separated."_s, u"LIST"_s, u"D1"_s);
    const QCommandLineOption linksOption(
        u"links"_s, u"Connections shared by all boards; 0 gives each board its own, with its will."_s, u"N"_s, u"4"_s);
    const QCommandLineOption heartbeatOption(u"heartbeat-period"_s, u"Heartbeat period in board seconds."_s,
                                             u"SEC"_s, u"30"_s);
    const QCommandLineOption metricsOption(u"metrics-period"_s, u"Metrics period in board seconds."_s, u"SEC"_s,
                                           u"600"_s);
    const QCommandLineOption gpioOption(u"gpio-period"_s, u"Time between two GPIO changes of a board, in board seconds."_s,
                                        u"SEC"_s, u"300"_s);
    const QCommandLineOption keepAliveOption(u"keep-alive"_s, u"MQTT keep-alive in seconds."_s, u"SEC"_s, u"300"_s);
    const QCommandLineOption pendingOption(u"max-pending-connects"_s, u"TLS handshakes in flight at most."_s, u"N"_s,
                                           u"64"_s);
    parser.addOptions({hostOption, portOption, tlsNameOption, caOption, userOption, passwordOption, boardsOption,
                       firstOption, prefixOption, pinsOption, linksOption, heartbeatOption, metricsOption, gpioOption,
                       keepAliveOption, pendingOption});
    parser.process(app);

    gcn::bench::LinkSettings link;
    link.host = parser.value(hostOption);
    link.port = parser.value(portOption).toInt();
    link.userName = parser.value(userOption);
    link.password = qEnvironmentVariable(parser.value(passwordOption).toLocal8Bit().constData());
    link.keepAliveSec = parser.value(keepAliveOption).toInt();

    gcn::bench::LoadOptions options;
    options.boardCount = parser.value(boardsOption).toInt();
    options.firstBoard = parser.value(firstOption).toInt();
    options.macPrefix = parser.value(prefixOption);
    options.pins = parser.value(pinsOption).split(u',', Qt::SkipEmptyParts);
    options.linkCount = parser.value(linksOption).toInt();
    options.periods.heartbeatSec = parser.value(heartbeatOption).toDouble();
    options.periods.metricsSec = parser.value(metricsOption).toDouble();
    options.periods.gpioChangeSec = parser.value(gpioOption).toDouble();
    options.maxPendingConnects = parser.value(pendingOption).toInt();
    if (options.boardCount < 1 || options.firstBoard < 0 || options.firstBoard + options.boardCount > 0x1000000) {
        err << "gcn-loadgen: --first-board and --boards must keep board indexes from 0 to 16777215" << Qt::endl;
        return 2;
    }
    if (options.linkCount < 0 || options.pins.isEmpty() || options.periods.heartbeatSec <= 0
        || options.periods.metricsSec <= 0 || options.periods.gpioChangeSec <= 0 || link.keepAliveSec < 5) {
        err << "gcn-loadgen: invalid --links, --pins, period or --keep-alive; see --help" << Qt::endl;
        return 2;
    }

    raiseFileLimit();
    // A broker that closes a connection must not kill the generator with SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    mosquitto_lib_init();
    gcn::bench::LoadGenerator generator(link, options);
    QString error;
    const QString tlsName = parser.isSet(tlsNameOption) ? parser.value(tlsNameOption) : link.host;
    if (!generator.initialize(parser.value(caOption), tlsName, &error)) {
        err << "gcn-loadgen: " << error << Qt::endl;
        return 2;
    }
    QObject::connect(&generator, &gcn::bench::LoadGenerator::quitRequested, &app,
                     [](int code) { QCoreApplication::exit(code); });
    generator.readStandardInput();
    generator.connectAll();
    const int code = QCoreApplication::exec();
    mosquitto_lib_cleanup();
    return code;
}
