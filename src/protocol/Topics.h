#pragma once

#include "protocol/GcnMessage.h"

#include <expected>

#include <QLatin1StringView>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace gcn::topics {

using namespace Qt::StringLiterals;

// First topic level of board topics and of manager status topics.
inline constexpr QLatin1StringView boardRoot = "gcn"_L1;
inline constexpr QLatin1StringView managerRoot = "gcn_manager"_L1;
// Prefix of a manager id; the rest is random bytes in hex.
inline constexpr QLatin1StringView managerIdPrefix = "gcn_manager_"_L1;
// Prefix of the id of a manager that only watches (a desktop monitor): other managers clear its retained
// `offline` but raise no alert when it goes away. It is still a valid manager id for older managers.
inline constexpr QLatin1StringView monitorIdPrefix = "gcn_manager_monitor"_L1;

inline constexpr QLatin1StringView onlinePayload = "online"_L1;
inline constexpr QLatin1StringView offlinePayload = "offline"_L1;

// Subscriptions of a manager, all at QoS 1: manager statuses, board topics of one level under `out`
// (status, heartbeat, monitored_gpio, hardware, buffer_total_dropped_item), GPIO samples, metrics of two
// levels (esp8266/..., uptime/..., network/..., mqtt/...) and the DNS servers (network/dns/<index>).
inline constexpr QLatin1StringView managerStatusFilter = "gcn_manager/status/+"_L1;
inline constexpr QLatin1StringView boardOutFilter = "gcn/+/out/+"_L1;
inline constexpr QLatin1StringView boardGpioFilter = "gcn/+/out/gpio/+"_L1;
inline constexpr QLatin1StringView boardMetricFilter = "gcn/+/out/+/+"_L1;
inline constexpr QLatin1StringView boardDnsFilter = "gcn/+/out/network/dns/+"_L1;
inline constexpr int subscriptionQos = 1;

// The filters a manager subscribes to, in order: all of the above except boardGpioFilter, whose topics
// boardMetricFilter already matches.
QStringList managerSubscriptions();

// Commands a board acts on (`gcn/<MAC>/in/<command>`, non-empty payload, never retained).
QStringList knownBoardCommands();
bool isKnownBoardCommand(QStringView command);

// A board id: a MAC address written as six pairs of hexadecimal digits joined by ':'. Either letter
// case is accepted; ids are compared exactly as received elsewhere.
bool isBoardId(QStringView id);
// A manager id: "gcn_manager_" followed by 1 to 64 ASCII letters or digits.
bool isManagerId(QStringView id);
// A pin name: 1 to 64 printable characters without white space, '/', '+', '#' or ','.
bool isPinName(QStringView name);

// `gcn/<MAC>/in/<command>`. Rejects an invalid MAC or a command that is not a single topic level; does
// not check that the command is known (see isKnownBoardCommand()).
std::expected<QString, ParseError> boardCommandTopic(const QString& boardId, const QString& command);
// `gcn/<MAC>/out/gpio/<pin>`, the topic of a pin's retained sample. Both parts must be valid.
std::expected<QString, ParseError> boardGpioTopic(const QString& boardId, const QString& pin);
// `gcn_manager/status/<id>`.
QString managerStatusTopic(const QString& managerId);
// The MQTT client id a board uses: "gcn-" then the MAC with ':' replaced by '_'.
QString boardClientId(const QString& boardId);

} // namespace gcn::topics
