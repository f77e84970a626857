#pragma once

#include <QMainWindow>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace gcn {

class BoardTableModel;
class HistoryFilterModel;
class HistoryModel;
class TimelineView;

// The tray's window: boards, timeline, notification history, and the connection with its event log.
// Closing it only hides it while a tray icon can bring it back.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum class Page { Boards, Timeline, Notifications, Connection };

    MainWindow(BoardTableModel* boards, HistoryModel* history, TimelineView* timeline, QWidget* parent = nullptr);

    // A banner above the tabs, e.g. why there is no tray icon; empty text hides it.
    void setBanner(const QString& text);
    QString bannerText() const;
    void setConnectionText(const QString& text, bool ready);
    // Adds a line to the event log, which keeps the last maxLogLines lines.
    void appendLog(const QString& line);
    void showPage(Page page);
    // Sets whether closing the window quits (true) or only hides it (false).
    void setQuitOnClose(bool quit) { m_quitOnClose = quit; }
    // Adds a board to the board filter of the history, if missing.
    void addHistoryBoard(const QString& boardId, const QString& name);

    static constexpr int maxLogLines = 500;

Q_SIGNALS:
    void settingsRequested();
    void quitRequested();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QWidget* createBoardsPage(BoardTableModel* boards);
    QWidget* createHistoryPage(HistoryModel* history);
    QWidget* createConnectionPage();

    QLabel* m_banner = nullptr;
    QTabWidget* m_tabs = nullptr;
    QSortFilterProxyModel* m_boardProxy = nullptr;
    QTableView* m_boardTable = nullptr;
    HistoryFilterModel* m_historyProxy = nullptr;
    QComboBox* m_historyBoard = nullptr;
    QComboBox* m_historyResult = nullptr;
    QLabel* m_connectionLabel = nullptr;
    QPlainTextEdit* m_log = nullptr;
    TimelineView* m_timeline = nullptr;
    bool m_quitOnClose = false;
};

} // namespace gcn
