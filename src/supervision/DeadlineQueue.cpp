#include "supervision/DeadlineQueue.h"

#include <tuple>

namespace gcn {

bool DeadlineKey::operator<(const DeadlineKey& other) const
{
    return std::tie(kind, boardId, pin) < std::tie(other.kind, other.boardId, other.pin);
}

void DeadlineQueue::schedule(const DeadlineKey& key, qint64 atMs)
{
    if (isSuspended(key.kind)) {
        cancel(key);
        m_suspendedKeys.insert(key);
        return;
    }
    // A watchdog moves at every heartbeat: move the existing entries instead of allocating new ones.
    if (const auto found = m_byKey.find(key); found != m_byKey.end()) {
        auto node = m_byTime.extract({found->second, &found->first});
        found->second = atMs;
        node.value().first = atMs;
        m_byTime.insert(std::move(node));
        return;
    }
    m_suspendedKeys.erase(key);
    const auto inserted = m_byKey.emplace(key, atMs).first;
    m_byTime.emplace(atMs, &inserted->first);
}

void DeadlineQueue::eraseTime(qint64 atMs, const DeadlineKey& key)
{
    m_byTime.erase({atMs, &key});
}

void DeadlineQueue::cancel(const DeadlineKey& key)
{
    m_suspendedKeys.erase(key);
    const auto found = m_byKey.find(key);
    if (found == m_byKey.end())
        return;
    eraseTime(found->second, found->first);
    m_byKey.erase(found);
}

bool DeadlineQueue::contains(const DeadlineKey& key) const
{
    return m_byKey.contains(key) || m_suspendedKeys.contains(key);
}

std::optional<qint64> DeadlineQueue::deadlineOf(const DeadlineKey& key) const
{
    const auto found = m_byKey.find(key);
    if (found == m_byKey.end())
        return std::nullopt;
    return found->second;
}

std::optional<qint64> DeadlineQueue::next() const
{
    if (m_byTime.empty())
        return std::nullopt;
    return m_byTime.begin()->first;
}

std::optional<DeadlineKey> DeadlineQueue::takeDue(qint64 nowMs)
{
    if (m_byTime.empty() || m_byTime.begin()->first > nowMs)
        return std::nullopt;
    const DeadlineKey key = *m_byTime.begin()->second;
    m_byTime.erase(m_byTime.begin());
    m_byKey.erase(key);
    return key;
}

void DeadlineQueue::suspend(const QList<DeadlineKind>& kinds)
{
    for (const DeadlineKind kind : kinds) {
        if (!m_suspendedKinds.contains(kind))
            m_suspendedKinds.append(kind);
    }
    for (auto it = m_byKey.begin(); it != m_byKey.end();) {
        if (m_suspendedKinds.contains(it->first.kind)) {
            m_suspendedKeys.insert(it->first);
            eraseTime(it->second, it->first);
            it = m_byKey.erase(it);
        } else {
            ++it;
        }
    }
}

bool DeadlineQueue::isSuspended(DeadlineKind kind) const
{
    return m_suspendedKinds.contains(kind);
}

QList<DeadlineKey> DeadlineQueue::resume()
{
    QList<DeadlineKey> keys(m_suspendedKeys.begin(), m_suspendedKeys.end());
    m_suspendedKeys.clear();
    m_suspendedKinds.clear();
    return keys;
}

} // namespace gcn
