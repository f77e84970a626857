#include "notifications/HistoryCommand.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>

#include "notifications/NotificationText.h"
#include "storage/Outbox.h"

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

const QString usage = u"usage: gcn-manager history [--json] [--since TIME] [--limit N] [--state-dir PATH]"_s;

QJsonValue timeJson(const QDateTime& time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonObject recordJson(const OutboxRecord& record)
{
    QJsonObject json;
    json.insert(u"id"_s, record.id);
    json.insert(u"createdAt"_s, timeJson(record.createdAt));
    json.insert(u"occurredAt"_s, timeJson(record.occurredAt));
    json.insert(u"sentAt"_s, timeJson(record.sentAt));
    json.insert(u"nextAttemptAt"_s, timeJson(record.nextAttemptAt));
    json.insert(u"status"_s, outboxStatusName(record.status));
    json.insert(u"channel"_s, channelName(record.channel));
    json.insert(u"recipient"_s, record.recipient);
    json.insert(u"kind"_s, messageKindName(record.kind));
    json.insert(u"eventTypes"_s, QJsonArray::fromStringList(record.eventTypes));
    json.insert(u"boardIds"_s, QJsonArray::fromStringList(record.boardIds));
    json.insert(u"attempts"_s, record.attempts);
    json.insert(u"lastError"_s, record.lastError);
    json.insert(u"subject"_s, record.subject);
    json.insert(u"shortText"_s, record.shortText);
    return json;
}

QString eventSummary(const OutboxRecord& record)
{
    if (record.kind == MessageKind::CapNotice)
        return u"cap notice"_s;
    if (record.eventTypes.size() == 1)
        return record.eventTypes.first();
    return u"digest of %1 events"_s.arg(record.eventTypes.size());
}

} // namespace

std::expected<QDateTime, QString> parseHistorySince(const QString& text, const QDateTime& now)
{
    static const QRegularExpression span(u"^(\\d+)\\s*([smhdw])$"_s);
    const QString trimmed = text.trimmed();
    if (const QRegularExpressionMatch match = span.match(trimmed.toLower()); match.hasMatch()) {
        const qint64 count = match.captured(1).toLongLong();
        const QChar unit = match.captured(2).front();
        qint64 seconds = count;
        if (unit == u'm')
            seconds *= 60;
        else if (unit == u'h')
            seconds *= 3600;
        else if (unit == u'd')
            seconds *= 86400;
        else if (unit == u'w')
            seconds *= 7 * 86400;
        return now.addSecs(-seconds);
    }
    QDateTime time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!time.isValid()) {
        const QDate date = QDate::fromString(trimmed, Qt::ISODate);
        if (date.isValid())
            time = date.startOfDay();
    }
    if (!time.isValid()) {
        return std::unexpected(u"invalid --since '%1'; expected a date (2026-12-04), a date and time "
                               "(2026-12-04T17:00 or 2026-12-04T17:00+01:00) or a span back from now (30m, 24h, 7d)"_s
                                   .arg(text));
    }
    return time.toUTC();
}

int runHistoryCommand(const QStringList& arguments, const Settings& settings, QTextStream& out, QTextStream& err,
                      const Clock& clock)
{
    bool json = false;
    QDateTime since;
    int limit = 100;
    QString stateDir = settings.general.stateDir;
    for (qsizetype index = 0; index < arguments.size(); ++index) {
        const QString& argument = arguments.at(index);
        auto value = [&](const QString& name) -> std::optional<QString> {
            if (argument.startsWith(name + u'='))
                return argument.mid(name.size() + 1);
            if (argument == name && index + 1 < arguments.size())
                return arguments.at(++index);
            return std::nullopt;
        };
        if (argument == "--json"_L1) {
            json = true;
        } else if (argument == "--help"_L1) {
            out << usage << Qt::endl;
            return 0;
        } else if (argument.startsWith("--since"_L1)) {
            const std::optional<QString> text = value(u"--since"_s);
            if (!text) {
                err << "history: --since needs a TIME; " << usage << Qt::endl;
                return 2;
            }
            const std::expected<QDateTime, QString> parsed = parseHistorySince(*text, clock.now());
            if (!parsed) {
                err << "history: " << parsed.error() << "; " << usage << Qt::endl;
                return 2;
            }
            since = *parsed;
        } else if (argument.startsWith("--limit"_L1)) {
            const std::optional<QString> text = value(u"--limit"_s);
            bool ok = false;
            limit = text ? text->toInt(&ok) : 0;
            if (!ok || limit < 1) {
                err << "history: --limit needs a whole number of at least 1; " << usage << Qt::endl;
                return 2;
            }
        } else if (argument.startsWith("--state-dir"_L1)) {
            const std::optional<QString> text = value(u"--state-dir"_s);
            if (!text || text->trimmed().isEmpty()) {
                err << "history: --state-dir needs a PATH; " << usage << Qt::endl;
                return 2;
            }
            stateDir = text->trimmed();
        } else {
            err << "history: unknown argument '" << argument << "'; " << usage << Qt::endl;
            return 2;
        }
    }

    auto outbox = Outbox::open(stateDir, false);
    if (!outbox) {
        if (!QFile::exists(QDir(stateDir).filePath(QString::fromLatin1(Outbox::fileName)))) {
            if (json)
                out << "[]" << Qt::endl;
            else
                out << "No notification history yet: " << outbox.error().message << Qt::endl;
            return 0;
        }
        err << "history: cannot read the outbox: " << outbox.error().message << Qt::endl;
        return 1;
    }

    const QList<OutboxRecord> records = (*outbox)->history(since, limit);
    if (json) {
        QJsonArray array;
        for (const OutboxRecord& record : records)
            array.append(recordJson(record));
        out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        out.flush();
        return 0;
    }

    if (records.isEmpty()) {
        out << "No notifications" << (since.isValid() ? u" since "_s + NotificationText().formatTime(since) : QString())
            << "." << Qt::endl;
        return 0;
    }
    const NotificationText text;
    for (const OutboxRecord& record : records) {
        out << text.formatTime(record.createdAt) << "  " << outboxStatusName(record.status).leftJustified(9) << "  "
            << channelName(record.channel).leftJustified(7) << "  " << record.recipient << "  "
            << eventSummary(record);
        if (!record.boardIds.isEmpty())
            out << "  " << record.boardIds.join(u',');
        out << "  attempts: " << record.attempts << Qt::endl;
        out << "    " << record.subject << Qt::endl;
        if (record.status == OutboxStatus::Pending && record.nextAttemptAt.isValid())
            out << "    next attempt: " << text.formatTime(record.nextAttemptAt) << Qt::endl;
        if (!record.lastError.isEmpty())
            out << "    last error: " << record.lastError << Qt::endl;
    }
    out.flush();
    return 0;
}

} // namespace gcn
