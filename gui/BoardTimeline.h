#pragma once

#include "supervision/BoardRecord.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

namespace gcn {

// What the tray saw of each board since it started: every pin state change and every heartbeat
// receipt, for the timeline chart. Entries older than the retention are dropped.
//
// NOTE: kept in memory only, so the chart of a board starts when the tray first saw it (with the
// state its retained or stored record gave at that time).
class BoardTimeline
{
public:
    struct PinChange
    {
        QDateTime at;
        int state = 0;
    };

    struct Board
    {
        // Changes per pin, oldest first.
        QMap<QString, QList<PinChange>> pins;
        // Heartbeat receipts (manager clock, UTC), oldest first.
        QList<QDateTime> heartbeats;
    };

    explicit BoardTimeline(qint64 retentionSec = 24 * 3600);

    // Records what changed in `record` since the last call for the same board. `now` is the manager's
    // current time, used for pruning.
    void observe(const BoardRecord& record, const QDateTime& now);
    Board board(const QString& boardId) const;
    QStringList boardIds() const;

    // Intervals without a heartbeat longer than `maxGapSec` between `from` and `now`, including the
    // one running at `now`, as (start, end) pairs.
    static QList<std::pair<QDateTime, QDateTime>> heartbeatGaps(const Board& board, const QDateTime& from,
                                                                const QDateTime& now, qint64 maxGapSec);

private:
    void prune(Board& board, const QDateTime& now) const;

    qint64 m_retentionSec;
    QHash<QString, Board> m_boards;
};

} // namespace gcn
