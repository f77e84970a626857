#include "TrayOptions.h"

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

constexpr auto modeVariable = "GCN_TRAY_MODE";
constexpr auto reportVariable = "GCN_TRAY_TEST_REPORT";
constexpr auto openWindowVariable = "GCN_TRAY_OPEN_WINDOW";

std::optional<ConfigError> applyMode(TrayCommandLine& result, const QString& value, const QString& origin)
{
    const std::optional<TrayMode> mode = trayModeFromName(value);
    if (!mode)
        return ConfigError {origin, value, u"expected monitor or full"_s};
    result.mode = mode;
    return std::nullopt;
}

} // namespace

QString trayModeName(TrayMode mode)
{
    return mode == TrayMode::Full ? u"full"_s : u"monitor"_s;
}

std::optional<TrayMode> trayModeFromName(const QString& name)
{
    const QString normalized = name.trimmed().toLower();
    if (normalized == "monitor"_L1)
        return TrayMode::Monitor;
    if (normalized == "full"_L1)
        return TrayMode::Full;
    return std::nullopt;
}

std::expected<TrayCommandLine, ConfigError> extractTrayOptions(const QStringList& arguments,
                                                               const QProcessEnvironment& environment)
{
    TrayCommandLine result;
    if (environment.contains(QLatin1StringView(modeVariable))) {
        const QString origin = u"%1 (--mode)"_s.arg(QLatin1StringView(modeVariable));
        if (auto error = applyMode(result, environment.value(QLatin1StringView(modeVariable)), origin))
            return std::unexpected(*error);
    }
    result.testReportPath = environment.value(QLatin1StringView(reportVariable));
    if (environment.contains(QLatin1StringView(openWindowVariable))) {
        const QString value = environment.value(QLatin1StringView(openWindowVariable)).trimmed();
        if (value != "0"_L1 && value != "1"_L1) {
            return std::unexpected(ConfigError {u"%1 (--open-window)"_s.arg(QLatin1StringView(openWindowVariable)),
                                                value, u"expected 0 or 1"_s});
        }
        result.openWindow = value == "1"_L1;
    }

    for (qsizetype index = 0; index < arguments.size(); ++index) {
        const QString& argument = arguments.at(index);
        if (argument == "--"_L1) {
            result.remaining += arguments.mid(index);
            break;
        }
        QString name = argument;
        QString value;
        bool hasValue = false;
        if (const qsizetype equals = argument.indexOf(u'='); argument.startsWith("--"_L1) && equals > 0) {
            name = argument.left(equals);
            value = argument.mid(equals + 1);
            hasValue = true;
        }
        if (argument == "--open-window"_L1) {
            result.openWindow = true;
            continue;
        }
        if (name != "--mode"_L1 && name != "--test-report"_L1) {
            result.remaining.append(argument);
            continue;
        }
        if (!hasValue) {
            if (index + 1 >= arguments.size())
                return std::unexpected(ConfigError {name, {}, u"missing value"_s});
            value = arguments.at(++index);
        }
        if (name == "--mode"_L1) {
            const QString origin = u"--mode (%1)"_s.arg(QLatin1StringView(modeVariable));
            if (auto error = applyMode(result, value, origin))
                return std::unexpected(*error);
            result.modeFromCommandLine = true;
        } else {
            result.testReportPath = value;
        }
    }
    return result;
}

QString trayHelpText(const QString& programName)
{
    QString text = QCoreApplication::translate(
                       "gcn::TrayOptions",
                       "Usage: %1 [OPTIONS]\n\n"
                       "Desktop tray monitor of Gpio Change Notifier boards.\n\n"
                       "Options of the tray app:\n"
                       "  --mode monitor|full    monitor: show boards and desktop alerts only (default);\n"
                       "                         full: also send e-mail, SMS and X messages like the service\n"
                       "                         [env GCN_TRAY_MODE]\n"
                       "  --open-window          show the window at start-up, not only the tray icon\n"
                       "                         [env GCN_TRAY_OPEN_WINDOW]\n"
                       "  --test-report PATH     rewrite PATH with the tooltip and the board table after each\n"
                       "                         change, for tests [env GCN_TRAY_TEST_REPORT]\n\n"
                       "The options of the service give the defaults of the settings dialog; settings saved\n"
                       "in the dialog win over the environment, and the command line wins over both.\n\n")
                       .arg(programName);
    QString serviceHelp = helpText(programName);
    // The service's usage lines and description are replaced by the tray's; its option list stays.
    if (const qsizetype optionList = serviceHelp.indexOf(u"  --help"_s); optionList >= 0)
        serviceHelp = serviceHelp.mid(optionList);
    return text + serviceHelp;
}

} // namespace gcn
