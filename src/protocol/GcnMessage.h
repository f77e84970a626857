#pragma once

#include <variant>

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <QtGlobal>

namespace gcn {

// Connection status published by a board (`gcn/<MAC>/out/status`).
enum class BoardStatusValue { Online, Offline };

// Status published on `gcn_manager/status/<id>`. Empty is the deletion of a retained status.
enum class ManagerStatusValue { Online, Offline, Empty };

struct BoardStatusMessage
{
    QString boardId;
    BoardStatusValue status = BoardStatusValue::Online;
};

struct HeartbeatMessage
{
    QString boardId;
    // Board clock, seconds since the epoch.
    quint32 boardTime = 0;
};

struct GpioSampleMessage
{
    QString boardId;
    QString pin;
    // 0 (down) or 1 (up).
    int state = 0;
    // Board time of the change, seconds since the epoch.
    quint32 timestamp = 0;
};

// Number of GPIO changes the board's ring buffer dropped since it booted.
struct DroppedCounterMessage
{
    QString boardId;
    quint64 total = 0;
};

struct MonitoredPinsMessage
{
    QString boardId;
    // Trimmed names in the order received, without duplicates.
    QStringList pins;
};

struct HardwareMessage
{
    QString boardId;
    QString hardware;
};

struct MetricMessage
{
    QString boardId;
    // Topic levels after `out/`, e.g. "esp8266/free_heap", "network/dns/0".
    QString path;
    // Trimmed text as published. Numbers stay text because firmware builds format them differently.
    QString value;
};

// A zero-length payload on a board `out` topic, which deletes the retained value (a manager clearing a
// stale GPIO sample, for instance). The firmware itself publishes no empty payload.
struct RetainedClearedMessage
{
    QString boardId;
    // Topic levels after `out/`, e.g. "gpio/D3".
    QString path;
};

// A category under `out` that this manager does not know. The supervision ignores it.
struct UnknownCategoryMessage
{
    QString boardId;
    QString path;
};

// A command sent to a board on `gcn/<MAC>/in/<command>`. Managers do not act on it.
struct BoardCommandMessage
{
    QString boardId;
    QString command;
    QByteArray payload;
};

struct ManagerStatusMessage
{
    QString managerId;
    ManagerStatusValue status = ManagerStatusValue::Empty;
};

// Every message a manager can receive on its subscriptions, as typed values.
using GcnMessage = std::variant<BoardStatusMessage, HeartbeatMessage, GpioSampleMessage, DroppedCounterMessage,
                                MonitoredPinsMessage, HardwareMessage, MetricMessage, RetainedClearedMessage,
                                UnknownCategoryMessage, BoardCommandMessage, ManagerStatusMessage>;

// Rejection of a received topic or payload, with its reason.
struct ParseError
{
    enum class Code {
        InvalidTopic,
        UnknownRootLevel,
        EmptyLevel,
        MissingLevel,
        ExtraLevel,
        InvalidBoardId,
        InvalidManagerId,
        UnknownDirection,
        InvalidPinName,
        InvalidPayload,
        PayloadTooLarge,
    };

    Code code = Code::InvalidTopic;
    // The topic as received, with control characters escaped and cut to a readable length.
    QString topic;
    // Description of the fault and of the expected form.
    QString message;

    // One line for logs: "invalid message on topic '<topic>': <message>".
    QString toString() const;
};

// Text safe for a log line: control characters, U+FFFD and lone surrogates are written as \u{XXXX},
// and text longer than maxChars is cut and ends with "...".
QString printableText(QStringView text, qsizetype maxChars = 200);

} // namespace gcn
