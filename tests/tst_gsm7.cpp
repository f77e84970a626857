#include <QTest>

#include "channels/Gsm7.h"

using namespace Qt::StringLiterals;
using namespace gcn;

class TestGsm7 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromUnicode_data();
    void fromUnicode();
    void septetCount_data();
    void septetCount();
    void everyBmpCharacterConverts();
};

void TestGsm7::fromUnicode_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("ASCII unchanged") << u"Door opened at 10:42, board #3 (garage)"_s
                                     << u"Door opened at 10:42, board #3 (garage)"_s;
    QTest::newRow("GSM accented letters kept") << u"é è à ù ì ò É Ä Ö Ñ Ü ä ö ñ ü ß Å å Ø ø Æ æ"_s
                                               << u"é è à ù ì ò É Ä Ö Ñ Ü ä ö ñ ü ß Å å Ø ø Æ æ"_s;
    QTest::newRow("other diacritics dropped") << u"fenêtre côté île où naïve Ålesund á í ó ú ã õ"_s
                                              << u"fenetre coté ile où naive Ålesund a i o u a o"_s;
    QTest::newRow("capital accents dropped") << u"À Ê Î Ô Û Ë Ï"_s << u"A E I O U E I"_s;
    QTest::newRow("c cedilla to capital") << u"garçon Ça"_s << u"garÇon Ça"_s;
    QTest::newRow("ligatures spelled out") << u"cœur Œuvre ﬁn"_s << u"coeur OEuvre fin"_s;
    QTest::newRow("typographic apostrophes") << u"l’entrée ‘A’ `b´"_s << u"l'entrée 'A' 'b'"_s;
    QTest::newRow("typographic quotes") << u"“garage” „x“ «porte» ″"_s << u"\"garage\" \"x\" \"porte\" \""_s;
    QTest::newRow("dashes and ellipsis") << u"A – B — C … D−E"_s << u"A - B - C ... D-E"_s;
    QTest::newRow("special spaces and tab") << u"10\u00A0h\u202F30\tok\u2009!"_s << u"10 h 30 ok !"_s;
    QTest::newRow("decomposed accent composed") << u"e\u0301te\u0301"_s << u"été"_s;
    QTest::newRow("decomposed accent on other letter") << u"a\u0301 q\u0303"_s << u"a q"_s;
    QTest::newRow("extension characters kept") << u"€ [x] {y} ^ ~ | \\"_s << u"€ [x] {y} ^ ~ | \\"_s;
    QTest::newRow("line breaks kept") << u"a\nb\r\nc"_s << u"a\nb\r\nc"_s;
    QTest::newRow("emoji becomes one question mark") << u"Alarm 🚨!"_s << u"Alarm ?!"_s;
    QTest::newRow("emoji with skin tone") << u"ok 👍🏽"_s << u"ok ?"_s;
    QTest::newRow("emoji joined sequence") << u"👨‍👩‍👧"_s << u"?"_s;
    QTest::newRow("flag") << u"🇫🇷"_s << u"?"_s;
    QTest::newRow("CJK characters") << u"門 開"_s << u"? ?"_s;
    QTest::newRow("degree sign") << u"20°C"_s << u"20?C"_s;
    QTest::newRow("Greek capitals in alphabet") << u"ΔΦΓΛΩΠΨΣΘΞ"_s << u"ΔΦΓΛΩΠΨΣΘΞ"_s;
    QTest::newRow("Greek lower case to capitals") << u"δ ω σ ς"_s << u"Δ Ω Σ Σ"_s;
    QTest::newRow("Greek like Latin") << u"α Β ο"_s << u"A B O"_s;
    QTest::newRow("Cyrillic transliterated") << u"Дверь открыта Щука"_s << u"Dver' otkryta Shchuka"_s;
    QTest::newRow("full-width and superscript") << u"ＡＢ² ½"_s << u"AB2 1/2"_s;
    QTest::newRow("zero-width space removed") << u"a\u200Bb"_s << u"ab"_s;
    QTest::newRow("letters without decomposition") << u"Łódź đ þ"_s << u"Lodz d th"_s;
    QTest::newRow("symbols spelled out") << u"© ® ™ → ≤ •"_s << u"(c) (R) TM -> <= *"_s;
    QTest::newRow("empty text") << QString() << QString();
}

void TestGsm7::fromUnicode()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);

    const QString converted = gsm7::fromUnicode(input);
    QCOMPARE(converted, expected);
    QVERIFY(gsm7::isEncodable(converted));
}

void TestGsm7::septetCount_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("septets");

    QTest::newRow("basic letters") << u"abc"_s << 3;
    QTest::newRow("accented basic letter") << u"é"_s << 1;
    QTest::newRow("euro is an extension") << u"€"_s << 2;
    QTest::newRow("brackets are extensions") << u"[]{}"_s << 8;
    QTest::newRow("line feed") << u"\n"_s << 1;
    QTest::newRow("escape is not text") << u"\u001B"_s << -1;
    QTest::newRow("circumflex letter") << u"ê"_s << -1;
    QTest::newRow("emoji") << u"🚨"_s << -1;
    QTest::newRow("single part maximum") << QString(160, u'a') << 160;
}

void TestGsm7::septetCount()
{
    QFETCH(QString, text);
    QFETCH(int, septets);

    QCOMPARE(gsm7::septetCount(text), septets);
    QCOMPARE(gsm7::isEncodable(text), septets >= 0);
}

void TestGsm7::everyBmpCharacterConverts()
{
    // Each character of the Basic Multilingual Plane outside the surrogates converts to encodable text,
    // and only invisible format characters convert to nothing.
    for (char32_t codePoint = 1; codePoint <= 0xFFFF; ++codePoint) {
        if (codePoint >= 0xD800 && codePoint <= 0xDFFF)
            continue;
        const QString input = QString::fromUcs4(&codePoint, 1);
        const QString converted = gsm7::fromUnicode(input);
        QVERIFY2(gsm7::isEncodable(converted), qPrintable(u"U+%1"_s.arg(uint(codePoint), 4, 16, QChar(u'0'))));
        if (converted.isEmpty()) {
            QVERIFY2(QChar::category(codePoint) == QChar::Other_Format,
                     qPrintable(u"U+%1 vanished"_s.arg(uint(codePoint), 4, 16, QChar(u'0'))));
        }
    }
}

QTEST_GUILESS_MAIN(TestGsm7)
#include "tst_gsm7.moc"
