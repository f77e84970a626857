#include <QTest>

#include "supervision/DeadlineQueue.h"

using namespace Qt::StringLiterals;
using gcn::DeadlineKey;
using gcn::DeadlineKind;

class TestDeadlineQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void takesDueInTimeOrder();
    void scheduleReplacesDeadline();
    void rescheduledKeysKeepTimeOrder();
    void cancelRemovesKey();
    void suspendHoldsKindsUntilResume();
};

void TestDeadlineQueue::takesDueInTimeOrder()
{
    gcn::DeadlineQueue queue;
    const DeadlineKey late {DeadlineKind::Watchdog, u"A"_s, {}};
    const DeadlineKey early {DeadlineKind::Watchdog, u"B"_s, {}};
    const DeadlineKey pin {DeadlineKind::Debounce, u"A"_s, u"D1"_s};
    queue.schedule(late, 300);
    queue.schedule(early, 100);
    queue.schedule(pin, 200);
    QCOMPARE(queue.next(), std::optional<qint64>(100));

    QCOMPARE(queue.takeDue(99), std::nullopt);
    QCOMPARE(queue.takeDue(250), std::optional<DeadlineKey>(early));
    QCOMPARE(queue.takeDue(250), std::optional<DeadlineKey>(pin));
    QCOMPARE(queue.takeDue(250), std::nullopt);
    QCOMPARE(queue.takeDue(300), std::optional<DeadlineKey>(late));
    QCOMPARE(queue.next(), std::nullopt);
}

void TestDeadlineQueue::scheduleReplacesDeadline()
{
    gcn::DeadlineQueue queue;
    const DeadlineKey key {DeadlineKind::Watchdog, u"A"_s, {}};
    queue.schedule(key, 100);
    queue.schedule(key, 500);
    QCOMPARE(queue.deadlineOf(key), std::optional<qint64>(500));
    QCOMPARE(queue.takeDue(400), std::nullopt);
    QCOMPARE(queue.takeDue(500), std::optional<DeadlineKey>(key));
    QVERIFY(!queue.contains(key));
}

void TestDeadlineQueue::rescheduledKeysKeepTimeOrder()
{
    gcn::DeadlineQueue queue;
    QList<DeadlineKey> keys;
    for (int index = 0; index < 50; ++index) {
        keys.append({DeadlineKind::Watchdog, u"board %1"_s.arg(index), {}});
        queue.schedule(keys.last(), 1000 + index);
    }
    // Move every other key behind the rest, in reverse order, and move one key twice.
    for (int index = 48; index >= 0; index -= 2)
        queue.schedule(keys.at(index), 5000 - index);
    queue.schedule(keys.at(1), 5000);
    queue.schedule(keys.at(1), 900);

    QList<DeadlineKey> expected {keys.at(1)};
    for (int index = 3; index < 50; index += 2)
        expected.append(keys.at(index));
    for (int index = 48; index >= 0; index -= 2)
        expected.append(keys.at(index));
    QList<DeadlineKey> dueKeys;
    while (const std::optional<DeadlineKey> key = queue.takeDue(100'000))
        dueKeys.append(*key);
    QCOMPARE(dueKeys, expected);
    QCOMPARE(queue.next(), std::nullopt);
    QVERIFY(!queue.contains(keys.at(0)));
}

void TestDeadlineQueue::cancelRemovesKey()
{
    gcn::DeadlineQueue queue;
    const DeadlineKey key {DeadlineKind::OfflineGrace, u"A"_s, {}};
    queue.schedule(key, 100);
    QVERIFY(queue.contains(key));
    queue.cancel(key);
    QVERIFY(!queue.contains(key));
    QCOMPARE(queue.next(), std::nullopt);
    queue.cancel(key);
    QCOMPARE(queue.takeDue(1000), std::nullopt);
}

void TestDeadlineQueue::suspendHoldsKindsUntilResume()
{
    gcn::DeadlineQueue queue;
    const DeadlineKey watchdog {DeadlineKind::Watchdog, u"A"_s, {}};
    const DeadlineKey debounce {DeadlineKind::Debounce, u"A"_s, u"D1"_s};
    const DeadlineKey later {DeadlineKind::Watchdog, u"B"_s, {}};
    const DeadlineKey cancelled {DeadlineKind::Watchdog, u"C"_s, {}};
    queue.schedule(watchdog, 100);
    queue.schedule(debounce, 200);
    queue.suspend({DeadlineKind::Watchdog});
    QVERIFY(queue.isSuspended(DeadlineKind::Watchdog));
    QVERIFY(!queue.isSuspended(DeadlineKind::Debounce));

    // Suspended keys stay known but never come due.
    QVERIFY(queue.contains(watchdog));
    QCOMPARE(queue.deadlineOf(watchdog), std::nullopt);
    QCOMPARE(queue.next(), std::optional<qint64>(200));
    queue.schedule(later, 50);
    queue.schedule(cancelled, 60);
    queue.cancel(cancelled);
    QCOMPARE(queue.takeDue(10'000), std::optional<DeadlineKey>(debounce));
    QCOMPARE(queue.takeDue(10'000), std::nullopt);

    const QList<DeadlineKey> resumed = queue.resume();
    QCOMPARE(resumed, (QList<DeadlineKey> {watchdog, later}));
    QVERIFY(!queue.isSuspended(DeadlineKind::Watchdog));
    QCOMPARE(queue.next(), std::nullopt);
    QVERIFY(!queue.contains(watchdog));
}

QTEST_GUILESS_MAIN(TestDeadlineQueue)
#include "tst_deadlinequeue.moc"
