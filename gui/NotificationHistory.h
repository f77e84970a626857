#pragma once

#include "channels/Sender.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <memory>

namespace gcn {

// One message of the notification history: what was sent (or tried) to whom, on which channel, and
// how it ended. Mirrors an outbox row, so that the outbox can feed the same table.
struct NotificationHistoryEntry
{
    enum class Result { Pending, Delivered, Failed };

    // Unique within its source; a later entry with the same id replaces the earlier one.
    qint64 id = 0;
    QDateTime time;
    // Names of the event types (eventTypeName()), one per event in the message.
    QStringList eventTypes;
    QStringList boardIds;
    Channel channel = Channel::Desktop;
    QString recipient;
    Result result = Result::Pending;
    QString error;
};

// A feed of notification history entries for the history table: the outbox of a state folder
// (OutboxHistorySource), which the tray uses, or entries kept in memory (MemoryHistorySource).
class NotificationHistorySource : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // The newest entries, newest first, at most `limit`.
    virtual QList<NotificationHistoryEntry> entries(int limit) const = 0;

Q_SIGNALS:
    // An entry was added or its result changed.
    void entryChanged(const gcn::NotificationHistoryEntry& entry);
};

// Entries given with record(), kept in memory (at most `capacity`, oldest dropped first).
class MemoryHistorySource final : public NotificationHistorySource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemoryHistorySource)

public:
    explicit MemoryHistorySource(int capacity = 1000, QObject* parent = nullptr);

    QList<NotificationHistoryEntry> entries(int limit) const override;
    // Adds the entry, or replaces the one with the same id, and emits entryChanged().
    void record(const NotificationHistoryEntry& entry);

private:
    int m_capacity;
    // Oldest first.
    QList<NotificationHistoryEntry> m_entries;
};

} // namespace gcn

Q_DECLARE_METATYPE(gcn::NotificationHistoryEntry)

namespace gcn {

class Outbox;
struct OutboxRecord;

// The history of the outbox in a state folder (`outbox.sqlite`), read again every pollMs: the messages
// that a full-mode tray, or a service running as the same user with the same state folder, queued and
// delivered. A missing outbox is not an error; it is opened once it appears.
class OutboxHistorySource final : public NotificationHistorySource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxHistorySource)

public:
    static constexpr int defaultPollMs = 10'000;
    // Messages read at most per poll, newest first.
    static constexpr int readLimit = 500;

    explicit OutboxHistorySource(QString stateDir, int pollMs = defaultPollMs, QObject* parent = nullptr);
    ~OutboxHistorySource() override;

    QList<NotificationHistoryEntry> entries(int limit) const override;
    // Reads the outbox now and emits entryChanged() for each new or changed message.
    void poll();

    static NotificationHistoryEntry fromRecord(const OutboxRecord& record);

private:
    QString m_stateDir;
    std::unique_ptr<Outbox> m_outbox;
    // Newest first, as last read.
    QList<NotificationHistoryEntry> m_entries;
    QTimer m_timer;
    bool m_openFailureLogged = false;
};

} // namespace gcn
