#include "operations/Logging.h"

#include <QLoggingCategory>
#include <QString>
#include <QStringList>

namespace gcn {

using namespace Qt::StringLiterals;

void setUpLogging(LogLevel level)
{
    // Under systemd the journal stamps each line itself, and a "<N>" prefix carries the syslog priority.
    if (qEnvironmentVariableIsSet("JOURNAL_STREAM")) {
        qSetMessagePattern(u"%{if-debug}<7>%{endif}%{if-info}<6>%{endif}%{if-warning}<4>%{endif}"
                           "%{if-critical}<2>%{endif}%{if-fatal}<0>%{endif}%{category}: %{message}"_s);
    } else {
        qSetMessagePattern(u"%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-debug}debug%{endif}%{if-info}info%{endif}"
                           "%{if-warning}warning%{endif}%{if-critical}critical%{endif}%{if-fatal}fatal%{endif}"
                           " %{category}: %{message}"_s);
    }

    QStringList rules;
    rules << u"*.debug=%1"_s.arg(level <= LogLevel::Debug ? u"true"_s : u"false"_s)
          << u"*.info=%1"_s.arg(level <= LogLevel::Info ? u"true"_s : u"false"_s)
          // Qt has no separate error level: "error" keeps warnings off and criticals on.
          << u"*.warning=%1"_s.arg(level <= LogLevel::Warning ? u"true"_s : u"false"_s)
          << u"*.critical=true"_s
          // Per-packet chatter only when asked for by name in QT_LOGGING_RULES.
          << u"gcn.mqtt.verbose.debug=false"_s
          // Qt's own debug output is noise for users of the service.
          << u"qt.*.debug=false"_s;
    QLoggingCategory::setFilterRules(rules.join(u'\n'));
}

} // namespace gcn
