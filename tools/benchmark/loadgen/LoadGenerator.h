#pragma once

#include "BoardTraffic.h"
#include "LinkPool.h"
#include "TrafficSchedule.h"

#include <deque>
#include <vector>

#include <QElapsedTimer>
#include <QObject>
#include <QTextStream>
#include <QTimer>

class QSocketNotifier;

namespace gcn::bench {

struct LoadOptions
{
    int boardCount = 1;
    // Index of the first board in the MAC addresses, for a fleet split between several generators.
    int firstBoard = 0;
    QString macPrefix = QStringLiteral("AA:BB:CC");
    QStringList pins {QStringLiteral("D1")};
    // Connections that publish on behalf of every board, board i on connection i % linkCount; 0 gives each
    // board a connection of its own, with the firmware's client id and will.
    int linkCount = 4;
    TrafficPeriods periods;
    int maxPendingConnects = 64;
};

// Publishes the traffic of a fleet of boards on command, one command per line on standard input, and
// reports on standard output, one line per fact, with times in microseconds since the Unix epoch.
class LoadGenerator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadGenerator)

public:
    LoadGenerator(const LinkSettings& linkSettings, const LoadOptions& options, QObject* parent = nullptr);

    static QString commandHelp();

    bool initialize(const QString& caFile, const QString& tlsName, QString* error);
    void connectAll();
    void readStandardInput();
    void execute(const QString& line);

Q_SIGNALS:
    void quitRequested(int exitCode);

private:
    enum class Source { None, Schedule, ConnectSets };

    int linkOf(int board) const;
    bool perBoardLinks() const { return m_options.linkCount == 0; }
    std::optional<int> parseBoard(const QString& text) const;
    bool publishNow(const BoardMessage& message);
    void expand(const TrafficSchedule::Entry& entry);
    void startRun(Source source, double rate, qint64 limit);
    void stopRun(const QString& reason);
    void onTick();
    void floodStep();
    bool refill();
    bool limitReached() const;
    void finishIfDone();
    void onLinkConnected(int index);
    void onLinkClosed(int index, const QString& reason);
    void onLinkDrained(int index);
    void report(const QString& line);
    static qint64 epochMicroseconds();

    LoadOptions m_options;
    LinkPool m_pool;
    BoardTraffic m_traffic;
    TrafficSchedule m_schedule;
    std::vector<qint64> m_lastHeartbeatUs;
    std::vector<bool> m_silenced;

    Source m_source = Source::None;
    // 0 for a flood.
    double m_rate = 0;
    qint64 m_limit = 0;
    qint64 m_runPublished = 0;
    int m_nextConnectSet = 0;
    double m_runStartBoardMs = 0;
    double m_speed = 1;
    QElapsedTimer m_runClock;
    std::deque<BoardMessage> m_outgoing;
    QTimer m_tickTimer;
    QTimer m_floodTimer;
    int m_waitingLink = -1;

    qint64 m_published = 0;
    qint64 m_publishFailures = 0;
    bool m_readyReported = false;
    QSocketNotifier* m_stdinNotifier = nullptr;
    QByteArray m_stdinBuffer;
    QTextStream m_out;
};

} // namespace gcn::bench
