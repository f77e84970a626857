#include "HistoryModel.h"

#include "EventText.h"

#include <algorithm>

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

const QColor failedBackground(255, 214, 204);

} // namespace

HistoryModel::HistoryModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void HistoryModel::setSource(NotificationHistorySource* source, int capacity)
{
    for (const QMetaObject::Connection& connection : std::as_const(m_sourceConnections))
        disconnect(connection);
    m_sourceConnections.clear();
    m_capacity = qMax(1, capacity);
    beginResetModel();
    m_rows.clear();
    endResetModel();
    if (source)
        addSource(source);
}

void HistoryModel::addSource(NotificationHistorySource* source)
{
    beginResetModel();
    for (const NotificationHistoryEntry& entry : source->entries(m_capacity))
        m_rows.append({source, entry});
    std::stable_sort(m_rows.begin(), m_rows.end(),
                     [](const Row& left, const Row& right) { return left.entry.time > right.entry.time; });
    if (m_rows.size() > m_capacity)
        m_rows.resize(m_capacity);
    endResetModel();
    m_sourceConnections.append(connect(source, &NotificationHistorySource::entryChanged, this,
                                       [this, source](const NotificationHistoryEntry& entry) {
                                           upsertEntry(entry, source);
                                       }));
}

void HistoryModel::setNaming(const Naming& naming)
{
    beginResetModel();
    m_naming = naming;
    endResetModel();
}

void HistoryModel::setEntries(const QList<NotificationHistoryEntry>& newestFirst)
{
    beginResetModel();
    m_rows.clear();
    for (const NotificationHistoryEntry& entry : newestFirst.mid(0, m_capacity))
        m_rows.append({nullptr, entry});
    endResetModel();
}

QList<NotificationHistoryEntry> HistoryModel::entries() const
{
    QList<NotificationHistoryEntry> result;
    result.reserve(m_rows.size());
    for (const Row& row : m_rows)
        result.append(row.entry);
    return result;
}

void HistoryModel::upsertEntry(const NotificationHistoryEntry& entry, const QObject* origin)
{
    const auto found = std::find_if(m_rows.begin(), m_rows.end(), [&](const Row& row) {
        return row.origin == origin && row.entry.id == entry.id;
    });
    if (found != m_rows.end()) {
        found->entry = entry;
        const int row = int(found - m_rows.begin());
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    beginInsertRows({}, 0, 0);
    m_rows.prepend({origin, entry});
    endInsertRows();
    if (m_rows.size() > m_capacity) {
        const int last = int(m_rows.size()) - 1;
        beginRemoveRows({}, m_capacity, last);
        m_rows.resize(m_capacity);
        endRemoveRows();
    }
}

QString HistoryModel::resultText(NotificationHistoryEntry::Result result)
{
    switch (result) {
    case NotificationHistoryEntry::Result::Pending:
        return tr("pending");
    case NotificationHistoryEntry::Result::Delivered:
        return tr("delivered");
    case NotificationHistoryEntry::Result::Failed:
        return tr("failed");
    }
    return {};
}

QString HistoryModel::channelText(Channel channel)
{
    switch (channel) {
    case Channel::Email:
        return tr("e-mail");
    case Channel::Sms:
        return tr("SMS");
    case Channel::Twitter:
        return tr("X");
    case Channel::Desktop:
        return tr("desktop");
    }
    return channelName(channel);
}

int HistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::displayData(const NotificationHistoryEntry& entry, int column) const
{
    switch (column) {
    case TimeColumn:
        return QLocale().toString(entry.time.toLocalTime(), u"yyyy-MM-dd HH:mm:ss"_s);
    case TypeColumn: {
        QStringList types;
        for (const QString& name : entry.eventTypes) {
            EventType type {};
            const QString text = eventTypeFromName(name, &type) ? EventText::typeName(type) : name;
            if (!types.contains(text))
                types.append(text);
        }
        return types.join(tr(", "));
    }
    case BoardColumn: {
        QStringList boards;
        for (const QString& id : entry.boardIds)
            boards.append(EventText::boardName(id, m_naming.boardAlias(id)));
        return boards.join(tr(", "));
    }
    case ChannelColumn:
        return channelText(entry.channel);
    case RecipientColumn:
        // The desktop channel has one recipient, the desktop that shows the alert.
        return entry.channel == Channel::Desktop ? tr("this desktop") : entry.recipient;
    case ResultColumn:
        return resultText(entry.result);
    case ErrorColumn:
        return entry.error;
    default:
        return {};
    }
}

QVariant HistoryModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const NotificationHistoryEntry& entry = m_rows.at(index.row()).entry;
    switch (role) {
    case Qt::DisplayRole:
        return displayData(entry, index.column());
    case Qt::ToolTipRole:
        return index.column() == ErrorColumn && !entry.error.isEmpty() ? QVariant(entry.error) : QVariant();
    case SortRole:
        if (index.column() == TimeColumn)
            return entry.time.toMSecsSinceEpoch();
        if (index.column() == ResultColumn)
            return int(entry.result);
        return displayData(entry, index.column());
    case BoardIdsRole:
        return entry.boardIds;
    case ResultRole:
        return int(entry.result);
    case Qt::BackgroundRole:
        return entry.result == NotificationHistoryEntry::Result::Failed ? QVariant(QBrush(failedBackground))
                                                                        : QVariant();
    case Qt::ForegroundRole:
        return entry.result == NotificationHistoryEntry::Result::Failed ? QVariant(QBrush(Qt::black)) : QVariant();
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case TypeColumn:
        return tr("Type");
    case BoardColumn:
        return tr("Board");
    case ChannelColumn:
        return tr("Channel");
    case RecipientColumn:
        return tr("Recipient");
    case ResultColumn:
        return tr("Result");
    case ErrorColumn:
        return tr("Error");
    default:
        return {};
    }
}

HistoryFilterModel::HistoryFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(HistoryModel::SortRole);
}

void HistoryFilterModel::setBoardFilter(const QString& boardId)
{
    m_boardId = boardId;
    invalidateFilter();
}

void HistoryFilterModel::setResultFilter(std::optional<NotificationHistoryEntry::Result> result)
{
    m_result = result;
    invalidateFilter();
}

bool HistoryFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_boardId.isEmpty() && !index.data(HistoryModel::BoardIdsRole).toStringList().contains(m_boardId))
        return false;
    if (m_result && index.data(HistoryModel::ResultRole).toInt() != int(*m_result))
        return false;
    return true;
}

} // namespace gcn
