#include "channels/SmtpSession.h"

#include <QHostAddress>
#include <QSslCipher>
#include <QSslConfiguration>

#include "channels/SmtpSender.h"

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

// Bounds on what the server may send, so that a broken or hostile server cannot exhaust memory.
constexpr qsizetype maxReplyLineBytes = 4096;
constexpr qsizetype maxReplyLines = 200;

QString shortReply(const QStringList& lines)
{
    QString text = lines.join(u' ').simplified();
    if (text.size() > 300)
        text = text.left(297) + u"..."_s;
    return text;
}

bool isAscii(const QString& text)
{
    return std::all_of(text.begin(), text.end(), [](QChar character) { return character.unicode() < 0x80; });
}

} // namespace

SmtpSession::SmtpSession(const Config& config, const OutgoingMessage& message, const QDateTime& date,
                         QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_message(message)
    , m_date(date)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SmtpSession::onTimeout);
}

SmtpSession::~SmtpSession()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

QString SmtpSession::hostDescription() const
{
    return u"%1:%2"_s.arg(m_config.settings.smtpHost).arg(m_config.port);
}

void SmtpSession::logDialogue(const QString& line) const
{
    if (m_config.settings.debug)
        qCInfo(lcSmtp).noquote() << u"[session %1] %2"_s.arg(m_config.sessionNumber).arg(line);
}

void SmtpSession::armTimer()
{
    m_timer.start(std::chrono::seconds(m_config.settings.timeoutSec));
}

void SmtpSession::start()
{
    m_socket = std::make_unique<QSslSocket>();
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(m_config.settings.disableTls13 ? QSsl::TlsV1_2OrLater : QSsl::TlsV1_3OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    tls.setCaCertificates(m_config.caCertificates);
    m_socket->setSslConfiguration(tls);
    m_socket->setPeerVerifyName(m_config.settings.smtpHost);

    connect(m_socket.get(), &QSslSocket::connected, this, &SmtpSession::onConnected);
    connect(m_socket.get(), &QSslSocket::encrypted, this, &SmtpSession::onEncrypted);
    connect(m_socket.get(), &QSslSocket::readyRead, this, &SmtpSession::onReadyRead);
    connect(m_socket.get(), &QSslSocket::disconnected, this, &SmtpSession::onDisconnected);
    connect(m_socket.get(), &QSslSocket::errorOccurred, this, &SmtpSession::onSocketError);
    connect(m_socket.get(), &QSslSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
        for (const QSslError& error : errors)
            m_sslErrors.append(error.errorString());
    });
    // Progress while the message data goes out keeps a large message from timing out.
    connect(m_socket.get(), &QSslSocket::encryptedBytesWritten, this, [this] {
        if (m_step == Step::DataEnd)
            armTimer();
    });

    m_step = Step::Connecting;
    armTimer();
    qCDebug(lcSmtp).noquote() << u"[session %1] connecting to %2 (%3) for message %4"_s.arg(
        QString::number(m_config.sessionNumber), hostDescription(),
        m_config.settings.startTls ? u"STARTTLS"_s : u"implicit TLS"_s, QString::number(m_message.id));
    if (m_config.settings.startTls)
        m_socket->connectToHost(m_config.settings.smtpHost, quint16(m_config.port));
    else
        m_socket->connectToHostEncrypted(m_config.settings.smtpHost, quint16(m_config.port));
}

void SmtpSession::onConnected()
{
    // With implicit TLS the greeting comes after the handshake (onEncrypted).
    if (m_config.settings.startTls) {
        m_step = Step::Greeting;
        armTimer();
    } else {
        m_step = Step::TlsHandshake;
    }
}

void SmtpSession::onEncrypted()
{
    logDialogue(u"TLS established: %1, %2"_s.arg(m_socket->sessionCipher().protocolString(),
                                                 m_socket->sessionCipher().name()));
    if (m_step == Step::TlsHandshake && !m_config.settings.startTls) {
        m_step = Step::Greeting;
        armTimer();
        return;
    }
    sendEhlo(Step::EhloAfterTls);
}

void SmtpSession::onReadyRead()
{
    if (m_finished || !m_socket)
        return;
    m_buffer += m_socket->readAll();
    while (!m_finished) {
        const qsizetype newline = m_buffer.indexOf('\n');
        if (newline < 0) {
            if (m_buffer.size() > maxReplyLineBytes)
                fail(DeliveryStatus::TransientFailure, u"the server at %1 sent a reply line longer than %2 bytes"_s.arg(
                                                           hostDescription(), QString::number(maxReplyLineBytes)));
            return;
        }
        QByteArray line = m_buffer.left(newline);
        m_buffer.remove(0, newline + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        const QString text = QString::fromUtf8(line);
        logDialogue(u"S: "_s + text);

        bool numeric = false;
        const int code = line.left(3).toInt(&numeric);
        if (line.size() < 3 || !numeric || (line.size() > 3 && line.at(3) != ' ' && line.at(3) != '-')) {
            fail(DeliveryStatus::TransientFailure,
                 u"the server at %1 sent an invalid reply: %2"_s.arg(hostDescription(), shortReply({text})));
            return;
        }
        m_replyLines.append(text.mid(4));
        if (m_replyLines.size() > maxReplyLines) {
            fail(DeliveryStatus::TransientFailure,
                 u"the server at %1 sent a reply of more than %2 lines"_s.arg(hostDescription()).arg(maxReplyLines));
            return;
        }
        if (line.size() > 3 && line.at(3) == '-')
            continue;
        const QStringList lines = std::exchange(m_replyLines, {});
        handleReply(code, lines);
    }
}

void SmtpSession::sendCommand(const QByteArray& command, Step next, const QByteArray& loggedAs)
{
    logDialogue(u"C: "_s + QString::fromUtf8(loggedAs.isEmpty() ? command : loggedAs));
    m_step = next;
    armTimer();
    m_socket->write(command + "\r\n");
}

void SmtpSession::sendEhlo(Step step)
{
    // RFC 3207 section 4.2: after STARTTLS the client forgets the capabilities it learnt and sends EHLO again.
    m_capabilities.clear();
    const QHostAddress local = m_socket->localAddress();
    QString name = u"[127.0.0.1]"_s;
    if (local.protocol() == QAbstractSocket::IPv4Protocol)
        name = u"[%1]"_s.arg(local.toString());
    else if (local.protocol() == QAbstractSocket::IPv6Protocol)
        name = u"[IPv6:%1]"_s.arg(local.toString());
    sendCommand("EHLO " + name.toLatin1(), step);
}

void SmtpSession::handleReply(int code, const QStringList& lines)
{
    m_timer.stop();
    switch (m_step) {
    case Step::Greeting:
        if (code == 220)
            sendEhlo(Step::Ehlo);
        else
            failOnReply(u"the greeting"_s, code, lines);
        return;
    case Step::Ehlo:
    case Step::EhloAfterTls:
        handleEhlo(code, lines);
        return;
    case Step::StartTls:
        if (code != 220) {
            failOnReply(u"STARTTLS"_s, code, lines);
            return;
        }
        // Anything the server sent after its 220 arrived in clear text, so a man in the middle could
        // have injected it (CVE-2011-0411). It must not be read as a reply after the handshake.
        if (!m_buffer.isEmpty() || m_socket->bytesAvailable() > 0) {
            qCWarning(lcSmtp).noquote() << u"[session %1] discarding %2 bytes sent in clear after the STARTTLS reply"_s
                                               .arg(m_config.sessionNumber)
                                               .arg(m_buffer.size() + m_socket->bytesAvailable());
            m_socket->readAll();
        }
        m_buffer.clear();
        m_replyLines.clear();
        m_step = Step::TlsHandshake;
        armTimer();
        m_socket->startClientEncryption();
        return;
    case Step::AuthPlain:
    case Step::AuthLoginPassword:
        if (code == 235)
            sendMailFrom();
        else
            failOnReply(u"the user name and password (AUTH)"_s, code, lines);
        return;
    case Step::AuthLoginStart:
        if (code == 334)
            sendCommand(m_config.settings.userName.toUtf8().toBase64(), Step::AuthLoginUser, "********");
        else
            failOnReply(u"AUTH LOGIN"_s, code, lines);
        return;
    case Step::AuthLoginUser:
        if (code == 334)
            sendCommand(m_config.settings.password.toUtf8().toBase64(), Step::AuthLoginPassword, "********");
        else
            failOnReply(u"the user name (AUTH LOGIN)"_s, code, lines);
        return;
    case Step::MailFrom:
        if (code == 250)
            sendCommand("RCPT TO:<" + m_message.recipient.toUtf8() + '>', Step::RcptTo);
        else
            failOnReply(u"the sender address (MAIL FROM)"_s, code, lines);
        return;
    case Step::RcptTo:
        if (code == 250 || code == 251)
            sendCommand("DATA", Step::Data);
        else
            failOnReply(u"the recipient %1 (RCPT TO)"_s.arg(m_message.recipient), code, lines);
        return;
    case Step::Data:
        if (code == 354)
            sendMessageData();
        else
            failOnReply(u"DATA"_s, code, lines);
        return;
    case Step::DataEnd:
        if (code == 250)
            succeed();
        else
            failOnReply(u"the message"_s, code, lines);
        return;
    case Step::Quit:
        closeConnection();
        return;
    case Step::Connecting:
    case Step::TlsHandshake:
    case Step::Done:
        // An unsolicited reply means the server is out of step with the dialogue, so the session stops.
        fail(DeliveryStatus::TransientFailure,
             u"the server at %1 sent an unexpected reply: %2 %3"_s.arg(hostDescription()).arg(code).arg(shortReply(lines)));
        return;
    }
}

void SmtpSession::handleEhlo(int code, const QStringList& lines)
{
    if (code != 250) {
        failOnReply(u"EHLO"_s, code, lines);
        return;
    }
    // The first line is the server's name; each later one an extension keyword with its parameters.
    for (qsizetype index = 1; index < lines.size(); ++index)
        m_capabilities.append(lines.at(index).trimmed().toUpper());

    if (m_step == Step::Ehlo && m_config.settings.startTls) {
        const bool offersStartTls = std::any_of(m_capabilities.begin(), m_capabilities.end(),
                                                [](const QString& line) { return line == "STARTTLS"_L1; });
        if (!offersStartTls) {
            fail(DeliveryStatus::PermanentFailure,
                 u"the server at %1 does not offer STARTTLS, so the connection cannot be encrypted; the message and the "
                 "password were not sent. Use implicit TLS (no --email-smtp-starttls, usually port 465) "
                 "or a server that offers STARTTLS"_s.arg(hostDescription()));
            return;
        }
        sendCommand("STARTTLS", Step::StartTls);
        return;
    }
    startAuthentication();
}

void SmtpSession::startAuthentication()
{
    const EmailSettings& settings = m_config.settings;
    if (settings.userName.isEmpty()) {
        sendMailFrom();
        return;
    }
    if (!m_socket->isEncrypted()) {
        fail(DeliveryStatus::PermanentFailure,
             u"refusing to authenticate to %1 over an unencrypted connection"_s.arg(hostDescription()));
        return;
    }
    QStringList mechanisms;
    for (const QString& line : std::as_const(m_capabilities)) {
        // "AUTH PLAIN LOGIN", or the pre-RFC form "AUTH=PLAIN LOGIN".
        if (line.startsWith("AUTH "_L1) || line.startsWith("AUTH="_L1))
            mechanisms += line.mid(5).split(u' ', Qt::SkipEmptyParts);
    }
    if (mechanisms.isEmpty()) {
        fail(DeliveryStatus::PermanentFailure,
             u"the server at %1 does not offer AUTH, so the password was not sent; remove --email-username to send "
             "without authentication, or use a server that offers AUTH over TLS"_s.arg(hostDescription()));
        return;
    }
    if (mechanisms.contains("PLAIN"_L1)) {
        // RFC 4616: authorization id (empty), user name and password, separated by NUL.
        const QByteArray credentials = '\0' + settings.userName.toUtf8() + '\0' + settings.password.toUtf8();
        sendCommand("AUTH PLAIN " + credentials.toBase64(), Step::AuthPlain, "AUTH PLAIN ********");
    } else if (mechanisms.contains("LOGIN"_L1)) {
        sendCommand("AUTH LOGIN", Step::AuthLoginStart);
    } else {
        fail(DeliveryStatus::PermanentFailure,
             u"the server at %1 offers AUTH %2 but neither PLAIN nor LOGIN; the password was not sent"_s.arg(
                 hostDescription(), mechanisms.join(u' ')));
    }
}

void SmtpSession::sendMailFrom()
{
    const bool offersEightBit = m_capabilities.contains("8BITMIME"_L1);
    const bool offersUtf8 = m_capabilities.contains("SMTPUTF8"_L1);
    const bool needsUtf8 = !isAscii(m_config.from.address) || !isAscii(m_message.recipient);
    if (needsUtf8 && !offersUtf8) {
        fail(DeliveryStatus::PermanentFailure,
             u"the sender or recipient address is not ASCII and the server at %1 does not offer SMTPUTF8"_s.arg(
                 hostDescription()));
        return;
    }
    MailMessage::TransferEncoding encoding = MailMessage::TransferEncoding::SevenBit;
    MailMessage::build({m_config.from, m_message.recipient, m_message.subject, m_message.longText, m_date, {},
                        offersEightBit},
                       &encoding);
    m_bodyUsesEightBit = encoding == MailMessage::TransferEncoding::EightBit;

    QByteArray command = "MAIL FROM:<" + m_config.from.address.toUtf8() + '>';
    if (m_bodyUsesEightBit)
        command += " BODY=8BITMIME";
    if (needsUtf8)
        command += " SMTPUTF8";
    sendCommand(command, Step::MailFrom);
}

void SmtpSession::sendMessageData()
{
    const MailMessage::Parts parts {m_config.from,
                                    m_message.recipient,
                                    m_message.subject,
                                    m_message.longText,
                                    m_date,
                                    MailMessage::generateMessageId(m_config.from.address, m_date),
                                    m_bodyUsesEightBit};
    const QByteArray data = MailMessage::dotStuff(MailMessage::build(parts)) + ".\r\n";
    logDialogue(u"C: <message of %1 bytes>"_s.arg(data.size()));
    logDialogue(u"C: ."_s);
    m_step = Step::DataEnd;
    armTimer();
    m_socket->write(data);
}

void SmtpSession::succeed()
{
    qCInfo(lcSmtp).noquote() << u"[session %1] message %2 accepted by %3 for %4"_s.arg(
        QString::number(m_config.sessionNumber), QString::number(m_message.id), hostDescription(),
        m_message.recipient);
    finishWith(DeliveryOutcome {DeliveryStatus::Delivered, {}, std::nullopt});
    sendCommand("QUIT", Step::Quit);
}

void SmtpSession::failOnReply(const QString& what, int code, const QStringList& lines)
{
    // RFC 5321 section 4.2.1: 4yz is a transient negative completion, 5yz a permanent one.
    const DeliveryStatus status = code >= 500 && code < 600 ? DeliveryStatus::PermanentFailure
                                                            : DeliveryStatus::TransientFailure;
    fail(status, u"the server at %1 rejected %2: %3 %4"_s.arg(hostDescription(), what).arg(code).arg(
                     shortReply(lines)));
}

void SmtpSession::fail(DeliveryStatus status, const QString& error)
{
    if (m_finished)
        return;
    qCWarning(lcSmtp).noquote() << u"[session %1] message %2 to %3: %4 (%5)"_s.arg(
        QString::number(m_config.sessionNumber), QString::number(m_message.id), m_message.recipient, error,
        status == DeliveryStatus::PermanentFailure ? u"permanent"_s : u"will retry"_s);
    finishWith(DeliveryOutcome {status, error, std::nullopt});
    if (m_step != Step::Connecting && m_step != Step::TlsHandshake && m_socket
        && m_socket->state() == QAbstractSocket::ConnectedState && status == DeliveryStatus::PermanentFailure) {
        sendCommand("QUIT", Step::Quit);
        return;
    }
    closeConnection();
}

void SmtpSession::finishWith(const DeliveryOutcome& outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(m_message.id, outcome);
}

void SmtpSession::closeConnection()
{
    m_timer.stop();
    m_step = Step::Done;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

QString SmtpSession::stepDescription() const
{
    switch (m_step) {
    case Step::Connecting:
        return u"the connection"_s;
    case Step::Greeting:
        return u"the server greeting"_s;
    case Step::Ehlo:
    case Step::EhloAfterTls:
        return u"the reply to EHLO"_s;
    case Step::StartTls:
        return u"the reply to STARTTLS"_s;
    case Step::TlsHandshake:
        return u"the TLS handshake"_s;
    case Step::AuthPlain:
    case Step::AuthLoginStart:
    case Step::AuthLoginUser:
    case Step::AuthLoginPassword:
        return u"the reply to AUTH"_s;
    case Step::MailFrom:
        return u"the reply to MAIL FROM"_s;
    case Step::RcptTo:
        return u"the reply to RCPT TO"_s;
    case Step::Data:
        return u"the reply to DATA"_s;
    case Step::DataEnd:
        return u"the reply to the message data"_s;
    case Step::Quit:
        return u"the reply to QUIT"_s;
    case Step::Done:
        return u"nothing"_s;
    }
    return {};
}

void SmtpSession::onTimeout()
{
    if (m_finished) {
        // Only QUIT was outstanding; the message outcome is already known.
        closeConnection();
        return;
    }
    if (m_step == Step::DataEnd) {
        // Same policy as a connection dropped after the message data: see onDisconnected().
        fail(DeliveryStatus::TransientFailure,
             u"timed out after %1 s waiting for the reply to the message data from %2; the message may have been "
             "delivered and will be sent again"_s.arg(m_config.settings.timeoutSec).arg(hostDescription()));
        return;
    }
    fail(DeliveryStatus::TransientFailure,
         u"timed out after %1 s waiting for %2 from %3"_s.arg(m_config.settings.timeoutSec).arg(stepDescription(),
                                                                                               hostDescription()));
}

void SmtpSession::onDisconnected()
{
    if (m_finished) {
        closeConnection();
        return;
    }
    if (m_step == Step::DataEnd) {
        // Policy for a connection lost after the message data was sent but before the server's
        // verdict: the server may or may not have accepted the message. It is retried, because a
        // duplicate alarm is better than a lost one. RFC 1047 describes this window of SMTP.
        fail(DeliveryStatus::TransientFailure,
             u"the connection to %1 closed before the server confirmed the message; the message may have been "
             "delivered and will be sent again"_s.arg(hostDescription()));
        return;
    }
    if (m_step == Step::TlsHandshake) {
        fail(DeliveryStatus::TransientFailure, tlsFailureText(u"the server closed the connection"_s));
        return;
    }
    fail(DeliveryStatus::TransientFailure,
         u"the server at %1 closed the connection while waiting for %2"_s.arg(hostDescription(), stepDescription()));
}

QString SmtpSession::tlsFailureText(const QString& details) const
{
    if (!m_sslErrors.isEmpty()) {
        return u"TLS with %1 failed because the server certificate was rejected: %2"_s.arg(
            hostDescription(), m_sslErrors.join(u"; "_s));
    }
    if (m_config.settings.disableTls13)
        return u"TLS 1.2 or later with %1 failed: %2"_s.arg(hostDescription(), details);
    return u"TLS 1.3 with %1 failed: %2; if the server supports only TLS 1.2, --email-smtp-disable-tls13 allows it"_s
        .arg(hostDescription(), details);
}

void SmtpSession::onSocketError(QAbstractSocket::SocketError error)
{
    if (m_finished)
        return;
    if (error == QAbstractSocket::RemoteHostClosedError) {
        onDisconnected();
        return;
    }
    if (error == QAbstractSocket::SslHandshakeFailedError || !m_sslErrors.isEmpty()) {
        fail(DeliveryStatus::TransientFailure, tlsFailureText(m_socket->errorString()));
        return;
    }
    fail(DeliveryStatus::TransientFailure,
         u"cannot talk to %1 during %2: %3"_s.arg(hostDescription(), stepDescription(), m_socket->errorString()));
}

} // namespace gcn
