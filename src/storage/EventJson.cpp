#include "storage/EventJson.h"

namespace gcn {

using namespace Qt::StringLiterals;

QJsonObject eventToJson(const Event& event)
{
    QJsonObject json;
    json.insert(u"type"_s, eventTypeName(event.type));
    json.insert(u"occurredAtMs"_s, event.occurredAt.toMSecsSinceEpoch());
    json.insert(u"learntLate"_s, event.learntLate);
    json.insert(u"boardId"_s, event.boardId);
    json.insert(u"boardAlias"_s, event.boardAlias);
    json.insert(u"pin"_s, event.pin);
    json.insert(u"pinLabel"_s, event.pinLabel);
    json.insert(u"stateWord"_s, event.stateWord);
    json.insert(u"pinState"_s, event.pinState);
    json.insert(u"boardTimestamp"_s, event.boardTimestamp);
    json.insert(u"heartbeat"_s, event.heartbeat);
    json.insert(u"skewSeconds"_s, event.skewSeconds);
    json.insert(u"silenceSeconds"_s, event.silenceSeconds);
    json.insert(u"offlineSeconds"_s, event.offlineSeconds);
    json.insert(u"droppedTotal"_s, event.droppedTotal);
    json.insert(u"previousDroppedTotal"_s, event.previousDroppedTotal);
    json.insert(u"managerId"_s, event.managerId);
    json.insert(u"peerManagerId"_s, event.peerManagerId);
    json.insert(u"detail"_s, event.detail);
    json.insert(u"runSeconds"_s, event.runSeconds);
    json.insert(u"reminder"_s, event.reminder);
    if (event.problemSince.isValid())
        json.insert(u"problemSinceMs"_s, event.problemSince.toMSecsSinceEpoch());
    return json;
}

std::optional<Event> eventFromJson(const QJsonObject& json)
{
    Event event;
    if (!eventTypeFromName(json.value(u"type"_s).toString(), &event.type))
        return std::nullopt;
    const QJsonValue occurred = json.value(u"occurredAtMs"_s);
    if (!occurred.isDouble())
        return std::nullopt;
    event.occurredAt = QDateTime::fromMSecsSinceEpoch(occurred.toInteger(), Qt::UTC);
    event.learntLate = json.value(u"learntLate"_s).toBool();
    event.boardId = json.value(u"boardId"_s).toString();
    event.boardAlias = json.value(u"boardAlias"_s).toString();
    event.pin = json.value(u"pin"_s).toString();
    event.pinLabel = json.value(u"pinLabel"_s).toString();
    event.stateWord = json.value(u"stateWord"_s).toString();
    event.pinState = json.value(u"pinState"_s).toInt(-1);
    event.boardTimestamp = json.value(u"boardTimestamp"_s).toInteger();
    event.heartbeat = json.value(u"heartbeat"_s).toInteger();
    event.skewSeconds = json.value(u"skewSeconds"_s).toInteger();
    event.silenceSeconds = json.value(u"silenceSeconds"_s).toInteger();
    event.offlineSeconds = json.value(u"offlineSeconds"_s).toInteger();
    event.droppedTotal = json.value(u"droppedTotal"_s).toInteger();
    event.previousDroppedTotal = json.value(u"previousDroppedTotal"_s).toInteger(-1);
    event.managerId = json.value(u"managerId"_s).toString();
    event.peerManagerId = json.value(u"peerManagerId"_s).toString();
    event.detail = json.value(u"detail"_s).toString();
    event.runSeconds = json.value(u"runSeconds"_s).toInteger();
    event.reminder = json.value(u"reminder"_s).toBool();
    const QJsonValue problemSince = json.value(u"problemSinceMs"_s);
    if (problemSince.isDouble())
        event.problemSince = QDateTime::fromMSecsSinceEpoch(problemSince.toInteger(), Qt::UTC);
    return event;
}

} // namespace gcn
