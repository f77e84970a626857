#pragma once

#include <QObject>
#include <QTimer>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace gcn {

// Requests a URL every interval while the manager is healthy, as Healthchecks-style services expect, so
// that an outside service raises an alert when the pings stop.
class DeadMansSwitch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeadMansSwitch)

public:
    DeadMansSwitch(QNetworkAccessManager& network, const QUrl& url, int intervalSec, const QString& caFile,
                   std::function<bool()> isHealthy, QObject* parent = nullptr);

    void start();
    int successCount() const { return m_successes; }
    int failureCount() const { return m_failures; }

Q_SIGNALS:
    void pinged(bool ok);

private:
    void ping();

    QNetworkAccessManager& m_network;
    const QUrl m_url;
    const QString m_caFile;
    std::function<bool()> m_isHealthy;
    QTimer m_timer;
    QNetworkReply* m_inFlight = nullptr;
    int m_successes = 0;
    int m_failures = 0;
};

} // namespace gcn
