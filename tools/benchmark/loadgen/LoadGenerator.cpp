#include "LoadGenerator.h"

#include <chrono>

#include <unistd.h>

#include <QSocketNotifier>

namespace gcn::bench {

using namespace Qt::StringLiterals;

namespace {

// Messages published per flood step before the event loop gets control back (for reads and commands).
constexpr int floodBatch = 512;
// Period of the rate timer; each tick publishes what became due since the previous one.
constexpr int tickMs = 1;

} // namespace

LoadGenerator::LoadGenerator(const LinkSettings& linkSettings, const LoadOptions& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_pool(linkSettings)
    , m_traffic(options.macPrefix, options.firstBoard, options.boardCount, options.pins)
    , m_schedule(options.boardCount, options.periods, BoardTraffic::metricsMessageCount())
    , m_lastHeartbeatUs(size_t(options.boardCount), 0)
    , m_silenced(size_t(options.boardCount), false)
    , m_out(stdout)
{
    m_tickTimer.setTimerType(Qt::PreciseTimer);
    m_tickTimer.setInterval(tickMs);
    connect(&m_tickTimer, &QTimer::timeout, this, &LoadGenerator::onTick);
    m_floodTimer.setSingleShot(true);
    m_floodTimer.setInterval(0);
    connect(&m_floodTimer, &QTimer::timeout, this, &LoadGenerator::floodStep);
    connect(&m_pool, &LinkPool::linkConnected, this, &LoadGenerator::onLinkConnected);
    connect(&m_pool, &LinkPool::linkClosed, this, &LoadGenerator::onLinkClosed);
    connect(&m_pool, &LinkPool::linkDrained, this, &LoadGenerator::onLinkDrained);
}

QString LoadGenerator::commandHelp()
{
    return u"Commands (BOARD is an index from 0 or a MAC address):\n"
           "  rate R [COUNT]         publish the fleet's periodic traffic at R messages/s, COUNT messages at most\n"
           "  realtime [COUNT]       publish it on the boards' own clock (periods in seconds)\n"
           "  flood [COUNT]          publish it as fast as the connections accept it\n"
           "  preload                publish every board's connect-time set once, as fast as accepted\n"
           "  stop                   stop rate, flood or preload\n"
           "  gpio BOARD PIN 0|1     publish a GPIO sample; reports its publish time\n"
           "  heartbeat BOARD        publish a heartbeat now; reports its publish time\n"
           "  silence BOARD          stop the board's heartbeats; reports the last one's publish time\n"
           "  offline BOARD          publish the board's offline status\n"
           "  kill BOARD             close the board's own connection without DISCONNECT (one link per board)\n"
           "  stats                  report the messages published so far\n"
           "  quit                   exit\n"
           "Reports: ready, preloaded, done, gpio, heartbeat, silenced, offline, killed, stats, closed, error.\n"_s;
}

bool LoadGenerator::initialize(const QString& caFile, const QString& tlsName, QString* error)
{
    if (!m_pool.initialize(caFile, tlsName, error))
        return false;
    if (perBoardLinks()) {
        for (int board = 0; board < m_traffic.boardCount(); ++board) {
            m_pool.addLink(m_traffic.clientId(board),
                           MqttLink::Will {m_traffic.topic(board, "status"), QByteArrayLiteral("offline")});
        }
    } else {
        const QByteArray pid = QByteArray::number(qint64(::getpid()));
        for (int index = 0; index < m_options.linkCount; ++index)
            m_pool.addLink("gcn-loadgen-" + pid + '-' + QByteArray::number(index), std::nullopt);
    }
    return true;
}

void LoadGenerator::connectAll()
{
    m_pool.connectAll(m_options.maxPendingConnects);
}

int LoadGenerator::linkOf(int board) const
{
    return perBoardLinks() ? board : board % m_options.linkCount;
}

qint64 LoadGenerator::epochMicroseconds()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

void LoadGenerator::report(const QString& line)
{
    m_out << line << '\n';
    m_out.flush();
}

bool LoadGenerator::publishNow(const BoardMessage& message)
{
    if (!m_pool.publish(linkOf(message.board), message.topic, message.payload)) {
        ++m_publishFailures;
        return false;
    }
    ++m_published;
    return true;
}

// ---- Commands ----

void LoadGenerator::readStandardInput()
{
    m_stdinNotifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_stdinNotifier, &QSocketNotifier::activated, this, [this] {
        char buffer[4096];
        const ssize_t count = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (count <= 0) {
            m_stdinNotifier->setEnabled(false);
            Q_EMIT quitRequested(0);
            return;
        }
        m_stdinBuffer.append(buffer, count);
        qsizetype newline = -1;
        while ((newline = m_stdinBuffer.indexOf('\n')) >= 0) {
            const QString line = QString::fromUtf8(m_stdinBuffer.left(newline)).trimmed();
            m_stdinBuffer.remove(0, newline + 1);
            if (!line.isEmpty())
                execute(line);
        }
    });
}

std::optional<int> LoadGenerator::parseBoard(const QString& text) const
{
    bool isNumber = false;
    const int index = text.toInt(&isNumber);
    if (isNumber)
        return index >= 0 && index < m_traffic.boardCount() ? std::optional(index) : std::nullopt;
    for (int board = 0; board < m_traffic.boardCount(); ++board) {
        if (m_traffic.mac(board).compare(text, Qt::CaseInsensitive) == 0)
            return board;
    }
    return std::nullopt;
}

void LoadGenerator::execute(const QString& line)
{
    const QStringList words = line.split(u' ', Qt::SkipEmptyParts);
    const QString command = words.value(0);
    if (command == "quit"_L1) {
        Q_EMIT quitRequested(0);
        return;
    }
    if (command == "stats"_L1) {
        report(u"stats published=%1 failed=%2 links=%3 queued=%4"_s.arg(m_published).arg(m_publishFailures)
                   .arg(m_pool.connectedCount()).arg(m_outgoing.size()));
        return;
    }
    if (command == "rate"_L1 || command == "flood"_L1 || command == "realtime"_L1) {
        const bool flood = command == "flood"_L1;
        const bool realtime = command == "realtime"_L1;
        bool valid = true;
        double rate = 0;
        if (realtime)
            rate = m_schedule.naturalRate();
        else if (!flood)
            rate = words.value(1).toDouble(&valid);
        const QString limitText = words.value(flood || realtime ? 1 : 2, u"0"_s);
        bool limitValid = false;
        const qint64 limit = limitText.toLongLong(&limitValid);
        if (!valid || (!flood && rate <= 0) || !limitValid || limit < 0) {
            report(u"error invalid command: "_s + line);
            return;
        }
        startRun(Source::Schedule, rate, limit);
        return;
    }
    if (command == "preload"_L1) {
        startRun(Source::ConnectSets, 0, 0);
        return;
    }
    if (command == "stop"_L1) {
        stopRun(u"stopped"_s);
        return;
    }

    const std::optional<int> board = parseBoard(words.value(1));
    if (!board) {
        report(u"error unknown board in: "_s + line);
        return;
    }
    const QString mac = m_traffic.mac(*board);
    if (command == "gpio"_L1 && words.size() == 4) {
        const int pin = m_traffic.pinIndex(words.at(2));
        if (pin < 0 || (words.at(3) != "0"_L1 && words.at(3) != "1"_L1)) {
            report(u"error invalid pin or state in: "_s + line);
            return;
        }
        const BoardMessage message = m_traffic.setPin(*board, pin, words.at(3).toInt());
        const qint64 now = epochMicroseconds();
        if (publishNow(message))
            report(u"gpio %1 %2 %3 %4"_s.arg(mac, words.at(2), words.at(3)).arg(now));
        return;
    }
    if (command == "heartbeat"_L1) {
        const qint64 now = epochMicroseconds();
        if (publishNow(m_traffic.heartbeat(*board))) {
            m_lastHeartbeatUs[size_t(*board)] = now;
            report(u"heartbeat %1 %2"_s.arg(mac).arg(now));
        }
        return;
    }
    if (command == "silence"_L1) {
        m_silenced[size_t(*board)] = true;
        report(u"silenced %1 %2"_s.arg(mac).arg(m_lastHeartbeatUs[size_t(*board)]));
        return;
    }
    if (command == "offline"_L1) {
        const qint64 now = epochMicroseconds();
        if (publishNow(m_traffic.status(*board, false)))
            report(u"offline %1 %2"_s.arg(mac).arg(now));
        return;
    }
    if (command == "kill"_L1) {
        if (!perBoardLinks()) {
            report(u"error kill needs one connection per board (--links 0)"_s);
            return;
        }
        m_silenced[size_t(*board)] = true;
        const qint64 now = epochMicroseconds();
        m_pool.abort(*board);
        report(u"killed %1 %2"_s.arg(mac).arg(now));
        return;
    }
    report(u"error invalid command: "_s + line);
}

// ---- Runs ----

void LoadGenerator::startRun(Source source, double rate, qint64 limit)
{
    stopRun({});
    m_source = source;
    m_rate = rate;
    m_limit = limit;
    m_runPublished = 0;
    m_nextConnectSet = 0;
    m_runClock.start();
    if (source == Source::Schedule && rate > 0) {
        m_runStartBoardMs = m_schedule.peek().dueMs;
        m_speed = rate / m_schedule.naturalRate();
        m_tickTimer.start();
    } else {
        m_floodTimer.start();
    }
}

void LoadGenerator::stopRun(const QString& reason)
{
    if (m_source == Source::None)
        return;
    const Source source = m_source;
    m_source = Source::None;
    m_tickTimer.stop();
    m_floodTimer.stop();
    m_waitingLink = -1;
    if (source == Source::Schedule)
        m_outgoing.clear();
    if (!reason.isEmpty()) {
        const double seconds = double(m_runClock.nsecsElapsed()) / 1e9;
        report(u"%1 published=%2 seconds=%3"_s.arg(reason).arg(m_runPublished).arg(seconds, 0, 'f', 3));
    }
}

// Expands a schedule entry into the messages it stands for.
void LoadGenerator::expand(const TrafficSchedule::Entry& entry)
{
    switch (entry.kind) {
    case TrafficKind::Heartbeat:
        if (!m_silenced[size_t(entry.board)])
            m_outgoing.push_back(m_traffic.heartbeat(entry.board));
        break;
    case TrafficKind::Metrics: {
        QList<BoardMessage> metrics;
        m_traffic.appendMetrics(entry.board, metrics);
        m_outgoing.insert(m_outgoing.end(), metrics.cbegin(), metrics.cend());
        break;
    }
    case TrafficKind::GpioChange:
        m_outgoing.push_back(m_traffic.toggleNextPin(entry.board));
        break;
    }
}

// Adds the next messages of the run's source to the outgoing queue; false when the source is exhausted.
bool LoadGenerator::refill()
{
    if (m_source == Source::Schedule) {
        expand(m_schedule.takeNext());
        return true;
    }
    if (m_source == Source::ConnectSets && m_nextConnectSet < m_traffic.boardCount()) {
        QList<BoardMessage> set;
        m_traffic.appendConnectSet(m_nextConnectSet++, set);
        m_outgoing.insert(m_outgoing.end(), set.cbegin(), set.cend());
        return true;
    }
    return false;
}

bool LoadGenerator::limitReached() const
{
    return m_limit > 0 && m_runPublished >= m_limit;
}

void LoadGenerator::onTick()
{
    const double boardMs = m_runStartBoardMs + double(m_runClock.nsecsElapsed()) / 1e6 * m_speed;
    while (const std::optional<TrafficSchedule::Entry> entry = m_schedule.takeDue(boardMs))
        expand(*entry);
    while (!m_outgoing.empty() && !limitReached()) {
        const BoardMessage message = std::move(m_outgoing.front());
        m_outgoing.pop_front();
        if (message.topic.endsWith("/heartbeat"))
            m_lastHeartbeatUs[size_t(message.board)] = epochMicroseconds();
        if (publishNow(message))
            ++m_runPublished;
    }
    finishIfDone();
}

void LoadGenerator::floodStep()
{
    for (int sent = 0; sent < floodBatch && m_source != Source::None && !limitReached(); ++sent) {
        if (m_outgoing.empty() && !refill())
            break;
        if (m_outgoing.empty())
            continue;
        const int link = linkOf(m_outgoing.front().board);
        if (m_pool.hasPendingOutput(link)) {
            // linkDrained() resumes the flood.
            m_waitingLink = link;
            return;
        }
        const BoardMessage message = std::move(m_outgoing.front());
        m_outgoing.pop_front();
        if (message.topic.endsWith("/heartbeat"))
            m_lastHeartbeatUs[size_t(message.board)] = epochMicroseconds();
        if (publishNow(message))
            ++m_runPublished;
    }
    finishIfDone();
    if (m_source != Source::None)
        m_floodTimer.start();
}

void LoadGenerator::finishIfDone()
{
    if (m_source == Source::None)
        return;
    if (limitReached()) {
        stopRun(u"done"_s);
        return;
    }
    if (m_source != Source::ConnectSets || !m_outgoing.empty() || m_nextConnectSet < m_traffic.boardCount())
        return;
    for (int index = 0; index < m_pool.linkCount(); ++index) {
        if (m_pool.hasPendingOutput(index)) {
            m_waitingLink = index;
            m_floodTimer.stop();
            return;
        }
    }
    stopRun(u"preloaded"_s);
}

// ---- Links ----

void LoadGenerator::onLinkConnected(int index)
{
    if (perBoardLinks()) {
        // As the firmware after each connect.
        QList<BoardMessage> set;
        m_traffic.appendConnectSet(index, set);
        for (const BoardMessage& message : std::as_const(set))
            publishNow(message);
        m_lastHeartbeatUs[size_t(index)] = epochMicroseconds();
    }
    if (!m_readyReported && m_pool.connectedCount() == m_pool.linkCount()) {
        m_readyReported = true;
        report(u"ready links=%1 boards=%2 published=%3"_s.arg(m_pool.linkCount()).arg(m_traffic.boardCount())
                   .arg(m_published));
    }
}

void LoadGenerator::onLinkClosed(int index, const QString& reason)
{
    report(u"closed %1 %2"_s.arg(QString::fromLatin1(m_pool.link(index).clientId()), reason));
}

void LoadGenerator::onLinkDrained(int index)
{
    if (index != m_waitingLink)
        return;
    m_waitingLink = -1;
    if (m_source == Source::ConnectSets && m_nextConnectSet >= m_traffic.boardCount() && m_outgoing.empty()) {
        finishIfDone();
        return;
    }
    if (m_source != Source::None && !m_tickTimer.isActive())
        floodStep();
}

} // namespace gcn::bench
