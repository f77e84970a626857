#include <QTest>

#include "channels/TwitterText.h"

using namespace Qt::StringLiterals;
using namespace gcn;

namespace {

// True when the UTF-16 text has no unpaired surrogate, so that its UTF-8 form has only whole sequences.
bool hasWholeCodePoints(const QString& text)
{
    for (qsizetype index = 0; index < text.size(); ++index) {
        const QChar character = text.at(index);
        if (character.isHighSurrogate()) {
            if (index + 1 >= text.size() || !text.at(index + 1).isLowSurrogate())
                return false;
            ++index;
        } else if (character.isLowSurrogate()) {
            return false;
        }
    }
    return true;
}

QString repeated(const QString& piece, int times)
{
    QString text;
    for (int index = 0; index < times; ++index)
        text += piece;
    return text;
}

} // namespace

class TestTwitterText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void weightedLength_data();
    void weightedLength();
    void fitWeighted_data();
    void fitWeighted();
    void fitCharacters();
};

void TestTwitterText::weightedLength_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("weight");

    QTest::newRow("ASCII") << u"hello"_s << 5;
    QTest::newRow("Latin accents") << u"café été"_s << 8;
    QTest::newRow("decomposed accent counts once") << u"e\u0301"_s << 1;
    QTest::newRow("CJK weighs 2") << u"日本語"_s << 6;
    QTest::newRow("typographic quotes weigh 1") << u"“x”"_s << 3;
    QTest::newRow("ellipsis weighs 2") << u"…"_s << 2;
    QTest::newRow("single emoji") << u"🚨"_s << 2;
    QTest::newRow("emoji with skin tone") << u"👍🏽"_s << 2;
    QTest::newRow("joined emoji sequence") << u"👨‍👩‍👧"_s << 2;
    QTest::newRow("flag") << u"🇫🇷"_s << 2;
    QTest::newRow("keycap") << u"1\uFE0F\u20E3"_s << 2;
    QTest::newRow("long URL counts 23") << u"see https://example.com/a/very/long/path/that/goes/on/and/on"_s << 4 + 23;
    QTest::newRow("short URL counts 23") << u"https://a.co"_s << 23;
    QTest::newRow("URL without domain counts at least 23") << u"http://localhost:8080/status/of/the/board/now"_s
                                                           << 45;
    QTest::newRow("bare domain counts 23") << u"example.com"_s << 23;
    QTest::newRow("trailing period not in URL") << u"https://example.com/x."_s << 24;
    QTest::newRow("e-mail domain is not a URL start") << u"a@b"_s << 3;
}

void TestTwitterText::weightedLength()
{
    QFETCH(QString, text);
    QFETCH(int, weight);

    QCOMPARE(twittertext::weightedLength(text), weight);
}

void TestTwitterText::fitWeighted_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    const QString ascii = repeated(u"a"_s, 300);
    QTest::newRow("short text unchanged") << u"Door opened"_s << u"Door opened"_s;
    QTest::newRow("exactly 280 unchanged") << repeated(u"b"_s, 280) << repeated(u"b"_s, 280);
    QTest::newRow("ASCII cut with mark") << ascii << repeated(u"a"_s, 278) + u"…"_s;
    QTest::newRow("CJK cut on a character") << repeated(u"門"_s, 200) << repeated(u"門"_s, 139) + u"…"_s;
    QTest::newRow("emoji sequence kept whole") << repeated(u"a"_s, 277) + u"👨‍👩‍👧 and more"_s
                                               << repeated(u"a"_s, 277) + u"…"_s;
    QTest::newRow("surrogate pair kept whole") << repeated(u"a"_s, 277) + u"𝄞𝄞𝄞𝄞"_s
                                               << repeated(u"a"_s, 277) + u"…"_s;
    QTest::newRow("URL kept whole") << repeated(u"a"_s, 260) + u" https://example.com/status and more text"_s
                                    << repeated(u"a"_s, 260) + u"…"_s;
    QTest::newRow("trailing space trimmed") << repeated(u"a"_s, 277) + u" bbbbbbbbbb"_s << repeated(u"a"_s, 277) + u"…"_s;
    QTest::newRow("decomposed text normalized") << u"e\u0301"_s << u"é"_s;
}

void TestTwitterText::fitWeighted()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);

    const QString fitted = twittertext::fitWeighted(text);
    QCOMPARE(fitted, expected);
    QVERIFY(twittertext::weightedLength(fitted) <= twittertext::maxPostWeight);
    QVERIFY(hasWholeCodePoints(fitted));
    QCOMPARE(QString::fromUtf8(fitted.toUtf8()), fitted);
}

void TestTwitterText::fitCharacters()
{
    const QString fitted = twittertext::fitCharacters(repeated(u"x"_s, 10005) + u"😀"_s);
    QCOMPARE(fitted.size(), 10000);
    QVERIFY(fitted.endsWith(u"x…"_s));
    QCOMPARE(twittertext::fitCharacters(u"short"_s), u"short"_s);

    // A surrogate pair at the limit is dropped whole rather than split.
    const QString emojiAtEnd = twittertext::fitCharacters(repeated(u"x"_s, 9998) + u"😀😀😀"_s);
    QCOMPARE(emojiAtEnd, repeated(u"x"_s, 9998) + u"😀…"_s);
    QVERIFY(hasWholeCodePoints(emojiAtEnd));
}

QTEST_GUILESS_MAIN(TestTwitterText)
#include "tst_twittertext.moc"
