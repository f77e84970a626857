#pragma once

#include "channels/Sender.h"
#include "supervision/Event.h"

#include <QDateTime>
#include <QMap>
#include <QList>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <expected>
#include <memory>
#include <optional>

// Defined with the board store: one category, gcn.storage, for the whole storage subsystem.
Q_DECLARE_LOGGING_CATEGORY(lcStorage)

namespace gcn {

enum class OutboxStatus { Pending, Delivered, Failed };
QString outboxStatusName(OutboxStatus status);

enum class MessageKind {
    // One event.
    Notification,
    // Several events of one batch, or what a cap held back.
    Digest,
    // The one message that tells a recipient that the daily cap on a channel was reached.
    CapNotice,
};
QString messageKindName(MessageKind kind);

// One message to one recipient on one channel, as stored in the outbox.
struct OutboxRecord
{
    qint64 id = 0;
    Channel channel = Channel::Email;
    QString recipient;
    MessageKind kind = MessageKind::Notification;
    // Names of the event types in the message (eventTypeName()), one per event, oldest first.
    QStringList eventTypes;
    // Ids of the boards the message is about, without repeats; empty for manager events.
    QStringList boardIds;
    QString subject;
    QString shortText;
    QString longText;
    OutboxStatus status = OutboxStatus::Pending;
    int attempts = 0;
    QDateTime nextAttemptAt;
    QString lastError;
    QDateTime createdAt;
    // When the first event of the message happened.
    QDateTime occurredAt;
    // When the channel accepted the message; invalid until delivered.
    QDateTime sentAt;

    OutgoingMessage toOutgoingMessage() const;
};

// An event accepted for one recipient and channel but not yet part of a message, because its batch
// window is still open or the recipient's cap is reached.
struct HeldEvent
{
    qint64 id = 0;
    Channel channel = Channel::Email;
    QString recipient;
    Event event;
    QDateTime heldAt;
};

} // namespace gcn

Q_DECLARE_METATYPE(gcn::OutboxRecord)

namespace gcn {

struct StorageError
{
    QString message;
};

// Storage of outgoing notifications: a SQLite database `outbox.sqlite` (WAL journal) in the state
// folder. A notification is written here before any attempt to send it, so that pending messages
// and held events survive a restart. Times are stored as UTC milliseconds since the epoch.
// Not thread-safe: use one object from one thread.
class Outbox
{
public:
    static constexpr auto fileName = "outbox.sqlite";

    // Opens (creating the folder, file and tables when `create` is true) the outbox of a state folder.
    static std::expected<std::unique_ptr<Outbox>, StorageError> open(const QString& stateDir, bool create = true);
    ~Outbox();
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    QString filePath() const { return m_path; }

    // Inserts a message and sets its id.
    std::expected<void, StorageError> insertMessage(OutboxRecord& record);
    // Turns held events into one message in a single transaction, so that a crash leaves either the
    // held events or the message, never both and never neither.
    std::expected<void, StorageError> replaceHeldEvents(const QList<qint64>& heldIds, OutboxRecord& record);
    std::optional<OutboxRecord> message(qint64 id) const;

    std::expected<void, StorageError> recordAttempt(qint64 id, const QDateTime& at);
    // Marks a message delivered. A non-empty `note` replaces the last error, e.g. to say that a paused
    // desktop alert was not shown; an empty one keeps the error of an earlier failed attempt.
    std::expected<void, StorageError> markDelivered(qint64 id, const QDateTime& sentAt, const QString& note = {});
    std::expected<void, StorageError> markFailed(qint64 id, const QString& error);
    std::expected<void, StorageError> scheduleRetry(qint64 id, const QString& error, const QDateTime& nextAttemptAt);
    // Writes the status, attempts, next attempt, last error and sending time of a stored message, e.g.
    // the state a dispatcher kept in memory while the outbox could not be written.
    std::expected<void, StorageError> storeDeliveryState(const OutboxRecord& record);
    // Makes every later write of this connection fail (SQLite's read-only error) or work again; reads go
    // on working. Tests use it to reproduce a full or read-only state folder.
    std::expected<void, StorageError> setWritesBlocked(bool blocked);

    // Pending messages of a channel whose next attempt is due at `now`, oldest first, leaving out
    // those to `busyRecipients` (recipients with a message being sent).
    QList<OutboxRecord> dueMessages(Channel channel, const QDateTime& now, int limit,
                                    const QStringList& busyRecipients = {}) const;
    // Earliest next attempt among pending messages of a channel, leaving out those to
    // `busyRecipients`; an invalid time when there is none.
    QDateTime nextAttemptTime(Channel channel, const QStringList& busyRecipients = {}) const;
    qsizetype pendingCount() const;

    // Counts by channel name and status name ("pending", "delivered", "failed"), and the creation time of
    // the oldest pending message by channel name, for monitoring.
    struct Summary
    {
        QMap<std::pair<QString, QString>, qsizetype> counts;
        QMap<QString, QDateTime> oldestPending;
    };
    Summary summary() const;
    // Moves next attempts later than `latest` to `latest`: after the wall clock was stepped back,
    // stored due times lie further ahead than any delay the dispatcher schedules.
    std::expected<void, StorageError> clampNextAttempts(const QDateTime& latest);

    // Messages counted by the daily cap (every kind but the cap notice) created at or after `since`.
    qsizetype countCapped(Channel channel, const QString& recipient, const QDateTime& since) const;
    // Creation time of the oldest message counted by the cap at or after `since`.
    QDateTime oldestCapped(Channel channel, const QString& recipient, const QDateTime& since) const;
    bool hasCapNoticeSince(Channel channel, const QString& recipient, const QDateTime& since) const;

    std::expected<qint64, StorageError> holdEvent(Channel channel, const QString& recipient, const Event& event,
                                                  const QDateTime& heldAt);
    // Held events of one recipient and channel in the order they were held.
    QList<HeldEvent> heldEvents(Channel channel, const QString& recipient) const;
    // Each recipient and channel that has held events, with the time of its oldest one.
    QList<HeldEvent> heldKeys() const;

    // Messages created at or after `since` (all when invalid), newest first, at most `limit`.
    QList<OutboxRecord> history(const QDateTime& since = {}, int limit = 100) const;
    // Returns the short texts of earlier messages (not cap notices) to a recipient on a channel,
    // newest first, at most `limit`. `total` receives the number of such messages.
    QStringList earlierShortTexts(Channel channel, const QString& recipient, int limit, qsizetype* total) const;

private:
    Outbox() = default;
    std::expected<void, StorageError> createSchema();

    QString m_connectionName;
    QString m_path;
};

} // namespace gcn
