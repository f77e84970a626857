#include "TraySummary.h"

#include "EventText.h"

#include <QLocale>

namespace gcn {

using namespace Qt::StringLiterals;

QString TraySummary::stateName(State state)
{
    switch (state) {
    case State::Fine:
        return u"fine"_s;
    case State::Problem:
        return u"problem"_s;
    case State::Disconnected:
        return u"disconnected"_s;
    }
    return {};
}

TraySummary TraySummary::build(bool ready, const QString& connectionText, int boardCount, int onlineCount,
                               int problemBoards, const std::optional<Event>& lastEvent)
{
    TraySummary summary;
    QStringList lines {tr("GCN manager")};
    if (!ready) {
        summary.state = State::Disconnected;
        lines.append(tr("Not connected: %1").arg(connectionText));
    } else {
        summary.state = problemBoards > 0 ? State::Problem : State::Fine;
    }
    lines.append(tr("Boards online: %1 of %2").arg(onlineCount).arg(boardCount));
    lines.append(problemBoards > 0 ? tr("Boards with a problem: %1").arg(problemBoards) : tr("No problem"));
    if (lastEvent) {
        lines.append(tr("Last event: %1 (%2)")
                         .arg(EventText::title(*lastEvent),
                              QLocale().toString(lastEvent->occurredAt.toLocalTime().time(), u"HH:mm:ss"_s)));
    }
    summary.toolTip = lines.join(u'\n');
    return summary;
}

} // namespace gcn
