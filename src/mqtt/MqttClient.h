#pragma once

#include "config/Settings.h"

#include <QByteArray>
#include <QLoggingCategory>
#include <QObject>
#include <QString>

#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcMqtt)
Q_DECLARE_LOGGING_CATEGORY(lcMqttVerbose)

namespace gcn {

// Everything needed to open one MQTT connection.
struct MqttConnectOptions
{
    MqttTransport transport = MqttTransport::Tcp;
    // Host name or address; with the unix transport, the path of the broker's socket.
    QString host;
    int port = 8883;
    QString clientId;
    QString userName;
    QString password;
    int keepAliveSec = 60;
    int connectTimeoutSec = 3;
    int socketSendBufferSize = 0;
    bool cleanSession = true;
    // Period of libmosquitto's housekeeping (keep-alive pings, retries of unacknowledged messages).
    int housekeepingIntervalMs = 1000;

    // TLS is always on for tcp and websocket; the certificate chain and the host name are always verified.
    TlsVersion tlsMinVersion = TlsVersion::LibraryDefault;
    TlsVersion tlsMaxVersion = TlsVersion::LibraryDefault;
    QString tlsCiphers;
    // Extra trusted CA certificates (PEM), in addition to the system store.
    QString tlsCaFile;
    // Whether the unix transport also runs TLS over the socket.
    bool tlsOverUnixSocket = false;
    // HTTP path of the broker's WebSocket endpoint, for the websocket transport.
    QString webSocketPath = QStringLiteral("/mqtt");

    QString willTopic;
    QByteArray willPayload;
    int willQos = 1;
    bool willRetain = true;
};

// A QObject around libmosquitto, driven by the Qt event loop (socket notifiers and a timer, no thread
// of its own, no busy loop). Its signals mirror QMqttClient's. The websocket transport carries
// libmosquitto's bytes over a QWebSocket through a WebSocketRelay. They are queued, never emitted from inside
// a libmosquitto call, so a slot may delete, reconnect or disconnect the client.
class MqttClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MqttClient)

public:
    enum class State { Disconnected, Connecting, Connected };
    Q_ENUM(State)

    // Why a connection attempt failed or a connection ended.
    enum class Error {
        None,
        // Retried by callers with backoff.
        HostNotFound,
        ConnectionRefused,
        NetworkUnreachable,
        ConnectTimeout,
        ServerUnavailable,   // CONNACK 3
        ConnectionLost,
        // Fatal: retrying cannot help without a change of configuration.
        BadUserNameOrPassword, // CONNACK 4
        NotAuthorized,         // CONNACK 5
        ProtocolRejected,      // CONNACK 1 or 2
        TlsHandshakeFailed,
        TlsCertificateRejected,
        InvalidOptions,
        Other,
    };
    Q_ENUM(Error)

    explicit MqttClient(QObject* parent = nullptr);
    // Drops a live connection as abort() does, so the broker publishes the will.
    ~MqttClient() override;

    // Must be called once per process before any client is created (not thread-safe, as libmosquitto's own).
    static void initializeLibrary();

    void setOptions(const MqttConnectOptions& options);
    const MqttConnectOptions& options() const;

    State state() const;
    Error error() const;
    // Human-readable cause of the last error, with the library's or OpenSSL's detail; never a secret.
    QString errorString() const;
    static bool isRetryable(Error error);

    // Starts an asynchronous connection: name resolution off the calling thread, then TCP, TLS (and the
    // WebSocket handshake) and CONNECT.
    // Emits connected() on CONNACK 0, or errorOccurred() then disconnected() on failure.
    void connectToHost();
    // Sends DISCONNECT after the queued messages and closes the socket; emits disconnected().
    void disconnectFromHost();
    // Drops the connection at once, as a crash would (the broker then publishes the will).
    void abort();

    // Returns the message id (>= 0), or -1 when the client is not connected or the call is rejected.
    int publish(const QString& topic, const QByteArray& payload, int qos, bool retain);
    int subscribe(const QString& topicFilter, int qos);
    // Subscribes to every filter in one SUBSCRIBE packet, acknowledged by one SUBACK.
    int subscribe(const QStringList& topicFilters, int qos);
    int unsubscribe(const QString& topicFilter);
    // Number of QoS 1 and 2 messages not yet acknowledged by the broker.
    int pendingPublishCount() const;

Q_SIGNALS:
    void stateChanged(gcn::MqttClient::State state);
    void connected();
    void disconnected();
    void errorOccurred(gcn::MqttClient::Error error);
    void messageReceived(const QString& topic, const QByteArray& payload, int qos, bool retained);
    // QoS 0: the message left the client; QoS 1 and 2: the broker acknowledged it.
    void messagePublished(int messageId);
    // grantedQos: the lowest QoS granted to the packet's filters, 0x80 when the broker rejected one.
    void subscribed(int messageId, int grantedQos);
    void unsubscribed(int messageId);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace gcn
