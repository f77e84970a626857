#pragma once

#include <QString>

// Length rules of texts sent to X, after twitter-text's configuration v3 (config/v3.json). The text is
// NFC-normalized. A code point in U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F or U+2032–U+2037 weighs 1,
// and any other weighs 2. An emoji, including a sequence joined by U+200D or with modifiers, weighs 2 in
// total. A URL weighs 23 whatever its length.
namespace gcn::twittertext {

// Weighted length limit of a post.
constexpr int maxPostWeight = 280;
// Character limit of a direct message.
constexpr int maxDirectMessageLength = 10000;
// Appended to a text that was cut.
inline constexpr char16_t cutMark = u'…';

// Weighted length of the text as X counts it for a post.
//
// NOTE: URLs are found with a simpler pattern than twitter-text's. A URL counts 23 only when its host ends
// in an alphabetic top-level domain, and max(23, its own weight) otherwise, so that the count errs on the
// long side. An http(s) URL with an unknown top-level domain, which X does not link, still counts 23.
int weightedLength(const QString& text);

// The NFC form of the text when its weighted length is within maxWeight, otherwise its longest prefix that
// ends on a grapheme cluster boundary outside any URL, without trailing white space, followed by "…" and
// within maxWeight.
QString fitWeighted(const QString& text, int maxWeight = maxPostWeight);

// As fitWeighted(), with every code point weighing 1 and URLs counted as written (direct messages).
QString fitCharacters(const QString& text, int maxCharacters = maxDirectMessageLength);

} // namespace gcn::twittertext
