#pragma once

#include "mqtt/MqttClient.h"

#include <QMap>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace gcn {

struct BoardBehaviour
{
    QStringList pins {QStringLiteral("D1")};
    int heartbeatIntervalMs = 30'000;
    int metricsIntervalMs = 600'000;
    // Delay before the board connects again after a disconnect command, as the firmware's retry loop.
    int reconnectDelayMs = 2'000;
    // Added to every timestamp the board publishes, in seconds.
    qint64 clockSkewSec = 0;
};

// One simulated GCN board: same topics, payloads, flags and timings as the ESP8266 firmware.
// All `out` topics are retained QoS 0, the will is a retained `offline`, commands arrive on `in/+`.
class SimulatedBoard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimulatedBoard)

public:
    SimulatedBoard(const QString& mac, const MqttConnectOptions& brokerOptions, const BoardBehaviour& behaviour,
                   QObject* parent = nullptr);

    QString mac() const { return m_mac; }
    QString clientId() const;
    QString topic(const QString& suffix) const;
    bool isConnected() const;

    void connectToBroker();
    // Publishes `offline` then disconnects cleanly, as before a reboot.
    void goOfflineCleanly();
    // Drops the connection without DISCONNECT, so that the broker publishes the will.
    void die();
    void setPin(const QString& pin, int state);
    void togglePin(const QString& pin);
    void setClockSkew(qint64 seconds);
    void setHeartbeatEnabled(bool enabled);
    void addDroppedItems(qint64 count);
    void publishHeartbeat();
    void publishMetrics();
    // Publishes any topic and payload with the board's flags, for malformed-message tests.
    void publishRaw(const QString& topic, const QByteArray& payload, bool retain = true);

Q_SIGNALS:
    void connected(const QString& mac);
    void disconnected(const QString& mac);
    void commandReceived(const QString& mac, const QString& command);
    void failed(const QString& mac, const QString& reason);

private:
    void handleConnected();
    void handleMessage(const QString& topic, const QByteArray& payload);
    void publishSample(const QString& pin);
    void reconnectLater();
    qint64 boardTime() const;
    void publishOut(const QString& suffix, const QByteArray& payload);

    const QString m_mac;
    BoardBehaviour m_behaviour;
    MqttClient* m_client = nullptr;
    QMap<QString, int> m_pinStates;
    qint64 m_droppedItems = 0;
    qint64 m_bootMs = 0;
    quint64 m_sentCount = 0;
    quint64 m_receivedCount = 0;
    quint64 m_connectCount = 0;
    bool m_heartbeatEnabled = true;
    // Set by die() and goOfflineCleanly(): no automatic reconnection until connectToBroker().
    bool m_stayDisconnected = false;
    QTimer m_heartbeatTimer;
    QTimer m_metricsTimer;
};

} // namespace gcn
