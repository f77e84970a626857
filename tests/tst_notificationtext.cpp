#include <QTest>

#include "notifications/NotificationText.h"

using namespace gcn;
using namespace Qt::StringLiterals;

namespace {

const QTimeZone paris("Europe/Paris");
// 2026-12-04 16:02:11 UTC, 17:02:11 in Paris.
const QDateTime occurred = QDateTime(QDate(2026, 12, 4), QTime(16, 2, 11), Qt::UTC);

Event boardEvent(EventType type)
{
    Event event;
    event.type = type;
    event.occurredAt = occurred;
    event.boardId = u"AA:BB:CC:DD:EE:FF"_s;
    event.boardAlias = u"Garage"_s;
    return event;
}

Event gpioEvent(EventType type)
{
    Event event = boardEvent(type);
    event.pin = u"D1"_s;
    event.pinLabel = u"door"_s;
    event.stateWord = type == EventType::GpioUp ? u"open"_s : u"closed"_s;
    event.pinState = type == EventType::GpioUp ? 1 : 0;
    event.boardTimestamp = occurred.toSecsSinceEpoch() - 1;
    return event;
}

Event managerEvent(EventType type)
{
    Event event;
    event.type = type;
    event.occurredAt = occurred;
    event.managerId = u"gcn_manager_3fa94c01"_s;
    return event;
}

} // namespace

class TestNotificationText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatTimeShowsOffset_data();
    void formatTimeShowsOffset();
    void formatDurationInWords_data();
    void formatDurationInWords();
    void gsm7Length_data();
    void gsm7Length();
    void toGsm7Transliterates_data();
    void toGsm7Transliterates();
    void everyTypeHasAllForms_data();
    void everyTypeHasAllForms();
    void gpioTextNamesPinLabelAndState();
    void gpioTextWithoutLabels();
    void skewTextShowsDirection();
    void missedHeartbeatShowsDuration();
    void droppedItemsShowsCounters();
    void onlineAgainShowsOfflineTime();
    void learntLateMarksEarlierTime();
    void reminderStatesStillAndDuration_data();
    void reminderStatesStillAndDuration();
    void reminderInDigestIsMarked();
    void longAliasStillFitsOneSms();
    void nonGsmAliasBecomesGsm7();
    void hugeDetailIsCut();
    void digestListsEveryEvent();
    void digestShortFormFitsOneSms();
    void capNoticeShowsResumeTime();
    void reportAppendsEarlierLines();
};

void TestNotificationText::formatTimeShowsOffset_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QString>("expected");

    QTest::newRow("Paris in winter") << QByteArray("Europe/Paris") << occurred << u"2026-12-04 17:02:11 +01:00"_s;
    QTest::newRow("Paris in summer") << QByteArray("Europe/Paris")
                                     << QDateTime(QDate(2026, 7, 1), QTime(10, 0, 0), Qt::UTC)
                                     << u"2026-07-01 12:00:00 +02:00"_s;
    QTest::newRow("New York") << QByteArray("America/New_York") << occurred << u"2026-12-04 11:02:11 -05:00"_s;
    QTest::newRow("Kolkata half hour") << QByteArray("Asia/Kolkata") << occurred << u"2026-12-04 21:32:11 +05:30"_s;
    QTest::newRow("UTC") << QByteArray("UTC") << occurred << u"2026-12-04 16:02:11 +00:00"_s;
}

void TestNotificationText::formatTimeShowsOffset()
{
    QFETCH(QByteArray, zone);
    QFETCH(QDateTime, time);
    QFETCH(QString, expected);

    QCOMPARE(NotificationText(QTimeZone(zone)).formatTime(time), expected);
}

void TestNotificationText::formatDurationInWords_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("expected");

    QTest::newRow("zero") << qint64(0) << u"0 seconds"_s;
    QTest::newRow("one second") << qint64(1) << u"1 second"_s;
    QTest::newRow("45 seconds") << qint64(45) << u"45 seconds"_s;
    QTest::newRow("one minute") << qint64(60) << u"1 minute"_s;
    QTest::newRow("minute and second") << qint64(61) << u"1 minute 1 second"_s;
    QTest::newRow("skew of 700 s") << qint64(700) << u"11 minutes 40 seconds"_s;
    QTest::newRow("two hours") << qint64(7200) << u"2 hours"_s;
    QTest::newRow("hours and minutes, seconds dropped") << qint64(3600 + 5 * 60 + 9) << u"1 hour 5 minutes"_s;
    QTest::newRow("days and hours") << qint64(2 * 86400 + 4 * 3600 + 60) << u"2 days 4 hours"_s;
    QTest::newRow("day and zero hours") << qint64(86400 + 59) << u"1 day"_s;
    QTest::newRow("negative is its size") << qint64(-90) << u"1 minute 30 seconds"_s;
}

void TestNotificationText::formatDurationInWords()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, expected);

    QCOMPARE(NotificationText::formatDuration(seconds), expected);
}

void TestNotificationText::gsm7Length_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected");

    QTest::newRow("ASCII") << u"door open"_s << 9;
    QTest::newRow("accents of the basic set") << u"éèàùÉÄ"_s << 6;
    QTest::newRow("euro counts two") << u"5€"_s << 3;
    QTest::newRow("braces and brackets count two") << u"{[x]}"_s << 9;
    QTest::newRow("c cedilla is not GSM") << u"garçon"_s << -1;
    QTest::newRow("emoji is not GSM") << u"door 🚪"_s << -1;
    QTest::newRow("empty") << QString() << 0;
}

void TestNotificationText::gsm7Length()
{
    QFETCH(QString, text);
    QFETCH(int, expected);

    QCOMPARE(NotificationText::gsm7Length(text), expected);
}

void TestNotificationText::toGsm7Transliterates_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("kept as is") << u"Garage é €"_s << u"Garage é €"_s;
    QTest::newRow("c cedilla to c") << u"garçon"_s << u"garcon"_s;
    QTest::newRow("Polish letters") << u"Łódź"_s << u"?odz"_s;
    QTest::newRow("typographic quotes and dash") << u"“door” – it’s"_s << u"\"door\" - it's"_s;
    QTest::newRow("ellipsis") << u"wait…"_s << u"wait..."_s;
    QTest::newRow("emoji becomes one mark") << u"door 🚪!"_s << u"door ?!"_s;
}

void TestNotificationText::toGsm7Transliterates()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);

    const QString converted = NotificationText::toGsm7(text);
    QCOMPARE(converted, expected);
    QVERIFY(NotificationText::gsm7Length(converted) >= 0);
}

void TestNotificationText::everyTypeHasAllForms_data()
{
    QTest::addColumn<int>("type");
    for (int type = int(EventType::ManagerStarting); type <= int(EventType::PeerManagerOffline); ++type)
        QTest::newRow(qPrintable(eventTypeName(EventType(type)))) << type;
}

void TestNotificationText::everyTypeHasAllForms()
{
    QFETCH(int, type);
    const EventType eventType = EventType(type);
    Event event = isManagerEvent(eventType) ? managerEvent(eventType) : boardEvent(eventType);
    if (eventType == EventType::GpioUp || eventType == EventType::GpioDown)
        event = gpioEvent(eventType);
    event.peerManagerId = u"gcn_manager_00ff00ff"_s;
    event.skewSeconds = 700;
    event.silenceSeconds = 300;
    event.droppedTotal = 12;
    event.runSeconds = 3700;

    const NotificationContent content = NotificationText(paris).compose(event);
    const QString when = u"2026-12-04 17:02:11 +01:00"_s;

    QVERIFY2(content.subject.startsWith(u"[GCN] "_s), qPrintable(content.subject));
    QVERIFY2(content.subject.contains(NotificationText::eventTypeTitle(eventType)), qPrintable(content.subject));
    QVERIFY2(content.subject.contains(when), qPrintable(content.subject));
    QVERIFY2(!content.subject.contains(u'\n'), qPrintable(content.subject));
    QVERIFY2(content.longText.contains(when), qPrintable(content.longText));
    QVERIFY2(content.shortText.contains(when), qPrintable(content.shortText));
    QVERIFY2(NotificationText::fitsShortLimits(content.shortText), qPrintable(content.shortText));
    if (isManagerEvent(eventType) && eventType != EventType::PeerManagerOffline) {
        QVERIFY2(content.longText.contains(u"gcn_manager_3fa94c01"_s), qPrintable(content.longText));
        QVERIFY2(content.shortText.contains(u"gcn_manager_3fa94c01"_s), qPrintable(content.shortText));
    } else if (eventType == EventType::PeerManagerOffline) {
        QVERIFY2(content.shortText.contains(u"gcn_manager_00ff00ff"_s), qPrintable(content.shortText));
    } else {
        for (const QString& text : {content.subject, content.longText, content.shortText}) {
            QVERIFY2(text.contains(u"Garage"_s), qPrintable(text));
            QVERIFY2(text.contains(u"AA:BB:CC:DD:EE:FF"_s), qPrintable(text));
        }
    }
}

void TestNotificationText::gpioTextNamesPinLabelAndState()
{
    const NotificationContent content = NotificationText(paris).compose(gpioEvent(EventType::GpioUp));

    QCOMPARE(content.shortText, u"GCN: Garage (AA:BB:CC:DD:EE:FF): door is open (pin D1 up) at 2026-12-04 17:02:11 +01:00"_s);
    QVERIFY2(content.longText.contains(u"Pin: D1 (door)"_s), qPrintable(content.longText));
    QVERIFY2(content.longText.contains(u"State: open (up, 1)"_s), qPrintable(content.longText));
    QVERIFY2(content.longText.contains(u"board's clock: 2026-12-04 17:02:10 +01:00"_s), qPrintable(content.longText));
}

void TestNotificationText::gpioTextWithoutLabels()
{
    Event event = gpioEvent(EventType::GpioDown);
    event.pinLabel.clear();
    event.stateWord.clear();
    event.boardAlias.clear();

    const NotificationContent content = NotificationText(paris).compose(event);
    QCOMPARE(content.shortText, u"GCN: Board AA:BB:CC:DD:EE:FF: pin D1 is down at 2026-12-04 17:02:11 +01:00"_s);
    QVERIFY2(content.longText.contains(u"State: down (0)"_s), qPrintable(content.longText));
    QVERIFY2(content.longText.contains(u"Board: AA:BB:CC:DD:EE:FF\n"_s), qPrintable(content.longText));
    QVERIFY2(!content.longText.contains(u"Board: Board"_s), qPrintable(content.longText));
}

void TestNotificationText::skewTextShowsDirection()
{
    Event ahead = boardEvent(EventType::BoardHeartbeatSkewed);
    ahead.skewSeconds = 700;
    Event behind = ahead;
    behind.skewSeconds = -700;

    const NotificationText text(paris);
    QVERIFY2(text.compose(ahead).shortText.contains(u"11 minutes 40 seconds ahead"_s), qPrintable(text.compose(ahead).shortText));
    QVERIFY2(text.compose(behind).shortText.contains(u"11 minutes 40 seconds behind"_s),
             qPrintable(text.compose(behind).shortText));
    QVERIFY2(text.compose(behind).longText.contains(u"(-700 s)"_s), qPrintable(text.compose(behind).longText));
}

void TestNotificationText::missedHeartbeatShowsDuration()
{
    Event event = boardEvent(EventType::BoardHeartbeatMissed);
    event.silenceSeconds = 3 * 3600 + 120;
    event.heartbeat = occurred.toSecsSinceEpoch() - event.silenceSeconds;

    const NotificationContent content = NotificationText(paris).compose(event);
    QVERIFY2(content.shortText.contains(u"no heartbeat for 3 hours 2 minutes"_s), qPrintable(content.shortText));
    QVERIFY2(content.longText.contains(u"Last heartbeat on the board's clock: 2026-12-04 14:00:11 +01:00"_s),
             qPrintable(content.longText));
}

void TestNotificationText::droppedItemsShowsCounters()
{
    Event event = boardEvent(EventType::BoardDroppedItems);
    event.droppedTotal = 12;
    event.previousDroppedTotal = 10;

    const NotificationContent content = NotificationText(paris).compose(event);
    QVERIFY2(content.shortText.contains(u"dropped 2 GPIO changes (12 since boot)"_s), qPrintable(content.shortText));
    QVERIFY2(content.longText.contains(u"Previous count: 10"_s), qPrintable(content.longText));
}

void TestNotificationText::onlineAgainShowsOfflineTime()
{
    Event event = boardEvent(EventType::BoardStatusOnline);
    event.offlineSeconds = 2 * 3600 + 600;

    const NotificationContent content = NotificationText(paris).compose(event);
    QVERIFY2(content.shortText.contains(u"is online again after 2 hours 10 minutes offline"_s),
             qPrintable(content.shortText));
    QVERIFY2(content.longText.contains(u"Offline for: 2 hours 10 minutes (7800 s)"_s), qPrintable(content.longText));

    event.offlineSeconds = 0;
    QVERIFY2(NotificationText(paris).compose(event).shortText.contains(u"AA:BB:CC:DD:EE:FF) is online at"_s),
             qPrintable(NotificationText(paris).compose(event).shortText));
}

void TestNotificationText::reminderStatesStillAndDuration_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<qint64>("skewSeconds");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("headline");

    QTest::newRow("offline") << int(EventType::BoardStatusOffline) << qint64(0) << u"Board offline"_s
                             << u"Garage (AA:BB:CC:DD:EE:FF) is still offline, since 2026-12-04 14:52:11 +01:00 "
                                "(2 hours 10 minutes)"_s;
    QTest::newRow("silent") << int(EventType::BoardHeartbeatMissed) << qint64(0) << u"Heartbeat missed"_s
                            << u"Garage (AA:BB:CC:DD:EE:FF) is still silent: no heartbeat since 2026-12-04 "
                               "14:52:11 +01:00 (2 hours 10 minutes)"_s;
    QTest::newRow("skew ahead") << int(EventType::BoardHeartbeatSkewed) << qint64(700) << u"Heartbeat skewed"_s
                                << u"The clock of Garage (AA:BB:CC:DD:EE:FF) is still 11 minutes 40 seconds ahead, "
                                   "for 2 hours 10 minutes"_s;
    QTest::newRow("skew behind") << int(EventType::BoardHeartbeatSkewed) << qint64(-86400 * 3) << u"Heartbeat skewed"_s
                                 << u"The clock of Garage (AA:BB:CC:DD:EE:FF) is still 3 days behind, for "
                                    "2 hours 10 minutes"_s;
}

void TestNotificationText::reminderStatesStillAndDuration()
{
    QFETCH(int, type);
    QFETCH(qint64, skewSeconds);
    QFETCH(QString, title);
    QFETCH(QString, headline);

    Event event = boardEvent(EventType(type));
    event.reminder = true;
    event.problemSince = occurred.addSecs(-(2 * 3600 + 600));
    event.skewSeconds = skewSeconds;
    event.silenceSeconds = 2 * 3600 + 600;

    const NotificationContent content = NotificationText(paris).compose(event);
    QCOMPARE(content.subject, u"[GCN] Reminder: "_s + title + u": "_s + headline + u" - 2026-12-04 17:02:11 +01:00"_s);
    QVERIFY2(content.longText.startsWith(headline + u"\n"_s), qPrintable(content.longText));
    QVERIFY2(content.longText.contains(u"Event: Reminder: "_s + title), qPrintable(content.longText));
    QVERIFY2(content.longText.contains(u"Problem since: 2026-12-04 14:52:11 +01:00"_s), qPrintable(content.longText));
    QVERIFY2(content.longText.contains(u"Lasting for: 2 hours 10 minutes (7800 s)"_s), qPrintable(content.longText));
    QVERIFY2(content.longText.contains(u"This is a reminder"_s), qPrintable(content.longText));
    QCOMPARE(content.shortText, u"GCN reminder: "_s + headline + u" at 2026-12-04 17:02:11 +01:00"_s);
    QVERIFY(NotificationText::fitsShortLimits(content.shortText));

    // The first notification of the same problem reads differently.
    event.reminder = false;
    const NotificationContent first = NotificationText(paris).compose(event);
    QVERIFY2(!first.subject.contains(u"Reminder"_s), qPrintable(first.subject));
    QVERIFY2(!first.shortText.contains(u"still"_s), qPrintable(first.shortText));
    QVERIFY2(!first.longText.contains(u"Problem since"_s), qPrintable(first.longText));
}

void TestNotificationText::reminderInDigestIsMarked()
{
    Event first = boardEvent(EventType::BoardStatusOffline);
    Event reminder = first;
    reminder.reminder = true;
    reminder.problemSince = occurred;
    reminder.occurredAt = occurred.addSecs(3600);

    const NotificationContent content = NotificationText(paris).composeDigest({first, reminder});
    QVERIFY2(content.subject.contains(u"Board offline, Reminder: Board offline"_s), qPrintable(content.subject));
    QVERIFY2(content.longText.contains(u"- Garage (AA:BB:CC:DD:EE:FF) is still offline, since 2026-12-04 17:02:11 "
                                       "+01:00 (1 hour) - 2026-12-04 18:02:11 +01:00"_s),
             qPrintable(content.longText));
    QVERIFY2(content.shortText.contains(u"Garage is still offline"_s), qPrintable(content.shortText));
    QVERIFY(NotificationText::fitsShortLimits(content.shortText));
}

void TestNotificationText::learntLateMarksEarlierTime()
{
    Event event = boardEvent(EventType::BoardStatusOffline);
    event.learntLate = true;

    const NotificationContent content = NotificationText(paris).compose(event);
    QVERIFY2(content.shortText.contains(u"earlier at 2026-12-04 17:02:11 +01:00"_s), qPrintable(content.shortText));
    QVERIFY2(content.longText.contains(u"learnt of this after it happened"_s), qPrintable(content.longText));

    event.learntLate = false;
    QVERIFY(!NotificationText(paris).compose(event).shortText.contains(u"earlier"_s));
}

void TestNotificationText::longAliasStillFitsOneSms()
{
    Event event = gpioEvent(EventType::GpioUp);
    event.boardAlias = u"The garage at the far end of the garden behind the old oak tree near the river"_s;
    event.pinLabel = u"main sliding door on the left-hand side of the building"_s;

    const QString shortText = NotificationText(paris).compose(event).shortText;
    QVERIFY2(NotificationText::fitsShortLimits(shortText), qPrintable(shortText));
    QVERIFY2(shortText.contains(u"AA:BB:CC:DD:EE:FF"_s), qPrintable(shortText));
    QVERIFY2(shortText.contains(u"2026-12-04 17:02:11 +01:00"_s), qPrintable(shortText));
    QVERIFY2(shortText.contains(u"pin D1 up"_s), qPrintable(shortText));
    QVERIFY2(shortText.contains(u"..."_s), qPrintable(shortText));
}

void TestNotificationText::nonGsmAliasBecomesGsm7()
{
    Event event = boardEvent(EventType::BoardStatusOnline);
    event.boardAlias = u"Garçon’s Łódź shed 🚪 {€}"_s;

    const QString shortText = NotificationText(paris).compose(event).shortText;
    QVERIFY2(NotificationText::gsm7Length(shortText) >= 0, qPrintable(shortText));
    QVERIFY2(shortText.contains(u"Garcon's ?odz shed ? {€}"_s), qPrintable(shortText));
}

void TestNotificationText::hugeDetailIsCut()
{
    Event event = managerEvent(EventType::ManagerDisconnected);
    event.detail = QString(500, u'x');

    const NotificationContent content = NotificationText(paris).compose(event);
    QVERIFY2(NotificationText::fitsShortLimits(content.shortText), qPrintable(content.shortText));
    QVERIFY2(content.shortText.contains(u"2026-12-04 17:02:11 +01:00"_s), qPrintable(content.shortText));
    QVERIFY(content.longText.contains(QString(500, u'x')));
}

void TestNotificationText::digestListsEveryEvent()
{
    QList<Event> events;
    for (int index = 0; index < 20; ++index) {
        Event event = boardEvent(EventType::BoardStatusOffline);
        event.boardAlias = u"Shed %1"_s.arg(index);
        event.occurredAt = occurred.addSecs(index);
        events.append(event);
    }
    events.append(gpioEvent(EventType::GpioUp));

    const NotificationContent content = NotificationText(paris).composeDigest(events);
    QVERIFY2(content.subject.contains(u"21 notifications"_s), qPrintable(content.subject));
    QVERIFY2(content.subject.contains(u"Board offline, GPIO up"_s), qPrintable(content.subject));
    for (int index = 0; index < 20; ++index)
        QVERIFY2(content.longText.contains(u"Shed %1 (AA:BB"_s.arg(index)), qPrintable(u"Shed %1"_s.arg(index)));
    QVERIFY(content.longText.contains(u"door is open"_s));
    QVERIFY2(content.longText.startsWith(u"21 notifications from 2026-12-04 17:02:11 +01:00 to "_s),
             qPrintable(content.longText.left(100)));
}

void TestNotificationText::digestShortFormFitsOneSms()
{
    QList<Event> events;
    for (int index = 0; index < 30; ++index) {
        Event event = boardEvent(EventType::BoardStatusOffline);
        event.boardAlias = u"Shed number %1 with a long name"_s.arg(index);
        events.append(event);
    }

    const QString shortText = NotificationText(paris).composeDigest(events).shortText;
    QVERIFY2(NotificationText::fitsShortLimits(shortText), qPrintable(shortText));
    QVERIFY2(shortText.startsWith(u"GCN: 30 events from 2026-12-04 17:02:11 +01:00: "_s), qPrintable(shortText));
    QVERIFY2(shortText.contains(u"more"_s), qPrintable(shortText));
}

void TestNotificationText::capNoticeShowsResumeTime()
{
    const QDateTime resumes = occurred.addSecs(6 * 3600);
    const NotificationContent content =
        NotificationText(paris).composeCapReached(Channel::Sms, 10, occurred, resumes);

    QVERIFY2(NotificationText::fitsShortLimits(content.shortText), qPrintable(content.shortText));
    QVERIFY2(content.shortText.contains(u"10 SMS"_s), qPrintable(content.shortText));
    QVERIFY2(content.shortText.contains(u"2026-12-04 23:02:11 +01:00"_s), qPrintable(content.shortText));
    QVERIFY2(content.longText.contains(u"not lost"_s), qPrintable(content.longText));
}

void TestNotificationText::reportAppendsEarlierLines()
{
    const QString report = NotificationText::appendReport(u"Newest\n"_s, {u"second"_s, u"first"_s}, 3);
    QCOMPARE(report, u"Newest\n\nEarlier notifications, newest first:\n\n- second\n- first\n\n"
                     "3 older notifications are left out; run gcn-manager history to list them.\n"_s);
    QCOMPARE(NotificationText::appendReport(u"Only\n"_s, {}, 0), u"Only\n"_s);
}

QTEST_GUILESS_MAIN(TestNotificationText)
#include "tst_notificationtext.moc"
