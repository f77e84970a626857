#include <QTest>
#include <QTimeZone>

#include "ParsedMail.h"
#include "channels/MailMessage.h"

using namespace gcn;
using namespace gcn::test;
using namespace Qt::StringLiterals;

class TestMailMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quotedPrintable_data();
    void quotedPrintable();
    void quotedPrintableKeepsLinesShort();
    void dotStuff_data();
    void dotStuff();
    void toCrlf();
    void headerTextBlocksInjection();
    void headerTextFoldsLongAscii();
    void headerTextEncodesNonAscii_data();
    void headerTextEncodesNonAscii();
    void formatMailbox_data();
    void formatMailbox();
    void parseMailbox_data();
    void parseMailbox();
    void formatDate_data();
    void formatDate();
    void buildChoosesTransferEncoding_data();
    void buildChoosesTransferEncoding();
    void messageIdUsesSenderDomain();
};

void TestMailMessage::quotedPrintable_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("plain ASCII") << QByteArray("door open") << QByteArray("door open");
    QTest::newRow("equals sign") << QByteArray("a=b") << QByteArray("a=3Db");
    QTest::newRow("UTF-8 letter") << QByteArray("\xc3\xa9t\xc3\xa9") << QByteArray("=C3=A9t=C3=A9");
    QTest::newRow("trailing space") << QByteArray("a \r\nb") << QByteArray("a=20\r\nb");
    QTest::newRow("trailing tab") << QByteArray("a\t") << QByteArray("a=09");
    QTest::newRow("inner space kept") << QByteArray("a b") << QByteArray("a b");
}

void TestMailMessage::quotedPrintable()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);

    QCOMPARE(MailMessage::quotedPrintable(input), expected);
    QCOMPARE(ParsedMail::decodeQuotedPrintable(expected), input);
}

void TestMailMessage::quotedPrintableKeepsLinesShort()
{
    const QByteArray input = QByteArray(100, 'x') + "\r\n" + QByteArray(50, '\xe9');
    const QByteArray encoded = MailMessage::quotedPrintable(input);
    for (const QByteArray& line : encoded.split('\n'))
        QVERIFY2(line.size() <= 77, line.constData());
    QCOMPARE(ParsedMail::decodeQuotedPrintable(encoded), input);
}

void TestMailMessage::dotStuff_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("first line") << QByteArray(".a\r\nb\r\n") << QByteArray("..a\r\nb\r\n");
    QTest::newRow("later line") << QByteArray("a\r\n.b\r\n") << QByteArray("a\r\n..b\r\n");
    QTest::newRow("lone dot") << QByteArray("a\r\n.\r\nb\r\n") << QByteArray("a\r\n..\r\nb\r\n");
    QTest::newRow("dot inside a line") << QByteArray("a.b\r\nc.\r\n") << QByteArray("a.b\r\nc.\r\n");
    QTest::newRow("two dots") << QByteArray("..\r\n") << QByteArray("...\r\n");
}

void TestMailMessage::dotStuff()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);

    QCOMPARE(MailMessage::dotStuff(input), expected);
}

void TestMailMessage::toCrlf()
{
    QCOMPARE(MailMessage::toCrlf("a\nb\rc\r\nd\n\n"), QByteArray("a\r\nb\r\nc\r\nd\r\n\r\n"));
}

void TestMailMessage::headerTextBlocksInjection()
{
    const QByteArray subject = MailMessage::encodeHeaderText(u"Alert\r\nBcc: victim@example.org\n\tX: y"_s, 9);
    QVERIFY2(!subject.contains('\r'), subject.constData());
    QVERIFY2(!subject.contains('\n'), subject.constData());
    QCOMPARE(subject, QByteArray("Alert Bcc: victim@example.org X: y"));

    const QByteArray from = MailMessage::formatMailbox({u"Name\r\nBcc: x@example.org"_s, u"a@example.org"_s}, 6);
    QVERIFY2(!from.contains('\n'), from.constData());
}

void TestMailMessage::headerTextFoldsLongAscii()
{
    QString subject;
    for (int index = 0; index < 30; ++index)
        subject += u"word%1 "_s.arg(index);
    const QByteArray folded = MailMessage::encodeHeaderText(subject, 9);
    const QList<QByteArray> lines = folded.split('\n');
    QVERIFY(lines.size() > 1);
    QVERIFY(lines.first().size() + 9 <= 79);
    for (qsizetype index = 1; index < lines.size(); ++index) {
        QVERIFY2(lines.at(index).startsWith(' '), lines.at(index).constData());
        QVERIFY2(lines.at(index).size() <= 79, lines.at(index).constData());
    }
    QCOMPARE(ParsedMail::parse("Subject: " + folded + "\r\n\r\n").header("subject"), subject.trimmed());
}

void TestMailMessage::headerTextEncodesNonAscii_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("French") << u"Porte du garage ouverte à 17:02"_s;
    QTest::newRow("long with symbols") << u"« état » — ouvert € ✓ "_s.repeated(6);
    QTest::newRow("emoji across word boundaries") << u"🚪"_s.repeated(40);
    QTest::newRow("one very long ASCII word") << QString(1000, u'x');
}

void TestMailMessage::headerTextEncodesNonAscii()
{
    QFETCH(QString, text);

    const QByteArray encoded = MailMessage::encodeHeaderText(text, 9);
    for (const char byte : encoded)
        QVERIFY(static_cast<unsigned char>(byte) < 0x80);
    const QList<QByteArray> lines = encoded.split('\n');
    QVERIFY2(lines.first().size() + 9 <= 76, lines.first().constData());
    for (const QByteArray& line : lines)
        QVERIFY2(line.trimmed().size() <= 75, line.constData());
    QCOMPARE(ParsedMail::parse("Subject: " + encoded + "\r\n\r\n").header("subject"), text.simplified());
}

void TestMailMessage::formatMailbox_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("no name") << QString() << QByteArray("gcn@example.org");
    QTest::newRow("plain name") << u"GCN Manager"_s << QByteArray("GCN Manager <gcn@example.org>");
    QTest::newRow("name with comma") << u"Alarms, Inc."_s << QByteArray("\"Alarms, Inc.\" <gcn@example.org>");
    QTest::newRow("name with quote") << u"The \"GCN\""_s << QByteArray("\"The \\\"GCN\\\"\" <gcn@example.org>");
    QTest::newRow("non-ASCII name") << u"Gérard"_s << QByteArray("=?UTF-8?B?R8OpcmFyZA==?= <gcn@example.org>");
}

void TestMailMessage::formatMailbox()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, expected);

    QCOMPARE(MailMessage::formatMailbox({name, u"gcn@example.org"_s}, 6), expected);
}

void TestMailMessage::parseMailbox_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("address");

    QTest::newRow("address only") << u"gcn@example.org"_s << true << QString() << u"gcn@example.org"_s;
    QTest::newRow("name and address") << u"GCN Manager <gcn@example.org>"_s << true << u"GCN Manager"_s
                                      << u"gcn@example.org"_s;
    QTest::newRow("quoted name") << u"\"Alarms, Inc.\" <gcn@example.org>"_s << true << u"Alarms, Inc."_s
                                 << u"gcn@example.org"_s;
    QTest::newRow("non-ASCII name") << u"Gérard <gcn@example.org>"_s << true << u"Gérard"_s << u"gcn@example.org"_s;
    QTest::newRow("no at sign") << u"GCN <gcn>"_s << false << QString() << QString();
    QTest::newRow("unclosed bracket") << u"GCN <gcn@example.org"_s << false << QString() << QString();
    QTest::newRow("header injection") << u"gcn@example.org\r\nBcc: x@example.org"_s << false << QString()
                                      << QString();
    QTest::newRow("space in address") << u"gcn @example.org"_s << false << QString() << QString();
}

void TestMailMessage::parseMailbox()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, name);
    QFETCH(QString, address);

    const auto mailbox = gcn::parseMailbox(text);
    QCOMPARE(mailbox.has_value(), valid);
    if (!valid)
        return;
    QCOMPARE(mailbox->displayName, name);
    QCOMPARE(mailbox->address, address);
}

void TestMailMessage::formatDate_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("Paris") << QByteArray("Europe/Paris") << QByteArray("Fri, 04 Dec 2026 17:02:11 +0100");
    QTest::newRow("New York") << QByteArray("America/New_York") << QByteArray("Fri, 04 Dec 2026 11:02:11 -0500");
    QTest::newRow("Kolkata") << QByteArray("Asia/Kolkata") << QByteArray("Fri, 04 Dec 2026 21:32:11 +0530");
}

void TestMailMessage::formatDate()
{
    QFETCH(QByteArray, zone);
    QFETCH(QByteArray, expected);

    const QDateTime utc(QDate(2026, 12, 4), QTime(16, 2, 11), Qt::UTC);
    QCOMPARE(MailMessage::formatDate(utc.toTimeZone(QTimeZone(zone))), expected);
}

void TestMailMessage::buildChoosesTransferEncoding_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<bool>("eightBitAllowed");
    QTest::addColumn<int>("encoding");
    QTest::addColumn<QString>("header");

    QTest::newRow("ASCII") << u"door open\n"_s << true << int(MailMessage::TransferEncoding::SevenBit) << u"7bit"_s;
    QTest::newRow("UTF-8 with 8BITMIME") << u"porte ouverte à 17:02\n"_s << true
                                         << int(MailMessage::TransferEncoding::EightBit) << u"8bit"_s;
    QTest::newRow("UTF-8 without 8BITMIME") << u"porte ouverte à 17:02\n"_s << false
                                            << int(MailMessage::TransferEncoding::QuotedPrintable)
                                            << u"quoted-printable"_s;
    QTest::newRow("ASCII line over 998 bytes") << QString(1200, u'x') << true
                                               << int(MailMessage::TransferEncoding::QuotedPrintable)
                                               << u"quoted-printable"_s;
}

void TestMailMessage::buildChoosesTransferEncoding()
{
    QFETCH(QString, body);
    QFETCH(bool, eightBitAllowed);
    QFETCH(int, encoding);
    QFETCH(QString, header);

    MailMessage::Parts parts;
    parts.from = {u"GCN"_s, u"gcn@example.org"_s};
    parts.to = u"alice@example.org"_s;
    parts.subject = u"Test"_s;
    parts.body = body;
    parts.date = QDateTime(QDate(2026, 12, 4), QTime(16, 2, 11), Qt::UTC);
    parts.messageId = u"abc@example.org"_s;
    parts.eightBitAllowed = eightBitAllowed;

    MailMessage::TransferEncoding chosen = MailMessage::TransferEncoding::SevenBit;
    const QByteArray message = MailMessage::build(parts, &chosen);
    QCOMPARE(int(chosen), encoding);
    const ParsedMail mail = ParsedMail::parse(message);
    QCOMPARE(mail.header("content-transfer-encoding"), header);
    QCOMPARE(mail.header("message-id"), u"<abc@example.org>"_s);
    QCOMPARE(mail.header("date"), u"Fri, 04 Dec 2026 16:02:11 +0000"_s);
    QCOMPARE(mail.body, QString::fromUtf8(MailMessage::toCrlf(body.toUtf8())) + (body.endsWith(u'\n') ? u""_s : u"\r\n"_s));
    for (const QByteArray& line : message.split('\n'))
        QVERIFY2(line.size() <= 999, "every line within 998 bytes plus CR");
}

void TestMailMessage::messageIdUsesSenderDomain()
{
    const QDateTime date = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);
    const QString first = MailMessage::generateMessageId(u"gcn@example.org"_s, date);
    const QString second = MailMessage::generateMessageId(u"gcn@example.org"_s, date);
    QVERIFY(first.endsWith(u".1700000000000@example.org"_s));
    QVERIFY(first != second);
    QVERIFY(MailMessage::generateMessageId(u"no-domain"_s, date).endsWith(u"@gcn-manager.invalid"_s));
}

QTEST_GUILESS_MAIN(TestMailMessage)
#include "tst_mailmessage.moc"
