#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace gcn::test {

// A received e-mail split for assertions: unfolded headers with RFC 2047 words decoded, and the body
// decoded from its Content-Transfer-Encoding (7bit, 8bit or quoted-printable) as UTF-8.
struct ParsedMail
{
    QByteArray raw;
    QByteArray rawHeaders;
    QByteArray rawBody;
    // Header names in lower case; the value of the first header of each name.
    QMap<QByteArray, QString> headers;
    QList<QByteArray> headerNames;
    QString body;

    QString header(const char* name) const { return headers.value(QByteArray(name).toLower()); }
    static ParsedMail parse(const QByteArray& message);
    // Decodes "=?UTF-8?B?...?=" and "=?UTF-8?Q?...?=" words; the whitespace between two words is dropped.
    static QString decodeHeader(const QByteArray& value);
    static QByteArray decodeQuotedPrintable(const QByteArray& text);
};

} // namespace gcn::test
