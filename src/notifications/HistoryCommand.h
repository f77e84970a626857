#pragma once

#include "common/Clock.h"
#include "config/Settings.h"

#include <QDateTime>
#include <QStringList>
#include <QTextStream>

#include <expected>

namespace gcn {

// Runs `gcn-manager history [--json] [--since TIME] [--limit N] [--state-dir PATH]`: prints the
// messages of the outbox in the state folder, newest first. `arguments` are those after "history".
// TIME is an ISO 8601 date or date and time (local time unless it carries an offset), or a span
// back from now such as 30m, 24h or 7d. Returns the exit status: 0 on success (also when no outbox
// exists yet), 1 when the outbox cannot be read, 2 for invalid arguments.
int runHistoryCommand(const QStringList& arguments, const Settings& settings, QTextStream& out, QTextStream& err,
                      const Clock& clock = Clock::system());

// Parses the TIME of --since; returns an error sentence for the user on failure.
std::expected<QDateTime, QString> parseHistorySince(const QString& text, const QDateTime& now);

} // namespace gcn
