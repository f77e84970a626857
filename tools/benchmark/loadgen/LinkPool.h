#pragma once

#include "MqttLink.h"

#include <memory>
#include <optional>
#include <vector>

#include <QObject>
#include <QString>
#include <QTimer>

class QSocketNotifier;

namespace gcn::bench {

// The MQTT connections of the load generator and their event loop: one epoll set watched by a single
// QSocketNotifier, so that ten thousand connections cost the Qt event loop one descriptor. All links share
// one TLS context, which verifies the broker's certificate against a CA file and the expected name.
class LinkPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LinkPool)

public:
    explicit LinkPool(const LinkSettings& settings, QObject* parent = nullptr);
    ~LinkPool() override;

    // Creates the TLS context and the epoll set. tlsName is the host name or IP address the certificate
    // must carry.
    bool initialize(const QString& caFile, const QString& tlsName, QString* error);
    int addLink(const QByteArray& clientId, std::optional<MqttLink::Will> will);
    // Connects every link, keeping at most maxPending TLS handshakes in flight.
    void connectAll(int maxPending);

    int linkCount() const { return int(m_links.size()); }
    int connectedCount() const { return m_connectedCount; }
    MqttLink& link(int index) { return *m_links[size_t(index)]; }
    bool publish(int index, const QByteArray& topic, const QByteArray& payload);
    bool hasPendingOutput(int index) const { return m_links[size_t(index)]->hasPendingOutput(); }
    void abort(int index);

Q_SIGNALS:
    void linkConnected(int index);
    void linkClosed(int index, const QString& reason);
    // A link's output queue emptied, after a publish had found it not empty.
    void linkDrained(int index);

private:
    void dispatchEvents();
    void afterActivity(int index);
    void updateInterest(int index);
    void startPending();
    void serviceAll();

    LinkSettings m_settings;
    struct ssl_ctx_st* m_tlsContext = nullptr;
    int m_epollFd = -1;
    QSocketNotifier* m_notifier = nullptr;
    QTimer m_serviceTimer;
    std::vector<std::unique_ptr<MqttLink>> m_links;
    // Per link: the events registered with epoll, and whether a drained signal is owed.
    std::vector<uint32_t> m_registered;
    std::vector<bool> m_blocked;
    std::vector<bool> m_reportedClosed;
    // Started and not yet connected or closed; connected and not yet closed.
    std::vector<bool> m_pending;
    std::vector<bool> m_up;
    int m_nextToStart = 0;
    int m_maxPending = 0;
    int m_pendingCount = 0;
    int m_connectedCount = 0;
};

} // namespace gcn::bench
