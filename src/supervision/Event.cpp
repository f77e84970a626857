#include "supervision/Event.h"

#include <array>
#include <utility>

namespace gcn {

namespace {

using namespace Qt::StringLiterals;

const std::array<std::pair<EventType, QLatin1StringView>, 15> eventTypeNames {{
    {EventType::ManagerStarting, "manager_starting"_L1},
    {EventType::ManagerStillConnecting, "manager_still_connecting"_L1},
    {EventType::ManagerConnected, "manager_connected"_L1},
    {EventType::ManagerDisconnected, "manager_disconnected"_L1},
    {EventType::ManagerExiting, "manager_exiting"_L1},
    {EventType::BoardHeartbeatSkewed, "client_heartbeat_skewed"_L1},
    {EventType::BoardHeartbeatMissed, "client_heartbeat_missed"_L1},
    {EventType::BoardDroppedItems, "client_dropped_items"_L1},
    {EventType::BoardStatusOnline, "client_status_online"_L1},
    {EventType::BoardStatusOffline, "client_status_offline"_L1},
    {EventType::GpioUp, "client_gpio_up"_L1},
    {EventType::GpioDown, "client_gpio_down"_L1},
    {EventType::BoardHeartbeatResumed, "client_heartbeat_resumed"_L1},
    {EventType::BoardSkewRecovered, "client_skew_recovered"_L1},
    {EventType::PeerManagerOffline, "peer_manager_offline"_L1},
}};

} // namespace

QString eventTypeName(EventType type)
{
    for (const auto& [candidate, name] : eventTypeNames) {
        if (candidate == type)
            return QString(name);
    }
    return u"unknown"_s;
}

bool eventTypeFromName(const QString& name, EventType* type)
{
    for (const auto& [candidate, candidateName] : eventTypeNames) {
        if (name == candidateName) {
            *type = candidate;
            return true;
        }
    }
    return false;
}

bool isManagerEvent(EventType type)
{
    switch (type) {
    case EventType::ManagerStarting:
    case EventType::ManagerStillConnecting:
    case EventType::ManagerConnected:
    case EventType::ManagerDisconnected:
    case EventType::ManagerExiting:
    case EventType::PeerManagerOffline:
        return true;
    default:
        return false;
    }
}

} // namespace gcn
