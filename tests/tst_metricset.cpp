#include <QTest>

#include "supervision/MetricSet.h"

using namespace Qt::StringLiterals;
using gcn::MetricSet;
using gcn::MetricValue;

namespace {

QDateTime utc(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

} // namespace

class TestMetricSet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valueRoundTrips_data();
    void valueRoundTrips();
    void insertReplacesSamePath();
    void timesAroundFirstOneRoundTrip();
    void replaceWithOtherLengthKeepsOthers();
    void missingPathGivesDefault();
    void removeDropsOnlyThatPath();
    void entriesAreSortedByPath();
    void equalityIgnoresInsertionOrder();
    void copiesAreIndependent();
    void pathsBeyondSharedTableStayPerSet();
};

void TestMetricSet::valueRoundTrips_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QDateTime>("receivedAt");

    QTest::newRow("number") << u"esp8266/free_heap"_s << u"41200"_s << utc(1'700'000'000);
    QTest::newRow("empty value") << u"esp8266/reset_reason"_s << QString() << utc(1'700'000'001);
    QTest::newRow("invalid time") << u"network/ssid"_s << u"home"_s << QDateTime();
    QTest::newRow("Latin-1") << u"network/ssid"_s << u"Caf\u00e9"_s << utc(1'700'000'002);
    QTest::newRow("beyond Latin-1") << u"network/ssid"_s << u"Caf\u00e9 \U0001F600"_s << utc(1'700'000'002);
    QTest::newRow("lone surrogate") << u"network/ssid"_s << QString(QChar(0xd800)) << utc(1'700'000'003);
    QTest::newRow("three levels") << u"network/dns/0"_s << u"192.168.1.1"_s << utc(1'700'000'004);
    QTest::newRow("milliseconds") << u"uptime/system_ms"_s << u"7260000"_s
                                  << QDateTime::fromMSecsSinceEpoch(1'700'000'000'123, Qt::UTC);
    QTest::newRow("long value") << u"esp8266/sketch_md5"_s << QString(5000, u'x') << utc(1'700'000'005);
    QTest::newRow("long wide value") << u"esp8266/sketch_md5"_s << QString(70000, QChar(0x4e2d)) << utc(1'700'000'006);
}

void TestMetricSet::valueRoundTrips()
{
    QFETCH(QString, path);
    QFETCH(QString, value);
    QFETCH(QDateTime, receivedAt);

    MetricSet set;
    set.insert(path, MetricValue {value, receivedAt});
    QCOMPARE(set.size(), 1);
    QVERIFY(set.contains(path));
    const MetricValue stored = set.value(path);
    QCOMPARE(stored.value, value);
    QCOMPARE(stored.receivedAt.isValid(), receivedAt.isValid());
    if (receivedAt.isValid())
        QCOMPARE(stored.receivedAt.toMSecsSinceEpoch(), receivedAt.toMSecsSinceEpoch());
    QCOMPARE(stored, (MetricValue {value, receivedAt}));
}

void TestMetricSet::insertReplacesSamePath()
{
    MetricSet set;
    set.insert(u"esp8266/free_heap"_s, {u"41200"_s, utc(1)});
    set.insert(u"esp8266/free_heap"_s, {u"39999"_s, utc(2)});
    QCOMPARE(set.size(), 1);
    QCOMPARE(set.value(u"esp8266/free_heap"_s).value, u"39999"_s);
    QCOMPARE(set.value(u"esp8266/free_heap"_s).receivedAt, utc(2));
}

void TestMetricSet::timesAroundFirstOneRoundTrip()
{
    const QDateTime first = QDateTime::fromMSecsSinceEpoch(1'700'000'000'500, Qt::UTC);
    const QDateTime earlier = QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
    const QDateTime later = QDateTime::fromMSecsSinceEpoch(4'102'444'800'001, Qt::UTC);
    MetricSet set;
    set.insert(u"uptime/system_ms"_s, {u"1"_s, first});
    set.insert(u"network/rssi"_s, {u"2"_s, earlier});
    set.insert(u"network/ssid"_s, {u"3"_s, later});
    set.insert(u"mqtt/sent_ok"_s, {u"4"_s, QDateTime()});
    set.insert(u"mqtt/received"_s, {u"5"_s, first.addMSecs(-1)});

    QCOMPARE(set.value(u"uptime/system_ms"_s).receivedAt, first);
    QCOMPARE(set.value(u"network/rssi"_s).receivedAt, earlier);
    QCOMPARE(set.value(u"network/ssid"_s).receivedAt, later);
    QVERIFY(!set.value(u"mqtt/sent_ok"_s).receivedAt.isValid());
    QCOMPARE(set.value(u"mqtt/received"_s).receivedAt, first.addMSecs(-1));

    // A set whose first time was another one still compares equal when the metrics are.
    MetricSet other;
    other.insert(u"mqtt/received"_s, {u"5"_s, first.addMSecs(-1)});
    other.insert(u"mqtt/sent_ok"_s, {u"4"_s, QDateTime()});
    other.insert(u"network/ssid"_s, {u"3"_s, later});
    other.insert(u"network/rssi"_s, {u"2"_s, earlier});
    other.insert(u"uptime/system_ms"_s, {u"1"_s, first});
    QCOMPARE(other, set);
}

void TestMetricSet::replaceWithOtherLengthKeepsOthers()
{
    MetricSet set;
    set.insert(u"uptime/system_ms"_s, {u"999"_s, utc(1)});
    set.insert(u"network/rssi"_s, {u"-61"_s, utc(2)});
    set.insert(u"mqtt/sent_ok"_s, {u"7"_s, utc(3)});
    set.insert(u"uptime/system_ms"_s, {u"1000000"_s, utc(4)});
    set.insert(u"network/rssi"_s, {u"-5"_s, utc(5)});

    QCOMPARE(set.size(), 3);
    QCOMPARE(set.value(u"uptime/system_ms"_s), (MetricValue {u"1000000"_s, utc(4)}));
    QCOMPARE(set.value(u"network/rssi"_s), (MetricValue {u"-5"_s, utc(5)}));
    QCOMPARE(set.value(u"mqtt/sent_ok"_s), (MetricValue {u"7"_s, utc(3)}));
}

void TestMetricSet::missingPathGivesDefault()
{
    MetricSet set;
    set.insert(u"network/rssi"_s, {u"-61"_s, utc(1)});
    QVERIFY(!set.contains(u"network/ssid"_s));
    QCOMPARE(set.find(u"network/ssid"_s), std::nullopt);
    QCOMPARE(set.value(u"network/ssid"_s), MetricValue {});
    QVERIFY(!MetricSet().contains(u"network/rssi"_s));
    QVERIFY(MetricSet().isEmpty());
}

void TestMetricSet::removeDropsOnlyThatPath()
{
    MetricSet set;
    set.insert(u"network/rssi"_s, {u"-61"_s, utc(1)});
    set.insert(u"network/ssid"_s, {u"home"_s, utc(2)});
    QVERIFY(set.remove(u"network/rssi"_s));
    QVERIFY(!set.remove(u"network/rssi"_s));
    QCOMPARE(set.size(), 1);
    QVERIFY(!set.contains(u"network/rssi"_s));
    QCOMPARE(set.value(u"network/ssid"_s).value, u"home"_s);

    set.clear();
    QVERIFY(set.isEmpty());
    QVERIFY(!set.contains(u"network/ssid"_s));
}

void TestMetricSet::entriesAreSortedByPath()
{
    MetricSet set;
    set.insert(u"uptime/system_ms"_s, {u"1"_s, utc(1)});
    set.insert(u"esp8266/free_heap"_s, {u"2"_s, utc(2)});
    set.insert(u"network/dns/0"_s, {u"3"_s, utc(3)});
    const QList<std::pair<QString, MetricValue>> entries = set.entries();
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries.at(0).first, u"esp8266/free_heap"_s);
    QCOMPARE(entries.at(1).first, u"network/dns/0"_s);
    QCOMPARE(entries.at(2).first, u"uptime/system_ms"_s);
    QCOMPARE(entries.at(1).second, (MetricValue {u"3"_s, utc(3)}));
}

void TestMetricSet::equalityIgnoresInsertionOrder()
{
    MetricSet first;
    first.insert(u"network/rssi"_s, {u"-61"_s, utc(1)});
    first.insert(u"network/ssid"_s, {u"home"_s, utc(2)});
    MetricSet second;
    second.insert(u"network/ssid"_s, {u"home"_s, utc(2)});
    second.insert(u"network/rssi"_s, {u"-61"_s, utc(1)});
    QCOMPARE(first, second);

    second.insert(u"network/rssi"_s, {u"-62"_s, utc(1)});
    QVERIFY(!(first == second));
    second.insert(u"network/rssi"_s, {u"-61"_s, utc(3)});
    QVERIFY(!(first == second));
}

void TestMetricSet::copiesAreIndependent()
{
    MetricSet original;
    original.insert(u"network/rssi"_s, {u"-61"_s, utc(1)});
    MetricSet copy = original;
    copy.insert(u"network/rssi"_s, {u"-70"_s, utc(2)});
    copy.insert(u"network/ssid"_s, {u"home"_s, utc(3)});
    QCOMPARE(original.size(), 1);
    QCOMPARE(original.value(u"network/rssi"_s).value, u"-61"_s);
    QCOMPARE(copy.value(u"network/rssi"_s).value, u"-70"_s);
}

// Runs last: it fills the table of shared paths for the rest of the process.
void TestMetricSet::pathsBeyondSharedTableStayPerSet()
{
    MetricSet set;
    set.insert(u"network/rssi"_s, {u"-61"_s, utc(1)});
    for (qsizetype index = 0; index < MetricSet::maxSharedPaths; ++index) {
        MetricSet filler;
        filler.insert(u"custom/filler_%1"_s.arg(index), {u"x"_s, utc(1)});
    }

    const QString late = u"custom/after_the_table_is_full"_s;
    set.insert(late, {u"late"_s, utc(2)});
    set.insert(u"network/rssi"_s, {u"-62"_s, utc(3)});
    QCOMPARE(set.size(), 2);
    QCOMPARE(set.value(late), (MetricValue {u"late"_s, utc(2)}));
    QCOMPARE(set.value(u"network/rssi"_s), (MetricValue {u"-62"_s, utc(3)}));

    set.insert(late, {u"later"_s, utc(4)});
    QCOMPARE(set.size(), 2);
    QCOMPARE(set.value(late).value, u"later"_s);
    const QList<std::pair<QString, MetricValue>> entries = set.entries();
    QCOMPARE(entries.at(0).first, late);
    QVERIFY(set.remove(late));
    QVERIFY(!set.contains(late));
    QCOMPARE(set.size(), 1);
}

QTEST_GUILESS_MAIN(TestMetricSet)
#include "tst_metricset.moc"
