#pragma once

#include "config/Settings.h"

#include <QStringList>
#include <QTextStream>

namespace gcn {

// `gcn-manager status [--json]`: prints the board records kept in the state folder, from a running or a
// stopped manager. Returns the exit status.
int runStatusCommand(const QStringList& arguments, const Settings& settings, QTextStream& out, QTextStream& err);

// `gcn-manager send-command BOARD COMMAND [--force] [--payload TEXT]`: publishes a command to a board,
// never retained, and waits until the broker acknowledged it. Unknown commands are refused unless forced.
// Returns the exit status: 0 sent, 1 broker unreachable, 2 usage or fatal connection error.
int runSendCommand(const QStringList& arguments, const Settings& settings, QTextStream& out, QTextStream& err);

} // namespace gcn
