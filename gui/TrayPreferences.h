#pragma once

#include "TrayOptions.h"
#include "config/Options.h"
#include "supervision/Event.h"

#include <optional>

#include <QHash>
#include <QHashFunctions>
#include <QSet>
#include <QString>
#include <QStringList>

class QSettings;

namespace gcn {

inline size_t qHash(EventType type, size_t seed = 0) noexcept
{
    return ::qHash(int(type), seed);
}

// Preferences of the desktop alerts: a pause switch and the event types that raise one.
struct AlertPreferences
{
    // No alert pops up while paused; the events still reach the window and the history.
    bool paused = false;
    QSet<EventType> types;

    // Every type except the tray's own start and exit.
    static QSet<EventType> defaultTypes();
};

// The settings the tray keeps with QSettings (never a secret): broker options edited in the settings
// dialog, the mode and the alert preferences. Broker options are stored as the text their option table
// row parses, under "broker/<long option name>", so that the table validates them like any other source.
class TrayPreferences
{
public:
    // Uses `settings` for every read and write; it must outlive this object.
    explicit TrayPreferences(QSettings& settings);

    // Long option names of the broker options the settings dialog edits.
    static QStringList brokerOptionNames();

    // Stored broker values by long option name; options never saved are absent.
    QHash<QString, QString> brokerValues() const;
    void setBrokerValues(const QHash<QString, QString>& values);

    std::optional<TrayMode> mode() const;
    void setMode(TrayMode mode);

    AlertPreferences alerts() const;
    void setAlerts(const AlertPreferences& alerts);
    void setAlertsPaused(bool paused);

    // Applies the stored broker values over `parsed`, except options given on the command line, which
    // win. A stored value the option table rejects is skipped and described in the returned list.
    QStringList applyTo(ParsedCommandLine& parsed) const;

private:
    QSettings& m_settings;
};

} // namespace gcn
