#include "BoardTraffic.h"

#include <QDateTime>
#include <QElapsedTimer>

namespace gcn::bench {

using namespace Qt::StringLiterals;

namespace {

// Metric topics of the firmware (`gcn/<MAC>/out/<group>/<metric>`), in the order it publishes them.
constexpr const char* metricTopics[] = {
    "esp8266/reset_reason",
    "esp8266/chip_id",
    "esp8266/core_version",
    "esp8266/sdk_version",
    "esp8266/cpu_freq_mhz",
    "esp8266/sketch_size",
    "esp8266/free_sketch_size",
    "esp8266/sketch_md5",
    "esp8266/flash_chip_id",
    "esp8266/flash_chip_size",
    "esp8266/flash_chip_real_size",
    "esp8266/flash_chip_speed_hz",
    "esp8266/check_flash_crc",
    "esp8266/free_heap",
    "esp8266/heap_fragmentation_percent",
    "esp8266/max_free_block_size",
    "uptime/system_ms",
    "uptime/wifi_ms",
    "uptime/sntp_ms",
    "uptime/mqtt_ms",
    "uptime/unix_timestamp",
    "network/local_ip",
    "network/netmask",
    "network/gateway_ip",
    "network/ssid",
    "network/bssid",
    "network/rssi",
    "network/dns/0",
    "network/dns/1",
    "mqtt/sent_ok",
    "mqtt/sent_error",
    "mqtt/subscribe_ok",
    "mqtt/subscribe_error",
    "mqtt/connect_ok",
    "mqtt/connect_error",
    "mqtt/received",
    "buffer_total_dropped_item",
};

qint64 uptimeMs()
{
    static QElapsedTimer timer;
    if (!timer.isValid())
        timer.start();
    return timer.elapsed();
}

QByteArray unixTime()
{
    return QByteArray::number(QDateTime::currentSecsSinceEpoch());
}

} // namespace

BoardTraffic::BoardTraffic(const QString& macPrefix, int firstIndex, int boardCount, const QStringList& pins)
    : m_boardCount(boardCount)
    , m_pins(pins)
    , m_pinStates(size_t(boardCount) * size_t(pins.size()), 0)
    , m_nextPin(size_t(boardCount), 0)
    , m_publishedCount(size_t(boardCount), 0)
{
    for (const QString& pin : pins)
        m_pinTopicSuffixes.append("gpio/" + pin.toUtf8());
    m_topicPrefixes.reserve(size_t(boardCount));
    for (int board = 0; board < boardCount; ++board)
        m_topicPrefixes.push_back("gcn/" + macForIndex(macPrefix, firstIndex + board).toLatin1() + "/out/");
}

QString BoardTraffic::macForIndex(const QString& prefix, int index)
{
    return u"%1:%2:%3:%4"_s.arg(prefix)
        .arg((index >> 16) & 0xff, 2, 16, QChar(u'0'))
        .arg((index >> 8) & 0xff, 2, 16, QChar(u'0'))
        .arg(index & 0xff, 2, 16, QChar(u'0'))
        .toUpper();
}

int BoardTraffic::metricsMessageCount()
{
    return int(std::size(metricTopics));
}

QString BoardTraffic::mac(int board) const
{
    const QByteArray& prefix = m_topicPrefixes[size_t(board)];
    // Between "gcn/" and "/out/".
    return QString::fromLatin1(prefix.mid(4, prefix.size() - 9));
}

QByteArray BoardTraffic::clientId(int board) const
{
    return "gcn-" + mac(board).toLatin1().replace(':', '_');
}

QByteArray BoardTraffic::topic(int board, const char* suffix) const
{
    return m_topicPrefixes[size_t(board)] + suffix;
}

void BoardTraffic::appendConnectSet(int board, QList<BoardMessage>& out)
{
    out.append(status(board, true));
    out.append({board, topic(board, "monitored_gpio"), m_pins.join(u',').toUtf8()});
    out.append({board, topic(board, "hardware"), "esp8266"});
    for (int pin = 0; pin < m_pins.size(); ++pin)
        out.append(sample(board, pin));
    out.append(heartbeat(board));
    appendMetrics(board, out);
}

void BoardTraffic::appendMetrics(int board, QList<BoardMessage>& out)
{
    const quint32 sent = m_publishedCount[size_t(board)];
    const qint64 uptime = uptimeMs();
    for (const char* suffix : metricTopics) {
        const QByteArrayView name(suffix);
        QByteArray value;
        if (name == "esp8266/reset_reason")
            value = "External System";
        else if (name == "esp8266/chip_id" || name == "esp8266/flash_chip_id")
            value = QByteArray::number(0x100000 + board);
        else if (name == "esp8266/core_version")
            value = "3_1_2";
        else if (name == "esp8266/sdk_version")
            value = "2.2.2-dev(38a443e)";
        else if (name == "esp8266/cpu_freq_mhz")
            value = "80";
        else if (name == "esp8266/sketch_md5")
            value = "5f1c4bd2c3a8e8f0a8b5d9a1c2e3f4a5";
        else if (name == "esp8266/free_heap")
            value = QByteArray::number(41000 - int(sent % 997));
        else if (name == "esp8266/heap_fragmentation_percent")
            value = QByteArray::number(sent % 13);
        else if (name.startsWith("uptime/") && name != "uptime/unix_timestamp")
            value = QByteArray::number(uptime);
        else if (name == "uptime/unix_timestamp")
            value = unixTime();
        else if (name == "network/local_ip")
            value = "10.0." + QByteArray::number((board >> 8) & 0xff) + '.' + QByteArray::number(board & 0xff);
        else if (name == "network/netmask")
            value = "255.255.0.0";
        else if (name == "network/gateway_ip" || name.startsWith("network/dns/"))
            value = "10.0.0.1";
        else if (name == "network/ssid")
            value = "gcn-bench";
        else if (name == "network/bssid")
            value = "02:00:00:00:00:01";
        else if (name == "network/rssi")
            value = QByteArray::number(-45 - board % 40);
        else if (name == "mqtt/sent_ok")
            value = QByteArray::number(sent);
        else if (name == "mqtt/connect_ok")
            value = "1";
        else if (name == "buffer_total_dropped_item" || name.endsWith("_error") || name == "mqtt/received")
            value = "0";
        else
            value = QByteArray::number(1048576 + board % 4096);
        out.append({board, topic(board, suffix), value});
    }
    m_publishedCount[size_t(board)] += quint32(std::size(metricTopics));
}

BoardMessage BoardTraffic::heartbeat(int board) const
{
    return {board, topic(board, "heartbeat"), unixTime()};
}

BoardMessage BoardTraffic::status(int board, bool online) const
{
    return {board, topic(board, "status"), online ? QByteArray("online") : QByteArray("offline")};
}

BoardMessage BoardTraffic::toggleNextPin(int board)
{
    int& next = m_nextPin[size_t(board)];
    const int pin = next;
    next = (next + 1) % int(m_pins.size());
    quint8& state = m_pinStates[size_t(board) * size_t(m_pins.size()) + size_t(pin)];
    state = state ? 0 : 1;
    return sample(board, pin);
}

BoardMessage BoardTraffic::setPin(int board, int pinIndex, int state)
{
    m_pinStates[size_t(board) * size_t(m_pins.size()) + size_t(pinIndex)] = state ? 1 : 0;
    return sample(board, pinIndex);
}

BoardMessage BoardTraffic::sample(int board, int pinIndex) const
{
    const quint8 state = m_pinStates[size_t(board) * size_t(m_pins.size()) + size_t(pinIndex)];
    return {board, m_topicPrefixes[size_t(board)] + m_pinTopicSuffixes[pinIndex],
            QByteArray::number(state) + ' ' + unixTime()};
}

} // namespace gcn::bench
