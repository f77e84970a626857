#pragma once

#include "NotificationHistory.h"
#include "supervision/Naming.h"

#include <optional>

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace gcn {

// The notification history as a table, newest first: time, type, board, channel, recipient, result
// and error. Failed rows are highlighted.
class HistoryModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryModel)

public:
    enum Column { TimeColumn, TypeColumn, BoardColumn, ChannelColumn, RecipientColumn, ResultColumn, ErrorColumn,
                  ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1,
        // QStringList of the board ids of the row.
        BoardIdsRole,
        // int(NotificationHistoryEntry::Result) of the row.
        ResultRole,
    };

    explicit HistoryModel(QObject* parent = nullptr);

    // Shows `source` alone (entries() at once, then every entryChanged()); keeps at most `capacity` rows.
    void setSource(NotificationHistorySource* source, int capacity = 1000);
    // Shows the entries of one more source; rows of different sources never replace each other.
    void addSource(NotificationHistorySource* source);
    void setNaming(const Naming& naming);
    void setEntries(const QList<NotificationHistoryEntry>& newestFirst);
    // Replaces the row with the same id from the same source (null for entries given directly), or
    // inserts the entry at the top.
    void upsertEntry(const NotificationHistoryEntry& entry, const QObject* origin = nullptr);

    QList<NotificationHistoryEntry> entries() const;
    static QString resultText(NotificationHistoryEntry::Result result);
    static QString channelText(Channel channel);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const NotificationHistoryEntry& entry, int column) const;

    struct Row
    {
        // The source of the entry; ids are unique within one source only.
        const QObject* origin = nullptr;
        NotificationHistoryEntry entry;
    };

    Naming m_naming;
    int m_capacity = 1000;
    QList<Row> m_rows;
    QList<QMetaObject::Connection> m_sourceConnections;
};

// Filters the history by board (an id, empty for every board) and by result, and sorts by SortRole.
class HistoryFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryFilterModel)

public:
    explicit HistoryFilterModel(QObject* parent = nullptr);

    void setBoardFilter(const QString& boardId);
    void setResultFilter(std::optional<NotificationHistoryEntry::Result> result);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_boardId;
    std::optional<NotificationHistoryEntry::Result> m_result;
};

} // namespace gcn
