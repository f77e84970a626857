#include "channels/MailMessage.h"

#include <QRandomGenerator>
#include <QStringList>

#include <array>

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

// RFC 5322 section 2.1.1: lines SHOULD stay within 78 characters and MUST stay within 998.
constexpr int foldWidth = 78;
constexpr int maxLineBytes = 998;
// RFC 2047 section 2: an encoded word has at most 75 characters, so "=?UTF-8?B?" + "?=" leaves 63
// for base64, which carries 45 bytes (60 characters).
constexpr int encodedWordBytes = 45;
// A header word longer than this is encoded so that it can be split across lines.
constexpr int maxPlainWord = 900;

QString sanitizeHeaderText(const QString& text)
{
    QString clean;
    clean.reserve(text.size());
    for (const QChar character : text) {
        const bool control = character.category() == QChar::Other_Control
                             || character == QChar::LineSeparator || character == QChar::ParagraphSeparator;
        clean += control ? u' ' : character;
    }
    return clean.simplified();
}

bool isPrintableAscii(const QString& text)
{
    return std::all_of(text.begin(), text.end(), [](QChar character) {
        return character.unicode() >= 0x20 && character.unicode() < 0x7f;
    });
}

QByteArray foldPlain(const QString& text, int usedLength)
{
    const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
    QByteArray folded;
    int lineLength = usedLength;
    for (qsizetype index = 0; index < words.size(); ++index) {
        const QByteArray word = words.at(index).toLatin1();
        if (index > 0) {
            if (lineLength + 1 + word.size() > foldWidth) {
                folded += "\r\n";
                lineLength = 0;
            }
            folded += ' ';
            ++lineLength;
        }
        folded += word;
        lineLength += int(word.size());
    }
    return folded;
}

// Encodes text as base64 encoded words on folded lines of at most 76 characters. The first line
// already contains `usedLength` characters.
QByteArray encodeWords(const QString& text, int usedLength)
{
    QByteArrayList words;
    QByteArray chunk;
    // 12 characters of "=?UTF-8?B?" and "?=" plus 4 base64 characters per 3 bytes.
    int budget = std::min(encodedWordBytes, (76 - usedLength - 12) / 4 * 3);
    QByteArray prefix;
    if (budget < 3) {
        prefix = "\r\n ";
        budget = encodedWordBytes;
    }
    for (qsizetype index = 0; index < text.size(); ++index) {
        // Never split a surrogate pair, so that every word contains whole UTF-8 characters.
        qsizetype length = 1;
        if (text.at(index).isHighSurrogate() && index + 1 < text.size() && text.at(index + 1).isLowSurrogate())
            length = 2;
        const QByteArray bytes = text.mid(index, length).toUtf8();
        index += length - 1;
        if (!chunk.isEmpty() && chunk.size() + bytes.size() > budget) {
            words.append("=?UTF-8?B?" + chunk.toBase64() + "?=");
            chunk.clear();
            // Later words start on their own line after one space.
            budget = std::min(encodedWordBytes, (76 - 1 - 12) / 4 * 3);
        }
        chunk += bytes;
    }
    if (!chunk.isEmpty())
        words.append("=?UTF-8?B?" + chunk.toBase64() + "?=");
    return prefix + words.join("\r\n ");
}

bool needsQuoting(const QString& phrase)
{
    for (const QChar character : phrase) {
        if (u"()<>[]:;@\\,.\""_s.contains(character))
            return true;
    }
    return false;
}

} // namespace

std::expected<Mailbox, QString> parseMailbox(const QString& text)
{
    const QString trimmed = text.trimmed();
    for (const QChar character : trimmed) {
        if (character.category() == QChar::Other_Control)
            return std::unexpected(u"contains a control character"_s);
    }
    Mailbox mailbox;
    const qsizetype open = trimmed.lastIndexOf(u'<');
    if (open >= 0) {
        if (!trimmed.endsWith(u'>'))
            return std::unexpected(u"expected 'Name <user@example.org>' or 'user@example.org'"_s);
        mailbox.address = trimmed.mid(open + 1, trimmed.size() - open - 2).trimmed();
        QString name = trimmed.left(open).trimmed();
        if (name.size() >= 2 && name.startsWith(u'"') && name.endsWith(u'"')) {
            name = name.mid(1, name.size() - 2);
            name.replace(u"\\\""_s, u"\""_s);
            name.replace(u"\\\\"_s, u"\\"_s);
        }
        mailbox.displayName = name;
    } else {
        mailbox.address = trimmed;
    }
    const qsizetype at = mailbox.address.lastIndexOf(u'@');
    const bool hasSpaceOrBracket = std::any_of(mailbox.address.begin(), mailbox.address.end(), [](QChar character) {
        return character.isSpace() || character == u'<' || character == u'>' || character == u',';
    });
    if (at <= 0 || at == mailbox.address.size() - 1 || hasSpaceOrBracket)
        return std::unexpected(u"'%1' is not an e-mail address"_s.arg(mailbox.address));
    return mailbox;
}

QByteArray MailMessage::formatDate(const QDateTime& date)
{
    static const std::array<const char*, 7> days {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const std::array<const char*, 12> months {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDate day = date.date();
    const QTime time = date.time();
    const int offset = date.offsetFromUtc();
    const int absolute = std::abs(offset);
    return QByteArray(days.at(day.dayOfWeek() - 1)) + ", "
           + QByteArray::number(day.day()).rightJustified(2, '0') + ' ' + months.at(day.month() - 1) + ' '
           + QByteArray::number(day.year()) + ' ' + time.toString(u"HH:mm:ss"_s).toLatin1() + ' '
           + (offset < 0 ? '-' : '+') + QByteArray::number(absolute / 3600).rightJustified(2, '0')
           + QByteArray::number((absolute % 3600) / 60).rightJustified(2, '0');
}

QByteArray MailMessage::encodeHeaderText(const QString& text, int usedLength)
{
    const QString clean = sanitizeHeaderText(text);
    const QStringList words = clean.split(u' ', Qt::SkipEmptyParts);
    const bool longWord = std::any_of(words.begin(), words.end(), [](const QString& word) {
        return word.size() > maxPlainWord;
    });
    if (isPrintableAscii(clean) && !longWord)
        return foldPlain(clean, usedLength);
    return encodeWords(clean, usedLength);
}

QByteArray MailMessage::formatMailbox(const Mailbox& mailbox, int usedLength)
{
    const QByteArray address = sanitizeHeaderText(mailbox.address).remove(u' ').toUtf8();
    const QString name = sanitizeHeaderText(mailbox.displayName);
    if (name.isEmpty())
        return address;
    QByteArray phrase;
    if (!isPrintableAscii(name)) {
        phrase = encodeWords(name, usedLength);
    } else if (needsQuoting(name)) {
        QString quoted = name;
        quoted.replace(u"\\"_s, u"\\\\"_s);
        quoted.replace(u"\""_s, u"\\\""_s);
        phrase = '"' + quoted.toLatin1() + '"';
    } else {
        phrase = foldPlain(name, usedLength);
    }
    return phrase + " <" + address + '>';
}

QByteArray MailMessage::toCrlf(const QByteArray& text)
{
    QByteArray result;
    result.reserve(text.size() + text.size() / 20);
    for (qsizetype index = 0; index < text.size(); ++index) {
        const char character = text.at(index);
        if (character == '\r') {
            result += "\r\n";
            if (index + 1 < text.size() && text.at(index + 1) == '\n')
                ++index;
        } else if (character == '\n') {
            result += "\r\n";
        } else {
            result += character;
        }
    }
    return result;
}

QByteArray MailMessage::quotedPrintable(const QByteArray& text)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray result;
    const QByteArrayList lines = text.split('\n');
    for (qsizetype lineIndex = 0; lineIndex < lines.size(); ++lineIndex) {
        QByteArray line = lines.at(lineIndex);
        if (line.endsWith('\r'))
            line.chop(1);
        QByteArray encodedLine;
        int width = 0;
        for (qsizetype index = 0; index < line.size(); ++index) {
            const auto byte = static_cast<unsigned char>(line.at(index));
            const bool atEnd = index == line.size() - 1;
            QByteArray token;
            if ((byte >= 33 && byte <= 126 && byte != '=') || ((byte == ' ' || byte == '\t') && !atEnd))
                token.append(char(byte));
            else
                token.append('=').append(hex[byte >> 4]).append(hex[byte & 0x0f]);
            // RFC 2045 section 6.7: encoded lines are at most 76 characters, the soft break '=' included.
            if (width + token.size() > 75) {
                encodedLine += "=\r\n";
                width = 0;
            }
            encodedLine += token;
            width += int(token.size());
        }
        result += encodedLine;
        if (lineIndex + 1 < lines.size())
            result += "\r\n";
    }
    return result;
}

QByteArray MailMessage::dotStuff(const QByteArray& data)
{
    QByteArray result;
    result.reserve(data.size() + 16);
    bool lineStart = true;
    for (const char character : data) {
        if (lineStart && character == '.')
            result += '.';
        result += character;
        lineStart = character == '\n';
    }
    return result;
}

QString MailMessage::generateMessageId(const QString& fromAddress, const QDateTime& date)
{
    std::array<quint32, 4> random {};
    QRandomGenerator::system()->fillRange(random.data(), random.size());
    const QByteArray token = QByteArray(reinterpret_cast<const char*>(random.data()), sizeof(random)).toHex();
    QString domain = fromAddress.mid(fromAddress.lastIndexOf(u'@') + 1);
    if (domain.isEmpty() || fromAddress.indexOf(u'@') < 0)
        domain = u"gcn-manager.invalid"_s;
    return u"%1.%2@%3"_s.arg(QString::fromLatin1(token)).arg(date.toMSecsSinceEpoch()).arg(domain);
}

QByteArray MailMessage::build(const Parts& parts, TransferEncoding* encoding)
{
    QByteArray body = toCrlf(parts.body.toUtf8());
    if (!body.endsWith("\r\n"))
        body += "\r\n";

    bool ascii = true;
    qsizetype longestLine = 0;
    qsizetype lineLength = 0;
    for (const char character : std::as_const(body)) {
        if (static_cast<unsigned char>(character) >= 0x80 || character == '\0')
            ascii = false;
        if (character == '\n') {
            longestLine = std::max(longestLine, lineLength - 1);
            lineLength = 0;
        } else {
            ++lineLength;
        }
    }
    TransferEncoding chosen = TransferEncoding::QuotedPrintable;
    if (longestLine <= maxLineBytes && ascii)
        chosen = TransferEncoding::SevenBit;
    else if (longestLine <= maxLineBytes && parts.eightBitAllowed && !body.contains('\0'))
        chosen = TransferEncoding::EightBit;
    if (encoding)
        *encoding = chosen;

    QByteArray transferName = "quoted-printable";
    if (chosen == TransferEncoding::SevenBit)
        transferName = "7bit";
    else if (chosen == TransferEncoding::EightBit)
        transferName = "8bit";
    else
        body = quotedPrintable(body);

    QByteArray message;
    message += "Date: " + formatDate(parts.date) + "\r\n";
    message += "From: " + formatMailbox(parts.from, 6) + "\r\n";
    message += "To: " + formatMailbox(Mailbox {{}, parts.to}, 4) + "\r\n";
    message += "Subject: " + encodeHeaderText(parts.subject, 9) + "\r\n";
    message += "Message-ID: <" + sanitizeHeaderText(parts.messageId).remove(u' ').toUtf8() + ">\r\n";
    message += "MIME-Version: 1.0\r\n";
    message += "Content-Type: text/plain; charset=UTF-8\r\n";
    message += "Content-Transfer-Encoding: " + transferName + "\r\n";
    // RFC 3834: an automatic message, so that auto-responders do not reply to it.
    message += "Auto-Submitted: auto-generated\r\n";
    message += "User-Agent: gcn-manager/" GCN_VERSION "\r\n";
    message += "\r\n";
    message += body;
    return message;
}

} // namespace gcn
