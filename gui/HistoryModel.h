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

    // Shows `source` (entries() at once, then every entryChanged()); keeps at most `capacity` rows.
    void setSource(NotificationHistorySource* source, int capacity = 1000);
    void setNaming(const Naming& naming);
    void setEntries(const QList<NotificationHistoryEntry>& newestFirst);
    // Replaces the row with the same id, or inserts the entry at the top.
    void upsertEntry(const NotificationHistoryEntry& entry);

    QList<NotificationHistoryEntry> entries() const { return m_entries; }
    static QString resultText(NotificationHistoryEntry::Result result);
    static QString channelText(Channel channel);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const NotificationHistoryEntry& entry, int column) const;

    Naming m_naming;
    int m_capacity = 1000;
    QList<NotificationHistoryEntry> m_entries;
    QMetaObject::Connection m_sourceConnection;
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
