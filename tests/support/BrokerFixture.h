#pragma once

#include "ProcessRunner.h"

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <optional>

#include "mqtt/MqttClient.h"

namespace gcn::test {

// A real mosquitto broker for integration tests: TLS on a free loopback port, a plain unix-socket listener,
// password authentication and no anonymous access.
//
// Certificates are generated once per test process with the openssl CLI and shared by every fixture.
// They are a trusted CA, a server certificate for localhost (DNS:localhost, IP:127.0.0.1), a server
// certificate for wrong.example signed by the same CA, and a second, unrelated CA. Each fixture has its own
// folder with the broker configuration and a password file with two users (manager and board) whose
// passwords are random.
//
// Typical use:
//     BrokerFixture broker;
//     QVERIFY2(broker.start(), qPrintable(broker.errorString()));
//     MqttClient client;
//     client.setOptions(broker.clientOptions());
class BrokerFixture
{
public:
    enum class ServerCertificate {
        // Issued for localhost and 127.0.0.1 by the trusted CA.
        Localhost,
        // Issued for wrong.example by the trusted CA, for host-name mismatch tests.
        WrongName,
    };

    struct Config
    {
        ServerCertificate certificate = ServerCertificate::Localhost;
        // Minimum TLS version of the listener, as mosquitto's tls_version ("tlsv1.2", "tlsv1.3"). Empty keeps
        // mosquitto's default. mosquitto 2.0 has no setting for the maximum, see tlsMaxVersion.
        QString tlsVersion;
        // Maximum TLS version ("TLSv1.2"), applied through an OpenSSL configuration file given to mosquitto
        // in OPENSSL_CONF. Empty keeps OpenSSL's default.
        QString tlsMaxVersion;
        // Keeps retained messages across restart() with mosquitto's persistence. Off by default.
        bool persistence = false;
        // Adds a listener without TLS on a second free loopback port (plainPort()), for relays written for
        // the tests. Off by default.
        bool plainListener = false;
        // mosquitto's max_queued_messages; -1 keeps mosquitto's default (1000).
        int maxQueuedMessages = -1;
    };

    BrokerFixture();
    explicit BrokerFixture(const Config& config);
    ~BrokerFixture();
    BrokerFixture(const BrokerFixture&) = delete;
    BrokerFixture& operator=(const BrokerFixture&) = delete;

    // Starts mosquitto and waits until both listeners accept connections. Returns false with errorString()
    // (including mosquitto's output) when the certificates, the configuration or the broker fail.
    bool start();
    // Stops the broker with SIGTERM, as a service manager would.
    void stop();
    // Kills the broker with SIGKILL.
    void kill();
    // Stops the broker and starts it again on the same port and socket path.
    bool restart();
    // Freezes the broker with SIGSTOP, so that it accepts nothing and answers nothing, and thaws it.
    void pause();
    void resume();
    bool isRunning() const;
    // Process id of the running broker (0 when stopped), e.g. to pause it with SIGSTOP.
    qint64 processId() const;

    QString errorString() const { return m_errorString; }
    // Everything mosquitto printed so far (its log goes to standard output).
    QByteArray output() const;

    // The name the broker's certificate is checked against.
    QString host() const { return QStringLiteral("localhost"); }
    int port() const { return m_port; }
    // Port of the listener without TLS, or 0 when Config::plainListener is off.
    int plainPort() const { return m_plainPort; }
    QString unixSocketPath() const;
    // CA that signed both server certificates.
    static QString caFile();
    // CA that signed neither server certificate.
    static QString untrustedCaFile();
    // PEM certificate and private key of a server certificate, e.g. for a TLS server of the test itself.
    static QString serverCertificateFile(ServerCertificate certificate);
    static QString serverKeyFile(ServerCertificate certificate);

    QString userName() const { return QStringLiteral("gcn-manager"); }
    QString password() const { return m_password; }
    QString boardUserName() const { return QStringLiteral("board"); }
    QString boardPassword() const { return m_boardPassword; }

    // Options for an MqttClient connecting to the TLS listener as the manager user.
    MqttConnectOptions clientOptions() const;

    // Reads the retained message of `topic` with mosquitto_sub as the manager user. Returns std::nullopt
    // when no retained message arrives within `timeoutSec`.
    std::optional<QByteArray> readRetained(const QString& topic, int timeoutSec = 5) const;
    // Publishes with mosquitto_pub as the board user. An empty retained payload clears the retained message.
    bool publish(const QString& topic, const QByteArray& payload, int qos = 1, bool retain = false) const;
    // Result of the last readRetained() or publish() run, for failure messages.
    QString lastToolOutput() const { return m_lastToolOutput; }

private:
    bool writeConfiguration();
    bool waitUntilReady();
    QStringList toolArguments(const QString& user, const QString& password) const;

    Config m_config;
    QTemporaryDir m_dir;
    int m_port = 0;
    int m_plainPort = 0;
    QString m_password;
    QString m_boardPassword;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_output;
    QString m_errorString;
    mutable QString m_lastToolOutput;
};

// Returns a TCP port on 127.0.0.1 that nothing listens on at the time of the call.
int findFreePort();

} // namespace gcn::test
