#include "channels/PhoneNumbers.h"

#include <set>
#include <string>

#include <phonenumbers/phonenumberutil.h>

namespace gcn::phone {

using namespace Qt::StringLiterals;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

std::expected<ParsedNumber, QString> parseInternational(const QString& number)
{
    QString international = number.trimmed();
    if (international.startsWith("00"_L1))
        international = u'+' + international.mid(2);
    if (!international.startsWith(u'+'))
        return std::unexpected(u"'%1' is not an international number; write it as +<country code><number>"_s.arg(number));

    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    PhoneNumber parsed;
    // "ZZ" is libphonenumber's unknown region: the number must carry its own country code.
    if (util.Parse(international.toStdString(), "ZZ", &parsed) != PhoneNumberUtil::NO_PARSING_ERROR)
        return std::unexpected(u"'%1' is not a phone number"_s.arg(number));
    if (!util.IsValidNumber(parsed))
        return std::unexpected(u"'%1' is not a valid phone number of any region"_s.arg(number));

    std::string region;
    util.GetRegionCodeForNumber(parsed, &region);
    std::string e164;
    util.Format(parsed, PhoneNumberUtil::E164, &e164);
    return ParsedNumber {QString::fromStdString(e164), QString::fromStdString(region)};
}

bool isKnownRegion(const QString& regionCode)
{
    std::set<std::string> regions;
    PhoneNumberUtil::GetInstance()->GetSupportedRegions(&regions);
    return regions.contains(regionCode.toStdString());
}

} // namespace gcn::phone
