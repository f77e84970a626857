#include "EventText.h"

#include <QLocale>

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

QString pinName(const Event& event)
{
    return event.pinLabel.isEmpty() ? event.pin : event.pinLabel;
}

QString stateWord(const Event& event)
{
    if (!event.stateWord.isEmpty())
        return event.stateWord;
    return event.pinState == 1 ? EventText::tr("up") : EventText::tr("down");
}

QString localTime(const QDateTime& time)
{
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

} // namespace

QString EventText::boardName(const QString& boardId, const QString& alias)
{
    return alias.isEmpty() ? boardId : tr("%1 (%2)").arg(alias, boardId);
}

QString EventText::duration(qint64 seconds)
{
    seconds = qMax<qint64>(0, seconds);
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return seconds % 60 == 0 ? tr("%1 min").arg(seconds / 60) : tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    if (seconds < 86400) {
        const qint64 minutes = (seconds % 3600) / 60;
        return minutes == 0 ? tr("%1 h").arg(seconds / 3600) : tr("%1 h %2 min").arg(seconds / 3600).arg(minutes);
    }
    const qint64 hours = (seconds % 86400) / 3600;
    return hours == 0 ? tr("%1 d").arg(seconds / 86400) : tr("%1 d %2 h").arg(seconds / 86400).arg(hours);
}

QString EventText::typeName(EventType type)
{
    switch (type) {
    case EventType::ManagerStarting:
        return tr("manager starting");
    case EventType::ManagerStillConnecting:
        return tr("manager still connecting");
    case EventType::ManagerConnected:
        return tr("manager connected");
    case EventType::ManagerDisconnected:
        return tr("manager disconnected");
    case EventType::ManagerExiting:
        return tr("manager exiting");
    case EventType::BoardHeartbeatSkewed:
        return tr("clock skewed");
    case EventType::BoardHeartbeatMissed:
        return tr("heartbeat missed");
    case EventType::BoardDroppedItems:
        return tr("dropped items");
    case EventType::BoardStatusOnline:
        return tr("board online");
    case EventType::BoardStatusOffline:
        return tr("board offline");
    case EventType::GpioUp:
        return tr("GPIO up");
    case EventType::GpioDown:
        return tr("GPIO down");
    case EventType::BoardHeartbeatResumed:
        return tr("heartbeat resumed");
    case EventType::BoardSkewRecovered:
        return tr("clock back in bounds");
    case EventType::PeerManagerOffline:
        return tr("other manager offline");
    }
    return eventTypeName(type);
}

QString EventText::title(const Event& event)
{
    const QString board = event.boardAlias.isEmpty() ? event.boardId : event.boardAlias;
    if (event.reminder) {
        switch (event.type) {
        case EventType::BoardStatusOffline:
            return tr("%1: still offline").arg(board);
        case EventType::BoardHeartbeatMissed:
            return tr("%1: still silent").arg(board);
        case EventType::BoardHeartbeatSkewed:
            return tr("%1: clock still skewed").arg(board);
        default:
            break;
        }
    }
    switch (event.type) {
    case EventType::ManagerStarting:
        return tr("Manager starting");
    case EventType::ManagerStillConnecting:
        return tr("Still connecting to the broker");
    case EventType::ManagerConnected:
        return tr("Connected to the broker");
    case EventType::ManagerDisconnected:
        return tr("Disconnected from the broker");
    case EventType::ManagerExiting:
        return tr("Manager exiting");
    case EventType::BoardHeartbeatSkewed:
        return tr("%1: clock skewed").arg(board);
    case EventType::BoardHeartbeatMissed:
        return tr("%1: heartbeat missed").arg(board);
    case EventType::BoardDroppedItems:
        return tr("%1: dropped items").arg(board);
    case EventType::BoardStatusOnline:
        return tr("%1: online").arg(board);
    case EventType::BoardStatusOffline:
        return tr("%1: offline").arg(board);
    case EventType::GpioUp:
    case EventType::GpioDown:
        return tr("%1: %2 %3").arg(board, pinName(event), stateWord(event));
    case EventType::BoardHeartbeatResumed:
        return tr("%1: heartbeat resumed").arg(board);
    case EventType::BoardSkewRecovered:
        return tr("%1: clock back in bounds").arg(board);
    case EventType::PeerManagerOffline:
        return tr("Manager %1 offline").arg(event.peerManagerId);
    }
    return typeName(event.type);
}

namespace {

// A reminder that a problem of a board still lasts, e.g. "Reminder: Garage is still offline, since
// 04/12/2026 14:05 (2 h 10 min)."; empty for other events.
QString reminderBody(const Event& event, const QString& board)
{
    if (!event.reminder)
        return {};
    const QString since = event.problemSince.isValid() ? localTime(event.problemSince) : EventText::tr("unknown time");
    const QString lasting = EventText::duration(event.problemSince.isValid() ? event.problemSince.secsTo(event.occurredAt)
                                                                             : 0);
    switch (event.type) {
    case EventType::BoardStatusOffline:
        return EventText::tr("Reminder: %1 is still offline, since %2 (%3).").arg(board, since, lasting);
    case EventType::BoardHeartbeatMissed:
        return EventText::tr("Reminder: %1 has sent no heartbeat since %2 (%3).").arg(board, since, lasting);
    case EventType::BoardHeartbeatSkewed:
        return EventText::tr("Reminder: the clock of %1 is still %2 off the manager's clock, for %3.")
            .arg(board, EventText::duration(qAbs(event.skewSeconds)), lasting);
    default:
        return {};
    }
}

} // namespace

QString EventText::body(const Event& event)
{
    const QString board = boardName(event.boardId, event.boardAlias);
    const QString when = localTime(event.occurredAt);
    QString text = reminderBody(event, board);
    if (!text.isEmpty())
        return text + u' ' + tr("At %1.").arg(when);
    switch (event.type) {
    case EventType::ManagerStarting:
        text = tr("Manager %1 is starting.").arg(event.managerId);
        break;
    case EventType::ManagerStillConnecting:
        text = tr("Manager %1 has not reached the broker for %2.")
                   .arg(event.managerId, duration(event.runSeconds));
        break;
    case EventType::ManagerConnected:
        text = tr("Manager %1 is connected to the broker.").arg(event.managerId);
        break;
    case EventType::ManagerDisconnected:
        text = tr("Manager %1 lost the broker: %2").arg(event.managerId, event.detail);
        break;
    case EventType::ManagerExiting:
        text = tr("Manager %1 is exiting after %2.").arg(event.managerId, duration(event.runSeconds));
        break;
    case EventType::BoardHeartbeatSkewed:
        text = tr("The clock of %1 is %2 off the manager's clock.").arg(board, duration(qAbs(event.skewSeconds)));
        break;
    case EventType::BoardHeartbeatMissed:
        text = tr("%1 has sent no heartbeat for %2.").arg(board, duration(event.silenceSeconds));
        break;
    case EventType::BoardDroppedItems:
        text = tr("%1 had to drop GPIO changes: %2 in total since it started.")
                   .arg(board)
                   .arg(event.droppedTotal);
        break;
    case EventType::BoardStatusOnline:
        text = event.offlineSeconds > 0
                   ? tr("%1 is online again after %2 offline.").arg(board, duration(event.offlineSeconds))
                   : tr("%1 is online.").arg(board);
        break;
    case EventType::BoardStatusOffline:
        text = tr("%1 is offline.").arg(board);
        break;
    case EventType::GpioUp:
    case EventType::GpioDown:
        text = tr("Pin %1 of %2 is %3.").arg(pinName(event), board, stateWord(event));
        break;
    case EventType::BoardHeartbeatResumed:
        text = tr("%1 sends heartbeats again after %2 of silence.").arg(board, duration(event.silenceSeconds));
        break;
    case EventType::BoardSkewRecovered:
        text = tr("The clock of %1 is back within the allowed skew.").arg(board);
        break;
    case EventType::PeerManagerOffline:
        text = tr("Manager %1 on the same broker went offline.").arg(event.peerManagerId);
        break;
    }
    if (event.learntLate)
        text += u' ' + tr("Learnt after the fact; it happened at %1.").arg(when);
    else
        text += u' ' + tr("At %1.").arg(when);
    return text;
}

} // namespace gcn
