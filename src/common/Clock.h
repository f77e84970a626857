#pragma once

#include <QDateTime>
#include <QElapsedTimer>

namespace gcn {

// Source of time for every part that measures durations or stamps events.
// Durations (watchdogs, timeouts, backoff) use monotonicMs(); wall-clock time is only for
// timestamps shown to people and for comparison with a board's clock.
class Clock
{
public:
    virtual ~Clock() = default;

    // Milliseconds on a monotonic clock with an arbitrary origin.
    virtual qint64 monotonicMs() const = 0;
    // Current wall-clock time in UTC.
    virtual QDateTime now() const = 0;

    // The process-wide clock backed by the operating system.
    static Clock& system();
};

class SystemClock final : public Clock
{
public:
    SystemClock();
    qint64 monotonicMs() const override;
    QDateTime now() const override;

private:
    QElapsedTimer m_elapsed;
};

// A clock that moves only when told to, for tests of time-dependent logic.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(const QDateTime& start = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC));
    qint64 monotonicMs() const override { return m_monotonicMs; }
    QDateTime now() const override { return m_wall; }

    // Moves both clocks forward by the same amount.
    void advanceMs(qint64 ms);
    // Moves the wall clock only, as an NTP step or a manual change of the system time would.
    void stepWallClock(qint64 seconds);

private:
    qint64 m_monotonicMs = 1'000'000;
    QDateTime m_wall;
};

} // namespace gcn
