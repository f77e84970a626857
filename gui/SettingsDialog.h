#pragma once

#include "TrayOptions.h"
#include "TrayPreferences.h"
#include "config/Settings.h"

#include <optional>

#include <QDialog>
#include <QHash>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace gcn {

// The choices made in the settings dialog.
struct SettingsChoice
{
    // Broker options by long option name, as text the option table parses. An option left empty is
    // absent, so that the environment or the default applies again.
    QHash<QString, QString> broker;
    // A new broker password for the keychain; std::nullopt keeps the stored one.
    std::optional<QString> newPassword;
    bool forgetPassword = false;
    TrayMode mode = TrayMode::Monitor;
    AlertPreferences alerts;
};

// The settings that matter on a desktop: the broker connection, the mode and the desktop alerts.
// The password field is write-only: the stored password is never read back into it.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    SettingsDialog(const Settings& current, TrayMode mode, const AlertPreferences& alerts, QWidget* parent = nullptr);

    SettingsChoice choice() const;

    void accept() override;

private:
    QWidget* createBrokerPage(const Settings& current);
    QWidget* createAlertsPage(const AlertPreferences& alerts);
    void chooseCaFile();
    // Checks the broker values with the option table; returns the first problem, translated.
    QString validate() const;

    QLineEdit* m_host = nullptr;
    QSpinBox* m_port = nullptr;
    QComboBox* m_transport = nullptr;
    QLineEdit* m_userName = nullptr;
    QLineEdit* m_password = nullptr;
    QCheckBox* m_forgetPassword = nullptr;
    QLineEdit* m_caFile = nullptr;
    QComboBox* m_tlsMin = nullptr;
    QComboBox* m_tlsMax = nullptr;
    QComboBox* m_mode = nullptr;
    QCheckBox* m_alertsEnabled = nullptr;
    QListWidget* m_alertTypes = nullptr;
};

} // namespace gcn
