#pragma once

#include "supervision/Event.h"

#include <QCoreApplication>
#include <QString>

namespace gcn {

// Translated texts of events for desktop alerts, the event log and the history, built from the facts
// the event carries (aliases, pin labels and state words included).
class EventText
{
    Q_DECLARE_TR_FUNCTIONS(EventText)

public:
    // Short title, e.g. "Garage: door open".
    static QString title(const Event& event);
    // One or two sentences with the details, e.g. how long a board was silent.
    static QString body(const Event& event);
    // Translated name of an event type, e.g. "GPIO up".
    static QString typeName(EventType type);
    // "Garage (AA:BB:CC:DD:EE:FF)" with an alias, the id alone without.
    static QString boardName(const QString& boardId, const QString& alias);
    // A duration in the largest fitting units, e.g. "3 min 20 s", "2 h 5 min", "4 d 1 h".
    static QString duration(qint64 seconds);
};

} // namespace gcn
