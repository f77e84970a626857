#pragma once

#include "config/SecretStore.h"

namespace QKeychain {
class Job;
}

namespace gcn {

// Secrets in the operating system's keychain through QtKeychain: the Secret Service (GNOME Keyring,
// KeePassXC) or KWallet on Linux, the Keychain on macOS, the Credential Store on Windows.
//
// Each call waits for its QtKeychain job in a local QEventLoop for at most timeoutMs, so a keychain
// that does not reply never blocks the caller for longer. A QCoreApplication must exist. Events of
// the caller's thread are processed during the wait.
//
// On Linux a call first checks that a session bus exists (DBUS_SESSION_BUS_ADDRESS or
// $XDG_RUNTIME_DIR/bus) and otherwise fails at once with Code::Unavailable, so that no D-Bus
// autolaunch is attempted on a server.
//
// QtKeychain has no way to enumerate entries, so list() reads each of the known names given at
// construction and returns those that hold a value. A stored index entry was not used because it
// would go stale whenever another tool (secret-tool, Seahorse, KWalletManager) removes an entry.
class QtKeychainSecretStore final : public SecretStore
{
public:
    static constexpr int defaultTimeoutMs = 5000;

    explicit QtKeychainSecretStore(QStringList knownNames = secretOptionNames(), int timeoutMs = defaultTimeoutMs,
                                   QString service = QString(keychainServiceName));

    QString description() const override;
    std::expected<std::optional<QString>, SecretStoreError> read(const QString& name) override;
    std::expected<void, SecretStoreError> write(const QString& name, const QString& value) override;
    std::expected<void, SecretStoreError> remove(const QString& name) override;
    std::expected<QStringList, SecretStoreError> list() override;

    // Returns why no keychain can be reached without asking it, or std::nullopt when a call may be tried.
    static std::optional<SecretStoreError> checkPrerequisites();

private:
    struct JobOutcome;

    JobOutcome runJob(QKeychain::Job* job, const QString& action, const QString& name) const;

    QStringList m_knownNames;
    int m_timeoutMs;
    QString m_service;
};

} // namespace gcn
