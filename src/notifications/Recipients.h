#pragma once

#include "channels/Sender.h"
#include "config/Options.h"
#include "config/Settings.h"
#include "supervision/Event.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <expected>

namespace gcn {

// One person or account to notify, on the channel its address form implies.
struct Recipient
{
    Channel channel = Channel::Email;
    // Normalized address: e-mail with its domain in lower case (IDN domains in ACE form), phone number
    // in E.164 form (+33600000000), X handle with its leading '@' as written, "desktop" for the
    // desktop alerts of the tray app.
    QString address;

    bool operator==(const Recipient& other) const = default;
};

// Parses one recipient entry: an e-mail address, an international phone number starting with '+'
// (spaces, dots, dashes and brackets between digits are accepted and removed) that libphonenumber
// considers valid, an X handle '@' followed by 4 to 15 letters, digits or '_', or the word "desktop"
// in any case (the desktop alerts of the tray app, address "desktop").
// On failure returns a sentence that says why and what is accepted.
std::expected<Recipient, QString> parseRecipient(const QString& entry);

// Parses a list of entries; duplicates (after normalization) are dropped, keeping the first.
// `option` names the option in the error, e.g. "--notify-manager-starting-recipients".
std::expected<QList<Recipient>, ConfigError> parseRecipientList(const QStringList& entries, const QString& option);

// Which recipients each event type goes to, built once from the settings at start-up.
class RoutingTable
{
public:
    RoutingTable() = default;

    // Parses and validates every recipient option. An invalid entry is an error naming the option and
    // the entry. Lists whose entries all belong to disabled channels add a line to `warnings` (and to
    // the log), because nobody on them will be notified.
    static std::expected<RoutingTable, ConfigError> fromSettings(const NotificationSettings& settings,
                                                                 QStringList* warnings = nullptr);

    // Recipients of an event type on every channel, enabled or not.
    QList<Recipient> recipients(EventType type) const;
    // The desktop channel is enabled only where a desktop sender is plugged (the tray app), never in
    // the headless service.
    bool isChannelEnabled(Channel channel) const;
    void setChannelEnabled(Channel channel, bool enabled);
    void setRecipients(EventType type, const QList<Recipient>& recipients);

    // The option (with its environment variable) whose list an event type uses.
    static QString optionFor(EventType type, const NotificationSettings& settings);

private:
    QMap<EventType, QList<Recipient>> m_routes;
    bool m_emailEnabled = false;
    bool m_smsEnabled = false;
    bool m_twitterEnabled = false;
    bool m_desktopEnabled = false;
};

} // namespace gcn
