#include "ParsedMail.h"

#include <QRegularExpression>

namespace gcn::test {

using namespace Qt::StringLiterals;

QByteArray ParsedMail::decodeQuotedPrintable(const QByteArray& text)
{
    QByteArray result;
    for (qsizetype index = 0; index < text.size(); ++index) {
        const char character = text.at(index);
        if (character != '=') {
            result += character;
            continue;
        }
        if (text.mid(index + 1, 2) == "\r\n") {
            index += 2;
            continue;
        }
        result += QByteArray::fromHex(text.mid(index + 1, 2));
        index += 2;
    }
    return result;
}

QString ParsedMail::decodeHeader(const QByteArray& value)
{
    static const QRegularExpression word(uR"(=\?([^?]+)\?([BbQq])\?([^?]*)\?=)"_s);
    const QString text = QString::fromUtf8(value);
    QString result;
    qsizetype position = 0;
    bool previousWasWord = false;
    QRegularExpressionMatchIterator matches = word.globalMatch(text);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        const QString between = text.mid(position, match.capturedStart() - position);
        if (!(previousWasWord && between.trimmed().isEmpty()))
            result += between;
        const QByteArray encoded = match.captured(3).toLatin1();
        QByteArray decoded;
        if (match.captured(2).compare(u"B"_s, Qt::CaseInsensitive) == 0) {
            decoded = QByteArray::fromBase64(encoded);
        } else {
            QByteArray spaced = encoded;
            spaced.replace('_', ' ');
            decoded = decodeQuotedPrintable(spaced);
        }
        result += QString::fromUtf8(decoded);
        position = match.capturedEnd();
        previousWasWord = true;
    }
    result += text.mid(position);
    return result;
}

ParsedMail ParsedMail::parse(const QByteArray& message)
{
    ParsedMail mail;
    mail.raw = message;
    const qsizetype split = message.indexOf("\r\n\r\n");
    mail.rawHeaders = split < 0 ? message : message.left(split + 2);
    mail.rawBody = split < 0 ? QByteArray() : message.mid(split + 4);

    // Unfold: a line starting with whitespace continues the previous header.
    QList<QByteArray> lines;
    for (const QByteArray& line : mail.rawHeaders.split('\n')) {
        QByteArray clean = line;
        if (clean.endsWith('\r'))
            clean.chop(1);
        if (clean.isEmpty())
            continue;
        if ((clean.startsWith(' ') || clean.startsWith('\t')) && !lines.isEmpty())
            lines.last() += clean;
        else
            lines.append(clean);
    }
    for (const QByteArray& line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        mail.headerNames.append(name);
        if (!mail.headers.contains(name))
            mail.headers.insert(name, decodeHeader(line.mid(colon + 1).trimmed()));
    }
    const QString encoding = mail.header("content-transfer-encoding").toLower();
    if (encoding == "quoted-printable"_L1)
        mail.body = QString::fromUtf8(decodeQuotedPrintable(mail.rawBody));
    else
        mail.body = QString::fromUtf8(mail.rawBody);
    return mail;
}

} // namespace gcn::test
