#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>

#include "ParsedMail.h"
#include "SmtpServerFixture.h"
#include "TestCertificates.h"
#include "channels/SmtpSender.h"
#include "common/Clock.h"

using namespace gcn;
using namespace gcn::test;
using namespace Qt::StringLiterals;

namespace {

const QString user = u"gcn-user"_s;
const QString password = u"s3cret-Pa55"_s;
constexpr int deliveryTimeoutMs = 20'000;

EmailSettings settingsFor(const SmtpServerFixture& server, bool startTls)
{
    EmailSettings settings;
    settings.from = u"GCN Manager <gcn@example.org>"_s;
    settings.smtpHost = u"localhost"_s;
    settings.smtpPort = server.port();
    settings.userName = user;
    settings.password = password;
    settings.startTls = startTls;
    settings.timeoutSec = 5;
    settings.caFile = TestCertificates::instance().caFile();
    return settings;
}

OutgoingMessage sampleMessage()
{
    OutgoingMessage message;
    message.id = 42;
    message.channel = Channel::Email;
    message.recipient = u"alice@example.org"_s;
    message.subject = u"[GCN] GPIO up: Garage (AA:BB:CC:DD:EE:FF): door is open"_s;
    message.shortText = u"GCN: door open"_s;
    message.longText = u"First line\n.hidden line that starts with a dot\n..two dots\nlast line"_s;
    message.createdAt = QDateTime::currentDateTimeUtc();
    return message;
}

// Sends one message and waits for its outcome.
DeliveryOutcome deliver(SmtpSender& sender, const OutgoingMessage& message)
{
    QSignalSpy finished(&sender, &Sender::finished);
    sender.send(message);
    if (!finished.wait(deliveryTimeoutMs) && finished.isEmpty())
        return DeliveryOutcome {DeliveryStatus::TransientFailure, u"test: no finished() signal"_s, std::nullopt};
    if (finished.size() != 1)
        return DeliveryOutcome {DeliveryStatus::TransientFailure, u"test: several finished() signals"_s, std::nullopt};
    if (finished.first().at(0).toLongLong() != message.id)
        return DeliveryOutcome {DeliveryStatus::TransientFailure, u"test: finished() for another id"_s, std::nullopt};
    return finished.first().at(1).value<DeliveryOutcome>();
}

QString statusName(DeliveryStatus status)
{
    switch (status) {
    case DeliveryStatus::Delivered:
        return u"delivered"_s;
    case DeliveryStatus::TransientFailure:
        return u"transient failure"_s;
    case DeliveryStatus::PermanentFailure:
        return u"permanent failure"_s;
    }
    return {};
}

QByteArray describe(const DeliveryOutcome& outcome)
{
    return (statusName(outcome.status) + u": "_s + outcome.error).toUtf8();
}

// Every secret form a client could put on the wire for the test password.
QList<QByteArray> passwordForms()
{
    const QByteArray plainCredentials = '\0' + user.toUtf8() + '\0' + password.toUtf8();
    return {password.toUtf8(), password.toUtf8().toBase64(), plainCredentials.toBase64()};
}

// A scripted SMTP server for what a real server never does: plaintext injected after the STARTTLS
// reply, or capabilities that change across STARTTLS. It records every line the client sends.
class ScriptedSmtpServer final : public QTcpServer
{
public:
    QByteArray capabilitiesBeforeTls = "250-scripted\r\n250-AUTH PLAIN\r\n250 STARTTLS\r\n";
    QByteArray capabilitiesAfterTls = "250-scripted\r\n250 AUTH PLAIN\r\n";
    // Sent in clear in the same segment as the 220 reply to STARTTLS.
    QByteArray injectedAfterStartTls;
    QList<QByteArray> clientLines;
    int messagesAccepted = 0;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto* socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->setLocalCertificate(TestCertificates::instance().serverCertFile(u"localhost"_s));
        QFile keyFile(TestCertificates::instance().serverKeyFile(u"localhost"_s));
        if (keyFile.open(QIODevice::ReadOnly))
            socket->setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
        connect(socket, &QSslSocket::readyRead, this, [this, socket] { readLines(socket); });
        socket->write("220 scripted ESMTP\r\n");
    }

private:
    void readLines(QSslSocket* socket)
    {
        while (socket->canReadLine()) {
            const QByteArray line = socket->readLine().trimmed();
            clientLines.append(line);
            if (m_inData) {
                if (line == ".") {
                    m_inData = false;
                    ++messagesAccepted;
                    socket->write("250 accepted\r\n");
                }
                continue;
            }
            const QByteArray verb = line.left(line.indexOf(' ') < 0 ? line.size() : line.indexOf(' ')).toUpper();
            if (verb == "EHLO") {
                socket->write(socket->isEncrypted() ? capabilitiesAfterTls : capabilitiesBeforeTls);
            } else if (verb == "STARTTLS") {
                socket->write("220 go ahead\r\n" + injectedAfterStartTls);
                socket->flush();
                socket->startServerEncryption();
                return;
            } else if (verb == "AUTH") {
                socket->write("235 authenticated\r\n");
            } else if (verb == "MAIL" || verb == "RCPT") {
                socket->write("250 ok\r\n");
            } else if (verb == "DATA") {
                m_inData = true;
                socket->write("354 go on\r\n");
            } else if (verb == "QUIT") {
                socket->write("221 bye\r\n");
                socket->disconnectFromHost();
            } else {
                socket->write("502 not implemented\r\n");
            }
        }
    }

    bool m_inData = false;
};

} // namespace

class TestSmtpSender : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void deliversOverStartTls_data();
    void deliversOverStartTls();
    void deliversOverImplicitTls();
    void messageHeadersAndBody();
    void nonAsciiSubjectAndBody();
    void authOfferedOnlyAfterStartTls();
    void plaintextAfterStartTlsIsDiscarded();
    void capabilitiesBeforeTlsAreForgotten();
    void noStartTlsOfferedKeepsPassword();
    void noAuthOfferedKeepsPassword();
    void wrongPasswordIsPermanent();
    void replyCodesAreClassified_data();
    void replyCodesAreClassified();
    void dropAfterDataIsTransient();
    void tls12ServerRejectedUnlessAllowed();
    void untrustedCertificateRejected();
    void hostNameMismatchRejected();
    void serverDownIsTransient();
    void silentServerTimesOut();
    void debugLogMasksCredentials();
    void validateReportsMissingSettings();
};

void TestSmtpSender::initTestCase()
{
    qRegisterMetaType<DeliveryOutcome>();
    // Make the certificates before any timed step.
    QVERIFY(QFile::exists(TestCertificates::instance().serverCertFile(u"localhost"_s)));
}

void TestSmtpSender::deliversOverStartTls_data()
{
    QTest::addColumn<QString>("mechanism");
    QTest::newRow("AUTH PLAIN") << u"PLAIN"_s;
    QTest::newRow("AUTH LOGIN") << u"LOGIN"_s;
}

void TestSmtpSender::deliversOverStartTls()
{
    QFETCH(QString, mechanism);
    SmtpServerFixture server;
    SmtpServerFixture::Options options;
    options.user = user;
    options.password = password;
    options.authMechanisms = {mechanism};
    QVERIFY2(server.start(options), qPrintable(server.errorString()));

    SmtpSender sender(settingsFor(server, true));
    const DeliveryOutcome outcome = deliver(sender, sampleMessage());
    QVERIFY2(outcome.status == DeliveryStatus::Delivered, describe(outcome));
    QCOMPARE(server.messageCount(), 1);
    const QJsonObject envelope = server.envelopes().first();
    QCOMPARE(envelope.value(u"mail_from"_s).toString(), u"gcn@example.org"_s);
    QCOMPARE(envelope.value(u"rcpt_tos"_s).toArray().first().toString(), u"alice@example.org"_s);
    QCOMPARE(envelope.value(u"tls"_s).toBool(), true);
    QCOMPARE(envelope.value(u"login"_s).toString(), user);
    QVERIFY(server.transcript().contains(QByteArray(QByteArray("AUTH ") + mechanism.toLatin1())));
}

void TestSmtpSender::deliversOverImplicitTls()
{
    SmtpServerFixture server;
    SmtpServerFixture::Options options;
    options.mode = SmtpServerFixture::Mode::ImplicitTls;
    options.user = user;
    options.password = password;
    QVERIFY2(server.start(options), qPrintable(server.errorString()));

    SmtpSender sender(settingsFor(server, false));
    const DeliveryOutcome outcome = deliver(sender, sampleMessage());
    QVERIFY2(outcome.status == DeliveryStatus::Delivered, describe(outcome));
    QCOMPARE(server.messageCount(), 1);
    QCOMPARE(server.envelopes().first().value(u"login"_s).toString(), user);
    QVERIFY(!server.transcript().contains("STARTTLS"));
}

void TestSmtpSender::messageHeadersAndBody()
{
    SmtpServerFixture server;
    SmtpServerFixture::Options options;
    options.user = user;
    options.password = password;
    QVERIFY2(server.start(options), qPrintable(server.errorString()));

    SmtpSender sender(settingsFor(server, true));
    sender.setTimeZone(QTimeZone("Europe/Paris"));
    const OutgoingMessage message = sampleMessage();
    const DeliveryOutcome outcome = deliver(sender, message);
    QVERIFY2(outcome.status == DeliveryStatus::Delivered, describe(outcome));
    QCOMPARE(server.messageCount(), 1);

    const QByteArray raw = server.messages().first();
    const ParsedMail mail = ParsedMail::parse(raw);
    for (const char* name : {"date", "message-id", "from", "to", "subject", "mime-version", "content-type",
                             "content-transfer-encoding"}) {
        QVERIFY2(mail.headerNames.count(name) == 1, name);
    }
    QCOMPARE(mail.header("from"), u"GCN Manager <gcn@example.org>"_s);
    QCOMPARE(mail.header("to"), u"alice@example.org"_s);
    QCOMPARE(mail.header("subject"), message.subject);
    QCOMPARE(mail.header("mime-version"), u"1.0"_s);
    QCOMPARE(mail.header("content-type"), u"text/plain; charset=UTF-8"_s);
    QCOMPARE(mail.header("content-transfer-encoding"), u"7bit"_s);
    QVERIFY2(QRegularExpression(u"^<[0-9a-f]{32}\\.[0-9]+@example\\.org>$"_s).match(mail.header("message-id")).hasMatch(),
             qPrintable(mail.header("message-id")));
    // RFC 5322 date with the offset of the zone, e.g. "Tue, 14 Nov 2023 23:13:20 +0100".
    QVERIFY2(QRegularExpression(u"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov"
                                "|Dec) \\d{4} \\d\\d:\\d\\d:\\d\\d \\+0[12]00$"_s)
                 .match(mail.header("date"))
                 .hasMatch(),
             qPrintable(mail.header("date")));

    // Every line ends with CRLF: no bare LF and no bare CR.
    QCOMPARE(raw.count('\n'), raw.count("\r\n"));
    QCOMPARE(raw.count('\r'), raw.count("\r\n"));
    // The server removes the dot-stuffing, so the lines arrive as written...
    QCOMPARE(mail.body, u"First line\r\n.hidden line that starts with a dot\r\n..two dots\r\nlast line\r\n"_s);
    // ...and on the wire each line that starts with a dot carried one more.
    QVERIFY(server.transcript().contains("\r\n..hidden line that starts with a dot\r\n...two dots\r\n"));
}

void TestSmtpSender::nonAsciiSubjectAndBody()
{
    SmtpServerFixture server;
    SmtpServerFixture::Options options;
    options.user = user;
    options.password = password;
    QVERIFY2(server.start(options), qPrintable(server.errorString()));

    EmailSettings settings = settingsFor(server, true);
    settings.from = u"Gérard Dépôt <gcn@example.org>"_s;
    SmtpSender sender(settings);
    OutgoingMessage message = sampleMessage();
    message.subject = u"[GCN] Porte du garage ouverte à 17:02 — état « ouvert » 🚪 and a long tail of words to fold"_s;
    message.longText = u"Porte ouverte à 17:02\nÉtat : ouvert €\n"_s;
    const DeliveryOutcome outcome = deliver(sender, message);
    QVERIFY2(outcome.status == DeliveryStatus::Delivered, describe(outcome));

    const ParsedMail mail = ParsedMail::parse(server.messages().first());
    QCOMPARE(mail.header("subject"), message.subject);
    QCOMPARE(mail.header("from"), u"Gérard Dépôt <gcn@example.org>"_s);
    // Raw headers are 7-bit, with encoded words no longer than 75 characters.
    for (const char byte : mail.rawHeaders)
        QVERIFY(static_cast<unsigned char>(byte) < 0x80);
    for (const QByteArray& line : mail.rawHeaders.split('\n'))
        QVERIFY2(line.size() <= 79, line.constData());
    // aiosmtpd offers 8BITMIME, so UTF-8 goes unencoded.
    QCOMPARE(mail.header("content-transfer-encoding"), u"8bit"_s);
    QCOMPARE(mail.body, u"Porte ouverte à 17:02\r\nÉtat : ouvert €\r\n"_s);
    QVERIFY(server.envelopes().first().value(u"mail_options"_s).toArray().contains(u"BODY=8BITMIME"_s));
}

void TestSmtpSender::authOfferedOnlyAfterStartTls()
{
    SmtpServerFixture server;
    SmtpServerFixture::Options options;
    options.user = user;
    options.password = password;
    QVERIFY2(server.start(options), qPrintable(server.errorString()));

    SmtpSender sender(settingsFor(server, true));
    const DeliveryOutcome outcome = deliver(sender, sampleMessage());
    QVERIFY2(outcome.status == DeliveryStatus::Delivered, describe(outcome));

    const QByteArray transcript = server.transcript();
    const qsizetype startTls = transcript.indexOf("STARTTLS\r\n");
    const qsizetype secondEhlo = transcript.indexOf("EHLO ", transcript.indexOf("EHLO ") + 1);
    const qsizetype auth = transcript.indexOf("AUTH ");
    QVERIFY(startTls > 0);
    QVERIFY2(secondEhlo > startTls, "EHLO is sent again after STARTTLS");
    QVERIFY2(auth > secondEhlo, "AUTH comes after the second EHLO");
}

void TestSmtpSender::plaintextAfterStartTlsIsDiscarded()
{
    ScriptedSmtpServer server;
    // Injected lines that a vulnerable client would read as the replies to its EHLO and AUTH after the
    // handshake. They offer no AUTH.
    server.injectedAfterStartTls = "250 injected\r\n235 injected\r\n";
    QVERIFY(server.listen(QHostAddress::LocalHost));
    EmailSettings settings;
    settings.from = u"gcn@example.org"_s;
    settings.smtpHost = u"localhost"_s;
    settings.smtpPort = server.serverPort();
    settings.userName = user;
    settings.password = password;
    settings.startTls = true;
    settings.timeoutSec = 5;
    settings.caFile = TestCertificates::instance().caFile();
    SmtpSender sender(settings);

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"discarding \\d+ bytes sent in clear"_s));
    const DeliveryOutcome outcome = deliver(sender, sampleMessage());
    QVERIFY2(outcome.status == DeliveryStatus::Delivered, describe(outcome));
    QCOMPARE(server.messagesAccepted, 1);
    // After STARTTLS the client asked again with EHLO and went on with the server's real replies.
    const qsizetype startTls = server.clientLines.indexOf("STARTTLS");
    QVERIFY(startTls >= 0);
    QVERIFY2(server.clientLines.value(startTls + 1).startsWith("EHLO "), server.clientLines.value(startTls + 1));
    QVERIFY2(server.clientLines.value(startTls + 2).startsWith("AUTH PLAIN "), server.clientLines.value(startTls + 2));
}

void TestSmtpSender::capabilitiesBeforeTlsAreForgotten()
{
    ScriptedSmtpServer server;
    // AUTH offered in clear only: after STARTTLS the server no longer offers it.
    server.capabilitiesAfterTls = "250-scripted\r\n250 8BITMIME\r\n";
    QVERIFY(server.listen(QHostAddress::LocalHost));
    EmailSettings settings;
    settings.from = u"gcn@example.org"_s;
    settings.smtpHost = u"localhost"_s;
    settings.smtpPort = server.serverPort();
    settings.userName = user;
    settings.password = password;
    settings.startTls = true;
    settings.timeoutSec = 5;
    settings.caFile = TestCertificates::instance().caFile();
    SmtpSender sender(settings);

    const DeliveryOutcome outcome = deliver(sender, sampleMessage());
    QVERIFY2(outcome.status == DeliveryStatus::PermanentFailure, describe(outcome));
    QVERIFY2(outcome.error.contains(u"does not offer AUTH"_s), qPrintable(outcome.error));
    for (const QByteArray& line : std::as_const(server.clientLines))
        QVERIFY2(!line.startsWith("AUTH"), line.constData());
    QCOMPARE(server.messagesAccepted, 0);
}

void TestSmtpSender::noStartTlsOfferedKeepsPassword()
{
    SmtpServerFixture server;
    SmtpServerFixture::Options options;
    // A plain server that would accept AUTH in clear text.
    options.mode = SmtpServerFixture::Mode::Plain;
    options.user = user;
    options.password = password;
    QVERIFY2(server.start(options), qPrintable(server.errorString()));

    SmtpSender sender(settingsFor(server, true));
    const DeliveryOutcome outcome = deliver(sender, sampleMessage());
    QVERIFY2(outcome.status == DeliveryStatus::PermanentFailure, describe(outcome));
    QVERIFY2(outcome.error.contains(u"does not offer STARTTLS"_s), qPrintable(outcome.error));
    QVERIFY2(outcome.error.contains(u"password"_s), qPrintable(outcome.error));
    QCOMPARE(server.messageCount(), 0);
    const QByteArray transcript = server.transcript();
    QVERIFY(transcript.contains("EHLO "));
    QVERIFY(!transcript.contains("AUTH"));
    QVERIFY(!transcript.contains("MAIL FROM"));
    for (const QByteArray& secret : passwordForms())
        QVERIFY2(!transcript.contains(secret), secret.constData());
}

void TestSmtpSender::noAuthOfferedKeepsPassword()
{
    SmtpServerFixture server;
    SmtpServerFixture::Options options;
    options.offerAuth = false;
    QVERIFY2(server.start(options), qPrintable(server.errorString()));

    SmtpSender sender(settingsFor(server, true));
    const DeliveryOutcome outcome = deliver(sender, sampleMessage());
    QVERIFY2(outcome.status == DeliveryStatus::PermanentFailure, describe(outcome));
    QVERIFY2(outcome.error.contains(u"does not offer AUTH"_s), qPrintable(outcome.error));
    QCOMPARE(server.messageCount(), 0);
    const QByteArray transcript = server.transcript();
    QVERIFY(transcript.contains("STARTTLS"));
    QVERIFY(!transcript.contains("AUTH"));
    for (const QByteArray& secret : passwordForms())
        QVERIFY2(!transcript.contains(secret), secret.constData());
}

void TestSmtpSender::wrongPasswordIsPermanent()
{
    SmtpServerFixture server;
    SmtpServerFixture::Options options;
    options.user = user;
    options.password = u"another password"_s;
    QVERIFY2(server.start(options), qPrintable(server.errorString()));

    SmtpSender sender(settingsFor(server, true));
    const DeliveryOutcome outcome = deliver(sender, sampleMessage());
    QVERIFY2(outcome.status == DeliveryStatus::PermanentFailure, describe(outcome));
    QVERIFY2(outcome.error.contains(u"535"_s), qPrintable(outcome.error));
    QVERIFY2(outcome.error.contains(u"AUTH"_s), qPrintable(outcome.error));
    QCOMPARE(server.messageCount(), 0);
}

void TestSmtpSender::replyCodesAreClassified_data()
{
    QTest::addColumn<QString>("reply");
    QTest::addColumn<int>("status");

    QTest::newRow("421 service closing is transient") << u"421"_s << int(DeliveryStatus::TransientFailure);
    QTest::newRow("451 local error is transient") << u"451"_s << int(DeliveryStatus::TransientFailure);
    QTest::newRow("452 storage is transient") << u"452"_s << int(DeliveryStatus::TransientFailure);
    QTest::newRow("550 mailbox unavailable is permanent") << u"550"_s << int(DeliveryStatus::PermanentFailure);
    QTest::newRow("554 transaction failed is permanent") << u"554"_s << int(DeliveryStatus::PermanentFailure);
}

void TestSmtpSender::replyCodesAreClassified()
{
    QFETCH(QString, reply);
    QFETCH(int, status);
    SmtpServerFixture server;
    SmtpServerFixture::Options options;
    options.user = user;
    options.password = password;
    options.alwaysReply = reply;
    QVERIFY2(server.start(options), qPrintable(server.errorString()));

    SmtpSender sender(settingsFor(server, true));
    const DeliveryOutcome outcome = deliver(sender, sampleMessage());
    QCOMPARE(int(outcome.status), status);
    QVERIFY2(outcome.error.contains(reply + u" scripted failure"_s), qPrintable(outcome.error));
    QCOMPARE(server.messageCount(), 0);
}

void TestSmtpSender::dropAfterDataIsTransient()
{
    SmtpServerFixture server;
    SmtpServerFixture::Options options;
    options.user = user;
    options.password = password;
    options.replies = {u"drop"_s};
    QVERIFY2(server.start(options), qPrintable(server.errorString()));

    SmtpSender sender(settingsFor(server, true));
    const DeliveryOutcome outcome = deliver(sender, sampleMessage());
    QVERIFY2(outcome.status == DeliveryStatus::TransientFailure, describe(outcome));
    QVERIFY2(outcome.error.contains(u"may have been delivered"_s), qPrintable(outcome.error));
    // The server kept the message before it dropped the connection: a retry makes a duplicate.
    QCOMPARE(server.messageCount(), 1);
}

void TestSmtpSender::tls12ServerRejectedUnlessAllowed()
{
    SmtpServerFixture server;
    SmtpServerFixture::Options options;
    options.mode = SmtpServerFixture::Mode::ImplicitTls;
    options.user = user;
    options.password = password;
    options.tls12Only = true;
    QVERIFY2(server.start(options), qPrintable(server.errorString()));

    {
        SmtpSender sender(settingsFor(server, false));
        const DeliveryOutcome outcome = deliver(sender, sampleMessage());
        QVERIFY2(outcome.status == DeliveryStatus::TransientFailure, describe(outcome));
        QVERIFY2(outcome.error.contains(u"TLS 1.3"_s), qPrintable(outcome.error));
        QVERIFY2(outcome.error.contains(u"--email-smtp-disable-tls13"_s), qPrintable(outcome.error));
        QCOMPARE(server.messageCount(), 0);
        for (const QByteArray& secret : passwordForms())
            QVERIFY2(!server.transcript().contains(secret), secret.constData());
    }

    EmailSettings settings = settingsFor(server, false);
    settings.disableTls13 = true;
    SmtpSender sender(settings);
    const DeliveryOutcome outcome = deliver(sender, sampleMessage());
    QVERIFY2(outcome.status == DeliveryStatus::Delivered, describe(outcome));
    QCOMPARE(server.messageCount(), 1);
}

void TestSmtpSender::untrustedCertificateRejected()
{
    SmtpServerFixture server;
    SmtpServerFixture::Options options;
    options.user = user;
    options.password = password;
    options.untrustedCertificate = true;
    QVERIFY2(server.start(options), qPrintable(server.errorString()));

    SmtpSender sender(settingsFor(server, true));
    const DeliveryOutcome outcome = deliver(sender, sampleMessage());
    QVERIFY2(outcome.status == DeliveryStatus::TransientFailure, describe(outcome));
    QVERIFY2(outcome.error.contains(u"certificate"_s, Qt::CaseInsensitive), qPrintable(outcome.error));
    QCOMPARE(server.messageCount(), 0);
    const QByteArray transcript = server.transcript();
    QVERIFY(transcript.contains("STARTTLS"));
    QVERIFY(!transcript.contains("AUTH"));
    for (const QByteArray& secret : passwordForms())
        QVERIFY2(!transcript.contains(secret), secret.constData());
}

void TestSmtpSender::hostNameMismatchRejected()
{
    SmtpServerFixture server;
    SmtpServerFixture::Options options;
    options.mode = SmtpServerFixture::Mode::ImplicitTls;
    options.user = user;
    options.password = password;
    // Signed by the trusted CA, but for another name than the one the client connects to.
    options.certificateHost = u"smtp.other.test"_s;
    QVERIFY2(server.start(options), qPrintable(server.errorString()));

    SmtpSender sender(settingsFor(server, false));
    const DeliveryOutcome outcome = deliver(sender, sampleMessage());
    QVERIFY2(outcome.status == DeliveryStatus::TransientFailure, describe(outcome));
    QVERIFY2(outcome.error.contains(u"host name"_s, Qt::CaseInsensitive), qPrintable(outcome.error));
    QCOMPARE(server.messageCount(), 0);
    for (const QByteArray& secret : passwordForms())
        QVERIFY2(!server.transcript().contains(secret), secret.constData());
}

void TestSmtpSender::serverDownIsTransient()
{
    SmtpServerFixture server;
    QVERIFY2(server.start({}), qPrintable(server.errorString()));
    const quint16 port = server.port();
    server.stop();

    EmailSettings settings = settingsFor(server, true);
    settings.smtpPort = port;
    SmtpSender sender(settings);
    const DeliveryOutcome outcome = deliver(sender, sampleMessage());
    QVERIFY2(outcome.status == DeliveryStatus::TransientFailure, describe(outcome));
    QVERIFY2(outcome.error.contains(u"refused"_s, Qt::CaseInsensitive), qPrintable(outcome.error));
}

void TestSmtpSender::silentServerTimesOut()
{
    // A server that accepts the connection and never greets.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    EmailSettings settings;
    settings.from = u"gcn@example.org"_s;
    settings.smtpHost = u"localhost"_s;
    settings.smtpPort = silent.serverPort();
    settings.startTls = true;
    settings.timeoutSec = 1;
    SmtpSender sender(settings);

    QElapsedTimer elapsed;
    elapsed.start();
    const DeliveryOutcome outcome = deliver(sender, sampleMessage());
    QVERIFY2(outcome.status == DeliveryStatus::TransientFailure, describe(outcome));
    QVERIFY2(outcome.error.contains(u"timed out after 1 s waiting for the server greeting"_s), qPrintable(outcome.error));
    QVERIFY2(elapsed.elapsed() < 15'000, "the timeout did not hang");
}

namespace {

QStringList capturedLog;

void captureMessage(QtMsgType, const QMessageLogContext& context, const QString& message)
{
    if (QByteArray(context.category) == "gcn.smtp")
        capturedLog.append(message);
}

} // namespace

void TestSmtpSender::debugLogMasksCredentials()
{
    for (const QString& mechanism : {u"PLAIN"_s, u"LOGIN"_s}) {
        SmtpServerFixture server;
        SmtpServerFixture::Options options;
        options.user = user;
        options.password = password;
        options.authMechanisms = {mechanism};
        QVERIFY2(server.start(options), qPrintable(server.errorString()));

        EmailSettings settings = settingsFor(server, true);
        settings.debug = true;
        SmtpSender sender(settings);
        capturedLog.clear();
        const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
        const DeliveryOutcome outcome = deliver(sender, sampleMessage());
        qInstallMessageHandler(previous);
        QVERIFY2(outcome.status == DeliveryStatus::Delivered, describe(outcome));

        const QString log = capturedLog.join(u'\n');
        QVERIFY2(log.contains(u"C: STARTTLS"_s), qPrintable(log));
        QVERIFY2(log.contains(u"S: 250"_s), qPrintable(log));
        QVERIFY2(log.contains(u"C: AUTH "_s + mechanism), qPrintable(log));
        QVERIFY2(log.contains(u"********"_s), qPrintable(log));
        for (const QByteArray& secret : passwordForms())
            QVERIFY2(!log.contains(QString::fromLatin1(secret)), secret.constData());
        QVERIFY2(!log.contains(QString::fromLatin1(user.toUtf8().toBase64())), "user name in base64");
    }
}

void TestSmtpSender::validateReportsMissingSettings()
{
    EmailSettings settings;
    settings.smtpHost = u"smtp.example.org"_s;
    settings.from = u"GCN <gcn@example.org>"_s;
    QVERIFY(!SmtpSender::validate(settings).has_value());

    EmailSettings noHost = settings;
    noHost.smtpHost.clear();
    QVERIFY(SmtpSender::validate(noHost)->option.contains(u"--email-smtp-host"_s));

    EmailSettings badFrom = settings;
    badFrom.from = u"GCN <gcn>"_s;
    QVERIFY(SmtpSender::validate(badFrom)->option.contains(u"--email-from"_s));

    EmailSettings injected = settings;
    injected.from = u"GCN <gcn@example.org>\r\nBcc: x@example.org"_s;
    QVERIFY(SmtpSender::validate(injected).has_value());

    EmailSettings noPassword = settings;
    noPassword.userName = user;
    QVERIFY(SmtpSender::validate(noPassword)->option.contains(u"--email-password"_s));

    EmailSettings badCa = settings;
    badCa.caFile = QStringLiteral(GCN_TEST_SOURCE_DIR) + u"/support/smtp_server.py"_s;
    QVERIFY(SmtpSender::validate(badCa)->option.contains(u"--email-smtp-ca-file"_s));

    QCOMPARE(SmtpSender::effectivePort(settings), 465);
    settings.startTls = true;
    QCOMPARE(SmtpSender::effectivePort(settings), 587);
}

QTEST_GUILESS_MAIN(TestSmtpSender)
#include "tst_smtpsender.moc"
