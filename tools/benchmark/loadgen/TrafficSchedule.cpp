#include "TrafficSchedule.h"

namespace gcn::bench {

TrafficSchedule::TrafficSchedule(int boardCount, const TrafficPeriods& periods, int metricsMessageCount)
    : m_boardCount(boardCount)
    , m_periods(periods)
    , m_metricsMessageCount(metricsMessageCount)
{
    for (int board = 0; board < boardCount; ++board) {
        const double phase = (board + 0.5) / boardCount;
        for (const TrafficKind kind : {TrafficKind::Heartbeat, TrafficKind::Metrics, TrafficKind::GpioChange})
            m_queue.push({phase * periodMs(kind), board, kind});
    }
}

double TrafficSchedule::periodMs(TrafficKind kind) const
{
    switch (kind) {
    case TrafficKind::Heartbeat:
        return m_periods.heartbeatSec * 1000;
    case TrafficKind::Metrics:
        return m_periods.metricsSec * 1000;
    case TrafficKind::GpioChange:
        return m_periods.gpioChangeSec * 1000;
    }
    return 1000;
}

double TrafficSchedule::naturalRate() const
{
    const double perBoard = 1.0 / m_periods.heartbeatSec + m_metricsMessageCount / m_periods.metricsSec
                            + 1.0 / m_periods.gpioChangeSec;
    return perBoard * m_boardCount;
}

std::optional<TrafficSchedule::Entry> TrafficSchedule::takeDue(double untilMs)
{
    if (m_queue.empty() || m_queue.top().dueMs > untilMs)
        return std::nullopt;
    return takeNext();
}

TrafficSchedule::Entry TrafficSchedule::takeNext()
{
    const Entry entry = m_queue.top();
    m_queue.pop();
    scheduleNext(entry);
    return entry;
}

void TrafficSchedule::scheduleNext(const Entry& previous)
{
    m_queue.push({previous.dueMs + periodMs(previous.kind), previous.board, previous.kind});
}

} // namespace gcn::bench
