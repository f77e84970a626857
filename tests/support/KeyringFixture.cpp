#include "KeyringFixture.h"

#include <gio/gio.h>
#include <signal.h>

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QTest>

namespace gcn::test {

using namespace Qt::StringLiterals;

namespace {

constexpr int startTimeoutMs = 15000;

// gnome-keyring-daemon 42 creates no login keyring from an empty --unlock password, so the throwaway
// keyring of a test gets this one.
constexpr QByteArrayView keyringPassword = "gcn-test-keyring";

// Variables through which libsecret or QtKeychain would find another bus or choose KWallet.
constexpr const char* desktopVariables[] = {"XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_SESSION_VERSION",
                                            "KDE_FULL_SESSION", "GNOME_DESKTOP_SESSION_ID", "DISPLAY",
                                            "WAYLAND_DISPLAY"};

// A session bus that only routes messages: no service activation, so that no service of the
// machine starts on it.
QByteArray busConfiguration(const QString& socketFolder)
{
    return uR"(<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=%1</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
)"_s.arg(socketFolder)
        .toUtf8();
}

void stopProcess(QProcess& process)
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(5000)) {
        process.kill();
        process.waitForFinished(5000);
    }
}

} // namespace

KeyringFixture::KeyringFixture() = default;

KeyringFixture::~KeyringFixture()
{
    stop();
}

QProcessEnvironment KeyringFixture::environment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QString home = m_folder.filePath(u"home"_s);
    environment.insert(u"HOME"_s, home);
    environment.insert(u"XDG_DATA_HOME"_s, home + u"/.local/share"_s);
    environment.insert(u"XDG_CONFIG_HOME"_s, home + u"/.config"_s);
    environment.insert(u"XDG_CACHE_HOME"_s, home + u"/.cache"_s);
    environment.insert(u"XDG_RUNTIME_DIR"_s, m_folder.filePath(u"runtime"_s));
    if (!m_busAddress.isEmpty())
        environment.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, m_busAddress);
    return environment;
}

std::expected<void, QString> KeyringFixture::start()
{
    if (auto started = startBusOnly(); !started)
        return started;
    return startKeyring();
}

std::expected<void, QString> KeyringFixture::startBusOnly()
{
    if (!m_folder.isValid())
        return std::unexpected(u"cannot create a temporary folder: "_s + m_folder.errorString());
    for (const QString& folder : {u"home/.local/share"_s, u"home/.config"_s, u"home/.cache"_s, u"runtime"_s}) {
        if (!QDir().mkpath(m_folder.filePath(folder)))
            return std::unexpected(u"cannot create "_s + m_folder.filePath(folder));
    }
    QFile::setPermissions(m_folder.filePath(u"runtime"_s),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    QFile configuration(m_folder.filePath(u"bus.conf"_s));
    if (!configuration.open(QIODevice::WriteOnly) || configuration.write(busConfiguration(m_folder.path())) < 0)
        return std::unexpected(u"cannot write "_s + configuration.fileName());
    configuration.close();

    m_bus.setProgram(u"dbus-daemon"_s);
    m_bus.setArguments({u"--config-file="_s + configuration.fileName(), u"--nofork"_s, u"--print-address=1"_s});
    m_bus.setProcessChannelMode(QProcess::SeparateChannels);
    m_bus.start();
    if (!m_bus.waitForStarted(startTimeoutMs))
        return std::unexpected(u"cannot start dbus-daemon: "_s + m_bus.errorString());
    const QDeadlineTimer deadline(startTimeoutMs);
    while (!m_bus.canReadLine() && !deadline.hasExpired() && m_bus.state() == QProcess::Running)
        m_bus.waitForReadyRead(int(deadline.remainingTime()));
    if (!m_bus.canReadLine()) {
        return std::unexpected(u"dbus-daemon printed no address: "_s
                               + QString::fromLocal8Bit(m_bus.readAllStandardError()));
    }
    m_busAddress = QString::fromUtf8(m_bus.readLine()).trimmed();

    setProcessVariable("DBUS_SESSION_BUS_ADDRESS", m_busAddress.toUtf8());
    setProcessVariable("XDG_RUNTIME_DIR", m_folder.filePath(u"runtime"_s).toUtf8());
    for (const char* name : desktopVariables)
        unsetProcessVariable(name);

    // GLib ends a process whose session bus closes (exit-on-close); the bus of a test closes at stop().
    GError* error = nullptr;
    GDBusConnection* connection = g_bus_get_sync(G_BUS_TYPE_SESSION, nullptr, &error);
    if (!connection) {
        const QString message = QString::fromUtf8(error->message);
        g_error_free(error);
        return std::unexpected(u"cannot connect to the private session bus: "_s + message);
    }
    m_glibConnection = connection;
    if (g_dbus_connection_is_closed(connection)) {
        return std::unexpected(u"this process already used an earlier session bus, which GLib keeps; start one "
                               "KeyringFixture per test process"_s);
    }
    g_dbus_connection_set_exit_on_close(connection, FALSE);
    return {};
}

std::expected<void, QString> KeyringFixture::startKeyring()
{
    if (m_busAddress.isEmpty())
        return std::unexpected(u"the bus is not started"_s);
    m_keyring.setProgram(u"gnome-keyring-daemon"_s);
    m_keyring.setArguments({u"--foreground"_s, u"--unlock"_s, u"--components=secrets"_s});
    m_keyring.setProcessEnvironment(environment());
    m_keyring.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_keyring.setStandardOutputFile(QProcess::nullDevice());
    m_keyring.start();
    if (!m_keyring.waitForStarted(startTimeoutMs))
        return std::unexpected(u"cannot start gnome-keyring-daemon: "_s + m_keyring.errorString());
    // With --unlock the daemon reads the login keyring's password from standard input up to its end.
    m_keyring.write(keyringPassword.data(), keyringPassword.size());
    m_keyring.closeWriteChannel();
    return waitUntilKeyringWorks();
}

std::expected<void, QString> KeyringFixture::waitUntilKeyringWorks()
{
    const QStringList attributes {u"gcn-keyring-fixture"_s, u"probe"_s};
    const QDeadlineTimer deadline(startTimeoutMs);
    ToolResult stored;
    while (!deadline.hasExpired()) {
        if (m_keyring.state() != QProcess::Running)
            return std::unexpected(u"gnome-keyring-daemon ended with status %1"_s.arg(m_keyring.exitCode()));
        stored = runSecretTool(QStringList {u"store"_s, u"--label=gcn keyring fixture probe"_s} + attributes, "ok");
        if (stored.exitCode == 0)
            break;
        QTest::qWait(50);
    }
    if (stored.exitCode != 0) {
        return std::unexpected(u"secret-tool store failed on the test keyring: "_s
                               + QString::fromLocal8Bit(stored.standardError));
    }
    const ToolResult looked = runSecretTool(QStringList {u"lookup"_s} + attributes);
    if (looked.exitCode != 0 || looked.standardOutput != "ok") {
        return std::unexpected(u"secret-tool lookup returned '%1' (status %2) instead of the stored value"_s.arg(
            QString::fromLocal8Bit(looked.standardOutput))
                                   .arg(looked.exitCode));
    }
    const ToolResult cleared = runSecretTool(QStringList {u"clear"_s} + attributes);
    if (cleared.exitCode != 0)
        return std::unexpected(u"secret-tool clear failed: "_s + QString::fromLocal8Bit(cleared.standardError));
    return {};
}

void KeyringFixture::stop()
{
    resumeKeyring();
    stopProcess(m_keyring);
    stopProcess(m_bus);
    if (m_glibConnection) {
        g_object_unref(static_cast<GDBusConnection*>(m_glibConnection));
        m_glibConnection = nullptr;
    }
    for (auto it = m_savedVariables.crbegin(); it != m_savedVariables.crend(); ++it) {
        if (it->second)
            qputenv(it->first.constData(), *it->second);
        else
            qunsetenv(it->first.constData());
    }
    m_savedVariables.clear();
    m_busAddress.clear();
}

bool KeyringFixture::suspendKeyring()
{
    return m_keyring.state() == QProcess::Running && ::kill(pid_t(m_keyring.processId()), SIGSTOP) == 0;
}

bool KeyringFixture::resumeKeyring()
{
    return m_keyring.state() == QProcess::Running && ::kill(pid_t(m_keyring.processId()), SIGCONT) == 0;
}

KeyringFixture::ToolResult KeyringFixture::runSecretTool(const QStringList& arguments, const QByteArray& input) const
{
    QProcess tool;
    tool.setProcessEnvironment(environment());
    tool.start(u"secret-tool"_s, arguments);
    ToolResult result;
    if (!tool.waitForStarted(startTimeoutMs)) {
        result.standardError = "cannot start secret-tool: " + tool.errorString().toLocal8Bit();
        return result;
    }
    tool.write(input);
    tool.closeWriteChannel();
    if (!tool.waitForFinished(startTimeoutMs)) {
        tool.kill();
        tool.waitForFinished();
        result.standardError = "secret-tool did not finish within the time limit";
        return result;
    }
    result.exitCode = tool.exitStatus() == QProcess::NormalExit ? tool.exitCode() : -1;
    result.standardOutput = tool.readAllStandardOutput();
    result.standardError = tool.readAllStandardError();
    return result;
}

void KeyringFixture::setProcessVariable(const char* name, const QByteArray& value)
{
    m_savedVariables.append({QByteArray(name), qEnvironmentVariableIsSet(name) ? std::optional(qgetenv(name))
                                                                                : std::nullopt});
    qputenv(name, value);
}

void KeyringFixture::unsetProcessVariable(const char* name)
{
    if (!qEnvironmentVariableIsSet(name))
        return;
    m_savedVariables.append({QByteArray(name), qgetenv(name)});
    qunsetenv(name);
}

} // namespace gcn::test
