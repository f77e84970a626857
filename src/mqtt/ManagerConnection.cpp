#include "mqtt/ManagerConnection.h"

#include "common/Clock.h"
#include "protocol/Topics.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

// Time allowed for the broker to acknowledge the `offline` status during a graceful stop.
constexpr int stopTimeoutMs = 5000;
constexpr int initialRetryDelayMs = 1000;

} // namespace

QString ManagerConnection::stateName(State state)
{
    switch (state) {
    case ManagerConnection::State::Starting:
        return u"starting"_s;
    case ManagerConnection::State::Connecting:
        return u"connecting"_s;
    case ManagerConnection::State::Connected:
        return u"connected"_s;
    case ManagerConnection::State::WaitingToReconnect:
        return u"waiting to reconnect"_s;
    case ManagerConnection::State::Stopping:
        return u"stopping"_s;
    case ManagerConnection::State::Stopped:
        return u"stopped"_s;
    }
    return u"unknown"_s;
}

MqttConnectOptions brokerConnectOptions(const Settings& settings, const QString& clientId)
{
    const MqttSettings& mqtt = settings.mqtt;
    MqttConnectOptions options;
    options.transport = mqtt.transport;
    options.host = mqtt.host;
    options.port = mqtt.port;
    options.clientId = clientId;
    options.userName = mqtt.userName;
    options.password = mqtt.userPassword;
    options.keepAliveSec = mqtt.keepAliveSec;
    options.connectTimeoutSec = mqtt.connectTimeoutSec;
    options.socketSendBufferSize = mqtt.socketSendBufferSize;
    options.housekeepingIntervalMs = settings.general.idleLoopSleepSec * 1000;
    options.tlsMinVersion = mqtt.tlsMinVersion;
    options.tlsMaxVersion = mqtt.tlsMaxVersion;
    options.tlsCiphers = mqtt.tlsCiphers;
    options.tlsCaFile = mqtt.tlsCaFile;
    options.webSocketPath = mqtt.webSocketPath;
    return options;
}

namespace {

// Advice on the options to check when retrying cannot help.
QString fatalErrorHint(MqttClient::Error error)
{
    switch (error) {
    case MqttClient::Error::BadUserNameOrPassword:
    case MqttClient::Error::NotAuthorized:
        return u"check --mqtt-user-name and the password (--mqtt-user-password, GCN_MQTT_USER_PASSWORD or the "
               "keychain entry mqtt-user-password) and the broker's access rules"_s;
    case MqttClient::Error::TlsCertificateRejected:
        return u"check that --mqtt-host is a name in the broker's certificate and that its CA is trusted "
               "(system store or --mqtt-tls-ca-file)"_s;
    case MqttClient::Error::TlsHandshakeFailed:
        return u"check --mqtt-tls-min-version, --mqtt-tls-max-version and --mqtt-tls-ciphers against what "
               "the broker offers"_s;
    case MqttClient::Error::ProtocolRejected:
        return u"the broker rejected MQTT 3.1.1 or the client id; with --mqtt-transport websocket, check that "
               "--mqtt-websocket-path is the broker's MQTT endpoint"_s;
    default:
        return u"check the MQTT options"_s;
    }
}

} // namespace

ManagerConnection::ManagerConnection(const Settings& settings, Clock& clock, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_clock(clock)
    , m_client(new MqttClient(this))
    , m_managerId(generateManagerId(settings.mqtt.clientIdRandomBytes, settings.general.monitorOnly))
{
    MqttConnectOptions options = brokerConnectOptions(settings, m_managerId);
    options.willTopic = topics::managerStatusTopic(m_managerId);
    options.willPayload = "offline";
    options.willQos = 1;
    options.willRetain = true;
    m_client->setOptions(options);
    connect(m_client, &MqttClient::connected, this, &ManagerConnection::handleConnected);
    connect(m_client, &MqttClient::errorOccurred, this, &ManagerConnection::handleError);
    connect(m_client, &MqttClient::disconnected, this, &ManagerConnection::handleDisconnected);
    connect(m_client, &MqttClient::subscribed, this, &ManagerConnection::handleSubscribed);
    connect(m_client, &MqttClient::messagePublished, this, &ManagerConnection::handlePublished);
    connect(m_client, &MqttClient::messageReceived, this, &ManagerConnection::messageReceived);

    m_reconnectTimer.setSingleShot(true);
    m_reconnectTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ManagerConnection::attemptConnection);

    m_stillConnectingTimer.setSingleShot(true);
    connect(&m_stillConnectingTimer, &QTimer::timeout, this, &ManagerConnection::alertStillConnecting);

    m_stopTimeout.setSingleShot(true);
    m_stopTimeout.setInterval(stopTimeoutMs);
    connect(&m_stopTimeout, &QTimer::timeout, this, [this] {
        qCWarning(lcMqtt) << "the broker did not acknowledge the offline status within" << stopTimeoutMs
                          << "ms; disconnecting anyway";
        m_client->disconnectFromHost();
    });
}

ManagerConnection::~ManagerConnection() = default;

QString ManagerConnection::generateManagerId(int randomBytes, bool monitor)
{
    QByteArray bytes(randomBytes, Qt::Uninitialized);
    for (char& byte : bytes)
        byte = char(QRandomGenerator::system()->bounded(256));
    return (monitor ? topics::monitorIdPrefix : topics::managerIdPrefix) + QString::fromLatin1(bytes.toHex());
}

bool ManagerConnection::publish(const QString& topic, const QByteArray& payload, int qos, bool retain)
{
    if (m_state != State::Connected)
        return false;
    return m_client->publish(topic, payload, qos, retain) >= 0;
}

void ManagerConnection::start()
{
    if (m_state != State::Starting)
        return;
    m_startedAtMs = m_clock.monotonicMs();
    m_outageStartedAtMs = m_startedAtMs;
    qCInfo(lcMqtt) << "manager" << m_managerId << "starting";
    Q_EMIT eventOccurred(managerEvent(EventType::ManagerStarting));
    m_stillConnectingTimer.start(m_settings.mqtt.stillConnectingAlertSec * 1000);
    attemptConnection();
}

void ManagerConnection::attemptConnection()
{
    if (m_state == State::Stopping || m_state == State::Stopped)
        return;
    setState(State::Connecting,
             m_failedAttempts == 0 ? u"connecting to %1"_s.arg(m_settings.mqtt.host)
                                   : u"attempt %1 after: %2"_s.arg(m_failedAttempts + 1).arg(m_lastErrorText));
    m_lastError = MqttClient::Error::None;
    m_client->connectToHost();
}

void ManagerConnection::handleConnected()
{
    if (m_state == State::Stopping || m_state == State::Stopped)
        return;
    const qint64 outageMs = m_outageStartedAtMs >= 0 ? m_clock.monotonicMs() - m_outageStartedAtMs : 0;
    m_failedAttempts = 0;
    m_outageStartedAtMs = -1;
    m_stillConnectingTimer.stop();
    m_stillConnectingAlerted = false;
    m_everConnected = true;
    setState(State::Connected, u"CONNACK accepted"_s);

    m_client->publish(topics::managerStatusTopic(m_managerId), "online", 1, true);
    // One SUBSCRIBE packet for every filter. mosquitto 2.0.16 and later (and Debian 12's patched 2.0.11)
    // count every outgoing packet against max_queued_messages, so the SUBACK of a second packet could be
    // dropped behind the retained messages of the first, and the manager would wait for it forever.
    m_pendingSubscriptions.clear();
    const int messageId = m_client->subscribe(topics::managerSubscriptions(), topics::subscriptionQos);
    if (messageId >= 0)
        m_pendingSubscriptions.insert(messageId);
    else
        qCWarning(lcMqtt) << "the subscriptions were rejected by the client library";
    Event event = managerEvent(EventType::ManagerConnected);
    event.silenceSeconds = outageMs / 1000;
    Q_EMIT eventOccurred(event);
}

void ManagerConnection::handleSubscribed(int messageId)
{
    if (!m_pendingSubscriptions.remove(messageId) || !m_pendingSubscriptions.isEmpty())
        return;
    qCInfo(lcMqtt) << "manager" << m_managerId << "subscribed to" << topics::managerSubscriptions().join(u", "_s);
    Q_EMIT readyChanged(true);
}

void ManagerConnection::handlePublished(int messageId)
{
    if (m_state == State::Stopping && messageId == m_offlineMessageId) {
        qCInfo(lcMqtt) << "the broker acknowledged the offline status of" << m_managerId;
        m_stopTimeout.stop();
        m_client->disconnectFromHost();
    }
}

void ManagerConnection::handleError(MqttClient::Error error)
{
    m_lastError = error;
    m_lastErrorText = m_client->errorString();
}

void ManagerConnection::handleDisconnected()
{
    const State previous = m_state;
    const bool wasReady = previous == State::Connected && m_pendingSubscriptions.isEmpty();
    m_pendingSubscriptions.clear();
    if (wasReady || previous == State::Connected)
        Q_EMIT readyChanged(false);

    if (previous == State::Stopping) {
        finish(ExitOk);
        return;
    }
    if (previous == State::Stopped)
        return;

    const MqttClient::Error error =
        m_lastError == MqttClient::Error::None ? MqttClient::Error::ConnectionLost : m_lastError;
    const QString cause = m_lastErrorText.isEmpty() ? u"connection closed by the broker"_s : m_lastErrorText;
    m_lastError = MqttClient::Error::None;
    m_lastErrorText.clear();

    if (previous == State::Connected) {
        Event event = managerEvent(EventType::ManagerDisconnected);
        event.detail = cause;
        Q_EMIT eventOccurred(event);
        m_outageStartedAtMs = m_clock.monotonicMs();
        m_stillConnectingAlerted = false;
        m_stillConnectingTimer.start(m_settings.mqtt.stillConnectingAlertSec * 1000);
    }

    if (!MqttClient::isRetryable(error)) {
        finish(ExitFatal, u"cannot connect to the MQTT broker %1: %2; %3"_s.arg(m_settings.mqtt.host, cause,
                                                                                fatalErrorHint(error)));
        return;
    }
    if (previous == State::Connected && !m_settings.mqtt.reconnect) {
        finish(ExitConnectionLost,
               u"lost the connection to the MQTT broker %1 (%2) and --mqtt-reconnect is off"_s.arg(
                   m_settings.mqtt.host, cause));
        return;
    }
    m_lastErrorText = cause;
    scheduleReconnect(cause);
}

void ManagerConnection::scheduleReconnect(const QString& cause)
{
    ++m_failedAttempts;
    const double maximumMs = m_settings.mqtt.reconnectMaxDelaySec * 1000.0;
    const double exponent = std::min(m_failedAttempts - 1, 30);
    const double ceilingMs = std::min(maximumMs, initialRetryDelayMs * std::pow(2.0, exponent));
    // Jitter in [ceiling/2, ceiling] keeps many managers from reconnecting in step after a broker restart.
    const int delayMs = int(ceilingMs / 2 + QRandomGenerator::global()->bounded(ceilingMs / 2));
    setState(State::WaitingToReconnect, u"%1; retrying in %2 s (attempt %3)"_s.arg(cause).arg(delayMs / 1000.0, 0, 'f', 1).arg(m_failedAttempts + 1));
    m_reconnectTimer.start(delayMs);
}

void ManagerConnection::stop()
{
    switch (m_state) {
    case State::Stopping:
    case State::Stopped:
        return;
    case State::Connected: {
        Event event = managerEvent(EventType::ManagerExiting);
        event.runSeconds = (m_clock.monotonicMs() - m_startedAtMs) / 1000;
        Q_EMIT eventOccurred(event);
        setState(State::Stopping, u"stop requested"_s);
        for (const QString& filter : topics::managerSubscriptions())
            m_client->unsubscribe(filter);
        m_offlineMessageId = m_client->publish(topics::managerStatusTopic(m_managerId), "offline", 1, true);
        if (m_offlineMessageId < 0) {
            m_client->disconnectFromHost();
            return;
        }
        m_stopTimeout.start();
        return;
    }
    case State::Starting:
    case State::Connecting:
    case State::WaitingToReconnect: {
        Event event = managerEvent(EventType::ManagerExiting);
        event.runSeconds = (m_clock.monotonicMs() - m_startedAtMs) / 1000;
        Q_EMIT eventOccurred(event);
        m_reconnectTimer.stop();
        setState(State::Stopping, u"stop requested while not connected"_s);
        m_client->abort();
        finish(ExitOk);
        return;
    }
    }
}

void ManagerConnection::finish(int exitCode, const QString& failure)
{
    if (m_state == State::Stopped)
        return;
    m_exitCode = exitCode;
    m_failureMessage = failure;
    m_reconnectTimer.stop();
    m_stillConnectingTimer.stop();
    m_stopTimeout.stop();
    if (!failure.isEmpty()) {
        Event event = managerEvent(EventType::ManagerExiting);
        event.runSeconds = (m_clock.monotonicMs() - m_startedAtMs) / 1000;
        event.detail = failure;
        Q_EMIT eventOccurred(event);
    }
    setState(State::Stopped, failure.isEmpty() ? u"stopped cleanly"_s : failure);
    Q_EMIT finished(exitCode);
}

void ManagerConnection::alertStillConnecting()
{
    if (m_state == State::Connected || m_state == State::Stopping || m_state == State::Stopped
        || m_stillConnectingAlerted) {
        return;
    }
    m_stillConnectingAlerted = true;
    Event event = managerEvent(EventType::ManagerStillConnecting);
    event.silenceSeconds = (m_clock.monotonicMs() - m_outageStartedAtMs) / 1000;
    event.detail = m_lastErrorText;
    qCWarning(lcMqtt) << "still not connected to" << m_settings.mqtt.host << "after" << event.silenceSeconds << "s";
    Q_EMIT eventOccurred(event);
}

void ManagerConnection::setState(State state, const QString& cause)
{
    if (state == m_state)
        return;
    qCInfo(lcMqtt).noquote() << u"connection %1 -> %2: %3"_s.arg(stateName(m_state), stateName(state), cause);
    m_state = state;
    Q_EMIT stateChanged(state);
}

Event ManagerConnection::managerEvent(EventType type) const
{
    Event event;
    event.type = type;
    event.occurredAt = m_clock.now();
    event.managerId = m_managerId;
    return event;
}

} // namespace gcn
