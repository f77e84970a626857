#include "common/Clock.h"

#include <QTimeZone>

namespace gcn {

Clock& Clock::system()
{
    static SystemClock clock;
    return clock;
}

SystemClock::SystemClock()
{
    m_elapsed.start();
}

qint64 SystemClock::monotonicMs() const
{
    return m_elapsed.elapsed();
}

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

ManualClock::ManualClock(const QDateTime& start)
    : m_wall(start.toUTC())
{
}

void ManualClock::advanceMs(qint64 ms)
{
    m_monotonicMs += ms;
    m_wall = m_wall.addMSecs(ms);
}

void ManualClock::stepWallClock(qint64 seconds)
{
    m_wall = m_wall.addSecs(seconds);
}

} // namespace gcn
