#include "TrayBackend.h"

#include <QDir>

#include "common/Clock.h"
#include "notifications/Dispatcher.h"
#include "operations/ManagerService.h"
#include "supervision/Supervisor.h"

Q_LOGGING_CATEGORY(lcTray, "gcn.tray")

namespace gcn {

using namespace Qt::StringLiterals;

TrayBackend::TrayBackend(Clock& clock, QObject* parent)
    : QObject(parent)
    , m_clock(clock)
{
}

TrayBackend::~TrayBackend()
{
    delete m_service;
}

Settings TrayBackend::settingsForMode(Settings settings, TrayMode mode)
{
    settings.mqtt.reconnect = true;
    if (mode == TrayMode::Monitor) {
        settings.notify.enableEmail = false;
        settings.notify.enableSms = false;
        settings.notify.enableTwitter = false;
        settings.operations.httpListen.clear();
        settings.operations.deadMansSwitchUrl.clear();
        // A monitor keeps its own board records, so that it never writes to those of a service that
        // runs as the same user with the same state folder.
        settings.general.stateDir = QDir(settings.general.stateDir).filePath(u"tray-monitor"_s);
        settings.general.monitorOnly = true;
    }
    return settings;
}

void TrayBackend::routeDesktopAlerts(NotificationSettings& notify, const QSet<EventType>& types)
{
    if (!notify.clientHeartbeatResumedSet) {
        notify.clientHeartbeatResumed = notify.clientMissedHeartbeat;
        notify.clientHeartbeatResumedSet = true;
    }
    if (!notify.clientSkewRecoveredSet) {
        notify.clientSkewRecovered = notify.clientSkewedHeartbeat;
        notify.clientSkewRecoveredSet = true;
    }
    const QList<std::pair<EventType, QStringList*>> lists {
        {EventType::ManagerStarting, &notify.managerStarting},
        {EventType::ManagerStillConnecting, &notify.managerStillConnecting},
        {EventType::ManagerConnected, &notify.managerConnected},
        {EventType::ManagerDisconnected, &notify.managerDisconnected},
        {EventType::ManagerExiting, &notify.managerExiting},
        {EventType::BoardHeartbeatSkewed, &notify.clientSkewedHeartbeat},
        {EventType::BoardHeartbeatMissed, &notify.clientMissedHeartbeat},
        {EventType::BoardDroppedItems, &notify.clientDroppedItems},
        {EventType::BoardStatusOnline, &notify.clientStatusOnline},
        {EventType::BoardStatusOffline, &notify.clientStatusOffline},
        {EventType::GpioUp, &notify.clientGpioUp},
        {EventType::GpioDown, &notify.clientGpioDown},
        {EventType::BoardHeartbeatResumed, &notify.clientHeartbeatResumed},
        {EventType::BoardSkewRecovered, &notify.clientSkewRecovered},
        {EventType::PeerManagerOffline, &notify.peerManagerOffline},
    };
    for (const auto& [type, list] : lists) {
        if (types.contains(type))
            list->append(u"desktop"_s);
    }
}

void TrayBackend::start(const Settings& settings, TrayMode mode, const QSet<EventType>& desktopAlertTypes)
{
    m_settings = settingsForMode(settings, mode);
    routeDesktopAlerts(m_settings.notify, desktopAlertTypes);
    m_mode = mode;
    m_stopping = false;
    if (m_service) {
        m_restartPending = true;
        m_service->stop();
        return;
    }
    launch();
}

void TrayBackend::stop()
{
    m_restartPending = false;
    if (!m_service) {
        Q_EMIT stopped();
        return;
    }
    m_stopping = true;
    m_service->stop();
}

ManagerConnection* TrayBackend::connection() const
{
    return m_service ? m_service->connection() : nullptr;
}

bool TrayBackend::isReady() const
{
    return m_service && m_service->connection()->isReady();
}

QList<BoardRecord> TrayBackend::boards() const
{
    return m_supervisor ? m_supervisor->boards() : QList<BoardRecord>();
}

QString TrayBackend::connectionText() const
{
    if (!m_service)
        return m_failureMessage.isEmpty() ? tr("stopped") : tr("stopped: %1").arg(m_failureMessage);
    const ManagerConnection* connection = m_service->connection();
    const QString broker = m_settings.mqtt.transport == MqttTransport::Unix
                               ? m_settings.mqtt.host
                               : u"%1:%2"_s.arg(m_settings.mqtt.host).arg(m_settings.mqtt.port);
    switch (connection->state()) {
    case ManagerConnection::State::Starting:
        return tr("starting");
    case ManagerConnection::State::Connecting:
        return tr("connecting to %1").arg(broker);
    case ManagerConnection::State::Connected:
        return connection->isReady() ? tr("connected to %1 as %2").arg(broker, connection->managerId())
                                     : tr("connected to %1, subscribing").arg(broker);
    case ManagerConnection::State::WaitingToReconnect: {
        const QString error = connection->client()->errorString();
        return error.isEmpty() ? tr("waiting to reconnect to %1").arg(broker)
                               : tr("waiting to reconnect to %1: %2").arg(broker, error);
    }
    case ManagerConnection::State::Stopping:
        return tr("stopping");
    case ManagerConnection::State::Stopped:
        return tr("stopped");
    }
    return {};
}

void TrayBackend::launch()
{
    m_restartPending = false;
    m_failureMessage.clear();
    // The service checks the naming options too; reading them here gives the models the same names.
    if (auto naming = Naming::fromSettings(m_settings.supervision))
        m_naming = *naming;

    qCInfo(lcTray).noquote() << u"starting a %1 run against %2"_s.arg(trayModeName(m_mode), m_settings.mqtt.host);
    m_service = new ManagerService(m_settings, m_clock, this);
    connect(m_service, &ManagerService::finished, this, &TrayBackend::handleFinished);
    ManagerConnection* connection = m_service->connection();
    connect(connection, &ManagerConnection::stateChanged, this, &TrayBackend::connectionChanged);
    connect(connection, &ManagerConnection::readyChanged, this, &TrayBackend::connectionChanged);
    connect(connection, &ManagerConnection::eventOccurred, this, &TrayBackend::eventOccurred);
    // A monitor sends no e-mail, SMS or X message; desktop alerts run in both modes.
    m_service->setNotificationsEnabled(m_mode == TrayMode::Full);
    if (m_desktopSender)
        m_service->addSender(m_desktopSender);
    m_service->start();
    // start() opens the board store and creates the supervisor, or ends the run at once when it cannot.
    if (!m_service)
        return;
    if (Dispatcher* dispatcher = m_service->dispatcher()) {
        connect(dispatcher, &Dispatcher::messageQueued, this, &TrayBackend::notificationChanged);
        connect(dispatcher, &Dispatcher::messageDelivered, this, &TrayBackend::notificationChanged);
        connect(dispatcher, &Dispatcher::messageFailed, this, &TrayBackend::notificationChanged);
    }
    m_supervisor = m_service->supervisor();
    if (m_supervisor) {
        connect(m_supervisor, &Supervisor::eventOccurred, this, &TrayBackend::eventOccurred);
        connect(m_supervisor, &Supervisor::boardChanged, this, [this](const QString& boardId) {
            if (const std::optional<BoardRecord> record = m_supervisor->board(boardId))
                Q_EMIT boardChanged(*record);
        });
    }
    Q_EMIT boardsReset();
    Q_EMIT connectionChanged();
}

void TrayBackend::handleFinished(int exitCode, const QString& failureMessage)
{
    qCInfo(lcTray).noquote() << u"run ended with status %1%2"_s.arg(exitCode).arg(
        failureMessage.isEmpty() ? QString() : u": "_s + failureMessage);
    m_failureMessage = failureMessage;
    if (m_supervisor)
        m_supervisor->disconnect(this);
    m_supervisor = nullptr;
    // The service is still on the call stack: it emitted finished().
    m_service->disconnect(this);
    m_service->connection()->disconnect(this);
    m_service->deleteLater();
    m_service = nullptr;
    Q_EMIT connectionChanged();
    Q_EMIT runFinished(exitCode, failureMessage);
    if (m_restartPending) {
        launch();
        return;
    }
    if (m_stopping) {
        m_stopping = false;
        Q_EMIT stopped();
    }
}

} // namespace gcn
