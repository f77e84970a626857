#include "operations/DeadMansSwitch.h"

#include "operations/SignalWatcher.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>

namespace gcn {

namespace {

// The URL often carries a private token in its path or query, so logs show the scheme, host and port only.
QString describe(const QUrl& url)
{
    return url.toString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

// Why a ping failed, without the URL: Qt's text for an HTTP error status contains the whole URL.
QString failureReason(QNetworkReply* reply, int status, const QUrl& url)
{
    if (status != 0) {
        const QString phrase = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        return QStringLiteral("HTTP %1 %2").arg(status).arg(phrase).trimmed();
    }
    QString reason = reply->errorString();
    for (const QString& text : {url.toString(), url.toDisplayString(), url.toString(QUrl::FullyEncoded)})
        reason.replace(text, describe(url));
    return reason;
}

} // namespace

DeadMansSwitch::DeadMansSwitch(QNetworkAccessManager& network, const QUrl& url, int intervalSec,
                               const QString& caFile, std::function<bool()> isHealthy, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_url(url)
    , m_caFile(caFile)
    , m_isHealthy(std::move(isHealthy))
{
    m_timer.setInterval(intervalSec * 1000);
    connect(&m_timer, &QTimer::timeout, this, &DeadMansSwitch::ping);
}

void DeadMansSwitch::start()
{
    qCInfo(lcService).noquote() << "dead man's switch pings" << describe(m_url) << "every"
                                << m_timer.interval() / 1000 << "s";
    m_timer.start();
    ping();
}

void DeadMansSwitch::ping()
{
    if (!m_isHealthy()) {
        qCDebug(lcService) << "dead man's switch: not healthy, no ping";
        return;
    }
    if (m_inFlight) {
        qCWarning(lcService) << "dead man's switch: the previous ping to" << describe(m_url) << "is still running";
        return;
    }
    QNetworkRequest request(m_url);
    request.setTransferTimeout(qMax(1000, m_timer.interval() / 2));
    if (!m_caFile.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(m_caFile);
        request.setSslConfiguration(ssl);
    }
    m_inFlight = m_network.get(request);
    connect(m_inFlight, &QNetworkReply::finished, this, [this] {
        QNetworkReply* reply = std::exchange(m_inFlight, nullptr);
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const bool ok = reply->error() == QNetworkReply::NoError && status >= 200 && status < 300;
        if (ok) {
            ++m_successes;
            qCDebug(lcService).noquote() << "dead man's switch ping to" << describe(m_url) << "answered" << status;
        } else {
            ++m_failures;
            qCWarning(lcService).noquote() << "dead man's switch ping to" << describe(m_url)
                                           << "failed:" << failureReason(reply, status, m_url);
        }
        Q_EMIT pinged(ok);
    });
}

} // namespace gcn
