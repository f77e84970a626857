#include "config/CredentialsCommand.h"

#include <csignal>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <expected>

#include "config/QtKeychainSecretStore.h"
#include "config/SecretStore.h"

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

// A value read for `set` is one password or key; a larger input is a mistake such as a wrong file.
constexpr qsizetype maxValueBytes = 64 * 1024;

QString usageText()
{
    return u"Usage: gcn-manager credentials set NAME | get NAME | delete NAME | list\n"
           "\n"
           "Keeps secrets in the keychain of the system under the service %1, each under the name of its\n"
           "option. `set` reads the value from the terminal without echo, or from standard input when it is\n"
           "not a terminal. `get` prints the value. `list` prints the names that hold a value.\n"
           "\n"
           "NAME is one of: %2\n"_s.arg(QString(keychainServiceName), secretOptionNames().join(u", "_s));
}

// Terminal state to restore when a signal ends the process while echo is off.
struct termios savedTerminal {};
int savedTerminalFd = -1;

extern "C" void restoreTerminalAndReraise(int signalNumber)
{
    tcsetattr(savedTerminalFd, TCSAFLUSH, &savedTerminal);
    std::signal(signalNumber, SIG_DFL);
    std::raise(signalNumber);
}

// Turns terminal echo off for its lifetime and restores it afterwards, also when SIGINT, SIGTERM,
// SIGHUP or SIGQUIT ends the process meanwhile.
class EchoOff
{
public:
    explicit EchoOff(int fd)
        : m_fd(fd)
    {
        if (tcgetattr(fd, &m_saved) != 0)
            return;
        savedTerminal = m_saved;
        savedTerminalFd = fd;
        struct sigaction action {};
        action.sa_handler = restoreTerminalAndReraise;
        sigemptyset(&action.sa_mask);
        for (std::size_t index = 0; index < m_signals.size(); ++index)
            sigaction(m_signals[index], &action, &m_previousActions[index]);
        struct termios silent = m_saved;
        silent.c_lflag &= ~tcflag_t(ECHO | ECHOE | ECHOK | ECHONL);
        // TCSAFLUSH drops what was typed before the prompt, while echo was still on.
        m_active = tcsetattr(fd, TCSAFLUSH, &silent) == 0;
        if (!m_active)
            restoreSignals();
    }

    ~EchoOff()
    {
        if (!m_active)
            return;
        tcsetattr(m_fd, TCSANOW, &m_saved);
        restoreSignals();
    }

    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

private:
    void restoreSignals()
    {
        for (std::size_t index = 0; index < m_signals.size(); ++index)
            sigaction(m_signals[index], &m_previousActions[index], nullptr);
        savedTerminalFd = -1;
    }

    int m_fd;
    bool m_active = false;
    struct termios m_saved {};
    std::array<int, 4> m_signals {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    std::array<struct sigaction, 4> m_previousActions {};
};

// Reads bytes from fd until a newline (when stopAtNewline) or the end of input.
std::expected<QByteArray, QString> readBytes(int fd, bool stopAtNewline)
{
    QByteArray bytes;
    char buffer[512];
    while (bytes.size() <= maxValueBytes) {
        const ssize_t count = ::read(fd, buffer, stopAtNewline ? 1 : sizeof buffer);
        if (count < 0 && errno == EINTR)
            continue;
        if (count < 0)
            return std::unexpected(u"cannot read standard input: %1"_s.arg(QString::fromLocal8Bit(strerror(errno))));
        if (count == 0)
            break;
        bytes.append(buffer, count);
        if (stopAtNewline && bytes.endsWith('\n'))
            break;
    }
    if (bytes.size() > maxValueBytes)
        return std::unexpected(u"the value is longer than %1 bytes"_s.arg(maxValueBytes));
    return bytes;
}

QString withoutTrailingNewline(const QByteArray& bytes)
{
    QString value = QString::fromUtf8(bytes);
    if (value.endsWith("\r\n"_L1))
        value.chop(2);
    else if (value.endsWith(u'\n'))
        value.chop(1);
    return value;
}

// Writes a prompt to the terminal itself, as getpass() does, so that it shows even when standard output
// and standard error are redirected. Falls back to err when the terminal is not writable through fd.
void writeToTerminal(int fd, const QString& text, QTextStream& err)
{
    const QByteArray bytes = text.toLocal8Bit();
    if (::write(fd, bytes.constData(), std::size_t(bytes.size())) != bytes.size()) {
        err << text;
        err.flush();
    }
}

std::expected<QString, QString> readHiddenLine(int fd, const QString& prompt, QTextStream& err)
{
    std::expected<QByteArray, QString> line;
    {
        // Echo goes off before the prompt shows, so nothing typed after the prompt is echoed.
        const EchoOff echoOff(fd);
        writeToTerminal(fd, prompt, err);
        line = readBytes(fd, true);
    }
    // The newline typed by the user was not echoed.
    writeToTerminal(fd, u"\n"_s, err);
    if (!line)
        return std::unexpected(line.error());
    return withoutTrailingNewline(*line);
}

// Reads a new value: from a terminal twice without echo, otherwise all of the input.
std::expected<QString, QString> readNewValue(int fd, const QString& name, QTextStream& err)
{
    if (!isatty(fd)) {
        std::expected<QByteArray, QString> bytes = readBytes(fd, false);
        if (!bytes)
            return std::unexpected(bytes.error());
        return withoutTrailingNewline(*bytes);
    }
    std::expected<QString, QString> first = readHiddenLine(fd, u"Value of %1 (not shown): "_s.arg(name), err);
    if (!first || first->isEmpty())
        return first;
    std::expected<QString, QString> second = readHiddenLine(fd, u"Repeat the value: "_s, err);
    if (!second)
        return second;
    if (*first != *second)
        return std::unexpected(u"the two values differ"_s);
    return first;
}

int reportStoreError(const SecretStoreError& error, QTextStream& err)
{
    err << "gcn-manager credentials: " << error.message << '\n';
    return 1;
}

int setSecret(const QString& name, SecretStore& store, int inputFd, QTextStream& out, QTextStream& err)
{
    const std::expected<QString, QString> value = readNewValue(inputFd, name, err);
    if (!value) {
        err << "gcn-manager credentials: " << value.error() << "; nothing stored\n";
        return 1;
    }
    if (value->isEmpty()) {
        err << "gcn-manager credentials: the value is empty; nothing stored\n";
        return 1;
    }
    if (const auto written = store.write(name, *value); !written)
        return reportStoreError(written.error(), err);
    out << "stored " << name << " in " << store.description() << '\n';
    return 0;
}

int getSecret(const QString& name, SecretStore& store, QTextStream& out, QTextStream& err)
{
    const auto value = store.read(name);
    if (!value)
        return reportStoreError(value.error(), err);
    if (!value->has_value()) {
        err << "gcn-manager credentials: " << name << " is not stored in " << store.description() << '\n';
        return 1;
    }
    out << **value << '\n';
    return 0;
}

int deleteSecret(const QString& name, SecretStore& store, QTextStream& out, QTextStream& err)
{
    const auto value = store.read(name);
    if (!value)
        return reportStoreError(value.error(), err);
    if (!value->has_value()) {
        err << "gcn-manager credentials: " << name << " is not stored in " << store.description() << '\n';
        return 1;
    }
    if (const auto removed = store.remove(name); !removed)
        return reportStoreError(removed.error(), err);
    out << "deleted " << name << " from " << store.description() << '\n';
    return 0;
}

int listSecrets(SecretStore& store, QTextStream& out, QTextStream& err)
{
    const auto names = store.list();
    if (!names)
        return reportStoreError(names.error(), err);
    if (names->isEmpty())
        err << "no secrets are stored in " << store.description() << '\n';
    for (const QString& name : *names)
        out << name << '\n';
    return 0;
}

int usageError(const QString& message, QTextStream& err)
{
    err << "gcn-manager credentials: " << message << "\n\n" << usageText();
    return 2;
}

int dispatch(const QStringList& args, SecretStore& store, int inputFd, QTextStream& out, QTextStream& err)
{
    if (args.isEmpty())
        return usageError(u"missing action"_s, err);
    const QString& action = args.constFirst();
    if (action == "help"_L1 || action == "--help"_L1 || action == "-h"_L1) {
        out << usageText();
        return 0;
    }
    if (action == "list"_L1) {
        if (args.size() > 1)
            return usageError(u"list takes no NAME, got '%1'"_s.arg(args.at(1)), err);
        return listSecrets(store, out, err);
    }
    if (action != "set"_L1 && action != "get"_L1 && action != "delete"_L1)
        return usageError(u"unknown action '%1'; expected set, get, delete or list"_s.arg(action), err);
    if (args.size() < 2)
        return usageError(u"%1 needs a NAME"_s.arg(action), err);
    if (args.size() > 2)
        return usageError(u"%1 takes one NAME, got %2 words"_s.arg(action).arg(args.size() - 1), err);
    const QString& name = args.at(1);
    if (!secretOptionNames().contains(name)) {
        err << "gcn-manager credentials: unknown NAME '" << name << "'; valid names: "
            << secretOptionNames().join(u", "_s) << '\n';
        return 2;
    }
    if (action == "set"_L1)
        return setSecret(name, store, inputFd, out, err);
    if (action == "get"_L1)
        return getSecret(name, store, out, err);
    return deleteSecret(name, store, out, err);
}

} // namespace

int runCredentialsCommand(const QStringList& args, SecretStore& store, int inputFd, QTextStream& out,
                          QTextStream& err)
{
    const int status = dispatch(args, store, inputFd, out, err);
    out.flush();
    err.flush();
    return status;
}

int runCredentialsCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QtKeychainSecretStore store(secretOptionNames(), credentialsCommandTimeoutMs);
    return runCredentialsCommand(args, store, STDIN_FILENO, out, err);
}

} // namespace gcn
