#pragma once

#include "supervision/BoardRecord.h"
#include "supervision/Naming.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

namespace gcn {

class Clock;

// The boards as a table: one row per board, fixed columns for its identity, status and metrics, then
// one column per pin name seen on any board, with the pin's state word and since when.
//
// Rows with a problem (offline, silent, clock skewed) carry ProblemRole and a highlighted background.
// SortRole gives raw values (seconds, numbers) so that a QSortFilterProxyModel sorts numerically.
// Times since an event are computed from the clock when read; call refreshTimes() to repaint them.
class BoardTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BoardTableModel)

public:
    enum Column { BoardColumn, StatusColumn, HeartbeatColumn, SkewColumn, RssiColumn, FreeHeapColumn,
                  UptimeColumn, DroppedColumn, FirstPinColumn };
    enum Role {
        SortRole = Qt::UserRole + 1,
        BoardIdRole,
        // True for every cell of a row whose board has a problem.
        ProblemRole,
    };

    explicit BoardTableModel(Clock& clock, QObject* parent = nullptr);

    void setNaming(const Naming& naming);
    // Replaces every row.
    void setBoards(const QList<BoardRecord>& boards);
    // Updates the row of record.id, or appends one; adds columns for pins not seen before.
    void updateBoard(const BoardRecord& record);
    // Repaints the columns that show a time since something.
    void refreshTimes();

    QList<BoardRecord> boards() const { return m_boards; }
    QStringList pinNames() const { return m_pins; }
    int problemCount() const;
    // Translated problems of a board, e.g. "offline", "silent for 3 min"; empty when it is fine.
    QStringList problemsOf(const BoardRecord& record) const;
    // The header and every row as displayed, for the test report.
    QList<QStringList> displayedCells() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const BoardRecord& record, int column) const;
    QVariant sortData(const BoardRecord& record, int column) const;
    QVariant toolTipData(const BoardRecord& record, int column) const;
    QString pinText(const BoardRecord& record, const QString& pin) const;
    QString statusText(const BoardRecord& record) const;
    qint64 secondsSinceHeartbeat(const BoardRecord& record) const;
    QString metric(const BoardRecord& record, const QString& path) const;
    bool addPinColumns(const BoardRecord& record);

    Clock& m_clock;
    Naming m_naming;
    QList<BoardRecord> m_boards;
    // Union of the pin names of every board, sorted.
    QStringList m_pins;
};

} // namespace gcn
