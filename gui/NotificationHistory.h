#pragma once

#include "channels/Sender.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

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

// A feed of notification history entries for the history table.
//
// NOTE: the tray feeds it with its own desktop alerts (DesktopAlertHistory). The outbox with its
// dispatcher is the other intended source; an adapter reads Outbox::history() and follows the
// dispatcher's queued, delivered and failed signals.
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

// The desktop alerts of this run, kept in memory (at most `capacity`, oldest dropped first).
class DesktopAlertHistory final : public NotificationHistorySource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopAlertHistory)

public:
    explicit DesktopAlertHistory(int capacity = 1000, QObject* parent = nullptr);

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
