#include "notifications/Recipients.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <string>

#include "notifications/NotificationLog.h"

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

// RFC 5322 dot-atom local part, ASCII only: a non-ASCII local part needs SMTPUTF8, which many
// servers do not offer.
const QRegularExpression localPartPattern(uR"(^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$)"_s);
const QRegularExpression domainLabelPattern(u"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"_s);
const QRegularExpression handlePattern(u"^@[A-Za-z0-9_]{4,15}$"_s);
const QRegularExpression phoneSeparators(u"[ .()\\-]"_s);
const QRegularExpression phoneDigits(u"^\\+[0-9]{2,17}$"_s);
const QString desktopAddress = u"desktop"_s;

std::expected<Recipient, QString> parseEmail(const QString& entry)
{
    const qsizetype at = entry.lastIndexOf(u'@');
    const QString localPart = entry.left(at);
    const QString domain = entry.mid(at + 1);
    if (localPart.isEmpty() || localPart.size() > 64 || !localPartPattern.match(localPart).hasMatch()) {
        return std::unexpected(
            u"the part before '@' is not a valid e-mail local part (ASCII letters, digits, dots and "
            "!#$%&'*+/=?^_`{|}~- only, at most 64 characters)"_s);
    }
    QString asciiDomain = QString::fromLatin1(QUrl::toAce(domain, QUrl::AceTransitionalProcessing)).toLower();
    if (asciiDomain.endsWith(u'.'))
        asciiDomain.chop(1);
    const QStringList labels = asciiDomain.split(u'.');
    const bool labelsValid = std::all_of(labels.begin(), labels.end(), [](const QString& label) {
        return domainLabelPattern.match(label).hasMatch();
    });
    if (asciiDomain.isEmpty() || asciiDomain.size() > 253 || !labelsValid)
        return std::unexpected(u"'%1' is not a valid domain name"_s.arg(domain));
    const QString address = localPart + u'@' + asciiDomain;
    if (address.size() > 254)
        return std::unexpected(u"an e-mail address has at most 254 characters"_s);
    return Recipient {Channel::Email, address};
}

std::expected<Recipient, QString> parsePhone(const QString& entry)
{
    QString compact = entry;
    compact.remove(phoneSeparators);
    if (!phoneDigits.match(compact).hasMatch()) {
        return std::unexpected(
            u"a phone number must be in international E.164 form: '+', the country code, then digits, "
            "e.g. +33600000000"_s);
    }
    using i18n::phonenumbers::PhoneNumber;
    using i18n::phonenumbers::PhoneNumberUtil;
    const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    const std::string input = compact.toStdString();
    if (util->Parse(input, "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR)
        return std::unexpected(u"not a phone number libphonenumber can parse; use E.164 form, e.g. +33600000000"_s);
    if (!util->IsValidNumber(number)) {
        return std::unexpected(
            u"not a valid phone number for its country code (checked with libphonenumber); "
            "use E.164 form, e.g. +33600000000"_s);
    }
    std::string formatted;
    util->Format(number, PhoneNumberUtil::E164, &formatted);
    return Recipient {Channel::Sms, QString::fromStdString(formatted)};
}

// Key under which two entries count as the same recipient: X handles are case-insensitive.
QString deduplicationKey(const Recipient& recipient)
{
    const QString address = recipient.channel == Channel::Twitter ? recipient.address.toLower() : recipient.address;
    return channelName(recipient.channel) + u':' + address;
}

QString describeOption(const QString& name)
{
    const OptionSpec* spec = findOption(name);
    if (!spec || spec->envVar.isEmpty())
        return u"--"_s + name;
    return u"--%1 (%2)"_s.arg(name, spec->envVar);
}

struct ListSource
{
    EventType type;
    const QStringList* entries;
};

} // namespace

std::expected<Recipient, QString> parseRecipient(const QString& entry)
{
    const QString trimmed = entry.trimmed();
    if (trimmed.isEmpty())
        return std::unexpected(u"empty recipient"_s);
    const bool hasControl = std::any_of(trimmed.begin(), trimmed.end(), [](QChar character) {
        return character.category() == QChar::Other_Control;
    });
    if (hasControl)
        return std::unexpected(u"a recipient must not contain control characters"_s);
    const bool hasSpace = std::any_of(trimmed.begin(), trimmed.end(), [](QChar character) { return character.isSpace(); });
    if (hasSpace && !trimmed.startsWith(u'+'))
        return std::unexpected(u"only a phone number may contain spaces"_s);
    if (trimmed.compare(desktopAddress, Qt::CaseInsensitive) == 0)
        return Recipient {Channel::Desktop, desktopAddress};
    if (trimmed.startsWith(u'@')) {
        if (!handlePattern.match(trimmed).hasMatch())
            return std::unexpected(u"an X handle is '@' followed by 4 to 15 letters, digits or '_'"_s);
        return Recipient {Channel::Twitter, trimmed};
    }
    if (trimmed.startsWith(u'+'))
        return parsePhone(trimmed);
    if (trimmed.contains(u'@'))
        return parseEmail(trimmed);
    return std::unexpected(
        u"not an e-mail address (user@example.org), an international phone number (+33600000000), "
        "an X handle (@name) or the word 'desktop' (desktop alerts of gcn-manager-tray)"_s);
}

std::expected<QList<Recipient>, ConfigError> parseRecipientList(const QStringList& entries, const QString& option)
{
    QList<Recipient> result;
    QSet<QString> seen;
    for (const QString& entry : entries) {
        const QString trimmed = entry.trimmed();
        if (trimmed.isEmpty())
            continue;
        const std::expected<Recipient, QString> recipient = parseRecipient(trimmed);
        if (!recipient)
            return std::unexpected(ConfigError {option, trimmed, recipient.error()});
        const QString key = deduplicationKey(*recipient);
        if (seen.contains(key)) {
            qCDebug(lcNotify) << "dropping duplicate recipient" << trimmed << "in" << option;
            continue;
        }
        seen.insert(key);
        result.append(*recipient);
    }
    return result;
}

QString RoutingTable::optionFor(EventType type, const NotificationSettings& settings)
{
    switch (type) {
    case EventType::ManagerStarting:
        return describeOption(u"notify-manager-starting-recipients"_s);
    case EventType::ManagerStillConnecting:
        return describeOption(u"notify-manager-still-connecting-recipients"_s);
    case EventType::ManagerConnected:
        return describeOption(u"notify-manager-connected-recipients"_s);
    case EventType::ManagerDisconnected:
        return describeOption(u"notify-manager-disconnected-recipients"_s);
    case EventType::ManagerExiting:
        return describeOption(u"notify-manager-exiting-recipients"_s);
    case EventType::BoardHeartbeatSkewed:
        return describeOption(u"notify-client-skewed-heartbeat-recipients"_s);
    case EventType::BoardHeartbeatMissed:
        return describeOption(u"notify-client-missed-heartbeat-recipients"_s);
    case EventType::BoardDroppedItems:
        return describeOption(u"notify-client-dropped-items-recipients"_s);
    case EventType::BoardStatusOnline:
        return describeOption(u"notify-client-status-change-online-recipients"_s);
    case EventType::BoardStatusOffline:
        return describeOption(u"notify-client-status-change-offline-recipients"_s);
    case EventType::GpioUp:
        return describeOption(u"notify-client-gpio-change-up-recipients"_s);
    case EventType::GpioDown:
        return describeOption(u"notify-client-gpio-change-down-recipients"_s);
    case EventType::BoardHeartbeatResumed:
        return settings.clientHeartbeatResumedSet
                   ? describeOption(u"notify-client-heartbeat-resumed-recipients"_s)
                   : describeOption(u"notify-client-missed-heartbeat-recipients"_s);
    case EventType::BoardSkewRecovered:
        return settings.clientSkewRecoveredSet ? describeOption(u"notify-client-skew-recovered-recipients"_s)
                                               : describeOption(u"notify-client-skewed-heartbeat-recipients"_s);
    case EventType::PeerManagerOffline:
        return describeOption(u"notify-peer-manager-offline-recipients"_s);
    }
    return {};
}

std::expected<RoutingTable, ConfigError> RoutingTable::fromSettings(const NotificationSettings& settings,
                                                                    QStringList* warnings)
{
    RoutingTable table;
    table.m_emailEnabled = settings.enableEmail;
    table.m_smsEnabled = settings.enableSms;
    table.m_twitterEnabled = settings.enableTwitter;
    table.m_desktopEnabled = settings.enableDesktop;

    const QList<ListSource> sources {
        {EventType::ManagerStarting, &settings.managerStarting},
        {EventType::ManagerStillConnecting, &settings.managerStillConnecting},
        {EventType::ManagerConnected, &settings.managerConnected},
        {EventType::ManagerDisconnected, &settings.managerDisconnected},
        {EventType::ManagerExiting, &settings.managerExiting},
        {EventType::BoardHeartbeatSkewed, &settings.clientSkewedHeartbeat},
        {EventType::BoardHeartbeatMissed, &settings.clientMissedHeartbeat},
        {EventType::BoardDroppedItems, &settings.clientDroppedItems},
        {EventType::BoardStatusOnline, &settings.clientStatusOnline},
        {EventType::BoardStatusOffline, &settings.clientStatusOffline},
        {EventType::GpioUp, &settings.clientGpioUp},
        {EventType::GpioDown, &settings.clientGpioDown},
        {EventType::BoardHeartbeatResumed,
         settings.clientHeartbeatResumedSet ? &settings.clientHeartbeatResumed : &settings.clientMissedHeartbeat},
        {EventType::BoardSkewRecovered,
         settings.clientSkewRecoveredSet ? &settings.clientSkewRecovered : &settings.clientSkewedHeartbeat},
        {EventType::PeerManagerOffline, &settings.peerManagerOffline},
    };

    QSet<QString> warnedOptions;
    for (const ListSource& source : sources) {
        const QString option = optionFor(source.type, settings);
        std::expected<QList<Recipient>, ConfigError> parsed = parseRecipientList(*source.entries, option);
        if (!parsed)
            return std::unexpected(parsed.error());
        table.m_routes.insert(source.type, *parsed);

        if (parsed->isEmpty() || warnedOptions.contains(option))
            continue;
        QStringList disabled;
        bool anyEnabled = false;
        for (const Recipient& recipient : std::as_const(*parsed)) {
            if (table.isChannelEnabled(recipient.channel))
                anyEnabled = true;
            else if (!disabled.contains(channelName(recipient.channel)))
                disabled.append(channelName(recipient.channel));
        }
        if (anyEnabled)
            continue;
        warnedOptions.insert(option);
        const QString warning =
            u"%1 names only recipients of disabled channels (%2); nobody on it will be notified until "
            "the channel is enabled"_s.arg(option, disabled.join(u", "_s));
        qCWarning(lcNotify).noquote() << warning;
        if (warnings)
            warnings->append(warning);
    }
    return table;
}

QList<Recipient> RoutingTable::recipients(EventType type) const
{
    return m_routes.value(type);
}

bool RoutingTable::isChannelEnabled(Channel channel) const
{
    switch (channel) {
    case Channel::Email:
        return m_emailEnabled;
    case Channel::Sms:
        return m_smsEnabled;
    case Channel::Twitter:
        return m_twitterEnabled;
    case Channel::Desktop:
        return m_desktopEnabled;
    }
    return false;
}

void RoutingTable::setChannelEnabled(Channel channel, bool enabled)
{
    switch (channel) {
    case Channel::Email:
        m_emailEnabled = enabled;
        break;
    case Channel::Sms:
        m_smsEnabled = enabled;
        break;
    case Channel::Twitter:
        m_twitterEnabled = enabled;
        break;
    case Channel::Desktop:
        m_desktopEnabled = enabled;
        break;
    }
}

void RoutingTable::setRecipients(EventType type, const QList<Recipient>& recipients)
{
    m_routes.insert(type, recipients);
}

} // namespace gcn
