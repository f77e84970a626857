#pragma once

#include <map>
#include <optional>
#include <set>
#include <utility>

#include <QList>
#include <QString>

namespace gcn {

enum class DeadlineKind {
    // End of the window in which retained messages are expected after a (re)connection.
    RetainedWindow,
    // A board's heartbeat watchdog (watchdog period plus grace period).
    Watchdog,
    // A board reported offline; its grace period ends.
    OfflineGrace,
    // A pin's suppressed change has waited for the debounce interval.
    Debounce,
    // A board's lasting problem (offline, silent, clock skewed) is due for a reminder.
    OfflineReminder,
    SilenceReminder,
    SkewReminder,
};

// Identifies one deadline: its kind and the board and pin it belongs to (empty when not applicable).
struct DeadlineKey
{
    DeadlineKind kind = DeadlineKind::Watchdog;
    QString boardId;
    QString pin;

    bool operator==(const DeadlineKey&) const = default;
    bool operator<(const DeadlineKey& other) const;
};

// Deadlines on the monotonic clock, at most one per key, ordered by time. Kinds can be suspended:
// their deadlines leave the queue and are handed back on resume() so the caller can re-arm them.
class DeadlineQueue
{
public:
    // Sets the deadline of a key, replacing any earlier one. A key of a suspended kind is only
    // remembered until resume().
    void schedule(const DeadlineKey& key, qint64 atMs);
    void cancel(const DeadlineKey& key);
    // True when the key has a deadline, suspended or not.
    bool contains(const DeadlineKey& key) const;
    std::optional<qint64> deadlineOf(const DeadlineKey& key) const;

    // Earliest deadline that is not suspended.
    std::optional<qint64> next() const;
    // Removes and returns the earliest key whose deadline is at or before nowMs.
    std::optional<DeadlineKey> takeDue(qint64 nowMs);

    void suspend(const QList<DeadlineKind>& kinds);
    bool isSuspended(DeadlineKind kind) const;
    // Ends every suspension and returns the keys that were suspended, in key order.
    QList<DeadlineKey> resume();

private:
    // Orders (time, key) entries; the key points into m_byKey, so that each key is stored once.
    struct TimeOrder
    {
        bool operator()(const std::pair<qint64, const DeadlineKey*>& a,
                        const std::pair<qint64, const DeadlineKey*>& b) const
        {
            return a.first != b.first ? a.first < b.first : *a.second < *b.second;
        }
    };

    void eraseTime(qint64 atMs, const DeadlineKey& key);

    std::map<DeadlineKey, qint64> m_byKey;
    std::set<std::pair<qint64, const DeadlineKey*>, TimeOrder> m_byTime;
    std::set<DeadlineKey> m_suspendedKeys;
    QList<DeadlineKind> m_suspendedKinds;
};

} // namespace gcn
