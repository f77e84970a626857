#pragma once

#include "config/Settings.h"

namespace gcn {

// Installs the message format and the level filter for every logging category of the program.
// QT_LOGGING_RULES in the environment still wins over the level, so one category can be switched on alone.
void setUpLogging(LogLevel level);

} // namespace gcn
