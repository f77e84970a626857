#include "supervision/Naming.h"

#include <QStringList>

#include "protocol/Topics.h"

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

const QString aliasOption = u"--client-alias (GCN_CLIENT_ALIASES)"_s;
const QString labelOption = u"--client-gpio-label (GCN_CLIENT_GPIO_LABELS)"_s;

bool hasControlCharacter(const QString& text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7F)
            return true;
    }
    return false;
}

// A name shown to people: non-empty after trimming and free of control characters.
bool isDisplayName(const QString& text)
{
    return !text.isEmpty() && !hasControlCharacter(text);
}

} // namespace

std::expected<Naming, ConfigError> Naming::fromSettings(const SupervisionSettings& settings)
{
    Naming naming;

    for (const QString& entry : settings.boardAliases) {
        const qsizetype equals = entry.indexOf(u'=');
        const QString mac = entry.left(qMax<qsizetype>(equals, 0)).trimmed();
        const QString alias = entry.mid(equals + 1).trimmed();
        if (equals < 0 || !topics::isBoardId(mac) || !isDisplayName(alias)) {
            return std::unexpected(ConfigError {
                aliasOption, entry,
                u"expected MAC=NAME with a MAC address like AA:BB:CC:DD:EE:FF and a non-empty name, "
                "e.g. AA:BB:CC:DD:EE:FF=Garage"_s});
        }
        const QString key = mac.toUpper();
        const auto existing = naming.m_aliases.constFind(key);
        if (existing != naming.m_aliases.cend() && *existing != alias) {
            return std::unexpected(ConfigError {
                aliasOption, entry,
                u"%1 already has the alias '%2'; give each board one alias"_s.arg(mac, *existing)});
        }
        naming.m_aliases.insert(key, alias);
    }

    const QString labelShape = u"expected [MAC/]PIN=LABEL or [MAC/]PIN=LABEL,UP,DOWN with non-empty parts, "
                               "e.g. D1=door,open,closed or AA:BB:CC:DD:EE:FF/D1=door"_s;
    for (const QString& entry : settings.pinLabels) {
        const qsizetype equals = entry.indexOf(u'=');
        if (equals < 0)
            return std::unexpected(ConfigError {labelOption, entry, labelShape});

        const QString target = entry.left(equals).trimmed();
        const qsizetype slash = target.indexOf(u'/');
        const QString mac = slash < 0 ? QString() : target.left(slash).trimmed();
        const QString pin = target.mid(slash + 1).trimmed();
        if ((slash >= 0 && !topics::isBoardId(mac)) || !topics::isPinName(pin)) {
            return std::unexpected(ConfigError {
                labelOption, entry,
                labelShape + u"; the MAC must look like AA:BB:CC:DD:EE:FF and the pin name must not contain "
                             "white space, '/', '+', '#' or ','"_s});
        }

        const QStringList parts = entry.mid(equals + 1).split(u',');
        PinLabel label;
        label.label = parts.value(0).trimmed();
        if (parts.size() == 3) {
            label.upWord = parts.at(1).trimmed();
            label.downWord = parts.at(2).trimmed();
        }
        const bool wordsValid = parts.size() == 1 || (isDisplayName(label.upWord) && isDisplayName(label.downWord));
        if ((parts.size() != 1 && parts.size() != 3) || !isDisplayName(label.label) || !wordsValid)
            return std::unexpected(ConfigError {labelOption, entry, labelShape});

        QHash<QString, PinLabel>& labels = mac.isEmpty() ? naming.m_labelsForAllBoards : naming.m_labelsForOneBoard;
        const QString key = mac.isEmpty() ? pin : mac.toUpper() + u'/' + pin;
        if (labels.contains(key)) {
            return std::unexpected(ConfigError {
                labelOption, entry, u"%1 is labelled twice; keep one entry per pin"_s.arg(target)});
        }
        labels.insert(key, label);
    }
    return naming;
}

QString Naming::boardAlias(const QString& boardId) const
{
    return m_aliases.value(boardId.toUpper());
}

PinLabel Naming::pinLabel(const QString& boardId, const QString& pin) const
{
    const auto forBoard = m_labelsForOneBoard.constFind(boardId.toUpper() + u'/' + pin);
    if (forBoard != m_labelsForOneBoard.cend())
        return *forBoard;
    return m_labelsForAllBoards.value(pin);
}

QString Naming::stateWord(const QString& boardId, const QString& pin, int state) const
{
    const PinLabel label = pinLabel(boardId, pin);
    return state == 1 ? label.upWord : label.downWord;
}

std::optional<ConfigError> validateNaming(const SupervisionSettings& settings)
{
    const std::expected<Naming, ConfigError> naming = Naming::fromSettings(settings);
    if (!naming)
        return naming.error();
    return std::nullopt;
}

} // namespace gcn
