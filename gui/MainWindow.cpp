#include "MainWindow.h"

#include "BoardTableModel.h"
#include "HistoryModel.h"
#include "TimelineView.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace gcn {

using namespace Qt::StringLiterals;

MainWindow::MainWindow(BoardTableModel* boards, HistoryModel* history, TimelineView* timeline, QWidget* parent)
    : QMainWindow(parent)
    , m_timeline(timeline)
{
    setWindowTitle(tr("GCN manager"));
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    m_banner = new QLabel(central);
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(u"QLabel { background: #fff3cd; color: #222; border: 1px solid #e0b44c; padding: 6px; }"_s);
    m_banner->hide();
    layout->addWidget(m_banner);

    m_tabs = new QTabWidget(central);
    m_tabs->addTab(createBoardsPage(boards), tr("Boards"));
    m_tabs->addTab(timeline, tr("Timeline"));
    m_tabs->addTab(createHistoryPage(history), tr("Notifications"));
    m_tabs->addTab(createConnectionPage(), tr("Connection"));
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (m_tabs->widget(index) == m_timeline)
            m_timeline->refresh();
    });

    QMenu* fileMenu = menuBar()->addMenu(tr("&Manager"));
    fileMenu->addAction(tr("&Settings…"), this, &MainWindow::settingsRequested);
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Quit"), this, &MainWindow::quitRequested);

    statusBar()->showMessage(tr("Starting"));
    resize(1100, 560);
}

QWidget* MainWindow::createBoardsPage(BoardTableModel* boards)
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    auto* filter = new QLineEdit(page);
    filter->setPlaceholderText(tr("Filter boards: alias, id, status, pin state…"));
    filter->setClearButtonEnabled(true);
    layout->addWidget(filter);

    m_boardProxy = new QSortFilterProxyModel(this);
    m_boardProxy->setSourceModel(boards);
    m_boardProxy->setSortRole(BoardTableModel::SortRole);
    m_boardProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_boardProxy->setFilterKeyColumn(-1);
    connect(filter, &QLineEdit::textChanged, m_boardProxy, &QSortFilterProxyModel::setFilterFixedString);

    m_boardTable = new QTableView(page);
    m_boardTable->setModel(m_boardProxy);
    m_boardTable->setSortingEnabled(true);
    m_boardTable->sortByColumn(BoardTableModel::BoardColumn, Qt::AscendingOrder);
    m_boardTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_boardTable->setAlternatingRowColors(true);
    m_boardTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_boardTable->verticalHeader()->hide();
    layout->addWidget(m_boardTable, 1);
    connect(m_boardTable, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        m_timeline->selectBoard(index.data(BoardTableModel::BoardIdRole).toString());
        showPage(Page::Timeline);
    });
    return page;
}

QWidget* MainWindow::createHistoryPage(HistoryModel* history)
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    auto* filters = new QHBoxLayout;
    m_historyBoard = new QComboBox(page);
    m_historyBoard->addItem(tr("All boards"), QString());
    m_historyResult = new QComboBox(page);
    m_historyResult->addItem(tr("All results"), -1);
    for (auto result : {NotificationHistoryEntry::Result::Pending, NotificationHistoryEntry::Result::Delivered,
                        NotificationHistoryEntry::Result::Failed})
        m_historyResult->addItem(HistoryModel::resultText(result), int(result));
    filters->addWidget(new QLabel(tr("Board:"), page));
    filters->addWidget(m_historyBoard, 1);
    filters->addWidget(new QLabel(tr("Result:"), page));
    filters->addWidget(m_historyResult);
    layout->addLayout(filters);

    m_historyProxy = new HistoryFilterModel(this);
    m_historyProxy->setSourceModel(history);
    auto* table = new QTableView(page);
    table->setModel(m_historyProxy);
    table->setSortingEnabled(true);
    table->sortByColumn(HistoryModel::TimeColumn, Qt::DescendingOrder);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(table, 1);

    connect(m_historyBoard, &QComboBox::currentIndexChanged, this,
            [this] { m_historyProxy->setBoardFilter(m_historyBoard->currentData().toString()); });
    connect(m_historyResult, &QComboBox::currentIndexChanged, this, [this] {
        const int value = m_historyResult->currentData().toInt();
        m_historyProxy->setResultFilter(value < 0 ? std::nullopt
                                                  : std::optional(NotificationHistoryEntry::Result(value)));
    });
    return page;
}

QWidget* MainWindow::createConnectionPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    m_connectionLabel = new QLabel(page);
    m_connectionLabel->setWordWrap(true);
    m_connectionLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_connectionLabel);
    layout->addWidget(new QLabel(tr("Last events:"), page));
    m_log = new QPlainTextEdit(page);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(maxLogLines);
    layout->addWidget(m_log, 1);
    return page;
}

void MainWindow::addHistoryBoard(const QString& boardId, const QString& name)
{
    const int index = m_historyBoard->findData(boardId);
    if (index < 0)
        m_historyBoard->addItem(name, boardId);
    else
        m_historyBoard->setItemText(index, name);
}

void MainWindow::setBanner(const QString& text)
{
    m_banner->setText(text);
    m_banner->setVisible(!text.isEmpty());
}

QString MainWindow::bannerText() const
{
    return m_banner->text();
}

void MainWindow::setConnectionText(const QString& text, bool ready)
{
    const QString line = tr("Broker: %1").arg(text);
    m_connectionLabel->setText(line);
    m_connectionLabel->setStyleSheet(ready ? QString() : u"QLabel { color: #a61b1b; }"_s);
    statusBar()->showMessage(line);
}

void MainWindow::appendLog(const QString& line)
{
    m_log->appendPlainText(line);
}

void MainWindow::showPage(Page page)
{
    m_tabs->setCurrentIndex(int(page));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_quitOnClose) {
        event->ignore();
        Q_EMIT quitRequested();
        return;
    }
    event->accept();
}

} // namespace gcn
