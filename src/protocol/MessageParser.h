#pragma once

#include "protocol/GcnMessage.h"

#include <expected>

#include <QByteArray>
#include <QString>

namespace gcn {

// Largest payload accepted. Board payloads are a few dozen bytes; this bound keeps a hostile
// publisher from making the manager decode and store megabytes.
inline constexpr qsizetype maxPayloadBytes = 64 * 1024;

// Parses one received MQTT message into a typed message, without I/O.
//
// Strict on shape, tolerant on noise:
// - The payload must be valid UTF-8 and at most maxPayloadBytes long. Leading and trailing spaces,
//   CR and LF are trimmed; nothing else is.
// - Numbers are whole decimal integers without sign: timestamps from 0 to 4294967295 (32-bit
//   unsigned), counters from 0 to 18446744073709551615 (64-bit unsigned).
// - The topic must not contain empty levels, levels beyond those its category defines, wildcard
//   characters, U+0000 or U+FFFD (what an MQTT client substitutes for invalid UTF-8).
// - Board ids must be MAC addresses (see topics::isBoardId()), pin names must pass
//   topics::isPinName(), and a monitored-pin list must not contain an empty name.
//
// Board ids are kept exactly as received: "AA:BB:CC:DD:EE:FF" and "aa:bb:cc:dd:ee:ff" are two ids.
// The firmware publishes upper case; callers that keep records warn when two ids differ only by case.
//
// A zero-length payload on a board `out` topic parses as RetainedClearedMessage, and on a manager
// status topic as ManagerStatusValue::Empty. Unknown categories under `out` parse as
// UnknownCategoryMessage; any topic under `in` parses as BoardCommandMessage.
// Every error names the topic.
std::expected<GcnMessage, ParseError> parseMessage(const QString& topic, const QByteArray& payload);

// Short description of a message for logs, e.g. "heartbeat 1700000000 from AA:BB:CC:DD:EE:FF".
QString describeMessage(const GcnMessage& message);

} // namespace gcn
