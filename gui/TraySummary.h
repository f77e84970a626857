#pragma once

#include "supervision/BoardRecord.h"
#include "supervision/Event.h"

#include <optional>

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace gcn {

// Content of the tray icon: one of three states and a tooltip that summarises the boards.
struct TraySummary
{
    Q_DECLARE_TR_FUNCTIONS(TraySummary)

public:
    enum class State {
        // Connected to the broker and no board has a problem.
        Fine,
        // Connected, and at least one board is offline, silent or skewed.
        Problem,
        // Not connected to the broker (or not subscribed yet).
        Disconnected,
    };

    State state = State::Disconnected;
    QString toolTip;

    // Stable lower-case name ("fine", "problem", "disconnected") for the test report.
    static QString stateName(State state);

    // Builds the summary. `connectionText` describes the connection when it is not ready;
    // `problemBoards` is the number of boards with a problem.
    static TraySummary build(bool ready, const QString& connectionText, int boardCount, int onlineCount,
                             int problemBoards, const std::optional<Event>& lastEvent);
};

} // namespace gcn
