#include "BoardFleet.h"

#include <unistd.h>

#include <algorithm>

#include <QRandomGenerator>
#include <QSocketNotifier>
#include <QTimer>

namespace gcn {

using namespace Qt::StringLiterals;

BoardFleet::BoardFleet(const MqttConnectOptions& brokerOptions, const BoardBehaviour& behaviour,
                       const QStringList& macs, QObject* parent)
    : QObject(parent)
    , m_out(stdout)
{
    for (const QString& mac : macs) {
        auto* board = new SimulatedBoard(mac, brokerOptions, behaviour, this);
        connect(board, &SimulatedBoard::connected, this, [this](const QString& id) {
            report(u"connected "_s + id);
            if (m_waitingForConnections && allConnected()) {
                m_waitingForConnections = false;
                report(u"all connected"_s);
                runNextScriptLine();
            }
        });
        connect(board, &SimulatedBoard::disconnected, this,
                [this](const QString& id) { report(u"disconnected "_s + id); });
        connect(board, &SimulatedBoard::commandReceived, this, [this](const QString& id, const QString& command) {
            report(u"command %1 %2"_s.arg(id, command));
        });
        connect(board, &SimulatedBoard::failed, this,
                [this](const QString& id, const QString& reason) { report(u"error %1 %2"_s.arg(id, reason)); });
        m_boards.append(board);
    }
}

QString BoardFleet::macForIndex(const QString& prefix, int index)
{
    // The prefix gives the first three bytes; the index fills the last three.
    return u"%1:%2:%3:%4"_s.arg(prefix)
        .arg((index >> 16) & 0xff, 2, 16, QChar(u'0'))
        .arg((index >> 8) & 0xff, 2, 16, QChar(u'0'))
        .arg(index & 0xff, 2, 16, QChar(u'0'))
        .toUpper();
}

QString BoardFleet::commandHelp()
{
    return u"Commands (BOARD is a MAC address, an index from 0, or 'all'):\n"
           "  set BOARD PIN 0|1        set a pin and publish the sample\n"
           "  toggle BOARD PIN         invert a pin\n"
           "  burst BOARD PIN N        toggle a pin N times at once\n"
           "  skew BOARD SECONDS       shift the board clock\n"
           "  heartbeat BOARD on|off   start or stop heartbeats\n"
           "  drop BOARD N             add N to the dropped-items counter and publish it\n"
           "  metrics BOARD            publish every metric now\n"
           "  offline BOARD            publish offline and disconnect cleanly\n"
           "  kill BOARD               drop the connection so that the will fires\n"
           "  connect BOARD            connect again\n"
           "  malformed BOARD KIND     publish a malformed message; KIND: gpio-payload, heartbeat-text,\n"
           "                           status-word, bad-mac, invalid-utf8, extra-level, empty-pin\n"
           "  publish TOPIC PAYLOAD    publish a raw retained message through board 0\n"
           "  sleep MS                 wait (scripts and standard input)\n"
           "  wait-connected           wait until every board is connected\n"
           "  quit                     stop\n"_s;
}

void BoardFleet::connectAll()
{
    for (SimulatedBoard* board : std::as_const(m_boards))
        board->connectToBroker();
}

void BoardFleet::readStandardInput()
{
    m_stdinNotifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_stdinNotifier, &QSocketNotifier::activated, this, [this] {
        char buffer[4096];
        const ssize_t count = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (count <= 0) {
            m_stdinNotifier->setEnabled(false);
            return;
        }
        m_stdinBuffer.append(buffer, count);
        QStringList lines;
        qsizetype newline = -1;
        while ((newline = m_stdinBuffer.indexOf('\n')) >= 0) {
            lines.append(QString::fromUtf8(m_stdinBuffer.left(newline)));
            m_stdinBuffer.remove(0, newline + 1);
        }
        runScript(lines);
    });
}

void BoardFleet::runScript(const QStringList& lines)
{
    m_script.append(lines);
    if (!m_scriptWaiting && !m_waitingForConnections)
        runNextScriptLine();
}

bool BoardFleet::allConnected() const
{
    return std::all_of(m_boards.cbegin(), m_boards.cend(), [](const SimulatedBoard* board) {
        return board->isConnected();
    });
}

void BoardFleet::runNextScriptLine()
{
    while (!m_script.isEmpty()) {
        const QString line = m_script.takeFirst().trimmed();
        if (line == "wait-connected"_L1) {
            if (allConnected()) {
                report(u"all connected"_s);
                continue;
            }
            m_waitingForConnections = true;
            return;
        }
        if (line.startsWith("sleep "_L1)) {
            m_scriptWaiting = true;
            QTimer::singleShot(line.mid(6).toInt(), this, [this] {
                m_scriptWaiting = false;
                runNextScriptLine();
            });
            return;
        }
        execute(line);
    }
}

void BoardFleet::startRandomChanges(int intervalMs)
{
    auto* timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, [this] {
        if (m_boards.isEmpty())
            return;
        SimulatedBoard* board = m_boards.at(QRandomGenerator::global()->bounded(int(m_boards.size())));
        board->togglePin(u"D1"_s);
        report(u"toggled %1 D1"_s.arg(board->mac()));
    });
    timer->start(intervalMs);
}

QList<SimulatedBoard*> BoardFleet::select(const QString& selector) const
{
    if (selector == "all"_L1)
        return m_boards;
    bool isIndex = false;
    const int index = selector.toInt(&isIndex);
    if (isIndex)
        return index >= 0 && index < m_boards.size() ? QList<SimulatedBoard*> {m_boards.at(index)} : QList<SimulatedBoard*> {};
    for (SimulatedBoard* board : m_boards) {
        if (board->mac().compare(selector, Qt::CaseInsensitive) == 0)
            return {board};
    }
    return {};
}

void BoardFleet::execute(const QString& line)
{
    if (line.isEmpty() || line.startsWith(u'#'))
        return;
    const QStringList words = line.split(u' ', Qt::SkipEmptyParts);
    const QString& command = words.first();
    if (command == "quit"_L1) {
        Q_EMIT quitRequested(0);
        return;
    }
    if (command == "help"_L1) {
        m_out << commandHelp() << Qt::flush;
        return;
    }
    if (command == "publish"_L1 && words.size() >= 2 && !m_boards.isEmpty()) {
        const QString payload = line.section(u' ', 2);
        m_boards.first()->publishRaw(words.at(1), payload.toUtf8());
        report(u"published "_s + words.at(1));
        return;
    }
    if (words.size() < 2) {
        report(u"invalid command: "_s + line);
        return;
    }
    const QList<SimulatedBoard*> boards = select(words.at(1));
    if (boards.isEmpty()) {
        report(u"unknown board: "_s + words.at(1));
        return;
    }
    const QString argument = words.value(2);
    for (SimulatedBoard* board : boards) {
        if (command == "set"_L1 && words.size() == 4)
            board->setPin(argument, words.at(3).toInt());
        else if (command == "toggle"_L1 && words.size() == 3)
            board->togglePin(argument);
        else if (command == "burst"_L1 && words.size() == 4) {
            for (int i = 0; i < words.at(3).toInt(); ++i)
                board->togglePin(argument);
        } else if (command == "skew"_L1 && words.size() == 3)
            board->setClockSkew(argument.toLongLong());
        else if (command == "heartbeat"_L1 && words.size() == 3)
            board->setHeartbeatEnabled(argument == "on"_L1);
        else if (command == "drop"_L1 && words.size() == 3)
            board->addDroppedItems(argument.toLongLong());
        else if (command == "metrics"_L1)
            board->publishMetrics();
        else if (command == "offline"_L1)
            board->goOfflineCleanly();
        else if (command == "kill"_L1)
            board->die();
        else if (command == "connect"_L1)
            board->connectToBroker();
        else if (command == "malformed"_L1 && words.size() == 3)
            publishMalformed(board, argument);
        else {
            report(u"invalid command: "_s + line);
            return;
        }
    }
    report(u"done "_s + line);
}

void BoardFleet::publishMalformed(SimulatedBoard* board, const QString& kind)
{
    const QString mac = board->mac();
    if (kind == "gpio-payload"_L1)
        board->publishRaw(board->topic(u"gpio/D1"_s), "up now");
    else if (kind == "heartbeat-text"_L1)
        board->publishRaw(board->topic(u"heartbeat"_s), "yesterday");
    else if (kind == "status-word"_L1)
        board->publishRaw(board->topic(u"status"_s), "sleeping");
    else if (kind == "bad-mac"_L1)
        board->publishRaw(u"gcn/not-a-mac/out/status"_s, "online");
    else if (kind == "invalid-utf8"_L1)
        board->publishRaw(board->topic(u"monitored_gpio"_s), QByteArray("D1,\xff\xfe", 5));
    else if (kind == "extra-level"_L1)
        board->publishRaw(board->topic(u"gpio/D1/extra"_s), "1 1700000000");
    else if (kind == "empty-pin"_L1)
        board->publishRaw(u"gcn/%1/out/gpio/"_s.arg(mac), "1 1700000000");
    else
        report(u"unknown malformed kind: "_s + kind);
}

void BoardFleet::report(const QString& line)
{
    m_out << line << Qt::endl;
}

} // namespace gcn
