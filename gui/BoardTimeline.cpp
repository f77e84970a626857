#include "BoardTimeline.h"

#include <algorithm>

namespace gcn {

BoardTimeline::BoardTimeline(qint64 retentionSec)
    : m_retentionSec(retentionSec)
{
}

void BoardTimeline::observe(const BoardRecord& record, const QDateTime& now)
{
    Board& board = m_boards[record.id];
    for (auto it = record.pins.cbegin(); it != record.pins.cend(); ++it) {
        QList<PinChange>& changes = board.pins[it.key()];
        if (!changes.isEmpty() && changes.last().state == it->state)
            continue;
        // A retained sample may describe a change made long ago: its board time is the only time it
        // carries. A live one is placed at its receipt so that a skewed board clock does not move it.
        QDateTime at = it->retained || !it->receivedAt.isValid()
                           ? QDateTime::fromSecsSinceEpoch(it->boardTimestamp, Qt::UTC)
                           : it->receivedAt;
        if (!changes.isEmpty() && at < changes.last().at)
            at = changes.last().at;
        changes.append({at, it->state});
    }
    if (record.heartbeatReceivedAt.isValid() && !record.heartbeatRetained
        && (board.heartbeats.isEmpty() || board.heartbeats.last() < record.heartbeatReceivedAt))
        board.heartbeats.append(record.heartbeatReceivedAt);
    prune(board, now);
}

void BoardTimeline::prune(Board& board, const QDateTime& now) const
{
    const QDateTime oldest = now.addSecs(-m_retentionSec);
    for (QList<PinChange>& changes : board.pins) {
        // The last change before the window gives the state at its start, so it stays.
        while (changes.size() > 1 && changes.at(1).at < oldest)
            changes.removeFirst();
    }
    while (!board.heartbeats.isEmpty() && board.heartbeats.first() < oldest)
        board.heartbeats.removeFirst();
}

BoardTimeline::Board BoardTimeline::board(const QString& boardId) const
{
    return m_boards.value(boardId);
}

QStringList BoardTimeline::boardIds() const
{
    QStringList ids = m_boards.keys();
    std::sort(ids.begin(), ids.end());
    return ids;
}

QList<std::pair<QDateTime, QDateTime>> BoardTimeline::heartbeatGaps(const Board& board, const QDateTime& from,
                                                                    const QDateTime& now, qint64 maxGapSec)
{
    QList<std::pair<QDateTime, QDateTime>> gaps;
    QDateTime previous;
    for (const QDateTime& beat : board.heartbeats) {
        if (previous.isValid() && previous.secsTo(beat) > maxGapSec && beat > from)
            gaps.append({qMax(previous, from), beat});
        previous = beat;
    }
    if (previous.isValid() && previous.secsTo(now) > maxGapSec)
        gaps.append({qMax(previous, from), now});
    return gaps;
}

} // namespace gcn
