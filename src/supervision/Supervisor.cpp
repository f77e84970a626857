#include "supervision/Supervisor.h"

#include <algorithm>
#include <limits>
#include <variant>

#include "common/Clock.h"
#include "protocol/MessageParser.h"
#include "protocol/Topics.h"
#include "storage/BoardStore.h"

Q_LOGGING_CATEGORY(lcSupervision, "gcn.supervision")

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

template <typename... Callables>
struct Overloaded : Callables...
{
    using Callables::operator()...;
};

// A board time on the manager clock, corrected by the skew last measured from a live heartbeat.
QDateTime managerTimeOf(const BoardRecord& record, quint32 boardSeconds)
{
    return QDateTime::fromSecsSinceEpoch(qint64(boardSeconds) - record.skewSeconds, Qt::UTC);
}

// Maximum values in each pool of Supervisor::sharedName() and sharedPinList(). Once a pool is full, new
// names are stored only in their board's record, so a board that sends random names cannot grow it.
constexpr qsizetype maxSharedValues = 1024;

template <typename T>
T shareValue(QSet<T>& pool, const T& value)
{
    if (const auto found = pool.constFind(value); found != pool.cend())
        return *found;
    if (pool.size() < maxSharedValues)
        pool.insert(value);
    return value;
}

// Deadlines that only make sense while the broker delivers the boards' messages.
const QList<DeadlineKind> brokerDependentKinds {
    DeadlineKind::Watchdog,        DeadlineKind::OfflineGrace,    DeadlineKind::RetainedWindow,
    DeadlineKind::OfflineReminder, DeadlineKind::SilenceReminder, DeadlineKind::SkewReminder,
};

qint64 toEventCounter(quint64 value)
{
    return value > quint64(std::numeric_limits<qint64>::max()) ? std::numeric_limits<qint64>::max() : qint64(value);
}

} // namespace

Supervisor::Supervisor(const SupervisionSettings& settings, Naming naming, Clock& clock, BoardStore* store,
                       QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_naming(std::move(naming))
    , m_clock(clock)
    , m_store(store)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Supervisor::processDeadlines);

    // Nothing counts as silent or offline before the first connection to the broker.
    m_deadlines.suspend(brokerDependentKinds);
    m_connectedAtMs = m_clock.monotonicMs();
    m_connectedAt = m_clock.now();

    if (!m_store)
        return;
    const QList<BoardRecord> stored = m_store->boards();
    for (const BoardRecord& record : stored) {
        m_boards.insert_or_assign(record.id, record);
        // A change held back by the debounce interval when the manager stopped is announced now.
        for (auto it = record.pins.cbegin(); it != record.pins.cend(); ++it) {
            if (it.value().state != it.value().announcedState)
                m_deadlines.schedule({DeadlineKind::Debounce, record.id, it.key()}, m_connectedAtMs);
        }
    }
    qCInfo(lcSupervision).noquote() << u"loaded %1 board record(s) from %2"_s.arg(stored.size()).arg(m_store->filePath());
    rearmTimer();
}

Supervisor::~Supervisor() = default;

void Supervisor::setManagerId(const QString& managerId)
{
    m_managerId = managerId;
}

QString Supervisor::managerId() const
{
    return m_managerId;
}

int Supervisor::retainedWindowMs() const
{
    return m_retainedWindowMs;
}

void Supervisor::setRetainedWindowMs(int windowMs)
{
    m_retainedWindowMs = qMax(0, windowMs);
}

QList<BoardRecord> Supervisor::boards() const
{
    QList<BoardRecord> records;
    records.reserve(qsizetype(m_boards.size()));
    for (const auto& [id, record] : m_boards)
        records.append(record);
    return records;
}

Supervisor::BoardCounts Supervisor::boardCounts() const
{
    BoardCounts counts;
    for (const auto& [id, record] : m_boards) {
        switch (record.status) {
        case BoardStatus::Online:
            ++counts.online;
            break;
        case BoardStatus::Offline:
            ++counts.offline;
            break;
        case BoardStatus::Unknown:
            ++counts.unknown;
            break;
        }
        if (record.silent)
            ++counts.silent;
    }
    return counts;
}

std::optional<BoardRecord> Supervisor::board(const QString& boardId) const
{
    const auto found = m_boards.find(boardId);
    if (found == m_boards.end())
        return std::nullopt;
    return found->second;
}

bool Supervisor::isBrokerConnected() const
{
    return m_brokerConnected;
}

quint64 Supervisor::receivedMessageCount() const
{
    return m_receivedCount;
}

quint64 Supervisor::invalidMessageCount() const
{
    return m_invalidCount;
}

std::optional<qint64> Supervisor::nextDeadlineMs() const
{
    return m_deadlines.next();
}

QString Supervisor::sharedName(const QString& name)
{
    return shareValue(m_sharedNames, name);
}

QStringList Supervisor::sharedPinList(const QStringList& pins)
{
    return shareValue(m_sharedPinLists, pins);
}

qint64 Supervisor::watchdogPeriodMs() const
{
    return qint64(m_settings.heartbeatWatchdogSec) * 1000;
}

qint64 Supervisor::gracePeriodMs() const
{
    return qint64(m_settings.offlineGraceSec) * 1000;
}

qint64 Supervisor::repeatIntervalMs() const
{
    return qint64(m_settings.repeatIntervalSec) * 1000;
}

// ---- Inputs ----

void Supervisor::handleMqttMessage(const QString& topic, const QByteArray& payload, int qos, bool retained)
{
    Q_UNUSED(qos)
    handleMessage(topic, payload, retained);
}

void Supervisor::handleMessage(const QString& topic, const QByteArray& payload, bool retained)
{
    ++m_receivedCount;
    if (retained && m_retainedWindowOpen)
        extendRetainedWindow();
    const std::expected<GcnMessage, ParseError> parsed = parseMessage(topic, payload);
    if (!parsed) {
        ++m_invalidCount;
        const ParseError& error = parsed.error();
        qCWarning(lcSupervision).noquote() << error.toString() + (retained ? u" (retained)"_s : QString());
        Q_EMIT invalidMessage(error.topic, error.message);
        return;
    }
    dispatch(*parsed, retained);
    rearmTimer();
}

void Supervisor::dispatch(const GcnMessage& message, bool retained)
{
    std::visit(Overloaded {
                   [&](const BoardStatusMessage& m) { onStatus(m, retained); },
                   [&](const HeartbeatMessage& m) { onHeartbeat(m, retained); },
                   [&](const GpioSampleMessage& m) { onGpioSample(m, retained, m_clock.now()); },
                   [&](const DroppedCounterMessage& m) { onDroppedCounter(m, retained); },
                   [&](const MonitoredPinsMessage& m) { onMonitoredPins(m, retained); },
                   [&](const HardwareMessage& m) { onHardware(m, retained); },
                   [&](const MetricMessage& m) { onMetric(m, retained); },
                   [&](const RetainedClearedMessage& m) { onRetainedCleared(m); },
                   [&](const UnknownCategoryMessage& m) {
                       qCDebug(lcSupervision).noquote()
                           << u"ignoring unknown category %1 of board %2"_s.arg(printableText(m.path), m.boardId);
                   },
                   [&](const BoardCommandMessage& m) {
                       qCDebug(lcSupervision).noquote()
                           << u"ignoring command %1 sent to board %2"_s.arg(printableText(m.command), m.boardId);
                   },
                   [&](const ManagerStatusMessage& m) { onManagerStatus(m, retained); },
               },
               message);
}

void Supervisor::setBrokerConnected(bool connected)
{
    if (connected == m_brokerConnected)
        return;
    m_brokerConnected = connected;
    const qint64 nowMs = m_clock.monotonicMs();

    if (!connected) {
        closeRetainedWindow();
        m_deadlines.suspend(brokerDependentKinds);
        qCInfo(lcSupervision)
            << "broker disconnected: heartbeat watchdogs, offline grace periods and reminders suspended";
        rearmTimer();
        return;
    }

    ++m_connectionCount;
    m_connectedAtMs = nowMs;
    m_connectedAt = m_clock.now();
    int watchdogs = 0;
    // Suspended reminders are dropped here and armed again below. After a start-up they keep the stored
    // schedule, once the retained messages had time to arrive. After an outage the next one comes a full
    // interval later.
    const qint64 reminderEarliestMs = m_connectionCount <= 1 ? nowMs + m_retainedWindowMs : nowMs + repeatIntervalMs();
    const QList<DeadlineKey> suspended = m_deadlines.resume();
    for (const DeadlineKey& key : suspended) {
        if (key.kind == DeadlineKind::Watchdog) {
            m_deadlines.schedule(key, nowMs + watchdogPeriodMs() + gracePeriodMs());
            ++watchdogs;
        } else if (key.kind == DeadlineKind::OfflineGrace) {
            m_deadlines.schedule(key, nowMs + gracePeriodMs());
        }
    }
    for (auto& [id, record] : m_boards) {
        const bool watched = record.heartbeat && !record.silent && record.status != BoardStatus::Offline;
        if (watched && !m_deadlines.contains({DeadlineKind::Watchdog, id, {}})) {
            armWatchdog(record, nowMs + watchdogPeriodMs() + gracePeriodMs());
            ++watchdogs;
        }
        const bool offlinePending = record.status == BoardStatus::Offline
                                    && record.announcedStatus == BoardStatus::Online;
        if (offlinePending && !m_deadlines.contains({DeadlineKind::OfflineGrace, id, {}}))
            m_deadlines.schedule({DeadlineKind::OfflineGrace, id, {}}, nowMs + gracePeriodMs());
        updateReminders(record, reminderEarliestMs);
    }
    for (auto& [id, runtime] : m_runtime) {
        runtime.pinListConfirmed = false;
        runtime.unmonitoredWarned.clear();
        runtime.clearRequested.clear();
    }
    m_retainedWindowOpen = true;
    m_retainedWindowEndMs = nowMs + m_retainedWindowMs;
    m_deadlines.schedule({DeadlineKind::RetainedWindow, {}, {}}, m_retainedWindowEndMs);
    qCInfo(lcSupervision).noquote() << u"broker connected (connection %1): %2 heartbeat watchdog(s) armed for a full "
                                       "period"_s.arg(m_connectionCount).arg(watchdogs);
    rearmTimer();
}

void Supervisor::processDeadlines()
{
    const qint64 nowMs = m_clock.monotonicMs();
    while (const std::optional<DeadlineKey> key = m_deadlines.takeDue(nowMs)) {
        switch (key->kind) {
        case DeadlineKind::RetainedWindow:
            closeRetainedWindow();
            break;
        case DeadlineKind::Watchdog:
            onWatchdogExpired(key->boardId);
            break;
        case DeadlineKind::OfflineGrace:
            onGraceExpired(key->boardId);
            break;
        case DeadlineKind::Debounce:
            onDebounceExpired(key->boardId, key->pin);
            break;
        case DeadlineKind::OfflineReminder:
        case DeadlineKind::SilenceReminder:
        case DeadlineKind::SkewReminder:
            onReminderDue(key->boardId, key->kind);
            break;
        }
    }
    rearmTimer();
}

void Supervisor::rearmTimer()
{
    const std::optional<qint64> next = m_deadlines.next();
    if (!next) {
        m_timer.stop();
        return;
    }
    if (m_timer.isActive() && m_timerDueMs == *next)
        return;
    m_timerDueMs = *next;
    const qint64 delayMs = std::clamp<qint64>(*next - m_clock.monotonicMs(), 0, std::numeric_limits<int>::max());
    m_timer.start(int(delayMs));
}

// ---- Records and events ----

BoardRecord& Supervisor::boardFor(const QString& boardId)
{
    const auto found = m_boards.find(boardId);
    if (found != m_boards.end())
        return found->second;

    for (const auto& [knownId, known] : m_boards) {
        if (knownId.compare(boardId, Qt::CaseInsensitive) == 0) {
            qCWarning(lcSupervision).noquote()
                << u"board id %1 differs from the known board id %2 only by letter case; ids are compared exactly, "
                   "so they are two boards"_s.arg(boardId, knownId);
        }
    }
    BoardRecord record;
    record.id = boardId;
    record.firstSeenAt = m_clock.now();
    qCInfo(lcSupervision).noquote() << u"new board %1"_s.arg(boardId);
    return m_boards.insert_or_assign(boardId, record).first->second;
}

Supervisor::BoardRuntime& Supervisor::runtimeFor(const QString& boardId)
{
    return m_runtime[boardId];
}

void Supervisor::touch(BoardRecord& record, bool retained)
{
    if (!retained)
        record.lastSeenAt = m_clock.now();
}

void Supervisor::saveBoard(const BoardRecord& record)
{
    if (m_store)
        m_store->saveBoard(record);
    Q_EMIT boardChanged(record.id);
}

Event Supervisor::boardEvent(EventType type, const BoardRecord& record) const
{
    Event event;
    event.type = type;
    event.occurredAt = m_clock.now();
    event.boardId = record.id;
    event.boardAlias = m_naming.boardAlias(record.id);
    event.managerId = m_managerId;
    event.heartbeat = record.heartbeat.value_or(0);
    return event;
}

void Supervisor::emitEvent(const Event& event)
{
    QString line = u"event %1 for %2"_s.arg(eventTypeName(event.type),
                                            event.boardId.isEmpty() ? event.peerManagerId : event.boardId);
    if (!event.pin.isEmpty())
        line += u" pin %1"_s.arg(event.pin);
    if (event.reminder)
        line += u", reminder of a problem since %1"_s.arg(event.problemSince.toString(Qt::ISODate));
    if (event.learntLate)
        line += u", learnt late, occurred at %1"_s.arg(event.occurredAt.toString(Qt::ISODate));
    qCInfo(lcSupervision).noquote() << line;
    Q_EMIT eventOccurred(event);
}

// ---- Status ----

void Supervisor::onStatus(const BoardStatusMessage& message, bool retained)
{
    BoardRecord& record = boardFor(message.boardId);
    touch(record, retained);
    const BoardStatus status = message.status == BoardStatusValue::Online ? BoardStatus::Online : BoardStatus::Offline;
    QDateTime offlineSince;

    if (record.status == status) {
        qCDebug(lcSupervision).noquote() << u"board %1 status %2 unchanged"_s.arg(record.id, boardStatusName(status));
    } else {
        if (record.status == BoardStatus::Offline)
            offlineSince = record.statusReceivedAt;
        qCInfo(lcSupervision).noquote() << u"board %1 status %2 (was %3)%4"_s.arg(
            record.id, boardStatusName(status), boardStatusName(record.status),
            retained ? u" from a retained message"_s : QString());
        record.status = status;
        record.statusReceivedAt = m_clock.now();

        const DeadlineKey watchdogKey {DeadlineKind::Watchdog, record.id, {}};
        if (status == BoardStatus::Offline) {
            m_deadlines.cancel(watchdogKey);
        } else if ((record.heartbeat || !retained) && !record.silent && !m_deadlines.contains(watchdogKey)) {
            // A board that comes online live must send heartbeats, even if it never sent one before.
            armWatchdog(record, m_clock.monotonicMs() + watchdogPeriodMs() + gracePeriodMs());
        }
    }
    reconcileStatus(record, retained, offlineSince);
    updateReminders(record, m_clock.monotonicMs() + repeatIntervalMs());
    saveBoard(record);
}

void Supervisor::reconcileStatus(BoardRecord& record, bool retained, const QDateTime& offlineSince)
{
    const DeadlineKey graceKey {DeadlineKind::OfflineGrace, record.id, {}};
    if (record.status == record.announcedStatus) {
        if (m_deadlines.contains(graceKey)) {
            m_deadlines.cancel(graceKey);
            qCInfo(lcSupervision).noquote()
                << u"board %1 came back online within the grace period; nothing announced"_s.arg(record.id);
        }
        return;
    }
    if (record.announcedStatus == BoardStatus::Unknown && retained) {
        record.announcedStatus = record.status;
        qCInfo(lcSupervision).noquote() << u"board %1 first seen %2 through a retained message; not announced"_s.arg(
            record.id, boardStatusName(record.status));
        return;
    }

    if (record.status == BoardStatus::Online) {
        m_deadlines.cancel(graceKey);
        Event event = boardEvent(EventType::BoardStatusOnline, record);
        event.learntLate = retained;
        if (record.announcedStatus == BoardStatus::Offline && offlineSince.isValid())
            event.offlineSeconds = qMax<qint64>(0, offlineSince.secsTo(m_clock.now()));
        record.announcedStatus = BoardStatus::Online;
        emitEvent(event);
        return;
    }

    if (gracePeriodMs() == 0) {
        announceOffline(record, retained);
        return;
    }
    if (!m_deadlines.contains(graceKey)) {
        runtimeFor(record.id).offlineFromRetained = retained;
        m_deadlines.schedule(graceKey, m_clock.monotonicMs() + gracePeriodMs());
        qCInfo(lcSupervision).noquote() << u"board %1 offline; announced unless it is back within %2 s"_s.arg(
            record.id).arg(m_settings.offlineGraceSec);
    }
}

void Supervisor::announceOffline(BoardRecord& record, bool learntLate)
{
    Event event = boardEvent(EventType::BoardStatusOffline, record);
    event.learntLate = learntLate;
    if (record.statusReceivedAt.isValid())
        event.occurredAt = record.statusReceivedAt;
    record.announcedStatus = BoardStatus::Offline;
    emitEvent(event);
}

void Supervisor::onGraceExpired(const QString& boardId)
{
    const auto found = m_boards.find(boardId);
    if (found == m_boards.end())
        return;
    BoardRecord& record = found->second;
    if (record.status != BoardStatus::Offline || record.announcedStatus == BoardStatus::Offline)
        return;
    announceOffline(record, runtimeFor(boardId).offlineFromRetained);
    updateReminders(record, m_clock.monotonicMs() + repeatIntervalMs());
    saveBoard(record);
}

// ---- Heartbeats ----

void Supervisor::onHeartbeat(const HeartbeatMessage& message, bool retained)
{
    BoardRecord& record = boardFor(message.boardId);
    touch(record, retained);
    if (retained) {
        onRetainedHeartbeat(record, message.boardTime);
    } else if (record.heartbeat == message.boardTime && !record.heartbeatRetained) {
        qCDebug(lcSupervision).noquote()
            << u"board %1 heartbeat %2 received again; ignored"_s.arg(record.id).arg(message.boardTime);
    } else {
        onLiveHeartbeat(record, message.boardTime);
    }
    updateReminders(record, m_clock.monotonicMs() + repeatIntervalMs());
    saveBoard(record);
}

void Supervisor::onLiveHeartbeat(BoardRecord& record, quint32 boardTime)
{
    const QDateTime now = m_clock.now();
    const qint64 nowMs = m_clock.monotonicMs();

    // How long the board was silent: from the previous heartbeat as precisely as it is known.
    qint64 silenceSeconds = 0;
    if (record.heartbeatReceivedMs >= 0 && !record.heartbeatRetained)
        silenceSeconds = (nowMs - record.heartbeatReceivedMs) / 1000;
    else if (record.heartbeatRetained && record.heartbeat)
        silenceSeconds = managerTimeOf(record, *record.heartbeat).secsTo(now);
    else if (record.heartbeatReceivedAt.isValid())
        silenceSeconds = record.heartbeatReceivedAt.secsTo(now);

    record.heartbeat = boardTime;
    record.heartbeatReceivedAt = now;
    record.heartbeatRetained = false;
    record.heartbeatReceivedMs = nowMs;

    if (record.silent) {
        Event event = boardEvent(EventType::BoardHeartbeatResumed, record);
        event.silenceSeconds = qMax<qint64>(0, silenceSeconds);
        record.silent = false;
        record.silentSince = {};
        emitEvent(event);
    }
    armWatchdog(record, nowMs + watchdogPeriodMs() + gracePeriodMs());
    checkSkew(record, boardTime);
}

void Supervisor::onRetainedHeartbeat(BoardRecord& record, quint32 boardTime)
{
    if (record.heartbeat && boardTime < *record.heartbeat) {
        qCDebug(lcSupervision).noquote() << u"board %1 retained heartbeat %2 is older than the known %3; ignored"_s.arg(
            record.id).arg(boardTime).arg(*record.heartbeat);
        return;
    }
    const QDateTime now = m_clock.now();
    const bool alreadyKnown = record.heartbeat == boardTime;

    // Age of the heartbeat, measured from its receipt when this manager received it live before, else
    // from the board clock, the only time a retained message carries, corrected by the known skew.
    qint64 ageSeconds = managerTimeOf(record, boardTime).secsTo(now);
    if (alreadyKnown && !record.heartbeatRetained && record.heartbeatReceivedAt.isValid())
        ageSeconds = record.heartbeatReceivedAt.secsTo(now);
    ageSeconds = qMax<qint64>(0, ageSeconds);

    const std::optional<quint32> previous = record.heartbeat;
    if (!alreadyKnown) {
        record.heartbeat = boardTime;
        record.heartbeatReceivedAt = now;
        record.heartbeatRetained = true;
        record.heartbeatReceivedMs = -1;
    }

    const qint64 watchdogSec = m_settings.heartbeatWatchdogSec;
    if (record.silent) {
        if (alreadyKnown || ageSeconds >= watchdogSec) {
            qCInfo(lcSupervision).noquote() << u"board %1 still silent: its retained heartbeat is %2 s old"_s.arg(
                record.id).arg(ageSeconds);
            return;
        }
        Event event = boardEvent(EventType::BoardHeartbeatResumed, record);
        event.learntLate = true;
        event.occurredAt = std::min(managerTimeOf(record, boardTime), now);
        event.silenceSeconds = previous ? qMax<qint64>(0, qint64(boardTime) - qint64(*previous)) : 0;
        record.silent = false;
        record.silentSince = {};
        emitEvent(event);
    }
    if (record.status == BoardStatus::Offline) {
        qCDebug(lcSupervision).noquote() << u"board %1 is offline; no heartbeat watchdog"_s.arg(record.id);
        return;
    }

    // A heartbeat older than the watchdog period makes the board silent at the end of the retained
    // window, unless a retained offline status arrives meanwhile and cancels the watchdog. After an
    // outage of the broker itself, boards get a full period to reconnect.
    const qint64 nowMs = m_clock.monotonicMs();
    const qint64 earliestMs = m_connectionCount <= 1 ? std::max(m_connectedAtMs + m_retainedWindowMs, m_retainedWindowEndMs)
                                                     : m_connectedAtMs + watchdogPeriodMs() + gracePeriodMs();
    const qint64 deadlineMs = std::max(nowMs + (watchdogSec - ageSeconds) * 1000 + gracePeriodMs(), earliestMs);
    armWatchdog(record, deadlineMs);
    qCDebug(lcSupervision).noquote() << u"board %1 retained heartbeat is %2 s old; watchdog due in %3 ms"_s.arg(
        record.id).arg(ageSeconds).arg(deadlineMs - nowMs);
}

void Supervisor::armWatchdog(BoardRecord& record, qint64 deadlineMs)
{
    m_deadlines.schedule({DeadlineKind::Watchdog, record.id, {}}, deadlineMs);
}

void Supervisor::onWatchdogExpired(const QString& boardId)
{
    const auto found = m_boards.find(boardId);
    if (found == m_boards.end())
        return;
    BoardRecord& record = found->second;
    if (record.silent || record.status == BoardStatus::Offline)
        return;
    if (!record.heartbeat && record.status != BoardStatus::Online)
        return;
    // The board's retained offline status may still be on its way, so the decision waits for the end of the
    // retained window.
    if (m_retainedWindowOpen && record.heartbeatRetained && m_retainedWindowEndMs > m_clock.monotonicMs()) {
        armWatchdog(record, m_retainedWindowEndMs);
        return;
    }

    const QDateTime now = m_clock.now();
    const qint64 watchdogSec = m_settings.heartbeatWatchdogSec;
    QDateTime lastHeartbeatAt = lastHeartbeatTime(record, now);
    if (!lastHeartbeatAt.isValid())
        lastHeartbeatAt = now.addSecs(-watchdogSec);

    record.silent = true;
    record.silentSince = std::min(lastHeartbeatAt.addSecs(watchdogSec), now);
    Event event = boardEvent(EventType::BoardHeartbeatMissed, record);
    event.occurredAt = record.silentSince;
    event.learntLate = record.silentSince < m_connectedAt;
    event.silenceSeconds = qMax<qint64>(0, lastHeartbeatAt.secsTo(now));
    emitEvent(event);
    updateReminders(record, m_clock.monotonicMs() + repeatIntervalMs());
    saveBoard(record);
}

QDateTime Supervisor::lastHeartbeatTime(const BoardRecord& record, const QDateTime& now) const
{
    // Without any heartbeat, the silence counts from the time the board came online.
    if (!record.heartbeat)
        return record.statusReceivedAt;
    if (record.heartbeatRetained)
        return std::min(managerTimeOf(record, *record.heartbeat), now);
    return record.heartbeatReceivedAt;
}

void Supervisor::checkSkew(BoardRecord& record, quint32 boardTime)
{
    const qint64 skew = qint64(boardTime) - m_clock.now().toSecsSinceEpoch();
    const bool beyond = qAbs(skew) >= qint64(m_settings.heartbeatMaxSkewSec);
    record.skewSeconds = skew;
    if (beyond == record.skewed)
        return;
    record.skewed = beyond;
    record.skewedSince = beyond ? m_clock.now() : QDateTime();
    Event event = boardEvent(beyond ? EventType::BoardHeartbeatSkewed : EventType::BoardSkewRecovered, record);
    event.skewSeconds = skew;
    emitEvent(event);
}

// ---- Dropped items, hardware, metrics ----

void Supervisor::onDroppedCounter(const DroppedCounterMessage& message, bool retained)
{
    BoardRecord& record = boardFor(message.boardId);
    touch(record, retained);
    const std::optional<quint64> previous = record.droppedTotal;
    if (previous == message.total) {
        qCDebug(lcSupervision).noquote()
            << u"board %1 dropped-item counter %2 unchanged"_s.arg(record.id).arg(message.total);
        saveBoard(record);
        return;
    }
    record.droppedTotal = message.total;
    record.droppedReceivedAt = m_clock.now();

    bool announce = false;
    if (!previous) {
        // A first value from a retained message describes the past and only initialises the counter.
        announce = !retained && message.total > 0;
    } else if (message.total > *previous) {
        announce = true;
    } else {
        qCInfo(lcSupervision).noquote() << u"board %1 dropped-item counter went from %2 to %3: the board restarted"_s
                                               .arg(record.id).arg(*previous).arg(message.total);
        announce = message.total > 0;
    }
    if (announce) {
        Event event = boardEvent(EventType::BoardDroppedItems, record);
        event.learntLate = retained;
        event.droppedTotal = toEventCounter(message.total);
        event.previousDroppedTotal = previous ? toEventCounter(*previous) : -1;
        emitEvent(event);
    }
    saveBoard(record);
}

void Supervisor::onHardware(const HardwareMessage& message, bool retained)
{
    BoardRecord& record = boardFor(message.boardId);
    touch(record, retained);
    record.hardware = sharedName(message.hardware);
    record.hardwareReceivedAt = m_clock.now();
    saveBoard(record);
}

void Supervisor::onMetric(const MetricMessage& message, bool retained)
{
    BoardRecord& record = boardFor(message.boardId);
    touch(record, retained);
    const MetricValue metric {message.value, m_clock.now()};
    record.metrics.insert(message.path, metric);
    if (m_store)
        m_store->saveMetric(record.id, message.path, metric);
    saveBoard(record);
}

// ---- Managers ----

void Supervisor::onManagerStatus(const ManagerStatusMessage& message, bool retained)
{
    if (message.managerId == m_managerId) {
        qCDebug(lcSupervision) << "own status message ignored";
        return;
    }
    switch (message.status) {
    case ManagerStatusValue::Empty:
        qCDebug(lcSupervision).noquote() << u"status of manager %1 deleted"_s.arg(message.managerId);
        return;
    case ManagerStatusValue::Online:
        m_peers.insert(message.managerId, ManagerStatusValue::Online);
        qCInfo(lcSupervision).noquote() << u"peer manager %1 online%2"_s.arg(
            message.managerId, retained ? u" (retained)"_s : QString());
        return;
    case ManagerStatusValue::Offline:
        break;
    }

    const bool alreadyOffline = m_peers.value(message.managerId, ManagerStatusValue::Empty) == ManagerStatusValue::Offline;
    m_peers.insert(message.managerId, ManagerStatusValue::Offline);
    const bool isMonitor = message.managerId.startsWith(topics::monitorIdPrefix);
    if (!retained && !alreadyOffline && !isMonitor) {
        Event event;
        event.type = EventType::PeerManagerOffline;
        event.occurredAt = m_clock.now();
        event.managerId = m_managerId;
        event.peerManagerId = message.managerId;
        emitEvent(event);
    }
    qCInfo(lcSupervision).noquote() << u"deleting the retained offline status of manager %1"_s.arg(message.managerId);
    Q_EMIT publishRequested(topics::managerStatusTopic(message.managerId), QByteArray(), 1, true);
}

} // namespace gcn
