#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <expected>

namespace gcn {

// A mailbox as written in a From header: an optional display name and an address.
struct Mailbox
{
    QString displayName;
    QString address;
};

// Parses "Name <user@example.org>", "\"Name, Inc.\" <user@example.org>" or "user@example.org".
// Rejects control characters (a CR or LF would inject headers) and addresses without '@'.
std::expected<Mailbox, QString> parseMailbox(const QString& text);

// Builds RFC 5322 / MIME messages with CRLF line ends: text/plain in UTF-8, headers sanitized and
// RFC 2047-encoded where they hold non-ASCII text.
class MailMessage
{
public:
    enum class TransferEncoding { SevenBit, EightBit, QuotedPrintable };

    struct Parts
    {
        Mailbox from;
        QString to;
        QString subject;
        QString body;
        // Shown in the Date header with its UTC offset.
        QDateTime date;
        // Without angle brackets, e.g. "1a2b3c@example.org".
        QString messageId;
        // The server offered 8BITMIME, so non-ASCII text may go unencoded.
        bool eightBitAllowed = false;
    };

    // The message without dot-stuffing; `encoding` receives the Content-Transfer-Encoding chosen:
    // 7bit for ASCII, 8bit for UTF-8 when allowed, quoted-printable otherwise or for lines over 998 bytes.
    static QByteArray build(const Parts& parts, TransferEncoding* encoding = nullptr);

    // "Fri, 04 Dec 2026 17:02:11 +0100" (RFC 5322 section 3.3), English names whatever the locale.
    static QByteArray formatDate(const QDateTime& date);
    // A header value: unchanged when printable ASCII, else RFC 2047 "=?UTF-8?B?...?=" words of at most
    // 75 characters on folded lines. CR, LF and other control characters become spaces first.
    // `usedLength` is what precedes the value on its first line ("Subject: " is 9).
    static QByteArray encodeHeaderText(const QString& text, int usedLength);
    // Display name and address for From/To: a quoted-string or encoded-words, then <address>.
    static QByteArray formatMailbox(const Mailbox& mailbox, int usedLength);
    static QByteArray quotedPrintable(const QByteArray& text);
    // Doubles a '.' at the start of each line (RFC 5321 section 4.5.2) of a CRLF text.
    static QByteArray dotStuff(const QByteArray& data);
    // Converts CR, LF and CRLF line ends to CRLF.
    static QByteArray toCrlf(const QByteArray& text);
    // An id for the Message-ID header: random hex, the time and the sender's domain.
    static QString generateMessageId(const QString& fromAddress, const QDateTime& date);
};

} // namespace gcn
