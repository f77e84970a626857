#pragma once

#include "channels/MailMessage.h"
#include "channels/Sender.h"
#include "config/Settings.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QSslSocket>
#include <QStringList>
#include <QTimer>

#include <memory>

namespace gcn {

// One SMTP conversation that delivers one message (RFC 5321), over implicit TLS or STARTTLS
// (RFC 3207), with AUTH PLAIN or LOGIN (RFC 4954, 4616) only once the connection is encrypted.
// Emits finished() exactly once, then closes the connection; the owner deletes it afterwards.
class SmtpSession final : public QObject
{
    Q_OBJECT

public:
    struct Config
    {
        EmailSettings settings;
        Mailbox from;
        int port = 0;
        // Trusted for the server certificate: the system store plus the --email-smtp-ca-file ones.
        QList<QSslCertificate> caCertificates;
        // Numbers the session in log lines.
        quint64 sessionNumber = 0;
    };

    SmtpSession(const Config& config, const OutgoingMessage& message, const QDateTime& date,
                QObject* parent = nullptr);
    ~SmtpSession() override;
    Q_DISABLE_COPY_MOVE(SmtpSession)

    void start();
    qint64 messageId() const { return m_message.id; }

Q_SIGNALS:
    void finished(qint64 messageId, const gcn::DeliveryOutcome& outcome);

private:
    enum class Step {
        Connecting,
        Greeting,
        Ehlo,
        StartTls,
        TlsHandshake,
        EhloAfterTls,
        AuthPlain,
        // AUTH LOGIN sent. The server requests the user name, then the password.
        AuthLoginStart,
        AuthLoginUser,
        AuthLoginPassword,
        MailFrom,
        RcptTo,
        Data,
        // The message and its terminating "." were sent; waiting for the server's verdict.
        DataEnd,
        Quit,
        Done,
    };

    void onConnected();
    void onEncrypted();
    void onReadyRead();
    void onDisconnected();
    void onSocketError(QAbstractSocket::SocketError error);
    void onTimeout();

    void handleReply(int code, const QStringList& lines);
    void handleEhlo(int code, const QStringList& lines);
    void sendEhlo(Step step);
    void startAuthentication();
    void sendMailFrom();
    void sendMessageData();
    void sendCommand(const QByteArray& command, Step next, const QByteArray& loggedAs = {});
    void succeed();
    void fail(DeliveryStatus status, const QString& error);
    void failOnReply(const QString& what, int code, const QStringList& lines);
    void finishWith(const DeliveryOutcome& outcome);
    void closeConnection();
    void armTimer();
    QString stepDescription() const;
    QString tlsFailureText(const QString& details) const;
    QString hostDescription() const;
    void logDialogue(const QString& line) const;

    Config m_config;
    OutgoingMessage m_message;
    QDateTime m_date;
    std::unique_ptr<QSslSocket> m_socket;
    QTimer m_timer;
    Step m_step = Step::Connecting;
    QByteArray m_buffer;
    QStringList m_replyLines;
    QStringList m_capabilities;
    QStringList m_sslErrors;
    bool m_finished = false;
    bool m_bodyUsesEightBit = false;
};

} // namespace gcn
