#pragma once

#include "config/Settings.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <expected>
#include <functional>
#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcConfig)

namespace gcn {

// One row of the option table. The table drives command-line parsing, the environment mapping,
// --help and the masking of secrets, so that the four cannot drift apart.
struct OptionSpec
{
    // Long option name without the leading dashes, e.g. "mqtt-port".
    QString name;
    // Environment variable, empty when the option has none.
    QString envVar;
    // Placeholder for the value in --help, empty for flags.
    QString valueName;
    // Unit of the value, e.g. "seconds", empty when it has none.
    QString unit;
    QString help;
    bool secret = false;
    // Parses a value into the settings; returns a description of what is accepted on failure.
    std::function<std::optional<QString>(Settings&, const QString&)> apply;
    // Formats the current value for --help (the default when given default settings).
    std::function<QString(const Settings&)> show;

    bool isFlag() const { return valueName.isEmpty(); }
};

// Where the value of an option came from.
enum class ValueSource { Default, CommandLine, Environment, File, Keychain };
QString valueSourceName(ValueSource source);

// A start-up configuration error: which option, which value, and what is accepted.
struct ConfigError
{
    QString option;
    QString value;
    QString message;
    bool valueIsSecret = false;

    // One line for the user; the value of a secret option is never included.
    QString toString() const;
};

struct ParsedCommandLine
{
    Settings settings;
    // Arguments that are not global options: a subcommand and its own arguments.
    QStringList positional;
    bool helpRequested = false;
    bool versionRequested = false;
    QHash<QString, ValueSource> sources;
};

const QList<OptionSpec>& optionTable();
const OptionSpec* findOption(const QString& name);

// Parses the command line (arguments without the program name) over the environment.
// The command line wins over the environment; the environment wins over the defaults.
std::expected<ParsedCommandLine, ConfigError> parseConfiguration(const QStringList& arguments,
                                                                  const QProcessEnvironment& environment);

// Checks what a run of the service needs beyond valid single values: required options and
// combinations of options.
std::optional<ConfigError> validateForRun(const Settings& settings);

// Reads KEY=VALUE lines of a .env file into the process environment without overriding variables
// that are already set. Returns the names it set; a missing file is not an error.
QStringList loadDotEnvFile(const QString& path, QString* error = nullptr);

// The --help text built from the option table.
QString helpText(const QString& programName);

// A man page in troff format, built from the option table.
QString manPage(const QString& programName, const QString& version);

// The environment as `NAME=value` lines, sorted by name, with the value of every variable that
// holds a secret replaced by a mask.
QStringList printableEnvironment(const QProcessEnvironment& environment);
bool isSecretVariable(const QString& name);

// Parses ADDR:PORT, [IPv6]:PORT or PORT alone (which means 127.0.0.1).
std::optional<std::pair<QHostAddress, quint16>> parseListenAddress(const QString& text);

// Default folder for the files the manager keeps, under the user's XDG data folder.
QString defaultStateDir();

} // namespace gcn
