#include "operations/ManagerService.h"

#include <algorithm>

#include "channels/HttpApi.h"
#include "channels/OvhSmsSender.h"
#include "channels/SmtpSender.h"
#include "channels/TwitterSender.h"
#include "common/Clock.h"
#include "notifications/Dispatcher.h"
#include "notifications/Recipients.h"
#include "config/Options.h"
#include "mqtt/ManagerConnection.h"
#include "operations/DeadMansSwitch.h"
#include "operations/HealthServer.h"
#include "operations/SignalWatcher.h"
#include "operations/SystemdNotifier.h"
#include "storage/BoardStore.h"
#include "storage/Outbox.h"
#include "supervision/Event.h"
#include "supervision/Naming.h"
#include "supervision/Supervisor.h"

#include <QDir>
#include <QLockFile>
#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QTimer>
#include <QUrl>

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

// Time allowed at exit for the last notifications (the exiting one among them) to be delivered.
constexpr int exitNotificationTimeoutMs = 15000;

// The state as a Prometheus label value, e.g. "waiting_to_reconnect".
QString stateLabel(ManagerConnection::State state)
{
    return ManagerConnection::stateName(state).replace(u' ', u'_');
}

// The topic level after the board id, e.g. "gpio" for gcn/<MAC>/out/gpio/D1. Topics come from the network,
// so levels outside the GCN protocol count as "other" and cannot add labels without bound.
QString topicCategory(const QString& topic)
{
    static const QStringList knownCategories {
        u"status"_s, u"monitored_gpio"_s, u"gpio"_s, u"heartbeat"_s, u"buffer_total_dropped_item"_s,
        u"hardware"_s, u"esp8266"_s, u"uptime"_s, u"network"_s, u"mqtt"_s,
    };
    const QStringList levels = topic.split(u'/');
    if (levels.value(0) == "gcn_manager"_L1)
        return u"manager_status"_s;
    if (levels.size() >= 4 && levels.at(0) == "gcn"_L1 && knownCategories.contains(levels.at(3)))
        return levels.at(3);
    return u"other"_s;
}

} // namespace

ManagerService::ManagerService(const Settings& settings, Clock& clock, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_clock(clock)
    , m_network(new QNetworkAccessManager(this))
    , m_connection(new ManagerConnection(settings, clock, this))
    , m_systemd(new SystemdNotifier(this))
{
    describeMetrics();
    connect(m_connection, &ManagerConnection::eventOccurred, this, &ManagerService::handleEvent);
    connect(m_connection, &ManagerConnection::stateChanged, this, &ManagerService::handleStateChanged);
    connect(m_connection, &ManagerConnection::readyChanged, this, &ManagerService::handleStateChanged);
    connect(m_connection, &ManagerConnection::messageReceived, this, [this](const QString& topic) {
        m_metrics.increment(u"gcn_messages_received_total"_s, {{u"category"_s, topicCategory(topic)}});
    });
    connect(m_connection, &ManagerConnection::finished, this, [this](int exitCode) {
        m_systemd->notifyStopping();
        finishAfterNotifications(exitCode, m_connection->failureMessage());
    });
}

ManagerService::~ManagerService() = default;

std::optional<ConfigError> ManagerService::validate(const Settings& settings)
{
    if (std::optional<ConfigError> error = validateNaming(settings.supervision))
        return error;
    QStringList warnings;
    const auto routing = RoutingTable::fromSettings(settings.notify, &warnings);
    if (!routing)
        return routing.error();
    for (const QString& warning : warnings)
        qCWarning(lcService).noquote() << warning;
    if (settings.notify.enableEmail) {
        if (std::optional<ConfigError> error = SmtpSender::validate(settings.email))
            return error;
    }
    if (settings.notify.enableSms) {
        if (std::optional<ConfigError> error = OvhSmsSender::validateSettings(settings.sms))
            return error;
    }
    if (settings.notify.enableTwitter) {
        if (std::optional<ConfigError> error = TwitterSender::validateSettings(settings.twitter))
            return error;
    }
    if (settings.notify.enableSms || settings.notify.enableTwitter) {
        const auto tls = httpsTlsConfiguration(settings.operations.httpsCaFile);
        if (!tls)
            return ConfigError {u"--https-ca-file (GCN_HTTPS_CA_FILE)"_s, settings.operations.httpsCaFile, tls.error()};
    }
    return std::nullopt;
}

void ManagerService::addSender(Sender* sender)
{
    m_senders.append(sender);
}

void ManagerService::describeMetrics()
{
    m_metrics.describe(u"gcn_up"_s, u"gauge"_s, u"1 when connected to the broker and subscribed"_s);
    m_metrics.describe(u"gcn_connection_state"_s, u"gauge"_s, u"1 for the current state of the broker connection"_s);
    m_metrics.describe(u"gcn_messages_received_total"_s, u"counter"_s, u"MQTT messages received, by topic category"_s);
    m_metrics.describe(u"gcn_invalid_messages_total"_s, u"counter"_s, u"messages dropped as invalid"_s);
    m_metrics.describe(u"gcn_events_total"_s, u"counter"_s, u"events raised, by type"_s);
    m_metrics.describe(u"gcn_reminders_total"_s, u"counter"_s,
                       u"reminders of lasting problems, by event type; not counted in gcn_events_total"_s);
    m_metrics.describe(u"gcn_notifications_total"_s, u"counter"_s,
                       u"notification messages by channel and result (delivered, retried, failed)"_s);
    m_metrics.describe(u"gcn_outbox_messages"_s, u"gauge"_s, u"messages in the outbox by channel and status"_s);
    m_metrics.describe(u"gcn_outbox_oldest_pending_age_seconds"_s, u"gauge"_s,
                       u"age of the oldest message still waiting to be sent, by channel"_s);
    m_metrics.describe(u"gcn_outbox_write_failures_total"_s, u"counter"_s,
                       u"writes to the outbox that failed; notifications wait in memory meanwhile"_s);
    m_metrics.describe(u"gcn_outbox_healthy"_s, u"gauge"_s,
                       u"1 when the outbox can be written, 0 while notifications wait in memory"_s);
    m_metrics.describe(u"gcn_boards"_s, u"gauge"_s, u"boards by status; silent boards are also counted by status"_s);
    m_metrics.setProvider(u"gcn_up"_s, [this] {
        return QList<std::pair<MetricsRegistry::Labels, double>> {{{}, m_connection->isReady() ? 1.0 : 0.0}};
    });
    m_metrics.setProvider(u"gcn_connection_state"_s, [this] {
        QList<std::pair<MetricsRegistry::Labels, double>> samples;
        const QMetaEnum states = QMetaEnum::fromType<ManagerConnection::State>();
        for (int index = 0; index < states.keyCount(); ++index) {
            const auto state = ManagerConnection::State(states.value(index));
            samples.append({{{u"state"_s, stateLabel(state)}}, m_connection->state() == state ? 1.0 : 0.0});
        }
        return samples;
    });
}

HealthReport ManagerService::health() const
{
    HealthReport report;
    report.state = ManagerConnection::stateName(m_connection->state());
    report.healthy = m_connection->isReady();
    if (!report.healthy) {
        report.reason = m_connection->state() == ManagerConnection::State::Connected
                            ? u"waiting for the broker to acknowledge the subscriptions"_s
                            : u"not connected to the MQTT broker"_s;
        report.lastError = m_connection->lastErrorText();
    }
    if (m_dispatcher)
        report.outbox = m_dispatcher->outboxHealthy() ? u"ok"_s : u"failing"_s;
    return report;
}

bool ManagerService::startEndpoints(QString* error)
{
    if (!m_settings.operations.httpListen.isEmpty()) {
        const auto address = parseListenAddress(m_settings.operations.httpListen);
        m_healthServer = new HealthServer(m_metrics, [this] { return health(); }, this);
        const auto bound = address ? m_healthServer->listen(address->first, address->second)
                                   : std::unexpected(u"invalid address"_s);
        if (!bound) {
            *error = u"--http-listen (GCN_HTTP_LISTEN) = '%1': %2"_s.arg(m_settings.operations.httpListen, bound.error());
            return false;
        }
    }
    if (!m_settings.operations.deadMansSwitchUrl.isEmpty()) {
        m_deadMansSwitch = new DeadMansSwitch(*m_network, QUrl(m_settings.operations.deadMansSwitchUrl),
                                              m_settings.operations.deadMansSwitchIntervalSec,
                                              m_settings.operations.httpsCaFile,
                                              [this] { return m_connection->isReady(); }, this);
        m_deadMansSwitch->start();
    }
    return true;
}

bool ManagerService::lockStateDir(QString* error)
{
    // Two managers on one state folder would both send the outbox's pending messages.
    const QString stateDir = m_settings.general.stateDir;
    if (!QDir().mkpath(stateDir)) {
        *error = u"cannot create --state-dir %1"_s.arg(stateDir);
        return false;
    }
    m_stateLock = std::make_unique<QLockFile>(QDir(stateDir).filePath(u"manager.lock"_s));
    m_stateLock->setStaleLockTime(0);
    if (m_stateLock->tryLock(0))
        return true;
    qint64 pid = 0;
    QString host;
    QString application;
    if (m_stateLock->error() == QLockFile::LockFailedError && m_stateLock->getLockInfo(&pid, &host, &application)) {
        *error = u"another manager (pid %1 on %2) uses --state-dir %3; give each manager its own state folder"_s
                     .arg(pid)
                     .arg(host, stateDir);
    } else {
        *error = u"cannot lock --state-dir %1 (%2)"_s.arg(
            stateDir, m_stateLock->error() == QLockFile::PermissionError ? u"permission denied"_s : u"unknown error"_s);
    }
    m_stateLock.reset();
    return false;
}

bool ManagerService::startSupervision(QString* error)
{
    auto naming = Naming::fromSettings(m_settings.supervision);
    if (!naming) {
        *error = naming.error().toString();
        return false;
    }
    auto store = BoardStore::open(m_settings.general.stateDir, BoardStore::Mode::ReadWrite);
    if (!store) {
        *error = u"cannot open the board records in --state-dir: %1"_s.arg(store.error().toString());
        return false;
    }
    m_boardStore = std::move(*store);
    m_supervisor = new Supervisor(m_settings.supervision, *naming, m_clock, m_boardStore.get(), this);
    m_supervisor->setManagerId(m_connection->managerId());
    connect(m_connection, &ManagerConnection::messageReceived, m_supervisor, &Supervisor::handleMqttMessage);
    // Connected from CONNACK on, not from the SUBACK: the broker sends the retained messages right after the
    // SUBACK, and the manager may handle many of them before it reports itself ready.
    connect(m_connection, &ManagerConnection::stateChanged, m_supervisor, [this](ManagerConnection::State state) {
        m_supervisor->setBrokerConnected(state == ManagerConnection::State::Connected);
    });
    connect(m_supervisor, &Supervisor::eventOccurred, this, &ManagerService::handleEvent);
    connect(m_supervisor, &Supervisor::invalidMessage, this, [this](const QString& topic) {
        m_metrics.increment(u"gcn_invalid_messages_total"_s, {{u"category"_s, topicCategory(topic)}});
    });
    connect(m_supervisor, &Supervisor::publishRequested, m_connection,
            [this](const QString& topic, const QByteArray& payload, int qos, bool retain) {
                if (!m_connection->publish(topic, payload, qos, retain))
                    qCWarning(lcService) << "not connected; dropped the publish to" << topic;
            });
    // Counted in place: a copy of every record at each scrape would cost memory and time with many boards.
    m_metrics.setProvider(u"gcn_boards"_s, [this] {
        const Supervisor::BoardCounts counts = m_supervisor->boardCounts();
        return QList<std::pair<MetricsRegistry::Labels, double>> {
            {{{u"status"_s, boardStatusName(BoardStatus::Offline)}}, double(counts.offline)},
            {{{u"status"_s, boardStatusName(BoardStatus::Online)}}, double(counts.online)},
            {{{u"status"_s, u"silent"_s}}, double(counts.silent)},
            {{{u"status"_s, boardStatusName(BoardStatus::Unknown)}}, double(counts.unknown)},
        };
    });
    return true;
}

bool ManagerService::startNotifications(QString* error)
{
    if (!m_notificationsEnabled && m_senders.isEmpty()) {
        qCInfo(lcService) << "notifications are off: this manager only watches";
        return true;
    }
    Settings settings = m_settings;
    if (!m_notificationsEnabled) {
        qCInfo(lcService) << "e-mail, SMS and X notifications are off: only the senders added by the front end run";
        settings.notify.enableEmail = false;
        settings.notify.enableSms = false;
        settings.notify.enableTwitter = false;
    }
    // NOTE: desktop messages that a full-mode tray left pending in a shared outbox wait there for the
    // next tray run: a headless service neither sends nor expires them.
    settings.notify.enableDesktop = std::any_of(m_senders.cbegin(), m_senders.cend(), [](const Sender* sender) {
        return sender->channel() == Channel::Desktop;
    });
    const auto routing = RoutingTable::fromSettings(settings.notify);
    if (!routing) {
        *error = routing.error().toString();
        return false;
    }
    auto outbox = Outbox::open(m_settings.general.stateDir);
    if (!outbox) {
        *error = u"cannot open the notification outbox in --state-dir: %1"_s.arg(outbox.error().message);
        return false;
    }
    m_outbox = std::move(*outbox);
    m_dispatcher = new Dispatcher(*routing, *m_outbox, DispatcherOptions::fromSettings(settings), m_clock, this);
    if (settings.notify.enableEmail)
        m_senders.append(new SmtpSender(settings.email, m_clock, this));
    if (settings.notify.enableSms || settings.notify.enableTwitter) {
        const auto tls = httpsTlsConfiguration(settings.operations.httpsCaFile);
        if (!tls) {
            *error = tls.error();
            return false;
        }
        if (settings.notify.enableSms)
            m_senders.append(new OvhSmsSender(settings.sms, *tls, m_clock, m_network, this));
        if (settings.notify.enableTwitter)
            m_senders.append(new TwitterSender(settings.twitter, *tls, m_clock, m_network, this));
    }
    for (Sender* sender : std::as_const(m_senders))
        m_dispatcher->setSender(sender);

    const auto count = [this](const OutboxRecord& record, const QString& result) {
        m_metrics.increment(u"gcn_notifications_total"_s, {{u"channel"_s, channelName(record.channel)}, {u"result"_s, result}});
    };
    connect(m_dispatcher, &Dispatcher::messageDelivered, this,
            [count](const OutboxRecord& record) { count(record, u"delivered"_s); });
    connect(m_dispatcher, &Dispatcher::messageFailed, this, [count](const OutboxRecord& record, bool permanent) {
        count(record, permanent ? u"failed"_s : u"retried"_s);
    });
    m_metrics.setProvider(u"gcn_outbox_messages"_s, [this] {
        QList<std::pair<MetricsRegistry::Labels, double>> samples;
        const Outbox::Summary summary = m_outbox->summary();
        for (auto it = summary.counts.cbegin(); it != summary.counts.cend(); ++it)
            samples.append({{{u"channel"_s, it.key().first}, {u"status"_s, it.key().second}}, double(it.value())});
        return samples;
    });
    m_metrics.setProvider(u"gcn_outbox_oldest_pending_age_seconds"_s, [this] {
        QList<std::pair<MetricsRegistry::Labels, double>> samples;
        const QDateTime now = m_clock.now();
        const Outbox::Summary summary = m_outbox->summary();
        for (auto it = summary.oldestPending.cbegin(); it != summary.oldestPending.cend(); ++it)
            samples.append({{{u"channel"_s, it.key()}}, double(it.value().secsTo(now))});
        return samples;
    });
    m_metrics.setProvider(u"gcn_outbox_write_failures_total"_s, [this] {
        return QList<std::pair<MetricsRegistry::Labels, double>> {{{}, double(m_dispatcher->outboxWriteFailures())}};
    });
    m_metrics.setProvider(u"gcn_outbox_healthy"_s, [this] {
        return QList<std::pair<MetricsRegistry::Labels, double>> {{{}, m_dispatcher->outboxHealthy() ? 1.0 : 0.0}};
    });
    m_dispatcher->start();
    return true;
}

void ManagerService::finishAfterNotifications(int exitCode, const QString& failureMessage)
{
    if (m_finishing)
        return;
    m_finishing = true;
    if (!m_dispatcher) {
        Q_EMIT finished(exitCode, failureMessage);
        return;
    }
    // The exiting notification and any open batch go out now. What cannot be sent in time stays in the
    // outbox, which the next start resumes.
    m_dispatcher->flushBatches();
    if (m_dispatcher->inFlightCount() == 0) {
        Q_EMIT finished(exitCode, failureMessage);
        return;
    }
    auto* deadline = new QTimer(this);
    deadline->setSingleShot(true);
    const auto done = [this, exitCode, failureMessage, deadline] {
        if (!deadline->isActive() && m_dispatcher->inFlightCount() > 0)
            qCWarning(lcService) << m_dispatcher->inFlightCount()
                                 << "notifications still being sent at exit; the outbox keeps them for the next start";
        deadline->stop();
        disconnect(m_dispatcher, &Dispatcher::idle, this, nullptr);
        Q_EMIT finished(exitCode, failureMessage);
    };
    connect(m_dispatcher, &Dispatcher::idle, this, [this, done] {
        if (m_dispatcher->inFlightCount() == 0)
            done();
    });
    connect(deadline, &QTimer::timeout, this, done);
    deadline->start(exitNotificationTimeoutMs);
}

void ManagerService::start()
{
    QString error;
    if (!lockStateDir(&error) || !startSupervision(&error) || !startNotifications(&error)
        || !startEndpoints(&error)) {
        m_finishing = true;
        Q_EMIT finished(ManagerConnection::ExitFatal, error);
        return;
    }
    m_connection->start();
}

void ManagerService::stop()
{
    // Sent first, because the graceful stop may wait for the broker for several seconds.
    m_systemd->notifyStopping();
    m_systemd->notifyStatus(u"stopping"_s);
    m_connection->stop();
}

void ManagerService::handleStateChanged()
{
    const ManagerConnection::State state = m_connection->state();
    QString status = u"MQTT %1"_s.arg(ManagerConnection::stateName(state));
    if (m_connection->isReady()) {
        status = u"connected to %1 and subscribed as %2"_s.arg(m_settings.mqtt.host, m_connection->managerId());
        m_systemd->notifyReady();
    }
    m_systemd->notifyStatus(status);
}

void ManagerService::handleEvent(const Event& event)
{
    if (m_dispatcher)
        m_dispatcher->dispatch(event);
    const QString counter = event.reminder ? u"gcn_reminders_total"_s : u"gcn_events_total"_s;
    m_metrics.increment(counter, {{u"type"_s, eventTypeName(event.type)}});
    qCInfo(lcService).noquote() << u"%1 %2 %3%4%5"_s.arg(
        event.reminder ? u"reminder of event"_s : u"event"_s, eventTypeName(event.type),
        event.boardId.isEmpty() ? event.managerId : event.boardId,
        event.pin.isEmpty() ? QString() : u" pin "_s + event.pin, event.detail.isEmpty() ? QString() : u": "_s + event.detail);
}

} // namespace gcn
