#include <ctime>

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

#include "BoardTableModel.h"
#include "common/Clock.h"

using namespace Qt::StringLiterals;
using gcn::BoardRecord;
using gcn::BoardStatus;
using gcn::BoardTableModel;

namespace {

const QString garageId = u"AA:BB:CC:DD:EE:01"_s;
const QString cellarId = u"AA:BB:CC:DD:EE:02"_s;
const QString atticId = u"AA:BB:CC:DD:EE:03"_s;

gcn::Naming testNaming()
{
    gcn::SupervisionSettings settings;
    settings.boardAliases = {garageId + u"=Garage"_s};
    settings.pinLabels = {u"D1=door,open,closed"_s};
    return *gcn::Naming::fromSettings(settings);
}

// An online board with one heartbeat received `heartbeatAgeSec` before `now`, pins D1 and D2.
BoardRecord onlineBoard(const QString& id, const QDateTime& now, qint64 heartbeatAgeSec)
{
    BoardRecord record;
    record.id = id;
    record.status = BoardStatus::Online;
    record.announcedStatus = BoardStatus::Online;
    record.heartbeat = quint32(now.addSecs(-heartbeatAgeSec).toSecsSinceEpoch());
    record.heartbeatReceivedAt = now.addSecs(-heartbeatAgeSec);
    record.skewSeconds = 2;
    record.pinsKnown = true;
    record.monitoredPins = {u"D1"_s, u"D2"_s};
    gcn::PinSample d1;
    d1.state = 1;
    d1.announcedState = 1;
    d1.boardTimestamp = quint32(now.addSecs(-600).toSecsSinceEpoch());
    d1.receivedAt = now.addSecs(-600);
    record.pins.insert(u"D1"_s, d1);
    gcn::PinSample d2 = d1;
    d2.state = 0;
    d2.announcedState = 0;
    record.pins.insert(u"D2"_s, d2);
    record.metrics.insert(u"network/rssi"_s, {u"-67"_s, now});
    record.metrics.insert(u"esp8266/free_heap"_s, {u"30720"_s, now});
    record.metrics.insert(u"uptime/system_ms"_s, {u"7260000"_s, now});
    record.droppedTotal = 3;
    return record;
}

QString cell(const QAbstractItemModel& model, int row, int column)
{
    return model.index(row, column).data().toString();
}

} // namespace

class TestBoardTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void columnsFollowPins();
    void displaysMetricsAndTimes();
    void pinCell_data();
    void pinCell();
    void problems_data();
    void problems();
    void updateBoardChangesRow();
    void updateBoardAddsBoardAndPin();
    void refreshTimesFollowsClock();
    void proxySortsNumerically();
    void proxyFiltersByText();
    void displayedCellsMatchTable();
};

void TestBoardTableModel::initTestCase()
{
    // Cells show local times; a fixed zone makes them predictable.
    qputenv("TZ", "UTC");
    tzset();
}

void TestBoardTableModel::columnsFollowPins()
{
    gcn::ManualClock clock;
    BoardTableModel model(clock);
    QAbstractItemModelTester tester(&model);
    BoardRecord first = onlineBoard(garageId, clock.now(), 5);
    BoardRecord second = onlineBoard(cellarId, clock.now(), 5);
    second.monitoredPins = {u"D5"_s, u"D1"_s};
    model.setBoards({first, second});

    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.pinNames(), (QStringList {u"D1"_s, u"D2"_s, u"D5"_s}));
    QCOMPARE(model.columnCount(), BoardTableModel::FirstPinColumn + 3);
    QCOMPARE(model.headerData(BoardTableModel::BoardColumn, Qt::Horizontal).toString(), u"Board"_s);
    QCOMPARE(model.headerData(BoardTableModel::HeartbeatColumn, Qt::Horizontal).toString(), u"Last heartbeat"_s);
    QCOMPARE(model.headerData(BoardTableModel::FirstPinColumn + 2, Qt::Horizontal).toString(), u"D5"_s);
}

void TestBoardTableModel::displaysMetricsAndTimes()
{
    gcn::ManualClock clock;
    BoardTableModel model(clock);
    model.setNaming(testNaming());
    model.setBoards({onlineBoard(garageId, clock.now(), 42)});

    QCOMPARE(cell(model, 0, BoardTableModel::BoardColumn), u"Garage (AA:BB:CC:DD:EE:01)"_s);
    QCOMPARE(cell(model, 0, BoardTableModel::StatusColumn), u"online"_s);
    QCOMPARE(cell(model, 0, BoardTableModel::HeartbeatColumn), u"42 s ago"_s);
    QCOMPARE(cell(model, 0, BoardTableModel::SkewColumn), u"+2 s"_s);
    QCOMPARE(cell(model, 0, BoardTableModel::RssiColumn), u"-67 dBm"_s);
    QCOMPARE(cell(model, 0, BoardTableModel::FreeHeapColumn), u"30.0 kB"_s);
    QCOMPARE(cell(model, 0, BoardTableModel::UptimeColumn), u"2 h 1 min"_s);
    QCOMPARE(cell(model, 0, BoardTableModel::DroppedColumn), u"3"_s);
    QCOMPARE(model.index(0, 0).data(BoardTableModel::BoardIdRole).toString(), garageId);
    QCOMPARE(model.index(0, BoardTableModel::HeartbeatColumn).data(BoardTableModel::SortRole).toLongLong(), 42);
}

void TestBoardTableModel::pinCell_data()
{
    QTest::addColumn<QString>("boardId");
    QTest::addColumn<QString>("pin");
    QTest::addColumn<bool>("monitored");
    QTest::addColumn<bool>("hasSample");
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("expected");

    // ManualClock starts at 2023-11-14 22:13:20 UTC; samples changed 600 s earlier.
    QTest::newRow("label and words from the naming") << garageId << u"D1"_s << true << true << 1
                                                     << u"door open since 22:03:20"_s;
    QTest::newRow("label word for down") << garageId << u"D1"_s << true << true << 0
                                         << u"door closed since 22:03:20"_s;
    QTest::newRow("no label, default word") << garageId << u"D2"_s << true << true << 1 << u"up since 22:03:20"_s;
    QTest::newRow("sample of a pin no longer monitored") << garageId << u"D2"_s << false << true << 0
                                                          << u"down since 22:03:20 (not monitored)"_s;
    QTest::newRow("monitored pin without sample") << garageId << u"D2"_s << true << false << 0 << u"no sample yet"_s;
}

void TestBoardTableModel::pinCell()
{
    QFETCH(QString, boardId);
    QFETCH(QString, pin);
    QFETCH(bool, monitored);
    QFETCH(bool, hasSample);
    QFETCH(int, state);
    QFETCH(QString, expected);

    gcn::ManualClock clock;
    BoardTableModel model(clock);
    model.setNaming(testNaming());
    BoardRecord record = onlineBoard(boardId, clock.now(), 5);
    if (!monitored)
        record.monitoredPins.removeAll(pin);
    if (hasSample)
        record.pins[pin].state = state;
    else
        record.pins.remove(pin);
    // A second board keeps the pin's column when the first no longer lists it.
    BoardRecord other = onlineBoard(cellarId, clock.now(), 5);
    model.setBoards({record, other});

    const int column = BoardTableModel::FirstPinColumn + int(model.pinNames().indexOf(pin));
    QVERIFY(column >= BoardTableModel::FirstPinColumn);
    QCOMPARE(cell(model, 0, column), expected);
}

void TestBoardTableModel::problems_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("silent");
    QTest::addColumn<bool>("skewed");
    QTest::addColumn<QString>("statusText");
    QTest::addColumn<QStringList>("problems");

    QTest::newRow("fine") << int(BoardStatus::Online) << false << false << u"online"_s << QStringList();
    QTest::newRow("offline") << int(BoardStatus::Offline) << false << false << u"offline"_s
                             << QStringList {u"offline"_s};
    QTest::newRow("silent") << int(BoardStatus::Online) << true << false << u"online, silent for 2 min"_s
                            << QStringList {u"silent for 2 min"_s};
    QTest::newRow("skewed") << int(BoardStatus::Online) << false << true << u"online, clock skewed by 15 min"_s
                            << QStringList {u"clock skewed by 15 min"_s};
    QTest::newRow("offline and silent") << int(BoardStatus::Offline) << true << false
                                        << u"offline, silent for 2 min"_s
                                        << QStringList {u"offline"_s, u"silent for 2 min"_s};
}

void TestBoardTableModel::problems()
{
    QFETCH(int, status);
    QFETCH(bool, silent);
    QFETCH(bool, skewed);
    QFETCH(QString, statusText);
    QFETCH(QStringList, problems);

    gcn::ManualClock clock;
    BoardTableModel model(clock);
    BoardRecord record = onlineBoard(cellarId, clock.now(), 120);
    record.status = BoardStatus(status);
    record.silent = silent;
    record.skewed = skewed;
    if (skewed)
        record.skewSeconds = -900;
    model.setBoards({record, onlineBoard(garageId, clock.now(), 5)});

    QCOMPARE(model.problemsOf(record), problems);
    QCOMPARE(cell(model, 0, BoardTableModel::StatusColumn), statusText);
    QCOMPARE(model.problemCount(), problems.isEmpty() ? 0 : 1);
    for (int column = 0; column < model.columnCount(); ++column) {
        const QModelIndex index = model.index(0, column);
        QCOMPARE(index.data(BoardTableModel::ProblemRole).toBool(), !problems.isEmpty());
        QCOMPARE(index.data(Qt::BackgroundRole).isValid(), !problems.isEmpty());
    }
    // The fine board next to it is never highlighted.
    QCOMPARE(model.index(1, 0).data(BoardTableModel::ProblemRole).toBool(), false);
    QVERIFY(!model.index(1, 0).data(Qt::BackgroundRole).isValid());
}

void TestBoardTableModel::updateBoardChangesRow()
{
    gcn::ManualClock clock;
    BoardTableModel model(clock);
    QAbstractItemModelTester tester(&model);
    model.setBoards({onlineBoard(garageId, clock.now(), 5), onlineBoard(cellarId, clock.now(), 5)});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    BoardRecord record = onlineBoard(cellarId, clock.now(), 5);
    record.pins[u"D2"_s].state = 1;
    record.status = BoardStatus::Offline;
    model.updateBoard(record);

    QCOMPARE(inserted.count(), 0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
    QCOMPARE(changed.first().at(1).toModelIndex().row(), 1);
    QCOMPARE(cell(model, 1, BoardTableModel::StatusColumn), u"offline"_s);
    QCOMPARE(cell(model, 1, BoardTableModel::FirstPinColumn + 1), u"up since 22:03:20"_s);
    QCOMPARE(model.problemCount(), 1);
}

void TestBoardTableModel::updateBoardAddsBoardAndPin()
{
    gcn::ManualClock clock;
    BoardTableModel model(clock);
    QAbstractItemModelTester tester(&model);
    model.setBoards({onlineBoard(garageId, clock.now(), 5)});
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    model.updateBoard(onlineBoard(cellarId, clock.now(), 5));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.rowCount(), 2);

    BoardRecord withNewPin = onlineBoard(atticId, clock.now(), 5);
    withNewPin.monitoredPins.append(u"D0"_s);
    model.updateBoard(withNewPin);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.pinNames(), (QStringList {u"D0"_s, u"D1"_s, u"D2"_s}));
    QCOMPARE(model.headerData(BoardTableModel::FirstPinColumn, Qt::Horizontal).toString(), u"D0"_s);
    QCOMPARE(cell(model, 2, BoardTableModel::FirstPinColumn), u"no sample yet"_s);
    // Boards without the new pin have an empty cell for it.
    QCOMPARE(cell(model, 0, BoardTableModel::FirstPinColumn), QString());
}

void TestBoardTableModel::refreshTimesFollowsClock()
{
    gcn::ManualClock clock;
    BoardTableModel model(clock);
    model.setBoards({onlineBoard(garageId, clock.now(), 5)});
    QCOMPARE(cell(model, 0, BoardTableModel::HeartbeatColumn), u"5 s ago"_s);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    clock.advanceMs(115'000);
    model.refreshTimes();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(1).toModelIndex().column(), int(BoardTableModel::HeartbeatColumn));
    QCOMPARE(cell(model, 0, BoardTableModel::HeartbeatColumn), u"2 min"_s + u" ago"_s);
}

void TestBoardTableModel::proxySortsNumerically()
{
    gcn::ManualClock clock;
    BoardTableModel model(clock);
    model.setBoards({onlineBoard(garageId, clock.now(), 100), onlineBoard(cellarId, clock.now(), 5),
                     onlineBoard(atticId, clock.now(), 20)});
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(BoardTableModel::SortRole);
    proxy.sort(BoardTableModel::HeartbeatColumn, Qt::AscendingOrder);

    // As text, "100 s ago" would sort before "20 s ago" and "5 s ago".
    QCOMPARE(cell(proxy, 0, BoardTableModel::HeartbeatColumn), u"5 s ago"_s);
    QCOMPARE(cell(proxy, 1, BoardTableModel::HeartbeatColumn), u"20 s ago"_s);
    QCOMPARE(cell(proxy, 2, BoardTableModel::HeartbeatColumn), u"1 min 40 s ago"_s);

    proxy.sort(BoardTableModel::BoardColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data(BoardTableModel::BoardIdRole).toString(), atticId);
}

void TestBoardTableModel::proxyFiltersByText()
{
    gcn::ManualClock clock;
    BoardTableModel model(clock);
    model.setNaming(testNaming());
    BoardRecord offline = onlineBoard(atticId, clock.now(), 5);
    offline.status = BoardStatus::Offline;
    model.setBoards({onlineBoard(garageId, clock.now(), 5), onlineBoard(cellarId, clock.now(), 5), offline});
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setFilterKeyColumn(-1);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);

    proxy.setFilterFixedString(u"garage"_s);
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data(BoardTableModel::BoardIdRole).toString(), garageId);

    proxy.setFilterFixedString(u"offline"_s);
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data(BoardTableModel::BoardIdRole).toString(), atticId);

    proxy.setFilterFixedString(u"EE:0"_s);
    QCOMPARE(proxy.rowCount(), 3);
}

void TestBoardTableModel::displayedCellsMatchTable()
{
    gcn::ManualClock clock;
    BoardTableModel model(clock);
    model.setNaming(testNaming());
    model.setBoards({onlineBoard(garageId, clock.now(), 5)});

    const QList<QStringList> cells = model.displayedCells();
    QCOMPARE(cells.size(), 2);
    QCOMPARE(cells.at(0).size(), model.columnCount());
    QCOMPARE(cells.at(0).value(BoardTableModel::FirstPinColumn), u"D1"_s);
    QCOMPARE(cells.at(1).value(BoardTableModel::BoardColumn), u"Garage (AA:BB:CC:DD:EE:01)"_s);
    QCOMPARE(cells.at(1).value(BoardTableModel::FirstPinColumn), u"door open since 22:03:20"_s);
}

QTEST_GUILESS_MAIN(TestBoardTableModel)
#include "tst_gui_boardtablemodel.moc"
