#pragma once

#include "channels/MailMessage.h"
#include "channels/Sender.h"
#include "common/Clock.h"
#include "config/Options.h"
#include "config/Settings.h"

#include <QList>
#include <QLoggingCategory>
#include <QSslCertificate>
#include <QTimeZone>

#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcSmtp)

namespace gcn {

class SmtpSession;

// Sends e-mail through one SMTP server, one connection per message (see SmtpSession). Several
// messages may be in flight at once; each send() gets exactly one finished().
//
// Transient failures: 4xx replies, network errors, timeouts and TLS failures, including an untrusted
// certificate because an administrator may fix it. Permanent failures: 5xx replies, a server that
// does not offer STARTTLS when it is required, and a server without AUTH PLAIN or LOGIN when a user
// name is set. A connection lost after the message data was sent is transient, so the message is
// sent again and a recipient may get it twice rather than never.
class SmtpSender final : public Sender
{
    Q_OBJECT

public:
    // `settings` must have passed validate().
    explicit SmtpSender(const EmailSettings& settings, Clock& clock = Clock::system(), QObject* parent = nullptr);
    ~SmtpSender() override;
    Q_DISABLE_COPY_MOVE(SmtpSender)

    // Checks what sending needs: host, a valid From, a password with a user name, a readable CA file.
    static std::optional<ConfigError> validate(const EmailSettings& settings);
    // The port given, or 587 with STARTTLS and 465 with implicit TLS.
    static int effectivePort(const EmailSettings& settings);

    Channel channel() const override { return Channel::Email; }
    void send(const OutgoingMessage& message) override;

    qsizetype activeSessions() const { return m_sessions.size(); }
    // Zone of the Date header; the system zone by default.
    void setTimeZone(const QTimeZone& zone) { m_zone = zone; }

private:
    EmailSettings m_settings;
    Clock& m_clock;
    Mailbox m_from;
    QList<QSslCertificate> m_caCertificates;
    QList<SmtpSession*> m_sessions;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    quint64 m_sessionCounter = 0;
};

} // namespace gcn
