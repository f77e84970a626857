#pragma once

#include "SimulatedBoard.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <QTextStream>

class QSocketNotifier;

namespace gcn {

// A set of simulated boards driven by text commands, one per line, from standard input or a script.
class BoardFleet final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BoardFleet)

public:
    BoardFleet(const MqttConnectOptions& brokerOptions, const BoardBehaviour& behaviour, const QStringList& macs,
               QObject* parent = nullptr);

    static QString macForIndex(const QString& prefix, int index);
    static QString commandHelp();

    void connectAll();
    // Reads commands from standard input until it closes.
    void readStandardInput();
    // Queues commands; `sleep MS` lines pause the queue without blocking the event loop.
    void runScript(const QStringList& lines);
    // Changes a random pin of a random board every intervalMs, for the demo.
    void startRandomChanges(int intervalMs);

Q_SIGNALS:
    void quitRequested(int exitCode);

private:
    void runNextScriptLine();
    bool allConnected() const;
    void execute(const QString& line);
    QList<SimulatedBoard*> select(const QString& selector) const;
    void report(const QString& line);
    void publishMalformed(SimulatedBoard* board, const QString& kind);

    QList<SimulatedBoard*> m_boards;
    QStringList m_script;
    bool m_scriptWaiting = false;
    bool m_waitingForConnections = false;
    QSocketNotifier* m_stdinNotifier = nullptr;
    QByteArray m_stdinBuffer;
    QTextStream m_out;
};

} // namespace gcn
