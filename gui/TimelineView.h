#pragma once

#include "BoardTimeline.h"
#include "supervision/Naming.h"

#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QSpinBox;

namespace gcn {

class Clock;

// The timeline chart of one board (Qt Charts): each pin's state as a step line over the last hours,
// and the heartbeat gaps longer than the watchdog period as red bands under them.
class TimelineView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineView)

public:
    TimelineView(const BoardTimeline& timeline, Clock& clock, QWidget* parent = nullptr);

    void setNaming(const Naming& naming);
    void setWatchdogSec(qint64 seconds);
    // Adds boards that appeared to the selector and redraws the chart of the selected one.
    void refresh();
    QString selectedBoard() const;
    void selectBoard(const QString& boardId);

private:
    void rebuildChart();
    void showChart(QChart* chart);

    const BoardTimeline& m_timeline;
    Clock& m_clock;
    Naming m_naming;
    qint64 m_watchdogSec = 60;
    QComboBox* m_boardSelector = nullptr;
    QSpinBox* m_hours = nullptr;
    QChartView* m_view = nullptr;
};

} // namespace gcn
