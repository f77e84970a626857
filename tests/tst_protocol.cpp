#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

#include "protocol/MessageParser.h"
#include "protocol/Topics.h"

using namespace Qt::StringLiterals;
using gcn::ParseError;

Q_DECLARE_METATYPE(gcn::ParseError::Code)

namespace {

const QString mac = u"AA:BB:CC:DD:EE:FF"_s;

QString boardTopic(const QString& rest)
{
    return u"gcn/"_s + mac + u'/' + rest;
}

} // namespace

class TestProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validMessages_data();
    void validMessages();
    void malformedMessages_data();
    void malformedMessages();
    void gpioSampleFields();
    void monitoredPinsTrimmedAndDeduplicated();
    void counterFullRange();
    void idsKeepLetterCase();
    void emptyPayloadClearsRetained_data();
    void emptyPayloadClearsRetained();
    void boardCommandTopicBuilder_data();
    void boardCommandTopicBuilder();
    void boardGpioTopicBuilder();
    void knownCommands();
    void subscriptionsCoverBoardTopics();
    void printableTextEscapes();
    void randomInputNeverCrashes();
};

void TestProtocol::validMessages_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("description");

    const QString m = mac;
    QTest::newRow("status online") << boardTopic(u"out/status"_s) << "online"_ba << u"status online from "_s + m;
    QTest::newRow("status offline") << boardTopic(u"out/status"_s) << "offline"_ba << u"status offline from "_s + m;
    QTest::newRow("status with CRLF") << boardTopic(u"out/status"_s) << "online\r\n"_ba
                                      << u"status online from "_s + m;
    QTest::newRow("status with spaces") << boardTopic(u"out/status"_s) << "  offline  "_ba
                                        << u"status offline from "_s + m;
    QTest::newRow("lower-case MAC") << u"gcn/aa:bb:cc:dd:ee:ff/out/status"_s << "online"_ba
                                    << u"status online from aa:bb:cc:dd:ee:ff"_s;
    QTest::newRow("heartbeat") << boardTopic(u"out/heartbeat"_s) << "1700000000"_ba
                               << u"heartbeat 1700000000 from "_s + m;
    QTest::newRow("heartbeat zero") << boardTopic(u"out/heartbeat"_s) << "0"_ba << u"heartbeat 0 from "_s + m;
    QTest::newRow("heartbeat max uint32") << boardTopic(u"out/heartbeat"_s) << "4294967295"_ba
                                          << u"heartbeat 4294967295 from "_s + m;
    QTest::newRow("heartbeat leading zeros") << boardTopic(u"out/heartbeat"_s) << "00042"_ba
                                             << u"heartbeat 42 from "_s + m;
    QTest::newRow("heartbeat trailing LF") << boardTopic(u"out/heartbeat"_s) << "1700000000\n"_ba
                                           << u"heartbeat 1700000000 from "_s + m;
    QTest::newRow("gpio down") << boardTopic(u"out/gpio/D1"_s) << "0 1700000000"_ba
                               << u"GPIO D1 = 0 at 1700000000 from "_s + m;
    QTest::newRow("gpio up trimmed") << boardTopic(u"out/gpio/D2"_s) << " 1 1700000001\r\n"_ba
                                     << u"GPIO D2 = 1 at 1700000001 from "_s + m;
    QTest::newRow("dropped counter") << boardTopic(u"out/buffer_total_dropped_item"_s) << "12"_ba
                                     << u"dropped-item counter 12 from "_s + m;
    QTest::newRow("monitored one pin") << boardTopic(u"out/monitored_gpio"_s) << "D1"_ba
                                       << u"monitored pins [D1] from "_s + m;
    QTest::newRow("monitored two pins") << boardTopic(u"out/monitored_gpio"_s) << "D1,D2"_ba
                                        << u"monitored pins [D1,D2] from "_s + m;
    QTest::newRow("hardware") << boardTopic(u"out/hardware"_s) << "esp8266"_ba
                              << u"hardware 'esp8266' from "_s + m;
    QTest::newRow("metric esp8266") << boardTopic(u"out/esp8266/free_heap"_s) << "41234"_ba
                                    << u"metric esp8266/free_heap = '41234' from "_s + m;
    QTest::newRow("metric text") << boardTopic(u"out/esp8266/reset_reason"_s) << "External System"_ba
                                 << u"metric esp8266/reset_reason = 'External System' from "_s + m;
    QTest::newRow("metric uptime") << boardTopic(u"out/uptime/system_ms"_s) << "123456"_ba
                                   << u"metric uptime/system_ms = '123456' from "_s + m;
    QTest::newRow("metric rssi negative") << boardTopic(u"out/network/rssi"_s) << "-67"_ba
                                          << u"metric network/rssi = '-67' from "_s + m;
    QTest::newRow("metric dns") << boardTopic(u"out/network/dns/0"_s) << "192.168.1.1"_ba
                                << u"metric network/dns/0 = '192.168.1.1' from "_s + m;
    QTest::newRow("metric mqtt") << boardTopic(u"out/mqtt/sent_ok"_s) << "99"_ba
                                 << u"metric mqtt/sent_ok = '99' from "_s + m;
    QTest::newRow("metric unknown name") << boardTopic(u"out/esp8266/new_metric"_s) << "x"_ba
                                         << u"metric esp8266/new_metric = 'x' from "_s + m;
    QTest::newRow("metric UTF-8 ssid") << boardTopic(u"out/network/ssid"_s) << "Caf\xc3\xa9"_ba
                                       << u"metric network/ssid = 'Caf\u00e9' from "_s + m;
    QTest::newRow("metric whitespace only") << boardTopic(u"out/network/ssid"_s) << " "_ba
                                            << u"metric network/ssid = '' from "_s + m;
    QTest::newRow("unknown category") << boardTopic(u"out/whatever"_s) << "x"_ba
                                      << u"unknown category whatever from "_s + m;
    QTest::newRow("unknown category deep") << boardTopic(u"out/whatever/a/b"_s) << "\xff"_ba
                                           << u"unknown category whatever/a/b from "_s + m;
    QTest::newRow("command in") << boardTopic(u"in/reboot"_s) << "1"_ba << u"command reboot to "_s + m;
    QTest::newRow("unknown command in") << boardTopic(u"in/selfdestruct"_s) << "1"_ba
                                        << u"command selfdestruct to "_s + m;
    QTest::newRow("manager online") << u"gcn_manager/status/gcn_manager_3fa94c01"_s << "online"_ba
                                    << u"manager status online of gcn_manager_3fa94c01"_s;
    QTest::newRow("manager offline") << u"gcn_manager/status/gcn_manager_3fa94c01"_s << "offline\n"_ba
                                     << u"manager status offline of gcn_manager_3fa94c01"_s;
    QTest::newRow("manager empty") << u"gcn_manager/status/gcn_manager_3fa94c01"_s << ""_ba
                                   << u"manager status empty of gcn_manager_3fa94c01"_s;
    QTest::newRow("manager spaces only") << u"gcn_manager/status/gcn_manager_ab"_s << "  "_ba
                                         << u"manager status empty of gcn_manager_ab"_s;
}

void TestProtocol::validMessages()
{
    QFETCH(QString, topic);
    QFETCH(QByteArray, payload);
    QFETCH(QString, description);

    const auto parsed = gcn::parseMessage(topic, payload);
    QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error().toString()));
    QCOMPARE(gcn::describeMessage(*parsed), description);
}

void TestProtocol::malformedMessages_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<ParseError::Code>("code");

    using C = ParseError::Code;
    // Topic shape.
    QTest::newRow("empty topic") << QString() << "online"_ba << C::InvalidTopic;
    QTest::newRow("unknown root") << u"foo/AA:BB:CC:DD:EE:FF/out/status"_s << "online"_ba << C::UnknownRootLevel;
    QTest::newRow("root case differs") << u"GCN/AA:BB:CC:DD:EE:FF/out/status"_s << "online"_ba
                                       << C::UnknownRootLevel;
    QTest::newRow("root only") << u"gcn"_s << "online"_ba << C::MissingLevel;
    QTest::newRow("no direction") << u"gcn/AA:BB:CC:DD:EE:FF"_s << "online"_ba << C::MissingLevel;
    QTest::newRow("no category") << boardTopic(u"out"_s) << "online"_ba << C::MissingLevel;
    QTest::newRow("leading slash") << u"/gcn/AA:BB:CC:DD:EE:FF/out/status"_s << "online"_ba << C::EmptyLevel;
    QTest::newRow("trailing slash") << boardTopic(u"out/status/"_s) << "online"_ba << C::EmptyLevel;
    QTest::newRow("double slash") << u"gcn//out/status"_s << "online"_ba << C::EmptyLevel;
    QTest::newRow("empty category") << boardTopic(u"out//x"_s) << "online"_ba << C::EmptyLevel;
    QTest::newRow("extra level status") << boardTopic(u"out/status/x"_s) << "online"_ba << C::ExtraLevel;
    QTest::newRow("extra level heartbeat") << boardTopic(u"out/heartbeat/1"_s) << "1"_ba << C::ExtraLevel;
    QTest::newRow("extra level gpio") << boardTopic(u"out/gpio/D1/x"_s) << "1 1"_ba << C::ExtraLevel;
    QTest::newRow("extra level metric") << boardTopic(u"out/esp8266/free_heap/x"_s) << "1"_ba << C::ExtraLevel;
    QTest::newRow("extra level dns") << boardTopic(u"out/network/dns/0/1"_s) << "1.1.1.1"_ba << C::ExtraLevel;
    QTest::newRow("extra level command") << boardTopic(u"in/reboot/now"_s) << "1"_ba << C::ExtraLevel;
    QTest::newRow("missing pin name") << boardTopic(u"out/gpio"_s) << "1 1"_ba << C::MissingLevel;
    QTest::newRow("missing metric name") << boardTopic(u"out/uptime"_s) << "1"_ba << C::MissingLevel;
    QTest::newRow("missing dns index") << boardTopic(u"out/network/dns"_s) << "1.1.1.1"_ba << C::MissingLevel;
    QTest::newRow("dns index not a number") << boardTopic(u"out/network/dns/x"_s) << "1.1.1.1"_ba
                                            << C::InvalidTopic;
    QTest::newRow("missing command") << boardTopic(u"in"_s) << "1"_ba << C::MissingLevel;
    QTest::newRow("unknown direction") << boardTopic(u"sideways/status"_s) << "online"_ba << C::UnknownDirection;
    QTest::newRow("direction upper case") << boardTopic(u"OUT/status"_s) << "online"_ba << C::UnknownDirection;
    QTest::newRow("wildcard plus") << u"gcn/+/out/status"_s << "online"_ba << C::InvalidTopic;
    QTest::newRow("wildcard hash") << boardTopic(u"out/#"_s) << "online"_ba << C::InvalidTopic;
    QTest::newRow("NUL in topic") << boardTopic(u"out/sta\u0000tus"_s) << "online"_ba << C::InvalidTopic;
    QTest::newRow("replacement char in topic")
        << QString::fromUtf8("gcn/AA:BB:CC:DD:EE:FF/out/st\xff") << "online"_ba << C::InvalidTopic;
    QTest::newRow("lone surrogate in topic") << boardTopic(u"out/gpio/"_s) + QChar(0xD800) << "1 1"_ba
                                             << C::InvalidTopic;

    // Board ids.
    QTest::newRow("id short") << u"gcn/AA:BB:CC:DD:EE/out/status"_s << "online"_ba << C::InvalidBoardId;
    QTest::newRow("id long") << u"gcn/AA:BB:CC:DD:EE:FF:00/out/status"_s << "online"_ba << C::InvalidBoardId;
    QTest::newRow("id not hex") << u"gcn/AA:BB:CC:DD:EE:GG/out/status"_s << "online"_ba << C::InvalidBoardId;
    QTest::newRow("id dashes") << u"gcn/AA-BB-CC-DD-EE-FF/out/status"_s << "online"_ba << C::InvalidBoardId;
    QTest::newRow("id underscores") << u"gcn/AA_BB_CC_DD_EE_FF/out/status"_s << "online"_ba << C::InvalidBoardId;
    QTest::newRow("id without separators") << u"gcn/AABBCCDDEEFF/out/status"_s << "online"_ba << C::InvalidBoardId;
    QTest::newRow("id client id") << u"gcn/gcn-AA_BB_CC_DD_EE_FF/out/status"_s << "online"_ba << C::InvalidBoardId;
    QTest::newRow("id with space") << u"gcn/AA:BB:CC:DD:EE:F /out/status"_s << "online"_ba << C::InvalidBoardId;
    QTest::newRow("id full-width digit") << u"gcn/AA:BB:CC:DD:EE:F\uFF11/out/status"_s << "online"_ba
                                         << C::InvalidBoardId;

    // Pin names.
    QTest::newRow("pin with space") << boardTopic(u"out/gpio/D 1"_s) << "1 1"_ba << C::InvalidPinName;
    QTest::newRow("pin with comma") << boardTopic(u"out/gpio/D1,D2"_s) << "1 1"_ba << C::InvalidPinName;
    QTest::newRow("pin with control") << boardTopic(u"out/gpio/D\u00011"_s) << "1 1"_ba << C::InvalidPinName;
    QTest::newRow("pin too long") << boardTopic(u"out/gpio/"_s + QString(65, u'P')) << "1 1"_ba
                                  << C::InvalidPinName;
    QTest::newRow("list empty name middle") << boardTopic(u"out/monitored_gpio"_s) << "D1,,D2"_ba
                                            << C::InvalidPinName;
    QTest::newRow("list trailing comma") << boardTopic(u"out/monitored_gpio"_s) << "D1,"_ba << C::InvalidPinName;
    QTest::newRow("list leading comma") << boardTopic(u"out/monitored_gpio"_s) << ",D1"_ba << C::InvalidPinName;
    QTest::newRow("list only spaces") << boardTopic(u"out/monitored_gpio"_s) << "   "_ba << C::InvalidPinName;
    QTest::newRow("list blank name") << boardTopic(u"out/monitored_gpio"_s) << "D1, ,D2"_ba << C::InvalidPinName;
    QTest::newRow("list name with tab") << boardTopic(u"out/monitored_gpio"_s) << "D1,\tD2"_ba
                                        << C::InvalidPinName;
    QTest::newRow("list name with slash") << boardTopic(u"out/monitored_gpio"_s) << "D1,a/b"_ba
                                          << C::InvalidPinName;

    // Status payloads.
    QTest::newRow("status unknown word") << boardTopic(u"out/status"_s) << "rebooting"_ba << C::InvalidPayload;
    QTest::newRow("status upper case") << boardTopic(u"out/status"_s) << "ONLINE"_ba << C::InvalidPayload;
    QTest::newRow("status with tab") << boardTopic(u"out/status"_s) << "online\t"_ba << C::InvalidPayload;
    QTest::newRow("status with NUL") << boardTopic(u"out/status"_s) << QByteArray("online\0", 7)
                                     << C::InvalidPayload;
    QTest::newRow("status two words") << boardTopic(u"out/status"_s) << "online offline"_ba << C::InvalidPayload;
    QTest::newRow("status spaces only") << boardTopic(u"out/status"_s) << "  "_ba << C::InvalidPayload;

    // Numbers.
    QTest::newRow("heartbeat negative") << boardTopic(u"out/heartbeat"_s) << "-1"_ba << C::InvalidPayload;
    QTest::newRow("heartbeat plus sign") << boardTopic(u"out/heartbeat"_s) << "+1"_ba << C::InvalidPayload;
    QTest::newRow("heartbeat above uint32") << boardTopic(u"out/heartbeat"_s) << "4294967296"_ba
                                            << C::InvalidPayload;
    QTest::newRow("heartbeat huge") << boardTopic(u"out/heartbeat"_s) << QByteArray(400, '9') << C::InvalidPayload;
    QTest::newRow("heartbeat decimal point") << boardTopic(u"out/heartbeat"_s) << "1700000000.5"_ba
                                             << C::InvalidPayload;
    QTest::newRow("heartbeat exponent") << boardTopic(u"out/heartbeat"_s) << "1e9"_ba << C::InvalidPayload;
    QTest::newRow("heartbeat hex") << boardTopic(u"out/heartbeat"_s) << "0x10"_ba << C::InvalidPayload;
    QTest::newRow("heartbeat inner space") << boardTopic(u"out/heartbeat"_s) << "17 00"_ba << C::InvalidPayload;
    QTest::newRow("heartbeat arabic digits") << boardTopic(u"out/heartbeat"_s) << "\xd9\xa1\xd9\xa2"_ba
                                             << C::InvalidPayload;
    QTest::newRow("heartbeat spaces only") << boardTopic(u"out/heartbeat"_s) << " \r\n"_ba << C::InvalidPayload;
    QTest::newRow("counter above uint64") << boardTopic(u"out/buffer_total_dropped_item"_s)
                                          << "18446744073709551616"_ba << C::InvalidPayload;
    QTest::newRow("counter negative") << boardTopic(u"out/buffer_total_dropped_item"_s) << "-3"_ba
                                      << C::InvalidPayload;
    QTest::newRow("counter text") << boardTopic(u"out/buffer_total_dropped_item"_s) << "many"_ba
                                  << C::InvalidPayload;

    // GPIO samples.
    QTest::newRow("gpio one number") << boardTopic(u"out/gpio/D1"_s) << "1"_ba << C::InvalidPayload;
    QTest::newRow("gpio three numbers") << boardTopic(u"out/gpio/D1"_s) << "1 2 3"_ba << C::InvalidPayload;
    QTest::newRow("gpio state 2") << boardTopic(u"out/gpio/D1"_s) << "2 1700000000"_ba << C::InvalidPayload;
    QTest::newRow("gpio state 01") << boardTopic(u"out/gpio/D1"_s) << "01 1700000000"_ba << C::InvalidPayload;
    QTest::newRow("gpio two spaces") << boardTopic(u"out/gpio/D1"_s) << "1  1700000000"_ba << C::InvalidPayload;
    QTest::newRow("gpio tab") << boardTopic(u"out/gpio/D1"_s) << "1\t1700000000"_ba << C::InvalidPayload;
    QTest::newRow("gpio comma") << boardTopic(u"out/gpio/D1"_s) << "1,1700000000"_ba << C::InvalidPayload;
    QTest::newRow("gpio timestamp negative") << boardTopic(u"out/gpio/D1"_s) << "1 -5"_ba << C::InvalidPayload;
    QTest::newRow("gpio timestamp above uint32") << boardTopic(u"out/gpio/D1"_s) << "1 4294967296"_ba
                                                 << C::InvalidPayload;
    QTest::newRow("gpio words") << boardTopic(u"out/gpio/D1"_s) << "up now"_ba << C::InvalidPayload;
    QTest::newRow("gpio space only between") << boardTopic(u"out/gpio/D1"_s) << "1 "_ba << C::InvalidPayload;

    // Encoding and size.
    QTest::newRow("invalid UTF-8 status") << boardTopic(u"out/status"_s) << "onl\xffne"_ba << C::InvalidPayload;
    QTest::newRow("invalid UTF-8 metric") << boardTopic(u"out/network/ssid"_s) << "\xc3\x28"_ba
                                          << C::InvalidPayload;
    QTest::newRow("overlong UTF-8") << boardTopic(u"out/hardware"_s) << "\xc0\xaf"_ba << C::InvalidPayload;
    QTest::newRow("UTF-8 surrogate") << boardTopic(u"out/hardware"_s) << "\xed\xa0\x80"_ba << C::InvalidPayload;
    QTest::newRow("truncated UTF-8") << boardTopic(u"out/hardware"_s) << "esp\xe2\x82"_ba << C::InvalidPayload;
    QTest::newRow("payload too large") << boardTopic(u"out/hardware"_s) << QByteArray(gcn::maxPayloadBytes + 1, 'a')
                                       << C::PayloadTooLarge;
    QTest::newRow("hardware spaces only") << boardTopic(u"out/hardware"_s) << " \n"_ba << C::InvalidPayload;

    // Manager status.
    QTest::newRow("manager garbage") << u"gcn_manager/status/gcn_manager_ab"_s << "maybe"_ba << C::InvalidPayload;
    QTest::newRow("manager invalid UTF-8") << u"gcn_manager/status/gcn_manager_ab"_s << "\xfe"_ba
                                           << C::InvalidPayload;
    QTest::newRow("manager id without prefix") << u"gcn_manager/status/other"_s << "online"_ba
                                               << C::InvalidManagerId;
    QTest::newRow("manager id prefix only") << u"gcn_manager/status/gcn_manager_"_s << "online"_ba
                                            << C::InvalidManagerId;
    QTest::newRow("manager id with dash") << u"gcn_manager/status/gcn_manager_a-b"_s << "online"_ba
                                          << C::InvalidManagerId;
    QTest::newRow("manager unknown category") << u"gcn_manager/health/gcn_manager_ab"_s << "online"_ba
                                              << C::InvalidTopic;
    QTest::newRow("manager extra level") << u"gcn_manager/status/gcn_manager_ab/x"_s << "online"_ba
                                         << C::ExtraLevel;
    QTest::newRow("manager missing id") << u"gcn_manager/status"_s << "online"_ba << C::MissingLevel;
}

void TestProtocol::malformedMessages()
{
    QFETCH(QString, topic);
    QFETCH(QByteArray, payload);
    QFETCH(ParseError::Code, code);

    const auto parsed = gcn::parseMessage(topic, payload);
    QVERIFY2(!parsed.has_value(), qPrintable(parsed ? gcn::describeMessage(*parsed) : QString()));
    QCOMPARE(parsed.error().code, code);
    QCOMPARE(parsed.error().topic, gcn::printableText(topic));
    QVERIFY(!parsed.error().message.isEmpty());
    const QString line = parsed.error().toString();
    QVERIFY2(line.contains(u"'"_s + gcn::printableText(topic) + u"'"_s), qPrintable(line));
}

void TestProtocol::gpioSampleFields()
{
    const auto parsed = gcn::parseMessage(boardTopic(u"out/gpio/GPIO5"_s), "1 4294967295"_ba);
    QVERIFY(parsed.has_value());
    const auto* sample = std::get_if<gcn::GpioSampleMessage>(&*parsed);
    QVERIFY(sample);
    QCOMPARE(sample->boardId, mac);
    QCOMPARE(sample->pin, u"GPIO5"_s);
    QCOMPARE(sample->state, 1);
    QCOMPARE(sample->timestamp, 4294967295u);
}

void TestProtocol::monitoredPinsTrimmedAndDeduplicated()
{
    const auto parsed = gcn::parseMessage(boardTopic(u"out/monitored_gpio"_s), " D2 , D1,D2\r\n"_ba);
    QVERIFY(parsed.has_value());
    const auto* list = std::get_if<gcn::MonitoredPinsMessage>(&*parsed);
    QVERIFY(list);
    QCOMPARE(list->pins, QStringList({u"D2"_s, u"D1"_s}));
}

void TestProtocol::counterFullRange()
{
    const auto parsed = gcn::parseMessage(boardTopic(u"out/buffer_total_dropped_item"_s), "18446744073709551615"_ba);
    QVERIFY(parsed.has_value());
    const auto* counter = std::get_if<gcn::DroppedCounterMessage>(&*parsed);
    QVERIFY(counter);
    QCOMPARE(counter->total, std::numeric_limits<quint64>::max());
}

void TestProtocol::idsKeepLetterCase()
{
    const auto upper = gcn::parseMessage(u"gcn/AA:BB:CC:DD:EE:0F/out/heartbeat"_s, "1"_ba);
    const auto lower = gcn::parseMessage(u"gcn/aa:bb:cc:dd:ee:0f/out/heartbeat"_s, "1"_ba);
    QVERIFY(upper.has_value());
    QVERIFY(lower.has_value());
    QCOMPARE(std::get<gcn::HeartbeatMessage>(*upper).boardId, u"AA:BB:CC:DD:EE:0F"_s);
    QCOMPARE(std::get<gcn::HeartbeatMessage>(*lower).boardId, u"aa:bb:cc:dd:ee:0f"_s);
}

void TestProtocol::emptyPayloadClearsRetained_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("gpio") << u"gpio/D3"_s;
    QTest::newRow("status") << u"status"_s;
    QTest::newRow("heartbeat") << u"heartbeat"_s;
    QTest::newRow("monitored") << u"monitored_gpio"_s;
    QTest::newRow("metric") << u"esp8266/free_heap"_s;
    QTest::newRow("dns") << u"network/dns/1"_s;
}

void TestProtocol::emptyPayloadClearsRetained()
{
    QFETCH(QString, path);
    const auto parsed = gcn::parseMessage(boardTopic(u"out/"_s + path), QByteArray());
    QVERIFY(parsed.has_value());
    const auto* cleared = std::get_if<gcn::RetainedClearedMessage>(&*parsed);
    QVERIFY(cleared);
    QCOMPARE(cleared->boardId, mac);
    QCOMPARE(cleared->path, path);
}

void TestProtocol::boardCommandTopicBuilder_data()
{
    QTest::addColumn<QString>("boardId");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("expected");

    QTest::newRow("reboot") << mac << u"reboot"_s << u"gcn/AA:BB:CC:DD:EE:FF/in/reboot"_s;
    QTest::newRow("unknown command builds") << mac << u"custom"_s << u"gcn/AA:BB:CC:DD:EE:FF/in/custom"_s;
    QTest::newRow("bad MAC") << u"AA:BB"_s << u"reboot"_s << QString();
    QTest::newRow("empty command") << mac << QString() << QString();
    QTest::newRow("command with slash") << mac << u"a/b"_s << QString();
    QTest::newRow("command with wildcard") << mac << u"#"_s << QString();
    QTest::newRow("command with newline") << mac << u"reboot\n"_s << QString();
}

void TestProtocol::boardCommandTopicBuilder()
{
    QFETCH(QString, boardId);
    QFETCH(QString, command);
    QFETCH(QString, expected);

    const auto topic = gcn::topics::boardCommandTopic(boardId, command);
    if (expected.isEmpty()) {
        QVERIFY(!topic.has_value());
        QVERIFY(!topic.error().message.isEmpty());
    } else {
        QVERIFY(topic.has_value());
        QCOMPARE(*topic, expected);
        // What the manager publishes, it also parses back as a command.
        const auto parsed = gcn::parseMessage(*topic, "1"_ba);
        QVERIFY(parsed.has_value());
        QCOMPARE(std::get<gcn::BoardCommandMessage>(*parsed).command, command);
    }
}

void TestProtocol::boardGpioTopicBuilder()
{
    QCOMPARE(gcn::topics::boardGpioTopic(mac, u"D1"_s).value(), u"gcn/AA:BB:CC:DD:EE:FF/out/gpio/D1"_s);
    QVERIFY(!gcn::topics::boardGpioTopic(mac, u"D 1"_s).has_value());
    QVERIFY(!gcn::topics::boardGpioTopic(u"x"_s, u"D1"_s).has_value());
}

void TestProtocol::knownCommands()
{
    const QStringList expected {u"reboot"_s, u"disconnect_wifi"_s, u"disconnect_mqtt"_s, u"synchronize_sntp"_s,
                                u"send_metrics"_s};
    QCOMPARE(gcn::topics::knownBoardCommands(), expected);
    for (const QString& command : expected)
        QVERIFY(gcn::topics::isKnownBoardCommand(command));
    QVERIFY(!gcn::topics::isKnownBoardCommand(u"Reboot"_s));
    QVERIFY(!gcn::topics::isKnownBoardCommand(QString()));
    QCOMPARE(gcn::topics::boardClientId(mac), u"gcn-AA_BB_CC_DD_EE_FF"_s);
    QCOMPARE(gcn::topics::managerStatusTopic(u"gcn_manager_01"_s), u"gcn_manager/status/gcn_manager_01"_s);
}

void TestProtocol::subscriptionsCoverBoardTopics()
{
    const QStringList filters = gcn::topics::managerSubscriptions();
    QCOMPARE(filters.size(), 4);
    QVERIFY(filters.contains(u"gcn_manager/status/+"_s));
    QVERIFY(filters.contains(u"gcn/+/out/+"_s));
    // gcn/+/out/+/+ matches the GPIO samples; a second filter for them would deliver each one twice.
    QVERIFY(!filters.contains(u"gcn/+/out/gpio/+"_s));
    QVERIFY(filters.contains(u"gcn/+/out/+/+"_s));
    QVERIFY(filters.contains(u"gcn/+/out/network/dns/+"_s));
}

void TestProtocol::printableTextEscapes()
{
    QCOMPARE(gcn::printableText(u"a\nb"_s), u"a\\u{000a}b"_s);
    QCOMPARE(gcn::printableText(QString(QChar(0xFFFD))), u"\\u{fffd}"_s);
    QCOMPARE(gcn::printableText(u"abcdef"_s, 3), u"abc..."_s);
    QCOMPARE(gcn::printableText(u"caf\u00e9 \U0001F600"_s), u"caf\u00e9 \U0001F600"_s);
    QCOMPARE(gcn::printableText(QString(QChar(0xDC00))), u"\\u{dc00}"_s);
}

void TestProtocol::randomInputNeverCrashes()
{
    // Random bytes, and random mixes of valid levels and noise, must parse or fail without crashing or
    // hanging. The seed is printed so a failure can be replayed.
    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("random seed %u", seed);
    QRandomGenerator random(seed);
    const QList<QByteArray> pieces {"gcn", "gcn_manager", "status", "out", "in", "gpio", "heartbeat", "D1",
                                    "AA:BB:CC:DD:EE:FF", "network", "dns", "0", "/", "+", "#", "", " ",
                                    "\xff", "\xc3", "\x00", "monitored_gpio", "gcn_manager_ab", "esp8266"};
    auto randomBytes = [&random](int maxLength) {
        QByteArray bytes(int(random.bounded(maxLength + 1)), Qt::Uninitialized);
        for (char& byte : bytes)
            byte = char(random.bounded(256));
        return bytes;
    };

    QElapsedTimer elapsed;
    elapsed.start();
    int parsedCount = 0;
    int rejectedCount = 0;
    for (int i = 0; i < 20000; ++i) {
        QByteArray topic;
        if (i % 2 == 0) {
            topic = randomBytes(80);
        } else {
            const int levels = int(random.bounded(1, 8));
            for (int level = 0; level < levels; ++level) {
                if (level > 0)
                    topic += '/';
                topic += pieces.at(int(random.bounded(pieces.size())));
            }
        }
        QByteArray payload = i % 3 == 0 ? randomBytes(40) : pieces.at(int(random.bounded(pieces.size())));
        if (i % 5 == 0)
            payload = QByteArray::number(random.generate64()) + ' ' + randomBytes(3);
        const auto parsed = gcn::parseMessage(QString::fromUtf8(topic), payload);
        if (parsed) {
            ++parsedCount;
            QVERIFY(!gcn::describeMessage(*parsed).isEmpty());
        } else {
            ++rejectedCount;
            QVERIFY(!parsed.error().toString().isEmpty());
        }
    }
    QCOMPARE(parsedCount + rejectedCount, 20000);
    QVERIFY(rejectedCount > 0);
    // Generous bound that only catches a hang or a quadratic blow-up.
    QVERIFY2(elapsed.elapsed() < 60'000, qPrintable(u"took %1 ms"_s.arg(elapsed.elapsed())));
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
