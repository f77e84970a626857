#pragma once

#include "supervision/Event.h"

#include <QJsonObject>

#include <optional>

namespace gcn {

// Every field of an event as JSON, with the type as its stable name and times in ms since the epoch.
QJsonObject eventToJson(const Event& event);
// Inverse of eventToJson(); returns nullopt for an unknown type or a missing time. Missing optional
// fields keep their defaults, so rows written by an older version still load.
std::optional<Event> eventFromJson(const QJsonObject& json);

} // namespace gcn
