#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "common/Clock.h"
#include "notifications/HistoryCommand.h"
#include "storage/EventJson.h"
#include "storage/Outbox.h"

using namespace gcn;
using namespace Qt::StringLiterals;

namespace {

const QDateTime start = QDateTime(QDate(2026, 12, 4), QTime(16, 0, 0), Qt::UTC);

OutboxRecord makeRecord(const QString& recipient, const QDateTime& createdAt, MessageKind kind = MessageKind::Notification)
{
    OutboxRecord record;
    record.channel = Channel::Email;
    record.recipient = recipient;
    record.kind = kind;
    record.eventTypes = {u"client_gpio_up"_s};
    record.boardIds = {u"AA:BB:CC:DD:EE:FF"_s};
    record.subject = u"[GCN] GPIO up"_s;
    record.shortText = u"GCN: short "_s + createdAt.toString(Qt::ISODate);
    record.longText = u"long"_s;
    record.createdAt = createdAt;
    record.occurredAt = createdAt.addSecs(-1);
    record.nextAttemptAt = createdAt;
    return record;
}

Event fullEvent()
{
    Event event;
    event.type = EventType::GpioDown;
    event.occurredAt = QDateTime::fromMSecsSinceEpoch(1'796'400'131'123, Qt::UTC);
    event.learntLate = true;
    event.boardId = u"AA:BB:CC:DD:EE:FF"_s;
    event.boardAlias = u"Garage « nord »"_s;
    event.pin = u"D1"_s;
    event.pinLabel = u"door"_s;
    event.stateWord = u"closed"_s;
    event.pinState = 0;
    event.boardTimestamp = 1'796'400'130;
    event.heartbeat = 1'796'400'100;
    event.skewSeconds = -700;
    event.silenceSeconds = 301;
    event.offlineSeconds = 7200;
    event.droppedTotal = 12;
    event.previousDroppedTotal = 10;
    event.managerId = u"gcn_manager_3fa94c01"_s;
    event.peerManagerId = u"gcn_manager_00ff00ff"_s;
    event.detail = u"broker closed the connection"_s;
    event.runSeconds = 3700;
    event.reminder = true;
    event.problemSince = QDateTime::fromMSecsSinceEpoch(1'699'990'000'123, Qt::UTC);
    return event;
}

} // namespace

class TestOutbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensWithWalJournal();
    void messageSurvivesReopen();
    void missingOutboxIsNotCreatedForReading();
    void dueMessagesFollowSchedule();
    void statusUpdates();
    void clampBringsFarRetriesBack();
    void eventJsonRoundTrip();
    void heldEventsBecomeOneMessage();
    void capCountsLeaveOutNotices();
    void historyNewestFirst();
    void earlierShortTextsNewestFirst();
    void historySinceParsing_data();
    void historySinceParsing();
    void historyCommandText();
    void historyCommandJson();
    void historyCommandWithoutOutbox();
    void historyCommandRejectsBadArguments_data();
    void historyCommandRejectsBadArguments();
};

void TestOutbox::opensWithWalJournal()
{
    QTemporaryDir dir;
    auto outbox = Outbox::open(dir.filePath(u"state/nested"_s));
    QVERIFY2(outbox.has_value(), qPrintable(outbox ? QString() : outbox.error().message));
    QCOMPARE((*outbox)->filePath(), dir.filePath(u"state/nested/outbox.sqlite"_s));
    QVERIFY(QFile::exists((*outbox)->filePath()));

    QSqlDatabase check = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"wal-check"_s);
    check.setDatabaseName((*outbox)->filePath());
    QVERIFY(check.open());
    {
        QSqlQuery query(check);
        QVERIFY(query.exec(u"PRAGMA journal_mode"_s));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), u"wal"_s);
    }
    check.close();
    check = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"wal-check"_s);
}

void TestOutbox::messageSurvivesReopen()
{
    QTemporaryDir dir;
    qint64 id = 0;
    {
        auto outbox = Outbox::open(dir.path());
        QVERIFY(outbox.has_value());
        OutboxRecord record = makeRecord(u"alice@example.org"_s, start);
        QVERIFY((*outbox)->insertMessage(record).has_value());
        QVERIFY(record.id > 0);
        id = record.id;
    }
    auto reopened = Outbox::open(dir.path());
    QVERIFY(reopened.has_value());
    const std::optional<OutboxRecord> record = (*reopened)->message(id);
    QVERIFY(record.has_value());
    QCOMPARE(record->recipient, u"alice@example.org"_s);
    QCOMPARE(int(record->status), int(OutboxStatus::Pending));
    QCOMPARE(record->createdAt, start);
    QCOMPARE(record->occurredAt, start.addSecs(-1));
    QCOMPARE(record->eventTypes, QStringList {u"client_gpio_up"_s});
    QCOMPARE(record->boardIds, QStringList {u"AA:BB:CC:DD:EE:FF"_s});
    QCOMPARE((*reopened)->pendingCount(), 1);
}

void TestOutbox::missingOutboxIsNotCreatedForReading()
{
    QTemporaryDir dir;
    auto outbox = Outbox::open(dir.path(), false);
    QVERIFY(!outbox.has_value());
    QVERIFY2(outbox.error().message.contains(u"does not exist"_s), qPrintable(outbox.error().message));
    QVERIFY(!QFile::exists(dir.filePath(u"outbox.sqlite"_s)));
}

void TestOutbox::dueMessagesFollowSchedule()
{
    QTemporaryDir dir;
    auto outbox = Outbox::open(dir.path());
    QVERIFY(outbox.has_value());
    OutboxRecord now = makeRecord(u"a@example.org"_s, start);
    OutboxRecord later = makeRecord(u"b@example.org"_s, start);
    later.nextAttemptAt = start.addSecs(60);
    OutboxRecord sms = makeRecord(u"+33600000000"_s, start);
    sms.channel = Channel::Sms;
    QVERIFY((*outbox)->insertMessage(now).has_value());
    QVERIFY((*outbox)->insertMessage(later).has_value());
    QVERIFY((*outbox)->insertMessage(sms).has_value());

    QCOMPARE((*outbox)->dueMessages(Channel::Email, start, 10).size(), 1);
    QCOMPARE((*outbox)->dueMessages(Channel::Email, start.addSecs(60), 10).size(), 2);
    QCOMPARE((*outbox)->dueMessages(Channel::Email, start.addSecs(60), 1).size(), 1);
    QCOMPARE((*outbox)->dueMessages(Channel::Email, start.addSecs(60), 10, {u"a@example.org"_s}).size(), 1);
    QCOMPARE((*outbox)->dueMessages(Channel::Email, start.addSecs(60), 10, {u"a@example.org"_s}).first().recipient,
             u"b@example.org"_s);
    QCOMPARE((*outbox)->dueMessages(Channel::Sms, start, 10).first().id, sms.id);
    QCOMPARE((*outbox)->nextAttemptTime(Channel::Email), start);
    QCOMPARE((*outbox)->nextAttemptTime(Channel::Email, {u"a@example.org"_s}), start.addSecs(60));
    QVERIFY(!(*outbox)->nextAttemptTime(Channel::Twitter).isValid());
}

void TestOutbox::statusUpdates()
{
    QTemporaryDir dir;
    auto outbox = Outbox::open(dir.path());
    QVERIFY(outbox.has_value());
    OutboxRecord record = makeRecord(u"a@example.org"_s, start);
    QVERIFY((*outbox)->insertMessage(record).has_value());

    QVERIFY((*outbox)->recordAttempt(record.id, start).has_value());
    QVERIFY((*outbox)->scheduleRetry(record.id, u"451 try later"_s, start.addSecs(30)).has_value());
    std::optional<OutboxRecord> stored = (*outbox)->message(record.id);
    QCOMPARE(stored->attempts, 1);
    QCOMPARE(stored->lastError, u"451 try later"_s);
    QCOMPARE(stored->nextAttemptAt, start.addSecs(30));
    QCOMPARE(int(stored->status), int(OutboxStatus::Pending));

    QVERIFY((*outbox)->recordAttempt(record.id, start.addSecs(30)).has_value());
    QVERIFY((*outbox)->markDelivered(record.id, start.addSecs(31)).has_value());
    stored = (*outbox)->message(record.id);
    QCOMPARE(stored->attempts, 2);
    QCOMPARE(int(stored->status), int(OutboxStatus::Delivered));
    QCOMPARE(stored->sentAt, start.addSecs(31));
    QVERIFY(!stored->nextAttemptAt.isValid());
    QVERIFY((*outbox)->dueMessages(Channel::Email, start.addDays(1), 10).isEmpty());

    OutboxRecord failing = makeRecord(u"b@example.org"_s, start);
    QVERIFY((*outbox)->insertMessage(failing).has_value());
    QVERIFY((*outbox)->markFailed(failing.id, u"550 no such user"_s).has_value());
    QCOMPARE(int((*outbox)->message(failing.id)->status), int(OutboxStatus::Failed));
    QCOMPARE((*outbox)->pendingCount(), 0);
}

void TestOutbox::clampBringsFarRetriesBack()
{
    QTemporaryDir dir;
    auto outbox = Outbox::open(dir.path());
    QVERIFY(outbox.has_value());
    OutboxRecord record = makeRecord(u"a@example.org"_s, start);
    record.nextAttemptAt = start.addDays(2);
    QVERIFY((*outbox)->insertMessage(record).has_value());
    QVERIFY((*outbox)->clampNextAttempts(start.addSecs(1800)).has_value());
    QCOMPARE((*outbox)->message(record.id)->nextAttemptAt, start.addSecs(1800));
}

void TestOutbox::eventJsonRoundTrip()
{
    const Event event = fullEvent();
    const std::optional<Event> back = eventFromJson(eventToJson(event));
    QVERIFY(back.has_value());
    QCOMPARE(int(back->type), int(event.type));
    QCOMPARE(back->occurredAt, event.occurredAt);
    QCOMPARE(back->learntLate, event.learntLate);
    QCOMPARE(back->boardId, event.boardId);
    QCOMPARE(back->boardAlias, event.boardAlias);
    QCOMPARE(back->pin, event.pin);
    QCOMPARE(back->pinLabel, event.pinLabel);
    QCOMPARE(back->stateWord, event.stateWord);
    QCOMPARE(back->pinState, event.pinState);
    QCOMPARE(back->boardTimestamp, event.boardTimestamp);
    QCOMPARE(back->heartbeat, event.heartbeat);
    QCOMPARE(back->skewSeconds, event.skewSeconds);
    QCOMPARE(back->silenceSeconds, event.silenceSeconds);
    QCOMPARE(back->offlineSeconds, event.offlineSeconds);
    QCOMPARE(back->droppedTotal, event.droppedTotal);
    QCOMPARE(back->previousDroppedTotal, event.previousDroppedTotal);
    QCOMPARE(back->managerId, event.managerId);
    QCOMPARE(back->peerManagerId, event.peerManagerId);
    QCOMPARE(back->detail, event.detail);
    QCOMPARE(back->runSeconds, event.runSeconds);
    QCOMPARE(back->reminder, event.reminder);
    QCOMPARE(back->problemSince, event.problemSince);

    // An event stored before reminders existed reads as no reminder.
    QJsonObject older = eventToJson(event);
    older.remove(u"reminder"_s);
    older.remove(u"problemSinceMs"_s);
    const std::optional<Event> olderBack = eventFromJson(older);
    QVERIFY(olderBack.has_value());
    QVERIFY(!olderBack->reminder);
    QVERIFY(!olderBack->problemSince.isValid());

    QJsonObject unknown = eventToJson(event);
    unknown.insert(u"type"_s, u"no_such_type"_s);
    QVERIFY(!eventFromJson(unknown).has_value());
    QVERIFY(!eventFromJson(QJsonObject {{u"type"_s, u"client_gpio_up"_s}}).has_value());
}

void TestOutbox::heldEventsBecomeOneMessage()
{
    QTemporaryDir dir;
    auto outbox = Outbox::open(dir.path());
    QVERIFY(outbox.has_value());
    const auto first = (*outbox)->holdEvent(Channel::Email, u"a@example.org"_s, fullEvent(), start);
    const auto second = (*outbox)->holdEvent(Channel::Email, u"a@example.org"_s, fullEvent(), start.addSecs(1));
    const auto other = (*outbox)->holdEvent(Channel::Sms, u"+33600000000"_s, fullEvent(), start.addSecs(2));
    QVERIFY(first && second && other);

    const QList<HeldEvent> keys = (*outbox)->heldKeys();
    QCOMPARE(keys.size(), 2);
    const QList<HeldEvent> held = (*outbox)->heldEvents(Channel::Email, u"a@example.org"_s);
    QCOMPARE(held.size(), 2);
    QCOMPARE(held.first().id, *first);
    QCOMPARE(held.first().event.boardAlias, fullEvent().boardAlias);
    QCOMPARE(held.first().heldAt, start);

    OutboxRecord digest = makeRecord(u"a@example.org"_s, start.addSecs(5), MessageKind::Digest);
    QVERIFY((*outbox)->replaceHeldEvents({*first, *second}, digest).has_value());
    QVERIFY(digest.id > 0);
    QVERIFY((*outbox)->heldEvents(Channel::Email, u"a@example.org"_s).isEmpty());
    QCOMPARE((*outbox)->heldEvents(Channel::Sms, u"+33600000000"_s).size(), 1);
    QCOMPARE(int((*outbox)->message(digest.id)->kind), int(MessageKind::Digest));
}

void TestOutbox::capCountsLeaveOutNotices()
{
    QTemporaryDir dir;
    auto outbox = Outbox::open(dir.path());
    QVERIFY(outbox.has_value());
    for (int index = 0; index < 3; ++index) {
        OutboxRecord record = makeRecord(u"a@example.org"_s, start.addSecs(index * 3600));
        QVERIFY((*outbox)->insertMessage(record).has_value());
    }
    OutboxRecord notice = makeRecord(u"a@example.org"_s, start.addSecs(4 * 3600), MessageKind::CapNotice);
    QVERIFY((*outbox)->insertMessage(notice).has_value());
    OutboxRecord otherRecipient = makeRecord(u"b@example.org"_s, start);
    QVERIFY((*outbox)->insertMessage(otherRecipient).has_value());

    QCOMPARE((*outbox)->countCapped(Channel::Email, u"a@example.org"_s, start), 3);
    QCOMPARE((*outbox)->countCapped(Channel::Email, u"a@example.org"_s, start.addSecs(1)), 2);
    QCOMPARE((*outbox)->countCapped(Channel::Sms, u"a@example.org"_s, start), 0);
    QCOMPARE((*outbox)->oldestCapped(Channel::Email, u"a@example.org"_s, start.addSecs(1)), start.addSecs(3600));
    QVERIFY((*outbox)->hasCapNoticeSince(Channel::Email, u"a@example.org"_s, start));
    QVERIFY(!(*outbox)->hasCapNoticeSince(Channel::Email, u"a@example.org"_s, start.addSecs(5 * 3600)));
    QVERIFY(!(*outbox)->hasCapNoticeSince(Channel::Email, u"b@example.org"_s, start));
}

void TestOutbox::historyNewestFirst()
{
    QTemporaryDir dir;
    auto outbox = Outbox::open(dir.path());
    QVERIFY(outbox.has_value());
    for (int index = 0; index < 5; ++index) {
        OutboxRecord record = makeRecord(u"a@example.org"_s, start.addSecs(index * 60));
        QVERIFY((*outbox)->insertMessage(record).has_value());
    }
    const QList<OutboxRecord> all = (*outbox)->history();
    QCOMPARE(all.size(), 5);
    QCOMPARE(all.first().createdAt, start.addSecs(240));
    QCOMPARE(all.last().createdAt, start);
    QCOMPARE((*outbox)->history(start.addSecs(120)).size(), 3);
    QCOMPARE((*outbox)->history({}, 2).size(), 2);
}

void TestOutbox::earlierShortTextsNewestFirst()
{
    QTemporaryDir dir;
    auto outbox = Outbox::open(dir.path());
    QVERIFY(outbox.has_value());
    for (int index = 0; index < 4; ++index) {
        OutboxRecord record = makeRecord(u"a@example.org"_s, start.addSecs(index * 60));
        QVERIFY((*outbox)->insertMessage(record).has_value());
    }
    OutboxRecord notice = makeRecord(u"a@example.org"_s, start.addSecs(600), MessageKind::CapNotice);
    QVERIFY((*outbox)->insertMessage(notice).has_value());

    qsizetype total = 0;
    const QStringList lines = (*outbox)->earlierShortTexts(Channel::Email, u"a@example.org"_s, 2, &total);
    QCOMPARE(total, 4);
    QCOMPARE(lines, (QStringList {makeRecord({}, start.addSecs(180)).shortText,
                                  makeRecord({}, start.addSecs(120)).shortText}));
}

void TestOutbox::historySinceParsing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");

    QTest::newRow("hours back") << u"24h"_s << start.addSecs(-24 * 3600);
    QTest::newRow("minutes back") << u"30m"_s << start.addSecs(-1800);
    QTest::newRow("days back") << u"7d"_s << start.addDays(-7);
    QTest::newRow("weeks back") << u"2w"_s << start.addDays(-14);
    QTest::newRow("seconds back") << u"90s"_s << start.addSecs(-90);
    QTest::newRow("UTC time") << u"2026-12-01T10:00:00Z"_s << QDateTime(QDate(2026, 12, 1), QTime(10, 0), Qt::UTC);
    QTest::newRow("time with offset") << u"2026-12-01T11:00+01:00"_s
                                      << QDateTime(QDate(2026, 12, 1), QTime(10, 0), Qt::UTC);
}

void TestOutbox::historySinceParsing()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);

    const auto parsed = parseHistorySince(text, start);
    QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error()));
    QCOMPARE(*parsed, expected);
}

void TestOutbox::historyCommandText()
{
    QTemporaryDir dir;
    {
        auto outbox = Outbox::open(dir.path());
        QVERIFY(outbox.has_value());
        OutboxRecord delivered = makeRecord(u"alice@example.org"_s, start);
        QVERIFY((*outbox)->insertMessage(delivered).has_value());
        QVERIFY((*outbox)->markDelivered(delivered.id, start.addSecs(2)).has_value());
        OutboxRecord failing = makeRecord(u"bob@example.org"_s, start.addSecs(60));
        QVERIFY((*outbox)->insertMessage(failing).has_value());
        QVERIFY((*outbox)->scheduleRetry(failing.id, u"connection refused"_s, start.addSecs(120)).has_value());
    }
    Settings settings;
    settings.general.stateDir = dir.path();
    QString output;
    QString errors;
    QTextStream out(&output);
    QTextStream err(&errors);
    ManualClock clock(start.addSecs(600));

    QCOMPARE(runHistoryCommand({}, settings, out, err, clock), 0);
    QVERIFY2(errors.isEmpty(), qPrintable(errors));
    const qsizetype bob = output.indexOf(u"bob@example.org"_s);
    const qsizetype alice = output.indexOf(u"alice@example.org"_s);
    QVERIFY2(bob >= 0 && alice > bob, qPrintable(output));
    QVERIFY2(output.contains(u"delivered"_s), qPrintable(output));
    QVERIFY2(output.contains(u"pending"_s), qPrintable(output));
    QVERIFY2(output.contains(u"last error: connection refused"_s), qPrintable(output));
    QVERIFY2(output.contains(u"client_gpio_up"_s), qPrintable(output));

    output.clear();
    QCOMPARE(runHistoryCommand({u"--since"_s, u"9m"_s}, settings, out, err, clock), 0);
    QVERIFY2(output.contains(u"bob@example.org"_s), qPrintable(output));
    QVERIFY2(!output.contains(u"alice@example.org"_s), qPrintable(output));
}

void TestOutbox::historyCommandJson()
{
    QTemporaryDir dir;
    {
        auto outbox = Outbox::open(dir.path());
        QVERIFY(outbox.has_value());
        OutboxRecord record = makeRecord(u"alice@example.org"_s, start);
        QVERIFY((*outbox)->insertMessage(record).has_value());
        QVERIFY((*outbox)->markFailed(record.id, u"550 no such user"_s).has_value());
    }
    Settings settings;
    QString output;
    QString errors;
    QTextStream out(&output);
    QTextStream err(&errors);

    QCOMPARE(runHistoryCommand({u"--json"_s, u"--state-dir"_s, dir.path()}, settings, out, err), 0);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(output.toUtf8(), &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    QCOMPARE(document.array().size(), 1);
    const QJsonObject entry = document.array().first().toObject();
    QCOMPARE(entry.value(u"status"_s).toString(), u"failed"_s);
    QCOMPARE(entry.value(u"channel"_s).toString(), u"email"_s);
    QCOMPARE(entry.value(u"recipient"_s).toString(), u"alice@example.org"_s);
    QCOMPARE(entry.value(u"lastError"_s).toString(), u"550 no such user"_s);
    QCOMPARE(entry.value(u"createdAt"_s).toString(), u"2026-12-04T16:00:00.000Z"_s);
    QCOMPARE(entry.value(u"eventTypes"_s).toArray().first().toString(), u"client_gpio_up"_s);
    QCOMPARE(entry.value(u"boardIds"_s).toArray().first().toString(), u"AA:BB:CC:DD:EE:FF"_s);
}

void TestOutbox::historyCommandWithoutOutbox()
{
    QTemporaryDir dir;
    Settings settings;
    settings.general.stateDir = dir.filePath(u"never-used"_s);
    QString output;
    QString errors;
    QTextStream out(&output);
    QTextStream err(&errors);

    QCOMPARE(runHistoryCommand({u"--json"_s}, settings, out, err), 0);
    QCOMPARE(output.trimmed(), u"[]"_s);
    output.clear();
    QCOMPARE(runHistoryCommand({}, settings, out, err), 0);
    QVERIFY2(output.contains(u"No notification history yet"_s), qPrintable(output));
    QVERIFY(!QFile::exists(settings.general.stateDir));
}

void TestOutbox::historyCommandRejectsBadArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");

    QTest::newRow("unknown argument") << QStringList {u"--verbose"_s} << u"unknown argument '--verbose'"_s;
    QTest::newRow("since without value") << QStringList {u"--since"_s} << u"--since needs a TIME"_s;
    QTest::newRow("since not a time") << QStringList {u"--since"_s, u"yesterday"_s} << u"invalid --since 'yesterday'"_s;
    QTest::newRow("limit zero") << QStringList {u"--limit=0"_s} << u"--limit needs a whole number"_s;
}

void TestOutbox::historyCommandRejectsBadArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QTemporaryDir dir;
    Settings settings;
    settings.general.stateDir = dir.path();
    QString output;
    QString errors;
    QTextStream out(&output);
    QTextStream err(&errors);

    QCOMPARE(runHistoryCommand(arguments, settings, out, err), 2);
    QVERIFY2(errors.contains(message), qPrintable(errors));
    QVERIFY2(errors.contains(u"usage: gcn-manager history"_s), qPrintable(errors));
}

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
