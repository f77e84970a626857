#pragma once

#include "channels/Sender.h"
#include "supervision/Event.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

namespace gcn {

// The three forms of one notification.
struct NotificationContent
{
    // E-mail subject: the kind of notification, the board or manager, and the time.
    QString subject;
    // Full text for e-mail: every fact of the event, one per line after a headline.
    QString longText;
    // GSM 7-bit text of at most 160 septets (one SMS part), which also fits an X post.
    QString shortText;
};

// Builds the texts people read. Source strings are plain English passed through tr() in the context
// "gcn::NotificationText", so that a translator loaded by the application changes them.
// Times are shown in `zone` with their UTC offset, e.g. "2026-12-04 17:02:11 +01:00".
class NotificationText
{
    Q_DECLARE_TR_FUNCTIONS(gcn::NotificationText)

public:
    static constexpr int maxSmsSeptets = 160;
    static constexpr int maxPostCharacters = 280;
    // A digest's e-mail body lists at most maxDigestLines events in one line each, then details at
    // most maxDigestDetails of them, and counts the rest.
    static constexpr int maxDigestLines = 1000;
    static constexpr int maxDigestDetails = 200;

    explicit NotificationText(const QTimeZone& zone = QTimeZone::systemTimeZone());

    NotificationContent compose(const Event& event) const;
    // One message for several events (a batch or what a cap held back), oldest first.
    NotificationContent composeDigest(const QList<Event>& events) const;
    // The one message that tells a recipient that the cap on a channel was reached and when sending resumes.
    NotificationContent composeCapReached(Channel channel, int maxPerDay, const QDateTime& reachedAt,
                                          const QDateTime& resumesAt) const;
    // Appends earlier notifications (one short line each, newest first) to an e-mail body, and states
    // how many older ones were left out.
    static QString appendReport(const QString& longText, const QStringList& earlierLines, qsizetype omitted);

    // "2026-12-04 17:02:11 +01:00" in the zone of this object.
    QString formatTime(const QDateTime& time) const;
    // Two largest units in words: "45 seconds", "5 minutes 3 seconds", "2 days 4 hours".
    static QString formatDuration(qint64 seconds);
    // Signed skew in words: "11 minutes 40 seconds ahead", "3 seconds behind".
    static QString formatSkew(qint64 seconds);
    // Human name of an event type, e.g. "GPIO up", "Heartbeat missed".
    static QString eventTypeTitle(EventType type);
    // Title of one event: the title of its type, as "Reminder: Board offline" for a reminder.
    static QString eventTitle(const Event& event);

    // Length in GSM 03.38 septets (extension characters such as '€' or '{' count 2), or -1 when the
    // text contains a character outside the GSM 7-bit default alphabet and its extension table.
    static int gsm7Length(const QString& text);
    // Replaces characters outside the GSM 7-bit alphabet: an accented letter with its base letter
    // ("ç" becomes "c"), typographic quotes and dashes with ASCII ones, anything else ("ł") with '?'.
    static QString toGsm7(const QString& text);
    // True when a text fits one GSM 7-bit SMS part and an X post.
    static bool fitsShortLimits(const QString& text);

private:
    struct Limits
    {
        qsizetype alias = -1;
        qsizetype pinLabel = -1;
        qsizetype stateWord = -1;
        qsizetype detail = -1;
    };

    QString headline(const Event& event, bool compact, const Limits& limits) const;
    QString reminderHeadline(const Event& event, const QString& board) const;
    QString shortPattern(const Event& event) const;
    QString shortText(const Event& event) const;
    QString factLines(const Event& event) const;
    QString boardName(const Event& event, bool compact, const Limits& limits) const;

    QTimeZone m_zone;
};

} // namespace gcn
