#include "channels/Gsm7.h"

#include <QHash>
#include <QStringView>
#include <QTextBoundaryFinder>

namespace gcn::gsm7 {

using namespace Qt::StringLiterals;

namespace {

// The 128 characters of the default alphabet in code order, with U+001B for the escape to the extension
// table (3GPP TS 23.038 section 6.2.1). Position 0x09 is 'Ç', as in the current specification.
const QString basicAlphabet = u"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                              "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"_s;

// Characters of the extension table, each sent as the escape plus one septet.
const QString extensionAlphabet = u"\f^{}\\[~]|€"_s;

bool isBasic(char32_t codePoint)
{
    return codePoint != 0x1B && codePoint <= 0xFFFF && basicAlphabet.contains(QChar(char16_t(codePoint)));
}

bool isExtension(char32_t codePoint)
{
    return codePoint <= 0xFFFF && extensionAlphabet.contains(QChar(char16_t(codePoint)));
}

bool isEncodableCodePoint(char32_t codePoint)
{
    return isBasic(codePoint) || isExtension(codePoint);
}

// Close replacements for characters that Unicode compatibility decomposition does not reduce to the
// alphabet: typographic punctuation, spaces, letters without a decomposition, Greek capitals that look
// like Latin ones, and a plain transliteration of Cyrillic.
const QHash<char32_t, QString>& replacements()
{
    static const QHash<char32_t, QString> table = [] {
        QHash<char32_t, QString> map;
        auto add = [&map](const QString& characters, const QString& replacement) {
            for (const char32_t codePoint : characters.toUcs4())
                map.insert(codePoint, replacement);
        };
        add(u"ç"_s, u"Ç"_s);
        add(u"œ"_s, u"oe"_s);
        add(u"Œ"_s, u"OE"_s);
        add(u"ẞ"_s, u"SS"_s);
        add(u"ł"_s, u"l"_s);
        add(u"Ł"_s, u"L"_s);
        add(u"đð"_s, u"d"_s);
        add(u"ĐÐ"_s, u"D"_s);
        add(u"ı"_s, u"i"_s);
        add(u"þ"_s, u"th"_s);
        add(u"Þ"_s, u"TH"_s);
        add(u"‘’‚‛′`´"_s, u"'"_s);
        add(u"“”„‟«»″"_s, u"\""_s);
        add(u"‹"_s, u"<"_s);
        add(u"›"_s, u">"_s);
        add(u"‐‑‒–—―−"_s, u"-"_s);
        add(u"…"_s, u"..."_s);
        add(u"\t\u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000"_s,
            u" "_s);
        add(u"•"_s, u"*"_s);
        add(u"·"_s, u"."_s);
        add(u"×"_s, u"x"_s);
        add(u"÷⁄∕"_s, u"/"_s);
        add(u"¢"_s, u"c"_s);
        add(u"©"_s, u"(c)"_s);
        add(u"®"_s, u"(R)"_s);
        add(u"→"_s, u"->"_s);
        add(u"←"_s, u"<-"_s);
        add(u"≤"_s, u"<="_s);
        add(u"≥"_s, u">="_s);
        add(u"≠"_s, u"!="_s);

        const QString greekLatinLookalikes = u"ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ"_s;
        const QString latinLetters = u"ABEZHIKMNOPTYX"_s;
        for (qsizetype index = 0; index < greekLatinLookalikes.size(); ++index)
            map.insert(greekLatinLookalikes.at(index).unicode(), latinLetters.at(index));

        const QString cyrillic = u"абвгдеёжзийклмнопрстуфхцчшщъыьэюя"_s;
        const QStringList latin {u"a"_s,  u"b"_s,  u"v"_s, u"g"_s,  u"d"_s,    u"e"_s, u"e"_s, u"zh"_s, u"z"_s,
                                 u"i"_s,  u"y"_s,  u"k"_s, u"l"_s,  u"m"_s,    u"n"_s, u"o"_s, u"p"_s,  u"r"_s,
                                 u"s"_s,  u"t"_s,  u"u"_s, u"f"_s,  u"kh"_s,   u"ts"_s, u"ch"_s, u"sh"_s,
                                 u"shch"_s, u"\""_s, u"y"_s, u"'"_s, u"e"_s, u"yu"_s, u"ya"_s};
        for (qsizetype index = 0; index < cyrillic.size(); ++index) {
            const QString lower = latin.at(index);
            map.insert(cyrillic.at(index).unicode(), lower);
            QString upper = lower;
            if (upper.front().isLetter())
                upper.front() = upper.front().toUpper();
            map.insert(cyrillic.at(index).toUpper().unicode(), upper);
        }
        return map;
    }();
    return table;
}

// Replacement of one code point, or a null string when there is none.
QString replaceCodePoint(char32_t codePoint)
{
    if (isEncodableCodePoint(codePoint))
        return QString::fromUcs4(&codePoint, 1);
    if (const auto found = replacements().constFind(codePoint); found != replacements().cend())
        return *found;
    // Lower-case Greek letters go through their capitals, which are in the alphabet (δ → Δ) or look like
    // Latin ones (α → Α → A).
    const char32_t upper = QChar::toUpper(codePoint);
    if (QChar::script(codePoint) == QChar::Script_Greek && upper != codePoint)
        return replaceCodePoint(upper);
    return {};
}

bool isDiacriticOrFormat(char32_t codePoint)
{
    switch (QChar::category(codePoint)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
    case QChar::Other_Format:
        return true;
    default:
        return false;
    }
}

// Converts one grapheme cluster: a base character with the marks that follow it.
QString convertCluster(QStringView cluster)
{
    const QList<uint> codePoints = cluster.toUcs4();
    if (codePoints.size() == 1) {
        if (const QString replaced = replaceCodePoint(codePoints.first()); !replaced.isNull())
            return replaced;
    }

    // Compatibility decomposition splits accented letters (ê → e + ^), ligatures (ﬁ → fi), full-width and
    // superscript forms (² → 2). The marks are dropped, and the rest is converted code point by code point.
    QString converted;
    bool visible = false;
    for (const char32_t codePoint : cluster.toString().normalized(QString::NormalizationForm_KD).toUcs4()) {
        const QChar::Category category = QChar::category(codePoint);
        if (isDiacriticOrFormat(codePoint)) {
            visible = visible || category != QChar::Other_Format;
            continue;
        }
        visible = true;
        const QString replaced = replaceCodePoint(codePoint);
        if (replaced.isNull())
            return u"?"_s;
        converted += replaced;
    }
    // A cluster of invisible format characters (a zero-width space) converts to nothing; a lone
    // combining mark becomes '?'.
    if (converted.isEmpty() && visible)
        return u"?"_s;
    return converted;
}

} // namespace

QString fromUnicode(const QString& text)
{
    const QString normalized = text.normalized(QString::NormalizationForm_C);
    QString converted;
    converted.reserve(normalized.size());
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, normalized);
    qsizetype start = 0;
    while (finder.toNextBoundary() != -1) {
        const qsizetype end = finder.position();
        converted += convertCluster(QStringView(normalized).mid(start, end - start));
        start = end;
    }
    return converted;
}

bool isEncodable(const QString& text)
{
    return septetCount(text) >= 0;
}

int septetCount(const QString& text)
{
    int septets = 0;
    for (const char32_t codePoint : text.toUcs4()) {
        if (isBasic(codePoint))
            septets += 1;
        else if (isExtension(codePoint))
            septets += 2;
        else
            return -1;
    }
    return septets;
}

} // namespace gcn::gsm7
