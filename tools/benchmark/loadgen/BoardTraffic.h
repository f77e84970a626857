#pragma once

#include <vector>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace gcn::bench {

// One message a board publishes. Every board topic is retained and QoS 0, as in the ESP8266 firmware.
struct BoardMessage
{
    int board = 0;
    QByteArray topic;
    QByteArray payload;
};

// Topics and payloads of a fleet of simulated GCN boards, with the per-board state they depend on (pin
// states, counters). Board i has the MAC address <prefix>:<firstIndex + i in three hexadecimal bytes>, so
// that several generators can share a fleet.
class BoardTraffic
{
public:
    BoardTraffic(const QString& macPrefix, int firstIndex, int boardCount, const QStringList& pins);

    static QString macForIndex(const QString& prefix, int index);
    // Messages published by appendMetrics(): every metric topic of the firmware.
    static int metricsMessageCount();

    int boardCount() const { return m_boardCount; }
    const QStringList& pins() const { return m_pins; }
    // Index of a pin in pins(), -1 when the boards do not monitor it.
    int pinIndex(const QString& pin) const { return int(m_pins.indexOf(pin)); }
    QString mac(int board) const;
    // "gcn-" then the MAC with ':' replaced by '_', as the firmware.
    QByteArray clientId(int board) const;
    QByteArray topic(int board, const char* suffix) const;

    // What the firmware publishes after each connect: status online, monitored pins, hardware, one sample
    // per pin, a heartbeat, the dropped-item counter and every metric.
    void appendConnectSet(int board, QList<BoardMessage>& out);
    void appendMetrics(int board, QList<BoardMessage>& out);
    BoardMessage heartbeat(int board) const;
    BoardMessage status(int board, bool online) const;
    // Inverts the board's pins in turn and returns the new sample.
    BoardMessage toggleNextPin(int board);
    BoardMessage setPin(int board, int pinIndex, int state);

private:
    BoardMessage sample(int board, int pinIndex) const;

    int m_boardCount = 0;
    QStringList m_pins;
    QList<QByteArray> m_pinTopicSuffixes;
    // "gcn/<MAC>/out/" of each board.
    std::vector<QByteArray> m_topicPrefixes;
    // Pin states, boardCount * pins.size(), and the pin each board toggles next.
    std::vector<quint8> m_pinStates;
    std::vector<int> m_nextPin;
    std::vector<quint32> m_publishedCount;
};

} // namespace gcn::bench
