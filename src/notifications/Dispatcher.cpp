#include "notifications/Dispatcher.h"

#include <QFileInfo>
#include <QRandomGenerator>

#include <algorithm>

#include "notifications/NotificationLog.h"

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 dayMs = 24LL * 3600 * 1000;
// Upper bound of one timer wait, so that a stepped wall clock or a stuck send is noticed.
constexpr qint64 maxWakeMs = 60'000;
// Lower bound between two timer runs, so that a due message that cannot be sent never spins the loop.
constexpr qint64 minWakeMs = 100;
// Period of the reminder that the outbox still cannot be written.
constexpr qint64 outboxFailureReportMs = 60'000;

QString enableOption(Channel channel)
{
    switch (channel) {
    case Channel::Email:
        return u"--enable-email-notifications"_s;
    case Channel::Sms:
        return u"--enable-sms-notifications"_s;
    case Channel::Twitter:
        return u"--enable-twitter-notifications"_s;
    case Channel::Desktop:
        return u"only gcn-manager-tray shows desktop alerts"_s;
    }
    return {};
}

} // namespace

DispatcherOptions DispatcherOptions::fromSettings(const Settings& settings)
{
    DispatcherOptions options;
    options.maxPerDayEmail = settings.notify.maxPerDayEmail;
    options.maxPerDaySms = settings.notify.maxPerDaySms;
    options.maxPerDayTwitter = settings.notify.maxPerDayTwitter;
    options.batchWindowSec = settings.notify.batchWindowSec;
    options.emailReport = settings.email.sendAsReport;
    return options;
}

int DispatcherOptions::maxPerDay(Channel channel) const
{
    switch (channel) {
    case Channel::Email:
        return maxPerDayEmail;
    case Channel::Sms:
        return maxPerDaySms;
    case Channel::Twitter:
        return maxPerDayTwitter;
    case Channel::Desktop:
        return 0;
    }
    return 0;
}

Dispatcher::Dispatcher(RoutingTable routing, Outbox& outbox, const DispatcherOptions& options, Clock& clock,
                       QObject* parent)
    : QObject(parent)
    , m_routing(std::move(routing))
    , m_outbox(outbox)
    , m_options(options)
    , m_clock(clock)
{
    m_wakeTimer.setSingleShot(true);
    connect(&m_wakeTimer, &QTimer::timeout, this, &Dispatcher::processDue);
}

Dispatcher::~Dispatcher() = default;

void Dispatcher::setTimeZone(const QTimeZone& zone)
{
    m_text = NotificationText(zone);
}

void Dispatcher::setSender(Sender* sender)
{
    if (!sender)
        return;
    if (QPointer<Sender> previous = m_senders[sender->channel()]; previous && previous != sender)
        disconnect(previous, nullptr, this, nullptr);
    m_senders[sender->channel()] = sender;
    connect(sender, &Sender::finished, this, &Dispatcher::handleFinished, Qt::UniqueConnection);
    qCDebug(lcNotify) << "sender plugged for channel" << channelName(sender->channel());
    if (m_started)
        scheduleWake();
}

QString Dispatcher::holdKey(Channel channel, const QString& recipient)
{
    return channelName(channel) + u'\n' + recipient;
}

void Dispatcher::logOnce(const QString& key, const QString& message)
{
    if (m_loggedOnce.contains(key)) {
        qCDebug(lcNotify).noquote() << message;
        return;
    }
    m_loggedOnce.insert(key);
    qCInfo(lcNotify).noquote() << message;
}

void Dispatcher::start()
{
    if (m_started)
        return;
    m_started = true;
    const QDateTime now = m_clock.now();
    const QList<HeldEvent> keys = m_outbox.heldKeys();
    for (const HeldEvent& key : keys) {
        HoldState& state = m_holds[holdKey(key.channel, key.recipient)];
        state.channel = key.channel;
        state.recipient = key.recipient;
        // The batch window of events held before a restart has closed.
        state.batchDeadlineMs = m_clock.monotonicMs();
    }
    qCInfo(lcNotify) << "dispatcher started with" << m_outbox.pendingCount() << "pending messages and"
                     << keys.size() << "recipients with held events from" << m_outbox.filePath();
    processDue();
}

void Dispatcher::dispatch(const Event& event)
{
    const QDateTime now = m_clock.now();
    const QList<Recipient> recipients = m_routing.recipients(event.type);
    int held = 0;
    for (const Recipient& recipient : recipients) {
        if (!m_routing.isChannelEnabled(recipient.channel)) {
            logOnce(u"disabled\n"_s + holdKey(recipient.channel, recipient.address),
                    u"skipping recipient %1: channel %2 is not enabled (%3)"_s.arg(
                        recipient.address, channelName(recipient.channel), enableOption(recipient.channel)));
            continue;
        }
        HoldState& state = m_holds[holdKey(recipient.channel, recipient.address)];
        const std::expected<qint64, StorageError> stored =
            m_outbox.holdEvent(recipient.channel, recipient.address, event, now);
        if (!stored) {
            outboxWriteFailed(stored.error());
            state.memoryEvents.append(HeldEvent {0, recipient.channel, recipient.address, event, now});
        } else if (!m_outboxHealthy) {
            // The outbox works again: write the memory backlog at the next round.
            m_nextRecoveryMs = 0;
        }
        ++held;
        state.channel = recipient.channel;
        state.recipient = recipient.address;
        if (state.batchDeadlineMs < 0)
            state.batchDeadlineMs = m_clock.monotonicMs() + qint64(m_options.batchWindowSec) * 1000;
    }
    qCInfo(lcNotify).noquote() << u"event %1%2 queued for %3 of %4 recipients"_s.arg(
        eventTypeName(event.type), event.boardId.isEmpty() ? QString() : u" of "_s + event.boardId,
        QString::number(held), QString::number(recipients.size()));
    if (held == 0)
        return;
    if (!m_outboxHealthy)
        enforceBacklogLimit();
    if (m_options.batchWindowSec == 0)
        processDue();
    else
        scheduleWake();
}

void Dispatcher::processDue()
{
    if (!m_started || m_processing)
        return;
    m_processing = true;
    const QDateTime now = m_clock.now();
    const qint64 nowMs = m_clock.monotonicMs();
    if (!m_outboxHealthy) {
        logOutboxFailures(nowMs);
        if (nowMs >= m_nextRecoveryMs)
            recoverOutbox(now);
    } else if (const auto clamped = m_outbox.clampNextAttempts(now.addSecs(m_options.retryMaxSec)); !clamped) {
        outboxWriteFailed(clamped.error());
    }

    const QStringList keys = m_holds.keys();
    for (const QString& key : keys) {
        auto found = m_holds.find(key);
        if (found == m_holds.end())
            continue;
        const bool batchDue = found->batchDeadlineMs >= 0 && found->batchDeadlineMs <= nowMs;
        const bool capDue = found->capDeadline.isValid() && found->capDeadline <= now;
        if (batchDue || capDue)
            flush(*found, now);
    }
    expireStuckSends(now);
    sendDue(now);

    m_processing = false;
    scheduleWake();
    if (m_inFlight.isEmpty())
        Q_EMIT idle();
}

void Dispatcher::flushBatches()
{
    const qint64 nowMs = m_clock.monotonicMs();
    for (HoldState& state : m_holds) {
        if (state.batchDeadlineMs >= 0)
            state.batchDeadlineMs = nowMs;
    }
    processDue();
}

void Dispatcher::flush(HoldState& state, const QDateTime& now)
{
    const QString key = holdKey(state.channel, state.recipient);
    QList<HeldEvent> held = m_outbox.heldEvents(state.channel, state.recipient);
    held.removeIf([this](const HeldEvent& entry) { return m_consumedHeldIds.contains(entry.id); });
    held.append(state.memoryEvents);
    if (held.isEmpty()) {
        m_holds.remove(key);
        return;
    }

    const int cap = m_options.maxPerDay(state.channel);
    if (cap > 0) {
        const QDateTime windowStart = now.addMSecs(-dayMs);
        if (m_outbox.countCapped(state.channel, state.recipient, windowStart)
                + memoryCapped(state.channel, state.recipient, windowStart)
            >= cap) {
            const QDateTime oldest = m_outbox.oldestCapped(state.channel, state.recipient, windowStart);
            QDateTime resumesAt = oldest.isValid() ? oldest.addMSecs(dayMs) : now.addMSecs(dayMs);
            if (resumesAt <= now)
                resumesAt = now.addSecs(1);
            const bool noticeInMemory = std::any_of(m_memory.cbegin(), m_memory.cend(), [&](const MemoryMessage& entry) {
                return entry.record.id < 0 && entry.record.kind == MessageKind::CapNotice
                    && entry.record.channel == state.channel && entry.record.recipient == state.recipient
                    && entry.record.createdAt >= windowStart;
            });
            if (!noticeInMemory && !m_outbox.hasCapNoticeSince(state.channel, state.recipient, windowStart))
                queueCapNotice(state, now, resumesAt);
            qCInfo(lcNotify).noquote() << u"holding %1 events for %2 on %3 until %4: %5 messages in 24 hours"_s.arg(
                QString::number(held.size()), state.recipient, channelName(state.channel),
                resumesAt.toString(Qt::ISODate), QString::number(cap));
            state.batchDeadlineMs = -1;
            state.capDeadline = resumesAt;
            return;
        }
    }

    std::stable_sort(held.begin(), held.end(), [](const HeldEvent& a, const HeldEvent& b) {
        return a.event.occurredAt < b.event.occurredAt;
    });
    QList<Event> events;
    QList<qint64> heldIds;
    OutboxRecord record;
    for (const HeldEvent& entry : std::as_const(held)) {
        events.append(entry.event);
        if (entry.id > 0)
            heldIds.append(entry.id);
        record.eventTypes.append(eventTypeName(entry.event.type));
        if (!entry.event.boardId.isEmpty() && !record.boardIds.contains(entry.event.boardId))
            record.boardIds.append(entry.event.boardId);
    }
    const NotificationContent content = events.size() == 1 ? m_text.compose(events.first())
                                                           : m_text.composeDigest(events);
    record.channel = state.channel;
    record.recipient = state.recipient;
    record.kind = events.size() == 1 ? MessageKind::Notification : MessageKind::Digest;
    record.subject = content.subject;
    record.shortText = content.shortText;
    record.longText = content.longText;
    // NOTE: a report lists at most reportMaxEntries (100) earlier messages and counts the older ones,
    // so that mails stay bounded on a manager that runs for months. The first manager listed every
    // notification since its own start.
    if (state.channel == Channel::Email && m_options.emailReport) {
        qsizetype total = 0;
        const QStringList earlier = m_outbox.earlierShortTexts(state.channel, state.recipient,
                                                               m_options.reportMaxEntries, &total);
        record.longText = NotificationText::appendReport(record.longText, earlier, total - earlier.size());
    }
    record.status = OutboxStatus::Pending;
    record.createdAt = now;
    record.occurredAt = events.first().occurredAt;
    record.nextAttemptAt = now;

    if (const auto stored = m_outbox.replaceHeldEvents(heldIds, record); !stored) {
        outboxWriteFailed(stored.error());
        // The message now carries the events held in memory.
        state.memoryEvents.clear();
        keepInMemory(record, heldIds);
    }
    m_holds.remove(key);
    qCInfo(lcNotify).noquote() << u"message %1 (%2, %3 events) queued for %4 on %5"_s.arg(
        QString::number(record.id), messageKindName(record.kind), QString::number(events.size()), record.recipient,
        channelName(record.channel));
    Q_EMIT messageQueued(record);
}

void Dispatcher::queueCapNotice(const HoldState& state, const QDateTime& now, const QDateTime& resumesAt)
{
    const int cap = m_options.maxPerDay(state.channel);
    const NotificationContent content = m_text.composeCapReached(state.channel, cap, now, resumesAt);
    OutboxRecord record;
    record.channel = state.channel;
    record.recipient = state.recipient;
    record.kind = MessageKind::CapNotice;
    record.subject = content.subject;
    record.shortText = content.shortText;
    record.longText = content.longText;
    record.status = OutboxStatus::Pending;
    record.createdAt = now;
    record.occurredAt = now;
    record.nextAttemptAt = now;
    if (const auto stored = m_outbox.insertMessage(record); !stored) {
        outboxWriteFailed(stored.error());
        keepInMemory(record, {});
    }
    qCWarning(lcNotify).noquote() << u"cap of %1 messages per 24 hours reached for %2 on %3; later events are held "
                                     "for a digest"_s.arg(QString::number(cap), state.recipient,
                                                          channelName(state.channel));
    Q_EMIT messageQueued(record);
    Q_EMIT capReached(state.channel, state.recipient);
}

void Dispatcher::expireStuckSends(const QDateTime& now)
{
    const qint64 nowMs = m_clock.monotonicMs();
    const QList<qint64> ids = m_inFlight.keys();
    for (qint64 id : ids) {
        const InFlight entry = m_inFlight.value(id);
        if (nowMs - entry.startedMs < qint64(m_options.sendTimeoutSec) * 1000)
            continue;
        m_inFlight.remove(id);
        const std::optional<OutboxRecord> record = findMessage(id);
        if (!record)
            continue;
        retryLater(*record, u"the %1 sender reported no outcome within %2 s"_s.arg(channelName(entry.channel))
                                .arg(m_options.sendTimeoutSec),
                   now, std::nullopt);
    }
}

QStringList Dispatcher::busyRecipients(Channel channel) const
{
    QStringList recipients;
    for (const InFlight& entry : m_inFlight) {
        if (entry.channel == channel)
            recipients.append(entry.recipient);
    }
    return recipients;
}

void Dispatcher::sendDue(const QDateTime& now)
{
    for (Channel channel : {Channel::Email, Channel::Sms, Channel::Twitter, Channel::Desktop}) {
        const auto senderEntry = m_senders.find(channel);
        Sender* sender = senderEntry == m_senders.end() ? nullptr : senderEntry->second.data();
        QStringList busy = busyRecipients(channel);
        qsizetype free = m_options.maxInFlightPerChannel - busy.size();
        if (free <= 0)
            continue;
        // Several due messages may share a recipient; read enough to fill every free slot.
        QList<OutboxRecord> due = m_outbox.dueMessages(channel, now, int(free) * 8 + int(m_memory.size()), busy);
        if (!m_memory.isEmpty()) {
            // The state kept in memory replaces the stored one.
            due.removeIf([this](const OutboxRecord& record) { return m_memory.contains(record.id); });
            for (const MemoryMessage& entry : std::as_const(m_memory)) {
                const OutboxRecord& record = entry.record;
                if (record.channel == channel && record.status == OutboxStatus::Pending
                    && (!record.nextAttemptAt.isValid() || record.nextAttemptAt <= now)
                    && !busy.contains(record.recipient) && !m_inFlight.contains(record.id)) {
                    due.append(record);
                }
            }
            std::stable_sort(due.begin(), due.end(), [](const OutboxRecord& a, const OutboxRecord& b) {
                return a.createdAt < b.createdAt;
            });
        }
        if (due.isEmpty())
            continue;
        if (!m_routing.isChannelEnabled(channel)) {
            logOnce(u"pending-disabled\n"_s + channelName(channel),
                    u"pending %1 messages wait until the channel is enabled (%2)"_s.arg(channelName(channel),
                                                                                       enableOption(channel)));
            continue;
        }
        if (!sender) {
            logOnce(u"no-sender\n"_s + channelName(channel),
                    u"pending %1 messages wait: no sender is set up for the channel"_s.arg(channelName(channel)));
            continue;
        }
        for (OutboxRecord record : due) {
            if (free <= 0)
                break;
            if (busy.contains(record.recipient))
                continue;
            const qint64 ageMs = record.createdAt.msecsTo(now);
            if (record.attempts > 0 && ageMs > qint64(m_options.retryMaxAgeSec) * 1000) {
                const QString error = u"not delivered within %1 after %2 attempts; last error: %3"_s.arg(
                    NotificationText::formatDuration(m_options.retryMaxAgeSec), QString::number(record.attempts),
                    record.lastError);
                record.status = OutboxStatus::Failed;
                record.lastError = error;
                record.nextAttemptAt = {};
                saveState(record, [&] { return m_outbox.markFailed(record.id, error); });
                qCWarning(lcNotify).noquote() << u"giving up message %1 to %2: %3"_s.arg(
                    QString::number(record.id), record.recipient, error);
                Q_EMIT messageFailed(record, true);
                continue;
            }
            // A message is sent even when its attempt cannot be recorded: delivery comes first.
            ++record.attempts;
            saveState(record, [&] { return m_outbox.recordAttempt(record.id, now); });
            busy.append(record.recipient);
            --free;
            m_inFlight.insert(record.id, InFlight {channel, record.recipient, m_clock.monotonicMs()});
            qCInfo(lcNotify).noquote() << u"sending message %1 to %2 on %3, attempt %4"_s.arg(
                QString::number(record.id), record.recipient, channelName(channel), QString::number(record.attempts));
            sender->send(record.toOutgoingMessage());
        }
    }
}

void Dispatcher::handleFinished(qint64 messageId, const DeliveryOutcome& outcome)
{
    if (const auto stored = m_storedIds.constFind(messageId); stored != m_storedIds.cend()) {
        // The message was written to the outbox while it was being sent.
        messageId = stored.value();
        m_storedIds.erase(stored);
    }
    if (!m_inFlight.remove(messageId)) {
        qCWarning(lcNotify) << "ignoring an outcome for message" << messageId << "which is not being sent";
        return;
    }
    const QDateTime now = m_clock.now();
    std::optional<OutboxRecord> record = findMessage(messageId);
    if (!record) {
        qCWarning(lcNotify) << "message" << messageId << "is no longer in the outbox";
        return;
    }
    switch (outcome.status) {
    case DeliveryStatus::Delivered:
        record->status = OutboxStatus::Delivered;
        record->sentAt = now;
        record->nextAttemptAt = {};
        if (!outcome.error.isEmpty())
            record->lastError = outcome.error;
        // A delivered outcome may carry a note, e.g. that a paused desktop alert was not shown.
        saveState(*record, [&] { return m_outbox.markDelivered(messageId, now, outcome.error); });
        qCInfo(lcNotify).noquote() << u"message %1 delivered to %2 on %3 after %4 attempts%5"_s.arg(
            QString::number(messageId), record->recipient, channelName(record->channel),
            QString::number(record->attempts), outcome.error.isEmpty() ? QString() : u": "_s + outcome.error);
        Q_EMIT messageDelivered(*record);
        break;
    case DeliveryStatus::PermanentFailure:
        record->status = OutboxStatus::Failed;
        record->lastError = outcome.error;
        record->nextAttemptAt = {};
        saveState(*record, [&] { return m_outbox.markFailed(messageId, outcome.error); });
        qCWarning(lcNotify).noquote() << u"message %1 to %2 on %3 failed permanently: %4"_s.arg(
            QString::number(messageId), record->recipient, channelName(record->channel), outcome.error);
        Q_EMIT messageFailed(*record, true);
        break;
    case DeliveryStatus::TransientFailure:
        retryLater(*record, outcome.error, now, outcome.retryNotBefore);
        break;
    }
    // Later sends go through the timer: a sender may report from inside send().
    m_wakeTimer.start(0);
}

void Dispatcher::retryLater(const OutboxRecord& record, const QString& error, const QDateTime& now,
                            const std::optional<QDateTime>& notBefore)
{
    OutboxRecord updated = record;
    QDateTime next = now.addMSecs(retryDelayMs(record.attempts));
    if (notBefore && notBefore->isValid() && *notBefore > next)
        next = std::min(*notBefore, now.addSecs(m_options.retryMaxSec));
    updated.status = OutboxStatus::Pending;
    updated.lastError = error;
    updated.nextAttemptAt = next;
    saveState(updated, [&] { return m_outbox.scheduleRetry(record.id, error, next); });
    qCWarning(lcNotify).noquote() << u"message %1 to %2 on %3 failed (attempt %4), retrying at %5: %6"_s.arg(
        QString::number(record.id), record.recipient, channelName(record.channel), QString::number(record.attempts),
        next.toString(Qt::ISODateWithMs), error);
    Q_EMIT messageFailed(updated, false);
}

qint64 Dispatcher::retryDelayMs(int attempts) const
{
    const int exponent = std::clamp(attempts - 1, 0, 30);
    const qint64 baseMs = qint64(m_options.retryBaseSec) * 1000;
    const qint64 maxMs = qint64(m_options.retryMaxSec) * 1000;
    const qint64 delay = std::min(maxMs, baseMs << exponent);
    // +-20 % jitter.
    const double factor = 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
    return std::max<qint64>(1000, qint64(double(delay) * factor));
}

void Dispatcher::scheduleWake()
{
    if (!m_started)
        return;
    const QDateTime now = m_clock.now();
    const qint64 nowMs = m_clock.monotonicMs();
    qint64 delayMs = maxWakeMs;
    auto consider = [&delayMs](qint64 candidateMs) { delayMs = std::min(delayMs, candidateMs); };
    for (const HoldState& state : std::as_const(m_holds)) {
        if (state.batchDeadlineMs >= 0)
            consider(state.batchDeadlineMs - nowMs);
        if (state.capDeadline.isValid())
            consider(now.msecsTo(state.capDeadline));
    }
    if (!m_outboxHealthy) {
        consider(m_nextRecoveryMs - nowMs);
        for (const MemoryMessage& entry : std::as_const(m_memory)) {
            const auto sender = m_senders.find(entry.record.channel);
            if (entry.record.status == OutboxStatus::Pending && !m_inFlight.contains(entry.record.id)
                && sender != m_senders.end() && sender->second && m_routing.isChannelEnabled(entry.record.channel))
                consider(entry.record.nextAttemptAt.isValid() ? now.msecsTo(entry.record.nextAttemptAt) : 0);
        }
    }
    for (const auto& [channel, sender] : m_senders) {
        if (!sender || !m_routing.isChannelEnabled(channel))
            continue;
        const QStringList busy = busyRecipients(channel);
        if (busy.size() >= m_options.maxInFlightPerChannel)
            continue;
        if (const QDateTime next = m_outbox.nextAttemptTime(channel, busy); next.isValid())
            consider(now.msecsTo(next));
    }
    delayMs = std::max(delayMs, minWakeMs);
    if (!m_wakeTimer.isActive() || m_wakeTimer.remainingTime() > delayMs)
        m_wakeTimer.start(int(delayMs));
}

qsizetype Dispatcher::memoryBacklogEvents() const
{
    qsizetype count = 0;
    for (const HoldState& state : m_holds)
        count += state.memoryEvents.size();
    for (const MemoryMessage& entry : m_memory) {
        if (entry.record.id < 0)
            count += std::max<qsizetype>(1, entry.record.eventTypes.size());
    }
    return count;
}

qsizetype Dispatcher::memoryCapped(Channel channel, const QString& recipient, const QDateTime& since) const
{
    return std::count_if(m_memory.cbegin(), m_memory.cend(), [&](const MemoryMessage& entry) {
        const OutboxRecord& record = entry.record;
        return record.id < 0 && record.kind != MessageKind::CapNotice && record.channel == channel
            && record.recipient == recipient && record.createdAt >= since;
    });
}

std::optional<OutboxRecord> Dispatcher::findMessage(qint64 id) const
{
    if (const auto found = m_memory.constFind(id); found != m_memory.cend())
        return found->record;
    return m_outbox.message(id);
}

void Dispatcher::outboxWriteFailed(const StorageError& error)
{
    ++m_outboxWriteFailures;
    if (!m_outboxHealthy) {
        ++m_failuresInWindow;
        qCDebug(lcNotify).noquote() << u"outbox write failed again: %1"_s.arg(error.message);
        return;
    }
    m_outboxHealthy = false;
    m_failuresAtFirstFailure = m_outboxWriteFailures - 1;
    m_droppedAtFirstFailure = m_droppedEvents;
    const qint64 nowMs = m_clock.monotonicMs();
    m_failureWindowStartMs = nowMs;
    m_failuresInWindow = 0;
    m_droppedInWindow = 0;
    m_nextRecoveryMs = nowMs + qint64(m_options.outboxRetrySec) * 1000;
    qCCritical(lcNotify).noquote()
        << u"cannot write the outbox %1 in the state folder %2: %3; notifications are kept in memory (at most %4 "
           "events) and still sent, and the outbox is tried again every %5 s"_s.arg(
               m_outbox.filePath(), QFileInfo(m_outbox.filePath()).absolutePath(), error.message,
               QString::number(m_options.memoryBacklogMax), QString::number(m_options.outboxRetrySec));
    Q_EMIT outboxHealthChanged(false);
}

void Dispatcher::logOutboxFailures(qint64 nowMs)
{
    if (nowMs - m_failureWindowStartMs < outboxFailureReportMs)
        return;
    qCCritical(lcNotify).noquote()
        << u"the outbox %1 still cannot be written: %2 failed writes in the last %3 s; %4 events kept in memory, "
           "%5 dropped in that time"_s.arg(m_outbox.filePath(), QString::number(m_failuresInWindow),
                                           QString::number((nowMs - m_failureWindowStartMs) / 1000),
                                           QString::number(memoryBacklogEvents()), QString::number(m_droppedInWindow));
    m_failureWindowStartMs = nowMs;
    m_failuresInWindow = 0;
    m_droppedInWindow = 0;
}

void Dispatcher::keepInMemory(OutboxRecord& record, const QList<qint64>& heldIds)
{
    record.id = m_nextMemoryId--;
    m_memory.insert(record.id, MemoryMessage {record, heldIds});
    for (qint64 id : heldIds)
        m_consumedHeldIds.insert(id);
    enforceBacklogLimit();
}

void Dispatcher::saveState(const OutboxRecord& record, const std::function<std::expected<void, StorageError>()>& write)
{
    if (const auto found = m_memory.find(record.id); found != m_memory.end()) {
        found->record = record;
        return;
    }
    if (record.id < 0)
        return;
    if (const auto written = write(); !written) {
        outboxWriteFailed(written.error());
        m_memory.insert(record.id, MemoryMessage {record, {}});
    }
}

void Dispatcher::enforceBacklogLimit()
{
    qsizetype count = memoryBacklogEvents();
    quint64 dropped = 0;
    while (count > m_options.memoryBacklogMax) {
        // Memory ids count down from -1: walking down from 0 meets the oldest message first. Messages that
        // are finished go first, as they only lose their history; then the oldest pending ones.
        std::optional<qint64> victim;
        for (bool finishedOnly : {true, false}) {
            for (auto it = m_memory.lowerBound(0); it != m_memory.begin() && !victim;) {
                --it;
                if (m_inFlight.contains(it.key()))
                    continue;
                if (!finishedOnly || it->record.status != OutboxStatus::Pending)
                    victim = it.key();
            }
            if (victim)
                break;
        }
        if (victim) {
            const MemoryMessage entry = m_memory.take(*victim);
            // Events the outbox still holds are not lost: they come back in a later message.
            for (qint64 id : entry.heldIds)
                m_consumedHeldIds.remove(id);
            const qsizetype size = std::max<qsizetype>(1, entry.record.eventTypes.size());
            count -= size;
            if (entry.record.status == OutboxStatus::Pending)
                dropped += quint64(std::max<qsizetype>(0, entry.record.eventTypes.size() - entry.heldIds.size()));
            continue;
        }
        HoldState* oldest = nullptr;
        for (HoldState& state : m_holds) {
            if (!state.memoryEvents.isEmpty()
                && (!oldest || state.memoryEvents.first().heldAt < oldest->memoryEvents.first().heldAt))
                oldest = &state;
        }
        if (!oldest)
            break;
        oldest->memoryEvents.removeFirst();
        --count;
        ++dropped;
    }
    if (dropped == 0)
        return;
    if (m_droppedEvents == m_droppedAtFirstFailure) {
        qCCritical(lcNotify).noquote() << u"dropping the oldest notifications kept in memory: the outbox %1 cannot "
                                          "be written and more than %2 events wait"_s.arg(
                                              m_outbox.filePath(), QString::number(m_options.memoryBacklogMax));
    }
    m_droppedEvents += dropped;
    m_droppedInWindow += dropped;
}

void Dispatcher::recoverOutbox(const QDateTime& now)
{
    m_nextRecoveryMs = m_clock.monotonicMs() + qint64(m_options.outboxRetrySec) * 1000;
    // This write also tells whether the outbox can be written at all.
    if (const auto probe = m_outbox.clampNextAttempts(now.addSecs(m_options.retryMaxSec)); !probe) {
        outboxWriteFailed(probe.error());
        return;
    }
    qsizetype messages = 0;
    qsizetype events = 0;
    QList<qint64> ids = m_memory.keys();
    // Oldest first: outbox ids, then memory ids from -1 down.
    std::sort(ids.begin(), ids.end(), [](qint64 a, qint64 b) {
        if ((a < 0) != (b < 0))
            return a > 0;
        return a < 0 ? a > b : a < b;
    });
    for (qint64 id : std::as_const(ids)) {
        const MemoryMessage entry = m_memory.value(id);
        if (id > 0) {
            if (const auto stored = m_outbox.storeDeliveryState(entry.record); !stored) {
                outboxWriteFailed(stored.error());
                return;
            }
            m_memory.remove(id);
            continue;
        }
        OutboxRecord record = entry.record;
        record.id = 0;
        if (const auto stored = m_outbox.replaceHeldEvents(entry.heldIds, record); !stored) {
            outboxWriteFailed(stored.error());
            return;
        }
        m_memory.remove(id);
        for (qint64 heldId : entry.heldIds)
            m_consumedHeldIds.remove(heldId);
        if (m_inFlight.contains(id)) {
            m_inFlight.insert(record.id, m_inFlight.take(id));
            m_storedIds.insert(id, record.id);
        }
        ++messages;
        qCDebug(lcNotify) << "message kept in memory stored as message" << record.id;
    }
    for (HoldState& state : m_holds) {
        while (!state.memoryEvents.isEmpty()) {
            const HeldEvent& entry = state.memoryEvents.first();
            if (const auto stored = m_outbox.holdEvent(entry.channel, entry.recipient, entry.event, entry.heldAt);
                !stored) {
                outboxWriteFailed(stored.error());
                return;
            }
            state.memoryEvents.removeFirst();
            ++events;
        }
    }
    m_outboxHealthy = true;
    qCInfo(lcNotify).noquote() << u"the outbox %1 can be written again: stored %2 messages and %3 held events kept in "
                                  "memory after %4 failed writes%5"_s.arg(
                                      m_outbox.filePath(), QString::number(messages), QString::number(events),
                                      QString::number(m_outboxWriteFailures - m_failuresAtFirstFailure),
                                      m_droppedEvents == m_droppedAtFirstFailure
                                          ? QString()
                                          : u"; %1 events were dropped meanwhile"_s.arg(
                                                m_droppedEvents - m_droppedAtFirstFailure));
    Q_EMIT outboxHealthChanged(true);
}

} // namespace gcn
