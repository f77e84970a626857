#include "config/SecretResolver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

// A secret file contains one password or key, so a larger file is a wrong path.
constexpr qint64 maxSecretFileBytes = 64 * 1024;

QString fileVariableOf(const OptionSpec& spec)
{
    return spec.envVar.isEmpty() ? QString() : spec.envVar + u"_FILE"_s;
}

QString keychainEntryText(const QString& optionName)
{
    return u"the keychain (service %1, key %2)"_s.arg(QString(keychainServiceName), optionName);
}

// Returns the content of a secret file less one trailing newline, or why it cannot be read.
std::expected<QString, QString> readSecretFile(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return std::unexpected(u"the file does not exist"_s);
    if (info.isDir())
        return std::unexpected(u"it is a folder, not a file"_s);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(file.errorString());
    const QByteArray content = file.read(maxSecretFileBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return std::unexpected(file.errorString());
    if (content.size() > maxSecretFileBytes)
        return std::unexpected(u"the file is larger than %1 bytes, so it cannot be a secret"_s.arg(maxSecretFileBytes));
    QString value = QString::fromUtf8(content);
    if (value.endsWith("\r\n"_L1))
        value.chop(2);
    else if (value.endsWith(u'\n'))
        value.chop(1);
    return value;
}

ConfigError unreadableFile(const QString& variable, const OptionSpec& spec, const QString& path, const QString& reason)
{
    return ConfigError {u"%1 (--%2)"_s.arg(variable, spec.name), path,
                        u"cannot read the secret file: %1; give the path of a readable file that contains only "
                        "the secret"_s.arg(reason)};
}

struct Candidate
{
    SecretOrigin origin;
    QString value;
};

// Resolution of the secret options of one start-up: the keychain is given up after its first failure,
// so that a keychain that is absent, locked or hanging costs at most one time limit and one warning.
class Resolver
{
public:
    Resolver(ParsedCommandLine& parsed, const QProcessEnvironment& environment, SecretStore* keychain)
        : m_parsed(parsed)
        , m_environment(environment)
        , m_keychain(keychain)
        , m_used(secretsUsedBy(parsed.settings))
    {
    }

    std::expected<SecretResolution, ConfigError> run()
    {
        for (const OptionSpec& spec : optionTable()) {
            if (!spec.secret)
                continue;
            std::expected<SecretOrigin, ConfigError> origin = resolveOne(spec);
            if (!origin)
                return std::unexpected(origin.error());
            m_resolution.origins.insert(spec.name, *origin);
            logOrigin(spec, *origin);
        }
        return m_resolution;
    }

private:
    std::expected<SecretOrigin, ConfigError> resolveOne(const OptionSpec& spec)
    {
        const QString current = spec.show(m_parsed.settings);
        const ValueSource parsedSource = m_parsed.sources.value(spec.name, ValueSource::Default);
        const QString fileVariable = fileVariableOf(spec);

        if (!current.isEmpty() && parsedSource != ValueSource::Default) {
            const bool fromCommandLine = parsedSource == ValueSource::CommandLine;
            if (!fileVariable.isEmpty() && !m_environment.value(fileVariable).isEmpty()) {
                const QString givenIn = fromCommandLine ? u"on the command line"_s : u"in "_s + spec.envVar;
                qCWarning(lcKeychain).noquote()
                    << u"%1 is ignored because %2 is given %3"_s.arg(fileVariable, spec.name, givenIn);
            }
            return SecretOrigin {parsedSource, fromCommandLine ? u"--"_s + spec.name : spec.envVar};
        }

        std::expected<std::optional<Candidate>, ConfigError> found = findInFiles(spec, fileVariable);
        if (!found)
            return std::unexpected(found.error());
        if (!found->has_value())
            found = findInKeychain(spec);
        if (!found || !found->has_value())
            return SecretOrigin {};

        const Candidate& candidate = **found;
        if (const std::optional<QString> expected = spec.apply(m_parsed.settings, candidate.value)) {
            const QString message = u"expected "_s + *expected + u" from "_s + candidate.origin.detail;
            return std::unexpected(ConfigError {u"--"_s + spec.name, {}, message, true});
        }
        m_parsed.sources.insert(spec.name, candidate.origin.source);
        return candidate.origin;
    }

    std::expected<std::optional<Candidate>, ConfigError> findInFiles(const OptionSpec& spec,
                                                                     const QString& fileVariable)
    {
        const QString path = fileVariable.isEmpty() ? QString() : m_environment.value(fileVariable);
        if (!path.isEmpty()) {
            std::expected<QString, QString> value = readSecretFile(path);
            if (!value)
                return std::unexpected(unreadableFile(fileVariable, spec, path, value.error()));
            if (!value->isEmpty())
                return Candidate {{ValueSource::File, u"%1 (%2)"_s.arg(fileVariable, path)}, *value};
            qCInfo(lcKeychain).noquote() << u"%1 (%2) is empty, so %3 is looked up further"_s.arg(fileVariable, path,
                                                                                                  spec.name);
        }

        const QString credentialsDirectory = m_environment.value(u"CREDENTIALS_DIRECTORY"_s);
        if (credentialsDirectory.isEmpty())
            return std::optional<Candidate>();
        const QString credentialPath = QDir(credentialsDirectory).filePath(spec.name);
        if (!QFileInfo::exists(credentialPath))
            return std::optional<Candidate>();
        std::expected<QString, QString> value = readSecretFile(credentialPath);
        if (!value)
            return std::unexpected(unreadableFile(u"CREDENTIALS_DIRECTORY"_s, spec, credentialPath, value.error()));
        if (value->isEmpty())
            return std::optional<Candidate>();
        return Candidate {{ValueSource::File, u"CREDENTIALS_DIRECTORY (%1)"_s.arg(credentialPath)}, *value};
    }

    std::optional<Candidate> findInKeychain(const OptionSpec& spec)
    {
        if (!m_keychain || !m_resolution.keychainProblem.isEmpty() || !m_used.contains(spec.name))
            return std::nullopt;
        const auto value = m_keychain->read(spec.name);
        if (!value) {
            m_resolution.keychainProblem = value.error().message;
            const bool unreachable = value.error().code == SecretStoreError::Code::Unavailable;
            qCWarning(lcKeychain).noquote()
                << u"%1 %2, so secrets come only from the command line, the environment and files: %3"_s.arg(
                       m_keychain->description(), unreachable ? u"is not reachable"_s : u"cannot be used"_s,
                       value.error().message);
            return std::nullopt;
        }
        if (!value->has_value() || (*value)->isEmpty())
            return std::nullopt;
        return Candidate {{ValueSource::Keychain, u"%1, key %2"_s.arg(m_keychain->description(), spec.name)},
                          **value};
    }

    void logOrigin(const OptionSpec& spec, const SecretOrigin& origin) const
    {
        const bool used = m_used.contains(spec.name);
        if (origin.source != ValueSource::Default) {
            const QString line = u"%1 comes from %2"_s.arg(spec.name, origin.detail);
            if (used)
                qCInfo(lcKeychain).noquote() << line;
            else
                qCDebug(lcKeychain).noquote() << line << "(not used by the enabled features)";
            return;
        }
        if (!used)
            return;
        QString line = u"%1 is not set; looked in %2"_s.arg(spec.name, describeSecretSources(spec));
        if (!m_resolution.keychainProblem.isEmpty())
            line += u" (keychain not usable)"_s;
        qCInfo(lcKeychain).noquote() << line;
    }

    ParsedCommandLine& m_parsed;
    const QProcessEnvironment& m_environment;
    SecretStore* m_keychain;
    const QStringList m_used;
    SecretResolution m_resolution;
};

} // namespace

std::expected<SecretResolution, ConfigError> resolveSecrets(ParsedCommandLine& parsed,
                                                            const QProcessEnvironment& environment,
                                                            SecretStore* keychain)
{
    return Resolver(parsed, environment, keychain).run();
}

QStringList secretsUsedBy(const Settings& settings)
{
    QStringList names;
    if (!settings.mqtt.userName.isEmpty())
        names << u"mqtt-user-password"_s;
    names << secretsRequiredBy(settings);
    return names;
}

QStringList secretsRequiredBy(const Settings& settings)
{
    QStringList names;
    if (settings.notify.enableEmail && !settings.email.userName.isEmpty())
        names << u"email-password"_s;
    if (settings.notify.enableSms)
        names << u"sms-ovh-app-key"_s << u"sms-ovh-app-secret"_s << u"sms-ovh-consumer-key"_s;
    if (settings.notify.enableTwitter) {
        names << u"twitter-app-consumer-key"_s << u"twitter-app-consumer-secret"_s << u"twitter-user-access-token"_s
              << u"twitter-user-access-token-secret"_s;
    }
    return names;
}

QString describeSecretSources(const OptionSpec& spec)
{
    QStringList places {u"the command line (--%1)"_s.arg(spec.name)};
    if (!spec.envVar.isEmpty()) {
        places << spec.envVar;
        places << u"the file named by "_s + fileVariableOf(spec);
    }
    places << u"$CREDENTIALS_DIRECTORY/"_s + spec.name;
    return places.join(u", "_s) + u" and "_s + keychainEntryText(spec.name);
}

std::optional<ConfigError> requireSecret(const Settings& settings, const QString& optionName,
                                         const SecretResolution* resolution)
{
    const OptionSpec* spec = findOption(optionName);
    if (!spec || !spec->secret)
        return ConfigError {u"--"_s + optionName, {}, u"is not a secret option"_s};
    if (!spec->show(settings).isEmpty())
        return std::nullopt;

    const QString option = spec->envVar.isEmpty() ? u"--"_s + spec->name
                                                  : u"--%1 (%2)"_s.arg(spec->name, spec->envVar);
    QString message = u"missing; looked in %1"_s.arg(describeSecretSources(*spec));
    if (resolution && !resolution->keychainProblem.isEmpty())
        message += u", but the keychain could not be used: "_s + resolution->keychainProblem;
    message += u"; store it with: gcn-manager credentials set %1"_s.arg(spec->name);
    return ConfigError {option, {}, message, true};
}

std::optional<ConfigError> requireSecretsForRun(const Settings& settings, const SecretResolution* resolution)
{
    for (const QString& name : secretsRequiredBy(settings)) {
        if (std::optional<ConfigError> error = requireSecret(settings, name, resolution))
            return error;
    }
    return std::nullopt;
}

} // namespace gcn
