#pragma once

#include "channels/Sender.h"
#include "common/Clock.h"
#include "config/Settings.h"
#include "notifications/NotificationText.h"
#include "notifications/Recipients.h"
#include "storage/Outbox.h"
#include "supervision/Event.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimeZone>
#include <QTimer>

#include <functional>
#include <map>
#include <optional>

namespace gcn {

struct DispatcherOptions
{
    // Messages per recipient and channel over a rolling 24 hours; 0 means no limit.
    int maxPerDayEmail = 100;
    int maxPerDaySms = 10;
    int maxPerDayTwitter = 50;
    // Events for one recipient and channel within this many seconds of the first become one message.
    int batchWindowSec = 5;
    // Each e-mail also lists earlier notifications to its recipient, newest first.
    bool emailReport = false;
    // Earlier notifications listed in a report-mode e-mail; older ones are counted, not listed.
    int reportMaxEntries = 100;
    // Sends running at once on one channel.
    int maxInFlightPerChannel = 4;
    // Retry delay after the n-th transient failure: retryBaseSec * 2^(n-1), at most retryMaxSec,
    // then spread by +-20 % so that retries of many messages do not arrive together. A later retry
    // time asked for by the service is honoured up to retryMaxSec.
    int retryBaseSec = 15;
    int retryMaxSec = 1800;
    // A message not delivered this long after it was created is marked failed.
    int retryMaxAgeSec = 3 * 86400;
    // A send whose sender reports no outcome within this time counts as a transient failure.
    int sendTimeoutSec = 600;
    // While the outbox cannot be written: events kept in memory at most (the oldest are dropped beyond),
    // and the delay between two attempts to write them to the outbox.
    int memoryBacklogMax = 5000;
    int outboxRetrySec = 10;

    static DispatcherOptions fromSettings(const Settings& settings);
    int maxPerDay(Channel channel) const;
};

// Turns events into messages and delivers them. It routes each event to its recipients and skips
// channels that are not enabled. It keeps events in the outbox for the batch window and while a
// recipient's daily cap is reached, writes every message to the outbox before its sender gets it,
// and retries transient failures with capped exponential backoff, also after a restart.
// Each channel has its own queue and limit of sends at once, so a failing channel never delays another.
// A recipient gets one message at a time per channel, oldest first, so that messages arrive in order
// unless one of them waits for a retry.
// When the outbox cannot be written (full disk, read-only state folder), events and messages are kept
// in memory, at most memoryBacklogMax events, still sent with the same retry rules, and written to
// the outbox once it works again; messages delivered meanwhile are stored as delivered, not sent again.
// Batch windows run on the monotonic clock. Retry times and the 24-hour cap use wall-clock time,
// because they are stored and must survive a restart; a wall clock stepped back delays a retry by at
// most retryMaxSec, but it delays a digest held by the cap by the size of the step.
class Dispatcher final : public QObject
{
    Q_OBJECT

public:
    Dispatcher(RoutingTable routing, Outbox& outbox, const DispatcherOptions& options,
               Clock& clock = Clock::system(), QObject* parent = nullptr);
    ~Dispatcher() override;
    Q_DISABLE_COPY_MOVE(Dispatcher)

    // Zone of the times shown in the texts; the system zone by default.
    void setTimeZone(const QTimeZone& zone);
    // Plugs the sender of sender->channel(), replacing an earlier one. The dispatcher does not own it.
    void setSender(Sender* sender);
    // Resumes the pending messages and held events of the outbox, then sends what is due.
    // Events dispatched before start() are stored and wait for it.
    void start();

    qsizetype inFlightCount() const { return m_inFlight.size(); }
    // False from the first failed write to the outbox until everything kept in memory is written to it.
    bool outboxHealthy() const { return m_outboxHealthy; }
    quint64 outboxWriteFailures() const { return m_outboxWriteFailures; }
    // Events kept in memory because the outbox cannot be written, and events dropped from memory
    // because there were more than memoryBacklogMax of them.
    qsizetype memoryBacklogEvents() const;
    quint64 droppedEvents() const { return m_droppedEvents; }

public Q_SLOTS:
    void dispatch(const gcn::Event& event);
    // Flushes batches whose window closed and digests the cap allows, and sends due messages. Runs by
    // itself on a timer; a test with a ManualClock calls it after moving the clock.
    void processDue();
    // Closes every open batch window now and sends what is due, e.g. before the manager exits.
    void flushBatches();

Q_SIGNALS:
    void messageQueued(const gcn::OutboxRecord& record);
    void messageDelivered(const gcn::OutboxRecord& record);
    // `permanent` is false when the message will be tried again.
    void messageFailed(const gcn::OutboxRecord& record, bool permanent);
    void capReached(gcn::Channel channel, const QString& recipient);
    // Nothing is being sent after a round of processDue(); pending retries may remain in the outbox.
    void idle();
    void outboxHealthChanged(bool healthy);

private:
    struct HoldState
    {
        Channel channel = Channel::Email;
        QString recipient;
        // When the batch window of the first held event closes, on the monotonic clock; -1 when none.
        qint64 batchDeadlineMs = -1;
        // When the cap allows the next message.
        QDateTime capDeadline;
        // Events that the outbox could not store, oldest first.
        QList<HeldEvent> memoryEvents;
    };
    // A message whose latest state lives in memory: a negative id when the outbox could not store it,
    // the outbox id when only a later change of its state could not be written.
    struct MemoryMessage
    {
        OutboxRecord record;
        // Held events of the outbox that the message contains; deleted when the message is stored.
        QList<qint64> heldIds;
    };
    struct InFlight
    {
        Channel channel = Channel::Email;
        QString recipient;
        qint64 startedMs = 0;
    };

    static QString holdKey(Channel channel, const QString& recipient);
    void flush(HoldState& state, const QDateTime& now);
    void queueCapNotice(const HoldState& state, const QDateTime& now, const QDateTime& resumesAt);
    void sendDue(const QDateTime& now);
    void expireStuckSends(const QDateTime& now);
    void handleFinished(qint64 messageId, const gcn::DeliveryOutcome& outcome);
    void retryLater(const OutboxRecord& record, const QString& error, const QDateTime& now,
                    const std::optional<QDateTime>& notBefore);
    qint64 retryDelayMs(int attempts) const;
    void scheduleWake();
    QStringList busyRecipients(Channel channel) const;
    void logOnce(const QString& key, const QString& message);
    void outboxWriteFailed(const StorageError& error);
    void logOutboxFailures(qint64 nowMs);
    void recoverOutbox(const QDateTime& now);
    // Applies `write` to the outbox; when the message lives in memory or the write fails, keeps
    // `record` in memory as its latest state.
    void saveState(const OutboxRecord& record, const std::function<std::expected<void, StorageError>()>& write);
    void keepInMemory(OutboxRecord& record, const QList<qint64>& heldIds);
    void enforceBacklogLimit();
    qsizetype memoryCapped(Channel channel, const QString& recipient, const QDateTime& since) const;
    std::optional<OutboxRecord> findMessage(qint64 id) const;

    RoutingTable m_routing;
    Outbox& m_outbox;
    DispatcherOptions m_options;
    Clock& m_clock;
    NotificationText m_text;
    std::map<Channel, QPointer<Sender>> m_senders;
    QHash<QString, HoldState> m_holds;
    QHash<qint64, InFlight> m_inFlight;
    QSet<QString> m_loggedOnce;
    QTimer m_wakeTimer;
    bool m_started = false;
    bool m_processing = false;
    QMap<qint64, MemoryMessage> m_memory;
    qint64 m_nextMemoryId = -1;
    // Held events of the outbox that are part of a message kept in memory.
    QSet<qint64> m_consumedHeldIds;
    // Memory ids of messages being sent when they were written to the outbox, with their outbox ids.
    QHash<qint64, qint64> m_storedIds;
    bool m_outboxHealthy = true;
    quint64 m_outboxWriteFailures = 0;
    quint64 m_droppedEvents = 0;
    quint64 m_failuresInWindow = 0;
    quint64 m_droppedInWindow = 0;
    qint64 m_failureWindowStartMs = 0;
    qint64 m_nextRecoveryMs = 0;
    // Counters when the outbox last started failing.
    quint64 m_failuresAtFirstFailure = 0;
    quint64 m_droppedAtFirstFailure = 0;
};

} // namespace gcn
