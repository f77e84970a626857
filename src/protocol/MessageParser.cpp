#include "protocol/MessageParser.h"

#include <limits>
#include <optional>
#include <type_traits>

#include <QList>
#include <QStringDecoder>

#include "protocol/Topics.h"

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

using Code = ParseError::Code;

// Characters trimmed around payloads and pin names, as a shell `echo` or a serial console adds them.
bool isNoise(QChar c)
{
    return c == u' ' || c == u'\r' || c == u'\n';
}

QStringView trimNoise(QStringView text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isNoise(text.at(begin)))
        ++begin;
    while (end > begin && isNoise(text.at(end - 1)))
        --end;
    return text.sliced(begin, end - begin);
}

// Parses a whole decimal number without sign, white space or exponent. Returns nullopt when it is out of
// T's range.
template <typename T>
std::optional<T> parseDecimal(QStringView text)
{
    static_assert(std::is_unsigned_v<T>);
    if (text.isEmpty())
        return std::nullopt;
    T value = 0;
    for (const QChar c : text) {
        const char16_t code = c.unicode();
        if (code < u'0' || code > u'9')
            return std::nullopt;
        const T digit = T(code - u'0');
        if (value > (std::numeric_limits<T>::max() - digit) / 10)
            return std::nullopt;
        value = T(value * 10 + digit);
    }
    return value;
}

class Parser
{
public:
    Parser(const QString& topic, const QByteArray& payload)
        : m_topic(topic)
        , m_payload(payload)
    {
    }

    std::expected<GcnMessage, ParseError> parse();

private:
    ParseError error(Code code, const QString& message) const
    {
        return ParseError {code, printableText(m_topic), message};
    }

    std::unexpected<ParseError> fail(Code code, const QString& message) const
    {
        return std::unexpected(error(code, message));
    }

    std::expected<GcnMessage, ParseError> parseBoardTopic();
    std::expected<GcnMessage, ParseError> parseBoardOut(const QString& boardId);
    std::expected<GcnMessage, ParseError> parseManagerTopic();
    // Checks the payload's size and encoding, then returns it decoded and trimmed.
    std::expected<QString, ParseError> payloadText() const;
    // Returns an error unless the topic has exactly `count` levels.
    std::optional<ParseError> checkLevelCount(qsizetype count, const QString& shape) const;

    const QString& m_topic;
    const QByteArray& m_payload;
    QList<QStringView> m_levels;
};

std::expected<GcnMessage, ParseError> Parser::parse()
{
    if (m_topic.isEmpty())
        return fail(Code::InvalidTopic, u"the topic is empty"_s);
    for (const QChar c : m_topic) {
        const char16_t code = c.unicode();
        if (code == 0xFFFD || c.isSurrogate())
            return fail(Code::InvalidTopic, u"the topic is not valid UTF-8"_s);
        if (code == 0)
            return fail(Code::InvalidTopic, u"the topic contains U+0000"_s);
        if (code == u'+' || code == u'#')
            return fail(Code::InvalidTopic, u"a received topic cannot contain the wildcard '%1'"_s.arg(c));
    }

    m_levels = QStringView(m_topic).split(u'/');
    for (qsizetype i = 0; i < m_levels.size(); ++i) {
        if (m_levels.at(i).isEmpty())
            return fail(Code::EmptyLevel, u"topic level %1 is empty"_s.arg(i + 1));
    }

    const QStringView root = m_levels.first();
    if (root == topics::boardRoot)
        return parseBoardTopic();
    if (root == topics::managerRoot)
        return parseManagerTopic();
    return fail(Code::UnknownRootLevel,
                u"the first topic level must be '%1' or '%2'"_s.arg(topics::boardRoot, topics::managerRoot));
}

std::optional<ParseError> Parser::checkLevelCount(qsizetype count, const QString& shape) const
{
    if (m_levels.size() < count)
        return error(Code::MissingLevel, u"expected %1"_s.arg(shape));
    if (m_levels.size() > count)
        return error(Code::ExtraLevel, u"expected %1, got %2 extra level(s)"_s.arg(shape).arg(m_levels.size() - count));
    return std::nullopt;
}

std::expected<QString, ParseError> Parser::payloadText() const
{
    if (m_payload.size() > maxPayloadBytes) {
        return fail(Code::PayloadTooLarge,
                    u"the payload of %1 bytes exceeds the limit of %2 bytes"_s.arg(m_payload.size()).arg(maxPayloadBytes));
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(m_payload);
    if (decoder.hasError())
        return fail(Code::InvalidPayload, u"the payload of %1 bytes is not valid UTF-8"_s.arg(m_payload.size()));
    return trimNoise(text).toString();
}

std::expected<GcnMessage, ParseError> Parser::parseBoardTopic()
{
    const QString shape = u"gcn/<MAC>/out/<category> or gcn/<MAC>/in/<command>"_s;
    if (m_levels.size() < 3)
        return fail(Code::MissingLevel, u"expected %1"_s.arg(shape));

    const QString boardId = m_levels.at(1).toString();
    if (!topics::isBoardId(boardId)) {
        return fail(Code::InvalidBoardId,
                    u"board id '%1' is not a MAC address like AA:BB:CC:DD:EE:FF"_s.arg(printableText(boardId)));
    }

    const QStringView direction = m_levels.at(2);
    if (direction == u"out"_s)
        return parseBoardOut(boardId);
    if (direction == u"in"_s) {
        if (std::optional<ParseError> shapeError = checkLevelCount(4, u"gcn/<MAC>/in/<command>"_s))
            return std::unexpected(*shapeError);
        return BoardCommandMessage {boardId, m_levels.at(3).toString(), m_payload};
    }
    return fail(Code::UnknownDirection,
                u"direction '%1' is neither 'out' nor 'in'"_s.arg(printableText(direction, 64)));
}

std::expected<GcnMessage, ParseError> Parser::parseBoardOut(const QString& boardId)
{
    if (m_levels.size() < 4)
        return fail(Code::MissingLevel, u"expected gcn/<MAC>/out/<category>"_s);

    const QStringView category = m_levels.at(3);
    const QString path = QStringView(m_topic).sliced(category.data() - m_topic.constData()).toString();
    const bool oneLevel = category == u"status"_s || category == u"heartbeat"_s
                          || category == u"buffer_total_dropped_item"_s || category == u"monitored_gpio"_s
                          || category == u"hardware"_s;
    const bool metric = category == u"esp8266"_s || category == u"uptime"_s || category == u"network"_s
                        || category == u"mqtt"_s;

    if (oneLevel) {
        if (std::optional<ParseError> shapeError = checkLevelCount(4, u"gcn/<MAC>/out/%1"_s.arg(category)))
            return std::unexpected(*shapeError);
    } else if (category == u"gpio"_s) {
        if (std::optional<ParseError> shapeError = checkLevelCount(5, u"gcn/<MAC>/out/gpio/<pin>"_s))
            return std::unexpected(*shapeError);
        if (!topics::isPinName(m_levels.at(4))) {
            return fail(Code::InvalidPinName, u"pin name '%1' contains white space, ',' or a control character, or "
                                              "is longer than 64 characters"_s.arg(printableText(m_levels.at(4), 80)));
        }
    } else if (metric) {
        const bool dns = category == u"network"_s && m_levels.size() >= 5 && m_levels.at(4) == u"dns"_s;
        if (dns) {
            if (std::optional<ParseError> shapeError = checkLevelCount(6, u"gcn/<MAC>/out/network/dns/<index>"_s))
                return std::unexpected(*shapeError);
            if (!parseDecimal<quint32>(m_levels.at(5))) {
                return fail(Code::InvalidTopic, u"DNS server index '%1' is not a whole decimal number"_s.arg(
                                                    printableText(m_levels.at(5), 64)));
            }
        } else if (std::optional<ParseError> shapeError =
                       checkLevelCount(5, u"gcn/<MAC>/out/%1/<metric>"_s.arg(category))) {
            return std::unexpected(*shapeError);
        }
    } else {
        return UnknownCategoryMessage {boardId, path};
    }

    if (m_payload.isEmpty())
        return RetainedClearedMessage {boardId, path};

    const std::expected<QString, ParseError> text = payloadText();
    if (!text)
        return std::unexpected(text.error());
    const QString shownPayload = printableText(*text, 64);

    if (category == u"status"_s) {
        if (*text == topics::onlinePayload)
            return BoardStatusMessage {boardId, BoardStatusValue::Online};
        if (*text == topics::offlinePayload)
            return BoardStatusMessage {boardId, BoardStatusValue::Offline};
        return fail(Code::InvalidPayload, u"status '%1' is neither 'online' nor 'offline'"_s.arg(shownPayload));
    }
    if (category == u"heartbeat"_s) {
        if (const std::optional<quint32> value = parseDecimal<quint32>(*text))
            return HeartbeatMessage {boardId, *value};
        return fail(Code::InvalidPayload,
                    u"heartbeat '%1' is not a whole decimal number from 0 to 4294967295"_s.arg(shownPayload));
    }
    if (category == u"buffer_total_dropped_item"_s) {
        if (const std::optional<quint64> value = parseDecimal<quint64>(*text))
            return DroppedCounterMessage {boardId, *value};
        return fail(Code::InvalidPayload,
                    u"dropped-item counter '%1' is not a whole decimal number from 0 to 18446744073709551615"_s.arg(shownPayload));
    }
    if (category == u"monitored_gpio"_s) {
        MonitoredPinsMessage message {boardId, {}};
        const QList<QStringView> names = QStringView(*text).split(u',');
        for (qsizetype i = 0; i < names.size(); ++i) {
            const QStringView name = trimNoise(names.at(i));
            if (name.isEmpty())
                return fail(Code::InvalidPinName, u"pin name %1 of the list '%2' is empty"_s.arg(i + 1).arg(shownPayload));
            if (!topics::isPinName(name)) {
                return fail(Code::InvalidPinName,
                            u"pin name '%1' contains white space or a control character, or is longer than 64 "
                            "characters"_s.arg(printableText(name, 80)));
            }
            if (!message.pins.contains(name))
                message.pins.append(name.toString());
        }
        return message;
    }
    if (category == u"hardware"_s) {
        if (text->isEmpty())
            return fail(Code::InvalidPayload, u"the hardware name is empty"_s);
        return HardwareMessage {boardId, *text};
    }
    if (category == u"gpio"_s) {
        const qsizetype space = text->indexOf(u' ');
        const QStringView state = QStringView(*text).first(space < 0 ? 0 : space);
        const std::optional<quint32> timestamp =
            space < 0 ? std::nullopt : parseDecimal<quint32>(QStringView(*text).sliced(space + 1));
        if ((state != u"0"_s && state != u"1"_s) || !timestamp) {
            return fail(Code::InvalidPayload,
                        u"GPIO sample '%1' is not '<0 or 1> <unix time from 0 to 4294967295>'"_s.arg(shownPayload));
        }
        return GpioSampleMessage {boardId, m_levels.at(4).toString(), state == u"1"_s ? 1 : 0, *timestamp};
    }
    return MetricMessage {boardId, path, *text};
}

std::expected<GcnMessage, ParseError> Parser::parseManagerTopic()
{
    if (std::optional<ParseError> shapeError = checkLevelCount(3, u"gcn_manager/status/<manager id>"_s))
        return std::unexpected(*shapeError);
    if (m_levels.at(1) != u"status"_s) {
        return fail(Code::InvalidTopic,
                    u"expected gcn_manager/status/<manager id>, got category '%1'"_s.arg(printableText(m_levels.at(1), 64)));
    }
    const QString managerId = m_levels.at(2).toString();
    if (!topics::isManagerId(managerId)) {
        return fail(Code::InvalidManagerId, u"manager id '%1' is not 'gcn_manager_' followed by 1 to 64 letters or "
                                            "digits"_s.arg(printableText(managerId, 80)));
    }

    const std::expected<QString, ParseError> text = payloadText();
    if (!text)
        return std::unexpected(text.error());
    if (text->isEmpty())
        return ManagerStatusMessage {managerId, ManagerStatusValue::Empty};
    if (*text == topics::onlinePayload)
        return ManagerStatusMessage {managerId, ManagerStatusValue::Online};
    if (*text == topics::offlinePayload)
        return ManagerStatusMessage {managerId, ManagerStatusValue::Offline};
    return fail(Code::InvalidPayload, u"manager status '%1' is neither 'online', 'offline' nor empty"_s.arg(
                                          printableText(*text, 64)));
}

template <typename... Callables>
struct Overloaded : Callables...
{
    using Callables::operator()...;
};

} // namespace

std::expected<GcnMessage, ParseError> parseMessage(const QString& topic, const QByteArray& payload)
{
    return Parser(topic, payload).parse();
}

QString describeMessage(const GcnMessage& message)
{
    return std::visit(
        Overloaded {
            [](const BoardStatusMessage& m) {
                return u"status %1 from %2"_s.arg(m.status == BoardStatusValue::Online ? u"online"_s : u"offline"_s,
                                                  m.boardId);
            },
            [](const HeartbeatMessage& m) { return u"heartbeat %1 from %2"_s.arg(m.boardTime).arg(m.boardId); },
            [](const GpioSampleMessage& m) {
                return u"GPIO %1 = %2 at %3 from %4"_s.arg(m.pin).arg(m.state).arg(m.timestamp).arg(m.boardId);
            },
            [](const DroppedCounterMessage& m) {
                return u"dropped-item counter %1 from %2"_s.arg(m.total).arg(m.boardId);
            },
            [](const MonitoredPinsMessage& m) {
                return u"monitored pins [%1] from %2"_s.arg(m.pins.join(u","_s), m.boardId);
            },
            [](const HardwareMessage& m) {
                return u"hardware '%1' from %2"_s.arg(printableText(m.hardware, 64), m.boardId);
            },
            [](const MetricMessage& m) {
                return u"metric %1 = '%2' from %3"_s.arg(m.path, printableText(m.value, 64), m.boardId);
            },
            [](const RetainedClearedMessage& m) { return u"cleared %1 of %2"_s.arg(m.path, m.boardId); },
            [](const UnknownCategoryMessage& m) {
                return u"unknown category %1 from %2"_s.arg(printableText(m.path, 80), m.boardId);
            },
            [](const BoardCommandMessage& m) {
                return u"command %1 to %2"_s.arg(printableText(m.command, 64), m.boardId);
            },
            [](const ManagerStatusMessage& m) {
                const QString status = m.status == ManagerStatusValue::Online    ? u"online"_s
                                       : m.status == ManagerStatusValue::Offline ? u"offline"_s
                                                                                 : u"empty"_s;
                return u"manager status %1 of %2"_s.arg(status, m.managerId);
            },
        },
        message);
}

} // namespace gcn
