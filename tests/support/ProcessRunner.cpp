#include "ProcessRunner.h"

#include <csignal>

#include <QDeadlineTimer>
#include <QTest>

namespace gcn::test {

using namespace Qt::StringLiterals;

namespace {

// Polling interval while waiting for a program, short enough to keep tests fast.
constexpr int kPollMs = 20;

QString exitText(bool started, bool running, QProcess::ExitStatus status, int code)
{
    if (!started)
        return u"not started"_s;
    if (running)
        return u"still running"_s;
    if (status == QProcess::CrashExit)
        return u"killed by a signal"_s;
    return u"exit code %1"_s.arg(code);
}

} // namespace

QString ProcessResult::describe() const
{
    QString text = timedOut ? u"timed out"_s : exitText(started, false, exitStatus, exitCode);
    if (!errorString.isEmpty())
        text += u" (%1)"_s.arg(errorString);
    text += u"\n--- standard output ---\n"_s + QString::fromUtf8(standardOutput);
    text += u"\n--- standard error ---\n"_s + QString::fromUtf8(standardError);
    return text;
}

ProcessResult ProcessRunner::run(const QString& program, const QStringList& arguments, int timeoutMs,
                                 const QByteArray& input, const QProcessEnvironment& environment)
{
    ProcessResult result;
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForStarted(10'000)) {
        result.errorString = process.errorString();
        return result;
    }
    result.started = true;
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();

    const QDeadlineTimer deadline(timeoutMs);
    while (process.state() != QProcess::NotRunning && !deadline.hasExpired())
        QTest::qWait(kPollMs);
    if (process.state() != QProcess::NotRunning) {
        result.timedOut = true;
        process.kill();
        process.waitForFinished(5'000);
    }
    result.exitStatus = process.exitStatus();
    result.exitCode = process.exitCode();
    result.standardOutput = process.readAllStandardOutput();
    result.standardError = process.readAllStandardError();
    return result;
}

ProcessRunner::~ProcessRunner()
{
    if (isRunning())
        kill();
    delete m_process;
}

bool ProcessRunner::start(const QString& program, const QStringList& arguments, const QProcessEnvironment& environment)
{
    if (isRunning())
        kill();
    delete m_process;
    m_standardOutput.clear();
    m_standardError.clear();
    m_program = program;
    m_process = new QProcess;
    m_process->setProcessEnvironment(environment);
    QObject::connect(m_process, &QProcess::readyReadStandardOutput, m_process,
                     [this] { m_standardOutput += m_process->readAllStandardOutput(); });
    QObject::connect(m_process, &QProcess::readyReadStandardError, m_process,
                     [this] { m_standardError += m_process->readAllStandardError(); });
    m_process->start(program, arguments);
    return m_process->waitForStarted(10'000);
}

bool ProcessRunner::waitForFinished(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (isRunning() && !deadline.hasExpired())
        QTest::qWait(kPollMs);
    if (m_process) {
        m_standardOutput += m_process->readAllStandardOutput();
        m_standardError += m_process->readAllStandardError();
    }
    return !isRunning();
}

bool ProcessRunner::waitForOutput(const QByteArray& text, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_standardOutput.contains(text) || m_standardError.contains(text))
            return true;
        if (!isRunning())
            break;
        QTest::qWait(kPollMs);
    }
    if (m_process) {
        m_standardOutput += m_process->readAllStandardOutput();
        m_standardError += m_process->readAllStandardError();
    }
    return m_standardOutput.contains(text) || m_standardError.contains(text);
}

bool ProcessRunner::waitForMatch(const QRegularExpression& pattern, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!pattern.match(output()).hasMatch()) {
        if (deadline.hasExpired() || !isRunning()) {
            if (m_process) {
                m_standardOutput += m_process->readAllStandardOutput();
                m_standardError += m_process->readAllStandardError();
            }
            return pattern.match(output()).hasMatch();
        }
        QTest::qWait(kPollMs);
    }
    return true;
}

QString ProcessRunner::output() const
{
    return QString::fromUtf8(m_standardOutput + m_standardError);
}

void ProcessRunner::write(const QByteArray& data)
{
    if (isRunning())
        m_process->write(data);
}

void ProcessRunner::sendSignal(int signalNumber)
{
    if (isRunning())
        ::kill(pid_t(m_process->processId()), signalNumber);
}

void ProcessRunner::kill()
{
    if (!isRunning())
        return;
    m_process->kill();
    m_process->waitForFinished(5'000);
    m_standardOutput += m_process->readAllStandardOutput();
    m_standardError += m_process->readAllStandardError();
}

bool ProcessRunner::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 ProcessRunner::processId() const
{
    return m_process ? m_process->processId() : 0;
}

QProcess::ExitStatus ProcessRunner::exitStatus() const
{
    return m_process ? m_process->exitStatus() : QProcess::NormalExit;
}

int ProcessRunner::exitCode() const
{
    return m_process ? m_process->exitCode() : -1;
}

QString ProcessRunner::describe() const
{
    QString text = m_program + u": "_s
                   + exitText(m_process != nullptr, isRunning(), exitStatus(), exitCode());
    text += u"\n--- standard output ---\n"_s + QString::fromUtf8(m_standardOutput);
    text += u"\n--- standard error ---\n"_s + QString::fromUtf8(m_standardError);
    return text;
}

} // namespace gcn::test
