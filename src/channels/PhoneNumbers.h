#pragma once

#include <expected>

#include <QString>
#include <QStringList>

// Phone numbers of SMS recipients, checked with Google's libphonenumber.
namespace gcn::phone {

struct ParsedNumber
{
    // The number in E.164 form, e.g. +33612345678.
    QString e164;
    // ISO 3166-1 region of the number, e.g. FR; for a country code shared by several regions (+1, +7, +44)
    // the region that the number itself belongs to.
    QString region;
};

// Parses an international number (+33 6 12 34 56 78 or 0033612345678) and checks that it is a valid
// number of a known region.
std::expected<ParsedNumber, QString> parseInternational(const QString& number);

// True when libphonenumber has metadata for the region code (upper case, e.g. FR).
bool isKnownRegion(const QString& regionCode);

} // namespace gcn::phone
