#include "channels/TwitterText.h"

#include <algorithm>

#include <QList>
#include <QRegularExpression>
#include <QStringView>
#include <QTextBoundaryFinder>

namespace gcn::twittertext {

using namespace Qt::StringLiterals;

namespace {

constexpr int urlWeight = 23;

// A piece of text that is never cut: one grapheme cluster or one URL.
struct Segment
{
    qsizetype start = 0;
    qsizetype length = 0;
    int weight = 0;
};

int codePointWeight(char32_t codePoint)
{
    const bool light = codePoint <= 0x10FF || (codePoint >= 0x2000 && codePoint <= 0x200D)
                       || (codePoint >= 0x2010 && codePoint <= 0x201F)
                       || (codePoint >= 0x2032 && codePoint <= 0x2037);
    return light ? 1 : 2;
}

bool inRange(char32_t codePoint, char32_t first, char32_t last)
{
    return codePoint >= first && codePoint <= last;
}

// Recognizes a grapheme cluster that is an emoji or an emoji sequence. Characters with a text and an emoji
// form, such as © and ™, count as emoji, which weighs them 2 where X may count 1.
bool isEmojiCluster(const QList<uint>& codePoints)
{
    if (codePoints.isEmpty())
        return false;
    for (const char32_t codePoint : codePoints) {
        if (codePoint == 0xFE0F || codePoint == 0x20E3 || inRange(codePoint, 0x1F3FB, 0x1F3FF)
            || inRange(codePoint, 0x1F1E6, 0x1F1FF) || inRange(codePoint, 0xE0020, 0xE007F)) {
            return true;
        }
    }
    const char32_t first = codePoints.first();
    if (inRange(first, 0x1F000, 0x1FAFF) || inRange(first, 0x2600, 0x27BF) || inRange(first, 0x2300, 0x23FF)
        || inRange(first, 0x2B00, 0x2BFF) || inRange(first, 0x2190, 0x21FF) || inRange(first, 0x25A0, 0x25FF)
        || inRange(first, 0x2900, 0x297F)) {
        return true;
    }
    for (const char32_t single : {0x00A9, 0x00AE, 0x203C, 0x2049, 0x2122, 0x2139, 0x24C2, 0x3030, 0x303D, 0x3297,
                                  0x3299}) {
        if (first == single)
            return true;
    }
    return false;
}

int clusterWeight(QStringView cluster, bool weighted)
{
    const QList<uint> codePoints = cluster.toUcs4();
    if (!weighted)
        return int(codePoints.size());
    if (isEmojiCluster(codePoints))
        return 2;
    int weight = 0;
    for (const char32_t codePoint : codePoints)
        weight += codePointWeight(codePoint);
    return weight;
}

QString trimTrailingPunctuation(const QString& url)
{
    static const QString punctuation = u".,;:!?'\"»”’)]}>"_s;
    qsizetype end = url.size();
    while (end > 0 && punctuation.contains(url.at(end - 1)))
        --end;
    return url.left(end);
}

struct UrlMatch
{
    qsizetype start = 0;
    qsizetype length = 0;
    // True when X surely counts it as 23: an http(s) URL whose host ends in an alphabetic top-level domain.
    bool linked = false;
};

QList<UrlMatch> findUrls(const QString& text)
{
    static const QRegularExpression schemeUrl(u"https?://[^\\s]+"_s, QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression bareDomain(
        u"(?<![\\w@./:-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}(?:[/?#][^\\s]*)?"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression domainHost(u"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}$"_s,
                                               QRegularExpression::CaseInsensitiveOption);

    QList<UrlMatch> urls;
    for (const QRegularExpressionMatch& match : schemeUrl.globalMatch(text)) {
        const QString url = trimTrailingPunctuation(match.captured());
        const qsizetype hostStart = url.indexOf("://"_L1) + 3;
        qsizetype hostEnd = hostStart;
        while (hostEnd < url.size() && !u"/?#:"_s.contains(url.at(hostEnd)))
            ++hostEnd;
        const bool linked = domainHost.match(url.mid(hostStart, hostEnd - hostStart)).hasMatch();
        urls.append({match.capturedStart(), url.size(), linked});
    }
    for (const QRegularExpressionMatch& match : bareDomain.globalMatch(text)) {
        const qsizetype start = match.capturedStart();
        const bool insideSchemeUrl = std::any_of(urls.cbegin(), urls.cend(), [start](const UrlMatch& url) {
            return start >= url.start && start < url.start + url.length;
        });
        if (!insideSchemeUrl)
            urls.append({start, trimTrailingPunctuation(match.captured()).size(), false});
    }
    std::sort(urls.begin(), urls.end(), [](const UrlMatch& a, const UrlMatch& b) { return a.start < b.start; });
    return urls;
}

void appendClusters(const QString& text, qsizetype from, qsizetype to, bool weighted, QList<Segment>& segments)
{
    if (from >= to)
        return;
    const QString piece = text.mid(from, to - from);
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, piece);
    qsizetype start = 0;
    while (finder.toNextBoundary() != -1) {
        const qsizetype end = finder.position();
        segments.append({from + start, end - start, clusterWeight(QStringView(piece).mid(start, end - start), weighted)});
        start = end;
    }
}

QList<Segment> segmentText(const QString& text, bool weighted)
{
    QList<Segment> segments;
    qsizetype position = 0;
    for (const UrlMatch& url : findUrls(text)) {
        if (url.start < position)
            continue;
        appendClusters(text, position, url.start, weighted, segments);
        int weight = 0;
        for (const char32_t codePoint : QStringView(text).mid(url.start, url.length).toUcs4())
            weight += weighted ? codePointWeight(codePoint) : 1;
        if (weighted)
            weight = url.linked ? urlWeight : std::max(urlWeight, weight);
        segments.append({url.start, url.length, weight});
        position = url.start + url.length;
    }
    appendClusters(text, position, text.size(), weighted, segments);
    return segments;
}

QString fit(const QString& text, int maxWeight, bool weighted)
{
    const QString normalized = text.normalized(QString::NormalizationForm_C);
    const QList<Segment> segments = segmentText(normalized, weighted);
    int total = 0;
    for (const Segment& segment : segments)
        total += segment.weight;
    if (total <= maxWeight)
        return normalized;

    const int budget = maxWeight - (weighted ? codePointWeight(cutMark) : 1);
    int used = 0;
    qsizetype end = 0;
    for (const Segment& segment : segments) {
        if (used + segment.weight > budget)
            break;
        used += segment.weight;
        end = segment.start + segment.length;
    }
    QString cut = normalized.left(end);
    while (!cut.isEmpty() && cut.back().isSpace())
        cut.chop(1);
    return cut + QChar(cutMark);
}

} // namespace

int weightedLength(const QString& text)
{
    int total = 0;
    for (const Segment& segment : segmentText(text.normalized(QString::NormalizationForm_C), true))
        total += segment.weight;
    return total;
}

QString fitWeighted(const QString& text, int maxWeight)
{
    return fit(text, maxWeight, true);
}

QString fitCharacters(const QString& text, int maxCharacters)
{
    return fit(text, maxCharacters, false);
}

} // namespace gcn::twittertext
