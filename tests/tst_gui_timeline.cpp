#include <QChartView>
#include <QLineSeries>
#include <QTest>

#include "BoardTimeline.h"
#include "TimelineView.h"
#include "common/Clock.h"

using namespace Qt::StringLiterals;
using gcn::BoardRecord;
using gcn::BoardTimeline;

namespace {

const QString boardId = u"AA:BB:CC:DD:EE:01"_s;

BoardRecord recordWithPin(const QDateTime& receivedAt, int state, bool retained = false)
{
    BoardRecord record;
    record.id = boardId;
    gcn::PinSample sample;
    sample.state = state;
    sample.boardTimestamp = quint32(receivedAt.toSecsSinceEpoch());
    sample.receivedAt = receivedAt;
    sample.retained = retained;
    record.pins.insert(u"D1"_s, sample);
    return record;
}

} // namespace

class TestTimeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordsOnlyStateChanges();
    void retainedSampleUsesBoardTime();
    void heartbeatGapsLongerThanWatchdog();
    void pruneKeepsStateAtWindowStart();
    void viewDrawsPinsAndGaps();
};

void TestTimeline::recordsOnlyStateChanges()
{
    gcn::ManualClock clock;
    BoardTimeline timeline;
    const QDateTime start = clock.now();
    timeline.observe(recordWithPin(start, 0), start);
    timeline.observe(recordWithPin(start.addSecs(10), 0), start.addSecs(10));
    timeline.observe(recordWithPin(start.addSecs(20), 1), start.addSecs(20));

    const QList<BoardTimeline::PinChange> changes = timeline.board(boardId).pins.value(u"D1"_s);
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes.at(0).state, 0);
    QCOMPARE(changes.at(0).at, start);
    QCOMPARE(changes.at(1).state, 1);
    QCOMPARE(changes.at(1).at, start.addSecs(20));
    QCOMPARE(timeline.boardIds(), QStringList {boardId});
}

void TestTimeline::retainedSampleUsesBoardTime()
{
    gcn::ManualClock clock;
    BoardTimeline timeline;
    BoardRecord record = recordWithPin(clock.now(), 1, true);
    record.pins[u"D1"_s].boardTimestamp = quint32(clock.now().addSecs(-3600).toSecsSinceEpoch());
    timeline.observe(record, clock.now());

    QCOMPARE(timeline.board(boardId).pins.value(u"D1"_s).first().at, clock.now().addSecs(-3600));
}

void TestTimeline::heartbeatGapsLongerThanWatchdog()
{
    gcn::ManualClock clock;
    BoardTimeline timeline;
    const QDateTime start = clock.now();
    for (qint64 offset : {0, 30, 60, 300, 330}) {
        BoardRecord record;
        record.id = boardId;
        record.heartbeat = quint32(start.addSecs(offset).toSecsSinceEpoch());
        record.heartbeatReceivedAt = start.addSecs(offset);
        timeline.observe(record, start.addSecs(offset));
    }
    const BoardTimeline::Board board = timeline.board(boardId);
    QCOMPARE(board.heartbeats.size(), 5);

    const auto gaps = BoardTimeline::heartbeatGaps(board, start, start.addSecs(500), 60);
    QCOMPARE(gaps.size(), 2);
    QCOMPARE(gaps.at(0).first, start.addSecs(60));
    QCOMPARE(gaps.at(0).second, start.addSecs(300));
    // The silence still running at `now` is a gap too.
    QCOMPARE(gaps.at(1).first, start.addSecs(330));
    QCOMPARE(gaps.at(1).second, start.addSecs(500));
    QCOMPARE(BoardTimeline::heartbeatGaps(board, start, start.addSecs(340), 60).size(), 1);
}

void TestTimeline::pruneKeepsStateAtWindowStart()
{
    gcn::ManualClock clock;
    BoardTimeline timeline(3600);
    const QDateTime start = clock.now();
    timeline.observe(recordWithPin(start, 0), start);
    timeline.observe(recordWithPin(start.addSecs(60), 1), start.addSecs(60));
    timeline.observe(recordWithPin(start.addSecs(7200), 0), start.addSecs(7200));

    // The change at 60 s gives the state at the start of the kept hour, so it stays; the one before goes.
    const QList<BoardTimeline::PinChange> changes = timeline.board(boardId).pins.value(u"D1"_s);
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes.at(0).at, start.addSecs(60));
    QCOMPARE(changes.at(1).at, start.addSecs(7200));
}

void TestTimeline::viewDrawsPinsAndGaps()
{
    gcn::ManualClock clock;
    BoardTimeline timeline;
    const QDateTime start = clock.now().addSecs(-1800);
    timeline.observe(recordWithPin(start, 0), start);
    timeline.observe(recordWithPin(start.addSecs(600), 1), start.addSecs(600));
    BoardRecord beat;
    beat.id = boardId;
    beat.heartbeat = quint32(start.toSecsSinceEpoch());
    beat.heartbeatReceivedAt = start;
    timeline.observe(beat, start);

    gcn::TimelineView view(timeline, clock);
    view.setWatchdogSec(60);
    view.resize(800, 400);
    view.show();
    view.refresh();
    QCOMPARE(view.selectedBoard(), boardId);

    auto* chartView = view.findChild<QChartView*>();
    QVERIFY(chartView);
    QChart* chart = chartView->chart();
    // One area for the heartbeat gap since `start`, one step line for D1.
    QCOMPARE(chart->series().size(), 2);
    auto* pinLine = qobject_cast<QLineSeries*>(chart->series().last());
    QVERIFY(pinLine);
    // Low at start, a step up at 600 s, high until now.
    QCOMPARE(pinLine->count(), 4);
    QCOMPARE(pinLine->at(0).y(), 0.0);
    QCOMPARE(pinLine->at(1).y(), 0.0);
    QCOMPARE(pinLine->at(2).y(), 1.0);
    QCOMPARE(pinLine->at(3).x(), double(clock.now().toMSecsSinceEpoch()));
    QVERIFY(!view.grab().isNull());
}

QTEST_MAIN(TestTimeline)
#include "tst_gui_timeline.moc"
