#include <limits>

#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "storage/BoardStore.h"

using namespace Qt::StringLiterals;
using gcn::BoardRecord;
using gcn::BoardStore;

namespace {

QDateTime utc(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

// A record with every field set to a value that differs from its default.
BoardRecord fullRecord(const QString& id)
{
    BoardRecord record;
    record.id = id;
    record.firstSeenAt = utc(1'700'000'000);
    record.lastSeenAt = QDateTime::fromMSecsSinceEpoch(1'700'000'123'456, Qt::UTC);
    record.status = gcn::BoardStatus::Offline;
    record.statusReceivedAt = utc(1'700'000'100);
    record.announcedStatus = gcn::BoardStatus::Online;
    record.pinsKnown = true;
    record.monitoredPins = {u"D2"_s, u"D1"_s};
    record.pins.insert(u"D1"_s, gcn::PinSample {1, 4'294'967'295u, utc(1'700'000'050), true, 0});
    record.pins.insert(u"D2"_s, gcn::PinSample {0, 1'699'999'000u, utc(1'700'000'060), false, 0});
    record.heartbeat = 1'700'000'090u;
    record.heartbeatReceivedAt = utc(1'700'000'091);
    record.heartbeatRetained = true;
    record.silent = true;
    record.silentSince = utc(1'700'000'151);
    record.skewed = true;
    record.skewSeconds = -86'400;
    record.skewedSince = utc(1'700'000'092);
    record.droppedTotal = std::numeric_limits<quint64>::max();
    record.droppedReceivedAt = utc(1'700'000'070);
    record.hardware = u"esp8266"_s;
    record.hardwareReceivedAt = utc(1'700'000'010);
    record.metrics.insert(u"network/ssid"_s, gcn::MetricValue {u"Caf\u00e9 \U0001F600"_s, utc(1'700'000'020)});
    record.metrics.insert(u"network/dns/0"_s, gcn::MetricValue {u"192.168.1.1"_s, utc(1'700'000'021)});
    record.metrics.insert(u"esp8266/reset_reason"_s, gcn::MetricValue {QString(), utc(1'700'000'022)});
    return record;
}

std::unique_ptr<BoardStore> openStore(const QString& dir, BoardStore::Mode mode = BoardStore::Mode::ReadWrite)
{
    auto store = BoardStore::open(dir, mode);
    if (!store) {
        qWarning().noquote() << store.error().toString();
        return nullptr;
    }
    return std::move(*store);
}

// Returns the number of boards committed to the store in dir, read through a read-only store, or -1 when
// it cannot be opened.
qsizetype committedBoardCount(const QString& dir)
{
    const std::unique_ptr<BoardStore> reader = openStore(dir, BoardStore::Mode::ReadOnly);
    return reader ? reader->boards().size() : -1;
}

// Runs one statement on the store file through a separate connection.
bool execOnFile(const QString& path, const QString& statement)
{
    const QString name = u"tst_boardstore_raw"_s;
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            ok = query.exec(statement);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

class TestBoardStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripEveryField();
    void minimalRecordRoundTrip();
    void destructionFlushesPending();
    void timerFlushesPending();
    void laterSavesReplaceEarlier();
    void removePinDeletesRow();
    void boardLookupById();
    void readOnlyMissingFile();
    void readOnlyNotAStore();
    void newerSchemaRejected();
    void schemaOneFileUpgraded();
    void readOnlySeesRunningWriter();
    void readOnlyAfterWriterClosed();
    void readOnlyIgnoresWrites();
    void twoStoresInOneProcess();
    void failedCommitKeepsChanges();
    void timedCommitLeavesLoopRunning();
    void failedTimedCommitRequeues();
    void manyChangesAllStored();
};

void TestBoardStore::roundTripEveryField()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const BoardRecord record = fullRecord(u"AA:BB:CC:DD:EE:FF"_s);
    {
        auto store = openStore(dir.path());
        QVERIFY(store);
        BoardRecord withRuntime = record;
        withRuntime.heartbeatReceivedMs = 12345;
        store->saveRecord(withRuntime);
        QVERIFY(store->flush());
        QCOMPARE(store->pendingChangeCount(), 0);
    }
    auto store = openStore(dir.path());
    QVERIFY(store);
    const QList<BoardRecord> boards = store->boards();
    QCOMPARE(boards.size(), 1);
    const BoardRecord& loaded = boards.first();
    QCOMPARE(loaded.id, record.id);
    QCOMPARE(loaded.firstSeenAt, record.firstSeenAt);
    QCOMPARE(loaded.lastSeenAt, record.lastSeenAt);
    QCOMPARE(loaded.status, record.status);
    QCOMPARE(loaded.announcedStatus, record.announcedStatus);
    QCOMPARE(loaded.monitoredPins, record.monitoredPins);
    QCOMPARE(loaded.pins.keys(), record.pins.keys());
    QCOMPARE(loaded.pins.value(u"D1"_s).boardTimestamp, 4'294'967'295u);
    QCOMPARE(loaded.heartbeat, record.heartbeat);
    QCOMPARE(loaded.heartbeatReceivedMs, -1);
    QCOMPARE(loaded.droppedTotal, record.droppedTotal);
    QCOMPARE(loaded.skewSeconds, record.skewSeconds);
    QCOMPARE(loaded.skewedSince, record.skewedSince);
    QCOMPARE(loaded.metrics.value(u"network/ssid"_s).value, u"Caf\u00e9 \U0001F600"_s);
    // Field by field above for readable failures; all at once here so no field is forgotten.
    QCOMPARE(loaded, record);
}

void TestBoardStore::minimalRecordRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    BoardRecord record;
    record.id = u"AA:BB:CC:DD:EE:01"_s;
    {
        auto store = openStore(dir.path());
        QVERIFY(store);
        store->saveRecord(record);
    }
    auto store = openStore(dir.path(), BoardStore::Mode::ReadOnly);
    QVERIFY(store);
    const QList<BoardRecord> boards = store->boards();
    QCOMPARE(boards.size(), 1);
    QCOMPARE(boards.first(), record);
    QVERIFY(!boards.first().heartbeat);
    QVERIFY(!boards.first().droppedTotal);
    QVERIFY(!boards.first().firstSeenAt.isValid());
}

void TestBoardStore::destructionFlushesPending()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        auto store = openStore(dir.path());
        QVERIFY(store);
        store->setFlushDelayMs(60'000);
        store->saveRecord(fullRecord(u"AA:BB:CC:DD:EE:01"_s));
        store->saveRecord(fullRecord(u"AA:BB:CC:DD:EE:02"_s));
        QVERIFY(store->pendingChangeCount() > 0);
    }
    QCOMPARE(committedBoardCount(dir.path()), 2);
}

void TestBoardStore::timerFlushesPending()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto store = openStore(dir.path());
    QVERIFY(store);
    store->setFlushDelayMs(50);
    store->saveBoard(fullRecord(u"AA:BB:CC:DD:EE:01"_s));
    QCOMPARE(store->pendingChangeCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(store->pendingChangeCount(), 0, 10'000);

    QCOMPARE(committedBoardCount(dir.path()), 1);
}

void TestBoardStore::laterSavesReplaceEarlier()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto store = openStore(dir.path());
    QVERIFY(store);
    BoardRecord record = fullRecord(u"AA:BB:CC:DD:EE:01"_s);
    store->saveRecord(record);
    QVERIFY(store->flush());

    record.status = gcn::BoardStatus::Online;
    record.heartbeat = 42u;
    record.droppedTotal.reset();
    store->saveBoard(record);
    store->saveMetric(record.id, u"network/ssid"_s, gcn::MetricValue {u"other"_s, utc(1'800'000'000)});
    store->savePin(record.id, u"D1"_s, gcn::PinSample {0, 7u, utc(1'800'000'000), false, 0});
    // Queued changes of one key coalesce into one row write.
    QCOMPARE(store->pendingChangeCount(), 3);

    const BoardRecord loaded = store->board(record.id).value();
    QCOMPARE(loaded.status, gcn::BoardStatus::Online);
    QCOMPARE(loaded.heartbeat, std::optional<quint32>(42u));
    QVERIFY(!loaded.droppedTotal);
    QCOMPARE(loaded.metrics.value(u"network/ssid"_s).value, u"other"_s);
    QCOMPARE(loaded.metrics.size(), 3);
    QCOMPARE(loaded.pins.value(u"D1"_s).boardTimestamp, 7u);
}

void TestBoardStore::removePinDeletesRow()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto store = openStore(dir.path());
    QVERIFY(store);
    const BoardRecord record = fullRecord(u"AA:BB:CC:DD:EE:01"_s);
    store->saveRecord(record);
    store->removePin(record.id, u"D2"_s);
    QCOMPARE(store->board(record.id)->pins.keys(), QStringList {u"D1"_s});

    // A pin saved after its removal is back.
    store->removePin(record.id, u"D1"_s);
    store->savePin(record.id, u"D1"_s, record.pins.value(u"D1"_s));
    QCOMPARE(store->board(record.id)->pins.keys(), QStringList {u"D1"_s});
}

void TestBoardStore::boardLookupById()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto store = openStore(dir.path());
    QVERIFY(store);
    store->saveRecord(fullRecord(u"AA:BB:CC:DD:EE:01"_s));
    store->saveRecord(fullRecord(u"AA:BB:CC:DD:EE:02"_s));
    QCOMPARE(store->board(u"AA:BB:CC:DD:EE:02"_s)->id, u"AA:BB:CC:DD:EE:02"_s);
    QCOMPARE(store->board(u"AA:BB:CC:DD:EE:02"_s)->pins.size(), 2);
    QCOMPARE(store->board(u"aa:bb:cc:dd:ee:02"_s), std::nullopt);
    QCOMPARE(store->board(u"AA:BB:CC:DD:EE:03"_s), std::nullopt);
    const QList<BoardRecord> boards = store->boards();
    QCOMPARE(boards.size(), 2);
    QCOMPARE(boards.at(0).id, u"AA:BB:CC:DD:EE:01"_s);
    QCOMPARE(boards.at(1).id, u"AA:BB:CC:DD:EE:02"_s);
}

void TestBoardStore::readOnlyMissingFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto store = BoardStore::open(dir.path(), BoardStore::Mode::ReadOnly);
    QVERIFY(!store);
    QVERIFY(store.error().path.endsWith(u"/boards.sqlite"_s));
    QVERIFY2(store.error().message.contains(u"not found"_s), qPrintable(store.error().message));
    // Opening read-only creates nothing.
    QVERIFY(!QFile::exists(dir.filePath(u"boards.sqlite"_s)));
}

void TestBoardStore::readOnlyNotAStore()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(execOnFile(dir.filePath(u"boards.sqlite"_s), u"CREATE TABLE other (x)"_s));
    const auto store = BoardStore::open(dir.path(), BoardStore::Mode::ReadOnly);
    QVERIFY(!store);
    QVERIFY2(store.error().message.contains(u"not a board store"_s), qPrintable(store.error().message));
}

void TestBoardStore::newerSchemaRejected()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(execOnFile(dir.filePath(u"boards.sqlite"_s), u"PRAGMA user_version = 99"_s));
    for (const auto mode : {BoardStore::Mode::ReadWrite, BoardStore::Mode::ReadOnly}) {
        const auto store = BoardStore::open(dir.path(), mode);
        QVERIFY(!store);
        QVERIFY2(store.error().message.contains(u"newer gcn-manager"_s), qPrintable(store.error().message));
    }
}

void TestBoardStore::schemaOneFileUpgraded()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(u"boards.sqlite"_s);
    // The boards table as schema 1 created it, without skewed_since.
    QVERIFY(execOnFile(file, u"CREATE TABLE boards (id TEXT PRIMARY KEY NOT NULL, first_seen_at INTEGER, "
                             "last_seen_at INTEGER, status TEXT NOT NULL, status_received_at INTEGER, "
                             "announced_status TEXT NOT NULL, pins_known INTEGER NOT NULL, monitored_pins TEXT, "
                             "heartbeat INTEGER, heartbeat_received_at INTEGER, heartbeat_retained INTEGER NOT NULL, "
                             "silent INTEGER NOT NULL, silent_since INTEGER, skewed INTEGER NOT NULL, "
                             "skew_seconds INTEGER NOT NULL, dropped_total TEXT, dropped_received_at INTEGER, "
                             "hardware TEXT, hardware_received_at INTEGER)"_s));
    QVERIFY(execOnFile(file, u"CREATE TABLE pins (board_id TEXT NOT NULL, pin TEXT NOT NULL, state INTEGER NOT NULL, "
                             "board_timestamp INTEGER NOT NULL, received_at INTEGER, retained INTEGER NOT NULL, "
                             "announced_state INTEGER NOT NULL, PRIMARY KEY (board_id, pin))"_s));
    QVERIFY(execOnFile(file, u"CREATE TABLE metrics (board_id TEXT NOT NULL, path TEXT NOT NULL, value TEXT, "
                             "received_at INTEGER, PRIMARY KEY (board_id, path))"_s));
    QVERIFY(execOnFile(file, u"INSERT INTO boards (id, status, announced_status, pins_known, heartbeat_retained, "
                             "silent, skewed, skew_seconds) VALUES ('AA:BB:CC:DD:EE:01', 'online', 'online', 0, 0, "
                             "0, 1, 900)"_s));
    QVERIFY(execOnFile(file, u"PRAGMA user_version = 1"_s));

    {
        auto reader = openStore(dir.path(), BoardStore::Mode::ReadOnly);
        QVERIFY(reader);
        const std::optional<BoardRecord> old = reader->board(u"AA:BB:CC:DD:EE:01"_s);
        QVERIFY(old.has_value());
        QVERIFY(old->skewed);
        QCOMPARE(old->skewSeconds, 900);
        QVERIFY(!old->skewedSince.isValid());
    }

    BoardRecord record = fullRecord(u"AA:BB:CC:DD:EE:02"_s);
    {
        auto store = openStore(dir.path());
        QVERIFY(store);
        QCOMPARE(store->boards().size(), 1);
        store->saveRecord(record);
        QVERIFY(store->flush());
    }
    auto store = openStore(dir.path(), BoardStore::Mode::ReadOnly);
    QVERIFY(store);
    QCOMPARE(store->boards().size(), 2);
    const std::optional<BoardRecord> loaded = store->board(record.id);
    QVERIFY(loaded.has_value());
    QCOMPARE(loaded->skewedSince, record.skewedSince);
}

void TestBoardStore::readOnlySeesRunningWriter()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto writer = openStore(dir.path());
    QVERIFY(writer);
    writer->saveRecord(fullRecord(u"AA:BB:CC:DD:EE:01"_s));
    QVERIFY(writer->flush());

    auto reader = openStore(dir.path(), BoardStore::Mode::ReadOnly);
    QVERIFY(reader);
    QCOMPARE(reader->mode(), BoardStore::Mode::ReadOnly);
    QCOMPARE(reader->boards().size(), 1);

    writer->saveRecord(fullRecord(u"AA:BB:CC:DD:EE:02"_s));
    // Not committed yet: the reader sees the last commit only.
    QCOMPARE(reader->boards().size(), 1);
    QVERIFY(writer->flush());
    QCOMPARE(reader->boards().size(), 2);
}

void TestBoardStore::readOnlyAfterWriterClosed()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        auto writer = openStore(dir.path());
        QVERIFY(writer);
        writer->saveRecord(fullRecord(u"AA:BB:CC:DD:EE:01"_s));
    }
    auto reader = openStore(dir.path(), BoardStore::Mode::ReadOnly);
    QVERIFY(reader);
    QCOMPARE(reader->boards().size(), 1);
    QCOMPARE(reader->boards().first(), fullRecord(u"AA:BB:CC:DD:EE:01"_s));
}

void TestBoardStore::readOnlyIgnoresWrites()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        auto writer = openStore(dir.path());
        QVERIFY(writer);
        writer->saveRecord(fullRecord(u"AA:BB:CC:DD:EE:01"_s));
    }
    auto reader = openStore(dir.path(), BoardStore::Mode::ReadOnly);
    QVERIFY(reader);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"ignoring a write to the read-only board store"_s));
    reader->saveBoard(fullRecord(u"AA:BB:CC:DD:EE:02"_s));
    QCOMPARE(reader->pendingChangeCount(), 0);
    QCOMPARE(reader->boards().size(), 1);
}

void TestBoardStore::twoStoresInOneProcess()
{
    QTemporaryDir first;
    QTemporaryDir second;
    QVERIFY(first.isValid());
    QVERIFY(second.isValid());
    auto storeOne = openStore(first.path());
    auto storeTwo = openStore(second.path());
    QVERIFY(storeOne);
    QVERIFY(storeTwo);
    storeOne->saveRecord(fullRecord(u"AA:BB:CC:DD:EE:01"_s));
    storeTwo->saveRecord(fullRecord(u"AA:BB:CC:DD:EE:02"_s));
    QCOMPARE(storeOne->boards().first().id, u"AA:BB:CC:DD:EE:01"_s);
    QCOMPARE(storeTwo->boards().first().id, u"AA:BB:CC:DD:EE:02"_s);
    storeOne.reset();
    QCOMPARE(storeTwo->boards().size(), 1);
}

void TestBoardStore::failedCommitKeepsChanges()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto store = openStore(dir.path());
    QVERIFY(store);
    QSignalSpy failures(store.get(), &BoardStore::writeFailed);

    // Another connection holds the write lock until it commits.
    const QString lockName = u"tst_boardstore_lock"_s;
    {
        QSqlDatabase lock = QSqlDatabase::addDatabase(u"QSQLITE"_s, lockName);
        lock.setDatabaseName(store->filePath());
        QVERIFY(lock.open());
        QSqlQuery query(lock);
        QVERIFY(query.exec(u"BEGIN EXCLUSIVE"_s));

        store->saveRecord(fullRecord(u"AA:BB:CC:DD:EE:01"_s));
        const int pending = store->pendingChangeCount();
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"failed to write \\d+ board changes to .* retrying"_s));
        QVERIFY(!store->flush());
        QCOMPARE(failures.size(), 1);
        QCOMPARE(store->pendingChangeCount(), pending);

        QVERIFY(query.exec(u"COMMIT"_s));
        lock.close();
    }
    QSqlDatabase::removeDatabase(lockName);

    QVERIFY(store->flush());
    QCOMPARE(store->pendingChangeCount(), 0);
    QCOMPARE(store->boards().size(), 1);
}

namespace {

// A second connection that holds the write lock of a store file until release() or destruction.
class FileWriteLock
{
public:
    explicit FileWriteLock(const QString& path)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        m_locked = db.open() && QSqlQuery(db).exec(u"BEGIN EXCLUSIVE"_s);
    }
    ~FileWriteLock() { release(); }

    bool locked() const { return m_locked; }

    void release()
    {
        if (!QSqlDatabase::contains(name))
            return;
        {
            QSqlDatabase db = QSqlDatabase::database(name);
            if (m_locked)
                QSqlQuery(db).exec(u"ROLLBACK"_s);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        m_locked = false;
    }

private:
    static inline const QString name = u"tst_boardstore_write_lock"_s;
    bool m_locked = false;
};

} // namespace

// The timer's commit waits for the lock on the writer thread (up to SQLite's 2 s busy timeout), while the
// event loop goes on: no failure is reported meanwhile, and changes queued then are committed afterwards.
void TestBoardStore::timedCommitLeavesLoopRunning()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto store = openStore(dir.path());
    QVERIFY(store);
    QSignalSpy failures(store.get(), &BoardStore::writeFailed);
    store->setFlushDelayMs(0);

    FileWriteLock lock(store->filePath());
    QVERIFY(lock.locked());
    store->saveRecord(fullRecord(u"AA:BB:CC:DD:EE:01"_s));
    QTest::qWait(300);
    QCOMPARE(failures.size(), 0);
    QVERIFY(store->pendingChangeCount() > 0);
    store->saveRecord(fullRecord(u"AA:BB:CC:DD:EE:02"_s));
    lock.release();

    QTRY_COMPARE_WITH_TIMEOUT(store->pendingChangeCount(), 0, 10'000);
    QCOMPARE(failures.size(), 0);
    QCOMPARE(committedBoardCount(dir.path()), 2);
}

// A timer's commit that fails puts its changes back under the ones queued while it ran.
void TestBoardStore::failedTimedCommitRequeues()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto store = openStore(dir.path());
    QVERIFY(store);
    QSignalSpy failures(store.get(), &BoardStore::writeFailed);
    store->setFlushDelayMs(0);
    const QString boardId = u"AA:BB:CC:DD:EE:01"_s;
    BoardRecord older = fullRecord(boardId);
    older.heartbeat = 1;
    BoardRecord newer = fullRecord(boardId);
    newer.heartbeat = 2;

    FileWriteLock lock(store->filePath());
    QVERIFY(lock.locked());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"failed to write \\d+ board changes to .* retrying"_s));
    store->saveRecord(older);
    store->saveRecord(fullRecord(u"AA:BB:CC:DD:EE:02"_s));
    QTest::qWait(50);
    store->saveBoard(newer);
    QTRY_COMPARE_WITH_TIMEOUT(failures.size(), 1, 15'000);
    lock.release();

    QVERIFY(store->flush());
    QCOMPARE(store->pendingChangeCount(), 0);
    const QList<BoardRecord> boards = store->boards();
    QCOMPARE(boards.size(), 2);
    QCOMPARE(boards.first().heartbeat, std::optional<quint32>(2));
    QCOMPARE(boards.first().pins, older.pins);
}

void TestBoardStore::manyChangesAllStored()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto store = openStore(dir.path());
    QVERIFY(store);
    // 20 000 changes on 1 000 boards, committed every 200 changes as a timer would in a busy second.
    BoardRecord record = fullRecord(QString());
    QMap<QString, quint32> lastHeartbeats;
    for (int i = 0; i < 20'000; ++i) {
        record.id = u"AA:BB:CC:DD:%1:%2"_s.arg((i / 256) % 4, 2, 16, QChar(u'0')).arg(i % 250, 2, 16, QChar(u'0'));
        record.heartbeat = quint32(i);
        lastHeartbeats.insert(record.id, quint32(i));
        store->saveBoard(record);
        store->savePin(record.id, u"D1"_s, gcn::PinSample {i % 2, quint32(i), utc(i), false, i % 2});
        if (i % 200 == 199)
            QVERIFY(store->flush());
    }
    QVERIFY(store->flush());
    const QList<BoardRecord> boards = store->boards();
    QCOMPARE(boards.size(), 1000);
    // The last change of each board wins.
    for (const BoardRecord& stored : boards)
        QCOMPARE(stored.heartbeat, std::optional<quint32>(lastHeartbeats.value(stored.id)));
}

QTEST_GUILESS_MAIN(TestBoardStore)
#include "tst_boardstore.moc"
