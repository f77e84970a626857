#include "SimulatedBoard.h"

#include <QDateTime>
#include <QElapsedTimer>

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

qint64 processUptimeMs()
{
    static QElapsedTimer timer;
    if (!timer.isValid())
        timer.start();
    return timer.elapsed();
}

} // namespace

SimulatedBoard::SimulatedBoard(const QString& mac, const MqttConnectOptions& brokerOptions,
                               const BoardBehaviour& behaviour, QObject* parent)
    : QObject(parent)
    , m_mac(mac)
    , m_behaviour(behaviour)
    , m_client(new MqttClient(this))
    , m_bootMs(processUptimeMs())
{
    MqttConnectOptions options = brokerOptions;
    options.clientId = clientId();
    options.willTopic = topic(u"status"_s);
    options.willPayload = "offline";
    options.willQos = 0;
    options.willRetain = true;
    m_client->setOptions(options);
    for (const QString& pin : behaviour.pins)
        m_pinStates.insert(pin, 0);

    connect(m_client, &MqttClient::connected, this, &SimulatedBoard::handleConnected);
    connect(m_client, &MqttClient::messageReceived, this,
            [this](const QString& receivedTopic, const QByteArray& payload, int, bool) {
                handleMessage(receivedTopic, payload);
            });
    connect(m_client, &MqttClient::disconnected, this, [this] {
        m_heartbeatTimer.stop();
        m_metricsTimer.stop();
        Q_EMIT disconnected(m_mac);
        // Like the firmware, a board that lost the broker keeps trying, unless it was told to go away.
        if (!m_stayDisconnected)
            reconnectLater();
    });
    connect(m_client, &MqttClient::errorOccurred, this,
            [this](MqttClient::Error) { Q_EMIT failed(m_mac, m_client->errorString()); });

    m_heartbeatTimer.setInterval(behaviour.heartbeatIntervalMs);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &SimulatedBoard::publishHeartbeat);
    m_metricsTimer.setInterval(behaviour.metricsIntervalMs);
    connect(&m_metricsTimer, &QTimer::timeout, this, &SimulatedBoard::publishMetrics);
}

QString SimulatedBoard::clientId() const
{
    return u"gcn-"_s + QString(m_mac).replace(u':', u'_');
}

QString SimulatedBoard::topic(const QString& suffix) const
{
    return u"gcn/%1/out/%2"_s.arg(m_mac, suffix);
}

bool SimulatedBoard::isConnected() const
{
    return m_client->state() == MqttClient::State::Connected;
}

void SimulatedBoard::connectToBroker()
{
    m_stayDisconnected = false;
    if (m_client->state() != MqttClient::State::Disconnected)
        return;
    m_client->connectToHost();
}

void SimulatedBoard::handleConnected()
{
    ++m_connectCount;
    m_client->subscribe(u"gcn/%1/in/+"_s.arg(m_mac), 1);
    publishOut(u"status"_s, "online");
    publishOut(u"monitored_gpio"_s, m_behaviour.pins.join(u',').toUtf8());
    publishOut(u"hardware"_s, "esp8266");
    // The firmware publishes the current state of each pin once after each connect, with a new timestamp.
    for (const QString& pin : m_behaviour.pins)
        publishSample(pin);
    publishHeartbeat();
    publishMetrics();
    m_heartbeatTimer.start();
    m_metricsTimer.start();
    Q_EMIT connected(m_mac);
}

void SimulatedBoard::handleMessage(const QString& receivedTopic, const QByteArray& payload)
{
    ++m_receivedCount;
    const QString prefix = u"gcn/%1/in/"_s.arg(m_mac);
    if (!receivedTopic.startsWith(prefix))
        return;
    // The firmware ignores a command with an empty payload.
    if (payload.isEmpty())
        return;
    const QString command = receivedTopic.mid(prefix.size());
    Q_EMIT commandReceived(m_mac, command);
    if (command == "reboot"_L1 || command == "disconnect_wifi"_L1 || command == "disconnect_mqtt"_L1) {
        goOfflineCleanly();
        reconnectLater();
    } else if (command == "synchronize_sntp"_L1) {
        m_behaviour.clockSkewSec = 0;
    } else if (command == "send_metrics"_L1) {
        publishMetrics();
    }
}

void SimulatedBoard::reconnectLater()
{
    QTimer::singleShot(m_behaviour.reconnectDelayMs, this, &SimulatedBoard::connectToBroker);
}

void SimulatedBoard::goOfflineCleanly()
{
    m_stayDisconnected = true;
    m_heartbeatTimer.stop();
    m_metricsTimer.stop();
    if (!isConnected())
        return;
    publishOut(u"status"_s, "offline");
    m_client->disconnectFromHost();
}

void SimulatedBoard::die()
{
    m_stayDisconnected = true;
    m_heartbeatTimer.stop();
    m_metricsTimer.stop();
    m_client->abort();
}

void SimulatedBoard::setPin(const QString& pin, int state)
{
    m_pinStates.insert(pin, state ? 1 : 0);
    if (isConnected())
        publishSample(pin);
}

void SimulatedBoard::togglePin(const QString& pin)
{
    setPin(pin, m_pinStates.value(pin) ? 0 : 1);
}

void SimulatedBoard::setClockSkew(qint64 seconds)
{
    m_behaviour.clockSkewSec = seconds;
}

void SimulatedBoard::setHeartbeatEnabled(bool enabled)
{
    m_heartbeatEnabled = enabled;
    if (!enabled)
        m_heartbeatTimer.stop();
    else if (isConnected())
        m_heartbeatTimer.start();
}

void SimulatedBoard::addDroppedItems(qint64 count)
{
    m_droppedItems += count;
    publishOut(u"buffer_total_dropped_item"_s, QByteArray::number(m_droppedItems));
}

void SimulatedBoard::publishHeartbeat()
{
    if (m_heartbeatEnabled)
        publishOut(u"heartbeat"_s, QByteArray::number(boardTime()));
}

void SimulatedBoard::publishMetrics()
{
    const qint64 uptimeMs = processUptimeMs() - m_bootMs;
    publishOut(u"buffer_total_dropped_item"_s, QByteArray::number(m_droppedItems));
    const QList<std::pair<QString, QByteArray>> metrics {
        {u"esp8266/reset_reason"_s, "External System"},
        {u"esp8266/chip_id"_s, QByteArray::number(qHash(m_mac) & 0xffffff)},
        {u"esp8266/core_version"_s, "3_1_2"},
        {u"esp8266/sdk_version"_s, "2.2.2-dev(38a443e)"},
        {u"esp8266/cpu_freq_mhz"_s, "80"},
        {u"esp8266/free_heap"_s, "41200"},
        {u"esp8266/heap_fragmentation_percent"_s, "3"},
        {u"esp8266/max_free_block_size"_s, "39800"},
        {u"uptime/system_ms"_s, QByteArray::number(uptimeMs)},
        {u"uptime/mqtt_ms"_s, QByteArray::number(uptimeMs)},
        {u"uptime/unix_timestamp"_s, QByteArray::number(boardTime())},
        {u"network/local_ip"_s, "192.168.1.50"},
        {u"network/ssid"_s, "gcn-sim"},
        {u"network/rssi"_s, "-61"},
        {u"network/dns/0"_s, "192.168.1.1"},
        {u"mqtt/sent_ok"_s, QByteArray::number(m_sentCount)},
        {u"mqtt/received"_s, QByteArray::number(m_receivedCount)},
        {u"mqtt/connect_ok"_s, QByteArray::number(m_connectCount)},
    };
    for (const auto& [suffix, value] : metrics)
        publishOut(suffix, value);
}

void SimulatedBoard::publishRaw(const QString& rawTopic, const QByteArray& payload, bool retain)
{
    m_client->publish(rawTopic, payload, 0, retain);
}

void SimulatedBoard::publishSample(const QString& pin)
{
    const QByteArray payload = QByteArray::number(m_pinStates.value(pin)) + ' ' + QByteArray::number(boardTime());
    publishOut(u"gpio/"_s + pin, payload);
}

qint64 SimulatedBoard::boardTime() const
{
    return QDateTime::currentSecsSinceEpoch() + m_behaviour.clockSkewSec;
}

void SimulatedBoard::publishOut(const QString& suffix, const QByteArray& payload)
{
    if (m_client->publish(topic(suffix), payload, 0, true) >= 0)
        ++m_sentCount;
}

} // namespace gcn
