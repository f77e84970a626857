#pragma once

#include "mqtt/MqttClient.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QAbstractSocket>
#include <QSslError>
#include <QString>
#include <QUrl>

#include <memory>

class QLocalServer;
class QLocalSocket;
class QTemporaryDir;
class QWebSocket;

namespace gcn {

// Carries the bytes of one MQTT connection between libmosquitto and a broker's secure WebSocket endpoint,
// because libmosquitto 2.0 has no WebSocket client.
//
// open() starts wss://host:port/path with the subprotocol "mqtt" and the TLS settings of the options.
// Once the server has accepted the subprotocol, the relay listens on a unix socket in a private folder
// (mode 0700) for one connection from this process, which libmosquitto makes without TLS. From then on it
// copies bytes both ways: each read from the unix socket becomes one binary WebSocket message, and each
// binary message is written to the unix socket (MQTT packets need not align with WebSocket frames). When
// either side closes, the relay forwards the bytes it still has and closes the other side.
class WebSocketRelay final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebSocketRelay)

public:
    enum class State { Idle, Opening, Open, Closing, Closed };
    Q_ENUM(State)

    explicit WebSocketRelay(QObject* parent = nullptr);
    // Drops both sides at once, as abort() does.
    ~WebSocketRelay() override;

    // The broker endpoint for these options, e.g. wss://broker.example:443/mqtt.
    static QUrl url(const MqttConnectOptions& options);
    // TLS settings equivalent to those MqttClient applies to its OpenSSL context for the tcp transport:
    // peer and host name verification, the system's CA store plus tlsCaFile, the version range and the
    // cipher list. The options must have been validated before (MqttClient does so).
    static QSslConfiguration sslConfiguration(const MqttConnectOptions& options);

    // Starts the WebSocket connection. Emits opened() or failed(), once.
    void open(const MqttConnectOptions& options);
    // Drops both sides at once: the WebSocket without a close frame, so the broker publishes the will.
    void abort();

    State state() const { return m_state; }
    // The unix socket that libmosquitto connects to; set once opened() was emitted.
    QString localSocketPath() const { return m_localPath; }
    // The step the opening waits for, for timeout messages.
    QString openingStage() const;

Q_SIGNALS:
    // The server accepted the WebSocket with the subprotocol mqtt; localSocketPath() accepts a connection.
    void opened();
    // The WebSocket could not be opened. Nothing else is emitted afterwards.
    void failed(gcn::MqttClient::Error error, const QString& detail);
    // Both sides are closed, after opened().
    void closed();

private:
    void onConnected();
    void onSocketError(QAbstractSocket::SocketError error);
    void reportOpenFailure();
    void onLocalConnection();
    void onLocalReadyRead();
    void onLocalDisconnected();
    void onBinaryMessage(const QByteArray& message);
    void onTextMessage();
    void onWebSocketDisconnected();
    bool startLocalServer(QString* error);
    void closeLocalServer();
    void finishClosing();

    State m_state = State::Idle;
    QUrl m_url;
    QWebSocket* m_webSocket = nullptr;
    QLocalServer* m_localServer = nullptr;
    QLocalSocket* m_localSocket = nullptr;
    std::unique_ptr<QTemporaryDir> m_localDir;
    QString m_localPath;
    // Bytes from the broker that arrived before libmosquitto connected to the unix socket.
    QByteArray m_pendingToLocal;

    // What went wrong while opening, collected from several signals before it is reported once.
    bool m_tcpConnected = false;
    bool m_failureReportQueued = false;
    bool m_socketErrorSeen = false;
    int m_socketError = -1;
    QString m_socketErrorString;
    QList<QSslError> m_sslErrors;
};

} // namespace gcn
