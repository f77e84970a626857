#include "channels/SmtpSender.h"

#include <QFile>
#include <QSslConfiguration>
#include <QTimer>

#include "channels/SmtpSession.h"

Q_LOGGING_CATEGORY(lcSmtp, "gcn.smtp")

namespace gcn {

using namespace Qt::StringLiterals;

std::optional<ConfigError> SmtpSender::validate(const EmailSettings& settings)
{
    if (settings.smtpHost.trimmed().isEmpty()) {
        return ConfigError {u"--email-smtp-host (GCN_EMAIL_SMTP_HOST)"_s, {},
                            u"missing; e-mail notifications are enabled and need an SMTP server"_s};
    }
    const std::expected<Mailbox, QString> from = parseMailbox(settings.from);
    if (settings.from.trimmed().isEmpty() || !from) {
        return ConfigError {u"--email-from (GCN_EMAIL_FROM)"_s, settings.from,
                            settings.from.trimmed().isEmpty()
                                ? u"missing; give the sender address, e.g. 'GCN <gcn@example.org>'"_s
                                : from.error() + u"; expected 'Name <user@example.org>' or 'user@example.org'"_s};
    }
    if (!settings.userName.isEmpty() && settings.password.isEmpty()) {
        return ConfigError {u"--email-password (GCN_EMAIL_SMTP_PASSWORD)"_s, {},
                            u"missing; --email-username is set, so the server needs its password"_s, true};
    }
    if (!settings.caFile.isEmpty() && QSslCertificate::fromPath(settings.caFile, QSsl::Pem).isEmpty()) {
        return ConfigError {u"--email-smtp-ca-file (GCN_EMAIL_SMTP_CA_FILE)"_s, settings.caFile,
                            u"no PEM certificate could be read from this file"_s};
    }
    return std::nullopt;
}

int SmtpSender::effectivePort(const EmailSettings& settings)
{
    if (settings.smtpPort > 0)
        return settings.smtpPort;
    return settings.startTls ? 587 : 465;
}

SmtpSender::SmtpSender(const EmailSettings& settings, Clock& clock, QObject* parent)
    : Sender(parent)
    , m_settings(settings)
    , m_clock(clock)
{
    m_from = parseMailbox(settings.from).value_or(Mailbox {{}, settings.from.trimmed()});
    m_caCertificates = QSslConfiguration::systemCaCertificates();
    if (!settings.caFile.isEmpty()) {
        const QList<QSslCertificate> extra = QSslCertificate::fromPath(settings.caFile, QSsl::Pem);
        if (extra.isEmpty())
            qCWarning(lcSmtp) << "no certificate could be read from" << settings.caFile;
        m_caCertificates += extra;
    }
    qCInfo(lcSmtp).noquote() << u"SMTP server %1:%2 with %3, TLS %4 minimum, %5"_s.arg(
        settings.smtpHost, QString::number(effectivePort(settings)),
        settings.startTls ? u"STARTTLS"_s : u"implicit TLS"_s, settings.disableTls13 ? u"1.2"_s : u"1.3"_s,
        settings.userName.isEmpty() ? u"no authentication"_s : u"authenticating as "_s + settings.userName);
}

SmtpSender::~SmtpSender()
{
    for (SmtpSession* session : std::as_const(m_sessions))
        session->disconnect(this);
    qDeleteAll(m_sessions);
}

void SmtpSender::send(const OutgoingMessage& message)
{
    SmtpSession::Config config;
    config.settings = m_settings;
    config.from = m_from;
    config.port = effectivePort(m_settings);
    config.caCertificates = m_caCertificates;
    config.sessionNumber = ++m_sessionCounter;

    auto* session = new SmtpSession(config, message, m_clock.now().toTimeZone(m_zone));
    m_sessions.append(session);
    connect(session, &SmtpSession::finished, this, [this, session](qint64 messageId, const DeliveryOutcome& outcome) {
        // The session may still send QUIT; it is deleted once that is done or abandoned.
        Q_EMIT finished(messageId, outcome);
        QTimer::singleShot(std::chrono::seconds(m_settings.timeoutSec), session, [this, session] {
            m_sessions.removeOne(session);
            session->deleteLater();
        });
    });
    session->start();
}

} // namespace gcn
