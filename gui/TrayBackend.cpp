#include "TrayBackend.h"

#include <QDir>

#include "common/Clock.h"
#include "operations/ManagerService.h"
#include "storage/BoardStore.h"
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
    // The supervisor writes to the store, so it goes first.
    delete m_supervisor;
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
    }
    return settings;
}

void TrayBackend::start(const Settings& settings, TrayMode mode)
{
    m_settings = settingsForMode(settings, mode);
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

void TrayBackend::openStore()
{
    m_store.reset();
    auto opened = BoardStore::open(m_settings.general.stateDir, BoardStore::Mode::ReadWrite);
    if (!opened) {
        qCWarning(lcTray).noquote() << u"board records are not kept across runs: %1"_s.arg(opened.error().toString());
        return;
    }
    m_store = std::move(*opened);
}

void TrayBackend::launch()
{
    m_restartPending = false;
    m_failureMessage.clear();
    auto naming = Naming::fromSettings(m_settings.supervision);
    if (!naming) {
        m_failureMessage = naming.error().toString();
        qCWarning(lcTray).noquote() << "cannot start:" << m_failureMessage;
        Q_EMIT boardsReset();
        Q_EMIT connectionChanged();
        Q_EMIT runFinished(ManagerConnection::ExitFatal, m_failureMessage);
        return;
    }
    m_naming = *naming;
    openStore();

    qCInfo(lcTray).noquote() << u"starting a %1 run against %2"_s.arg(trayModeName(m_mode), m_settings.mqtt.host);
    m_service = new ManagerService(m_settings, m_clock, this);
    connect(m_service, &ManagerService::finished, this, &TrayBackend::handleFinished);
    ManagerConnection* connection = m_service->connection();
    connect(connection, &ManagerConnection::stateChanged, this, &TrayBackend::connectionChanged);
    connect(connection, &ManagerConnection::readyChanged, this, &TrayBackend::connectionChanged);
    connect(connection, &ManagerConnection::eventOccurred, this, &TrayBackend::eventOccurred);
    wireSupervisor();
    Q_EMIT boardsReset();
    m_service->start();
    Q_EMIT connectionChanged();
}

// NOTE: ManagerService does not own a Supervisor yet, so the tray feeds one from the service's
// connection here; once the service owns it, this wiring goes and supervisor() returns the service's.
void TrayBackend::wireSupervisor()
{
    ManagerConnection* connection = m_service->connection();
    m_supervisor = new Supervisor(m_settings.supervision, m_naming, m_clock, m_store.get(), this);
    m_supervisor->setManagerId(connection->managerId());
    connect(connection, &ManagerConnection::messageReceived, m_supervisor, &Supervisor::handleMqttMessage);
    connect(connection, &ManagerConnection::stateChanged, m_supervisor, [this](ManagerConnection::State state) {
        m_supervisor->setBrokerConnected(state == ManagerConnection::State::Connected);
    });
    connect(m_supervisor, &Supervisor::publishRequested, connection, &ManagerConnection::publish);
    connect(m_supervisor, &Supervisor::eventOccurred, this, &TrayBackend::eventOccurred);
    connect(m_supervisor, &Supervisor::boardChanged, this, [this](const QString& boardId) {
        if (const std::optional<BoardRecord> record = m_supervisor->board(boardId))
            Q_EMIT boardChanged(*record);
    });
}

void TrayBackend::handleFinished(int exitCode, const QString& failureMessage)
{
    qCInfo(lcTray).noquote() << u"run ended with status %1%2"_s.arg(exitCode).arg(
        failureMessage.isEmpty() ? QString() : u": "_s + failureMessage);
    m_failureMessage = failureMessage;
    delete m_supervisor;
    m_supervisor = nullptr;
    m_store.reset();
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
