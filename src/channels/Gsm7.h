#pragma once

#include <QString>

// The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038), as Unicode text.
namespace gcn::gsm7 {

// Septets of one single-part SMS in the GSM 7-bit alphabet.
constexpr int singlePartSeptets = 160;

// Converts text to characters of the GSM 7-bit alphabet, after NFC normalization. A character outside the
// alphabet is replaced by a close one (ê → e, œ → oe, ’ → ', “ → ", … → ...) when one exists. Otherwise it
// becomes '?', so that no visible character disappears without a trace. Combining diacritics go with their
// base letter, and invisible format characters (zero-width space) are removed.
QString fromUnicode(const QString& text);

// True when every character is in the basic alphabet or its extension table.
bool isEncodable(const QString& text);

// Septets that the text takes in an SMS: 1 for a basic character, 2 for an extension character
// (^ { } \ [ ~ ] | € and form feed). Returns -1 when the text is not encodable.
int septetCount(const QString& text);

} // namespace gcn::gsm7
