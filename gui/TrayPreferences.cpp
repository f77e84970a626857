#include "TrayPreferences.h"

#include <QSettings>

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

const QString brokerGroup = u"broker/"_s;
const QString modeKey = u"mode"_s;
const QString alertsPausedKey = u"alerts/paused"_s;
const QString alertTypesKey = u"alerts/types"_s;

const QList<EventType> allEventTypes {
    EventType::ManagerStarting,      EventType::ManagerStillConnecting, EventType::ManagerConnected,
    EventType::ManagerDisconnected,  EventType::ManagerExiting,         EventType::BoardHeartbeatSkewed,
    EventType::BoardHeartbeatMissed, EventType::BoardDroppedItems,      EventType::BoardStatusOnline,
    EventType::BoardStatusOffline,   EventType::GpioUp,                 EventType::GpioDown,
    EventType::BoardHeartbeatResumed, EventType::BoardSkewRecovered,    EventType::PeerManagerOffline,
};

} // namespace

QSet<EventType> AlertPreferences::defaultTypes()
{
    QSet<EventType> types(allEventTypes.cbegin(), allEventTypes.cend());
    types.remove(EventType::ManagerStarting);
    types.remove(EventType::ManagerExiting);
    return types;
}

TrayPreferences::TrayPreferences(QSettings& settings)
    : m_settings(settings)
{
}

QStringList TrayPreferences::brokerOptionNames()
{
    return {u"mqtt-host"_s,           u"mqtt-port"_s,           u"mqtt-transport"_s,      u"mqtt-user-name"_s,
            u"mqtt-tls-ca-file"_s,    u"mqtt-tls-min-version"_s, u"mqtt-tls-max-version"_s};
}

QHash<QString, QString> TrayPreferences::brokerValues() const
{
    QHash<QString, QString> values;
    for (const QString& name : brokerOptionNames()) {
        const QVariant value = m_settings.value(brokerGroup + name);
        if (value.isValid())
            values.insert(name, value.toString());
    }
    return values;
}

void TrayPreferences::setBrokerValues(const QHash<QString, QString>& values)
{
    for (const QString& name : brokerOptionNames()) {
        if (values.contains(name))
            m_settings.setValue(brokerGroup + name, values.value(name));
        else
            m_settings.remove(brokerGroup + name);
    }
}

std::optional<TrayMode> TrayPreferences::mode() const
{
    return trayModeFromName(m_settings.value(modeKey).toString());
}

void TrayPreferences::setMode(TrayMode mode)
{
    m_settings.setValue(modeKey, trayModeName(mode));
}

AlertPreferences TrayPreferences::alerts() const
{
    AlertPreferences alerts;
    alerts.paused = m_settings.value(alertsPausedKey, false).toBool();
    if (!m_settings.contains(alertTypesKey)) {
        alerts.types = AlertPreferences::defaultTypes();
        return alerts;
    }
    for (const QString& name : m_settings.value(alertTypesKey).toStringList()) {
        EventType type {};
        if (eventTypeFromName(name, &type))
            alerts.types.insert(type);
    }
    return alerts;
}

void TrayPreferences::setAlerts(const AlertPreferences& alerts)
{
    QStringList names;
    for (EventType type : allEventTypes) {
        if (alerts.types.contains(type))
            names.append(eventTypeName(type));
    }
    m_settings.setValue(alertTypesKey, names);
    m_settings.setValue(alertsPausedKey, alerts.paused);
}

void TrayPreferences::setAlertsPaused(bool paused)
{
    m_settings.setValue(alertsPausedKey, paused);
}

QStringList TrayPreferences::applyTo(ParsedCommandLine& parsed) const
{
    QStringList problems;
    const QHash<QString, QString> values = brokerValues();
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (parsed.sources.value(it.key()) == ValueSource::CommandLine)
            continue;
        const OptionSpec* spec = findOption(it.key());
        if (!spec)
            continue;
        if (const std::optional<QString> expected = spec->apply(parsed.settings, it.value())) {
            problems.append(u"stored setting --%1 = '%2' ignored: expected %3"_s.arg(it.key(), it.value(), *expected));
        }
    }
    return problems;
}

} // namespace gcn
