#pragma once

#include "BoardTimeline.h"
#include "TrayOptions.h"
#include "TrayPreferences.h"
#include "TraySummary.h"
#include "config/Options.h"
#include "supervision/Event.h"

#include <optional>

#include <QHash>
#include <QIcon>
#include <QMap>
#include <QObject>
#include <QProcessEnvironment>
#include <QSystemTrayIcon>
#include <QTimer>

class QAction;
class QMenu;
class QSettings;

namespace gcn {

class AsyncSecretReader;
class BoardTableModel;
class Clock;
class DesktopSender;
class HistoryModel;
class OutboxHistorySource;
class MainWindow;
class TestReport;
class TimelineView;
class TrayBackend;

// The tray app: builds the backend, the models, the window and the tray icon, and keeps them in step.
//
// Settings come from the command line, then QSettings, then the environment and .env file. Secrets come
// from the command line, the environment and files, then from the keychain, which is read without
// blocking the window. Without a system tray the window opens with a banner that gives the reason.
class TrayApplication final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayApplication)

public:
    TrayApplication(const ParsedCommandLine& parsed, const TrayCommandLine& trayOptions, QSettings& storage,
                    QObject* parent = nullptr);
    ~TrayApplication() override;

    // Shows the tray icon (or the window) and starts the first run.
    void start();
    // Ends the run gracefully (the broker gets the offline status), then quits the event loop.
    void requestQuit();

private:
    void createTrayIcon();
    void createWindow();
    void startRun();
    void launchWithSecrets(ParsedCommandLine effective, const QHash<QString, QString>& keychainValues,
                           const QStringList& keychainProblems);
    void showStartProblem(const QString& problem);
    void refreshBanner();
    void handleEvent(const Event& event);
    void handleBoardsReset();
    void handleRunFinished(int exitCode, const QString& failureMessage);
    void updateSummary();
    void writeReport();
    void openSettings();
    void setAlertsPaused(bool paused);
    void showWindow();
    void toggleWindow();
    void quit();

    Clock& m_clock;
    QSettings& m_storage;
    TrayPreferences m_preferences;
    const ParsedCommandLine m_baseConfiguration;
    const TrayCommandLine m_trayOptions;
    const QProcessEnvironment m_environment;
    TrayMode m_mode = TrayMode::Monitor;
    AlertPreferences m_alerts;
    // Secrets typed in the settings dialog or read from the keychain during this session.
    QHash<QString, QString> m_sessionSecrets;

    TrayBackend* m_backend = nullptr;
    AsyncSecretReader* m_secretReader = nullptr;
    BoardTableModel* m_boardModel = nullptr;
    HistoryModel* m_historyModel = nullptr;
    QList<OutboxHistorySource*> m_historySources;
    BoardTimeline m_timeline;
    TimelineView* m_timelineView = nullptr;
    MainWindow* m_window = nullptr;
    QSystemTrayIcon* m_trayIcon = nullptr;
    QMenu* m_trayMenu = nullptr;
    QAction* m_pauseAction = nullptr;
    DesktopSender* m_desktopSender = nullptr;
    TestReport* m_report = nullptr;
    QMap<TraySummary::State, QIcon> m_icons;
    TraySummary m_summary;
    std::optional<Event> m_lastEvent;
    QTimer m_refreshTimer;
    // Banner texts: the reason there is no tray icon, and the reason the last run could not start.
    QString m_noTrayText;
    QString m_startProblem;
    bool m_quitting = false;
};

} // namespace gcn
