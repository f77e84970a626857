#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "ParsedMail.h"
#include "SmtpServerFixture.h"
#include "TestCertificates.h"
#include "channels/SmtpSender.h"
#include "common/Clock.h"
#include "notifications/Dispatcher.h"
#include "notifications/NotificationText.h"
#include "storage/Outbox.h"

using namespace gcn;
using namespace gcn::test;
using namespace Qt::StringLiterals;

namespace {

const QString user = u"gcn-user"_s;
const QString password = u"s3cret-Pa55"_s;
const QString alice = u"alice@example.org"_s;
constexpr int timeoutMs = 30'000;

// A sender for another channel that never reports an outcome, like a service that hangs.
class HangingSender final : public Sender
{
public:
    explicit HangingSender(Channel channel)
        : m_channel(channel)
    {
    }
    Channel channel() const override { return m_channel; }
    void send(const OutgoingMessage& message) override { received.append(message); }

    QList<OutgoingMessage> received;

private:
    Channel m_channel;
};

// The outbox, the SMTP sender and the dispatcher of one run of the manager.
struct Pipeline
{
    std::unique_ptr<Outbox> outbox;
    std::unique_ptr<SmtpSender> sender;
    std::unique_ptr<Dispatcher> dispatcher;

    ~Pipeline()
    {
        dispatcher.reset();
        sender.reset();
        outbox.reset();
    }
};

NotificationSettings routeEverythingTo(const QStringList& recipients)
{
    NotificationSettings settings;
    settings.enableEmail = true;
    for (QStringList* list : {&settings.managerStarting, &settings.managerStillConnecting, &settings.managerConnected,
                              &settings.managerDisconnected, &settings.managerExiting, &settings.clientSkewedHeartbeat,
                              &settings.clientMissedHeartbeat, &settings.clientDroppedItems,
                              &settings.clientStatusOnline, &settings.clientStatusOffline, &settings.clientGpioUp,
                              &settings.clientGpioDown, &settings.peerManagerOffline}) {
        *list = recipients;
    }
    return settings;
}

EmailSettings emailSettings(quint16 port)
{
    EmailSettings settings;
    settings.from = u"GCN Manager <gcn@example.org>"_s;
    settings.smtpHost = u"localhost"_s;
    settings.smtpPort = port;
    settings.userName = user;
    settings.password = password;
    settings.startTls = true;
    settings.timeoutSec = 5;
    settings.caFile = TestCertificates::instance().caFile();
    return settings;
}

std::unique_ptr<Pipeline> makePipeline(const QString& stateDir, quint16 port, const NotificationSettings& notify,
                                       const DispatcherOptions& options, Clock& clock)
{
    auto pipeline = std::make_unique<Pipeline>();
    auto outbox = Outbox::open(stateDir);
    if (!outbox) {
        qWarning() << "cannot open the outbox:" << outbox.error().message;
        return nullptr;
    }
    pipeline->outbox = std::move(*outbox);
    auto routing = RoutingTable::fromSettings(notify);
    if (!routing) {
        qWarning() << "invalid routing:" << routing.error().toString();
        return nullptr;
    }
    pipeline->sender = std::make_unique<SmtpSender>(emailSettings(port), clock);
    pipeline->dispatcher = std::make_unique<Dispatcher>(*routing, *pipeline->outbox, options, clock);
    pipeline->dispatcher->setTimeZone(QTimeZone("Europe/Paris"));
    pipeline->dispatcher->setSender(pipeline->sender.get());
    return pipeline;
}

DispatcherOptions immediateOptions()
{
    DispatcherOptions options;
    options.batchWindowSec = 0;
    options.maxPerDayEmail = 0;
    return options;
}

SmtpServerFixture::Options serverOptions()
{
    SmtpServerFixture::Options options;
    options.user = user;
    options.password = password;
    return options;
}

Event eventOf(EventType type, const QDateTime& when, int index = 0)
{
    Event event;
    event.type = type;
    event.occurredAt = when;
    if (isManagerEvent(type)) {
        event.managerId = u"gcn_manager_3fa94c01"_s;
        event.peerManagerId = u"gcn_manager_00ff00ff"_s;
        event.runSeconds = 3700;
        event.detail = type == EventType::ManagerDisconnected ? u"broker closed the connection"_s : QString();
        return event;
    }
    event.boardId = u"AA:BB:CC:DD:EE:%1"_s.arg(index, 2, 10, QChar(u'0'));
    event.boardAlias = u"Garage %1"_s.arg(index);
    event.pin = u"D1"_s;
    event.pinLabel = u"door"_s;
    event.stateWord = type == EventType::GpioUp ? u"open"_s : u"closed"_s;
    event.pinState = type == EventType::GpioUp ? 1 : 0;
    event.boardTimestamp = when.toSecsSinceEpoch();
    event.skewSeconds = 700;
    event.silenceSeconds = 300;
    event.heartbeat = when.toSecsSinceEpoch() - 300;
    event.droppedTotal = 12;
    event.previousDroppedTotal = 10;
    return event;
}

int connectionCount(const SmtpServerFixture& server)
{
    return int(server.transcript().count("--- connection "));
}

} // namespace

class TestEmailDelivery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyNotificationTypeDelivered();
    void transientRepliesDeliveredOnce();
    void permanentReplyNotRetried();
    void serverDownThenUpAcrossRestart();
    void heldEventsSurviveRestart();
    void dailyCapSendsNoticeThenDigest();
    void batchWindowMakesOneMessage();
    void flushBatchesSendsAtOnce();
    void failingChannelDoesNotDelayEmail();
    void messagesToOneRecipientKeepOrder();
    void disabledChannelIsSkipped();
    void reportModeListsEarlierNotifications();
};

void TestEmailDelivery::initTestCase()
{
    qRegisterMetaType<OutboxRecord>();
    qRegisterMetaType<DeliveryOutcome>();
    QVERIFY(QFile::exists(TestCertificates::instance().serverCertFile(u"localhost"_s)));
}

void TestEmailDelivery::everyNotificationTypeDelivered()
{
    SmtpServerFixture server;
    QVERIFY2(server.start(serverOptions()), qPrintable(server.errorString()));
    QTemporaryDir state;
    ManualClock clock;
    auto pipeline = makePipeline(state.path(), server.port(), routeEverythingTo({alice}), immediateOptions(), clock);
    QVERIFY(pipeline);
    QSignalSpy delivered(pipeline->dispatcher.get(), &Dispatcher::messageDelivered);
    pipeline->dispatcher->start();

    const QList<EventType> types {
        EventType::ManagerStarting,      EventType::ManagerStillConnecting, EventType::ManagerConnected,
        EventType::ManagerDisconnected,  EventType::ManagerExiting,         EventType::BoardHeartbeatSkewed,
        EventType::BoardHeartbeatMissed, EventType::BoardDroppedItems,      EventType::BoardStatusOnline,
        EventType::BoardStatusOffline,   EventType::GpioUp,                 EventType::GpioDown,
        EventType::BoardHeartbeatResumed, EventType::BoardSkewRecovered,    EventType::PeerManagerOffline,
    };
    for (qsizetype index = 0; index < types.size(); ++index) {
        pipeline->dispatcher->dispatch(eventOf(types.at(index), clock.now(), int(index)));
        clock.advanceMs(1000);
    }
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), types.size(), timeoutMs);
    QCOMPARE(server.messageCount(), types.size());

    const QList<QByteArray> messages = server.messages();
    for (qsizetype index = 0; index < types.size(); ++index) {
        const EventType type = types.at(index);
        const QString title = NotificationText::eventTypeTitle(type);
        const auto found = std::find_if(messages.begin(), messages.end(), [&title](const QByteArray& raw) {
            return ParsedMail::parse(raw).header("subject").startsWith(u"[GCN] "_s + title + u':');
        });
        QVERIFY2(found != messages.end(), qPrintable(title));
        const ParsedMail mail = ParsedMail::parse(*found);
        QCOMPARE(mail.header("to"), alice);
        QCOMPARE(mail.header("content-type"), u"text/plain; charset=UTF-8"_s);
        QCOMPARE(found->count('\n'), found->count("\r\n"));
        QVERIFY2(mail.body.contains(u"Event: "_s + title), qPrintable(mail.body));
        if (!isManagerEvent(type)) {
            const QString board = u"Garage %1 (AA:BB:CC:DD:EE:%2)"_s.arg(index).arg(index, 2, 10, QChar(u'0'));
            QVERIFY2(mail.header("subject").contains(board), qPrintable(mail.header("subject")));
            QVERIFY2(mail.body.contains(board), qPrintable(mail.body));
        }
        // ManualClock starts at 2023-11-14 22:13:20 UTC, 23:13:20 in Paris.
        QVERIFY2(mail.header("subject").contains(u"2023-11-14 23:"_s), qPrintable(mail.header("subject")));
        QVERIFY2(mail.header("subject").contains(u" +01:00"_s), qPrintable(mail.header("subject")));
    }

    const QList<OutboxRecord> history = pipeline->outbox->history();
    QCOMPARE(history.size(), types.size());
    for (const OutboxRecord& record : history) {
        QCOMPARE(int(record.status), int(OutboxStatus::Delivered));
        QCOMPARE(record.attempts, 1);
    }
}

void TestEmailDelivery::transientRepliesDeliveredOnce()
{
    SmtpServerFixture server;
    SmtpServerFixture::Options options = serverOptions();
    options.replies = {u"421"_s, u"451"_s};
    QVERIFY2(server.start(options), qPrintable(server.errorString()));
    QTemporaryDir state;
    ManualClock clock;
    auto pipeline = makePipeline(state.path(), server.port(), routeEverythingTo({alice}), immediateOptions(), clock);
    QVERIFY(pipeline);
    QSignalSpy delivered(pipeline->dispatcher.get(), &Dispatcher::messageDelivered);
    QSignalSpy failed(pipeline->dispatcher.get(), &Dispatcher::messageFailed);
    pipeline->dispatcher->start();

    pipeline->dispatcher->dispatch(eventOf(EventType::BoardStatusOffline, clock.now()));
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, timeoutMs);
    QCOMPARE(failed.at(0).at(1).toBool(), false);
    const OutboxRecord firstFailure = failed.at(0).at(0).value<OutboxRecord>();
    QVERIFY2(firstFailure.lastError.contains(u"421"_s), qPrintable(firstFailure.lastError));
    QVERIFY(firstFailure.nextAttemptAt > clock.now());
    QVERIFY(firstFailure.nextAttemptAt <= clock.now().addSecs(60));

    // Not due yet: nothing is sent.
    pipeline->dispatcher->processDue();
    QCOMPARE(pipeline->dispatcher->inFlightCount(), 0);

    clock.advanceMs(3600 * 1000);
    pipeline->dispatcher->processDue();
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 2, timeoutMs);
    QVERIFY2(failed.at(1).at(0).value<OutboxRecord>().lastError.contains(u"451"_s),
             qPrintable(failed.at(1).at(0).value<OutboxRecord>().lastError));

    clock.advanceMs(3600 * 1000);
    pipeline->dispatcher->processDue();
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, timeoutMs);
    QCOMPARE(server.messageCount(), 1);
    QCOMPARE(connectionCount(server), 3);
    const OutboxRecord record = *pipeline->outbox->message(firstFailure.id);
    QCOMPARE(int(record.status), int(OutboxStatus::Delivered));
    QCOMPARE(record.attempts, 3);

    clock.advanceMs(3600 * 1000);
    pipeline->dispatcher->processDue();
    QCOMPARE(pipeline->dispatcher->inFlightCount(), 0);
    QCOMPARE(server.messageCount(), 1);
}

void TestEmailDelivery::permanentReplyNotRetried()
{
    SmtpServerFixture server;
    SmtpServerFixture::Options options = serverOptions();
    options.alwaysReply = u"550"_s;
    QVERIFY2(server.start(options), qPrintable(server.errorString()));
    QTemporaryDir state;
    ManualClock clock;
    auto pipeline = makePipeline(state.path(), server.port(), routeEverythingTo({alice}), immediateOptions(), clock);
    QVERIFY(pipeline);
    QSignalSpy failed(pipeline->dispatcher.get(), &Dispatcher::messageFailed);
    pipeline->dispatcher->start();

    pipeline->dispatcher->dispatch(eventOf(EventType::GpioUp, clock.now()));
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, timeoutMs);
    QCOMPARE(failed.at(0).at(1).toBool(), true);
    const OutboxRecord record = failed.at(0).at(0).value<OutboxRecord>();
    QCOMPARE(int(record.status), int(OutboxStatus::Failed));
    QVERIFY2(record.lastError.contains(u"550"_s), qPrintable(record.lastError));

    clock.advanceMs(2 * 86400 * 1000);
    pipeline->dispatcher->processDue();
    QCOMPARE(pipeline->dispatcher->inFlightCount(), 0);
    QCOMPARE(connectionCount(server), 1);
    QCOMPARE(int(pipeline->outbox->message(record.id)->status), int(OutboxStatus::Failed));
    QCOMPARE(pipeline->outbox->message(record.id)->attempts, 1);
}

void TestEmailDelivery::serverDownThenUpAcrossRestart()
{
    SmtpServerFixture server;
    QVERIFY2(server.start(serverOptions()), qPrintable(server.errorString()));
    const quint16 port = server.port();
    server.stop();

    QTemporaryDir state;
    ManualClock clock;
    qint64 messageId = 0;
    {
        auto pipeline = makePipeline(state.path(), port, routeEverythingTo({alice}), immediateOptions(), clock);
        QVERIFY(pipeline);
        QSignalSpy failed(pipeline->dispatcher.get(), &Dispatcher::messageFailed);
        pipeline->dispatcher->start();
        pipeline->dispatcher->dispatch(eventOf(EventType::BoardStatusOffline, clock.now()));
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, timeoutMs);
        const OutboxRecord record = failed.at(0).at(0).value<OutboxRecord>();
        QCOMPARE(failed.at(0).at(1).toBool(), false);
        QVERIFY2(record.lastError.contains(u"refused"_s, Qt::CaseInsensitive), qPrintable(record.lastError));
        messageId = record.id;
    }

    // The manager stopped with the message pending; the server comes back, then the manager.
    SmtpServerFixture::Options options = serverOptions();
    options.port = port;
    QVERIFY2(server.start(options), qPrintable(server.errorString()));
    clock.advanceMs(3600 * 1000);

    auto pipeline = makePipeline(state.path(), port, routeEverythingTo({alice}), immediateOptions(), clock);
    QVERIFY(pipeline);
    QSignalSpy delivered(pipeline->dispatcher.get(), &Dispatcher::messageDelivered);
    QCOMPARE(pipeline->outbox->pendingCount(), 1);
    pipeline->dispatcher->start();
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, timeoutMs);
    QCOMPARE(delivered.at(0).at(0).value<OutboxRecord>().id, messageId);
    QCOMPARE(server.messageCount(), 1);
    const ParsedMail mail = ParsedMail::parse(server.messages().first());
    QVERIFY2(mail.header("subject").contains(u"Board offline"_s), qPrintable(mail.header("subject")));
    QCOMPARE(pipeline->outbox->message(messageId)->attempts, 2);
}

void TestEmailDelivery::heldEventsSurviveRestart()
{
    SmtpServerFixture server;
    QVERIFY2(server.start(serverOptions()), qPrintable(server.errorString()));
    QTemporaryDir state;
    ManualClock clock;
    DispatcherOptions options = immediateOptions();
    options.batchWindowSec = 60;
    {
        auto pipeline = makePipeline(state.path(), server.port(), routeEverythingTo({alice}), options, clock);
        QVERIFY(pipeline);
        pipeline->dispatcher->start();
        pipeline->dispatcher->dispatch(eventOf(EventType::GpioUp, clock.now(), 1));
        pipeline->dispatcher->dispatch(eventOf(EventType::GpioDown, clock.now(), 2));
        QVERIFY(pipeline->outbox->history().isEmpty());
    }

    auto pipeline = makePipeline(state.path(), server.port(), routeEverythingTo({alice}), options, clock);
    QVERIFY(pipeline);
    QSignalSpy delivered(pipeline->dispatcher.get(), &Dispatcher::messageDelivered);
    pipeline->dispatcher->start();
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, timeoutMs);
    QCOMPARE(server.messageCount(), 1);
    const ParsedMail mail = ParsedMail::parse(server.messages().first());
    QVERIFY2(mail.header("subject").contains(u"2 notifications"_s), qPrintable(mail.header("subject")));
    QVERIFY2(mail.body.contains(u"Garage 1"_s), qPrintable(mail.body));
    QVERIFY2(mail.body.contains(u"Garage 2"_s), qPrintable(mail.body));
}

void TestEmailDelivery::dailyCapSendsNoticeThenDigest()
{
    SmtpServerFixture server;
    QVERIFY2(server.start(serverOptions()), qPrintable(server.errorString()));
    QTemporaryDir state;
    ManualClock clock;
    DispatcherOptions options = immediateOptions();
    options.maxPerDayEmail = 2;
    auto pipeline = makePipeline(state.path(), server.port(), routeEverythingTo({alice}), options, clock);
    QVERIFY(pipeline);
    QSignalSpy delivered(pipeline->dispatcher.get(), &Dispatcher::messageDelivered);
    QSignalSpy capReached(pipeline->dispatcher.get(), &Dispatcher::capReached);
    pipeline->dispatcher->start();

    for (int index = 0; index < 5; ++index) {
        pipeline->dispatcher->dispatch(eventOf(EventType::GpioUp, clock.now(), index));
        clock.advanceMs(60 * 1000);
        pipeline->dispatcher->processDue();
    }
    // Two notifications, then one notice that the cap is reached; three events are held.
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 3, timeoutMs);
    QCOMPARE(capReached.size(), 1);
    QCOMPARE(server.messageCount(), 3);
    const ParsedMail notice = ParsedMail::parse(server.messages().at(2));
    QVERIFY2(notice.header("subject").contains(u"Notification limit reached: 2 e-mails per 24 hours"_s),
             qPrintable(notice.header("subject")));
    // The first counted message leaves the 24-hour window 24 h after it was sent: 2023-11-15 23:13:20 in Paris.
    QVERIFY2(notice.body.contains(u"from 2023-11-15 23:13:20 +01:00 on"_s), qPrintable(notice.body));

    // Still within the day: nothing more goes out, and no second notice.
    clock.advanceMs(3600 * 1000);
    pipeline->dispatcher->dispatch(eventOf(EventType::GpioDown, clock.now(), 5));
    pipeline->dispatcher->processDue();
    QCOMPARE(pipeline->dispatcher->inFlightCount(), 0);
    QCOMPARE(capReached.size(), 1);

    clock.advanceMs(23 * 3600 * 1000);
    pipeline->dispatcher->processDue();
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 4, timeoutMs);
    QCOMPARE(server.messageCount(), 4);
    const ParsedMail digest = ParsedMail::parse(server.messages().at(3));
    QVERIFY2(digest.header("subject").contains(u"4 notifications"_s), qPrintable(digest.header("subject")));
    for (int index = 2; index <= 5; ++index)
        QVERIFY2(digest.body.contains(u"Garage %1 "_s.arg(index)), qPrintable(digest.body));
    QVERIFY2(!digest.body.contains(u"Garage 0 "_s), qPrintable(digest.body));
    QCOMPARE(capReached.size(), 1);
}

void TestEmailDelivery::batchWindowMakesOneMessage()
{
    SmtpServerFixture server;
    QVERIFY2(server.start(serverOptions()), qPrintable(server.errorString()));
    QTemporaryDir state;
    ManualClock clock;
    DispatcherOptions options = immediateOptions();
    options.batchWindowSec = 5;
    auto pipeline = makePipeline(state.path(), server.port(), routeEverythingTo({alice}), options, clock);
    QVERIFY(pipeline);
    QSignalSpy queued(pipeline->dispatcher.get(), &Dispatcher::messageQueued);
    QSignalSpy delivered(pipeline->dispatcher.get(), &Dispatcher::messageDelivered);
    pipeline->dispatcher->start();

    // A power cut: twenty boards go offline within four seconds.
    for (int index = 0; index < 20; ++index) {
        pipeline->dispatcher->dispatch(eventOf(EventType::BoardStatusOffline, clock.now(), index));
        clock.advanceMs(200);
        pipeline->dispatcher->processDue();
    }
    QCOMPARE(queued.size(), 0);

    clock.advanceMs(1000);
    pipeline->dispatcher->processDue();
    QCOMPARE(queued.size(), 1);
    QSignalSpy idle(pipeline->dispatcher.get(), &Dispatcher::idle);
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, timeoutMs);
    QCOMPARE(server.messageCount(), 1);
    const ParsedMail mail = ParsedMail::parse(server.messages().first());
    QVERIFY2(mail.header("subject").contains(u"20 notifications: Board offline"_s), qPrintable(mail.header("subject")));
    for (int index = 0; index < 20; ++index)
        QVERIFY2(mail.body.contains(u"Garage %1 "_s.arg(index)), qPrintable(u"Garage %1"_s.arg(index)));
    QTRY_VERIFY_WITH_TIMEOUT(!idle.isEmpty(), timeoutMs);
    QCOMPARE(pipeline->dispatcher->inFlightCount(), 0);
    const OutboxRecord record = delivered.first().at(0).value<OutboxRecord>();
    QCOMPARE(int(record.kind), int(MessageKind::Digest));
    QCOMPARE(record.eventTypes.size(), 20);
    QCOMPARE(record.boardIds.size(), 20);
}

void TestEmailDelivery::flushBatchesSendsAtOnce()
{
    SmtpServerFixture server;
    QVERIFY2(server.start(serverOptions()), qPrintable(server.errorString()));
    QTemporaryDir state;
    ManualClock clock;
    DispatcherOptions options = immediateOptions();
    options.batchWindowSec = 60;
    auto pipeline = makePipeline(state.path(), server.port(), routeEverythingTo({alice}), options, clock);
    QVERIFY(pipeline);
    QSignalSpy delivered(pipeline->dispatcher.get(), &Dispatcher::messageDelivered);
    pipeline->dispatcher->start();

    pipeline->dispatcher->dispatch(eventOf(EventType::ManagerExiting, clock.now()));
    pipeline->dispatcher->processDue();
    QCOMPARE(pipeline->dispatcher->inFlightCount(), 0);
    pipeline->dispatcher->flushBatches();
    QCOMPARE(pipeline->dispatcher->inFlightCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, timeoutMs);
    QVERIFY(ParsedMail::parse(server.messages().first()).header("subject").contains(u"Manager exiting"_s));
}

void TestEmailDelivery::failingChannelDoesNotDelayEmail()
{
    SmtpServerFixture server;
    QVERIFY2(server.start(serverOptions()), qPrintable(server.errorString()));
    QTemporaryDir state;
    ManualClock clock;
    NotificationSettings notify = routeEverythingTo({u"+33600000000"_s, alice});
    notify.enableSms = true;
    auto pipeline = makePipeline(state.path(), server.port(), notify, immediateOptions(), clock);
    QVERIFY(pipeline);
    HangingSender sms(Channel::Sms);
    pipeline->dispatcher->setSender(&sms);
    QSignalSpy delivered(pipeline->dispatcher.get(), &Dispatcher::messageDelivered);
    pipeline->dispatcher->start();

    pipeline->dispatcher->dispatch(eventOf(EventType::BoardStatusOffline, clock.now(), 1));
    QCOMPARE(sms.received.size(), 1);
    QCOMPARE(sms.received.first().recipient, u"+33600000000"_s);
    QVERIFY(NotificationText::fitsShortLimits(sms.received.first().shortText));
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, timeoutMs);
    QCOMPARE(server.messageCount(), 1);

    // A second event: the e-mail goes out although the first SMS still has no outcome. The second SMS
    // waits behind the first one to the same number, so that they arrive in order.
    pipeline->dispatcher->dispatch(eventOf(EventType::BoardStatusOnline, clock.now(), 1));
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 2, timeoutMs);
    QCOMPARE(server.messageCount(), 2);
    QCOMPARE(sms.received.size(), 1);
    QCOMPARE(pipeline->dispatcher->inFlightCount(), 1);
}

void TestEmailDelivery::messagesToOneRecipientKeepOrder()
{
    SmtpServerFixture server;
    QVERIFY2(server.start(serverOptions()), qPrintable(server.errorString()));
    QTemporaryDir state;
    ManualClock clock;
    const QString bob = u"bob@example.org"_s;
    auto pipeline = makePipeline(state.path(), server.port(), routeEverythingTo({alice, bob}), immediateOptions(), clock);
    QVERIFY(pipeline);
    QSignalSpy delivered(pipeline->dispatcher.get(), &Dispatcher::messageDelivered);
    pipeline->dispatcher->start();

    for (int index = 0; index < 6; ++index) {
        pipeline->dispatcher->dispatch(eventOf(index % 2 == 0 ? EventType::GpioUp : EventType::GpioDown, clock.now(), index));
        clock.advanceMs(1000);
    }
    // Both recipients are served at once, each one message at a time.
    QCOMPARE(pipeline->dispatcher->inFlightCount(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 12, timeoutMs);

    QStringList aliceOrder;
    QStringList bobOrder;
    const QList<QJsonObject> envelopes = server.envelopes();
    const QList<QByteArray> messages = server.messages();
    QCOMPARE(envelopes.size(), messages.size());
    for (qsizetype index = 0; index < messages.size(); ++index) {
        const QString subject = ParsedMail::parse(messages.at(index)).header("subject");
        const QString garage = subject.section(u"Garage "_s, 1).section(u' ', 0, 0);
        const QString recipient = envelopes.at(index).value(u"rcpt_tos"_s).toArray().first().toString();
        (recipient == alice ? aliceOrder : bobOrder).append(garage);
    }
    const QStringList expected {u"0"_s, u"1"_s, u"2"_s, u"3"_s, u"4"_s, u"5"_s};
    QCOMPARE(aliceOrder, expected);
    QCOMPARE(bobOrder, expected);
}

void TestEmailDelivery::disabledChannelIsSkipped()
{
    SmtpServerFixture server;
    QVERIFY2(server.start(serverOptions()), qPrintable(server.errorString()));
    QTemporaryDir state;
    ManualClock clock;
    auto pipeline = makePipeline(state.path(), server.port(),
                                 routeEverythingTo({u"+33600000000"_s, u"@gcn_alerts"_s, alice}), immediateOptions(),
                                 clock);
    QVERIFY(pipeline);
    HangingSender sms(Channel::Sms);
    pipeline->dispatcher->setSender(&sms);
    QSignalSpy delivered(pipeline->dispatcher.get(), &Dispatcher::messageDelivered);
    pipeline->dispatcher->start();

    pipeline->dispatcher->dispatch(eventOf(EventType::GpioDown, clock.now(), 1));
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, timeoutMs);
    QVERIFY(sms.received.isEmpty());
    const QList<OutboxRecord> history = pipeline->outbox->history();
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first().recipient, alice);
    QVERIFY(pipeline->outbox->heldKeys().isEmpty());
}

void TestEmailDelivery::reportModeListsEarlierNotifications()
{
    SmtpServerFixture server;
    QVERIFY2(server.start(serverOptions()), qPrintable(server.errorString()));
    QTemporaryDir state;
    ManualClock clock;
    DispatcherOptions options = immediateOptions();
    options.emailReport = true;
    auto pipeline = makePipeline(state.path(), server.port(), routeEverythingTo({alice}), options, clock);
    QVERIFY(pipeline);
    QSignalSpy delivered(pipeline->dispatcher.get(), &Dispatcher::messageDelivered);
    pipeline->dispatcher->start();

    for (int index = 0; index < 3; ++index) {
        pipeline->dispatcher->dispatch(eventOf(EventType::GpioUp, clock.now(), index));
        QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), index + 1, timeoutMs);
        clock.advanceMs(60 * 1000);
    }
    const ParsedMail first = ParsedMail::parse(server.messages().at(0));
    QVERIFY2(!first.body.contains(u"Earlier notifications"_s), qPrintable(first.body));
    const ParsedMail third = ParsedMail::parse(server.messages().at(2));
    const qsizetype newest = third.body.indexOf(u"Garage 2 "_s);
    const qsizetype earlier = third.body.indexOf(u"Earlier notifications, newest first:"_s);
    const qsizetype second = third.body.indexOf(u"Garage 1 "_s, earlier);
    const qsizetype oldest = third.body.indexOf(u"Garage 0 "_s, earlier);
    QVERIFY2(newest >= 0 && earlier > newest && second > earlier && oldest > second, qPrintable(third.body));
}

QTEST_GUILESS_MAIN(TestEmailDelivery)
#include "tst_emaildelivery.moc"
