#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace gcn {

// Everything the manager can tell people about. The first twelve are the notification types of the
// first GCN manager; the others are recoveries and peer alerts it did not have.
enum class EventType {
    ManagerStarting,
    ManagerStillConnecting,
    ManagerConnected,
    ManagerDisconnected,
    ManagerExiting,
    BoardHeartbeatSkewed,
    BoardHeartbeatMissed,
    BoardDroppedItems,
    BoardStatusOnline,
    BoardStatusOffline,
    GpioUp,
    GpioDown,
    // A board that was silent sends heartbeats again.
    BoardHeartbeatResumed,
    // A board whose clock was skewed is back within the allowed skew.
    BoardSkewRecovered,
    // Another manager on the same broker went offline.
    PeerManagerOffline,
};

// Stable lower-case name of an event type, used in logs, storage, metrics and options.
QString eventTypeName(EventType type);
// Inverse of eventTypeName(); returns false for an unknown name.
bool eventTypeFromName(const QString& name, EventType* type);
bool isManagerEvent(EventType type);

// One thing that happened, with every fact a notification text needs.
struct Event
{
    EventType type = EventType::ManagerStarting;
    // When it happened, in UTC. For a change learnt from a retained message this is in the past.
    QDateTime occurredAt;
    // True when the manager learnt of it after the fact (retained state or stored state at start-up).
    bool learntLate = false;

    // Board events: the board's MAC address as received and its alias (empty when none is configured).
    QString boardId;
    QString boardAlias;

    // GPIO events: pin name, its label and the word for its new state (empty when not configured).
    QString pin;
    QString pinLabel;
    QString stateWord;
    int pinState = -1;
    // Board time of the GPIO change, seconds since the epoch.
    qint64 boardTimestamp = 0;

    // Heartbeat events: the last heartbeat value (board time, seconds) and the skew in seconds
    // (board clock minus manager clock).
    qint64 heartbeat = 0;
    qint64 skewSeconds = 0;
    // Missed heartbeat and recovery events: how long the board was silent, in seconds.
    qint64 silenceSeconds = 0;
    // Board online again after offline: how long it was offline, in seconds (0 when unknown).
    qint64 offlineSeconds = 0;

    // Dropped-items events: the new total and the previous one (-1 when unknown).
    qint64 droppedTotal = 0;
    qint64 previousDroppedTotal = -1;

    // Manager events: the manager id, a peer manager's id, the cause of a disconnection and the run time.
    QString managerId;
    QString peerManagerId;
    QString detail;
    qint64 runSeconds = 0;

    // Board offline, heartbeat missed and heartbeat skewed: true for a reminder that the problem announced
    // earlier still lasts. occurredAt is then the time of the reminder and problemSince the time the
    // problem began (the offline status, the last heartbeat, the first skewed heartbeat).
    bool reminder = false;
    QDateTime problemSince;
};

} // namespace gcn

Q_DECLARE_METATYPE(gcn::Event)
