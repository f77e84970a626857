#include "NotificationHistory.h"

#include <algorithm>

#include "storage/Outbox.h"

namespace gcn {

MemoryHistorySource::MemoryHistorySource(int capacity, QObject* parent)
    : NotificationHistorySource(parent)
    , m_capacity(qMax(1, capacity))
{
}

QList<NotificationHistoryEntry> MemoryHistorySource::entries(int limit) const
{
    QList<NotificationHistoryEntry> newestFirst;
    for (auto it = m_entries.crbegin(); it != m_entries.crend() && newestFirst.size() < limit; ++it)
        newestFirst.append(*it);
    return newestFirst;
}

void MemoryHistorySource::record(const NotificationHistoryEntry& entry)
{
    const auto found = std::find_if(m_entries.begin(), m_entries.end(),
                                    [&](const NotificationHistoryEntry& known) { return known.id == entry.id; });
    if (found != m_entries.end()) {
        *found = entry;
    } else {
        m_entries.append(entry);
        while (m_entries.size() > m_capacity)
            m_entries.removeFirst();
    }
    Q_EMIT entryChanged(entry);
}

} // namespace gcn

namespace gcn {

using namespace Qt::StringLiterals;

OutboxHistorySource::OutboxHistorySource(QString stateDir, int pollMs, QObject* parent)
    : NotificationHistorySource(parent)
    , m_stateDir(std::move(stateDir))
{
    m_timer.setInterval(pollMs);
    connect(&m_timer, &QTimer::timeout, this, &OutboxHistorySource::poll);
    m_timer.start();
    poll();
}

OutboxHistorySource::~OutboxHistorySource() = default;

QList<NotificationHistoryEntry> OutboxHistorySource::entries(int limit) const
{
    return m_entries.mid(0, limit);
}

NotificationHistoryEntry OutboxHistorySource::fromRecord(const OutboxRecord& record)
{
    NotificationHistoryEntry entry;
    entry.id = record.id;
    entry.time = record.sentAt.isValid() ? record.sentAt : record.createdAt;
    entry.eventTypes = record.eventTypes;
    entry.boardIds = record.boardIds;
    entry.channel = record.channel;
    entry.recipient = record.recipient;
    switch (record.status) {
    case OutboxStatus::Pending:
        entry.result = NotificationHistoryEntry::Result::Pending;
        break;
    case OutboxStatus::Delivered:
        entry.result = NotificationHistoryEntry::Result::Delivered;
        break;
    case OutboxStatus::Failed:
        entry.result = NotificationHistoryEntry::Result::Failed;
        break;
    }
    entry.error = record.lastError;
    return entry;
}

void OutboxHistorySource::poll()
{
    if (!m_outbox) {
        // Opening without creating: the outbox belongs to the manager that sends, not to this reader.
        auto opened = Outbox::open(m_stateDir, false);
        if (!opened) {
            if (!m_openFailureLogged)
                qCInfo(lcStorage).noquote() << u"no notification history to show yet: %1"_s.arg(opened.error().message);
            m_openFailureLogged = true;
            return;
        }
        m_outbox = std::move(*opened);
    }
    QList<NotificationHistoryEntry> latest;
    for (const OutboxRecord& record : m_outbox->history({}, readLimit))
        latest.append(fromRecord(record));
    // Announced oldest first, so that the newest ends on top of the table.
    QList<NotificationHistoryEntry> announcements;
    for (auto it = latest.crbegin(); it != latest.crend(); ++it) {
        const auto known = std::find_if(m_entries.cbegin(), m_entries.cend(),
                                        [&](const NotificationHistoryEntry& old) { return old.id == it->id; });
        if (known == m_entries.cend() || known->result != it->result || known->error != it->error
            || known->time != it->time)
            announcements.append(*it);
    }
    m_entries = latest;
    for (const NotificationHistoryEntry& entry : std::as_const(announcements))
        Q_EMIT entryChanged(entry);
}

} // namespace gcn
