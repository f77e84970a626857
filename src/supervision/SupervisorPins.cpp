// The Supervisor's handling of monitored-pin lists and GPIO samples.

#include "supervision/Supervisor.h"

#include "common/Clock.h"
#include "protocol/Topics.h"
#include "storage/BoardStore.h"

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

// Samples kept per board while it waits for its monitored-pin list; later ones are evaluated at once.
constexpr qsizetype maxDeferredSamples = 1000;

QString pinList(const QStringList& pins)
{
    return u"["_s + pins.join(u","_s) + u"]"_s;
}

} // namespace

void Supervisor::onMonitoredPins(const MonitoredPinsMessage& message, bool retained)
{
    BoardRecord& record = boardFor(message.boardId);
    touch(record, retained);
    runtimeFor(record.id).pinListConfirmed = true;

    if (!record.pinsKnown || record.monitoredPins != message.pins) {
        qCInfo(lcSupervision).noquote() << u"board %1 monitors pins %2 (was %3)"_s.arg(
            record.id, pinList(message.pins), record.pinsKnown ? pinList(record.monitoredPins) : u"unknown"_s);
        record.pinsKnown = true;
        record.monitoredPins = sharedPinList(message.pins);
    }
    const QStringList sampledPins = record.pins.keys();
    for (const QString& pin : sampledPins) {
        if (!record.monitoredPins.contains(pin))
            warnUnmonitored(record, pin);
    }
    replayDeferredSamples(record);
    saveBoard(record);
}

void Supervisor::onGpioSample(const GpioSampleMessage& message, bool retained, const QDateTime& receivedAt)
{
    BoardRecord& record = boardFor(message.boardId);
    touch(record, retained);
    BoardRuntime& runtime = runtimeFor(record.id);

    // While retained messages still arrive, a sample of a pin that the stored list does not contain
    // waits for the board's own list: the order of retained messages is not guaranteed.
    const bool listedInStore = record.pinsKnown && record.monitoredPins.contains(message.pin);
    const bool waitForList = m_retainedWindowOpen && !runtime.pinListConfirmed && !listedInStore;
    if (waitForList && runtime.deferredSamples.size() < maxDeferredSamples) {
        runtime.deferredSamples.append({message, retained, receivedAt});
        qCDebug(lcSupervision).noquote()
            << u"board %1 sample of pin %2 waits for the monitored-pin list"_s.arg(record.id, message.pin);
    } else {
        evaluateSample(record, message, retained, receivedAt);
    }
    saveBoard(record);
}

void Supervisor::evaluateSample(BoardRecord& record, const GpioSampleMessage& message, bool retained,
                                const QDateTime& receivedAt)
{
    if (record.pinsKnown && !record.monitoredPins.contains(message.pin)) {
        warnUnmonitored(record, message.pin);
        return;
    }
    applySample(record, message, retained, receivedAt);
}

void Supervisor::applySample(BoardRecord& record, const GpioSampleMessage& message, bool retained,
                             const QDateTime& receivedAt)
{
    const QString& pin = message.pin;
    const auto found = record.pins.find(pin);
    if (found == record.pins.end()) {
        PinSample sample {message.state, message.timestamp, receivedAt, retained, message.state};
        record.pins.insert(sharedName(pin), sample);
        const qint64 ageSeconds = receivedAt.toSecsSinceEpoch() - qint64(message.timestamp);
        qCInfo(lcSupervision).noquote() << u"board %1 pin %2 first seen in state %3, %4 s old by the board clock"_s
                                               .arg(record.id, pin).arg(message.state).arg(ageSeconds);
        if (m_store)
            m_store->savePin(record.id, pin, sample);
        return;
    }

    PinSample& sample = *found;
    if (sample.state == message.state && sample.boardTimestamp == message.timestamp) {
        qCDebug(lcSupervision).noquote() << u"board %1 pin %2 sample received again; ignored"_s.arg(record.id, pin);
        return;
    }
    if (message.timestamp < sample.boardTimestamp) {
        if (retained) {
            qCInfo(lcSupervision).noquote() << u"board %1 pin %2 retained sample at %3 is older than the known one at "
                                               "%4; ignored"_s.arg(record.id, pin).arg(message.timestamp)
                                                   .arg(sample.boardTimestamp);
            return;
        }
        qCInfo(lcSupervision).noquote() << u"board %1 pin %2 sample at %3 is older than the previous one at %4; the "
                                           "board clock went back"_s.arg(record.id, pin).arg(message.timestamp)
                                               .arg(sample.boardTimestamp);
    }

    const quint32 previousTimestamp = sample.boardTimestamp;
    const int previousState = sample.state;
    sample.state = message.state;
    sample.boardTimestamp = message.timestamp;
    sample.receivedAt = receivedAt;
    sample.retained = retained;

    const DeadlineKey debounceKey {DeadlineKind::Debounce, record.id, pin};
    const qint64 gapSeconds = qAbs(qint64(message.timestamp) - qint64(previousTimestamp));
    if (message.state != previousState && gapSeconds < m_settings.gpioChangeDebounceSec) {
        // Announced when no other change comes within the debounce interval.
        m_deadlines.schedule(debounceKey, m_clock.monotonicMs() + qint64(m_settings.gpioChangeDebounceSec) * 1000);
        qCInfo(lcSupervision).noquote() << u"board %1 pin %2 changed to %3 %4 s after the previous sample, within the "
                                           "debounce interval; not announced yet"_s.arg(record.id, pin)
                                               .arg(message.state).arg(gapSeconds);
    } else if (message.state != previousState) {
        m_deadlines.cancel(debounceKey);
        if (sample.state != sample.announcedState) {
            announceGpio(record, pin, sample, retained);
            sample.announcedState = sample.state;
        }
    }
    if (m_store)
        m_store->savePin(record.id, pin, sample);
}

void Supervisor::onDebounceExpired(const QString& boardId, const QString& pin)
{
    const auto board = m_boards.find(boardId);
    if (board == m_boards.end())
        return;
    BoardRecord& record = board->second;
    const auto found = record.pins.find(pin);
    if (found == record.pins.end() || found->state == found->announcedState)
        return;
    announceGpio(record, pin, *found, found->retained);
    found->announcedState = found->state;
    if (m_store)
        m_store->savePin(record.id, pin, *found);
    saveBoard(record);
}

void Supervisor::announceGpio(const BoardRecord& record, const QString& pin, const PinSample& sample, bool learntLate)
{
    Event event = boardEvent(sample.state == 1 ? EventType::GpioUp : EventType::GpioDown, record);
    const PinLabel label = m_naming.pinLabel(record.id, pin);
    event.pin = pin;
    event.pinLabel = label.label;
    event.stateWord = sample.state == 1 ? label.upWord : label.downWord;
    event.pinState = sample.state;
    event.boardTimestamp = qint64(sample.boardTimestamp);
    // The board time of the change, unless the board clock is known to be wrong.
    event.occurredAt = record.skewed ? sample.receivedAt : QDateTime::fromSecsSinceEpoch(sample.boardTimestamp, Qt::UTC);
    event.learntLate = learntLate;
    emitEvent(event);
}

void Supervisor::replayDeferredSamples(BoardRecord& record)
{
    BoardRuntime& runtime = runtimeFor(record.id);
    const QList<DeferredSample> deferred = std::exchange(runtime.deferredSamples, {});
    for (const DeferredSample& sample : deferred)
        evaluateSample(record, sample.message, sample.retained, sample.receivedAt);
}

void Supervisor::warnUnmonitored(BoardRecord& record, const QString& pin)
{
    BoardRuntime& runtime = runtimeFor(record.id);
    if (!runtime.unmonitoredWarned.contains(pin)) {
        runtime.unmonitoredWarned.insert(pin);
        qCWarning(lcSupervision).noquote() << u"board %1 pin %2 is not in its monitored pins %3; its samples are "
                                              "ignored"_s.arg(record.id, pin, pinList(record.monitoredPins));
    }
    if (m_settings.clearStaleGpio && runtime.pinListConfirmed)
        requestClearSample(record, pin);
}

void Supervisor::requestClearSample(BoardRecord& record, const QString& pin)
{
    BoardRuntime& runtime = runtimeFor(record.id);
    if (runtime.clearRequested.contains(pin))
        return;
    const std::expected<QString, ParseError> topic = topics::boardGpioTopic(record.id, pin);
    if (!topic)
        return;
    runtime.clearRequested.insert(pin);
    qCInfo(lcSupervision).noquote() << u"deleting the retained sample of board %1 pin %2, which it no longer "
                                       "monitors"_s.arg(record.id, pin);
    Q_EMIT publishRequested(*topic, QByteArray(), 1, true);
    if (record.pins.remove(pin) > 0 && m_store)
        m_store->removePin(record.id, pin);
}

void Supervisor::onRetainedCleared(const RetainedClearedMessage& message)
{
    const auto board = m_boards.find(message.boardId);
    const QString gpioPrefix = u"gpio/"_s;
    if (board == m_boards.end() || !message.path.startsWith(gpioPrefix)) {
        qCDebug(lcSupervision).noquote()
            << u"retained %1 of board %2 deleted"_s.arg(printableText(message.path), message.boardId);
        return;
    }
    BoardRecord& record = board->second;
    const QString pin = message.path.mid(gpioPrefix.size());
    const bool stale = record.pinsKnown && !record.monitoredPins.contains(pin);
    if (stale && record.pins.remove(pin) > 0) {
        qCInfo(lcSupervision).noquote() << u"board %1 pin %2 retained sample deleted"_s.arg(record.id, pin);
        if (m_store)
            m_store->removePin(record.id, pin);
        saveBoard(record);
    }
}

void Supervisor::extendRetainedWindow()
{
    if (m_retainedWindowMs <= 0)
        return;
    const qint64 limitMs = m_connectedAtMs + std::max(maxRetainedWindowMs, m_retainedWindowMs);
    const qint64 endMs = std::min(m_clock.monotonicMs() + retainedQuietMs, limitMs);
    // Moving the deadline for every message of a large retained state would cost more than it is worth.
    if (endMs < m_retainedWindowEndMs + 100)
        return;
    m_retainedWindowEndMs = endMs;
    m_deadlines.schedule({DeadlineKind::RetainedWindow, {}, {}}, endMs);
}

void Supervisor::closeRetainedWindow()
{
    if (!m_retainedWindowOpen)
        return;
    m_retainedWindowOpen = false;
    m_deadlines.cancel({DeadlineKind::RetainedWindow, {}, {}});
    int replayed = 0;
    for (auto& [id, runtime] : m_runtime) {
        if (runtime.deferredSamples.isEmpty())
            continue;
        replayed += int(runtime.deferredSamples.size());
        BoardRecord& record = boardFor(id);
        replayDeferredSamples(record);
        saveBoard(record);
    }
    qCInfo(lcSupervision).noquote() << u"retained-message window closed after %1 ms; %2 sample(s) evaluated without "
                                       "a fresh monitored-pin list"_s.arg(m_clock.monotonicMs() - m_connectedAtMs)
                                           .arg(replayed);
}

} // namespace gcn
