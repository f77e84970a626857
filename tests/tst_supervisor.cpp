#include <memory>

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "common/Clock.h"
#include "storage/BoardStore.h"
#include "supervision/Supervisor.h"

using namespace Qt::StringLiterals;
using gcn::BoardRecord;
using gcn::BoardStatus;
using gcn::Event;
using gcn::EventType;

namespace {

const QString boardA = u"AA:BB:CC:DD:EE:01"_s;
const QString boardB = u"AA:BB:CC:DD:EE:02"_s;
const QString boardC = u"AA:BB:CC:DD:EE:03"_s;
const qint64 startSecs = 1'700'000'000;

QByteArray number(qint64 value)
{
    return QByteArray::number(value);
}

QByteArray sample(int state, qint64 timestamp)
{
    return number(state) + ' ' + number(timestamp);
}

QDateTime utc(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

struct Publish
{
    QString topic;
    QByteArray payload;
    int qos = 0;
    bool retain = false;
};

// A supervisor on a ManualClock that records everything it emits.
class Fixture
{
public:
    explicit Fixture(const gcn::SupervisionSettings& settings = {}, gcn::BoardStore* store = nullptr,
                     qint64 startSeconds = startSecs, gcn::Naming naming = {})
        : clock(utc(startSeconds))
    {
        supervisor = std::make_unique<gcn::Supervisor>(settings, std::move(naming), clock, store);
        supervisor->setManagerId(u"gcn_manager_self"_s);
        QObject::connect(supervisor.get(), &gcn::Supervisor::eventOccurred,
                         [this](const Event& event) { events.append(event); });
        QObject::connect(supervisor.get(), &gcn::Supervisor::publishRequested,
                         [this](const QString& topic, const QByteArray& payload, int qos, bool retain) {
                             published.append({topic, payload, qos, retain});
                         });
        QObject::connect(supervisor.get(), &gcn::Supervisor::invalidMessage,
                         [this](const QString& topic, const QString&) { invalidTopics.append(topic); });
    }

    void connectBroker() { supervisor->setBrokerConnected(true); }
    void disconnectBroker() { supervisor->setBrokerConnected(false); }

    void live(const QString& board, const QString& rest, const QByteArray& payload)
    {
        supervisor->handleMessage(u"gcn/"_s + board + u"/out/"_s + rest, payload, false);
    }

    void retained(const QString& board, const QString& rest, const QByteArray& payload)
    {
        supervisor->handleMessage(u"gcn/"_s + board + u"/out/"_s + rest, payload, true);
    }

    void advanceSeconds(qint64 seconds)
    {
        clock.advanceMs(seconds * 1000);
        supervisor->processDeadlines();
    }

    // Lets the retained-message window of the current connection end.
    void endRetainedWindow() { advanceSeconds(gcn::Supervisor::defaultRetainedWindowMs / 1000); }

    qint64 nowSeconds() const { return clock.now().toSecsSinceEpoch(); }

    QList<Event> take() { return std::exchange(events, {}); }

    QList<EventType> takeTypes()
    {
        QList<EventType> types;
        for (const Event& event : take())
            types.append(event.type);
        return types;
    }

    BoardRecord record(const QString& board) const { return supervisor->board(board).value_or(BoardRecord {}); }

    gcn::ManualClock clock;
    std::unique_ptr<gcn::Supervisor> supervisor;
    QList<Event> events;
    QList<Publish> published;
    QStringList invalidTopics;
};

} // namespace

class TestSupervisor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusLiveChanges();
    void statusRetainedFirstSeenSilent();
    void statusUnknownToOfflineLive();
    void watchdogMissedThenResumed();
    void watchdogArmedByOnlineWithoutHeartbeat();
    void watchdogNotArmedWhileOffline();
    void boardCountsMatchRecords();
    void repeatedNamesAreStoredOnce();
    void duplicateHeartbeatDoesNotRearm();
    void skewThreshold_data();
    void skewThreshold();
    void skewAnnouncedOnceThenRecovers();
    void skewIgnoresRetainedHeartbeat();
    void retainedOldHeartbeatSilentAfterWindow();
    void retainedOldHeartbeatOfOfflineBoard();
    void retainedWindowLastsWhileRetainedArrive();
    void retainedWindowEndsAtLimit();
    void retainedFreshHeartbeatArmsRemainder();
    void retainedOlderHeartbeatIgnored();
    void brokerOutageSuspendsWatchdogs();
    void brokerOutageSuspendsGrace();
    void gracePeriodHidesQuickReconnect();
    void gracePeriodDelaysSilence();
    void gpioFirstSampleOnlyInitialises();
    void gpioChangesWithAliasAndLabel();
    void gpioDebounceHoldsThenAnnounces();
    void gpioDebounceBounceBackSilent();
    void gpioDuplicateSample();
    void gpioRetainedOlderSampleIgnored();
    void unmonitoredPinIgnored();
    void sampleBeforeListNotUnmonitored();
    void sampleWithoutListAfterWindow();
    void clearStaleSamplesWhenEnabled();
    void clearStaleSampleNotWhenDisabled();
    void clearedSampleEchoRemovesPin();
    void droppedCounterChanges();
    void droppedCounterRetainedFirstValue();
    void managerStatusHandling();
    void monitorOfflineClearedWithoutAlert();
    void managerOwnStatusIgnored();
    void metricsAndHardwareRecorded();
    void unknownCategoryAndCommandsIgnored();
    void caseDifferingIdsAreTwoBoards();
    void invalidMessageLoggedWithTopic_data();
    void invalidMessageLoggedWithTopic();
    void randomMessagesNeverCrash();
    void restartWithStoredState();
    void restartWithoutStoredState();
    void restartSilentBoardResumes();
    void restartAnnouncesHeldDebounce();
    void restartCorrectsAgeBySkew();
    void reminderOfflineUntilRecovery();
    void reminderOfflineFollowsGrace();
    void reminderSilenceUntilHeartbeat();
    void reminderSkewUntilRecovered();
    void reminderNoneWhileDisconnected();
    void reminderContinuesAfterRestart();
    void reminderNoneWhenIntervalZero();
    void reminderNoneForGpioOrDropped();
    void nextDeadlineFollowsQueue();
    void timerDrivesDeadlines();
};

// ---- Status ----

void TestSupervisor::statusLiveChanges()
{
    Fixture f;
    f.connectBroker();

    f.live(boardA, u"status"_s, "online");
    QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardStatusOnline);
    QCOMPARE(events.at(0).boardId, boardA);
    QCOMPARE(events.at(0).learntLate, false);
    QCOMPARE(events.at(0).occurredAt, f.clock.now());
    QCOMPARE(events.at(0).managerId, u"gcn_manager_self"_s);

    f.live(boardA, u"status"_s, "online");
    QVERIFY(f.take().isEmpty());

    f.live(boardA, u"status"_s, "offline");
    events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardStatusOffline);
    QCOMPARE(events.at(0).occurredAt, f.clock.now());

    f.advanceSeconds(120);
    f.live(boardA, u"status"_s, "online");
    events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardStatusOnline);
    QCOMPARE(events.at(0).offlineSeconds, 120);
    QCOMPARE(f.record(boardA).announcedStatus, BoardStatus::Online);
}

void TestSupervisor::statusRetainedFirstSeenSilent()
{
    Fixture f;
    f.connectBroker();

    f.retained(boardA, u"status"_s, "offline");
    f.retained(boardB, u"status"_s, "online");
    f.endRetainedWindow();
    QVERIFY(f.take().isEmpty());
    QCOMPARE(f.record(boardA).status, BoardStatus::Offline);
    QCOMPARE(f.record(boardA).announcedStatus, BoardStatus::Offline);
    QCOMPARE(f.record(boardB).announcedStatus, BoardStatus::Online);

    // The board that was offline before comes back: that is news.
    f.live(boardA, u"status"_s, "online");
    QCOMPARE(f.takeTypes(), QList<EventType> {EventType::BoardStatusOnline});
}

void TestSupervisor::statusUnknownToOfflineLive()
{
    Fixture f;
    f.connectBroker();
    f.live(boardA, u"status"_s, "offline");
    QCOMPARE(f.takeTypes(), QList<EventType> {EventType::BoardStatusOffline});
}

// ---- Heartbeats ----

void TestSupervisor::watchdogMissedThenResumed()
{
    Fixture f;
    f.connectBroker();
    const QDateTime receivedAt = f.clock.now();
    const qint64 heartbeat = f.nowSeconds();
    f.live(boardA, u"heartbeat"_s, number(heartbeat));
    QVERIFY(f.take().isEmpty());

    f.advanceSeconds(59);
    QVERIFY(f.take().isEmpty());
    f.advanceSeconds(1);
    QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardHeartbeatMissed);
    QCOMPARE(events.at(0).heartbeat, heartbeat);
    QCOMPARE(events.at(0).silenceSeconds, 60);
    QCOMPARE(events.at(0).occurredAt, receivedAt.addSecs(60));
    QCOMPARE(events.at(0).learntLate, false);
    QVERIFY(f.record(boardA).silent);

    // No repetition while the silence lasts.
    f.advanceSeconds(600);
    QVERIFY(f.take().isEmpty());

    f.live(boardA, u"heartbeat"_s, number(f.nowSeconds()));
    events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardHeartbeatResumed);
    QCOMPARE(events.at(0).silenceSeconds, 660);
    QCOMPARE(events.at(0).heartbeat, f.nowSeconds());
    QVERIFY(!f.record(boardA).silent);

    // The watchdog runs again.
    f.advanceSeconds(60);
    QCOMPARE(f.takeTypes(), QList<EventType> {EventType::BoardHeartbeatMissed});
}

void TestSupervisor::watchdogArmedByOnlineWithoutHeartbeat()
{
    Fixture f;
    f.connectBroker();
    const QDateTime onlineAt = f.clock.now();
    f.live(boardA, u"status"_s, "online");
    QCOMPARE(f.takeTypes(), QList<EventType> {EventType::BoardStatusOnline});

    f.advanceSeconds(59);
    QVERIFY(f.take().isEmpty());
    f.advanceSeconds(1);
    const QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardHeartbeatMissed);
    QCOMPARE(events.at(0).occurredAt, onlineAt.addSecs(60));
    QCOMPARE(events.at(0).silenceSeconds, 60);
    QVERIFY(f.record(boardA).silent);

    // The first heartbeat ends the silence.
    f.live(boardA, u"heartbeat"_s, number(f.nowSeconds()));
    QCOMPARE(f.takeTypes(), QList<EventType> {EventType::BoardHeartbeatResumed});
}

void TestSupervisor::boardCountsMatchRecords()
{
    Fixture f;
    f.connectBroker();
    QCOMPARE(f.supervisor->boardCounts().online, 0);

    f.live(boardA, u"status"_s, "online");
    f.live(boardA, u"heartbeat"_s, number(f.nowSeconds()));
    f.live(boardB, u"status"_s, "offline");
    f.live(boardC, u"heartbeat"_s, number(f.nowSeconds()));
    f.advanceSeconds(60);
    QVERIFY(f.record(boardA).silent);
    QVERIFY(f.record(boardC).silent);

    const gcn::Supervisor::BoardCounts counts = f.supervisor->boardCounts();
    QCOMPARE(counts.online, 1);
    QCOMPARE(counts.offline, 1);
    QCOMPARE(counts.unknown, 1);
    QCOMPARE(counts.silent, 2);
    int silentRecords = 0;
    for (const gcn::BoardRecord& record : f.supervisor->boards())
        silentRecords += record.silent ? 1 : 0;
    QCOMPARE(counts.silent, silentRecords);
    QCOMPARE(counts.online + counts.offline + counts.unknown, int(f.supervisor->boards().size()));
}

void TestSupervisor::repeatedNamesAreStoredOnce()
{
    Fixture f;
    f.connectBroker();
    for (const QString& board : {boardA, boardB}) {
        f.live(board, u"monitored_gpio"_s, "D1,D2");
        f.live(board, u"gpio/D1"_s, sample(0, f.nowSeconds()));
        f.live(board, u"hardware"_s, "esp8266");
    }
    const gcn::BoardRecord first = f.record(boardA);
    const gcn::BoardRecord second = f.record(boardB);
    QCOMPARE(second.monitoredPins, (QStringList {u"D1"_s, u"D2"_s}));
    QCOMPARE(second.hardware, u"esp8266"_s);
    QCOMPARE(second.pins.firstKey(), u"D1"_s);
    // Equal values share their data instead of each board holding a copy.
    QCOMPARE(second.monitoredPins.constData(), first.monitoredPins.constData());
    QCOMPARE(second.hardware.constData(), first.hardware.constData());
    QCOMPARE(second.pins.firstKey().constData(), first.pins.firstKey().constData());
}

void TestSupervisor::watchdogNotArmedWhileOffline()
{
    Fixture f;
    f.connectBroker();
    f.live(boardA, u"status"_s, "online");
    f.live(boardA, u"heartbeat"_s, number(f.nowSeconds()));
    f.live(boardA, u"status"_s, "offline");
    QCOMPARE(f.takeTypes(), (QList<EventType> {EventType::BoardStatusOnline, EventType::BoardStatusOffline}));

    f.advanceSeconds(3600);
    QVERIFY(f.take().isEmpty());

    // Back online: the watchdog gets a full period again.
    f.live(boardA, u"status"_s, "online");
    QCOMPARE(f.takeTypes(), QList<EventType> {EventType::BoardStatusOnline});
    f.advanceSeconds(59);
    QVERIFY(f.take().isEmpty());
    f.advanceSeconds(1);
    QCOMPARE(f.takeTypes(), QList<EventType> {EventType::BoardHeartbeatMissed});
}

void TestSupervisor::duplicateHeartbeatDoesNotRearm()
{
    Fixture f;
    f.connectBroker();
    const QByteArray heartbeat = number(f.nowSeconds());
    f.live(boardA, u"heartbeat"_s, heartbeat);
    f.advanceSeconds(30);
    // A QoS 1 redelivery is no sign of life.
    f.live(boardA, u"heartbeat"_s, heartbeat);
    f.advanceSeconds(30);
    QCOMPARE(f.takeTypes(), QList<EventType> {EventType::BoardHeartbeatMissed});
}

void TestSupervisor::skewThreshold_data()
{
    QTest::addColumn<qint64>("skew");
    QTest::addColumn<bool>("skewed");

    QTest::newRow("none") << qint64(0) << false;
    QTest::newRow("just below ahead") << qint64(599) << false;
    QTest::newRow("at max ahead") << qint64(600) << true;
    QTest::newRow("just below behind") << qint64(-599) << false;
    QTest::newRow("at max behind") << qint64(-600) << true;
    QTest::newRow("a day behind") << qint64(-86400) << true;
}

void TestSupervisor::skewThreshold()
{
    QFETCH(qint64, skew);
    QFETCH(bool, skewed);

    Fixture f;
    f.connectBroker();
    f.live(boardA, u"heartbeat"_s, number(f.nowSeconds() + skew));
    const QList<Event> events = f.take();
    QCOMPARE(events.size(), skewed ? 1 : 0);
    if (skewed) {
        QCOMPARE(events.at(0).type, EventType::BoardHeartbeatSkewed);
        QCOMPARE(events.at(0).skewSeconds, skew);
        QCOMPARE(events.at(0).heartbeat, f.nowSeconds() + skew);
    }
    QCOMPARE(f.record(boardA).skewed, skewed);
    QCOMPARE(f.record(boardA).skewSeconds, skew);
}

void TestSupervisor::skewAnnouncedOnceThenRecovers()
{
    Fixture f;
    f.connectBroker();
    f.live(boardA, u"heartbeat"_s, number(f.nowSeconds() + 700));
    QCOMPARE(f.takeTypes(), QList<EventType> {EventType::BoardHeartbeatSkewed});

    f.advanceSeconds(30);
    f.live(boardA, u"heartbeat"_s, number(f.nowSeconds() + 800));
    QVERIFY(f.take().isEmpty());

    f.advanceSeconds(30);
    f.live(boardA, u"heartbeat"_s, number(f.nowSeconds() + 10));
    const QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardSkewRecovered);
    QCOMPARE(events.at(0).skewSeconds, 10);

    // A step of the manager's own clock makes a correct board look skewed.
    f.clock.stepWallClock(-1000);
    f.advanceSeconds(30);
    f.live(boardA, u"heartbeat"_s, number(f.nowSeconds() + 1000));
    QCOMPARE(f.takeTypes(), QList<EventType> {EventType::BoardHeartbeatSkewed});
}

void TestSupervisor::skewIgnoresRetainedHeartbeat()
{
    Fixture f;
    f.connectBroker();
    f.retained(boardA, u"heartbeat"_s, number(f.nowSeconds() + 5000));
    f.endRetainedWindow();
    QVERIFY(f.take().isEmpty());
    QVERIFY(!f.record(boardA).skewed);
}

void TestSupervisor::retainedOldHeartbeatSilentAfterWindow()
{
    Fixture f;
    f.connectBroker();
    const qint64 heartbeat = f.nowSeconds() - 3600;
    f.retained(boardA, u"status"_s, "online");
    f.retained(boardA, u"heartbeat"_s, number(heartbeat));
    f.supervisor->processDeadlines();
    QVERIFY(f.take().isEmpty());

    f.endRetainedWindow();
    const QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardHeartbeatMissed);
    QCOMPARE(events.at(0).learntLate, true);
    QCOMPARE(events.at(0).occurredAt, utc(heartbeat + 60));
    QCOMPARE(events.at(0).heartbeat, heartbeat);
    QCOMPARE(events.at(0).silenceSeconds, 3605);

    f.advanceSeconds(3600);
    QVERIFY(f.take().isEmpty());
}

void TestSupervisor::retainedOldHeartbeatOfOfflineBoard()
{
    Fixture f;
    f.connectBroker();
    // The heartbeat comes before the status that explains the silence.
    f.retained(boardA, u"heartbeat"_s, number(f.nowSeconds() - 3600));
    f.retained(boardA, u"status"_s, "offline");
    f.endRetainedWindow();
    f.advanceSeconds(3600);
    QVERIFY(f.take().isEmpty());
    QVERIFY(!f.record(boardA).silent);
}

// A large fleet's retained state takes longer than the 5 s window: a board's old heartbeat handled at 6 s
// and its offline status at 6.5 s raise no alert, because the window stays open while retained messages
// arrive.
void TestSupervisor::retainedWindowLastsWhileRetainedArrive()
{
    Fixture f;
    f.connectBroker();
    for (int i = 0; i < 12; ++i) {
        f.retained(boardB, u"esp8266/free_heap"_s, "20000");
        f.clock.advanceMs(500);
        f.supervisor->processDeadlines();
    }
    f.retained(boardA, u"heartbeat"_s, number(f.nowSeconds() - 3600));
    f.clock.advanceMs(500);
    f.supervisor->processDeadlines();
    QVERIFY(f.take().isEmpty());
    f.retained(boardA, u"status"_s, "offline");

    f.advanceSeconds(2);
    f.advanceSeconds(3600);
    QVERIFY(f.take().isEmpty());
    QVERIFY(!f.record(boardA).silent);
}

// Retained messages that never stop do not hold the window open beyond its limit.
void TestSupervisor::retainedWindowEndsAtLimit()
{
    Fixture f;
    f.connectBroker();
    f.retained(boardA, u"status"_s, "online");
    f.retained(boardA, u"heartbeat"_s, number(f.nowSeconds() - 3600));
    const int stepMs = 500;
    int elapsedMs = 0;
    while (f.take().isEmpty() && elapsedMs < 2 * gcn::Supervisor::maxRetainedWindowMs) {
        f.retained(boardB, u"esp8266/free_heap"_s, "20000");
        f.clock.advanceMs(stepMs);
        elapsedMs += stepMs;
        f.supervisor->processDeadlines();
    }
    QVERIFY(f.record(boardA).silent);
    QVERIFY2(elapsedMs > gcn::Supervisor::defaultRetainedWindowMs, qPrintable(QString::number(elapsedMs)));
    QCOMPARE(elapsedMs, gcn::Supervisor::maxRetainedWindowMs);
}

void TestSupervisor::retainedFreshHeartbeatArmsRemainder()
{
    Fixture f;
    f.connectBroker();
    f.retained(boardA, u"status"_s, "online");
    f.retained(boardA, u"heartbeat"_s, number(f.nowSeconds() - 20));
    f.advanceSeconds(39);
    QVERIFY(f.take().isEmpty());
    f.advanceSeconds(1);
    const QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardHeartbeatMissed);
    // The silence began after the manager connected.
    QCOMPARE(events.at(0).learntLate, false);
}

void TestSupervisor::retainedOlderHeartbeatIgnored()
{
    Fixture f;
    f.connectBroker();
    const qint64 heartbeat = f.nowSeconds();
    f.live(boardA, u"heartbeat"_s, number(heartbeat));
    f.retained(boardA, u"heartbeat"_s, number(heartbeat - 300));
    QCOMPARE(f.record(boardA).heartbeat, std::optional<quint32>(quint32(heartbeat)));
    QCOMPARE(f.record(boardA).heartbeatRetained, false);
}

void TestSupervisor::brokerOutageSuspendsWatchdogs()
{
    Fixture f;
    f.connectBroker();
    const QByteArray heartbeatA = number(f.nowSeconds());
    const QByteArray heartbeatB = number(f.nowSeconds());
    f.live(boardA, u"heartbeat"_s, heartbeatA);
    f.live(boardB, u"heartbeat"_s, heartbeatB);
    f.advanceSeconds(30);

    f.disconnectBroker();
    QVERIFY(!f.supervisor->isBrokerConnected());
    QCOMPARE(f.supervisor->nextDeadlineMs(), std::nullopt);
    f.advanceSeconds(600);
    QVERIFY(f.take().isEmpty());

    // The broker comes back with the last heartbeats retained; each watchdog restarts in full.
    f.connectBroker();
    f.retained(boardA, u"heartbeat"_s, heartbeatA);
    f.retained(boardB, u"heartbeat"_s, heartbeatB);
    f.advanceSeconds(59);
    QVERIFY(f.take().isEmpty());
    f.live(boardA, u"heartbeat"_s, number(f.nowSeconds()));
    f.advanceSeconds(1);
    const QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardHeartbeatMissed);
    QCOMPARE(events.at(0).boardId, boardB);
}

void TestSupervisor::brokerOutageSuspendsGrace()
{
    gcn::SupervisionSettings settings;
    settings.offlineGraceSec = 30;
    Fixture f(settings);
    f.connectBroker();
    f.live(boardA, u"status"_s, "online");
    f.take();
    f.live(boardA, u"status"_s, "offline");
    f.advanceSeconds(20);
    f.disconnectBroker();
    f.advanceSeconds(300);
    QVERIFY(f.take().isEmpty());

    f.connectBroker();
    f.retained(boardA, u"status"_s, "offline");
    f.advanceSeconds(29);
    QVERIFY(f.take().isEmpty());
    f.advanceSeconds(1);
    QCOMPARE(f.takeTypes(), QList<EventType> {EventType::BoardStatusOffline});
}

void TestSupervisor::gracePeriodHidesQuickReconnect()
{
    gcn::SupervisionSettings settings;
    settings.offlineGraceSec = 30;
    Fixture f(settings);
    f.connectBroker();
    f.live(boardA, u"status"_s, "online");
    QCOMPARE(f.takeTypes(), QList<EventType> {EventType::BoardStatusOnline});

    f.live(boardA, u"status"_s, "offline");
    f.advanceSeconds(10);
    f.live(boardA, u"status"_s, "online");
    f.advanceSeconds(60);
    QVERIFY(f.take().isEmpty());

    const QDateTime offlineAt = f.clock.now();
    f.live(boardA, u"status"_s, "offline");
    f.advanceSeconds(29);
    QVERIFY(f.take().isEmpty());
    f.advanceSeconds(1);
    const QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardStatusOffline);
    QCOMPARE(events.at(0).occurredAt, offlineAt);
    QCOMPARE(events.at(0).learntLate, false);
}

void TestSupervisor::gracePeriodDelaysSilence()
{
    gcn::SupervisionSettings settings;
    settings.offlineGraceSec = 30;
    Fixture f(settings);
    f.connectBroker();
    const QDateTime receivedAt = f.clock.now();
    f.live(boardA, u"heartbeat"_s, number(f.nowSeconds()));
    f.advanceSeconds(60);
    QVERIFY(f.take().isEmpty());
    f.advanceSeconds(29);
    QVERIFY(f.take().isEmpty());
    f.advanceSeconds(1);
    const QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardHeartbeatMissed);
    QCOMPARE(events.at(0).occurredAt, receivedAt.addSecs(60));
}

// ---- GPIO ----

void TestSupervisor::gpioFirstSampleOnlyInitialises()
{
    Fixture f;
    f.connectBroker();
    f.live(boardA, u"monitored_gpio"_s, "D1");
    f.live(boardA, u"gpio/D1"_s, sample(1, f.nowSeconds() - 10));
    QVERIFY(f.take().isEmpty());
    const gcn::PinSample pin = f.record(boardA).pins.value(u"D1"_s);
    QCOMPARE(pin.state, 1);
    QCOMPARE(pin.announcedState, 1);
    QCOMPARE(qint64(pin.boardTimestamp), f.nowSeconds() - 10);
    QCOMPARE(pin.receivedAt, f.clock.now());
}

void TestSupervisor::gpioChangesWithAliasAndLabel()
{
    gcn::SupervisionSettings settings;
    settings.boardAliases = {boardA + u"=Garage"_s};
    settings.pinLabels = {u"D1=door,open,closed"_s};
    const auto naming = gcn::Naming::fromSettings(settings);
    QVERIFY(naming.has_value());
    Fixture f(settings, nullptr, startSecs, *naming);
    f.connectBroker();

    const qint64 t = f.nowSeconds();
    f.live(boardA, u"monitored_gpio"_s, "D1,D2");
    f.live(boardA, u"gpio/D1"_s, sample(0, t));
    f.live(boardA, u"gpio/D2"_s, sample(0, t));
    QVERIFY(f.take().isEmpty());

    f.advanceSeconds(60);
    f.live(boardA, u"gpio/D1"_s, sample(1, t + 60));
    QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::GpioUp);
    QCOMPARE(events.at(0).boardId, boardA);
    QCOMPARE(events.at(0).boardAlias, u"Garage"_s);
    QCOMPARE(events.at(0).pin, u"D1"_s);
    QCOMPARE(events.at(0).pinLabel, u"door"_s);
    QCOMPARE(events.at(0).stateWord, u"open"_s);
    QCOMPARE(events.at(0).pinState, 1);
    QCOMPARE(events.at(0).boardTimestamp, t + 60);
    QCOMPARE(events.at(0).occurredAt, utc(t + 60));
    QCOMPARE(events.at(0).learntLate, false);

    // Same state with a new timestamp (sent again after a reconnect) is no change.
    f.live(boardA, u"gpio/D1"_s, sample(1, t + 120));
    QVERIFY(f.take().isEmpty());

    f.live(boardA, u"gpio/D1"_s, sample(0, t + 180));
    events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::GpioDown);
    QCOMPARE(events.at(0).stateWord, u"closed"_s);

    // A pin without a label.
    f.live(boardA, u"gpio/D2"_s, sample(1, t + 200));
    events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::GpioUp);
    QCOMPARE(events.at(0).pinLabel, QString());
    QCOMPARE(events.at(0).stateWord, QString());
}

void TestSupervisor::gpioDebounceHoldsThenAnnounces()
{
    gcn::SupervisionSettings settings;
    settings.gpioChangeDebounceSec = 5;
    Fixture f(settings);
    f.connectBroker();
    const qint64 t = f.nowSeconds();
    f.live(boardA, u"monitored_gpio"_s, "D1");
    f.live(boardA, u"gpio/D1"_s, sample(0, t));
    f.live(boardA, u"gpio/D1"_s, sample(1, t + 2));
    QVERIFY(f.take().isEmpty());
    QCOMPARE(f.record(boardA).pins.value(u"D1"_s).state, 1);
    QCOMPARE(f.record(boardA).pins.value(u"D1"_s).announcedState, 0);

    f.advanceSeconds(4);
    QVERIFY(f.take().isEmpty());
    f.advanceSeconds(1);
    QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::GpioUp);
    QCOMPARE(events.at(0).boardTimestamp, t + 2);

    // A change far enough from the previous sample is announced at once.
    f.live(boardA, u"gpio/D1"_s, sample(0, t + 10));
    events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::GpioDown);
}

void TestSupervisor::gpioDebounceBounceBackSilent()
{
    gcn::SupervisionSettings settings;
    settings.gpioChangeDebounceSec = 5;
    Fixture f(settings);
    f.connectBroker();
    const qint64 t = f.nowSeconds();
    f.live(boardA, u"monitored_gpio"_s, "D1");
    f.live(boardA, u"gpio/D1"_s, sample(0, t));
    f.live(boardA, u"gpio/D1"_s, sample(1, t + 20));
    QCOMPARE(f.takeTypes(), QList<EventType> {EventType::GpioUp});

    // A burst that ends in the announced state.
    f.live(boardA, u"gpio/D1"_s, sample(0, t + 21));
    f.live(boardA, u"gpio/D1"_s, sample(1, t + 22));
    f.advanceSeconds(10);
    QVERIFY(f.take().isEmpty());
}

void TestSupervisor::gpioDuplicateSample()
{
    Fixture f;
    f.connectBroker();
    const qint64 t = f.nowSeconds();
    f.live(boardA, u"monitored_gpio"_s, "D1");
    f.live(boardA, u"gpio/D1"_s, sample(0, t));
    f.live(boardA, u"gpio/D1"_s, sample(1, t + 1));
    f.live(boardA, u"gpio/D1"_s, sample(1, t + 1));
    f.retained(boardA, u"gpio/D1"_s, sample(1, t + 1));
    QCOMPARE(f.takeTypes(), QList<EventType> {EventType::GpioUp});
}

void TestSupervisor::gpioRetainedOlderSampleIgnored()
{
    Fixture f;
    f.connectBroker();
    const qint64 t = f.nowSeconds();
    f.live(boardA, u"monitored_gpio"_s, "D1");
    f.live(boardA, u"gpio/D1"_s, sample(1, t));
    f.disconnectBroker();
    f.connectBroker();
    f.retained(boardA, u"monitored_gpio"_s, "D1");
    f.retained(boardA, u"gpio/D1"_s, sample(0, t - 10));
    f.endRetainedWindow();
    QVERIFY(f.take().isEmpty());
    QCOMPARE(f.record(boardA).pins.value(u"D1"_s).state, 1);
    QCOMPARE(qint64(f.record(boardA).pins.value(u"D1"_s).boardTimestamp), t);
}

void TestSupervisor::unmonitoredPinIgnored()
{
    Fixture f;
    f.connectBroker();
    f.live(boardA, u"monitored_gpio"_s, "D1");
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"board AA:BB:CC:DD:EE:01 pin D2 is not in its monitored "
                                                          "pins \\[D1\\]"_s));
    f.live(boardA, u"gpio/D2"_s, sample(0, f.nowSeconds()));
    f.live(boardA, u"gpio/D2"_s, sample(1, f.nowSeconds() + 1));
    QVERIFY(f.take().isEmpty());
    QVERIFY(!f.record(boardA).pins.contains(u"D2"_s));
    QVERIFY(f.published.isEmpty());
}

void TestSupervisor::sampleBeforeListNotUnmonitored()
{
    Fixture f;
    f.connectBroker();
    const qint64 t = f.nowSeconds();
    f.live(boardA, u"monitored_gpio"_s, "D1");
    f.live(boardA, u"gpio/D1"_s, sample(0, t));

    // The board was reflashed to monitor D2 as well; after a reconnection its retained sample of D2 comes
    // before its new list.
    f.disconnectBroker();
    f.connectBroker();
    QTest::failOnWarning(QRegularExpression(u"not in its monitored pins"_s));
    f.retained(boardA, u"gpio/D2"_s, sample(1, t + 5));
    f.retained(boardA, u"gpio/D1"_s, sample(0, t));
    QVERIFY(!f.record(boardA).pins.contains(u"D2"_s));
    f.retained(boardA, u"monitored_gpio"_s, "D1,D2");
    QVERIFY(f.take().isEmpty());
    QCOMPARE(f.record(boardA).pins.value(u"D2"_s).state, 1);
    QCOMPARE(f.record(boardA).monitoredPins, (QStringList {u"D1"_s, u"D2"_s}));
}

void TestSupervisor::sampleWithoutListAfterWindow()
{
    gcn::SupervisionSettings settings;
    settings.clearStaleGpio = true;
    Fixture f(settings);
    f.connectBroker();
    f.live(boardA, u"monitored_gpio"_s, "D1");
    f.disconnectBroker();
    f.connectBroker();

    // No list arrives in this connection: the known list decides at the end of the window, but a list
    // not confirmed by the board never causes a deletion.
    f.retained(boardA, u"gpio/D3"_s, sample(1, f.nowSeconds()));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"pin D3 is not in its monitored pins"_s));
    f.endRetainedWindow();
    QVERIFY(f.take().isEmpty());
    QVERIFY(f.published.isEmpty());
    QVERIFY(!f.record(boardA).pins.contains(u"D3"_s));
}

void TestSupervisor::clearStaleSamplesWhenEnabled()
{
    gcn::SupervisionSettings settings;
    settings.clearStaleGpio = true;
    Fixture f(settings);
    f.connectBroker();
    const qint64 t = f.nowSeconds();
    f.live(boardA, u"monitored_gpio"_s, "D1,D2");
    f.live(boardA, u"gpio/D1"_s, sample(0, t));
    f.live(boardA, u"gpio/D2"_s, sample(0, t));

    // The board stops monitoring D2: its retained sample is deleted.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"pin D2 is not in its monitored pins \\[D1\\]"_s));
    f.live(boardA, u"monitored_gpio"_s, "D1");
    QCOMPARE(f.published.size(), 1);
    QCOMPARE(f.published.at(0).topic, u"gcn/AA:BB:CC:DD:EE:01/out/gpio/D2"_s);
    QCOMPARE(f.published.at(0).payload, QByteArray());
    QCOMPARE(f.published.at(0).qos, 1);
    QCOMPARE(f.published.at(0).retain, true);
    QCOMPARE(f.record(boardA).pins.keys(), QStringList {u"D1"_s});

    // A retained sample of another stale pin, after the list.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"pin D3 is not in its monitored pins"_s));
    f.retained(boardA, u"gpio/D3"_s, sample(1, t));
    QCOMPARE(f.published.size(), 2);
    QCOMPARE(f.published.at(1).topic, u"gcn/AA:BB:CC:DD:EE:01/out/gpio/D3"_s);
    QVERIFY(f.take().isEmpty());
}

void TestSupervisor::clearStaleSampleNotWhenDisabled()
{
    Fixture f;
    f.connectBroker();
    f.live(boardA, u"monitored_gpio"_s, "D1");
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"pin D3 is not in its monitored pins"_s));
    f.retained(boardA, u"gpio/D3"_s, sample(1, f.nowSeconds()));
    QVERIFY(f.published.isEmpty());
}

void TestSupervisor::clearedSampleEchoRemovesPin()
{
    Fixture f;
    f.connectBroker();
    const qint64 t = f.nowSeconds();
    f.live(boardA, u"monitored_gpio"_s, "D1,D2");
    f.live(boardA, u"gpio/D2"_s, sample(0, t));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"pin D2 is not in its monitored pins"_s));
    f.live(boardA, u"monitored_gpio"_s, "D1");
    QVERIFY(f.record(boardA).pins.contains(u"D2"_s));

    // Another manager deletes the retained sample; the empty payload reaches this one too.
    f.live(boardA, u"gpio/D2"_s, QByteArray());
    QVERIFY(!f.record(boardA).pins.contains(u"D2"_s));
    QVERIFY(f.invalidTopics.isEmpty());
    QVERIFY(f.take().isEmpty());
}

// ---- Dropped items ----

void TestSupervisor::droppedCounterChanges()
{
    Fixture f;
    f.connectBroker();
    f.live(boardA, u"buffer_total_dropped_item"_s, "0");
    QVERIFY(f.take().isEmpty());

    f.live(boardA, u"buffer_total_dropped_item"_s, "3");
    QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardDroppedItems);
    QCOMPARE(events.at(0).droppedTotal, 3);
    QCOMPARE(events.at(0).previousDroppedTotal, 0);

    f.live(boardA, u"buffer_total_dropped_item"_s, "3");
    QVERIFY(f.take().isEmpty());

    f.live(boardA, u"buffer_total_dropped_item"_s, "5");
    events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).droppedTotal, 5);
    QCOMPARE(events.at(0).previousDroppedTotal, 3);

    // A reboot resets the counter: 0 is not news, drops after the reboot are.
    f.live(boardA, u"buffer_total_dropped_item"_s, "0");
    QVERIFY(f.take().isEmpty());
    f.live(boardA, u"buffer_total_dropped_item"_s, "2");
    events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).droppedTotal, 2);
    QCOMPARE(events.at(0).previousDroppedTotal, 0);

    f.live(boardB, u"buffer_total_dropped_item"_s, "18446744073709551615");
    events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).droppedTotal, std::numeric_limits<qint64>::max());
    QCOMPARE(events.at(0).previousDroppedTotal, -1);
    QCOMPARE(f.record(boardB).droppedTotal, std::optional<quint64>(std::numeric_limits<quint64>::max()));
}

void TestSupervisor::droppedCounterRetainedFirstValue()
{
    Fixture f;
    f.connectBroker();
    f.retained(boardA, u"buffer_total_dropped_item"_s, "7");
    QVERIFY(f.take().isEmpty());
    QCOMPARE(f.record(boardA).droppedTotal, std::optional<quint64>(7));
    f.live(boardA, u"buffer_total_dropped_item"_s, "8");
    QCOMPARE(f.takeTypes(), QList<EventType> {EventType::BoardDroppedItems});
}

// ---- Managers ----

void TestSupervisor::managerStatusHandling()
{
    Fixture f;
    f.connectBroker();
    const QString peer = u"gcn_manager/status/gcn_manager_0badf00d"_s;
    const QString gone = u"gcn_manager/status/gcn_manager_deadbeef"_s;

    // The retained offline of a manager that is gone is deleted, without an alert.
    f.supervisor->handleMessage(gone, "offline", true);
    QVERIFY(f.take().isEmpty());
    QCOMPARE(f.published.size(), 1);
    QCOMPARE(f.published.at(0).topic, gone);
    QCOMPARE(f.published.at(0).payload, QByteArray());
    QCOMPARE(f.published.at(0).qos, 1);
    QCOMPARE(f.published.at(0).retain, true);

    // The deletion comes back as an empty payload, which is ignored.
    f.supervisor->handleMessage(gone, QByteArray(), false);
    QCOMPARE(f.published.size(), 1);
    QVERIFY(f.invalidTopics.isEmpty());

    f.supervisor->handleMessage(peer, "online", true);
    QVERIFY(f.take().isEmpty());
    QCOMPARE(f.published.size(), 1);

    f.supervisor->handleMessage(peer, "offline", false);
    const QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::PeerManagerOffline);
    QCOMPARE(events.at(0).peerManagerId, u"gcn_manager_0badf00d"_s);
    QCOMPARE(events.at(0).managerId, u"gcn_manager_self"_s);
    QCOMPARE(events.at(0).boardId, QString());
    QCOMPARE(f.published.size(), 2);
    QCOMPARE(f.published.at(1).topic, peer);

    // A redelivery raises no second alert.
    f.supervisor->handleMessage(peer, QByteArray(), false);
    f.supervisor->handleMessage(peer, "offline", false);
    QVERIFY(f.take().isEmpty());

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^invalid message on topic "
                                                          "'gcn_manager/status/gcn_manager_0badf00d'"_s));
    f.supervisor->handleMessage(peer, "sleeping", false);
    QCOMPARE(f.invalidTopics, QStringList {peer});
}

void TestSupervisor::monitorOfflineClearedWithoutAlert()
{
    Fixture f;
    f.connectBroker();
    const QString monitor = u"gcn_manager/status/gcn_manager_monitor0badf00d"_s;
    f.supervisor->handleMessage(monitor, "online", false);
    f.supervisor->handleMessage(monitor, "offline", false);
    QVERIFY(f.take().isEmpty());
    QCOMPARE(f.published.size(), 1);
    QCOMPARE(f.published.at(0).topic, monitor);
    QCOMPARE(f.published.at(0).payload, QByteArray());
}

void TestSupervisor::managerOwnStatusIgnored()
{
    Fixture f;
    f.connectBroker();
    f.supervisor->handleMessage(u"gcn_manager/status/gcn_manager_self"_s, "offline", false);
    QVERIFY(f.take().isEmpty());
    QVERIFY(f.published.isEmpty());
}

// ---- Other board topics ----

void TestSupervisor::metricsAndHardwareRecorded()
{
    Fixture f;
    f.connectBroker();
    f.live(boardA, u"hardware"_s, "esp8266");
    f.live(boardA, u"esp8266/free_heap"_s, "41000");
    f.live(boardA, u"network/dns/0"_s, "192.168.1.1");
    f.advanceSeconds(10);
    f.live(boardA, u"esp8266/free_heap"_s, "40000");
    QVERIFY(f.take().isEmpty());

    const BoardRecord record = f.record(boardA);
    QCOMPARE(record.hardware, u"esp8266"_s);
    QCOMPARE(record.metrics.size(), 2);
    QCOMPARE(record.metrics.value(u"esp8266/free_heap"_s).value, u"40000"_s);
    QCOMPARE(record.metrics.value(u"esp8266/free_heap"_s).receivedAt, f.clock.now());
    QCOMPARE(record.metrics.value(u"network/dns/0"_s).value, u"192.168.1.1"_s);
    QCOMPARE(record.lastSeenAt, f.clock.now());
}

void TestSupervisor::unknownCategoryAndCommandsIgnored()
{
    Fixture f;
    f.connectBroker();
    f.live(boardA, u"future_feature"_s, "x");
    f.supervisor->handleMessage(u"gcn/AA:BB:CC:DD:EE:01/in/reboot"_s, "1", false);
    QVERIFY(f.take().isEmpty());
    QVERIFY(f.invalidTopics.isEmpty());
    QVERIFY(f.supervisor->boards().isEmpty());
    QCOMPARE(f.supervisor->receivedMessageCount(), quint64(2));
}

void TestSupervisor::caseDifferingIdsAreTwoBoards()
{
    Fixture f;
    f.connectBroker();
    f.live(boardA, u"status"_s, "online");
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"board id aa:bb:cc:dd:ee:01 differs from the known board id "
                                                          "AA:BB:CC:DD:EE:01 only by letter case"_s));
    f.live(u"aa:bb:cc:dd:ee:01"_s, u"status"_s, "online");
    QCOMPARE(f.supervisor->boards().size(), 2);
    QCOMPARE(f.takeTypes(), (QList<EventType> {EventType::BoardStatusOnline, EventType::BoardStatusOnline}));
}

void TestSupervisor::invalidMessageLoggedWithTopic_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("payload");

    QTest::newRow("status garbage") << u"gcn/AA:BB:CC:DD:EE:01/out/status"_s << "maybe"_ba;
    QTest::newRow("heartbeat text") << u"gcn/AA:BB:CC:DD:EE:01/out/heartbeat"_s << "soon"_ba;
    QTest::newRow("gpio one number") << u"gcn/AA:BB:CC:DD:EE:01/out/gpio/D1"_s << "1"_ba;
    QTest::newRow("bad MAC") << u"gcn/not-a-mac/out/status"_s << "online"_ba;
    QTest::newRow("empty pin in list") << u"gcn/AA:BB:CC:DD:EE:01/out/monitored_gpio"_s << "D1,,D2"_ba;
    QTest::newRow("unknown root") << u"other/thing"_s << "x"_ba;
    QTest::newRow("invalid UTF-8") << u"gcn/AA:BB:CC:DD:EE:01/out/hardware"_s << "\xff\xfe"_ba;
}

void TestSupervisor::invalidMessageLoggedWithTopic()
{
    QFETCH(QString, topic);
    QFETCH(QByteArray, payload);

    Fixture f;
    f.connectBroker();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^invalid message on topic '%1': .+"_s.arg(
                                                              QRegularExpression::escape(topic))));
    f.supervisor->handleMessage(topic, payload, false);
    QCOMPARE(f.invalidTopics, QStringList {topic});
    QCOMPARE(f.supervisor->invalidMessageCount(), quint64(1));
    QVERIFY(f.take().isEmpty());
    // The board record is not created or changed by a bad message.
    QVERIFY(f.supervisor->boards().isEmpty());
}

void TestSupervisor::randomMessagesNeverCrash()
{
    QLoggingCategory::setFilterRules(u"gcn.supervision.warning=false\ngcn.supervision.info=false"_s);
    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("random seed %u", seed);
    QRandomGenerator random(seed);
    gcn::SupervisionSettings settings;
    settings.offlineGraceSec = 5;
    settings.gpioChangeDebounceSec = 2;
    settings.clearStaleGpio = true;
    Fixture f(settings);
    f.connectBroker();

    const QStringList boards {boardA, boardB, u"aa:bb:cc:dd:ee:01"_s, u"zz"_s};
    const QStringList rests {u"status"_s, u"heartbeat"_s, u"gpio/D1"_s, u"gpio/D2"_s, u"monitored_gpio"_s,
                             u"buffer_total_dropped_item"_s, u"hardware"_s, u"esp8266/free_heap"_s, u"x/y/z"_s,
                             u"gpio"_s, u"gpio/D 1"_s};
    const QList<QByteArray> payloads {"online", "offline", "", "1 1700000000", "0 1700000005", "D1", "D1,D2",
                                      "1700000000", "1700000100", "7", "\xff", "1 2 3", "-1"};
    const int total = 5000;
    for (int i = 0; i < total; ++i) {
        const QString board = boards.at(int(random.bounded(boards.size())));
        const QString rest = rests.at(int(random.bounded(rests.size())));
        QByteArray payload = payloads.at(int(random.bounded(payloads.size())));
        if (random.bounded(10) == 0) {
            payload = QByteArray(int(random.bounded(16)), Qt::Uninitialized);
            for (char& byte : payload)
                byte = char(random.bounded(256));
        }
        const bool retained = random.bounded(2) == 1;
        f.supervisor->handleMessage(u"gcn/"_s + board + u"/out/"_s + rest, payload, retained);
        if (random.bounded(50) == 0)
            f.supervisor->setBrokerConnected(!f.supervisor->isBrokerConnected());
        f.advanceSeconds(qint64(random.bounded(20)));
    }
    QLoggingCategory::setFilterRules(QString());

    QCOMPARE(f.supervisor->receivedMessageCount(), quint64(total));
    QCOMPARE(f.supervisor->invalidMessageCount(), quint64(f.invalidTopics.size()));
    QVERIFY(f.supervisor->invalidMessageCount() > 0);
    QVERIFY(f.supervisor->boards().size() <= 3);
}

// ---- Stored state ----

namespace {

// The retained messages a broker hands over after a restart of the manager one hour later.
void sendRetainedAfterRestart(Fixture& f, qint64 heartbeatA, qint64 sampleTime)
{
    f.retained(boardC, u"status"_s, "offline");
    f.retained(boardA, u"status"_s, "online");
    f.retained(boardA, u"gpio/D1"_s, sample(1, sampleTime + 100));
    f.retained(boardA, u"monitored_gpio"_s, "D1");
    f.retained(boardA, u"heartbeat"_s, number(heartbeatA));
    f.retained(boardB, u"status"_s, "offline");
}

} // namespace

void TestSupervisor::restartWithStoredState()
{
    QTemporaryDir stateDir;
    QVERIFY(stateDir.isValid());
    const qint64 t = startSecs;
    {
        auto store = gcn::BoardStore::open(stateDir.path(), gcn::BoardStore::Mode::ReadWrite);
        QVERIFY2(store.has_value(), qPrintable(store ? QString() : store.error().toString()));
        Fixture f({}, store->get());
        f.connectBroker();
        f.live(boardA, u"status"_s, "online");
        f.live(boardA, u"monitored_gpio"_s, "D1");
        f.live(boardA, u"gpio/D1"_s, sample(0, t));
        f.live(boardA, u"heartbeat"_s, number(t));
        f.live(boardB, u"status"_s, "online");
        f.live(boardC, u"status"_s, "online");
        f.live(boardC, u"status"_s, "offline");
        QCOMPARE(f.take().size(), 4);
    }

    // One hour later: C is still offline, B went offline, A's pin changed and A fell silent.
    auto store = gcn::BoardStore::open(stateDir.path(), gcn::BoardStore::Mode::ReadWrite);
    QVERIFY(store.has_value());
    Fixture f({}, store->get(), t + 3600);
    QCOMPARE(f.supervisor->boards().size(), 3);
    f.connectBroker();
    sendRetainedAfterRestart(f, t, t);

    QList<Event> events = f.take();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).type, EventType::GpioUp);
    QCOMPARE(events.at(0).boardId, boardA);
    QCOMPARE(events.at(0).learntLate, true);
    QCOMPARE(events.at(0).occurredAt, utc(t + 100));
    QCOMPARE(events.at(1).type, EventType::BoardStatusOffline);
    QCOMPARE(events.at(1).boardId, boardB);
    QCOMPARE(events.at(1).learntLate, true);

    f.endRetainedWindow();
    events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardHeartbeatMissed);
    QCOMPARE(events.at(0).boardId, boardA);
    QCOMPARE(events.at(0).learntLate, true);
    QCOMPARE(events.at(0).occurredAt, utc(t + 60));

    f.advanceSeconds(3600);
    QVERIFY(f.take().isEmpty());
}

void TestSupervisor::restartWithoutStoredState()
{
    QTemporaryDir stateDir;
    QVERIFY(stateDir.isValid());
    auto store = gcn::BoardStore::open(stateDir.path(), gcn::BoardStore::Mode::ReadWrite);
    QVERIFY(store.has_value());
    const qint64 t = startSecs;
    Fixture f({}, store->get(), t + 3600);
    f.connectBroker();
    sendRetainedAfterRestart(f, t, t);
    QVERIFY(f.take().isEmpty());

    // Only the silence of a board whose status is online is a current problem.
    f.endRetainedWindow();
    const QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardHeartbeatMissed);
    QCOMPARE(events.at(0).boardId, boardA);
    QCOMPARE(events.at(0).learntLate, true);
    QCOMPARE(f.record(boardC).announcedStatus, BoardStatus::Offline);
    QCOMPARE(f.record(boardA).pins.value(u"D1"_s).state, 1);
}

void TestSupervisor::restartSilentBoardResumes()
{
    QTemporaryDir stateDir;
    QVERIFY(stateDir.isValid());
    {
        auto store = gcn::BoardStore::open(stateDir.path(), gcn::BoardStore::Mode::ReadWrite);
        QVERIFY(store.has_value());
        Fixture f({}, store->get());
        f.connectBroker();
        f.live(boardA, u"heartbeat"_s, number(f.nowSeconds()));
        f.advanceSeconds(60);
        QCOMPARE(f.takeTypes(), QList<EventType> {EventType::BoardHeartbeatMissed});
    }

    auto store = gcn::BoardStore::open(stateDir.path(), gcn::BoardStore::Mode::ReadWrite);
    QVERIFY(store.has_value());
    Fixture f({}, store->get(), startSecs + 3600);
    QVERIFY(f.record(boardA).silent);
    f.connectBroker();
    const qint64 heartbeat = f.nowSeconds() - 10;
    f.retained(boardA, u"heartbeat"_s, number(heartbeat));
    const QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardHeartbeatResumed);
    QCOMPARE(events.at(0).learntLate, true);
    QCOMPARE(events.at(0).occurredAt, utc(heartbeat));
    QCOMPARE(events.at(0).silenceSeconds, heartbeat - startSecs);
    QVERIFY(!f.record(boardA).silent);
}

void TestSupervisor::restartAnnouncesHeldDebounce()
{
    QTemporaryDir stateDir;
    QVERIFY(stateDir.isValid());
    gcn::SupervisionSettings settings;
    settings.gpioChangeDebounceSec = 30;
    const qint64 t = startSecs;
    {
        auto store = gcn::BoardStore::open(stateDir.path(), gcn::BoardStore::Mode::ReadWrite);
        QVERIFY(store.has_value());
        Fixture f(settings, store->get());
        f.connectBroker();
        f.live(boardA, u"monitored_gpio"_s, "D1");
        f.live(boardA, u"gpio/D1"_s, sample(0, t));
        f.live(boardA, u"gpio/D1"_s, sample(1, t + 1));
        QVERIFY(f.take().isEmpty());
    }

    // The manager stopped before the debounce interval passed; the held change is not lost.
    auto store = gcn::BoardStore::open(stateDir.path(), gcn::BoardStore::Mode::ReadWrite);
    QVERIFY(store.has_value());
    Fixture f(settings, store->get(), t + 600);
    f.supervisor->processDeadlines();
    const QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::GpioUp);
    QCOMPARE(events.at(0).boardTimestamp, t + 1);
    QCOMPARE(f.record(boardA).pins.value(u"D1"_s).announcedState, 1);
}

void TestSupervisor::restartCorrectsAgeBySkew()
{
    QTemporaryDir stateDir;
    QVERIFY(stateDir.isValid());
    {
        auto store = gcn::BoardStore::open(stateDir.path(), gcn::BoardStore::Mode::ReadWrite);
        QVERIFY(store.has_value());
        Fixture f({}, store->get());
        f.connectBroker();
        f.live(boardA, u"status"_s, "online");
        f.live(boardA, u"heartbeat"_s, number(f.nowSeconds() - 3600));
        QCOMPARE(f.takeTypes(), (QList<EventType> {EventType::BoardStatusOnline, EventType::BoardHeartbeatSkewed}));
    }

    // The board clock is an hour behind: its retained heartbeat, 5 s old, must not look an hour old.
    auto store = gcn::BoardStore::open(stateDir.path(), gcn::BoardStore::Mode::ReadWrite);
    QVERIFY(store.has_value());
    Fixture f({}, store->get(), startSecs + 600);
    f.connectBroker();
    f.retained(boardA, u"status"_s, "online");
    f.retained(boardA, u"heartbeat"_s, number(f.nowSeconds() - 3600 - 5));
    f.endRetainedWindow();
    f.advanceSeconds(49);
    QVERIFY(f.take().isEmpty());
    f.advanceSeconds(1);
    const QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardHeartbeatMissed);
    QCOMPARE(events.at(0).occurredAt, f.clock.now());
    QCOMPARE(events.at(0).silenceSeconds, 60);
}

// ---- Reminders of lasting problems ----

namespace {

gcn::SupervisionSettings reminderSettings(int intervalSec, int graceSec = 0)
{
    gcn::SupervisionSettings settings;
    settings.repeatIntervalSec = intervalSec;
    settings.offlineGraceSec = graceSec;
    return settings;
}

} // namespace

void TestSupervisor::reminderOfflineUntilRecovery()
{
    Fixture f(reminderSettings(600));
    f.connectBroker();
    f.endRetainedWindow();
    f.live(boardA, u"status"_s, "online");
    f.live(boardA, u"status"_s, "offline");
    const QDateTime offlineAt = f.clock.now();
    QList<Event> events = f.take();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(1).type, EventType::BoardStatusOffline);
    QVERIFY(!events.at(1).reminder);

    f.advanceSeconds(599);
    QVERIFY(f.take().isEmpty());
    f.advanceSeconds(1);
    events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardStatusOffline);
    QVERIFY(events.at(0).reminder);
    QCOMPARE(events.at(0).problemSince, offlineAt);
    QCOMPARE(events.at(0).occurredAt, offlineAt.addSecs(600));
    QCOMPARE(events.at(0).boardId, boardA);

    f.advanceSeconds(600);
    events = f.take();
    QCOMPARE(events.size(), 1);
    QVERIFY(events.at(0).reminder);
    QCOMPARE(events.at(0).problemSince, offlineAt);
    QCOMPARE(events.at(0).occurredAt, offlineAt.addSecs(1200));

    f.advanceSeconds(100);
    f.live(boardA, u"status"_s, "online");
    events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardStatusOnline);
    QVERIFY(!events.at(0).reminder);
    QCOMPARE(events.at(0).offlineSeconds, 1300);
    QVERIFY(!f.record(boardA).silent);

    // The board sends heartbeats, so nothing else can come due.
    for (int i = 0; i < 40; ++i) {
        f.live(boardA, u"heartbeat"_s, number(f.nowSeconds()));
        f.advanceSeconds(30);
    }
    QVERIFY(f.take().isEmpty());
}

void TestSupervisor::reminderOfflineFollowsGrace()
{
    Fixture f(reminderSettings(600, 120));
    f.connectBroker();
    f.endRetainedWindow();
    f.live(boardA, u"status"_s, "online");
    f.live(boardA, u"status"_s, "offline");
    const QDateTime offlineAt = f.clock.now();
    QCOMPARE(f.takeTypes(), QList<EventType> {EventType::BoardStatusOnline});
    f.advanceSeconds(120);
    QCOMPARE(f.takeTypes(), QList<EventType> {EventType::BoardStatusOffline});

    // The reminder comes one interval after the offline notification, not after the status.
    f.advanceSeconds(599);
    QVERIFY(f.take().isEmpty());
    f.advanceSeconds(1);
    const QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QVERIFY(events.at(0).reminder);
    QCOMPARE(events.at(0).problemSince, offlineAt);
    QCOMPARE(events.at(0).occurredAt, offlineAt.addSecs(720));
}

void TestSupervisor::reminderSilenceUntilHeartbeat()
{
    Fixture f(reminderSettings(300));
    f.connectBroker();
    f.endRetainedWindow();
    const QDateTime heartbeatAt = f.clock.now();
    f.live(boardA, u"heartbeat"_s, number(f.nowSeconds()));
    f.advanceSeconds(60);
    QCOMPARE(f.takeTypes(), QList<EventType> {EventType::BoardHeartbeatMissed});

    f.advanceSeconds(299);
    QVERIFY(f.take().isEmpty());
    f.advanceSeconds(1);
    QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardHeartbeatMissed);
    QVERIFY(events.at(0).reminder);
    QCOMPARE(events.at(0).problemSince, heartbeatAt);
    QCOMPARE(events.at(0).silenceSeconds, 360);

    f.advanceSeconds(300);
    events = f.take();
    QCOMPARE(events.size(), 1);
    QVERIFY(events.at(0).reminder);
    QCOMPARE(events.at(0).silenceSeconds, 660);

    f.live(boardA, u"heartbeat"_s, number(f.nowSeconds()));
    events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardHeartbeatResumed);
    QVERIFY(!events.at(0).reminder);
    for (int i = 0; i < 40; ++i) {
        f.advanceSeconds(30);
        f.live(boardA, u"heartbeat"_s, number(f.nowSeconds()));
    }
    QVERIFY(f.take().isEmpty());
}

void TestSupervisor::reminderSkewUntilRecovered()
{
    Fixture f(reminderSettings(900));
    f.connectBroker();
    f.endRetainedWindow();
    const QDateTime skewedAt = f.clock.now();
    f.live(boardA, u"heartbeat"_s, number(f.nowSeconds() + 700));
    QCOMPARE(f.takeTypes(), QList<EventType> {EventType::BoardHeartbeatSkewed});
    QCOMPARE(f.record(boardA).skewedSince, skewedAt);

    // Heartbeats keep coming, still skewed: one reminder per interval, none at each heartbeat.
    for (int i = 0; i < 29; ++i) {
        f.advanceSeconds(30);
        f.live(boardA, u"heartbeat"_s, number(f.nowSeconds() + 700));
    }
    QVERIFY(f.take().isEmpty());
    f.advanceSeconds(30);
    QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).type, EventType::BoardHeartbeatSkewed);
    QVERIFY(events.at(0).reminder);
    QCOMPARE(events.at(0).problemSince, skewedAt);
    QCOMPARE(events.at(0).skewSeconds, 700);

    f.live(boardA, u"heartbeat"_s, number(f.nowSeconds()));
    QCOMPARE(f.takeTypes(), QList<EventType> {EventType::BoardSkewRecovered});
    QVERIFY(!f.record(boardA).skewedSince.isValid());
    for (int i = 0; i < 60; ++i) {
        f.advanceSeconds(30);
        f.live(boardA, u"heartbeat"_s, number(f.nowSeconds()));
    }
    QVERIFY(f.take().isEmpty());
}

void TestSupervisor::reminderNoneWhileDisconnected()
{
    Fixture f(reminderSettings(600));
    f.connectBroker();
    f.endRetainedWindow();
    f.live(boardA, u"status"_s, "offline");
    QCOMPARE(f.takeTypes(), QList<EventType> {EventType::BoardStatusOffline});

    f.advanceSeconds(300);
    f.disconnectBroker();
    f.advanceSeconds(3600);
    QVERIFY(f.take().isEmpty());

    // After the outage the next reminder comes a full interval later, not at once.
    f.connectBroker();
    f.retained(boardA, u"status"_s, "offline");
    f.endRetainedWindow();
    QVERIFY(f.take().isEmpty());
    f.advanceSeconds(600 - gcn::Supervisor::defaultRetainedWindowMs / 1000 - 1);
    QVERIFY(f.take().isEmpty());
    f.advanceSeconds(1);
    const QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QVERIFY(events.at(0).reminder);
    QCOMPARE(events.at(0).type, EventType::BoardStatusOffline);
}

void TestSupervisor::reminderContinuesAfterRestart()
{
    QTemporaryDir stateDir;
    QVERIFY(stateDir.isValid());
    const gcn::SupervisionSettings settings = reminderSettings(600);
    const qint64 offlineAt = startSecs;
    {
        auto store = gcn::BoardStore::open(stateDir.path(), gcn::BoardStore::Mode::ReadWrite);
        QVERIFY(store.has_value());
        Fixture f(settings, store->get());
        f.connectBroker();
        f.live(boardA, u"status"_s, "offline");
        QCOMPARE(f.takeTypes(), QList<EventType> {EventType::BoardStatusOffline});
        f.advanceSeconds(600);
        QCOMPARE(f.take().size(), 1);
    }

    // Restarted 1000 s after the offline notification: the reminder of 1200 s is neither sent at once
    // nor lost.
    auto store = gcn::BoardStore::open(stateDir.path(), gcn::BoardStore::Mode::ReadWrite);
    QVERIFY(store.has_value());
    Fixture f(settings, store->get(), offlineAt + 1000);
    f.connectBroker();
    f.retained(boardA, u"status"_s, "offline");
    f.endRetainedWindow();
    QVERIFY(f.take().isEmpty());
    f.advanceSeconds(200 - gcn::Supervisor::defaultRetainedWindowMs / 1000 - 1);
    QVERIFY(f.take().isEmpty());
    f.advanceSeconds(1);
    QList<Event> events = f.take();
    QCOMPARE(events.size(), 1);
    QVERIFY(events.at(0).reminder);
    QCOMPARE(events.at(0).type, EventType::BoardStatusOffline);
    QCOMPARE(events.at(0).problemSince, utc(offlineAt));
    QCOMPARE(events.at(0).occurredAt, utc(offlineAt + 1200));

    f.advanceSeconds(600);
    events = f.take();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.at(0).occurredAt, utc(offlineAt + 1800));
}

void TestSupervisor::reminderNoneWhenIntervalZero()
{
    Fixture f(reminderSettings(0));
    f.connectBroker();
    f.endRetainedWindow();
    f.live(boardA, u"status"_s, "offline");
    f.live(boardB, u"heartbeat"_s, number(f.nowSeconds() + 3600));
    f.advanceSeconds(60);
    QCOMPARE(f.takeTypes(), (QList<EventType> {EventType::BoardStatusOffline, EventType::BoardHeartbeatSkewed,
                                               EventType::BoardHeartbeatMissed}));
    f.advanceSeconds(7 * 86400);
    QVERIFY(f.take().isEmpty());
    QCOMPARE(f.supervisor->nextDeadlineMs(), std::nullopt);
}

void TestSupervisor::reminderNoneForGpioOrDropped()
{
    Fixture f(reminderSettings(60));
    f.connectBroker();
    f.endRetainedWindow();
    const qint64 t = f.nowSeconds();
    f.live(boardA, u"monitored_gpio"_s, "D1");
    f.live(boardA, u"gpio/D1"_s, sample(0, t));
    f.live(boardA, u"gpio/D1"_s, sample(1, t + 1));
    f.live(boardA, u"buffer_total_dropped_item"_s, "3");
    QCOMPARE(f.takeTypes(), (QList<EventType> {EventType::GpioUp, EventType::BoardDroppedItems}));
    f.advanceSeconds(3600);
    QVERIFY(f.take().isEmpty());
}

// ---- Deadlines and timer ----

void TestSupervisor::nextDeadlineFollowsQueue()
{
    Fixture f;
    QCOMPARE(f.supervisor->nextDeadlineMs(), std::nullopt);
    const qint64 connectedAt = f.clock.monotonicMs();
    f.connectBroker();
    QCOMPARE(f.supervisor->nextDeadlineMs(), connectedAt + gcn::Supervisor::defaultRetainedWindowMs);
    f.live(boardA, u"heartbeat"_s, number(f.nowSeconds()));
    f.endRetainedWindow();
    QCOMPARE(f.supervisor->nextDeadlineMs(), connectedAt + 60'000);
}

void TestSupervisor::timerDrivesDeadlines()
{
    gcn::SupervisionSettings settings;
    settings.heartbeatWatchdogSec = 1;
    gcn::Supervisor supervisor(settings, {}, gcn::Clock::system());
    supervisor.setRetainedWindowMs(100);
    QSignalSpy events(&supervisor, &gcn::Supervisor::eventOccurred);
    supervisor.setBrokerConnected(true);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    supervisor.handleMessage(u"gcn/AA:BB:CC:DD:EE:01/out/heartbeat"_s, QByteArray::number(now), false);
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 1, 10'000);
    QCOMPARE(events.at(0).at(0).value<Event>().type, EventType::BoardHeartbeatMissed);
}

QTEST_GUILESS_MAIN(TestSupervisor)
#include "tst_supervisor.moc"
