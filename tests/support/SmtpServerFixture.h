#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace gcn::test {

// A real SMTP server (aiosmtpd, run by tests/support/smtp_server.py with /usr/bin/python3) on a free
// loopback port. Its certificate comes from TestCertificates, for the host name "localhost".
// Received messages stay in mailDir() across stop() and start(), so a test can stop the server,
// start it again on the same port and count every message that arrived.
class SmtpServerFixture
{
public:
    enum class Mode { StartTls, ImplicitTls, Plain };

    struct Options
    {
        Mode mode = Mode::StartTls;
        // 0 picks a free port; a port given here is used as is (to start again on a known port).
        quint16 port = 0;
        // When set, AUTH PLAIN and LOGIN are offered and required.
        QString user;
        QString password;
        bool offerStartTls = true;
        bool offerAuth = true;
        // AUTH mechanisms offered, from PLAIN and LOGIN.
        QStringList authMechanisms {QStringLiteral("PLAIN"), QStringLiteral("LOGIN")};
        bool tls12Only = false;
        // Serve a certificate signed by a CA that the client does not trust.
        bool untrustedCertificate = false;
        // Host name the served certificate is made for.
        QString certificateHost = QStringLiteral("localhost");
        // Replies to successive DATA commands ("421", "451", "drop"); later ones are accepted.
        QStringList replies;
        // Reply to every DATA command, e.g. "550".
        QString alwaysReply;
    };

    SmtpServerFixture();
    ~SmtpServerFixture();
    SmtpServerFixture(const SmtpServerFixture&) = delete;
    SmtpServerFixture& operator=(const SmtpServerFixture&) = delete;

    // Starts the server and waits until it accepts connections. Returns false, with errorString(),
    // when it did not start within 20 s.
    bool start(const Options& options);
    void stop();
    bool isRunning() const;
    QString errorString() const { return m_error; }

    quint16 port() const { return m_port; }
    QString mailDir() const;
    // Messages as received after DATA (dot-unstuffed), in arrival order.
    QList<QByteArray> messages() const;
    // Envelope facts of each message: mail_from, rcpt_tos, mail_options, tls, authenticated, login.
    QList<QJsonObject> envelopes() const;
    qsizetype messageCount() const;
    // Every byte the server received from clients, decrypted, with "--- connection N" separators.
    QByteArray transcript() const;

private:
    QStringList sortedMessageFiles(const QString& suffix) const;

    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace gcn::test
