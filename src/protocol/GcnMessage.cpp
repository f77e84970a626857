#include "protocol/GcnMessage.h"

namespace gcn {

using namespace Qt::StringLiterals;

QString ParseError::toString() const
{
    return u"invalid message on topic '%1': %2"_s.arg(topic, message);
}

QString printableText(QStringView text, qsizetype maxChars)
{
    QString out;
    const qsizetype shown = qMin(text.size(), qMax<qsizetype>(maxChars, 0));
    out.reserve(shown + 8);
    for (qsizetype i = 0; i < shown; ++i) {
        const QChar c = text.at(i);
        const char16_t code = c.unicode();
        if (c.isHighSurrogate() && i + 1 < shown && text.at(i + 1).isLowSurrogate()) {
            out += c;
            out += text.at(++i);
            continue;
        }
        const bool control = code < 0x20 || (code >= 0x7F && code < 0xA0);
        if (control || c.isSurrogate() || code == 0xFFFD)
            out += u"\\u{%1}"_s.arg(uint(code), 4, 16, QChar(u'0'));
        else
            out += c;
    }
    if (shown < text.size())
        out += u"..."_s;
    return out;
}

} // namespace gcn
