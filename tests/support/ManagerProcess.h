#pragma once

#include "ProcessRunner.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace gcn::test {

// The gcn-manager executable as a child process, with its merged output searchable by text or pattern.
class ManagerProcess
{
public:
    // Environment of the next start(); the test's own environment by default.
    QProcessEnvironment& environment() { return m_environment; }
    // Starts gcn-manager with `arguments`. Returns false when the program cannot start.
    bool start(const QStringList& arguments);
    // Starts gcn-manager through /bin/sh, which first runs `shellPrefix` and then execs the manager with
    // the same process id, e.g. "export WATCHDOG_PID=$$" for a variable that needs the manager's own pid.
    bool startThroughShell(const QString& shellPrefix, const QStringList& arguments);

    QString output() const;
    bool waitForOutput(const QRegularExpression& pattern, int timeoutMs = 20000);
    bool waitForOutput(const QString& text, int timeoutMs = 20000);
    bool waitForExit(int timeoutMs = 20000) { return m_runner.waitForFinished(timeoutMs); }
    void sendSignal(int signalNumber) { m_runner.sendSignal(signalNumber); }
    bool isRunning() const { return m_runner.isRunning(); }
    qint64 processId() const { return m_runner.processId(); }
    int exitCode() const { return m_runner.exitCode(); }
    QProcess::ExitStatus exitStatus() const { return m_runner.exitStatus(); }
    // The manager id (gcn_manager_<hex>) from the output, or an empty string before it was logged.
    QString managerId() const;

private:
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    ProcessRunner m_runner;
};

} // namespace gcn::test
