#include "NotificationHistory.h"

#include <algorithm>

namespace gcn {

DesktopAlertHistory::DesktopAlertHistory(int capacity, QObject* parent)
    : NotificationHistorySource(parent)
    , m_capacity(qMax(1, capacity))
{
}

QList<NotificationHistoryEntry> DesktopAlertHistory::entries(int limit) const
{
    QList<NotificationHistoryEntry> newestFirst;
    for (auto it = m_entries.crbegin(); it != m_entries.crend() && newestFirst.size() < limit; ++it)
        newestFirst.append(*it);
    return newestFirst;
}

void DesktopAlertHistory::record(const NotificationHistoryEntry& entry)
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
