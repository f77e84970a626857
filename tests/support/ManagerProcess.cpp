#include "ManagerProcess.h"

namespace gcn::test {

using namespace Qt::StringLiterals;

bool ManagerProcess::start(const QStringList& arguments)
{
    return m_runner.start(QStringLiteral(GCN_MANAGER_BIN), arguments, m_environment);
}

bool ManagerProcess::startThroughShell(const QString& shellPrefix, const QStringList& arguments)
{
    // The manager and its arguments reach the shell as positional parameters, so no quoting is needed.
    const QString script = shellPrefix + u"; exec \"$@\""_s;
    return m_runner.start(u"/bin/sh"_s,
                          QStringList {u"-c"_s, script, u"sh"_s, QStringLiteral(GCN_MANAGER_BIN)} + arguments,
                          m_environment);
}

QString ManagerProcess::output() const
{
    return m_runner.output();
}

bool ManagerProcess::waitForOutput(const QRegularExpression& pattern, int timeoutMs)
{
    return m_runner.waitForMatch(pattern, timeoutMs);
}

bool ManagerProcess::waitForOutput(const QString& text, int timeoutMs)
{
    return waitForOutput(QRegularExpression(QRegularExpression::escape(text)), timeoutMs);
}

QString ManagerProcess::managerId() const
{
    static const QRegularExpression pattern(u"(gcn_manager_[0-9a-f]{8})"_s);
    return pattern.match(output()).captured(1);
}

} // namespace gcn::test
