#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <expected>
#include <optional>
#include <utility>

namespace gcn::test {

// A real Secret Service for tests: a private D-Bus session bus (dbus-daemon) and gnome-keyring-daemon
// with an unlocked default collection, both children of the test process. HOME, XDG_DATA_HOME and
// XDG_RUNTIME_DIR of the keyring are in a temporary folder, so the user's own keyring is never touched.
//
// start() points this process at the private bus (DBUS_SESSION_BUS_ADDRESS) and clears the
// desktop variables that would make QtKeychain choose KWallet; environment() is the environment
// for child processes. The private bus has no service activation, so nothing else starts on it.
//
// NOTE: GLib keeps one session bus connection per process, and libsecret keeps using it. Start one
// KeyringFixture per test process and keep it until the tests end; a second one in the same process
// fails to start.
class KeyringFixture
{
public:
    KeyringFixture();
    ~KeyringFixture();
    KeyringFixture(const KeyringFixture&) = delete;
    KeyringFixture& operator=(const KeyringFixture&) = delete;

    // Starts the bus and the keyring, then checks with secret-tool that a secret can be stored,
    // looked up and cleared.
    std::expected<void, QString> start();
    // Starts only the bus, for tests of a session without a Secret Service.
    std::expected<void, QString> startBusOnly();
    // Starts the keyring on a bus started by startBusOnly().
    std::expected<void, QString> startKeyring();
    // Stops the keyring and the bus, and restores the variables start() changed.
    void stop();

    QString busAddress() const { return m_busAddress; }
    // The process environment with the private bus and the temporary HOME and XDG folders.
    QProcessEnvironment environment() const;

    // Stops and resumes gnome-keyring-daemon (SIGSTOP, SIGCONT), so that it keeps its bus name but
    // replies to nothing, like a hung keychain.
    bool suspendKeyring();
    bool resumeKeyring();

    struct ToolResult
    {
        int exitCode = -1;
        QByteArray standardOutput;
        QByteArray standardError;
    };
    // Runs secret-tool (libsecret-tools) on the private bus with input on its standard input.
    ToolResult runSecretTool(const QStringList& arguments, const QByteArray& input = {}) const;

private:
    std::expected<void, QString> waitUntilKeyringWorks();
    void setProcessVariable(const char* name, const QByteArray& value);
    void unsetProcessVariable(const char* name);

    QTemporaryDir m_folder;
    QProcess m_bus;
    QProcess m_keyring;
    QString m_busAddress;
    // Variables of this process changed by start(), with their values before.
    QList<std::pair<QByteArray, std::optional<QByteArray>>> m_savedVariables;
    // GLib's session bus connection of this process (a GDBusConnection), kept to turn off its exit-on-close.
    void* m_glibConnection = nullptr;
};

} // namespace gcn::test
