// Desktop alerts as a notification channel: routing of the word "desktop", delivery through the
// dispatcher and the outbox, the pause of the tray's DesktopSender, and the routes the tray adds.

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "DesktopSender.h"
#include "EventText.h"
#include "TrayBackend.h"
#include "common/Clock.h"
#include "notifications/Dispatcher.h"
#include "storage/Outbox.h"

using namespace gcn;
using namespace Qt::StringLiterals;

namespace {

const QString desktop = u"desktop"_s;
const QString alice = u"alice@example.org"_s;

// A desktop sender that records each message and reports the outcome it is given, at once.
class RecordingDesktopSender final : public Sender
{
public:
    Channel channel() const override { return Channel::Desktop; }
    void send(const OutgoingMessage& message) override
    {
        received.append(message);
        Q_EMIT finished(message.id, outcome);
    }

    QList<OutgoingMessage> received;
    DeliveryOutcome outcome;
};

// A sender of another channel that records messages and never reports.
class SilentSender final : public Sender
{
public:
    explicit SilentSender(Channel channel)
        : m_channel(channel)
    {
    }
    Channel channel() const override { return m_channel; }
    void send(const OutgoingMessage& message) override { received.append(message); }

    QList<OutgoingMessage> received;

private:
    Channel m_channel;
};

Event gpioEvent(EventType type, const QDateTime& when, int index = 1)
{
    Event event;
    event.type = type;
    event.occurredAt = when;
    event.boardId = u"AA:BB:CC:DD:EE:%1"_s.arg(index, 2, 10, QChar(u'0'));
    event.boardAlias = u"Garage"_s;
    event.pin = u"D1"_s;
    event.pinLabel = u"door"_s;
    event.pinState = type == EventType::GpioUp ? 1 : 0;
    event.stateWord = type == EventType::GpioUp ? u"open"_s : u"closed"_s;
    event.boardTimestamp = when.toSecsSinceEpoch();
    return event;
}

struct Pipeline
{
    std::unique_ptr<Outbox> outbox;
    std::unique_ptr<Dispatcher> dispatcher;

    ~Pipeline() { dispatcher.reset(); }
};

std::unique_ptr<Pipeline> makePipeline(const QString& stateDir, const NotificationSettings& notify,
                                       const DispatcherOptions& options, Clock& clock)
{
    auto outbox = Outbox::open(stateDir);
    if (!outbox) {
        qWarning() << "cannot open the outbox:" << outbox.error().message;
        return nullptr;
    }
    auto routing = RoutingTable::fromSettings(notify);
    if (!routing) {
        qWarning() << "invalid routing:" << routing.error().toString();
        return nullptr;
    }
    auto pipeline = std::make_unique<Pipeline>();
    pipeline->outbox = std::move(*outbox);
    pipeline->dispatcher = std::make_unique<Dispatcher>(*routing, *pipeline->outbox, options, clock);
    pipeline->dispatcher->setTimeZone(QTimeZone("Europe/Paris"));
    return pipeline;
}

NotificationSettings desktopRouting(bool desktopEnabled)
{
    NotificationSettings notify;
    notify.enableDesktop = desktopEnabled;
    notify.clientGpioUp = {desktop};
    notify.clientGpioDown = {desktop};
    return notify;
}

} // namespace

class TestDesktopAlerts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deliveredThroughOutbox();
    void batchWindowAppliesToDesktop();
    void desktopHasNoDailyCap();
    void desktopSkippedWhenNotEnabled();
    void pausedAlertDeliveredWithNote();
    void noTrayAlertFails();
    void monitorModeSendsOnlyDesktop();
    void routesFollowAlertTypes();
    void recoveryRouteStaysSeparate();
    void reminderReadsAsReminder_data();
    void reminderReadsAsReminder();
};

void TestDesktopAlerts::deliveredThroughOutbox()
{
    QTemporaryDir state;
    QVERIFY(state.isValid());
    ManualClock clock;
    DispatcherOptions options;
    options.batchWindowSec = 0;
    auto pipeline = makePipeline(state.path(), desktopRouting(true), options, clock);
    QVERIFY(pipeline);
    RecordingDesktopSender sender;
    pipeline->dispatcher->setSender(&sender);
    QSignalSpy delivered(pipeline->dispatcher.get(), &Dispatcher::messageDelivered);
    pipeline->dispatcher->start();

    pipeline->dispatcher->dispatch(gpioEvent(EventType::GpioUp, clock.now()));
    QTRY_COMPARE(delivered.size(), 1);
    QCOMPARE(sender.received.size(), 1);
    const OutgoingMessage& message = sender.received.first();
    QCOMPARE(message.channel, Channel::Desktop);
    QCOMPARE(message.recipient, desktop);
    QVERIFY2(message.subject.contains(u"Garage"_s), qPrintable(message.subject));
    QVERIFY2(message.shortText.contains(u"door"_s), qPrintable(message.shortText));

    const QList<OutboxRecord> history = pipeline->outbox->history();
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first().channel, Channel::Desktop);
    QCOMPARE(history.first().recipient, desktop);
    QCOMPARE(history.first().status, OutboxStatus::Delivered);
    QCOMPARE(history.first().lastError, QString());
    QCOMPARE(history.first().eventTypes, QStringList {eventTypeName(EventType::GpioUp)});
}

void TestDesktopAlerts::batchWindowAppliesToDesktop()
{
    QTemporaryDir state;
    QVERIFY(state.isValid());
    ManualClock clock;
    DispatcherOptions options;
    options.batchWindowSec = 5;
    auto pipeline = makePipeline(state.path(), desktopRouting(true), options, clock);
    QVERIFY(pipeline);
    RecordingDesktopSender sender;
    pipeline->dispatcher->setSender(&sender);
    QSignalSpy delivered(pipeline->dispatcher.get(), &Dispatcher::messageDelivered);
    pipeline->dispatcher->start();

    pipeline->dispatcher->dispatch(gpioEvent(EventType::GpioUp, clock.now()));
    clock.advanceMs(1000);
    pipeline->dispatcher->dispatch(gpioEvent(EventType::GpioDown, clock.now()));
    pipeline->dispatcher->processDue();
    QVERIFY(sender.received.isEmpty());

    clock.advanceMs(4000);
    pipeline->dispatcher->processDue();
    QTRY_COMPARE(delivered.size(), 1);
    QCOMPARE(sender.received.size(), 1);
    const QList<OutboxRecord> history = pipeline->outbox->history();
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first().kind, MessageKind::Digest);
    QCOMPARE(history.first().eventTypes.size(), 2);
}

void TestDesktopAlerts::desktopHasNoDailyCap()
{
    QTemporaryDir state;
    QVERIFY(state.isValid());
    ManualClock clock;
    DispatcherOptions options;
    options.batchWindowSec = 0;
    options.maxPerDayEmail = 2;
    options.maxPerDaySms = 2;
    options.maxPerDayTwitter = 2;
    QCOMPARE(options.maxPerDay(Channel::Desktop), 0);
    auto pipeline = makePipeline(state.path(), desktopRouting(true), options, clock);
    QVERIFY(pipeline);
    RecordingDesktopSender sender;
    pipeline->dispatcher->setSender(&sender);
    QSignalSpy delivered(pipeline->dispatcher.get(), &Dispatcher::messageDelivered);
    QSignalSpy capped(pipeline->dispatcher.get(), &Dispatcher::capReached);
    pipeline->dispatcher->start();

    constexpr int count = 150;
    for (int index = 0; index < count; ++index) {
        pipeline->dispatcher->dispatch(gpioEvent(index % 2 == 0 ? EventType::GpioUp : EventType::GpioDown, clock.now()));
        clock.advanceMs(1000);
        QTRY_COMPARE(delivered.size(), index + 1);
    }
    QCOMPARE(sender.received.size(), count);
    QCOMPARE(capped.size(), 0);
    for (const OutboxRecord& record : pipeline->outbox->history({}, count + 10))
        QCOMPARE(record.kind, MessageKind::Notification);
}

void TestDesktopAlerts::desktopSkippedWhenNotEnabled()
{
    QTemporaryDir state;
    QVERIFY(state.isValid());
    ManualClock clock;
    DispatcherOptions options;
    options.batchWindowSec = 0;
    NotificationSettings notify = desktopRouting(false);
    notify.enableEmail = true;
    notify.clientGpioUp = {alice, desktop};
    auto pipeline = makePipeline(state.path(), notify, options, clock);
    QVERIFY(pipeline);
    SilentSender email(Channel::Email);
    RecordingDesktopSender sender;
    pipeline->dispatcher->setSender(&email);
    pipeline->dispatcher->setSender(&sender);
    pipeline->dispatcher->start();

    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(u"skipping recipient desktop: channel desktop is not enabled"_s));
    pipeline->dispatcher->dispatch(gpioEvent(EventType::GpioUp, clock.now()));
    QTRY_COMPARE(email.received.size(), 1);
    QVERIFY(sender.received.isEmpty());
    const QList<OutboxRecord> history = pipeline->outbox->history();
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first().channel, Channel::Email);
    QVERIFY(pipeline->outbox->heldKeys().isEmpty());
}

void TestDesktopAlerts::pausedAlertDeliveredWithNote()
{
    QTemporaryDir state;
    QVERIFY(state.isValid());
    ManualClock clock;
    DispatcherOptions options;
    options.batchWindowSec = 0;
    auto pipeline = makePipeline(state.path(), desktopRouting(true), options, clock);
    QVERIFY(pipeline);
    DesktopSender sender(nullptr);
    sender.setPaused(true);
    pipeline->dispatcher->setSender(&sender);
    QSignalSpy delivered(pipeline->dispatcher.get(), &Dispatcher::messageDelivered);
    QSignalSpy failed(pipeline->dispatcher.get(), &Dispatcher::messageFailed);
    pipeline->dispatcher->start();

    pipeline->dispatcher->dispatch(gpioEvent(EventType::GpioUp, clock.now()));
    QTRY_COMPARE(delivered.size(), 1);
    QCOMPARE(failed.size(), 0);
    const QList<OutboxRecord> history = pipeline->outbox->history();
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first().status, OutboxStatus::Delivered);
    QCOMPARE(history.first().lastError, u"not shown: desktop alerts are paused"_s);
    // Nothing waits in the outbox, so ending the pause shows no old alert.
    QCOMPARE(pipeline->outbox->pendingCount(), 0);
    QVERIFY(pipeline->outbox->heldKeys().isEmpty());
}

void TestDesktopAlerts::noTrayAlertFails()
{
    QTemporaryDir state;
    QVERIFY(state.isValid());
    ManualClock clock;
    DispatcherOptions options;
    options.batchWindowSec = 0;
    auto pipeline = makePipeline(state.path(), desktopRouting(true), options, clock);
    QVERIFY(pipeline);
    DesktopSender sender(nullptr);
    pipeline->dispatcher->setSender(&sender);
    QSignalSpy failed(pipeline->dispatcher.get(), &Dispatcher::messageFailed);
    pipeline->dispatcher->start();

    pipeline->dispatcher->dispatch(gpioEvent(EventType::GpioDown, clock.now()));
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(1).toBool(), true);
    const QList<OutboxRecord> history = pipeline->outbox->history();
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first().status, OutboxStatus::Failed);
    QCOMPARE(history.first().lastError, u"no system tray to show the alert"_s);
}

void TestDesktopAlerts::monitorModeSendsOnlyDesktop()
{
    Settings settings;
    settings.notify.enableEmail = true;
    settings.notify.enableSms = true;
    settings.notify.enableTwitter = true;
    const Settings monitor = TrayBackend::settingsForMode(settings, TrayMode::Monitor);
    QVERIFY(!monitor.notify.enableEmail);
    QVERIFY(!monitor.notify.enableSms);
    QVERIFY(!monitor.notify.enableTwitter);
    const Settings full = TrayBackend::settingsForMode(settings, TrayMode::Full);
    QVERIFY(full.notify.enableEmail);

    NotificationSettings notify = monitor.notify;
    notify.enableDesktop = true;
    notify.clientGpioUp = {alice, u"+33600000000"_s, u"@gcn_alerts"_s};
    TrayBackend::routeDesktopAlerts(notify, {EventType::GpioUp});
    const auto routing = RoutingTable::fromSettings(notify);
    QVERIFY(routing.has_value());
    QCOMPARE(routing->recipients(EventType::GpioUp).size(), 4);
    for (const Recipient& recipient : routing->recipients(EventType::GpioUp))
        QCOMPARE(routing->isChannelEnabled(recipient.channel), recipient.channel == Channel::Desktop);
}

void TestDesktopAlerts::routesFollowAlertTypes()
{
    NotificationSettings notify;
    notify.clientGpioUp = {alice};
    TrayBackend::routeDesktopAlerts(notify, {EventType::GpioUp, EventType::BoardStatusOffline});
    QCOMPARE(notify.clientGpioUp, (QStringList {alice, desktop}));
    QCOMPARE(notify.clientStatusOffline, QStringList {desktop});
    QVERIFY(notify.clientGpioDown.isEmpty());
    QVERIFY(notify.managerStarting.isEmpty());

    const auto routing = RoutingTable::fromSettings(notify);
    QVERIFY(routing.has_value());
    QCOMPARE(routing->recipients(EventType::GpioUp).last(), (Recipient {Channel::Desktop, desktop}));
    QVERIFY(routing->recipients(EventType::GpioDown).isEmpty());
}

void TestDesktopAlerts::recoveryRouteStaysSeparate()
{
    NotificationSettings notify;
    notify.clientMissedHeartbeat = {alice};
    notify.clientSkewedHeartbeat = {alice};
    TrayBackend::routeDesktopAlerts(notify, {EventType::BoardHeartbeatMissed, EventType::BoardSkewRecovered});

    const auto routing = RoutingTable::fromSettings(notify);
    QVERIFY(routing.has_value());
    // The missed heartbeat pops up; its recovery keeps the e-mail route it followed, without the desktop.
    QCOMPARE(routing->recipients(EventType::BoardHeartbeatMissed).size(), 2);
    QCOMPARE(routing->recipients(EventType::BoardHeartbeatResumed),
             (QList<Recipient> {Recipient {Channel::Email, alice}}));
    // The skew recovery pops up, the skew itself does not.
    QCOMPARE(routing->recipients(EventType::BoardHeartbeatSkewed),
             (QList<Recipient> {Recipient {Channel::Email, alice}}));
    QCOMPARE(routing->recipients(EventType::BoardSkewRecovered).size(), 2);
}

void TestDesktopAlerts::reminderReadsAsReminder_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("firstTitle");
    QTest::addColumn<QString>("bodyStart");

    QTest::newRow("offline") << int(EventType::BoardStatusOffline) << u"Garage: still offline"_s
                             << u"Garage: offline"_s << u"Reminder: Garage (AA:BB:CC:DD:EE:FF) is still offline, since "_s;
    QTest::newRow("silent") << int(EventType::BoardHeartbeatMissed) << u"Garage: still silent"_s
                            << u"Garage: heartbeat missed"_s
                            << u"Reminder: Garage (AA:BB:CC:DD:EE:FF) has sent no heartbeat since "_s;
    QTest::newRow("skewed") << int(EventType::BoardHeartbeatSkewed) << u"Garage: clock still skewed"_s
                            << u"Garage: clock skewed"_s
                            << u"Reminder: the clock of Garage (AA:BB:CC:DD:EE:FF) is still 11 min 40 s off the "
                               "manager's clock, for 2 h 10 min."_s;
}

void TestDesktopAlerts::reminderReadsAsReminder()
{
    QFETCH(int, type);
    QFETCH(QString, title);
    QFETCH(QString, firstTitle);
    QFETCH(QString, bodyStart);

    Event event;
    event.type = EventType(type);
    event.boardId = u"AA:BB:CC:DD:EE:FF"_s;
    event.boardAlias = u"Garage"_s;
    event.occurredAt = QDateTime(QDate(2026, 12, 4), QTime(16, 15, 0), Qt::UTC);
    event.problemSince = event.occurredAt.addSecs(-(2 * 3600 + 600));
    event.skewSeconds = -700;
    event.silenceSeconds = 2 * 3600 + 600;
    event.reminder = true;

    QCOMPARE(EventText::title(event), title);
    const QString body = EventText::body(event);
    QVERIFY2(body.startsWith(bodyStart), qPrintable(body));
    QVERIFY2(body.contains(u"2 h 10 min"_s), qPrintable(body));

    event.reminder = false;
    QCOMPARE(EventText::title(event), firstTitle);
    QVERIFY2(!EventText::body(event).contains(u"Reminder"_s), qPrintable(EventText::body(event)));
}

QTEST_GUILESS_MAIN(TestDesktopAlerts)
#include "tst_gui_desktopalerts.moc"
