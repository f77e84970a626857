// Reminders of the problems of a board that last: an announced offline status, a silence and a skewed
// clock. The rest of Supervisor is in Supervisor.cpp.

#include "supervision/Supervisor.h"

#include <algorithm>
#include <array>

#include "common/Clock.h"

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

struct LastingProblem
{
    DeadlineKind reminderKind;
    EventType eventType;
};

const std::array<LastingProblem, 3> lastingProblems {{
    {DeadlineKind::OfflineReminder, EventType::BoardStatusOffline},
    {DeadlineKind::SilenceReminder, EventType::BoardHeartbeatMissed},
    {DeadlineKind::SkewReminder, EventType::BoardHeartbeatSkewed},
}};

EventType eventTypeOf(DeadlineKind reminderKind)
{
    for (const LastingProblem& problem : lastingProblems) {
        if (problem.reminderKind == reminderKind)
            return problem.eventType;
    }
    return EventType::BoardStatusOffline;
}

} // namespace

bool Supervisor::problemLasts(const BoardRecord& record, DeadlineKind reminderKind) const
{
    switch (reminderKind) {
    case DeadlineKind::OfflineReminder:
        return record.status == BoardStatus::Offline && record.announcedStatus == BoardStatus::Offline;
    case DeadlineKind::SilenceReminder:
        // An offline board is expected to be silent.
        return record.silent && record.status != BoardStatus::Offline;
    case DeadlineKind::SkewReminder:
        return record.skewed;
    default:
        return false;
    }
}

void Supervisor::updateReminders(const BoardRecord& record, qint64 earliestMs)
{
    if (repeatIntervalMs() <= 0)
        return;
    for (const LastingProblem& problem : lastingProblems) {
        const DeadlineKey key {problem.reminderKind, record.id, {}};
        if (!problemLasts(record, problem.reminderKind)) {
            m_deadlines.cancel(key);
        } else if (!m_deadlines.contains(key)) {
            const qint64 deadlineMs = reminderDeadlineMs(record, problem.reminderKind, earliestMs);
            m_deadlines.schedule(key, deadlineMs);
            qCDebug(lcSupervision).noquote() << u"board %1 %2 reminder due in %3 s"_s.arg(
                record.id, eventTypeName(problem.eventType)).arg((deadlineMs - m_clock.monotonicMs()) / 1000);
        }
    }
}

qint64 Supervisor::reminderDeadlineMs(const BoardRecord& record, DeadlineKind reminderKind, qint64 earliestMs) const
{
    // The time the problem was announced (live) or due to be announced: the offline status and the
    // silence wait for the grace period first.
    QDateTime announcedAt;
    switch (reminderKind) {
    case DeadlineKind::OfflineReminder:
        announcedAt = record.statusReceivedAt.addMSecs(gracePeriodMs());
        break;
    case DeadlineKind::SilenceReminder:
        announcedAt = record.silentSince.addMSecs(gracePeriodMs());
        break;
    case DeadlineKind::SkewReminder:
        announcedAt = record.skewedSince;
        break;
    default:
        break;
    }
    if (!announcedAt.isValid())
        return earliestMs;

    // The schedule is a multiple of the interval after the announcement, on the wall clock because the
    // record stores wall-clock times, converted once to the monotonic clock here.
    const qint64 intervalMs = repeatIntervalMs();
    const qint64 elapsedMs = announcedAt.msecsTo(m_clock.now());
    const qint64 periods = elapsedMs < 0 ? 1 : elapsedMs / intervalMs + 1;
    return std::max(m_clock.monotonicMs() + periods * intervalMs - elapsedMs, earliestMs);
}

void Supervisor::onReminderDue(const QString& boardId, DeadlineKind reminderKind)
{
    const auto found = m_boards.find(boardId);
    if (found == m_boards.end() || repeatIntervalMs() <= 0)
        return;
    const BoardRecord& record = found->second;
    if (!problemLasts(record, reminderKind))
        return;

    const QDateTime now = m_clock.now();
    Event event = boardEvent(eventTypeOf(reminderKind), record);
    event.reminder = true;
    switch (reminderKind) {
    case DeadlineKind::OfflineReminder:
        event.problemSince = record.statusReceivedAt;
        break;
    case DeadlineKind::SilenceReminder:
        event.problemSince = lastHeartbeatTime(record, now);
        if (!event.problemSince.isValid())
            event.problemSince = record.silentSince.addSecs(-qint64(m_settings.heartbeatWatchdogSec));
        event.silenceSeconds = qMax<qint64>(0, event.problemSince.secsTo(now));
        break;
    case DeadlineKind::SkewReminder:
        event.problemSince = record.skewedSince;
        event.skewSeconds = record.skewSeconds;
        break;
    default:
        break;
    }
    emitEvent(event);
    m_deadlines.schedule({reminderKind, boardId, {}}, m_clock.monotonicMs() + repeatIntervalMs());
}

} // namespace gcn
