#pragma once

#include <cstdint>
#include <optional>

#include <QByteArray>
#include <QString>

struct mosquitto;
struct ssl_ctx_st;

namespace gcn::bench {

// Connection settings shared by every link of the load generator.
struct LinkSettings
{
    QString host = QStringLiteral("127.0.0.1");
    int port = 8883;
    QString userName;
    QString password;
    int keepAliveSec = 300;
};

// One MQTT 3.1.1 connection over TLS, made with libmosquitto and driven by LinkPool's epoll loop. The
// pool calls handleEvents() with what epoll reported and registers epollInterest() afterwards.
// Nothing is reported from inside a libmosquitto callback; the pool reads the outcome afterwards.
class MqttLink
{
public:
    enum class State { Idle, Connecting, Connected, Closed };

    struct Will
    {
        QByteArray topic;
        QByteArray payload;
    };

    MqttLink(QByteArray clientId, std::optional<Will> will);
    ~MqttLink();
    MqttLink(const MqttLink&) = delete;
    MqttLink& operator=(const MqttLink&) = delete;

    // Starts a non-blocking connection; the TLS context carries the trust store and the expected name.
    bool start(const LinkSettings& settings, ssl_ctx_st* tlsContext);
    void handleEvents(uint32_t events);
    // The epoll events (EPOLLIN, EPOLLOUT) the link waits for now; 0 once closed.
    uint32_t epollInterest() const;
    // Sends keep-alive pings when due.
    void service();
    // Publishes a retained QoS 0 message; libmosquitto writes it at once when the socket accepts it.
    bool publish(const QByteArray& topic, const QByteArray& payload);
    bool hasPendingOutput() const;
    // Closes the socket without DISCONNECT, so that the broker publishes the will.
    void abort();

    State state() const { return m_state; }
    const QByteArray& clientId() const { return m_clientId; }
    int fd() const;
    QString closeReason() const { return m_closeReason; }
    // True once after CONNACK accepted the connection.
    bool takeConnectedFlag();

private:
    static void onConnect(mosquitto* handle, void* self, int returnCode);
    static void onDisconnect(mosquitto* handle, void* self, int returnCode);
    bool tlsHandshakeInProgress() const;
    void close(const QString& reason);

    QByteArray m_clientId;
    std::optional<Will> m_will;
    mosquitto* m_handle = nullptr;
    State m_state = State::Idle;
    bool m_tcpConnectPending = false;
    bool m_connectedFlag = false;
    QString m_closeReason;
};

} // namespace gcn::bench
