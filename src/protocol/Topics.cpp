#include "protocol/Topics.h"

namespace gcn::topics {

namespace {

bool isHexDigit(QChar c)
{
    const char16_t code = c.unicode();
    return (code >= u'0' && code <= u'9') || (code >= u'a' && code <= u'f') || (code >= u'A' && code <= u'F');
}

bool isAsciiLetterOrDigit(QChar c)
{
    const char16_t code = c.unicode();
    return (code >= u'0' && code <= u'9') || (code >= u'a' && code <= u'z') || (code >= u'A' && code <= u'Z');
}

// A single topic level that a manager may publish to: non-empty, no separator, no wildcard, no control
// character.
bool isPublishableLevel(QStringView level)
{
    if (level.isEmpty())
        return false;
    for (const QChar c : level) {
        const char16_t code = c.unicode();
        if (code == u'/' || code == u'+' || code == u'#' || code < 0x20 || code == 0x7F || code == 0xFFFD)
            return false;
    }
    return true;
}

ParseError topicError(ParseError::Code code, const QString& topic, const QString& message)
{
    return ParseError {code, printableText(topic), message};
}

} // namespace

QStringList managerSubscriptions()
{
    // boardMetricFilter (gcn/+/out/+/+) also matches the GPIO samples. mosquitto delivers a message once
    // per matching subscription, so subscribing to boardGpioFilter as well would deliver every sample twice.
    return {managerStatusFilter, boardOutFilter, boardMetricFilter, boardDnsFilter};
}

QStringList knownBoardCommands()
{
    return {u"reboot"_s, u"disconnect_wifi"_s, u"disconnect_mqtt"_s, u"synchronize_sntp"_s, u"send_metrics"_s};
}

bool isKnownBoardCommand(QStringView command)
{
    const QStringList commands = knownBoardCommands();
    for (const QString& known : commands) {
        if (command == known)
            return true;
    }
    return false;
}

bool isBoardId(QStringView id)
{
    if (id.size() != 17)
        return false;
    for (qsizetype i = 0; i < id.size(); ++i) {
        const bool separatorPosition = i % 3 == 2;
        if (separatorPosition ? id.at(i) != u':' : !isHexDigit(id.at(i)))
            return false;
    }
    return true;
}

bool isManagerId(QStringView id)
{
    if (!id.startsWith(managerIdPrefix))
        return false;
    const QStringView suffix = id.sliced(managerIdPrefix.size());
    if (suffix.isEmpty() || suffix.size() > 64)
        return false;
    for (const QChar c : suffix) {
        if (!isAsciiLetterOrDigit(c))
            return false;
    }
    return true;
}

bool isPinName(QStringView name)
{
    if (name.isEmpty() || name.size() > 64)
        return false;
    for (const QChar c : name) {
        const char16_t code = c.unicode();
        if (code == u'/' || code == u'+' || code == u'#' || code == u',' || c.isSpace() || code < 0x20
            || (code >= 0x7F && code < 0xA0) || code == 0xFFFD || c.isSurrogate()) {
            return false;
        }
    }
    return true;
}

std::expected<QString, ParseError> boardCommandTopic(const QString& boardId, const QString& command)
{
    const QString topic = boardRoot + u'/' + boardId + u"/in/"_s + command;
    if (!isBoardId(boardId)) {
        return std::unexpected(topicError(ParseError::Code::InvalidBoardId, topic,
                                          u"board id '%1' is not a MAC address like AA:BB:CC:DD:EE:FF"_s.arg(
                                              printableText(boardId))));
    }
    if (!isPublishableLevel(command)) {
        return std::unexpected(topicError(ParseError::Code::InvalidTopic, topic,
                                          u"command '%1' is not a single topic level; known commands: %2"_s.arg(
                                              printableText(command), knownBoardCommands().join(u", "_s))));
    }
    return topic;
}

std::expected<QString, ParseError> boardGpioTopic(const QString& boardId, const QString& pin)
{
    const QString topic = boardRoot + u'/' + boardId + u"/out/gpio/"_s + pin;
    if (!isBoardId(boardId)) {
        return std::unexpected(topicError(ParseError::Code::InvalidBoardId, topic,
                                          u"board id '%1' is not a MAC address like AA:BB:CC:DD:EE:FF"_s.arg(
                                              printableText(boardId))));
    }
    if (!isPinName(pin)) {
        return std::unexpected(topicError(ParseError::Code::InvalidPinName, topic,
                                          u"pin name '%1' is empty or contains white space, '/', '+', '#' or ','"_s
                                              .arg(printableText(pin))));
    }
    return topic;
}

QString managerStatusTopic(const QString& managerId)
{
    return managerRoot + u"/status/"_s + managerId;
}

QString boardClientId(const QString& boardId)
{
    QString id = boardId;
    id.replace(u':', u'_');
    return u"gcn-"_s + id;
}

} // namespace gcn::topics
