#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace gcn::test {

// Outcome of a program run to completion by ProcessRunner::run().
struct ProcessResult
{
    bool started = false;
    bool timedOut = false;
    QProcess::ExitStatus exitStatus = QProcess::NormalExit;
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;
    // Why the program did not start, or empty.
    QString errorString;

    bool succeeded() const { return started && !timedOut && exitStatus == QProcess::NormalExit && exitCode == 0; }
    // Text for test failure messages with the program's state, exit code and both outputs.
    QString describe() const;
};

// Starts a program and collects its output while the caller's event loop keeps running, so that in-process
// clients and servers of the test stay responsive while the test waits.
class ProcessRunner
{
public:
    ProcessRunner() = default;
    ~ProcessRunner();
    ProcessRunner(const ProcessRunner&) = delete;
    ProcessRunner& operator=(const ProcessRunner&) = delete;

    // Runs a program to completion, writes `input` to its standard input, and kills it after `timeoutMs`.
    static ProcessResult run(const QString& program, const QStringList& arguments, int timeoutMs = 30'000,
                             const QByteArray& input = {},
                             const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment());

    // Starts a long-running program and collects its standard output and error separately.
    bool start(const QString& program, const QStringList& arguments,
               const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment());
    // Waits (with the event loop running) until the program exits. Returns false on timeout.
    bool waitForFinished(int timeoutMs);
    // Waits until `text` appears in the standard output or error. Returns false on timeout or exit.
    bool waitForOutput(const QByteArray& text, int timeoutMs);
    // Waits until the merged output matches `pattern`; returns false on timeout or exit.
    bool waitForMatch(const QRegularExpression& pattern, int timeoutMs);
    // Standard output then standard error, as text.
    QString output() const;
    // Writes to the program's standard input.
    void write(const QByteArray& data);
    // Sends SIGTERM (or another signal) to the program.
    void sendSignal(int signalNumber);
    // Sends SIGKILL and waits for the program to end.
    void kill();

    bool isRunning() const;
    qint64 processId() const;
    QProcess::ExitStatus exitStatus() const;
    int exitCode() const;
    QByteArray standardOutput() const { return m_standardOutput; }
    QByteArray standardError() const { return m_standardError; }
    // Both outputs, for failure messages.
    QString describe() const;

private:
    QProcess* m_process = nullptr;
    QByteArray m_standardOutput;
    QByteArray m_standardError;
    QString m_program;
};

} // namespace gcn::test
