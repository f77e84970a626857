#pragma once

#include "channels/Sender.h"
#include "common/Clock.h"
#include "config/Settings.h"
#include "notifications/NotificationText.h"
#include "notifications/Recipients.h"
#include "storage/Outbox.h"
#include "supervision/Event.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimeZone>
#include <QTimer>

#include <map>

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

private:
    struct HoldState
    {
        Channel channel = Channel::Email;
        QString recipient;
        // When the batch window of the first held event closes, on the monotonic clock; -1 when none.
        qint64 batchDeadlineMs = -1;
        // When the cap allows the next message.
        QDateTime capDeadline;
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
};

} // namespace gcn
