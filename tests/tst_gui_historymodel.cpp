#include <ctime>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "HistoryModel.h"
#include "NotificationHistory.h"
#include "storage/Outbox.h"
#include "supervision/Event.h"

using namespace Qt::StringLiterals;
using gcn::HistoryFilterModel;
using gcn::HistoryModel;
using gcn::NotificationHistoryEntry;
using Result = gcn::NotificationHistoryEntry::Result;

namespace {

const QString garageId = u"AA:BB:CC:DD:EE:01"_s;
const QString cellarId = u"AA:BB:CC:DD:EE:02"_s;
const QDateTime start = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);

NotificationHistoryEntry entry(qint64 id, const QString& type, const QStringList& boards, gcn::Channel channel,
                               const QString& recipient, Result result, const QString& error = {})
{
    NotificationHistoryEntry value;
    value.id = id;
    value.time = start.addSecs(id * 60);
    value.eventTypes = {type};
    value.boardIds = boards;
    value.channel = channel;
    value.recipient = recipient;
    value.result = result;
    value.error = error;
    return value;
}

// Five messages, oldest first: ids 1 to 5, one minute apart.
QList<NotificationHistoryEntry> sampleEntries()
{
    return {
        entry(1, gcn::eventTypeName(gcn::EventType::BoardStatusOffline), {garageId}, gcn::Channel::Email, u"ops@example.org"_s, Result::Delivered),
        entry(2, gcn::eventTypeName(gcn::EventType::GpioUp), {cellarId}, gcn::Channel::Sms, u"+33600000000"_s, Result::Failed,
              u"the SMS service has no credits left"_s),
        entry(3, gcn::eventTypeName(gcn::EventType::ManagerConnected), {}, gcn::Channel::Desktop, u"desktop"_s, Result::Delivered),
        entry(4, gcn::eventTypeName(gcn::EventType::GpioDown), {garageId, cellarId}, gcn::Channel::Twitter, u"@gcn_alerts"_s, Result::Pending),
        entry(5, gcn::eventTypeName(gcn::EventType::BoardHeartbeatMissed), {garageId}, gcn::Channel::Desktop, u"desktop"_s, Result::Failed,
              u"no system tray to show the alert"_s),
    };
}

QString cell(const QAbstractItemModel& model, int row, int column)
{
    return model.index(row, column).data().toString();
}

} // namespace

class TestHistoryModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sourceEntriesNewestFirst();
    void displaysEveryColumn();
    void failedRowsHighlighted();
    void resultUpdateReplacesRow();
    void newEntryInsertedOnTop();
    void capacityDropsOldest();
    void filter_data();
    void filter();
    void sortsByTime();
    void outboxSourceFollowsOutbox();
    void sourcesKeepTheirOwnIds();
    void outboxDesktopNoteShown();
};

void TestHistoryModel::initTestCase()
{
    qputenv("TZ", "UTC");
    tzset();
}

void TestHistoryModel::sourceEntriesNewestFirst()
{
    gcn::MemoryHistorySource source;
    for (const NotificationHistoryEntry& value : sampleEntries())
        source.record(value);
    HistoryModel model;
    QAbstractItemModelTester tester(&model);
    model.setSource(&source);

    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), int(HistoryModel::ColumnCount));
    QCOMPARE(model.entries().first().id, 5);
    QCOMPARE(model.entries().last().id, 1);
    QCOMPARE(source.entries(2).size(), 2);
    QCOMPARE(source.entries(2).first().id, 5);
}

void TestHistoryModel::displaysEveryColumn()
{
    gcn::SupervisionSettings settings;
    settings.boardAliases = {garageId + u"=Garage"_s};
    HistoryModel model;
    model.setNaming(*gcn::Naming::fromSettings(settings));
    QList<NotificationHistoryEntry> newestFirst = sampleEntries();
    std::reverse(newestFirst.begin(), newestFirst.end());
    model.setEntries(newestFirst);

    // Row 1 is id 4: a GPIO change about two boards posted on X.
    QCOMPARE(cell(model, 1, HistoryModel::TimeColumn), u"2023-11-14 22:17:20"_s);
    QCOMPARE(cell(model, 1, HistoryModel::TypeColumn), u"GPIO down"_s);
    QCOMPARE(cell(model, 1, HistoryModel::BoardColumn), u"Garage (AA:BB:CC:DD:EE:01), AA:BB:CC:DD:EE:02"_s);
    QCOMPARE(cell(model, 1, HistoryModel::ChannelColumn), u"X"_s);
    QCOMPARE(cell(model, 1, HistoryModel::RecipientColumn), u"@gcn_alerts"_s);
    QCOMPARE(cell(model, 1, HistoryModel::ResultColumn), u"pending"_s);
    QCOMPARE(cell(model, 1, HistoryModel::ErrorColumn), QString());

    // Row 3 is id 2: a failed SMS with its error.
    QCOMPARE(cell(model, 3, HistoryModel::TypeColumn), u"GPIO up"_s);
    QCOMPARE(cell(model, 3, HistoryModel::ChannelColumn), u"SMS"_s);
    QCOMPARE(cell(model, 3, HistoryModel::ResultColumn), u"failed"_s);
    QCOMPARE(cell(model, 3, HistoryModel::ErrorColumn), u"the SMS service has no credits left"_s);

    // Row 2 is id 3: a manager event names no board.
    QCOMPARE(cell(model, 2, HistoryModel::BoardColumn), QString());
    QCOMPARE(cell(model, 2, HistoryModel::ChannelColumn), u"desktop"_s);
    QCOMPARE(cell(model, 2, HistoryModel::RecipientColumn), u"this desktop"_s);
    QCOMPARE(cell(model, 4, HistoryModel::ChannelColumn), u"e-mail"_s);
    QCOMPARE(model.headerData(HistoryModel::RecipientColumn, Qt::Horizontal).toString(), u"Recipient"_s);
}

void TestHistoryModel::failedRowsHighlighted()
{
    HistoryModel model;
    QList<NotificationHistoryEntry> newestFirst = sampleEntries();
    std::reverse(newestFirst.begin(), newestFirst.end());
    model.setEntries(newestFirst);
    for (int row = 0; row < model.rowCount(); ++row) {
        const bool failed = model.entries().at(row).result == Result::Failed;
        QCOMPARE(model.index(row, HistoryModel::ErrorColumn).data(Qt::BackgroundRole).isValid(), failed);
    }
}

void TestHistoryModel::resultUpdateReplacesRow()
{
    gcn::MemoryHistorySource source;
    for (const NotificationHistoryEntry& value : sampleEntries())
        source.record(value);
    HistoryModel model;
    QAbstractItemModelTester tester(&model);
    model.setSource(&source);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    NotificationHistoryEntry delivered = sampleEntries().at(3);
    delivered.result = Result::Delivered;
    source.record(delivered);

    QCOMPARE(inserted.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(cell(model, 1, HistoryModel::ResultColumn), u"delivered"_s);
    QCOMPARE(source.entries(10).size(), 5);
}

void TestHistoryModel::newEntryInsertedOnTop()
{
    gcn::MemoryHistorySource source;
    HistoryModel model;
    QAbstractItemModelTester tester(&model);
    model.setSource(&source);
    QCOMPARE(model.rowCount(), 0);

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (const NotificationHistoryEntry& value : sampleEntries())
        source.record(value);
    QCOMPARE(inserted.count(), 5);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.entries().first().id, 5);
}

void TestHistoryModel::capacityDropsOldest()
{
    gcn::MemoryHistorySource source(3);
    HistoryModel model;
    QAbstractItemModelTester tester(&model);
    model.setSource(&source, 2);
    for (const NotificationHistoryEntry& value : sampleEntries())
        source.record(value);

    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.entries().at(0).id, 5);
    QCOMPARE(model.entries().at(1).id, 4);
    const QList<NotificationHistoryEntry> kept = source.entries(10);
    QCOMPARE(kept.size(), 3);
    QCOMPARE(kept.last().id, 3);
}

void TestHistoryModel::filter_data()
{
    QTest::addColumn<QString>("boardId");
    QTest::addColumn<int>("result");
    QTest::addColumn<QList<qint64>>("expectedIds");

    QTest::newRow("no filter") << QString() << -1 << QList<qint64> {5, 4, 3, 2, 1};
    QTest::newRow("one board") << garageId << -1 << QList<qint64> {5, 4, 1};
    QTest::newRow("other board") << cellarId << -1 << QList<qint64> {4, 2};
    QTest::newRow("failed only") << QString() << int(Result::Failed) << QList<qint64> {5, 2};
    QTest::newRow("board and result") << garageId << int(Result::Failed) << QList<qint64> {5};
    QTest::newRow("pending only") << QString() << int(Result::Pending) << QList<qint64> {4};
    QTest::newRow("unknown board") << u"00:00:00:00:00:00"_s << -1 << QList<qint64> {};
}

void TestHistoryModel::filter()
{
    QFETCH(QString, boardId);
    QFETCH(int, result);
    QFETCH(QList<qint64>, expectedIds);

    HistoryModel model;
    QList<NotificationHistoryEntry> newestFirst = sampleEntries();
    std::reverse(newestFirst.begin(), newestFirst.end());
    model.setEntries(newestFirst);
    HistoryFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.setBoardFilter(boardId);
    proxy.setResultFilter(result < 0 ? std::nullopt : std::optional(Result(result)));

    QList<qint64> ids;
    for (int row = 0; row < proxy.rowCount(); ++row)
        ids.append(model.entries().at(proxy.mapToSource(proxy.index(row, 0)).row()).id);
    QCOMPARE(ids, expectedIds);
}

void TestHistoryModel::sortsByTime()
{
    HistoryModel model;
    QList<NotificationHistoryEntry> shuffled = sampleEntries();
    std::swap(shuffled[0], shuffled[3]);
    model.setEntries(shuffled);
    HistoryFilterModel proxy;
    proxy.setSourceModel(&model);

    proxy.sort(HistoryModel::TimeColumn, Qt::DescendingOrder);
    QCOMPARE(cell(proxy, 0, HistoryModel::TimeColumn), u"2023-11-14 22:18:20"_s);
    QCOMPARE(cell(proxy, 4, HistoryModel::TimeColumn), u"2023-11-14 22:14:20"_s);
    proxy.sort(HistoryModel::TimeColumn, Qt::AscendingOrder);
    QCOMPARE(cell(proxy, 0, HistoryModel::TimeColumn), u"2023-11-14 22:14:20"_s);
}

void TestHistoryModel::outboxSourceFollowsOutbox()
{
    QTemporaryDir stateDir;
    QVERIFY(stateDir.isValid());
    // Before the outbox exists the source is empty and keeps polling.
    gcn::OutboxHistorySource source(stateDir.path(), 60'000);
    QCOMPARE(source.entries(10).size(), 0);

    auto outbox = gcn::Outbox::open(stateDir.path());
    QVERIFY(outbox.has_value());
    gcn::OutboxRecord record;
    record.channel = gcn::Channel::Email;
    record.recipient = u"ops@example.org"_s;
    record.eventTypes = {gcn::eventTypeName(gcn::EventType::BoardStatusOffline)};
    record.boardIds = {garageId};
    record.subject = u"Garage offline"_s;
    record.shortText = u"Garage is offline."_s;
    record.longText = record.shortText;
    record.createdAt = start;
    record.occurredAt = start;
    QVERIFY((*outbox)->insertMessage(record).has_value());

    HistoryModel model;
    QAbstractItemModelTester tester(&model);
    model.setSource(&source);
    QSignalSpy changed(&source, &gcn::NotificationHistorySource::entryChanged);
    source.poll();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(cell(model, 0, HistoryModel::ResultColumn), u"pending"_s);
    QCOMPARE(cell(model, 0, HistoryModel::RecipientColumn), u"ops@example.org"_s);

    // Reading again without a change announces nothing.
    source.poll();
    QCOMPARE(changed.count(), 1);

    QVERIFY((*outbox)->markFailed(record.id, u"550 mailbox unavailable"_s).has_value());
    source.poll();
    QCOMPARE(changed.count(), 2);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(cell(model, 0, HistoryModel::ResultColumn), u"failed"_s);
    QCOMPARE(cell(model, 0, HistoryModel::ErrorColumn), u"550 mailbox unavailable"_s);
}

void TestHistoryModel::sourcesKeepTheirOwnIds()
{
    gcn::MemoryHistorySource first;
    gcn::MemoryHistorySource second;
    HistoryModel model;
    QAbstractItemModelTester tester(&model);
    model.setSource(&first);
    model.addSource(&second);

    first.record(sampleEntries().at(0));
    NotificationHistoryEntry sameId = sampleEntries().at(1);
    sameId.id = sampleEntries().at(0).id;
    second.record(sameId);
    QCOMPARE(model.rowCount(), 2);

    NotificationHistoryEntry update = sameId;
    update.result = Result::Delivered;
    second.record(update);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.entries().at(0).result, Result::Delivered);
    QCOMPARE(model.entries().at(1).result, Result::Delivered);
    QCOMPARE(model.entries().at(1).channel, gcn::Channel::Email);
}

void TestHistoryModel::outboxDesktopNoteShown()
{
    QTemporaryDir stateDir;
    QVERIFY(stateDir.isValid());
    auto outbox = gcn::Outbox::open(stateDir.path());
    QVERIFY(outbox.has_value());
    gcn::OutboxRecord record;
    record.channel = gcn::Channel::Desktop;
    record.recipient = u"desktop"_s;
    record.eventTypes = {gcn::eventTypeName(gcn::EventType::GpioUp)};
    record.boardIds = {garageId};
    record.subject = u"Garage door open"_s;
    record.shortText = record.subject;
    record.longText = record.subject;
    record.createdAt = start;
    record.occurredAt = start;
    QVERIFY((*outbox)->insertMessage(record).has_value());
    QVERIFY((*outbox)->markDelivered(record.id, start.addSecs(5), u"not shown: desktop alerts are paused"_s).has_value());

    gcn::OutboxHistorySource source(stateDir.path(), 60'000);
    HistoryModel model;
    model.setSource(&source);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(cell(model, 0, HistoryModel::ChannelColumn), u"desktop"_s);
    QCOMPARE(cell(model, 0, HistoryModel::RecipientColumn), u"this desktop"_s);
    QCOMPARE(cell(model, 0, HistoryModel::ResultColumn), u"delivered"_s);
    QCOMPARE(cell(model, 0, HistoryModel::ErrorColumn), u"not shown: desktop alerts are paused"_s);
}

QTEST_GUILESS_MAIN(TestHistoryModel)
#include "tst_gui_historymodel.moc"
