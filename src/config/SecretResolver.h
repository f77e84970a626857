#pragma once

#include "config/Options.h"
#include "config/SecretStore.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <expected>
#include <optional>

namespace gcn {

// Source of the value of one secret option.
struct SecretOrigin
{
    // Default when no source held a non-empty value.
    ValueSource source = ValueSource::Default;
    // The option, variable, file or keychain that held the value, e.g. "GCN_EMAIL_SMTP_PASSWORD_FILE
    // (/run/secrets/smtp)"; empty when no source held one.
    QString detail;
};

// Result of resolveSecrets(), for the start-up log and for error messages.
struct SecretResolution
{
    // One entry per secret option, keyed by long option name.
    QHash<QString, SecretOrigin> origins;
    // Why the keychain could not be used, empty when it replied or was not needed.
    QString keychainProblem;
};

// Resolves every secret option (the option table rows marked secret) of a parsed command line and
// records the source of each in parsed.sources. For each secret the first non-empty value wins:
//   1. the command line,
//   2. the environment variable,
//   3. the file named by <VARIABLE>_FILE, e.g. GCN_MQTT_USER_PASSWORD_FILE,
//   4. the file $CREDENTIALS_DIRECTORY/<long option name> (systemd's LoadCredential=),
//   5. the keychain entry <long option name> under keychainServiceName.
// A file's content is the value, less one trailing newline. An empty value counts as not given.
// The keychain is asked only for the secrets that secretsUsedBy() lists, so a run never reads
// secrets of disabled channels; keychain may be null. When the keychain cannot be used, one warning
// is logged and resolution goes on with the other sources.
// Logs at info level (gcn.keychain) where each secret used by the run came from, never its value.
// Returns an error when a named file cannot be read.
std::expected<SecretResolution, ConfigError> resolveSecrets(ParsedCommandLine& parsed,
                                                            const QProcessEnvironment& environment,
                                                            SecretStore* keychain);

// Secret options that the enabled features use. These are the MQTT password when a broker user name
// is set, and the SMTP password when e-mail is enabled with a user name. They also include the OVH
// keys when SMS is enabled and the X keys when X is enabled.
QStringList secretsUsedBy(const Settings& settings);

// Secret options without which the run cannot start: secretsUsedBy() less the MQTT password,
// because a broker may accept a user name without a password.
QStringList secretsRequiredBy(const Settings& settings);

// Returns an error when the secret option optionName has no value in settings. The error names the
// option, its environment variable, its _FILE variable, the credentials file and the keychain entry,
// and how to store the secret; with a resolution it also states why the keychain could not be used.
std::optional<ConfigError> requireSecret(const Settings& settings, const QString& optionName,
                                         const SecretResolution* resolution = nullptr);

// requireSecret() for each of secretsRequiredBy(settings); returns the first error.
std::optional<ConfigError> requireSecretsForRun(const Settings& settings, const SecretResolution* resolution = nullptr);

// The places a secret option is looked up, in resolution order, for messages.
QString describeSecretSources(const OptionSpec& spec);

} // namespace gcn
