#pragma once

#include "config/Settings.h"
#include "protocol/GcnMessage.h"
#include "supervision/BoardRecord.h"
#include "supervision/DeadlineQueue.h"
#include "supervision/Event.h"
#include "supervision/Naming.h"

#include <map>
#include <optional>

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QLoggingCategory>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

Q_DECLARE_LOGGING_CATEGORY(lcSupervision)

namespace gcn {

class BoardStore;
class Clock;

// The supervision logic ("brain"): keeps one BoardRecord per board from the messages received and
// decides which events happen.
//
// Inputs are the received messages (handleMessage()), the broker connection state
// (setBrokerConnected()) and time: durations run on Clock::monotonicMs(), and the wall clock is used
// only for heartbeat skew and for timestamps. Deadlines (heartbeat watchdogs, offline grace periods,
// debounced GPIO changes, the end of the retained-message window) are kept in a queue. One QTimer
// calls processDeadlines() at the earliest; tests with a ManualClock call it themselves.
//
// Behaviour, beyond the first GCN manager's:
// - Retained messages describe the past. They are compared with the stored record and only real
//   differences raise events, marked learntLate. A board first seen through retained messages starts
//   in the state they describe, without events, except that a board whose status is not offline and
//   whose retained heartbeat is older than the watchdog period is announced silent.
// - Decisions that depend on several retained messages wait for the retained window (retainedWindowMs
//   after connecting, longer while retained messages keep arriving): a silence derived from a retained heartbeat and a GPIO sample of a pin that the
//   stored monitored-pin list does not contain. A board's own monitored-pin list ends the wait for
//   its samples.
// - A board whose status is offline has no watchdog: its silence is expected.
// - While the broker is disconnected, watchdogs and grace periods are suspended. On reconnection each
//   restarts with its full period, so that a broker outage raises no alert per board.
// - Recoveries: heartbeats that resume after a missed heartbeat, a skew back within bounds, and a
//   status online after an announced offline each raise their event. A skewed clock is announced once,
//   not at every heartbeat.
// - A message equal to what the record contains (a QoS 1 redelivery, a retained repeat) raises nothing.
// - A change of the dropped-item counter is announced when it grows, or when it restarts from a
//   reboot at a non-zero value; a reset to 0 is only logged.
// - With offlineGraceSec, an offline status or a silence counts only when it lasts that long.
// - With repeatIntervalSec, a problem that lasts (an announced offline status, silence or clock skew)
//   is announced again every interval, as the same event type with `reminder` set, until it ends. The
//   reminders follow the time the problem was announced, as stored in the record (status, silence and
//   skew times), so that a restart neither repeats one at once nor drops the next. They are
//   suspended while the broker is disconnected. After a reconnection the next one comes a full
//   interval later, and after a start-up not before the end of the retained window.
// - With clearStaleGpio, retained samples of pins that a board's monitored-pin list, received in the
//   current connection, no longer contains are deleted (empty retained publish). A list only known
//   from the store never causes a deletion.
// - Another manager's retained `offline` status is deleted; a live `offline` of another manager raises
//   PeerManagerOffline once.
//
// Board ids are compared exactly as received. A new id that differs from a known one only by letter
// case is logged as a warning and kept as a separate board.
class Supervisor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Supervisor)

public:
    // Time after connecting within which the broker is expected to deliver the retained messages.
    static constexpr int defaultRetainedWindowMs = 5000;
    // A large fleet's retained state takes several seconds, so while retained messages keep arriving the
    // window stays open until retainedQuietMs after the last one, at most maxRetainedWindowMs after connecting.
    static constexpr int retainedQuietMs = 1000;
    static constexpr int maxRetainedWindowMs = 60'000;

    // Loads the stored records from `store` when one is given and writes every change to it. The store
    // and the clock must outlive the supervisor.
    Supervisor(const SupervisionSettings& settings, Naming naming, Clock& clock, BoardStore* store = nullptr,
               QObject* parent = nullptr);
    ~Supervisor() override;

    // This manager's id, so that its own status messages are not taken for a peer's.
    void setManagerId(const QString& managerId);
    QString managerId() const;
    int retainedWindowMs() const;
    void setRetainedWindowMs(int windowMs);

    // Boards by status; silent boards are counted under their status too.
    struct BoardCounts
    {
        int online = 0;
        int offline = 0;
        int unknown = 0;
        int silent = 0;
    };

    // Current records sorted by board id.
    QList<BoardRecord> boards() const;
    // The same totals as counting boards(), without copying the records.
    BoardCounts boardCounts() const;
    std::optional<BoardRecord> board(const QString& boardId) const;
    bool isBrokerConnected() const;
    quint64 receivedMessageCount() const;
    quint64 invalidMessageCount() const;

    // Earliest pending deadline on the monotonic clock, nullopt when nothing waits.
    std::optional<qint64> nextDeadlineMs() const;

public Q_SLOTS:
    void handleMessage(const QString& topic, const QByteArray& payload, bool retained);
    // Same as handleMessage(), with the signature of MqttClient::messageReceived.
    void handleMqttMessage(const QString& topic, const QByteArray& payload, int qos, bool retained);
    void setBrokerConnected(bool connected);
    // Acts on every deadline that is due on the clock and re-arms the timer.
    void processDeadlines();

Q_SIGNALS:
    void eventOccurred(const gcn::Event& event);
    // A message that does not follow the protocol; also logged as one warning line with its topic.
    void invalidMessage(const QString& topic, const QString& reason);
    // A publish the MQTT client should make: deletion of another manager's retained status or of a
    // stale retained GPIO sample (empty payload, QoS 1, retained).
    void publishRequested(const QString& topic, const QByteArray& payload, int qos, bool retain);
    // The record of a board changed.
    void boardChanged(const QString& boardId);

private:
    struct DeferredSample
    {
        GpioSampleMessage message;
        bool retained = false;
        QDateTime receivedAt;
    };

    // Per-board state of the current run that is not part of the record.
    struct BoardRuntime
    {
        // A monitored-pin list arrived during the current connection.
        bool pinListConfirmed = false;
        // The pending offline grace period started from a retained status.
        bool offlineFromRetained = false;
        // GPIO samples waiting for the monitored-pin list.
        QList<DeferredSample> deferredSamples;
        // Pins already warned about or cleared during the current connection.
        QSet<QString> unmonitoredWarned;
        QSet<QString> clearRequested;
    };

    void dispatch(const GcnMessage& message, bool retained);
    BoardRecord& boardFor(const QString& boardId);
    BoardRuntime& runtimeFor(const QString& boardId);
    void touch(BoardRecord& record, bool retained);
    void saveBoard(const BoardRecord& record);
    Event boardEvent(EventType type, const BoardRecord& record) const;
    void emitEvent(const Event& event);

    void onStatus(const BoardStatusMessage& message, bool retained);
    void reconcileStatus(BoardRecord& record, bool retained, const QDateTime& offlineSince);
    void announceOffline(BoardRecord& record, bool learntLate);
    void onGraceExpired(const QString& boardId);
    void onHeartbeat(const HeartbeatMessage& message, bool retained);
    void onLiveHeartbeat(BoardRecord& record, quint32 boardTime);
    void onRetainedHeartbeat(BoardRecord& record, quint32 boardTime);
    void armWatchdog(BoardRecord& record, qint64 deadlineMs);
    void onWatchdogExpired(const QString& boardId);
    void checkSkew(BoardRecord& record, quint32 boardTime);
    void onDroppedCounter(const DroppedCounterMessage& message, bool retained);

    bool problemLasts(const BoardRecord& record, DeadlineKind reminderKind) const;
    // Arms the reminder of each lasting problem of the board that has none, at the next multiple of the
    // interval after the problem was announced but not before earliestMs, and cancels the reminders
    // of problems that ended.
    void updateReminders(const BoardRecord& record, qint64 earliestMs);
    qint64 reminderDeadlineMs(const BoardRecord& record, DeadlineKind reminderKind, qint64 earliestMs) const;
    void onReminderDue(const QString& boardId, DeadlineKind reminderKind);
    // When the board's last heartbeat was sent, on the manager clock; invalid when not known.
    QDateTime lastHeartbeatTime(const BoardRecord& record, const QDateTime& now) const;

    void onMonitoredPins(const MonitoredPinsMessage& message, bool retained);
    void onGpioSample(const GpioSampleMessage& message, bool retained, const QDateTime& receivedAt);
    void evaluateSample(BoardRecord& record, const GpioSampleMessage& message, bool retained,
                        const QDateTime& receivedAt);
    void applySample(BoardRecord& record, const GpioSampleMessage& message, bool retained,
                     const QDateTime& receivedAt);
    void onDebounceExpired(const QString& boardId, const QString& pin);
    void announceGpio(const BoardRecord& record, const QString& pin, const PinSample& sample, bool learntLate);
    void replayDeferredSamples(BoardRecord& record);
    void warnUnmonitored(BoardRecord& record, const QString& pin);
    void requestClearSample(BoardRecord& record, const QString& pin);
    void onRetainedCleared(const RetainedClearedMessage& message);
    void extendRetainedWindow();
    void closeRetainedWindow();

    void onMetric(const MetricMessage& message, bool retained);
    void onHardware(const HardwareMessage& message, bool retained);
    void onManagerStatus(const ManagerStatusMessage& message, bool retained);

    // Copies that share their data with an equal value seen before, so that what every board repeats
    // (pin names, pin lists, hardware) is stored once however many boards there are.
    QString sharedName(const QString& name);
    QStringList sharedPinList(const QStringList& pins);

    qint64 watchdogPeriodMs() const;
    qint64 gracePeriodMs() const;
    qint64 repeatIntervalMs() const;
    void rearmTimer();

    SupervisionSettings m_settings;
    Naming m_naming;
    Clock& m_clock;
    BoardStore* m_store = nullptr;
    QString m_managerId;
    int m_retainedWindowMs = defaultRetainedWindowMs;

    // std::map keeps references to its values valid while other boards are added.
    std::map<QString, BoardRecord> m_boards;
    std::map<QString, BoardRuntime> m_runtime;
    // Status last seen per peer manager id.
    QHash<QString, ManagerStatusValue> m_peers;
    // Values handed out by sharedName() and sharedPinList().
    QSet<QString> m_sharedNames;
    QSet<QStringList> m_sharedPinLists;
    DeadlineQueue m_deadlines;
    QTimer m_timer;
    qint64 m_timerDueMs = 0;

    bool m_brokerConnected = false;
    // Connections so far in this run; the first one follows start-up, later ones follow outages.
    int m_connectionCount = 0;
    qint64 m_connectedAtMs = 0;
    QDateTime m_connectedAt;
    bool m_retainedWindowOpen = false;
    qint64 m_retainedWindowEndMs = 0;
    quint64 m_receivedCount = 0;
    quint64 m_invalidCount = 0;
};

} // namespace gcn
