#include "notifications/NotificationText.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <limits>

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

// GSM 03.38 default alphabet in code order. Position 27, the escape to the extension table, holds
// U+FFFF instead, which never occurs in text, so that it never matches.
const QString gsm7Basic = u"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\uFFFFÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                          "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"_s;
// GSM 03.38 extension table: each of these takes two septets (escape and code).
const QString gsm7Extension = u"\f^{}\\[~]|€"_s;

QString elide(const QString& text, qsizetype limit)
{
    if (limit < 0 || text.size() <= limit)
        return text;
    if (limit <= 3)
        return text.left(limit);
    return text.left(limit - 3) + u"..."_s;
}

// Substitutes %1..%9 in one pass, so that a value containing "%2" is never substituted again.
QString substitute(const QString& pattern, const QStringList& values)
{
    QString result;
    result.reserve(pattern.size() + 64);
    for (qsizetype index = 0; index < pattern.size(); ++index) {
        const QChar character = pattern.at(index);
        if (character == u'%' && index + 1 < pattern.size() && pattern.at(index + 1).isDigit()) {
            const int number = pattern.at(index + 1).digitValue();
            if (number >= 1 && number <= values.size()) {
                result += values.at(number - 1);
                ++index;
                continue;
            }
        }
        result += character;
    }
    return result;
}

bool isBoardEvent(EventType type)
{
    return !isManagerEvent(type);
}

bool isGpioEvent(EventType type)
{
    return type == EventType::GpioUp || type == EventType::GpioDown;
}

} // namespace

NotificationText::NotificationText(const QTimeZone& zone)
    : m_zone(zone.isValid() ? zone : QTimeZone::systemTimeZone())
{
}

QString NotificationText::formatTime(const QDateTime& time) const
{
    if (!time.isValid())
        return tr("unknown time");
    const QDateTime local = time.toTimeZone(m_zone);
    const int offset = local.offsetFromUtc();
    const int absolute = std::abs(offset);
    const QString sign = offset < 0 ? u"-"_s : u"+"_s;
    return local.toString(u"yyyy-MM-dd HH:mm:ss"_s)
           + u" %1%2:%3"_s.arg(sign)
                 .arg(absolute / 3600, 2, 10, QChar(u'0'))
                 .arg((absolute % 3600) / 60, 2, 10, QChar(u'0'));
}

QString NotificationText::formatDuration(qint64 seconds)
{
    if (seconds < 0)
        seconds = -seconds;
    struct Unit
    {
        qint64 seconds;
        QString (*name)(int);
    };
    static const std::array<Unit, 4> units {{
        {86400, [](int n) { return n == 1 ? tr("%n day", nullptr, n) : tr("%n days", nullptr, n); }},
        {3600, [](int n) { return n == 1 ? tr("%n hour", nullptr, n) : tr("%n hours", nullptr, n); }},
        {60, [](int n) { return n == 1 ? tr("%n minute", nullptr, n) : tr("%n minutes", nullptr, n); }},
        {1, [](int n) { return n == 1 ? tr("%n second", nullptr, n) : tr("%n seconds", nullptr, n); }},
    }};
    // The largest non-zero unit and, when not zero, the next one: "2 hours 5 minutes", "2 hours".
    QStringList parts;
    qint64 rest = seconds;
    for (const Unit& unit : units) {
        const qint64 count = rest / unit.seconds;
        rest %= unit.seconds;
        if (count > 0)
            parts.append(unit.name(int(std::min<qint64>(count, std::numeric_limits<int>::max()))));
        else if (!parts.isEmpty())
            break;
        if (parts.size() == 2)
            break;
    }
    if (parts.isEmpty())
        return tr("%n seconds", nullptr, 0);
    return parts.join(u' ');
}

QString NotificationText::formatSkew(qint64 seconds)
{
    if (seconds > 0)
        return tr("%1 ahead").arg(formatDuration(seconds));
    if (seconds < 0)
        return tr("%1 behind").arg(formatDuration(seconds));
    return tr("none");
}

QString NotificationText::eventTypeTitle(EventType type)
{
    switch (type) {
    case EventType::ManagerStarting:
        return tr("Manager starting");
    case EventType::ManagerStillConnecting:
        return tr("Manager still connecting");
    case EventType::ManagerConnected:
        return tr("Manager connected");
    case EventType::ManagerDisconnected:
        return tr("Manager disconnected");
    case EventType::ManagerExiting:
        return tr("Manager exiting");
    case EventType::BoardHeartbeatSkewed:
        return tr("Heartbeat skewed");
    case EventType::BoardHeartbeatMissed:
        return tr("Heartbeat missed");
    case EventType::BoardDroppedItems:
        return tr("Dropped items");
    case EventType::BoardStatusOnline:
        return tr("Board online");
    case EventType::BoardStatusOffline:
        return tr("Board offline");
    case EventType::GpioUp:
        return tr("GPIO up");
    case EventType::GpioDown:
        return tr("GPIO down");
    case EventType::BoardHeartbeatResumed:
        return tr("Heartbeat resumed");
    case EventType::BoardSkewRecovered:
        return tr("Clock skew recovered");
    case EventType::PeerManagerOffline:
        return tr("Peer manager offline");
    }
    return tr("Notification");
}

QString NotificationText::eventTitle(const Event& event)
{
    if (event.reminder)
        return tr("Reminder: %1").arg(eventTypeTitle(event.type));
    return eventTypeTitle(event.type);
}

QString NotificationText::boardName(const Event& event, bool compact, const Limits& limits) const
{
    const QString alias = elide(event.boardAlias.trimmed(), limits.alias);
    if (compact)
        return alias.isEmpty() ? event.boardId : alias;
    if (alias.isEmpty())
        return tr("Board %1").arg(event.boardId);
    return tr("%1 (%2)").arg(alias, event.boardId);
}

QString NotificationText::headline(const Event& event, bool compact, const Limits& limits) const
{
    const QString manager = event.managerId.isEmpty() ? tr("The manager") : tr("Manager %1").arg(event.managerId);
    const QString board = isBoardEvent(event.type) ? boardName(event, compact, limits) : QString();
    const QString detail = elide(event.detail.trimmed(), limits.detail);
    if (event.reminder && isBoardEvent(event.type))
        return reminderHeadline(event, board);

    switch (event.type) {
    case EventType::ManagerStarting:
        return tr("%1 is starting").arg(manager);
    case EventType::ManagerStillConnecting:
        if (event.runSeconds > 0)
            return tr("%1 is still not connected to the broker after %2").arg(manager, formatDuration(event.runSeconds));
        return tr("%1 is still not connected to the broker").arg(manager);
    case EventType::ManagerConnected:
        return tr("%1 connected to the broker").arg(manager);
    case EventType::ManagerDisconnected:
        if (!detail.isEmpty())
            return tr("%1 lost its broker connection: %2").arg(manager, detail);
        return tr("%1 lost its broker connection").arg(manager);
    case EventType::ManagerExiting:
        if (event.runSeconds > 0)
            return tr("%1 is exiting after running for %2").arg(manager, formatDuration(event.runSeconds));
        return tr("%1 is exiting").arg(manager);
    case EventType::BoardHeartbeatSkewed:
        if (event.skewSeconds >= 0)
            return tr("The clock of %1 is %2 ahead of the manager's").arg(board, formatDuration(event.skewSeconds));
        return tr("The clock of %1 is %2 behind the manager's").arg(board, formatDuration(event.skewSeconds));
    case EventType::BoardHeartbeatMissed:
        return tr("%1 is silent: no heartbeat for %2").arg(board, formatDuration(event.silenceSeconds));
    case EventType::BoardDroppedItems:
        if (event.previousDroppedTotal >= 0 && event.previousDroppedTotal <= event.droppedTotal) {
            return tr("%1 dropped %2 GPIO changes (%3 since boot)")
                .arg(board)
                .arg(event.droppedTotal - event.previousDroppedTotal)
                .arg(event.droppedTotal);
        }
        return tr("%1 dropped GPIO changes (%2 since boot)").arg(board).arg(event.droppedTotal);
    case EventType::BoardStatusOnline:
        if (event.offlineSeconds > 0)
            return tr("%1 is online again after %2 offline").arg(board, formatDuration(event.offlineSeconds));
        return tr("%1 is online").arg(board);
    case EventType::BoardStatusOffline:
        return tr("%1 is offline").arg(board);
    case EventType::GpioUp:
    case EventType::GpioDown: {
        const QString level = event.type == EventType::GpioUp ? tr("up") : tr("down");
        const QString label = elide(event.pinLabel.trimmed(), limits.pinLabel);
        const QString word = elide(event.stateWord.trimmed(), limits.stateWord);
        if (!label.isEmpty() && !word.isEmpty())
            return substitute(tr("%1: %2 is %3 (pin %4 %5)"), {board, label, word, event.pin, level});
        if (!label.isEmpty())
            return substitute(tr("%1: %2 (pin %3) is %4"), {board, label, event.pin, level});
        if (!word.isEmpty())
            return substitute(tr("%1: pin %2 is %3 (%4)"), {board, event.pin, word, level});
        return substitute(tr("%1: pin %2 is %3"), {board, event.pin, level});
    }
    case EventType::BoardHeartbeatResumed:
        if (event.silenceSeconds > 0)
            return tr("%1 sends heartbeats again after %2 of silence").arg(board, formatDuration(event.silenceSeconds));
        return tr("%1 sends heartbeats again").arg(board);
    case EventType::BoardSkewRecovered:
        return tr("The clock of %1 is back within bounds (skew %2)").arg(board, formatSkew(event.skewSeconds));
    case EventType::PeerManagerOffline:
        return tr("Manager %1 went offline").arg(event.peerManagerId.isEmpty() ? tr("(unknown id)")
                                                                                : event.peerManagerId);
    }
    return eventTypeTitle(event.type);
}

// Builds the headline of a reminder: the problem that still lasts, since when and for how long.
QString NotificationText::reminderHeadline(const Event& event, const QString& board) const
{
    const QString since = formatTime(event.problemSince);
    const QString lasting = event.problemSince.isValid()
                                ? formatDuration(qMax<qint64>(0, event.problemSince.secsTo(event.occurredAt)))
                                : tr("unknown time");
    switch (event.type) {
    case EventType::BoardStatusOffline:
        return substitute(tr("%1 is still offline, since %2 (%3)"), {board, since, lasting});
    case EventType::BoardHeartbeatMissed:
        return substitute(tr("%1 is still silent: no heartbeat since %2 (%3)"), {board, since, lasting});
    case EventType::BoardHeartbeatSkewed:
        if (event.skewSeconds >= 0) {
            return substitute(tr("The clock of %1 is still %2 ahead, for %3"),
                              {board, formatDuration(event.skewSeconds), lasting});
        }
        return substitute(tr("The clock of %1 is still %2 behind, for %3"),
                          {board, formatDuration(event.skewSeconds), lasting});
    default:
        return substitute(tr("%1: still %2, since %3 (%4)"), {board, eventTypeTitle(event.type), since, lasting});
    }
}

QString NotificationText::factLines(const Event& event) const
{
    QStringList lines;
    lines << tr("Event: %1").arg(eventTitle(event));
    if (isBoardEvent(event.type)) {
        // The label already says "Board", so the name is the alias and id, or the id alone.
        const QString alias = event.boardAlias.trimmed();
        lines << tr("Board: %1").arg(alias.isEmpty() ? event.boardId : tr("%1 (%2)").arg(alias, event.boardId));
    } else if (event.type == EventType::PeerManagerOffline) {
        lines << tr("Peer manager: %1").arg(event.peerManagerId);
    }
    if (!event.managerId.isEmpty())
        lines << tr("Reported by manager: %1").arg(event.managerId);
    lines << tr("When: %1").arg(formatTime(event.occurredAt));

    switch (event.type) {
    case EventType::GpioUp:
    case EventType::GpioDown:
        lines << (event.pinLabel.isEmpty() ? tr("Pin: %1").arg(event.pin)
                                           : tr("Pin: %1 (%2)").arg(event.pin, event.pinLabel.trimmed()));
        if (event.stateWord.isEmpty()) {
            lines << tr("State: %1 (%2)").arg(event.type == EventType::GpioUp ? tr("up") : tr("down")).arg(event.pinState);
        } else {
            lines << tr("State: %1 (%2, %3)")
                         .arg(event.stateWord.trimmed(), event.type == EventType::GpioUp ? tr("up") : tr("down"))
                         .arg(event.pinState);
        }
        if (event.boardTimestamp > 0) {
            lines << tr("Time of the change on the board's clock: %1")
                         .arg(formatTime(QDateTime::fromSecsSinceEpoch(event.boardTimestamp, Qt::UTC)));
        }
        break;
    case EventType::BoardHeartbeatSkewed:
    case EventType::BoardSkewRecovered:
        lines << tr("Skew of the board's clock: %1 (%2 s)").arg(formatSkew(event.skewSeconds)).arg(event.skewSeconds);
        break;
    case EventType::BoardHeartbeatMissed:
    case EventType::BoardHeartbeatResumed:
        lines << tr("Silent for: %1 (%2 s)").arg(formatDuration(event.silenceSeconds)).arg(event.silenceSeconds);
        break;
    case EventType::BoardStatusOnline:
        if (event.offlineSeconds > 0)
            lines << tr("Offline for: %1 (%2 s)").arg(formatDuration(event.offlineSeconds)).arg(event.offlineSeconds);
        break;
    case EventType::BoardDroppedItems:
        lines << tr("GPIO changes dropped since boot: %1").arg(event.droppedTotal);
        if (event.previousDroppedTotal >= 0)
            lines << tr("Previous count: %1").arg(event.previousDroppedTotal);
        break;
    case EventType::ManagerStillConnecting:
    case EventType::ManagerExiting:
        if (event.runSeconds > 0)
            lines << tr("Running for: %1").arg(formatDuration(event.runSeconds));
        break;
    default:
        break;
    }
    if ((event.type == EventType::BoardHeartbeatSkewed || event.type == EventType::BoardHeartbeatMissed
         || event.type == EventType::BoardHeartbeatResumed || event.type == EventType::BoardSkewRecovered)
        && event.heartbeat > 0) {
        lines << tr("Last heartbeat on the board's clock: %1")
                     .arg(formatTime(QDateTime::fromSecsSinceEpoch(event.heartbeat, Qt::UTC)));
    }
    if (!event.detail.trimmed().isEmpty())
        lines << tr("Detail: %1").arg(event.detail.trimmed());
    if (event.reminder) {
        lines << tr("Problem since: %1").arg(formatTime(event.problemSince));
        if (event.problemSince.isValid()) {
            const qint64 lasting = qMax<qint64>(0, event.problemSince.secsTo(event.occurredAt));
            lines << tr("Lasting for: %1 (%2 s)").arg(formatDuration(lasting)).arg(lasting);
        }
        lines << QString()
              << tr("This is a reminder: the problem was notified before and lasts. Another reminder follows "
                    "after each repeat interval until it ends.");
    }
    if (event.learntLate) {
        lines << QString()
              << tr("The manager learnt of this after it happened (from retained or stored state); "
                    "the time above is when it happened.");
    }
    return lines.join(u'\n');
}

QString NotificationText::shortPattern(const Event& event) const
{
    if (event.reminder)
        return tr("GCN reminder: %1 at %2");
    return event.learntLate ? tr("GCN: %1, earlier at %2") : tr("GCN: %1 at %2");
}

QString NotificationText::shortText(const Event& event) const
{
    const QString when = formatTime(event.occurredAt);
    Limits limits;
    for (int round = 0; round < 32; ++round) {
        const QString pattern = shortPattern(event);
        const QString text = toGsm7(substitute(pattern, {headline(event, false, limits), when}));
        const qsizetype overflow = std::max<qsizetype>(gsm7Length(text) - maxSmsSeptets,
                                                       text.size() - maxPostCharacters);
        if (overflow <= 0)
            return text;

        // Shorten the longest text a user configured (alias, label, state word) or received (detail).
        struct Field
        {
            qsizetype* limit;
            qsizetype length;
        };
        auto effective = [](qsizetype limit, const QString& value) {
            const qsizetype length = value.trimmed().size();
            return limit < 0 ? length : std::min(limit, length);
        };
        std::array<Field, 4> fields {{
            {&limits.alias, effective(limits.alias, event.boardAlias)},
            {&limits.pinLabel, isGpioEvent(event.type) ? effective(limits.pinLabel, event.pinLabel) : 0},
            {&limits.stateWord, isGpioEvent(event.type) ? effective(limits.stateWord, event.stateWord) : 0},
            {&limits.detail, effective(limits.detail, event.detail)},
        }};
        Field* longest = std::max_element(fields.begin(), fields.end(), [](const Field& a, const Field& b) {
            return a.length < b.length;
        });
        if (longest->length <= 4)
            break;
        *longest->limit = std::max<qsizetype>(4, longest->length - overflow);
    }

    // Still too long: cut the text itself, which loses its end.
    const QString pattern = event.reminder ? tr("GCN reminder: %1 at %2") : tr("GCN: %1 at %2");
    const QString text = toGsm7(substitute(pattern, {headline(event, false, limits), when}));
    QString cut;
    int septets = 0;
    for (const QChar character : text) {
        const int cost = gsm7Extension.contains(character) ? 2 : 1;
        if (septets + cost > maxSmsSeptets - 3 || cut.size() + 1 > maxPostCharacters - 3)
            break;
        cut += character;
        septets += cost;
    }
    return cut + u"..."_s;
}

NotificationContent NotificationText::compose(const Event& event) const
{
    NotificationContent content;
    const QString when = formatTime(event.occurredAt);
    const QString line = headline(event, false, {});
    content.subject = substitute(tr("[GCN] %1: %2 - %3"), {eventTitle(event), line, when});
    content.longText = line + u"\n\n"_s + factLines(event) + u"\n"_s;
    content.shortText = shortText(event);
    return content;
}

NotificationContent NotificationText::composeDigest(const QList<Event>& events) const
{
    if (events.size() == 1)
        return compose(events.first());
    NotificationContent content;
    if (events.isEmpty())
        return content;

    const QString first = formatTime(events.first().occurredAt);
    const QString last = formatTime(events.last().occurredAt);
    QStringList titles;
    for (const Event& event : events) {
        const QString title = eventTitle(event);
        if (!titles.contains(title))
            titles.append(title);
    }
    const QString titleList = titles.size() > 3 ? titles.mid(0, 3).join(u", "_s) + u", ..."_s : titles.join(u", "_s);
    content.subject = substitute(tr("[GCN] %1: %2 - %3"),
                                 {tr("%n notifications", nullptr, int(events.size())), titleList, last});

    QStringList body;
    body << tr("%n notifications from %1 to %2, oldest first:", nullptr, int(events.size())).arg(first, last)
         << QString();
    const qsizetype listed = std::min<qsizetype>(events.size(), maxDigestLines);
    for (qsizetype index = 0; index < listed; ++index) {
        const Event& event = events.at(index);
        body << u"- "_s + headline(event, false, {}) + u" - "_s + formatTime(event.occurredAt);
    }
    if (events.size() > listed) {
        body << tr("- and %n more; run gcn-manager history to list them.", nullptr, int(events.size() - listed));
    }
    const qsizetype detailed = std::min<qsizetype>(events.size(), maxDigestDetails);
    for (qsizetype index = 0; index < detailed; ++index) {
        const Event& event = events.at(index);
        body << QString() << u"----"_s << headline(event, false, {}) << QString() << factLines(event);
    }
    if (events.size() > detailed) {
        body << QString()
             << tr("The details of %n later notifications are left out; run gcn-manager history to list them.",
                   nullptr, int(events.size() - detailed));
    }
    content.longText = body.join(u'\n') + u'\n';

    // Short form: as many compact headlines as fit, then how many more there are.
    const QString head = toGsm7(tr("GCN: %n events from %1: ", nullptr, int(events.size())).arg(first));
    QString text = head;
    qsizetype included = 0;
    for (const Event& event : events) {
        Limits limits;
        limits.alias = 24;
        limits.pinLabel = 16;
        limits.stateWord = 12;
        limits.detail = 24;
        const QString item = toGsm7(headline(event, true, limits));
        const QString separator = included == 0 ? QString() : u"; "_s;
        const qsizetype remaining = events.size() - included - 1;
        const QString more = remaining > 0 ? toGsm7(tr("; +%1 more").arg(remaining)) : QString();
        const QString candidate = text + separator + item;
        if (!fitsShortLimits(candidate + more))
            break;
        text = candidate;
        ++included;
    }
    if (included < events.size())
        text += toGsm7(tr("; +%1 more").arg(events.size() - included));
    if (!fitsShortLimits(text))
        text = toGsm7(tr("GCN: %n events from %1 to %2", nullptr, int(events.size())).arg(first, last));
    content.shortText = text;
    return content;
}

NotificationContent NotificationText::composeCapReached(Channel channel, int maxPerDay, const QDateTime& reachedAt,
                                                        const QDateTime& resumesAt) const
{
    QString channelWords;
    switch (channel) {
    case Channel::Email:
        channelWords = tr("e-mails");
        break;
    case Channel::Sms:
        channelWords = tr("SMS");
        break;
    case Channel::Twitter:
        channelWords = tr("X messages");
        break;
    case Channel::Desktop:
        channelWords = tr("desktop notifications");
        break;
    }
    NotificationContent content;
    content.subject = substitute(tr("[GCN] Notification limit reached: %1 %2 per 24 hours - %3"),
                                 {QString::number(maxPerDay), channelWords, formatTime(reachedAt)});
    content.longText =
        substitute(tr("The limit of %1 %2 per 24 hours to you was reached at %3.\n\n"
                      "Later notifications are held back, not lost: they will be sent to you as one digest "
                      "when the limit allows, from %4 on.\n"),
                   {QString::number(maxPerDay), channelWords, formatTime(reachedAt), formatTime(resumesAt)});
    content.shortText = toGsm7(substitute(tr("GCN: limit of %1 %2 per 24 h reached. Later notifications are held "
                                             "back and sent as one digest from %3."),
                                          {QString::number(maxPerDay), channelWords, formatTime(resumesAt)}));
    return content;
}

QString NotificationText::appendReport(const QString& longText, const QStringList& earlierLines, qsizetype omitted)
{
    if (earlierLines.isEmpty())
        return longText;
    QString report = longText;
    if (!report.endsWith(u'\n'))
        report += u'\n';
    report += u"\n"_s + tr("Earlier notifications, newest first:") + u"\n\n"_s;
    for (const QString& line : earlierLines)
        report += u"- "_s + line + u'\n';
    if (omitted > 0)
        report += u"\n"_s + tr("%n older notifications are left out; run gcn-manager history to list them.", nullptr,
                               int(omitted))
                  + u'\n';
    return report;
}

int NotificationText::gsm7Length(const QString& text)
{
    int septets = 0;
    for (const QChar character : text) {
        if (gsm7Basic.contains(character))
            septets += 1;
        else if (gsm7Extension.contains(character))
            septets += 2;
        else
            return -1;
    }
    return septets;
}

QString NotificationText::toGsm7(const QString& text)
{
    QString result;
    result.reserve(text.size());
    for (const QChar character : text) {
        // A character outside the Basic Multilingual Plane (an emoji) becomes one '?'.
        if (character.isLowSurrogate())
            continue;
        if (gsm7Basic.contains(character) || gsm7Extension.contains(character)) {
            result += character;
            continue;
        }
        switch (character.unicode()) {
        case 0x2018: // left and right single quotation marks
        case 0x2019:
        case 0x00B4:
            result += u'\'';
            continue;
        case 0x201C: // left and right double quotation marks
        case 0x201D:
            result += u'"';
            continue;
        case 0x2013: // en and em dashes, minus sign
        case 0x2014:
        case 0x2212:
            result += u'-';
            continue;
        case 0x2026:
            result += u"..."_s;
            continue;
        case 0x00A0: // no-break space, tab
        case u'\t':
            result += u' ';
            continue;
        default:
            break;
        }
        // Base letter of an accented character when the accented form is not in the alphabet.
        const QString decomposed = QString(character).normalized(QString::NormalizationForm_D);
        if (!decomposed.isEmpty() && gsm7Basic.contains(decomposed.front()) && decomposed.front() != character)
            result += decomposed.front();
        else
            result += u'?';
    }
    return result;
}

bool NotificationText::fitsShortLimits(const QString& text)
{
    const int septets = gsm7Length(text);
    return septets >= 0 && septets <= maxSmsSeptets && text.size() <= maxPostCharacters;
}

} // namespace gcn
