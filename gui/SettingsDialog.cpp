#include "SettingsDialog.h"

#include "EventText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include "config/Options.h"

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

const QList<EventType> alertTypeOrder {
    EventType::BoardStatusOffline,   EventType::BoardStatusOnline,    EventType::BoardHeartbeatMissed,
    EventType::BoardHeartbeatResumed, EventType::BoardHeartbeatSkewed, EventType::BoardSkewRecovered,
    EventType::BoardDroppedItems,    EventType::GpioUp,               EventType::GpioDown,
    EventType::ManagerConnected,     EventType::ManagerDisconnected,  EventType::ManagerStillConnecting,
    EventType::PeerManagerOffline,   EventType::ManagerStarting,      EventType::ManagerExiting,
};

const QStringList tlsVersionNames {u"TLSv1_2"_s, u"TLSv1_3"_s, u"TLSv1_1"_s, u"TLSv1"_s, u"SSLv3"_s,
                                   u"MINIMUM_SUPPORTED"_s, u"MAXIMUM_SUPPORTED"_s};

QString optionText(const QString& name, const Settings& settings)
{
    const OptionSpec* spec = findOption(name);
    return spec ? spec->show(settings) : QString();
}

void fillTlsCombo(QComboBox* combo, const QString& current)
{
    combo->addItem(SettingsDialog::tr("(not set)"), QString());
    for (const QString& name : tlsVersionNames)
        combo->addItem(name, name);
    const int index = combo->findData(current);
    combo->setCurrentIndex(index < 0 ? 0 : index);
}

} // namespace

SettingsDialog::SettingsDialog(const Settings& current, TrayMode mode, const AlertPreferences& alerts,
                               QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("GCN manager settings"));
    auto* tabs = new QTabWidget(this);
    tabs->addTab(createBrokerPage(current), tr("Broker"));

    auto* modePage = new QWidget(this);
    auto* modeLayout = new QFormLayout(modePage);
    m_mode = new QComboBox(modePage);
    m_mode->addItem(tr("Monitor only: desktop alerts, nothing sent"), trayModeName(TrayMode::Monitor));
    m_mode->addItem(tr("Full manager: also e-mail, SMS and X"), trayModeName(TrayMode::Full));
    m_mode->setCurrentIndex(mode == TrayMode::Full ? 1 : 0);
    modeLayout->addRow(tr("Mode:"), m_mode);
    auto* modeHelp = new QLabel(tr("A monitor watches the same broker as a server instance without doubling its "
                                   "messages. A full manager sends the notifications configured in the environment "
                                   "and the .env file, like the service."),
                                modePage);
    modeHelp->setWordWrap(true);
    modeLayout->addRow(modeHelp);
    tabs->addTab(modePage, tr("Mode"));
    tabs->addTab(createAlertsPage(alerts), tr("Desktop alerts"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(buttons);
}

QWidget* SettingsDialog::createBrokerPage(const Settings& current)
{
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);

    m_host = new QLineEdit(current.mqtt.host, page);
    m_host->setPlaceholderText(tr("host name, address, or socket path with unix"));
    form->addRow(tr("Host:"), m_host);

    m_port = new QSpinBox(page);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("(not set)"));
    m_port->setValue(current.mqtt.port);
    form->addRow(tr("Port:"), m_port);

    m_transport = new QComboBox(page);
    m_transport->addItem(tr("TCP with TLS"), u"tcp"_s);
    m_transport->addItem(tr("WebSocket with TLS"), u"websocket"_s);
    m_transport->addItem(tr("Unix socket"), u"unix"_s);
    m_transport->setCurrentIndex(qMax(0, m_transport->findData(optionText(u"mqtt-transport"_s, current))));
    form->addRow(tr("Transport:"), m_transport);

    m_userName = new QLineEdit(current.mqtt.userName, page);
    form->addRow(tr("User name:"), m_userName);

    m_password = new QLineEdit(page);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("leave empty to keep the stored password"));
    form->addRow(tr("Password:"), m_password);
    m_forgetPassword = new QCheckBox(tr("Remove the password stored in the keychain"), page);
    form->addRow(QString(), m_forgetPassword);
    auto* keychainNote = new QLabel(tr("The password is stored in the system keychain, never in a file."), page);
    keychainNote->setWordWrap(true);
    form->addRow(QString(), keychainNote);

    auto* caRow = new QHBoxLayout;
    m_caFile = new QLineEdit(current.mqtt.tlsCaFile, page);
    m_caFile->setPlaceholderText(tr("system certificates only"));
    auto* browse = new QPushButton(tr("Browse…"), page);
    connect(browse, &QPushButton::clicked, this, &SettingsDialog::chooseCaFile);
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);
    form->addRow(tr("CA file:"), caRow);

    m_tlsMin = new QComboBox(page);
    fillTlsCombo(m_tlsMin, current.mqtt.tlsMinVersion == TlsVersion::LibraryDefault
                               ? QString()
                               : optionText(u"mqtt-tls-min-version"_s, current));
    form->addRow(tr("Lowest TLS version:"), m_tlsMin);
    m_tlsMax = new QComboBox(page);
    fillTlsCombo(m_tlsMax, current.mqtt.tlsMaxVersion == TlsVersion::LibraryDefault
                               ? QString()
                               : optionText(u"mqtt-tls-max-version"_s, current));
    form->addRow(tr("Highest TLS version:"), m_tlsMax);
    return page;
}

QWidget* SettingsDialog::createAlertsPage(const AlertPreferences& alerts)
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    m_alertsEnabled = new QCheckBox(tr("Show desktop alerts"), page);
    m_alertsEnabled->setChecked(!alerts.paused);
    layout->addWidget(m_alertsEnabled);
    layout->addWidget(new QLabel(tr("Events that pop up:"), page));
    m_alertTypes = new QListWidget(page);
    for (EventType type : alertTypeOrder) {
        auto* item = new QListWidgetItem(EventText::typeName(type), m_alertTypes);
        item->setData(Qt::UserRole, eventTypeName(type));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(alerts.types.contains(type) ? Qt::Checked : Qt::Unchecked);
    }
    layout->addWidget(m_alertTypes, 1);
    return page;
}

void SettingsDialog::chooseCaFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("CA certificates"), m_caFile->text(),
                                                      tr("PEM certificates (*.pem *.crt);;All files (*)"));
    if (!path.isEmpty())
        m_caFile->setText(path);
}

SettingsChoice SettingsDialog::choice() const
{
    SettingsChoice result;
    const auto put = [&](const QString& name, const QString& value) {
        if (!value.trimmed().isEmpty())
            result.broker.insert(name, value.trimmed());
    };
    put(u"mqtt-host"_s, m_host->text());
    put(u"mqtt-port"_s, m_port->value() == 0 ? QString() : QString::number(m_port->value()));
    put(u"mqtt-transport"_s, m_transport->currentData().toString());
    put(u"mqtt-user-name"_s, m_userName->text());
    put(u"mqtt-tls-ca-file"_s, m_caFile->text());
    put(u"mqtt-tls-min-version"_s, m_tlsMin->currentData().toString());
    put(u"mqtt-tls-max-version"_s, m_tlsMax->currentData().toString());
    if (!m_password->text().isEmpty())
        result.newPassword = m_password->text();
    result.forgetPassword = m_forgetPassword->isChecked() && m_password->text().isEmpty();
    result.mode = trayModeFromName(m_mode->currentData().toString()).value_or(TrayMode::Monitor);
    result.alerts.paused = !m_alertsEnabled->isChecked();
    for (int row = 0; row < m_alertTypes->count(); ++row) {
        const QListWidgetItem* item = m_alertTypes->item(row);
        EventType type {};
        if (item->checkState() == Qt::Checked && eventTypeFromName(item->data(Qt::UserRole).toString(), &type))
            result.alerts.types.insert(type);
    }
    return result;
}

QString SettingsDialog::validate() const
{
    Settings scratch;
    const SettingsChoice chosen = choice();
    for (auto it = chosen.broker.cbegin(); it != chosen.broker.cend(); ++it) {
        const OptionSpec* spec = findOption(it.key());
        if (!spec)
            continue;
        if (const std::optional<QString> expected = spec->apply(scratch, it.value()))
            return tr("The value '%1' of --%2 is invalid: expected %3.").arg(it.value(), it.key(), *expected);
    }
    return {};
}

void SettingsDialog::accept()
{
    const QString problem = validate();
    if (!problem.isEmpty()) {
        QMessageBox::warning(this, tr("Invalid setting"), problem);
        return;
    }
    QDialog::accept();
}

} // namespace gcn
