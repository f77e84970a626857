#pragma once

#include <optional>
#include <queue>
#include <vector>

namespace gcn::bench {

// Kinds of message that a board publishes on its own schedule.
enum class TrafficKind { Heartbeat, Metrics, GpioChange };

// Periods of the firmware's periodic messages, in board seconds.
struct TrafficPeriods
{
    double heartbeatSec = 30;
    double metricsSec = 600;
    // GPIO changes depend on what the pins watch; one change every five minutes per board is a busy door.
    double gpioChangeSec = 300;
};

// The periodic traffic of every board, ordered by due time on a board clock in milliseconds. The board
// clock runs as fast as the caller advances it, so that a fleet's natural mix of messages can be
// replayed at any rate. Boards start spread evenly over each period.
class TrafficSchedule
{
public:
    struct Entry
    {
        double dueMs = 0;
        int board = 0;
        TrafficKind kind = TrafficKind::Heartbeat;
    };

    TrafficSchedule(int boardCount, const TrafficPeriods& periods, int metricsMessageCount);

    // Messages per board-clock second of the whole fleet.
    double naturalRate() const;
    // Removes and returns the earliest entry due at or before untilMs, and schedules that board's next one.
    std::optional<Entry> takeDue(double untilMs);
    // Removes and returns the earliest entry whatever its due time, for a flood.
    Entry takeNext();
    // The entry takeNext() would return.
    const Entry& peek() const { return m_queue.top(); }

private:
    struct Later
    {
        bool operator()(const Entry& a, const Entry& b) const { return a.dueMs > b.dueMs; }
    };

    double periodMs(TrafficKind kind) const;
    void scheduleNext(const Entry& taken);

    int m_boardCount = 0;
    TrafficPeriods m_periods;
    int m_metricsMessageCount = 0;
    std::priority_queue<Entry, std::vector<Entry>, Later> m_queue;
};

} // namespace gcn::bench
