#pragma once

#include <optional>

#include <QDateTime>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include "supervision/MetricSet.h"

namespace gcn {

enum class BoardStatus { Unknown, Online, Offline };

// Stable lower-case name ("unknown", "online", "offline") used in storage and output.
QString boardStatusName(BoardStatus status);
std::optional<BoardStatus> boardStatusFromName(const QString& name);

// The last sample of one pin.
struct PinSample
{
    // 0 (down) or 1 (up).
    int state = 0;
    // Board time of the change, seconds since the epoch.
    quint32 boardTimestamp = 0;
    // Wall-clock time (UTC) at which the manager received it.
    QDateTime receivedAt;
    // True when it came as a retained message, so the change may be older than receivedAt.
    bool retained = false;
    // The state last announced in an event, or the state the pin was first seen in. Differs from
    // `state` while a change waits for its debounce interval to pass.
    int announcedState = 0;

    bool operator==(const PinSample&) const = default;
};

// The state of one board as the manager last recorded it. The supervision keeps one per board and the
// board store persists it, so that a restarted manager compares retained messages with it.
struct BoardRecord
{
    // MAC address exactly as received in topics.
    QString id;
    QDateTime firstSeenAt;
    // Last message of any kind from this board (UTC).
    QDateTime lastSeenAt;

    // Last status received, and when the manager received it.
    BoardStatus status = BoardStatus::Unknown;
    QDateTime statusReceivedAt;
    // The status last announced in an event, or the status the board was first seen in. Differs from
    // `status` while an offline board is inside its grace period.
    BoardStatus announcedStatus = BoardStatus::Unknown;

    // Names from the last monitored-pin list; pinsKnown is false until a list was received.
    bool pinsKnown = false;
    QStringList monitoredPins;
    // Last sample per pin name. May hold samples of pins no longer monitored.
    QMap<QString, PinSample> pins;

    // Last heartbeat (board clock, seconds since the epoch) and when the manager received it.
    std::optional<quint32> heartbeat;
    QDateTime heartbeatReceivedAt;
    // True when the last heartbeat came as a retained message, so it may be older than its receipt.
    bool heartbeatRetained = false;
    // Monotonic time (Clock::monotonicMs()) of the receipt; -1 when not received during this run.
    qint64 heartbeatReceivedMs = -1;

    // A missed heartbeat was announced and no heartbeat arrived since. silentSince is when the
    // watchdog period ran out.
    bool silent = false;
    QDateTime silentSince;
    // The last live heartbeat was off the manager clock by at least the maximum skew (announced), and
    // the skew it had, in seconds (board minus manager). skewedSince is when the skew was announced.
    bool skewed = false;
    qint64 skewSeconds = 0;
    QDateTime skewedSince;

    // Dropped-item counter of the board's ring buffer since its last boot.
    std::optional<quint64> droppedTotal;
    QDateTime droppedReceivedAt;

    QString hardware;
    QDateTime hardwareReceivedAt;

    // Every metric by path after `out/`, e.g. "esp8266/free_heap", "network/dns/0".
    MetricSet metrics;

    bool operator==(const BoardRecord&) const = default;
};

} // namespace gcn

Q_DECLARE_METATYPE(gcn::BoardRecord)
