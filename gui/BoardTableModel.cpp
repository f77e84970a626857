#include "BoardTableModel.h"

#include "EventText.h"

#include <algorithm>

#include <QBrush>
#include <QColor>
#include <QLocale>

#include "common/Clock.h"

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

const QColor problemBackground(255, 214, 204);

QString shortTime(const QDateTime& time, const QDateTime& now)
{
    const QDateTime local = time.toLocalTime();
    if (local.date() == now.toLocalTime().date())
        return local.toString(u"HH:mm:ss"_s);
    return QLocale().toString(local.date(), QLocale::ShortFormat) + u' ' + local.toString(u"HH:mm"_s);
}

} // namespace

BoardTableModel::BoardTableModel(Clock& clock, QObject* parent)
    : QAbstractTableModel(parent)
    , m_clock(clock)
{
}

void BoardTableModel::setNaming(const Naming& naming)
{
    beginResetModel();
    m_naming = naming;
    endResetModel();
}

void BoardTableModel::setBoards(const QList<BoardRecord>& boards)
{
    beginResetModel();
    m_boards = boards;
    m_pins.clear();
    for (const BoardRecord& record : std::as_const(m_boards)) {
        for (const QString& pin : record.monitoredPins + record.pins.keys()) {
            if (!m_pins.contains(pin))
                m_pins.append(pin);
        }
    }
    std::sort(m_pins.begin(), m_pins.end());
    endResetModel();
}

bool BoardTableModel::addPinColumns(const BoardRecord& record)
{
    QStringList added;
    for (const QString& pin : record.monitoredPins + record.pins.keys()) {
        if (!m_pins.contains(pin) && !added.contains(pin))
            added.append(pin);
    }
    if (added.isEmpty())
        return false;
    // New pins are rare (a board's first list), so a reset keeps the sorted column order simple.
    beginResetModel();
    m_pins += added;
    std::sort(m_pins.begin(), m_pins.end());
    endResetModel();
    return true;
}

void BoardTableModel::updateBoard(const BoardRecord& record)
{
    const auto found = std::find_if(m_boards.begin(), m_boards.end(),
                                    [&](const BoardRecord& known) { return known.id == record.id; });
    if (found == m_boards.end()) {
        addPinColumns(record);
        const int row = int(m_boards.size());
        beginInsertRows({}, row, row);
        m_boards.append(record);
        endInsertRows();
        return;
    }
    *found = record;
    if (addPinColumns(record))
        return;
    const int row = int(found - m_boards.begin());
    Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
}

void BoardTableModel::refreshTimes()
{
    if (m_boards.isEmpty())
        return;
    Q_EMIT dataChanged(index(0, StatusColumn), index(rowCount() - 1, HeartbeatColumn));
}

int BoardTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_boards.size());
}

int BoardTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : FirstPinColumn + int(m_pins.size());
}

int BoardTableModel::problemCount() const
{
    return int(std::count_if(m_boards.cbegin(), m_boards.cend(),
                             [this](const BoardRecord& record) { return !problemsOf(record).isEmpty(); }));
}

QStringList BoardTableModel::problemsOf(const BoardRecord& record) const
{
    QStringList problems;
    if (record.status == BoardStatus::Offline)
        problems.append(tr("offline"));
    if (record.silent) {
        const qint64 silence = secondsSinceHeartbeat(record);
        problems.append(silence >= 0 ? tr("silent for %1").arg(EventText::duration(silence)) : tr("silent"));
    }
    if (record.skewed)
        problems.append(tr("clock skewed by %1").arg(EventText::duration(qAbs(record.skewSeconds))));
    return problems;
}

qint64 BoardTableModel::secondsSinceHeartbeat(const BoardRecord& record) const
{
    if (!record.heartbeat)
        return -1;
    // A retained heartbeat may be days old: its board time is the only time it carries.
    const QDateTime at = record.heartbeatRetained || !record.heartbeatReceivedAt.isValid()
                             ? QDateTime::fromSecsSinceEpoch(*record.heartbeat, Qt::UTC)
                             : record.heartbeatReceivedAt;
    return qMax<qint64>(0, at.secsTo(m_clock.now()));
}

QString BoardTableModel::metric(const BoardRecord& record, const QString& path) const
{
    return record.metrics.value(path).value;
}

QString BoardTableModel::statusText(const BoardRecord& record) const
{
    QString status;
    switch (record.status) {
    case BoardStatus::Online:
        status = tr("online");
        break;
    case BoardStatus::Offline:
        status = tr("offline");
        break;
    case BoardStatus::Unknown:
        status = tr("unknown");
        break;
    }
    QStringList problems = problemsOf(record);
    problems.removeAll(tr("offline"));
    if (!problems.isEmpty())
        status += tr(", ") + problems.join(tr(", "));
    return status;
}

QString BoardTableModel::pinText(const BoardRecord& record, const QString& pin) const
{
    const bool monitored = record.monitoredPins.contains(pin);
    const auto sample = record.pins.constFind(pin);
    if (sample == record.pins.cend())
        return monitored ? tr("no sample yet") : QString();

    QString word = m_naming.stateWord(record.id, pin, sample->state);
    if (word.isEmpty())
        word = sample->state == 1 ? tr("up") : tr("down");
    const QString label = m_naming.pinLabel(record.id, pin).label;
    const QDateTime changedAt = sample->boardTimestamp > 0
                                    ? QDateTime::fromSecsSinceEpoch(sample->boardTimestamp, Qt::UTC)
                                    : sample->receivedAt;
    QString text = label.isEmpty() ? tr("%1 since %2").arg(word, shortTime(changedAt, m_clock.now()))
                                   : tr("%1 %2 since %3").arg(label, word, shortTime(changedAt, m_clock.now()));
    if (record.pinsKnown && !monitored)
        text += u' ' + tr("(not monitored)");
    return text;
}

QVariant BoardTableModel::displayData(const BoardRecord& record, int column) const
{
    switch (column) {
    case BoardColumn:
        return EventText::boardName(record.id, m_naming.boardAlias(record.id));
    case StatusColumn:
        return statusText(record);
    case HeartbeatColumn: {
        const qint64 seconds = secondsSinceHeartbeat(record);
        return seconds < 0 ? tr("never") : tr("%1 ago").arg(EventText::duration(seconds));
    }
    case SkewColumn:
        if (!record.heartbeat || record.heartbeatRetained)
            return QString();
        return tr("%1 s").arg(record.skewSeconds > 0 ? u"+"_s + QString::number(record.skewSeconds)
                                                      : QString::number(record.skewSeconds));
    case RssiColumn: {
        const QString rssi = metric(record, u"network/rssi"_s);
        return rssi.isEmpty() ? QString() : tr("%1 dBm").arg(rssi);
    }
    case FreeHeapColumn: {
        bool valid = false;
        const qint64 bytes = metric(record, u"esp8266/free_heap"_s).toLongLong(&valid);
        return valid ? QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat) : QString();
    }
    case UptimeColumn: {
        bool valid = false;
        const qint64 milliseconds = metric(record, u"uptime/system_ms"_s).toLongLong(&valid);
        return valid ? EventText::duration(milliseconds / 1000) : QString();
    }
    case DroppedColumn:
        return record.droppedTotal ? QString::number(*record.droppedTotal) : QString();
    default:
        return pinText(record, m_pins.value(column - FirstPinColumn));
    }
}

QVariant BoardTableModel::sortData(const BoardRecord& record, int column) const
{
    switch (column) {
    case BoardColumn:
        return displayData(record, column);
    case StatusColumn:
        return int(problemsOf(record).size()) * 10 + int(record.status);
    case HeartbeatColumn:
        return secondsSinceHeartbeat(record);
    case SkewColumn:
        return record.skewSeconds;
    case RssiColumn:
        return metric(record, u"network/rssi"_s).toLongLong();
    case FreeHeapColumn:
        return metric(record, u"esp8266/free_heap"_s).toLongLong();
    case UptimeColumn:
        return metric(record, u"uptime/system_ms"_s).toLongLong();
    case DroppedColumn:
        return record.droppedTotal ? qint64(*record.droppedTotal) : qint64(-1);
    default: {
        const auto sample = record.pins.constFind(m_pins.value(column - FirstPinColumn));
        return sample == record.pins.cend() ? -1 : sample->state;
    }
    }
}

QVariant BoardTableModel::toolTipData(const BoardRecord& record, int column) const
{
    if (column == BoardColumn) {
        QStringList lines;
        if (!record.hardware.isEmpty())
            lines.append(tr("Hardware: %1").arg(record.hardware));
        const QString address = metric(record, u"network/local_ip"_s);
        if (!address.isEmpty())
            lines.append(tr("Address: %1").arg(address));
        if (record.firstSeenAt.isValid())
            lines.append(tr("First seen: %1").arg(QLocale().toString(record.firstSeenAt.toLocalTime(),
                                                                    QLocale::ShortFormat)));
        return lines.join(u'\n');
    }
    if (column == StatusColumn) {
        const QStringList problems = problemsOf(record);
        return problems.isEmpty() ? tr("No problem") : problems.join(u'\n');
    }
    return {};
}

QVariant BoardTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_boards.size() || index.column() >= columnCount())
        return {};
    const BoardRecord& record = m_boards.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(record, index.column());
    case SortRole:
        return sortData(record, index.column());
    case Qt::ToolTipRole:
        return toolTipData(record, index.column());
    case BoardIdRole:
        return record.id;
    case ProblemRole:
        return !problemsOf(record).isEmpty();
    case Qt::BackgroundRole:
        return problemsOf(record).isEmpty() ? QVariant() : QVariant(QBrush(problemBackground));
    case Qt::ForegroundRole:
        return problemsOf(record).isEmpty() ? QVariant() : QVariant(QBrush(Qt::black));
    default:
        return {};
    }
}

QVariant BoardTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case BoardColumn:
        return tr("Board");
    case StatusColumn:
        return tr("Status");
    case HeartbeatColumn:
        return tr("Last heartbeat");
    case SkewColumn:
        return tr("Skew");
    case RssiColumn:
        return tr("RSSI");
    case FreeHeapColumn:
        return tr("Free heap");
    case UptimeColumn:
        return tr("Uptime");
    case DroppedColumn:
        return tr("Dropped");
    default:
        return m_pins.value(section - FirstPinColumn);
    }
}

QList<QStringList> BoardTableModel::displayedCells() const
{
    QList<QStringList> cells;
    QStringList header;
    for (int column = 0; column < columnCount(); ++column)
        header.append(headerData(column, Qt::Horizontal).toString());
    cells.append(header);
    for (int row = 0; row < rowCount(); ++row) {
        QStringList line;
        for (int column = 0; column < columnCount(); ++column)
            line.append(data(index(row, column)).toString());
        cells.append(line);
    }
    return cells;
}

} // namespace gcn
