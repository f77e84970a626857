// Tests of the dispatcher while its outbox cannot be written: notifications still go out, wait in
// memory and reach the outbox once it can be written again, without being sent twice.

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "common/Clock.h"
#include "notifications/Dispatcher.h"
#include "storage/Outbox.h"
#include "support/LogCapture.h"

using namespace gcn;
using namespace Qt::StringLiterals;

namespace {

const QString alice = u"alice@example.org"_s;

// An e-mail sender that records each message and answers only when the test says so.
class RecordingSender final : public Sender
{
public:
    Channel channel() const override { return Channel::Email; }
    void send(const OutgoingMessage& message) override { sent.append(message); }
    void answer(qint64 id, DeliveryStatus status, const QString& error = {})
    {
        Q_EMIT finished(id, DeliveryOutcome {status, error, std::nullopt});
    }

    QList<OutgoingMessage> sent;
};

NotificationSettings gpioTo(const QString& recipient)
{
    NotificationSettings settings;
    settings.enableEmail = true;
    settings.clientGpioUp = {recipient};
    return settings;
}

Event gpioUp(const QDateTime& when, int index)
{
    Event event;
    event.type = EventType::GpioUp;
    event.occurredAt = when;
    event.boardId = u"AA:BB:CC:DD:EE:%1"_s.arg(index % 100, 2, 10, QChar(u'0'));
    event.pin = u"D%1"_s.arg(index);
    event.pinState = 1;
    event.boardTimestamp = when.toSecsSinceEpoch();
    return event;
}

DispatcherOptions options()
{
    DispatcherOptions options;
    options.batchWindowSec = 0;
    options.maxPerDayEmail = 0;
    options.outboxRetrySec = 10;
    return options;
}

struct Fixture
{
    QTemporaryDir dir;
    ManualClock clock;
    std::unique_ptr<Outbox> outbox;
    RecordingSender sender;
    std::unique_ptr<Dispatcher> dispatcher;

    bool open(const DispatcherOptions& dispatcherOptions = options(), bool withSender = true)
    {
        auto opened = Outbox::open(dir.path());
        if (!opened)
            return false;
        outbox = std::move(*opened);
        auto routing = RoutingTable::fromSettings(gpioTo(alice));
        if (!routing)
            return false;
        dispatcher = std::make_unique<Dispatcher>(*routing, *outbox, dispatcherOptions, clock);
        if (withSender)
            dispatcher->setSender(&sender);
        dispatcher->start();
        return true;
    }
    bool blockWrites(bool blocked) { return outbox->setWritesBlocked(blocked).has_value(); }
    // Moves past the next attempt to write the outbox and runs a round.
    void retryOutbox()
    {
        clock.advanceMs(11'000);
        dispatcher->processDue();
    }
    ~Fixture()
    {
        dispatcher.reset();
        outbox.reset();
    }
};

// Answers each send with `status` until nothing more is sent: a recipient gets one message at a time.
void answerAll(Fixture& f, DeliveryStatus status)
{
    for (qsizetype answered = 0; answered < f.sender.sent.size(); ++answered) {
        f.sender.answer(f.sender.sent.at(answered).id, status);
        f.dispatcher->processDue();
    }
}

QStringList sentTexts(const QList<OutgoingMessage>& messages)
{
    QStringList texts;
    for (const OutgoingMessage& message : messages)
        texts.append(message.shortText);
    return texts;
}

} // namespace

class TestOutboxFailure : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void blockedWritesFailWithTheSqliteError();
    void eventsAreSentWhileTheOutboxCannotBeWritten();
    void backlogIsStoredOnceTheOutboxRecovers();
    void messageBeingSentAtRecoveryIsNotSentAgain();
    void failuresAreLoggedOncePerMinute();
    void backlogBoundDropsTheOldestAndSaysSo();
};

void TestOutboxFailure::blockedWritesFailWithTheSqliteError()
{
    Fixture f;
    QVERIFY(f.open());
    QVERIFY(f.blockWrites(true));
    const auto held = f.outbox->holdEvent(Channel::Email, alice, gpioUp(f.clock.now(), 1), f.clock.now());
    QVERIFY(!held);
    QVERIFY2(held.error().message.contains(u"readonly"_s), qPrintable(held.error().message));
    QCOMPARE(f.outbox->pendingCount(), 0);
    QVERIFY(f.blockWrites(false));
    QVERIFY(f.outbox->holdEvent(Channel::Email, alice, gpioUp(f.clock.now(), 1), f.clock.now()));
}

void TestOutboxFailure::eventsAreSentWhileTheOutboxCannotBeWritten()
{
    Fixture f;
    QVERIFY(f.open());
    QSignalSpy health(f.dispatcher.get(), &Dispatcher::outboxHealthChanged);
    QSignalSpy delivered(f.dispatcher.get(), &Dispatcher::messageDelivered);
    QVERIFY(f.blockWrites(true));

    for (int i = 0; i < 3; ++i)
        f.dispatcher->dispatch(gpioUp(f.clock.now(), i));

    QCOMPARE(f.sender.sent.size(), 1);
    QVERIFY(!f.dispatcher->outboxHealthy());
    QCOMPARE(health.size(), 1);
    QCOMPARE(health.first().first().toBool(), false);
    QVERIFY(f.dispatcher->outboxWriteFailures() >= 3);
    QCOMPARE(f.dispatcher->memoryBacklogEvents(), 3);
    answerAll(f, DeliveryStatus::Delivered);
    QCOMPARE(f.sender.sent.size(), 3);
    QCOMPARE(delivered.size(), 3);
    QCOMPARE(sentTexts(f.sender.sent).removeDuplicates(), 0);
    QCOMPARE(f.outbox->history().size(), 0);
}

void TestOutboxFailure::backlogIsStoredOnceTheOutboxRecovers()
{
    Fixture f;
    QVERIFY(f.open());
    QSignalSpy health(f.dispatcher.get(), &Dispatcher::outboxHealthChanged);
    QVERIFY(f.blockWrites(true));
    for (int i = 0; i < 3; ++i)
        f.dispatcher->dispatch(gpioUp(f.clock.now(), i));
    // The first is delivered, the second fails for now, the third goes out meanwhile.
    QCOMPARE(f.sender.sent.size(), 1);
    f.sender.answer(f.sender.sent.at(0).id, DeliveryStatus::Delivered);
    f.dispatcher->processDue();
    QCOMPARE(f.sender.sent.size(), 2);
    f.sender.answer(f.sender.sent.at(1).id, DeliveryStatus::TransientFailure, u"421 try later"_s);
    f.dispatcher->processDue();
    QCOMPARE(f.sender.sent.size(), 3);
    f.sender.answer(f.sender.sent.at(2).id, DeliveryStatus::Delivered);

    // Still blocked: the retry goes out from memory.
    f.clock.advanceMs(30'000);
    f.dispatcher->processDue();
    QCOMPARE(f.sender.sent.size(), 4);
    QCOMPARE(f.sender.sent.at(3).shortText, f.sender.sent.at(1).shortText);
    f.sender.answer(f.sender.sent.at(3).id, DeliveryStatus::TransientFailure, u"421 try later"_s);
    QVERIFY(!f.dispatcher->outboxHealthy());

    QVERIFY(f.blockWrites(false));
    f.retryOutbox();
    QVERIFY(f.dispatcher->outboxHealthy());
    QCOMPARE(health.size(), 2);
    QCOMPARE(health.last().first().toBool(), true);
    QCOMPARE(f.dispatcher->memoryBacklogEvents(), 0);

    const QList<OutboxRecord> history = f.outbox->history();
    QCOMPARE(history.size(), 3);
    int deliveredCount = 0;
    for (const OutboxRecord& record : history) {
        QVERIFY(record.id > 0);
        if (record.status == OutboxStatus::Delivered) {
            ++deliveredCount;
            QVERIFY(record.sentAt.isValid());
            continue;
        }
        QCOMPARE(record.status, OutboxStatus::Pending);
        QCOMPARE(record.attempts, 2);
        QCOMPARE(record.lastError, u"421 try later"_s);
        QCOMPARE(record.shortText, f.sender.sent.at(1).shortText);
    }
    QCOMPARE(deliveredCount, 2);

    // Only the message still pending is sent again, now from the outbox.
    f.clock.advanceMs(120'000);
    f.dispatcher->processDue();
    QCOMPARE(f.sender.sent.size(), 5);
    QVERIFY(f.sender.sent.at(4).id > 0);
    QCOMPARE(f.sender.sent.at(4).shortText, f.sender.sent.at(1).shortText);
    f.sender.answer(f.sender.sent.at(4).id, DeliveryStatus::Delivered);
    f.clock.advanceMs(3'600'000);
    f.dispatcher->processDue();
    QCOMPARE(f.sender.sent.size(), 5);
    QCOMPARE(f.outbox->pendingCount(), 0);
    QStringList texts = sentTexts(f.sender.sent);
    texts.removeDuplicates();
    QCOMPARE(texts.size(), 3);
}

void TestOutboxFailure::messageBeingSentAtRecoveryIsNotSentAgain()
{
    Fixture f;
    QVERIFY(f.open());
    QSignalSpy delivered(f.dispatcher.get(), &Dispatcher::messageDelivered);
    QVERIFY(f.blockWrites(true));
    f.dispatcher->dispatch(gpioUp(f.clock.now(), 1));
    QCOMPARE(f.sender.sent.size(), 1);
    const qint64 memoryId = f.sender.sent.first().id;

    QVERIFY(f.blockWrites(false));
    f.retryOutbox();
    QVERIFY(f.dispatcher->outboxHealthy());
    QCOMPARE(f.outbox->history().size(), 1);
    QCOMPARE(f.dispatcher->inFlightCount(), 1);

    f.sender.answer(memoryId, DeliveryStatus::Delivered);
    QCOMPARE(delivered.size(), 1);
    const OutboxRecord stored = delivered.first().first().value<OutboxRecord>();
    QVERIFY(stored.id > 0);
    QCOMPARE(f.outbox->message(stored.id)->status, OutboxStatus::Delivered);
    QCOMPARE(f.dispatcher->inFlightCount(), 0);
    f.clock.advanceMs(3'600'000);
    f.dispatcher->processDue();
    QCOMPARE(f.sender.sent.size(), 1);
}

void TestOutboxFailure::failuresAreLoggedOncePerMinute()
{
    test::LogCapture log;
    Fixture f;
    QVERIFY(f.open());
    QVERIFY(f.blockWrites(true));
    const auto critical = [&log] { return log.messages(u"gcn.notify"_s, QtCriticalMsg); };

    for (int i = 0; i < 300; ++i)
        f.dispatcher->dispatch(gpioUp(f.clock.now(), i));
    QCOMPARE(critical().size(), 1);
    const QString first = critical().first().text;
    QVERIFY2(first.contains(f.outbox->filePath()), qPrintable(first));
    QVERIFY2(first.contains(f.dir.path()), qPrintable(first));
    QVERIFY2(first.contains(u"readonly"_s), qPrintable(first));
    answerAll(f, DeliveryStatus::Delivered);
    QCOMPARE(f.sender.sent.size(), 300);
    QCOMPARE(critical().size(), 1);

    // Two rounds within the minute add no line; the minute's summary counts the failures.
    f.clock.advanceMs(20'000);
    f.dispatcher->processDue();
    f.clock.advanceMs(20'000);
    f.dispatcher->processDue();
    QCOMPARE(critical().size(), 1);
    f.clock.advanceMs(21'000);
    f.dispatcher->dispatch(gpioUp(f.clock.now(), 300));
    QCOMPARE(critical().size(), 2);
    const QString summary = critical().last().text;
    QVERIFY2(summary.contains(u"still cannot be written"_s), qPrintable(summary));
    // 599 failed writes of the events, their attempts and deliveries after the first, and the retries.
    QVERIFY2(summary.contains(QRegularExpression(u": [0-9]{3,} failed writes in the last 6[01] s"_s)), qPrintable(summary));

    QVERIFY(f.blockWrites(false));
    f.retryOutbox();
    QVERIFY(f.dispatcher->outboxHealthy());
    QCOMPARE(critical().size(), 2);
    QList<test::LogCapture::Message> recovered;
    for (const test::LogCapture::Message& message : log.messages(u"gcn.notify"_s, QtInfoMsg)) {
        if (message.text.contains(u"can be written again"_s))
            recovered.append(message);
    }
    QCOMPARE(recovered.size(), 1);
    QVERIFY2(recovered.first().text.contains(u"stored 301 messages"_s), qPrintable(recovered.first().text));
    QCOMPARE(f.outbox->history({}, 1000).size(), 301);
}

void TestOutboxFailure::backlogBoundDropsTheOldestAndSaysSo()
{
    test::LogCapture log;
    Fixture f;
    DispatcherOptions bounded = options();
    bounded.memoryBacklogMax = 5;
    // No sender: every message stays pending in memory.
    QVERIFY(f.open(bounded, false));
    QVERIFY(f.blockWrites(true));
    for (int i = 0; i < 8; ++i)
        f.dispatcher->dispatch(gpioUp(f.clock.now().addSecs(i), i));
    QCOMPARE(f.dispatcher->memoryBacklogEvents(), 5);
    QCOMPARE(f.dispatcher->droppedEvents(), 3u);
    QList<test::LogCapture::Message> dropping;
    for (const test::LogCapture::Message& message : log.messages(u"gcn.notify"_s, QtCriticalMsg)) {
        if (message.text.contains(u"dropping the oldest"_s))
            dropping.append(message);
    }
    QCOMPARE(dropping.size(), 1);

    QVERIFY(f.blockWrites(false));
    f.retryOutbox();
    QVERIFY(f.dispatcher->outboxHealthy());
    const QList<OutboxRecord> history = f.outbox->history();
    QCOMPARE(history.size(), 5);
    // The newest five events are kept.
    for (const OutboxRecord& record : history)
        QVERIFY2(!record.boardIds.contains(u"AA:BB:CC:DD:EE:00"_s), qPrintable(record.boardIds.join(u' ')));
    QVERIFY(log.text().contains(u"3 events were dropped meanwhile"_s));
}

QTEST_GUILESS_MAIN(TestOutboxFailure)
#include "tst_outboxfailure.moc"
