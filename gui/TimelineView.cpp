#include "TimelineView.h"

#include "EventText.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QPen>
#include <QSpinBox>
#include <QVBoxLayout>

#include "common/Clock.h"

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

// Vertical room of one pin: its low and high levels are 1 apart, and pins are this far apart.
constexpr double pinSpacing = 1.5;
// The heartbeat band lies below the pins.
constexpr double gapBandLow = -1.0;
constexpr double gapBandHigh = -0.3;
// Gaps drawn at most, newest kept, so that a board flapping for hours cannot flood the chart.
constexpr int maxDrawnGaps = 200;

} // namespace

TimelineView::TimelineView(const BoardTimeline& timeline, Clock& clock, QWidget* parent)
    : QWidget(parent)
    , m_timeline(timeline)
    , m_clock(clock)
    , m_boardSelector(new QComboBox(this))
    , m_hours(new QSpinBox(this))
    , m_view(new QChartView(this))
{
    m_hours->setRange(1, 24);
    m_hours->setValue(3);
    m_hours->setSuffix(tr(" h"));
    m_boardSelector->setMinimumContentsLength(24);
    m_view->setRenderHint(QPainter::Antialiasing);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Board:"), this));
    controls->addWidget(m_boardSelector, 1);
    controls->addWidget(new QLabel(tr("Last:"), this));
    controls->addWidget(m_hours);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_view, 1);

    connect(m_boardSelector, &QComboBox::currentIndexChanged, this, &TimelineView::rebuildChart);
    connect(m_hours, &QSpinBox::valueChanged, this, &TimelineView::rebuildChart);
    rebuildChart();
}

void TimelineView::setNaming(const Naming& naming)
{
    m_naming = naming;
    for (int index = 0; index < m_boardSelector->count(); ++index) {
        const QString id = m_boardSelector->itemData(index).toString();
        m_boardSelector->setItemText(index, EventText::boardName(id, m_naming.boardAlias(id)));
    }
    rebuildChart();
}

void TimelineView::setWatchdogSec(qint64 seconds)
{
    m_watchdogSec = qMax<qint64>(1, seconds);
}

QString TimelineView::selectedBoard() const
{
    return m_boardSelector->currentData().toString();
}

void TimelineView::selectBoard(const QString& boardId)
{
    const int index = m_boardSelector->findData(boardId);
    if (index >= 0)
        m_boardSelector->setCurrentIndex(index);
}

void TimelineView::refresh()
{
    for (const QString& id : m_timeline.boardIds()) {
        if (m_boardSelector->findData(id) < 0)
            m_boardSelector->addItem(EventText::boardName(id, m_naming.boardAlias(id)), id);
    }
    if (isVisible())
        rebuildChart();
}

void TimelineView::showChart(QChart* chart)
{
    // The view releases, but does not delete, the chart it showed before.
    QChart* previous = m_view->chart();
    m_view->setChart(chart);
    delete previous;
}

void TimelineView::rebuildChart()
{
    auto* chart = new QChart;
    chart->legend()->setVisible(false);
    const QString boardId = selectedBoard();
    const QDateTime now = m_clock.now();
    const QDateTime from = now.addSecs(-qint64(m_hours->value()) * 3600);

    auto* timeAxis = new QDateTimeAxis;
    timeAxis->setFormat(u"HH:mm"_s);
    timeAxis->setRange(from.toLocalTime(), now.toLocalTime());
    timeAxis->setTickCount(7);
    chart->addAxis(timeAxis, Qt::AlignBottom);
    auto* levelAxis = new QCategoryAxis;
    levelAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    chart->addAxis(levelAxis, Qt::AlignLeft);

    if (boardId.isEmpty()) {
        chart->setTitle(tr("No board seen yet"));
        levelAxis->setRange(gapBandLow, 1);
        showChart(chart);
        return;
    }
    chart->setTitle(tr("Pins and heartbeats of %1").arg(EventText::boardName(boardId, m_naming.boardAlias(boardId))));
    const BoardTimeline::Board board = m_timeline.board(boardId);

    levelAxis->append(tr("heartbeat gaps"), (gapBandLow + gapBandHigh) / 2);
    const QList<std::pair<QDateTime, QDateTime>> gaps = BoardTimeline::heartbeatGaps(board, from, now, m_watchdogSec);
    for (qsizetype index = qMax<qsizetype>(0, gaps.size() - maxDrawnGaps); index < gaps.size(); ++index) {
        const auto& [start, end] = gaps.at(index);
        auto* upper = new QLineSeries;
        auto* lower = new QLineSeries;
        upper->append(double(start.toMSecsSinceEpoch()), gapBandHigh);
        upper->append(double(end.toMSecsSinceEpoch()), gapBandHigh);
        lower->append(double(start.toMSecsSinceEpoch()), gapBandLow);
        lower->append(double(end.toMSecsSinceEpoch()), gapBandLow);
        auto* area = new QAreaSeries(upper, lower);
        area->setName(tr("heartbeat gap"));
        area->setColor(QColor(214, 48, 49));
        area->setBorderColor(QColor(150, 20, 20));
        chart->addSeries(area);
        area->attachAxis(timeAxis);
        area->attachAxis(levelAxis);
    }

    int pinIndex = 0;
    for (auto it = board.pins.cbegin(); it != board.pins.cend(); ++it, ++pinIndex) {
        const double base = pinIndex * pinSpacing;
        const QString pin = it.key();
        const PinLabel label = m_naming.pinLabel(boardId, pin);
        const QString name = label.label.isEmpty() ? pin : label.label;
        QString downWord = m_naming.stateWord(boardId, pin, 0);
        QString upWord = m_naming.stateWord(boardId, pin, 1);
        levelAxis->append(u"%1 %2"_s.arg(name, downWord.isEmpty() ? tr("down") : downWord), base);
        levelAxis->append(u"%1 %2"_s.arg(name, upWord.isEmpty() ? tr("up") : upWord), base + 1);

        auto* series = new QLineSeries;
        series->setName(name);
        QPen pen = series->pen();
        pen.setWidth(3);
        series->setPen(pen);
        int state = -1;
        for (const BoardTimeline::PinChange& change : it.value()) {
            const QDateTime at = qMax(change.at, from);
            if (state >= 0)
                series->append(double(at.toMSecsSinceEpoch()), base + state);
            state = change.state;
            series->append(double(at.toMSecsSinceEpoch()), base + state);
        }
        if (state >= 0)
            series->append(double(now.toMSecsSinceEpoch()), base + state);
        chart->addSeries(series);
        series->attachAxis(timeAxis);
        series->attachAxis(levelAxis);
    }
    levelAxis->setRange(gapBandLow - 0.2, qMax(1.0, (pinIndex - 1) * pinSpacing + 1.2));
    showChart(chart);
}

} // namespace gcn
