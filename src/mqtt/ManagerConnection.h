#pragma once

#include "config/Settings.h"
#include "mqtt/MqttClient.h"
#include "supervision/Event.h"

#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

namespace gcn {

class Clock;

// Options to reach the broker of these settings as clientId, without a will.
MqttConnectOptions brokerConnectOptions(const Settings& settings, const QString& clientId);

// The manager's connection to the broker as an explicit state machine:
// Starting → Connecting → Connected → (WaitingToReconnect → Connecting …) → Stopping → Stopped.
// It announces the manager (retained `online`, will `offline`), subscribes to the GCN topics, retries
// retryable failures with capped exponential backoff and jitter, ends the run on fatal ones, and emits
// the manager events (starting, still connecting, connected, disconnected, exiting).
class ManagerConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ManagerConnection)

public:
    enum class State { Starting, Connecting, Connected, WaitingToReconnect, Stopping, Stopped };
    Q_ENUM(State)

    // Exit statuses of a run.
    static constexpr int ExitOk = 0;
    static constexpr int ExitConnectionLost = 1;
    static constexpr int ExitFatal = 2;

    ManagerConnection(const Settings& settings, Clock& clock, QObject* parent = nullptr);
    ~ManagerConnection() override;

    // The state in words, as logs, STATUS= lines and metrics show it ("waiting to reconnect").
    static QString stateName(State state);
    // "gcn_manager_" (or the monitor prefix) followed by randomBytes random bytes in lower-case hex.
    static QString generateManagerId(int randomBytes, bool monitor = false);

    QString managerId() const { return m_managerId; }
    State state() const { return m_state; }
    // True once connected and every subscription is acknowledged.
    bool isReady() const { return m_state == State::Connected && m_pendingSubscriptions.isEmpty(); }
    int exitCode() const { return m_exitCode; }
    // One line saying why the run ended with a non-zero status; empty otherwise.
    QString failureMessage() const { return m_failureMessage; }
    // The cause of the last failed or lost connection while the manager retries; may be empty.
    QString lastErrorText() const { return m_lastErrorText; }
    MqttClient* client() const { return m_client; }

    // Publishes a message if connected; returns false otherwise.
    bool publish(const QString& topic, const QByteArray& payload, int qos, bool retain);

public Q_SLOTS:
    void start();
    // Graceful stop: unsubscribe, publish `offline`, wait until the broker acknowledged it, disconnect.
    void stop();

Q_SIGNALS:
    void stateChanged(gcn::ManagerConnection::State state);
    void readyChanged(bool ready);
    void eventOccurred(const gcn::Event& event);
    void messageReceived(const QString& topic, const QByteArray& payload, int qos, bool retained);
    void finished(int exitCode);

private:
    void setState(State state, const QString& cause);
    void attemptConnection();
    void handleConnected();
    void handleError(MqttClient::Error error);
    void handleDisconnected();
    void handleSubscribed(int messageId);
    void handlePublished(int messageId);
    void scheduleReconnect(const QString& cause);
    void finish(int exitCode, const QString& failure = {});
    void alertStillConnecting();
    Event managerEvent(EventType type) const;

    const Settings m_settings;
    Clock& m_clock;
    MqttClient* m_client = nullptr;
    QString m_managerId;
    State m_state = State::Starting;
    MqttClient::Error m_lastError = MqttClient::Error::None;
    QString m_lastErrorText;
    QSet<int> m_pendingSubscriptions;
    int m_offlineMessageId = -1;
    int m_failedAttempts = 0;
    int m_exitCode = ExitOk;
    QString m_failureMessage;
    bool m_stillConnectingAlerted = false;
    bool m_everConnected = false;
    qint64 m_startedAtMs = 0;
    qint64 m_outageStartedAtMs = -1;
    QTimer m_reconnectTimer;
    QTimer m_stillConnectingTimer;
    QTimer m_stopTimeout;
};

} // namespace gcn
