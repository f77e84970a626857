#include "storage/Outbox.h"

#include <limits>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include "storage/EventJson.h"

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

constexpr int schemaVersion = 1;

const QStringList schemaStatements {
    u"CREATE TABLE IF NOT EXISTS messages ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " channel TEXT NOT NULL,"
    " recipient TEXT NOT NULL,"
    " kind TEXT NOT NULL,"
    " event_types TEXT NOT NULL,"
    " board_ids TEXT NOT NULL,"
    " subject TEXT NOT NULL,"
    " short_text TEXT NOT NULL,"
    " long_text TEXT NOT NULL,"
    " status TEXT NOT NULL,"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " next_attempt_at INTEGER,"
    " last_error TEXT NOT NULL DEFAULT '',"
    " created_at INTEGER NOT NULL,"
    " occurred_at INTEGER,"
    " last_attempt_at INTEGER,"
    " sent_at INTEGER)"_s,
    u"CREATE INDEX IF NOT EXISTS messages_due ON messages(status, next_attempt_at)"_s,
    u"CREATE INDEX IF NOT EXISTS messages_recipient ON messages(channel, recipient, created_at)"_s,
    u"CREATE INDEX IF NOT EXISTS messages_created ON messages(created_at)"_s,
    u"CREATE TABLE IF NOT EXISTS held_events ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " channel TEXT NOT NULL,"
    " recipient TEXT NOT NULL,"
    " event TEXT NOT NULL,"
    " held_at INTEGER NOT NULL)"_s,
    u"CREATE INDEX IF NOT EXISTS held_events_key ON held_events(channel, recipient, id)"_s,
};

const QString messageColumns = u"id, channel, recipient, kind, event_types, board_ids, subject, short_text, long_text,"
                               " status, attempts, next_attempt_at, last_error, created_at, occurred_at, sent_at"_s;

QVariant timeValue(const QDateTime& time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

// SQLite stores a null QString as NULL, which the NOT NULL text columns reject.
QString text(const QString& value)
{
    return value.isNull() ? u""_s : value;
}

QDateTime timeFrom(const QVariant& value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

std::optional<Channel> channelFromName(const QString& name)
{
    for (Channel channel : {Channel::Email, Channel::Sms, Channel::Twitter, Channel::Desktop}) {
        if (channelName(channel) == name)
            return channel;
    }
    return std::nullopt;
}

MessageKind kindFromName(const QString& name)
{
    for (MessageKind kind : {MessageKind::Notification, MessageKind::Digest, MessageKind::CapNotice}) {
        if (messageKindName(kind) == name)
            return kind;
    }
    return MessageKind::Notification;
}

OutboxStatus statusFromName(const QString& name)
{
    for (OutboxStatus status : {OutboxStatus::Pending, OutboxStatus::Delivered, OutboxStatus::Failed}) {
        if (outboxStatusName(status) == name)
            return status;
    }
    return OutboxStatus::Failed;
}

OutboxRecord recordFrom(const QSqlQuery& query)
{
    OutboxRecord record;
    record.id = query.value(0).toLongLong();
    record.channel = channelFromName(query.value(1).toString()).value_or(Channel::Email);
    record.recipient = query.value(2).toString();
    record.kind = kindFromName(query.value(3).toString());
    record.eventTypes = query.value(4).toString().split(u',', Qt::SkipEmptyParts);
    record.boardIds = query.value(5).toString().split(u',', Qt::SkipEmptyParts);
    record.subject = query.value(6).toString();
    record.shortText = query.value(7).toString();
    record.longText = query.value(8).toString();
    record.status = statusFromName(query.value(9).toString());
    record.attempts = query.value(10).toInt();
    record.nextAttemptAt = timeFrom(query.value(11));
    record.lastError = query.value(12).toString();
    record.createdAt = timeFrom(query.value(13));
    record.occurredAt = timeFrom(query.value(14));
    record.sentAt = timeFrom(query.value(15));
    return record;
}

StorageError queryError(const QSqlQuery& query, const QString& what)
{
    return StorageError {u"%1 failed: %2"_s.arg(what, query.lastError().text())};
}

} // namespace

QString outboxStatusName(OutboxStatus status)
{
    switch (status) {
    case OutboxStatus::Pending:
        return u"pending"_s;
    case OutboxStatus::Delivered:
        return u"delivered"_s;
    case OutboxStatus::Failed:
        return u"failed"_s;
    }
    return u"failed"_s;
}

QString messageKindName(MessageKind kind)
{
    switch (kind) {
    case MessageKind::Notification:
        return u"notification"_s;
    case MessageKind::Digest:
        return u"digest"_s;
    case MessageKind::CapNotice:
        return u"cap_notice"_s;
    }
    return u"notification"_s;
}

OutgoingMessage OutboxRecord::toOutgoingMessage() const
{
    OutgoingMessage message;
    message.id = id;
    message.channel = channel;
    message.recipient = recipient;
    message.subject = subject;
    message.shortText = shortText;
    message.longText = longText;
    message.createdAt = occurredAt.isValid() ? occurredAt : createdAt;
    return message;
}

std::expected<std::unique_ptr<Outbox>, StorageError> Outbox::open(const QString& stateDir, bool create)
{
    const QString path = QDir(stateDir).filePath(QString::fromLatin1(fileName));
    if (!create && !QFile::exists(path))
        return std::unexpected(StorageError {u"%1 does not exist"_s.arg(path)});
    if (create && !QDir().mkpath(stateDir))
        return std::unexpected(StorageError {u"cannot create the state folder %1"_s.arg(stateDir)});

    std::unique_ptr<Outbox> outbox(new Outbox);
    outbox->m_path = path;
    outbox->m_connectionName = u"gcn-outbox-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, outbox->m_connectionName);
    database.setDatabaseName(path);
    // Another process (gcn-manager history) may read while the service writes.
    database.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    if (!database.open())
        return std::unexpected(StorageError {u"cannot open %1: %2"_s.arg(path, database.lastError().text())});
    if (auto created = outbox->createSchema(); !created)
        return std::unexpected(created.error());
    qCDebug(lcStorage) << "opened outbox" << path;
    return outbox;
}

Outbox::~Outbox()
{
    {
        QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
        if (database.isOpen())
            database.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

std::expected<void, StorageError> Outbox::createSchema()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    // WAL lets readers work while the service writes; FULL synchronous makes a committed
    // notification survive a power cut, which matters more here than write speed.
    for (const QString& pragma : {u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=FULL"_s}) {
        if (!query.exec(pragma))
            return std::unexpected(queryError(query, pragma));
    }
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return std::unexpected(queryError(query, u"reading the schema version"_s));
    const int version = query.value(0).toInt();
    if (version > schemaVersion) {
        return std::unexpected(StorageError {
            u"%1 has schema version %2, newer than this program's %3; use a newer gcn-manager"_s.arg(m_path)
                .arg(version)
                .arg(schemaVersion)});
    }
    for (const QString& statement : schemaStatements) {
        if (!query.exec(statement))
            return std::unexpected(queryError(query, u"creating the outbox tables"_s));
    }
    if (!query.exec(u"PRAGMA user_version = %1"_s.arg(schemaVersion)))
        return std::unexpected(queryError(query, u"setting the schema version"_s));
    return {};
}

std::expected<void, StorageError> Outbox::insertMessage(OutboxRecord& record)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"INSERT INTO messages (channel, recipient, kind, event_types, board_ids, subject, short_text,"
                  " long_text, status, attempts, next_attempt_at, last_error, created_at, occurred_at, sent_at)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    query.addBindValue(channelName(record.channel));
    query.addBindValue(text(record.recipient));
    query.addBindValue(messageKindName(record.kind));
    query.addBindValue(text(record.eventTypes.join(u',')));
    query.addBindValue(text(record.boardIds.join(u',')));
    query.addBindValue(text(record.subject));
    query.addBindValue(text(record.shortText));
    query.addBindValue(text(record.longText));
    query.addBindValue(outboxStatusName(record.status));
    query.addBindValue(record.attempts);
    query.addBindValue(timeValue(record.nextAttemptAt));
    query.addBindValue(text(record.lastError));
    query.addBindValue(timeValue(record.createdAt));
    query.addBindValue(timeValue(record.occurredAt));
    query.addBindValue(timeValue(record.sentAt));
    if (!query.exec())
        return std::unexpected(queryError(query, u"storing a message for %1"_s.arg(record.recipient)));
    record.id = query.lastInsertId().toLongLong();
    return {};
}

std::expected<void, StorageError> Outbox::replaceHeldEvents(const QList<qint64>& heldIds, OutboxRecord& record)
{
    QSqlDatabase database = QSqlDatabase::database(m_connectionName);
    if (!database.transaction())
        return std::unexpected(StorageError {u"cannot start a transaction: "_s + database.lastError().text()});
    auto inserted = insertMessage(record);
    if (!inserted) {
        database.rollback();
        return inserted;
    }
    QSqlQuery query(database);
    query.prepare(u"DELETE FROM held_events WHERE id = ?"_s);
    for (qint64 id : heldIds) {
        query.bindValue(0, id);
        if (!query.exec()) {
            const StorageError error = queryError(query, u"removing held events"_s);
            database.rollback();
            record.id = 0;
            return std::unexpected(error);
        }
    }
    if (!database.commit()) {
        const StorageError error {u"cannot commit a digest: "_s + database.lastError().text()};
        database.rollback();
        record.id = 0;
        return std::unexpected(error);
    }
    return {};
}

std::optional<OutboxRecord> Outbox::message(qint64 id) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"SELECT %1 FROM messages WHERE id = ?"_s.arg(messageColumns));
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return recordFrom(query);
}

std::expected<void, StorageError> Outbox::recordAttempt(qint64 id, const QDateTime& at)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"UPDATE messages SET attempts = attempts + 1, last_attempt_at = ? WHERE id = ?"_s);
    query.addBindValue(timeValue(at));
    query.addBindValue(id);
    if (!query.exec())
        return std::unexpected(queryError(query, u"recording an attempt of message %1"_s.arg(id)));
    return {};
}

std::expected<void, StorageError> Outbox::markDelivered(qint64 id, const QDateTime& sentAt, const QString& note)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"UPDATE messages SET status = ?, sent_at = ?, next_attempt_at = NULL, "
                  "last_error = COALESCE(?, last_error) WHERE id = ?"_s);
    query.addBindValue(outboxStatusName(OutboxStatus::Delivered));
    query.addBindValue(timeValue(sentAt));
    query.addBindValue(note.isEmpty() ? QVariant() : QVariant(note));
    query.addBindValue(id);
    if (!query.exec())
        return std::unexpected(queryError(query, u"marking message %1 delivered"_s.arg(id)));
    return {};
}

std::expected<void, StorageError> Outbox::markFailed(qint64 id, const QString& error)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"UPDATE messages SET status = ?, last_error = ?, next_attempt_at = NULL WHERE id = ?"_s);
    query.addBindValue(outboxStatusName(OutboxStatus::Failed));
    query.addBindValue(text(error));
    query.addBindValue(id);
    if (!query.exec())
        return std::unexpected(queryError(query, u"marking message %1 failed"_s.arg(id)));
    return {};
}

std::expected<void, StorageError> Outbox::scheduleRetry(qint64 id, const QString& error, const QDateTime& nextAttemptAt)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"UPDATE messages SET status = ?, last_error = ?, next_attempt_at = ? WHERE id = ?"_s);
    query.addBindValue(outboxStatusName(OutboxStatus::Pending));
    query.addBindValue(text(error));
    query.addBindValue(timeValue(nextAttemptAt));
    query.addBindValue(id);
    if (!query.exec())
        return std::unexpected(queryError(query, u"scheduling a retry of message %1"_s.arg(id)));
    return {};
}

std::expected<void, StorageError> Outbox::storeDeliveryState(const OutboxRecord& record)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"UPDATE messages SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, sent_at = ?"
                  " WHERE id = ?"_s);
    query.addBindValue(outboxStatusName(record.status));
    query.addBindValue(record.attempts);
    query.addBindValue(timeValue(record.nextAttemptAt));
    query.addBindValue(text(record.lastError));
    query.addBindValue(timeValue(record.sentAt));
    query.addBindValue(record.id);
    if (!query.exec())
        return std::unexpected(queryError(query, u"storing the state of message %1"_s.arg(record.id)));
    return {};
}

std::expected<void, StorageError> Outbox::setWritesBlocked(bool blocked)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    const QString pragma = blocked ? u"PRAGMA query_only = ON"_s : u"PRAGMA query_only = OFF"_s;
    if (!query.exec(pragma))
        return std::unexpected(queryError(query, pragma));
    return {};
}

namespace {

QString exclusionClause(const QStringList& busyRecipients)
{
    if (busyRecipients.isEmpty())
        return {};
    QStringList placeholders;
    placeholders.fill(u"?"_s, busyRecipients.size());
    return u" AND recipient NOT IN (%1)"_s.arg(placeholders.join(u", "_s));
}

} // namespace

QList<OutboxRecord> Outbox::dueMessages(Channel channel, const QDateTime& now, int limit,
                                        const QStringList& busyRecipients) const
{
    QList<OutboxRecord> records;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"SELECT %1 FROM messages WHERE status = ? AND channel = ?"
                  " AND (next_attempt_at IS NULL OR next_attempt_at <= ?)%2 ORDER BY id LIMIT ?"_s.arg(
                      messageColumns, exclusionClause(busyRecipients)));
    query.addBindValue(outboxStatusName(OutboxStatus::Pending));
    query.addBindValue(channelName(channel));
    query.addBindValue(now.toMSecsSinceEpoch());
    for (const QString& recipient : busyRecipients)
        query.addBindValue(recipient);
    query.addBindValue(limit);
    if (!query.exec()) {
        qCWarning(lcStorage) << "reading due messages failed:" << query.lastError().text();
        return records;
    }
    while (query.next())
        records.append(recordFrom(query));
    return records;
}

QDateTime Outbox::nextAttemptTime(Channel channel, const QStringList& busyRecipients) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"SELECT MIN(COALESCE(next_attempt_at, 0)) FROM messages WHERE status = ? AND channel = ?%1"_s.arg(
        exclusionClause(busyRecipients)));
    query.addBindValue(outboxStatusName(OutboxStatus::Pending));
    query.addBindValue(channelName(channel));
    for (const QString& recipient : busyRecipients)
        query.addBindValue(recipient);
    if (!query.exec() || !query.next() || query.value(0).isNull())
        return {};
    return timeFrom(query.value(0));
}

qsizetype Outbox::pendingCount() const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"SELECT COUNT(*) FROM messages WHERE status = ?"_s);
    query.addBindValue(outboxStatusName(OutboxStatus::Pending));
    if (!query.exec() || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

Outbox::Summary Outbox::summary() const
{
    Summary summary;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    if (query.exec(u"SELECT channel, status, COUNT(*) FROM messages GROUP BY channel, status"_s)) {
        while (query.next())
            summary.counts.insert({query.value(0).toString(), query.value(1).toString()}, query.value(2).toLongLong());
    }
    query.prepare(u"SELECT channel, MIN(created_at) FROM messages WHERE status = ? GROUP BY channel"_s);
    query.addBindValue(outboxStatusName(OutboxStatus::Pending));
    if (query.exec()) {
        while (query.next())
            summary.oldestPending.insert(query.value(0).toString(),
                                         QDateTime::fromMSecsSinceEpoch(query.value(1).toLongLong(), Qt::UTC));
    }
    return summary;
}

std::expected<void, StorageError> Outbox::clampNextAttempts(const QDateTime& latest)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"UPDATE messages SET next_attempt_at = ? WHERE status = ? AND next_attempt_at > ?"_s);
    query.addBindValue(latest.toMSecsSinceEpoch());
    query.addBindValue(outboxStatusName(OutboxStatus::Pending));
    query.addBindValue(latest.toMSecsSinceEpoch());
    if (!query.exec())
        return std::unexpected(queryError(query, u"bounding the next attempt times"_s));
    return {};
}

qsizetype Outbox::countCapped(Channel channel, const QString& recipient, const QDateTime& since) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"SELECT COUNT(*) FROM messages WHERE channel = ? AND recipient = ? AND created_at >= ?"
                  " AND kind <> ?"_s);
    query.addBindValue(channelName(channel));
    query.addBindValue(recipient);
    query.addBindValue(since.toMSecsSinceEpoch());
    query.addBindValue(messageKindName(MessageKind::CapNotice));
    if (!query.exec() || !query.next()) {
        qCWarning(lcStorage) << "counting messages to" << recipient << "failed:" << query.lastError().text();
        return 0;
    }
    return query.value(0).toLongLong();
}

QDateTime Outbox::oldestCapped(Channel channel, const QString& recipient, const QDateTime& since) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"SELECT MIN(created_at) FROM messages WHERE channel = ? AND recipient = ? AND created_at >= ?"
                  " AND kind <> ?"_s);
    query.addBindValue(channelName(channel));
    query.addBindValue(recipient);
    query.addBindValue(since.toMSecsSinceEpoch());
    query.addBindValue(messageKindName(MessageKind::CapNotice));
    if (!query.exec() || !query.next())
        return {};
    return timeFrom(query.value(0));
}

bool Outbox::hasCapNoticeSince(Channel channel, const QString& recipient, const QDateTime& since) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"SELECT COUNT(*) FROM messages WHERE channel = ? AND recipient = ? AND created_at >= ?"
                  " AND kind = ?"_s);
    query.addBindValue(channelName(channel));
    query.addBindValue(recipient);
    query.addBindValue(since.toMSecsSinceEpoch());
    query.addBindValue(messageKindName(MessageKind::CapNotice));
    return query.exec() && query.next() && query.value(0).toLongLong() > 0;
}

std::expected<qint64, StorageError> Outbox::holdEvent(Channel channel, const QString& recipient, const Event& event,
                                                      const QDateTime& heldAt)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"INSERT INTO held_events (channel, recipient, event, held_at) VALUES (?, ?, ?, ?)"_s);
    query.addBindValue(channelName(channel));
    query.addBindValue(text(recipient));
    query.addBindValue(QString::fromUtf8(QJsonDocument(eventToJson(event)).toJson(QJsonDocument::Compact)));
    query.addBindValue(heldAt.toMSecsSinceEpoch());
    if (!query.exec())
        return std::unexpected(queryError(query, u"storing an event for %1"_s.arg(recipient)));
    return query.lastInsertId().toLongLong();
}

QList<HeldEvent> Outbox::heldEvents(Channel channel, const QString& recipient) const
{
    QList<HeldEvent> events;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"SELECT id, event, held_at FROM held_events WHERE channel = ? AND recipient = ? ORDER BY id"_s);
    query.addBindValue(channelName(channel));
    query.addBindValue(recipient);
    if (!query.exec()) {
        qCWarning(lcStorage) << "reading held events of" << recipient << "failed:" << query.lastError().text();
        return events;
    }
    while (query.next()) {
        HeldEvent held;
        held.id = query.value(0).toLongLong();
        held.channel = channel;
        held.recipient = recipient;
        held.heldAt = timeFrom(query.value(2));
        const QByteArray json = query.value(1).toString().toUtf8();
        const std::optional<Event> event = eventFromJson(QJsonDocument::fromJson(json).object());
        if (!event) {
            // Kept in the table with an unknown type, e.g. written by a newer version; the digest
            // that picks up the other events leaves it behind.
            qCWarning(lcStorage) << "ignoring held event" << held.id << "that cannot be read:" << json;
            continue;
        }
        held.event = *event;
        events.append(held);
    }
    return events;
}

QList<HeldEvent> Outbox::heldKeys() const
{
    QList<HeldEvent> keys;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    if (!query.exec(u"SELECT channel, recipient, MIN(held_at) FROM held_events GROUP BY channel, recipient"_s)) {
        qCWarning(lcStorage) << "reading held events failed:" << query.lastError().text();
        return keys;
    }
    while (query.next()) {
        const std::optional<Channel> channel = channelFromName(query.value(0).toString());
        if (!channel)
            continue;
        HeldEvent key;
        key.channel = *channel;
        key.recipient = query.value(1).toString();
        key.heldAt = timeFrom(query.value(2));
        keys.append(key);
    }
    return keys;
}

QList<OutboxRecord> Outbox::history(const QDateTime& since, int limit) const
{
    QList<OutboxRecord> records;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"SELECT %1 FROM messages WHERE created_at >= ? ORDER BY created_at DESC, id DESC LIMIT ?"_s.arg(
        messageColumns));
    query.addBindValue(since.isValid() ? since.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min());
    query.addBindValue(limit);
    if (!query.exec()) {
        qCWarning(lcStorage) << "reading the history failed:" << query.lastError().text();
        return records;
    }
    while (query.next())
        records.append(recordFrom(query));
    return records;
}

QStringList Outbox::earlierShortTexts(Channel channel, const QString& recipient, int limit, qsizetype* total) const
{
    QStringList lines;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(u"SELECT short_text FROM messages WHERE channel = ? AND recipient = ? AND kind <> ?"
                  " ORDER BY created_at DESC, id DESC LIMIT ?"_s);
    query.addBindValue(channelName(channel));
    query.addBindValue(recipient);
    query.addBindValue(messageKindName(MessageKind::CapNotice));
    query.addBindValue(limit);
    if (query.exec()) {
        while (query.next())
            lines.append(query.value(0).toString());
    }
    if (total) {
        query.prepare(u"SELECT COUNT(*) FROM messages WHERE channel = ? AND recipient = ? AND kind <> ?"_s);
        query.addBindValue(channelName(channel));
        query.addBindValue(recipient);
        query.addBindValue(messageKindName(MessageKind::CapNotice));
        *total = query.exec() && query.next() ? query.value(0).toLongLong() : lines.size();
    }
    return lines;
}

} // namespace gcn
