#pragma once

#include <QLoggingCategory>
#include <QString>
#include <QStringList>

#include <expected>
#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcKeychain)

namespace gcn {

// Service name under which every secret of gcn-manager is stored in the keychain.
inline constexpr QLatin1StringView keychainServiceName {"gcn-manager"};

// Long option names of the secret options (the option table rows marked secret), in table order.
// Each is also the key of that secret in the keychain.
QStringList secretOptionNames();

struct SecretStoreError
{
    enum class Code {
        // No keychain can be reached: no session bus, no Secret Service, or no QCoreApplication.
        Unavailable,
        // The keychain is locked or the user denied access.
        AccessDenied,
        // The keychain did not reply within the store's time limit.
        TimedOut,
        // Any other failure reported by the keychain.
        Failed,
    };

    Code code = Code::Failed;
    // Description of the failure for a log line or a terminal. It never contains a secret value.
    QString message;
};

// Named secrets kept outside the configuration: the OS keychain in a run, a map in unit tests.
// Calls are synchronous for the caller; an implementation that talks to a service bounds each call.
class SecretStore
{
public:
    virtual ~SecretStore() = default;

    // Where the secrets are kept, for messages, e.g. "the keychain (service gcn-manager)".
    virtual QString description() const = 0;

    // Returns the value stored under name, or std::nullopt when nothing is stored under it.
    virtual std::expected<std::optional<QString>, SecretStoreError> read(const QString& name) = 0;
    // Stores value under name, replacing any earlier value.
    virtual std::expected<void, SecretStoreError> write(const QString& name, const QString& value) = 0;
    // Removes the value stored under name; removing a name that has no value succeeds.
    virtual std::expected<void, SecretStoreError> remove(const QString& name) = 0;
    // Returns the names that have a value, never the values.
    virtual std::expected<QStringList, SecretStoreError> list() = 0;
};

} // namespace gcn
