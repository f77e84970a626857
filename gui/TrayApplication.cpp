#include "TrayApplication.h"

#include "AsyncSecretReader.h"
#include "BoardTableModel.h"
#include "DesktopSender.h"
#include "EventText.h"
#include "HistoryModel.h"
#include "MainWindow.h"
#include "NotificationHistory.h"
#include "SettingsDialog.h"
#include "TestReport.h"
#include "TimelineView.h"
#include "TrayBackend.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QSettings>
#include <QSvgRenderer>

#include "common/Clock.h"
#include "config/QtKeychainSecretStore.h"
#include "config/SecretResolver.h"
#include "mqtt/ManagerConnection.h"
#include "supervision/Supervisor.h"

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

// How long quitting waits for the broker to acknowledge the offline status before leaving anyway.
constexpr int quitTimeoutMs = 10'000;
// Time limit of a keychain write from the settings dialog.
constexpr int keychainWriteTimeoutMs = 3000;
const QString mqttPasswordOption = u"mqtt-user-password"_s;

QIcon iconFromSvg(const QString& path)
{
    QSvgRenderer renderer(path);
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        renderer.render(&painter);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

TrayApplication::TrayApplication(const ParsedCommandLine& parsed, const TrayCommandLine& trayOptions,
                                 QSettings& storage, QObject* parent)
    : QObject(parent)
    , m_clock(Clock::system())
    , m_storage(storage)
    , m_preferences(storage)
    , m_baseConfiguration(parsed)
    , m_trayOptions(trayOptions)
    , m_environment(QProcessEnvironment::systemEnvironment())
    , m_timeline(24 * 3600)
{
    if (trayOptions.modeFromCommandLine)
        m_mode = *trayOptions.mode;
    else
        m_mode = m_preferences.mode().value_or(trayOptions.mode.value_or(TrayMode::Monitor));
    m_alerts = m_preferences.alerts();

    m_icons.insert(TraySummary::State::Fine, iconFromSvg(u":/icons/tray-ok.svg"_s));
    m_icons.insert(TraySummary::State::Problem, iconFromSvg(u":/icons/tray-problem.svg"_s));
    m_icons.insert(TraySummary::State::Disconnected, iconFromSvg(u":/icons/tray-disconnected.svg"_s));

    m_backend = new TrayBackend(m_clock, this);
    m_secretReader = new AsyncSecretReader(this);
    m_boardModel = new BoardTableModel(m_clock, this);
    m_historyModel = new HistoryModel(this);
    // Two outboxes, each shown once: the one of the configured state folder, which a full-mode run or a
    // service of the same user writes, and the monitor's own, which contains the desktop alerts of
    // monitor-mode runs. The state folder comes from the command line and the environment only, so
    // both paths stay the same for the whole session.
    const QString stateDir = parsed.settings.general.stateDir;
    const QString monitorStateDir = TrayBackend::settingsForMode(parsed.settings, TrayMode::Monitor).general.stateDir;
    for (const QString& folder : {stateDir, monitorStateDir}) {
        auto* source = new OutboxHistorySource(folder, OutboxHistorySource::defaultPollMs, this);
        m_historySources.append(source);
        m_historyModel->addSource(source);
    }
    if (!m_trayOptions.testReportPath.isEmpty())
        m_report = new TestReport(m_trayOptions.testReportPath, this);

    connect(m_backend, &TrayBackend::boardsReset, this, &TrayApplication::handleBoardsReset);
    connect(m_backend, &TrayBackend::boardChanged, this, [this](const BoardRecord& record) {
        m_boardModel->updateBoard(record);
        m_timeline.observe(record, m_clock.now());
        m_window->addHistoryBoard(record.id, EventText::boardName(record.id, m_backend->naming().boardAlias(record.id)));
        updateSummary();
    });
    connect(m_backend, &TrayBackend::eventOccurred, this, &TrayApplication::handleEvent);
    connect(m_backend, &TrayBackend::connectionChanged, this, &TrayApplication::updateSummary);
    // The run's own messages show at once; the timer of each source catches those of other processes.
    connect(m_backend, &TrayBackend::notificationChanged, this, [this] {
        for (OutboxHistorySource* source : std::as_const(m_historySources))
            source->poll();
        writeReport();
    });
    connect(m_backend, &TrayBackend::runFinished, this, &TrayApplication::handleRunFinished);

    m_refreshTimer.setInterval(1000);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        if (m_window->isVisible()) {
            m_boardModel->refreshTimes();
            m_timelineView->refresh();
        }
    });
}

TrayApplication::~TrayApplication()
{
    delete m_window;
}

void TrayApplication::start()
{
    createWindow();
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        createTrayIcon();
    } else {
        qCWarning(lcTray) << "no system tray is available; showing the window instead";
        m_noTrayText = tr("No system tray was found on this desktop, so the manager shows this window instead of "
                          "a tray icon and cannot pop up desktop alerts. Closing the window quits.");
        refreshBanner();
        m_window->setQuitOnClose(true);
        m_window->show();
    }
    m_desktopSender = new DesktopSender(m_trayIcon, this);
    m_desktopSender->setPaused(m_alerts.paused);
    m_backend->setDesktopSender(m_desktopSender);
    m_refreshTimer.start();
    if (m_trayOptions.openWindow)
        showWindow();
    updateSummary();
    startRun();
}

void TrayApplication::createWindow()
{
    m_timelineView = new TimelineView(m_timeline, m_clock);
    m_window = new MainWindow(m_boardModel, m_historyModel, m_timelineView);
    connect(m_window, &MainWindow::settingsRequested, this, &TrayApplication::openSettings);
    connect(m_window, &MainWindow::quitRequested, this, &TrayApplication::quit);
}

void TrayApplication::createTrayIcon()
{
    m_trayIcon = new QSystemTrayIcon(m_icons.value(TraySummary::State::Disconnected), this);
    m_trayMenu = new QMenu;
    m_trayMenu->addAction(tr("Open window"), this, &TrayApplication::showWindow);
    m_pauseAction = m_trayMenu->addAction(tr("Pause desktop alerts"));
    m_pauseAction->setCheckable(true);
    m_pauseAction->setChecked(m_alerts.paused);
    connect(m_pauseAction, &QAction::toggled, this, &TrayApplication::setAlertsPaused);
    m_trayMenu->addAction(tr("Settings…"), this, &TrayApplication::openSettings);
    m_trayMenu->addSeparator();
    m_trayMenu->addAction(tr("Quit"), this, &TrayApplication::quit);
    m_trayIcon->setContextMenu(m_trayMenu);
    connect(m_trayIcon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            toggleWindow();
    });
    connect(m_trayIcon, &QSystemTrayIcon::messageClicked, this, &TrayApplication::showWindow);
    connect(this, &QObject::destroyed, m_trayMenu, &QObject::deleteLater);
    m_trayIcon->show();
}

void TrayApplication::startRun()
{
    ParsedCommandLine effective = m_baseConfiguration;
    for (const QString& problem : m_preferences.applyTo(effective))
        qCWarning(lcTray).noquote() << problem;

    // Files and the environment first; the keychain is read below without blocking.
    const auto resolution = resolveSecrets(effective, m_environment, nullptr);
    if (!resolution) {
        showStartProblem(resolution.error().toString());
        return;
    }
    if (const std::optional<ConfigError> error = validateForRun(effective.settings)) {
        showStartProblem(error->toString());
        return;
    }
    const Settings runSettings = TrayBackend::settingsForMode(effective.settings, m_mode);
    QStringList fromKeychain;
    for (const QString& name : secretsUsedBy(runSettings)) {
        if (effective.sources.value(name) == ValueSource::Default && !m_sessionSecrets.contains(name))
            fromKeychain.append(name);
    }
    m_secretReader->disconnect(this);
    connect(m_secretReader, &AsyncSecretReader::finished, this,
            [this, effective](const QHash<QString, QString>& values, const QStringList& problems) {
                launchWithSecrets(effective, values, problems);
            });
    m_secretReader->read(fromKeychain);
}

void TrayApplication::launchWithSecrets(ParsedCommandLine effective, const QHash<QString, QString>& keychainValues,
                                        const QStringList& keychainProblems)
{
    for (auto it = keychainValues.cbegin(); it != keychainValues.cend(); ++it)
        m_sessionSecrets.insert(it.key(), it.value());
    for (auto it = m_sessionSecrets.cbegin(); it != m_sessionSecrets.cend(); ++it) {
        if (effective.sources.value(it.key()) != ValueSource::Default)
            continue;
        if (const OptionSpec* spec = findOption(it.key()); spec && !spec->apply(effective.settings, it.value()))
            effective.sources.insert(it.key(), ValueSource::Keychain);
    }
    const Settings runSettings = TrayBackend::settingsForMode(effective.settings, m_mode);
    if (const std::optional<ConfigError> missing = requireSecretsForRun(runSettings)) {
        QString problem = missing->toString();
        if (!keychainProblems.isEmpty())
            problem += u' ' + tr("The keychain could not be read: %1").arg(keychainProblems.join(u"; "_s));
        showStartProblem(problem);
        return;
    }
    m_startProblem.clear();
    refreshBanner();
    m_timelineView->setWatchdogSec(runSettings.supervision.heartbeatWatchdogSec);
    m_backend->start(effective.settings, m_mode, m_alerts.types);
}

void TrayApplication::showStartProblem(const QString& problem)
{
    qCWarning(lcTray).noquote() << "cannot connect:" << problem;
    m_startProblem = tr("The manager cannot connect: %1\nOpen the settings to fix it.").arg(problem);
    refreshBanner();
    m_window->appendLog(m_startProblem);
    updateSummary();
    showWindow();
}

void TrayApplication::refreshBanner()
{
    QStringList parts;
    if (!m_noTrayText.isEmpty())
        parts.append(m_noTrayText);
    if (!m_startProblem.isEmpty())
        parts.append(m_startProblem);
    m_window->setBanner(parts.join(u"\n\n"_s));
}

void TrayApplication::handleBoardsReset()
{
    const Naming naming = m_backend->naming();
    m_boardModel->setNaming(naming);
    m_historyModel->setNaming(naming);
    m_timelineView->setNaming(naming);
    m_boardModel->setBoards(m_backend->boards());
    for (const BoardRecord& record : m_boardModel->boards()) {
        m_timeline.observe(record, m_clock.now());
        m_window->addHistoryBoard(record.id, EventText::boardName(record.id, naming.boardAlias(record.id)));
    }
    updateSummary();
}

void TrayApplication::handleRunFinished(int exitCode, const QString& failureMessage)
{
    if (exitCode != 0 && !m_quitting) {
        m_window->appendLog(tr("%1  The connection ended: %2")
                                .arg(QLocale().toString(m_clock.now().toLocalTime(), u"HH:mm:ss"_s), failureMessage));
        showStartProblem(failureMessage);
    }
    updateSummary();
}

void TrayApplication::handleEvent(const Event& event)
{
    m_lastEvent = event;
    m_window->appendLog(u"%1  %2 — %3"_s.arg(QLocale().toString(event.occurredAt.toLocalTime(), u"HH:mm:ss"_s),
                                             EventText::title(event), EventText::body(event)));
    updateSummary();
}

void TrayApplication::updateSummary()
{
    int online = 0;
    for (const BoardRecord& record : m_boardModel->boards()) {
        if (record.status == BoardStatus::Online)
            ++online;
    }
    const bool ready = m_backend->isReady();
    const QString connection = m_backend->connectionText();
    m_summary = TraySummary::build(ready, connection, m_boardModel->rowCount(), online, m_boardModel->problemCount(),
                                   m_lastEvent);
    if (m_trayIcon) {
        m_trayIcon->setIcon(m_icons.value(m_summary.state));
        m_trayIcon->setToolTip(m_summary.toolTip);
    }
    m_window->setWindowIcon(m_icons.value(m_summary.state));
    m_window->setConnectionText(connection, ready);
    writeReport();
}

void TrayApplication::writeReport()
{
    if (!m_report)
        return;
    QJsonObject content;
    content.insert(u"tooltip"_s, m_summary.toolTip);
    content.insert(u"trayState"_s, TraySummary::stateName(m_summary.state));
    content.insert(u"trayIconVisible"_s, m_trayIcon && m_trayIcon->isVisible());
    content.insert(u"connection"_s, m_backend->connectionText());
    content.insert(u"ready"_s, m_backend->isReady());
    content.insert(u"managerId"_s, m_backend->connection() ? m_backend->connection()->managerId() : QString());
    content.insert(u"mode"_s, trayModeName(m_mode));
    content.insert(u"banner"_s, m_window->bannerText());
    content.insert(u"windowVisible"_s, m_window->isVisible());
    content.insert(u"windowId"_s, QString::number(m_window->winId()));
    QJsonArray rows;
    for (const QStringList& cells : m_boardModel->displayedCells())
        rows.append(QJsonArray::fromStringList(cells));
    content.insert(u"boards"_s, rows);
    QJsonArray history;
    for (const NotificationHistoryEntry& entry : m_historyModel->entries()) {
        history.append(QJsonObject {{u"type"_s, entry.eventTypes.join(u',')},
                                    {u"boards"_s, entry.boardIds.join(u',')},
                                    {u"channel"_s, channelName(entry.channel)},
                                    {u"recipient"_s, entry.recipient},
                                    {u"result"_s, HistoryModel::resultText(entry.result)},
                                    {u"error"_s, entry.error}});
    }
    content.insert(u"history"_s, history);
    m_report->update(content);
}

void TrayApplication::setAlertsPaused(bool paused)
{
    m_alerts.paused = paused;
    m_preferences.setAlertsPaused(paused);
    m_desktopSender->setPaused(paused);
    if (m_pauseAction && m_pauseAction->isChecked() != paused)
        m_pauseAction->setChecked(paused);
    qCInfo(lcTray) << "desktop alerts" << (paused ? "paused" : "resumed");
}

void TrayApplication::openSettings()
{
    ParsedCommandLine effective = m_baseConfiguration;
    m_preferences.applyTo(effective);
    SettingsDialog dialog(effective.settings, m_mode, m_alerts, m_window->isVisible() ? m_window : nullptr);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const SettingsChoice choice = dialog.choice();
    m_preferences.setBrokerValues(choice.broker);
    m_preferences.setMode(choice.mode);
    m_preferences.setAlerts(choice.alerts);
    m_storage.sync();
    m_mode = choice.mode;
    m_alerts = choice.alerts;
    setAlertsPaused(choice.alerts.paused);

    if (choice.newPassword || choice.forgetPassword) {
        QtKeychainSecretStore keychain(secretOptionNames(), keychainWriteTimeoutMs);
        const auto stored = choice.newPassword ? keychain.write(mqttPasswordOption, *choice.newPassword)
                                               : keychain.remove(mqttPasswordOption);
        if (choice.newPassword)
            m_sessionSecrets.insert(mqttPasswordOption, *choice.newPassword);
        else
            m_sessionSecrets.remove(mqttPasswordOption);
        if (!stored) {
            qCWarning(lcTray).noquote() << stored.error().message;
            QMessageBox::warning(m_window, tr("Keychain"),
                                 choice.newPassword
                                     ? tr("The password could not be stored in the keychain, so it is used for this "
                                          "session only: %1")
                                           .arg(stored.error().message)
                                     : tr("The password could not be removed from the keychain: %1")
                                           .arg(stored.error().message));
        }
    }
    m_window->appendLog(tr("%1  Settings changed; reconnecting.")
                            .arg(QLocale().toString(m_clock.now().toLocalTime(), u"HH:mm:ss"_s)));
    startRun();
}

void TrayApplication::showWindow()
{
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
    m_timelineView->refresh();
    writeReport();
}

void TrayApplication::toggleWindow()
{
    if (m_window->isVisible())
        m_window->hide();
    else
        showWindow();
}

void TrayApplication::requestQuit()
{
    quit();
}

void TrayApplication::quit()
{
    if (m_quitting)
        return;
    m_quitting = true;
    qCInfo(lcTray) << "quitting";
    if (m_trayIcon)
        m_trayIcon->hide();
    m_window->hide();
    connect(m_backend, &TrayBackend::stopped, qApp, &QCoreApplication::quit);
    QTimer::singleShot(quitTimeoutMs, qApp, [] {
        qCWarning(lcTray) << "the broker connection did not end within" << quitTimeoutMs << "ms; quitting anyway";
        QCoreApplication::quit();
    });
    m_backend->stop();
}

} // namespace gcn
