#include "storage/BoardStore.h"

#include <atomic>

#include <QDir>
#include <QFileInfo>
#include <QFuture>
#include <QFutureWatcher>
#include <QPromise>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>
#include <QVariant>

Q_LOGGING_CATEGORY(lcStorage, "gcn.storage")

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

// Version of the schema below, kept in SQLite's user_version. Version 2 added boards.skewed_since.
constexpr int schemaVersion = 2;

// SQLite's page cache of each connection, in KiB (SQLite's default is 2,000). The kernel keeps the file's
// pages anyway, so a larger cache saves only system calls, and a read-write store has two connections.
constexpr int pageCacheKiB = 512;
const QString pageCachePragma = u"PRAGMA cache_size=-%1"_s.arg(pageCacheKiB);

const QString boardColumns =
    u"id, first_seen_at, last_seen_at, status, status_received_at, announced_status, pins_known, "
    "monitored_pins, heartbeat, heartbeat_received_at, heartbeat_retained, silent, silent_since, skewed, "
    "skew_seconds, dropped_total, dropped_received_at, hardware, hardware_received_at, skewed_since"_s;

// The columns to read from a store of schema `version`; columns added later read as NULL.
QString boardColumnsOf(int version)
{
    if (version < 2)
        return QString(boardColumns).replace(u"skewed_since"_s, u"NULL"_s);
    return boardColumns;
}

QVariant timeValue(const QDateTime& time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

QDateTime timeFrom(const QVariant& value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QString sqlError(const QSqlError& error)
{
    return error.text().isEmpty() ? u"unknown SQLite error"_s : error.text();
}

std::atomic<quint64> connectionCounter {0};

} // namespace

QString StoreError::toString() const
{
    return u"%1: %2"_s.arg(path, message);
}

// Changes waiting for a commit, one per row: a later change of a row replaces the earlier one.
struct PendingChanges
{
    QMap<QString, BoardRecord> boards;
    // A null optional deletes the pin's row.
    QMap<QPair<QString, QString>, std::optional<PinSample>> pins;
    QMap<QPair<QString, QString>, MetricValue> metrics;

    int size() const { return int(boards.size() + pins.size() + metrics.size()); }

    // Puts back the changes of a batch that failed to commit, under the changes queued since.
    void addOlder(const PendingChanges& older)
    {
        insertMissing(boards, older.boards);
        insertMissing(pins, older.pins);
        insertMissing(metrics, older.metrics);
    }

private:
    template <typename Map>
    static void insertMissing(Map& target, const Map& source)
    {
        for (auto it = source.cbegin(); it != source.cend(); ++it) {
            if (!target.contains(it.key()))
                target.insert(it.key(), it.value());
        }
    }
};

namespace {

// Writes every change in one transaction on db. On failure, rolls back and sets error.
bool commitChanges(QSqlDatabase& db, const PendingChanges& changes, QString* error)
{
    if (!db.transaction()) {
        *error = u"failed to start a transaction: "_s + sqlError(db.lastError());
        return false;
    }
    auto fail = [&db, error](const QSqlQuery& query) {
        *error = sqlError(query.lastError());
        db.rollback();
        return false;
    };

    QSqlQuery boardQuery(db);
    boardQuery.prepare(u"INSERT OR REPLACE INTO boards (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                       "?, ?, ?, ?)"_s.arg(boardColumns));
    for (const BoardRecord& record : changes.boards) {
        const QVariantList values {
            record.id,
            timeValue(record.firstSeenAt),
            timeValue(record.lastSeenAt),
            boardStatusName(record.status),
            timeValue(record.statusReceivedAt),
            boardStatusName(record.announcedStatus),
            record.pinsKnown,
            record.monitoredPins.join(u','),
            record.heartbeat ? QVariant(qint64(*record.heartbeat)) : QVariant(QMetaType::fromType<qint64>()),
            timeValue(record.heartbeatReceivedAt),
            record.heartbeatRetained,
            record.silent,
            timeValue(record.silentSince),
            record.skewed,
            record.skewSeconds,
            record.droppedTotal ? QVariant(QString::number(*record.droppedTotal)) : QVariant(QMetaType::fromType<QString>()),
            timeValue(record.droppedReceivedAt),
            record.hardware,
            timeValue(record.hardwareReceivedAt),
            timeValue(record.skewedSince),
        };
        for (qsizetype i = 0; i < values.size(); ++i)
            boardQuery.bindValue(int(i), values.at(i));
        if (!boardQuery.exec())
            return fail(boardQuery);
    }

    QSqlQuery pinQuery(db);
    pinQuery.prepare(u"INSERT OR REPLACE INTO pins (board_id, pin, state, board_timestamp, received_at, retained, "
                     "announced_state) VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    QSqlQuery pinDelete(db);
    pinDelete.prepare(u"DELETE FROM pins WHERE board_id = ? AND pin = ?"_s);
    for (auto it = changes.pins.cbegin(); it != changes.pins.cend(); ++it) {
        if (!it.value()) {
            pinDelete.bindValue(0, it.key().first);
            pinDelete.bindValue(1, it.key().second);
            if (!pinDelete.exec())
                return fail(pinDelete);
            continue;
        }
        const PinSample& sample = *it.value();
        pinQuery.bindValue(0, it.key().first);
        pinQuery.bindValue(1, it.key().second);
        pinQuery.bindValue(2, sample.state);
        pinQuery.bindValue(3, qint64(sample.boardTimestamp));
        pinQuery.bindValue(4, timeValue(sample.receivedAt));
        pinQuery.bindValue(5, sample.retained);
        pinQuery.bindValue(6, sample.announcedState);
        if (!pinQuery.exec())
            return fail(pinQuery);
    }

    QSqlQuery metricQuery(db);
    metricQuery.prepare(u"INSERT OR REPLACE INTO metrics (board_id, path, value, received_at) VALUES (?, ?, ?, ?)"_s);
    for (auto it = changes.metrics.cbegin(); it != changes.metrics.cend(); ++it) {
        metricQuery.bindValue(0, it.key().first);
        metricQuery.bindValue(1, it.key().second);
        metricQuery.bindValue(2, it.value().value);
        metricQuery.bindValue(3, timeValue(it.value().receivedAt));
        if (!metricQuery.exec())
            return fail(metricQuery);
    }

    if (!db.commit()) {
        *error = u"failed to commit: "_s + sqlError(db.lastError());
        db.rollback();
        return false;
    }
    return true;
}

// Opens a read-write connection named connectionName in the calling thread.
std::optional<QString> openWriteConnection(QSqlDatabase& db, const QString& connectionName, const QString& filePath)
{
    db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
    if (!db.isValid())
        return u"the Qt SQLite driver (QSQLITE) is not available; install libqt6sql6-sqlite"_s;
    db.setDatabaseName(filePath);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=2000"_s);
    if (!db.open())
        return u"failed to open: "_s + sqlError(db.lastError());
    // The synchronisation level and the cache belong to each connection; the journal mode belongs to the file.
    QSqlQuery query(db);
    for (const QString& pragma : {u"PRAGMA synchronous=NORMAL"_s, pageCachePragma}) {
        if (!query.exec(pragma))
            return u"failed to configure the connection: "_s + sqlError(query.lastError());
    }
    return std::nullopt;
}

// Empty on success, else the reason of the failure.
using WriteResult = std::optional<QString>;

} // namespace

struct BoardStore::Private
{
    QString filePath;
    Mode mode = Mode::ReadWrite;
    QString connectionName;
    QSqlDatabase db;
    // Schema version of the file; a read-only store may read an older one.
    int fileSchemaVersion = schemaVersion;
    QTimer flushTimer;
    int flushDelayMs = defaultFlushDelayMs;
    PendingChanges pending;

    // Timer-driven commits run on a thread of their own with a connection of their own, so that the event
    // loop keeps reading messages while SQLite writes. writing is the batch in flight.
    QThread writerThread;
    std::unique_ptr<QObject> writerContext;
    // Used only on writerThread.
    QSqlDatabase writerDb;
    bool writeInFlight = false;
    PendingChanges writing;
    QFuture<WriteResult> writeResult;
    QFutureWatcher<WriteResult> writeWatcher;
};

QString BoardStore::fileName()
{
    return u"boards.sqlite"_s;
}

BoardStore::BoardStore(const QString& filePath, Mode mode, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->filePath = filePath;
    d->mode = mode;
    d->connectionName = u"gcn-board-store-%1"_s.arg(++connectionCounter);
    d->flushTimer.setSingleShot(true);
    connect(&d->flushTimer, &QTimer::timeout, this, &BoardStore::startWrite);
    connect(&d->writeWatcher, &QFutureWatcherBase::finished, this, &BoardStore::finishWrite);
    if (mode == Mode::ReadWrite) {
        d->writerThread.setObjectName(u"gcn-board-store-writer"_s);
        d->writerContext = std::make_unique<QObject>();
        d->writerContext->moveToThread(&d->writerThread);
        d->writerThread.start();
    }
}

std::expected<std::unique_ptr<BoardStore>, StoreError> BoardStore::open(const QString& stateDir, Mode mode,
                                                                         QObject* parent)
{
    const QString path = QDir(stateDir).filePath(fileName());
    if (mode == Mode::ReadWrite && !QDir().mkpath(stateDir))
        return std::unexpected(StoreError {stateDir, u"failed to create the state folder; check its permissions or set --state-dir"_s});
    if (mode == Mode::ReadOnly && !QFileInfo::exists(path)) {
        return std::unexpected(StoreError {path, u"not found; no manager has kept board records in this state "
                                                 "folder yet (see --state-dir)"_s});
    }

    std::unique_ptr<BoardStore> store(new BoardStore(path, mode, parent));
    if (std::optional<StoreError> error = store->openDatabase())
        return std::unexpected(*error);
    qCInfo(lcStorage) << "opened board store" << path << (mode == Mode::ReadOnly ? "read-only" : "read-write");
    return store;
}

BoardStore::~BoardStore()
{
    if (d->mode == Mode::ReadWrite && !flush()) {
        qCWarning(lcStorage) << "closing board store" << d->filePath << "with" << pendingChangeCount()
                             << "unsaved changes after a failed commit";
    }
    if (d->writerThread.isRunning()) {
        QMetaObject::invokeMethod(
            d->writerContext.get(),
            [this] {
                const QString name = d->writerDb.connectionName();
                d->writerDb.close();
                d->writerDb = QSqlDatabase();
                if (!name.isEmpty())
                    QSqlDatabase::removeDatabase(name);
            },
            Qt::BlockingQueuedConnection);
        d->writerThread.quit();
        d->writerThread.wait();
    }
    d->db.close();
    d->db = QSqlDatabase();
    QSqlDatabase::removeDatabase(d->connectionName);
    qCInfo(lcStorage) << "closed board store" << d->filePath;
}

std::optional<StoreError> BoardStore::openDatabase()
{
    d->db = QSqlDatabase::addDatabase(u"QSQLITE"_s, d->connectionName);
    if (!d->db.isValid())
        return StoreError {d->filePath, u"the Qt SQLite driver (QSQLITE) is not available; install libqt6sql6-sqlite"_s};
    d->db.setDatabaseName(d->filePath);
    if (d->mode == Mode::ReadOnly)
        d->db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=2000"_s);
    else
        d->db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=2000"_s);
    if (!d->db.open())
        return StoreError {d->filePath, u"failed to open: "_s + sqlError(d->db.lastError())};

    QSqlQuery query(d->db);
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return StoreError {d->filePath, u"failed to read: "_s + sqlError(query.lastError())};
    const int version = query.value(0).toInt();
    // An unfinished SELECT keeps a read transaction open, in which the journal mode cannot change.
    query.finish();
    if (version > schemaVersion) {
        return StoreError {d->filePath, u"written by a newer gcn-manager (schema %1, this one reads %2)"_s.arg(version)
                                            .arg(schemaVersion)};
    }
    if (d->mode == Mode::ReadOnly) {
        if (version == 0)
            return StoreError {d->filePath, u"not a board store of gcn-manager"_s};
        d->fileSchemaVersion = version;
        return std::nullopt;
    }
    return createSchema(version);
}

std::optional<StoreError> BoardStore::createSchema(int fileVersion)
{
    QSqlQuery query(d->db);
    // WAL lets `gcn-manager status` read while the service writes; NORMAL synchronisation is durable across
    // a crash of the process and fast enough for a transaction every flush delay.
    QStringList statements {
        u"PRAGMA journal_mode=WAL"_s,
        u"PRAGMA synchronous=NORMAL"_s,
        pageCachePragma,
        u"CREATE TABLE IF NOT EXISTS boards ("
        " id TEXT PRIMARY KEY NOT NULL,"
        " first_seen_at INTEGER, last_seen_at INTEGER,"
        " status TEXT NOT NULL, status_received_at INTEGER, announced_status TEXT NOT NULL,"
        " pins_known INTEGER NOT NULL, monitored_pins TEXT,"
        " heartbeat INTEGER, heartbeat_received_at INTEGER, heartbeat_retained INTEGER NOT NULL,"
        " silent INTEGER NOT NULL, silent_since INTEGER,"
        " skewed INTEGER NOT NULL, skew_seconds INTEGER NOT NULL,"
        " dropped_total TEXT, dropped_received_at INTEGER,"
        " hardware TEXT, hardware_received_at INTEGER, skewed_since INTEGER)"_s,
        u"CREATE TABLE IF NOT EXISTS pins ("
        " board_id TEXT NOT NULL, pin TEXT NOT NULL, state INTEGER NOT NULL, board_timestamp INTEGER NOT NULL,"
        " received_at INTEGER, retained INTEGER NOT NULL, announced_state INTEGER NOT NULL,"
        " PRIMARY KEY (board_id, pin))"_s,
        u"CREATE TABLE IF NOT EXISTS metrics ("
        " board_id TEXT NOT NULL, path TEXT NOT NULL, value TEXT, received_at INTEGER,"
        " PRIMARY KEY (board_id, path))"_s,
    };
    // A table created by schema 1 lacks the columns added since.
    if (fileVersion == 1)
        statements.append(u"ALTER TABLE boards ADD COLUMN skewed_since INTEGER"_s);
    statements.append(u"PRAGMA user_version = %1"_s.arg(schemaVersion));
    for (const QString& statement : statements) {
        if (!query.exec(statement))
            return StoreError {d->filePath, u"failed to create the tables: "_s + sqlError(query.lastError())};
    }
    return std::nullopt;
}

BoardStore::Mode BoardStore::mode() const
{
    return d->mode;
}

QString BoardStore::filePath() const
{
    return d->filePath;
}

QList<BoardRecord> BoardStore::boards() const
{
    return readBoards(QString());
}

std::optional<BoardRecord> BoardStore::board(const QString& boardId) const
{
    const QList<BoardRecord> found = readBoards(boardId);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

QList<BoardRecord> BoardStore::readBoards(const QString& onlyBoardId) const
{
    if (d->mode == Mode::ReadWrite && pendingChangeCount() > 0)
        const_cast<BoardStore*>(this)->flush();

    const bool one = !onlyBoardId.isNull();
    const QString filter = one ? u" WHERE id = :id"_s : QString();
    const QString boardFilter = one ? u" WHERE board_id = :id"_s : QString();
    QMap<QString, BoardRecord> records;
    QSqlQuery query(d->db);
    query.setForwardOnly(true);

    query.prepare(u"SELECT %1 FROM boards%2"_s.arg(boardColumnsOf(d->fileSchemaVersion), filter));
    if (one)
        query.bindValue(u":id"_s, onlyBoardId);
    if (!query.exec()) {
        qCWarning(lcStorage) << "failed to read boards from" << d->filePath << ":" << sqlError(query.lastError());
        return {};
    }
    while (query.next()) {
        BoardRecord record;
        int column = 0;
        record.id = query.value(column++).toString();
        record.firstSeenAt = timeFrom(query.value(column++));
        record.lastSeenAt = timeFrom(query.value(column++));
        record.status = boardStatusFromName(query.value(column++).toString()).value_or(BoardStatus::Unknown);
        record.statusReceivedAt = timeFrom(query.value(column++));
        record.announcedStatus = boardStatusFromName(query.value(column++).toString()).value_or(BoardStatus::Unknown);
        record.pinsKnown = query.value(column++).toBool();
        const QString pins = query.value(column++).toString();
        record.monitoredPins = pins.isEmpty() ? QStringList() : pins.split(u',');
        const QVariant heartbeat = query.value(column++);
        if (!heartbeat.isNull())
            record.heartbeat = quint32(heartbeat.toLongLong());
        record.heartbeatReceivedAt = timeFrom(query.value(column++));
        record.heartbeatRetained = query.value(column++).toBool();
        record.silent = query.value(column++).toBool();
        record.silentSince = timeFrom(query.value(column++));
        record.skewed = query.value(column++).toBool();
        record.skewSeconds = query.value(column++).toLongLong();
        const QVariant dropped = query.value(column++);
        bool droppedValid = false;
        const quint64 droppedTotal = dropped.toString().toULongLong(&droppedValid);
        if (!dropped.isNull() && droppedValid)
            record.droppedTotal = droppedTotal;
        record.droppedReceivedAt = timeFrom(query.value(column++));
        record.hardware = query.value(column++).toString();
        record.hardwareReceivedAt = timeFrom(query.value(column++));
        record.skewedSince = timeFrom(query.value(column++));
        records.insert(record.id, record);
    }

    query.prepare(u"SELECT board_id, pin, state, board_timestamp, received_at, retained, announced_state "
                  "FROM pins%1"_s.arg(boardFilter));
    if (one)
        query.bindValue(u":id"_s, onlyBoardId);
    if (!query.exec()) {
        qCWarning(lcStorage) << "failed to read pins from" << d->filePath << ":" << sqlError(query.lastError());
        return {};
    }
    while (query.next()) {
        const auto record = records.find(query.value(0).toString());
        if (record == records.end())
            continue;
        PinSample sample;
        sample.state = query.value(2).toInt();
        sample.boardTimestamp = quint32(query.value(3).toLongLong());
        sample.receivedAt = timeFrom(query.value(4));
        sample.retained = query.value(5).toBool();
        sample.announcedState = query.value(6).toInt();
        record->pins.insert(query.value(1).toString(), sample);
    }

    query.prepare(u"SELECT board_id, path, value, received_at FROM metrics%1"_s.arg(boardFilter));
    if (one)
        query.bindValue(u":id"_s, onlyBoardId);
    if (!query.exec()) {
        qCWarning(lcStorage) << "failed to read metrics from" << d->filePath << ":" << sqlError(query.lastError());
        return {};
    }
    while (query.next()) {
        const auto record = records.find(query.value(0).toString());
        if (record == records.end())
            continue;
        record->metrics.insert(query.value(1).toString(),
                               MetricValue {query.value(2).toString(), timeFrom(query.value(3))});
    }
    return records.values();
}

void BoardStore::saveBoard(const BoardRecord& record)
{
    if (d->mode == Mode::ReadOnly) {
        qCWarning(lcStorage) << "ignoring a write to the read-only board store" << d->filePath;
        return;
    }
    BoardRecord header = record;
    header.pins.clear();
    header.metrics.clear();
    d->pending.boards.insert(record.id, header);
    scheduleFlush(d->flushDelayMs);
}

void BoardStore::savePin(const QString& boardId, const QString& pin, const PinSample& sample)
{
    if (d->mode == Mode::ReadOnly) {
        qCWarning(lcStorage) << "ignoring a write to the read-only board store" << d->filePath;
        return;
    }
    d->pending.pins.insert({boardId, pin}, sample);
    scheduleFlush(d->flushDelayMs);
}

void BoardStore::removePin(const QString& boardId, const QString& pin)
{
    if (d->mode == Mode::ReadOnly) {
        qCWarning(lcStorage) << "ignoring a write to the read-only board store" << d->filePath;
        return;
    }
    d->pending.pins.insert({boardId, pin}, std::nullopt);
    scheduleFlush(d->flushDelayMs);
}

void BoardStore::saveMetric(const QString& boardId, const QString& path, const MetricValue& metric)
{
    if (d->mode == Mode::ReadOnly) {
        qCWarning(lcStorage) << "ignoring a write to the read-only board store" << d->filePath;
        return;
    }
    d->pending.metrics.insert({boardId, path}, metric);
    scheduleFlush(d->flushDelayMs);
}

void BoardStore::saveRecord(const BoardRecord& record)
{
    saveBoard(record);
    for (auto it = record.pins.cbegin(); it != record.pins.cend(); ++it)
        savePin(record.id, it.key(), it.value());
    for (const auto& [path, metric] : record.metrics.entries())
        saveMetric(record.id, path, metric);
}

int BoardStore::pendingChangeCount() const
{
    return d->pending.size() + (d->writeInFlight ? d->writing.size() : 0);
}

int BoardStore::flushDelayMs() const
{
    return d->flushDelayMs;
}

void BoardStore::setFlushDelayMs(int delayMs)
{
    d->flushDelayMs = qMax(0, delayMs);
}

void BoardStore::scheduleFlush(int delayMs)
{
    if (!d->flushTimer.isActive())
        d->flushTimer.start(delayMs);
}

bool BoardStore::flush()
{
    waitForWrite();
    if (d->pending.size() == 0)
        return true;
    d->flushTimer.stop();
    QString error;
    if (commitChanges(d->db, d->pending, &error)) {
        d->pending = PendingChanges();
        return true;
    }
    reportWriteFailure(error);
    return false;
}

void BoardStore::startWrite()
{
    if (d->writeInFlight || d->pending.size() == 0)
        return;
    d->writing = std::exchange(d->pending, PendingChanges());
    d->writeInFlight = true;

    auto promise = std::make_shared<QPromise<WriteResult>>();
    d->writeResult = promise->future();
    d->writeWatcher.setFuture(d->writeResult);
    promise->start();
    // The batch is copied into the job: Qt's maps share their data until one side changes.
    QMetaObject::invokeMethod(d->writerContext.get(), [this, promise, batch = d->writing] {
        WriteResult result;
        if (!d->writerDb.isValid() || !d->writerDb.isOpen()) {
            const QString name = d->connectionName + u"-writer"_s;
            result = openWriteConnection(d->writerDb, name, d->filePath);
        }
        QString error;
        if (!result && !commitChanges(d->writerDb, batch, &error))
            result = error;
        promise->addResult(result);
        promise->finish();
    });
}

void BoardStore::waitForWrite()
{
    if (!d->writeInFlight)
        return;
    d->writeResult.waitForFinished();
    finishWrite();
}

void BoardStore::finishWrite()
{
    // The watcher may report a batch that waitForWrite() has already handled.
    if (!d->writeInFlight || !d->writeResult.isFinished())
        return;
    const WriteResult result = d->writeResult.result();
    d->writeInFlight = false;
    d->writeResult = QFuture<WriteResult>();
    if (result) {
        d->pending.addOlder(d->writing);
        d->writing = PendingChanges();
        reportWriteFailure(*result);
        return;
    }
    d->writing = PendingChanges();
    if (d->pending.size() > 0)
        scheduleFlush(d->flushDelayMs);
}

void BoardStore::reportWriteFailure(const QString& error)
{
    qCWarning(lcStorage) << "failed to write" << pendingChangeCount() << "board changes to" << d->filePath << ":"
                         << error << "- retrying in" << retryDelayMs << "ms";
    Q_EMIT writeFailed(error);
    d->flushTimer.start(retryDelayMs);
}

} // namespace gcn
