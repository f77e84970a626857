#pragma once

#include "config/Options.h"
#include "config/Settings.h"

#include <expected>
#include <optional>

#include <QHash>
#include <QString>

namespace gcn {

// A configured label for a pin and the words for its two states; empty strings when not configured.
struct PinLabel
{
    QString label;
    QString upWord;
    QString downWord;
};

// Names people gave to boards and pins, from --client-alias (`AA:BB:CC:DD:EE:FF=Garage`) and
// --client-gpio-label (`D1=door,open,closed`, or `AA:BB:CC:DD:EE:FF/D1=door,open,closed` for one board).
//
// Board ids are compared exactly as received everywhere else, but a MAC typed in these options matches
// a board id in either letter case because the firmware always publishes upper case and people type
// both. Pin names are compared exactly.
class Naming
{
public:
    Naming() = default;

    // Parses every alias and label entry of the settings. The first invalid entry gives a ConfigError
    // that names the option and the entry.
    static std::expected<Naming, ConfigError> fromSettings(const SupervisionSettings& settings);

    // Alias of a board, empty when none is configured.
    QString boardAlias(const QString& boardId) const;
    // Label of a pin: the entry for this board if any, else the entry for the pin name on every board.
    PinLabel pinLabel(const QString& boardId, const QString& pin) const;
    // Configured word for a pin state (1 = up, 0 = down), empty when none is configured.
    QString stateWord(const QString& boardId, const QString& pin, int state) const;

private:
    // Keys are upper-case MAC addresses.
    QHash<QString, QString> m_aliases;
    QHash<QString, PinLabel> m_labelsForAllBoards;
    // Keys are "<upper-case MAC>/<pin>".
    QHash<QString, PinLabel> m_labelsForOneBoard;
};

// Checks the alias and label entries of the settings at start-up; returns the first error, if any.
std::optional<ConfigError> validateNaming(const SupervisionSettings& settings);

} // namespace gcn
