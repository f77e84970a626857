#pragma once

#include "config/Options.h"

#include <expected>
#include <optional>

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace gcn {

// What the tray app does with events. A monitor shows them and raises desktop alerts only, so that it
// can run beside a server instance without doubling every message. A full manager also sends e-mail,
// SMS and X messages like the service.
enum class TrayMode { Monitor, Full };

// Stable lower-case name ("monitor", "full") used on the command line and in QSettings.
QString trayModeName(TrayMode mode);
std::optional<TrayMode> trayModeFromName(const QString& name);

// The options only the tray app has, taken out of the command line before the service's option table
// parses the rest.
struct TrayCommandLine
{
    // --mode (GCN_TRAY_MODE), when given.
    std::optional<TrayMode> mode;
    // True when the mode came from the command line, which wins over the stored settings.
    bool modeFromCommandLine = false;
    // --test-report (GCN_TRAY_TEST_REPORT): a file the app rewrites with its tooltip and the board
    // table after each change, for the integration tests.
    QString testReportPath;
    // --open-window (GCN_TRAY_OPEN_WINDOW=1): show the window at start-up, not only the tray icon.
    bool openWindow = false;
    // Every other argument, for parseConfiguration().
    QStringList remaining;
};

// Takes --mode and --test-report (as `--name VALUE` or `--name=VALUE`) and the flag --open-window out of
// the arguments, falling back to GCN_TRAY_MODE, GCN_TRAY_TEST_REPORT and GCN_TRAY_OPEN_WINDOW (0 or 1).
// An invalid mode or a missing value is an error.
std::expected<TrayCommandLine, ConfigError> extractTrayOptions(const QStringList& arguments,
                                                               const QProcessEnvironment& environment);

// The --help text: the tray's own options, then the service's option table.
QString trayHelpText(const QString& programName);

} // namespace gcn
