#pragma once

#include <optional>

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>

#include "FakeHttpsServer.h"

namespace gcn::test {

// A local stand-in for the OVH API /sms endpoints. It checks every request as the OVH API does: the
// application key, the consumer key and its access rules, the timestamp against its own clock, and the
// signature over the exact URL and body bytes. A GET must carry no body, and a POST must carry a JSON object
// with the documented fields. Its state is public so that tests can set up each case and inspect the calls.
class FakeOvhApi final : public QObject
{
    Q_OBJECT

public:
    struct LoggedRequest
    {
        QByteArray method;
        // Path below /1.0, without the query.
        QString path;
        QByteArray body;
        int status = 0;
    };

    struct Injection
    {
        QByteArray method;
        QRegularExpression path;
        FakeHttpResponse response;
        // Requests still to be handled this way; -1 for all of them.
        int remaining = -1;
    };

    FakeOvhApi(const QSslConfiguration& serverTls, QObject* parent = nullptr);

    bool start();
    // Endpoint URL for --sms-ovh-endpoint: https://127.0.0.1:<port>/1.0
    QString endpointUrl() const;

    // Signature that the OVH API expects; written apart from the client's code.
    static QByteArray expectedSignature(const QByteArray& applicationSecret, const QByteArray& consumerKey,
                                        const QByteArray& method, const QByteArray& url, const QByteArray& body,
                                        const QByteArray& timestamp);

    // Responds with `response` to matching requests that pass authentication, instead of handling them.
    void inject(const QByteArray& method, const QString& pathPattern, const FakeHttpResponse& response,
                int times = -1);
    // Requests whose method matches and whose path matches the pattern completely.
    int countRequests(const QByteArray& method, const QString& pathPattern) const;
    // Calls that reached the routes after passing authentication.
    int countAuthenticated(const QByteArray& method, const QString& pathPattern) const;

    // Accepted credentials.
    QByteArray applicationKey = "fakeAppKey0001";
    QByteArray applicationSecret = "fakeAppSecret0000000000000000001";
    QByteArray consumerKey = "fakeConsumerKey00000000000000001";
    bool consumerKeyValidated = true;
    // Access rules of the consumer key: "METHOD /path" with '*' matching any characters.
    QStringList accessRules {QStringLiteral("GET /sms/*"), QStringLiteral("POST /sms/*")};

    // Seconds added to the local clock to give the API clock.
    qint64 clockOffsetSec = 0;
    // Largest accepted difference between X-Ovh-Timestamp and the API clock.
    qint64 timestampWindowSec = 30;

    QString serviceName = QStringLiteral("sms-ab12345-1");
    QString userName = QStringLiteral("notifier");
    QJsonObject account;
    QJsonObject serviceInfos;
    QJsonObject user;
    // By sender name.
    QHash<QString, QJsonObject> senders;
    QMap<qint64, QJsonObject> incoming;
    // Jobs on the pending list, by id.
    QMap<qint64, QJsonObject> pendingJobs;
    // Reads of the pending list during which a new job stays on it; -1 keeps it there for ever.
    int newJobPendingReads = 0;
    // charactersClass that /sms/estimate returns whatever the text.
    std::optional<QString> forcedCharactersClass;

    QList<LoggedRequest> requests;
    // Bodies of the jobs posted, as parsed JSON.
    QList<QJsonObject> postedJobs;

private:
    FakeHttpResponse handle(const FakeHttpRequest& request);
    std::optional<FakeHttpResponse> authenticate(const FakeHttpRequest& request) const;
    std::optional<FakeHttpResponse> checkBody(const FakeHttpRequest& request) const;
    bool isGranted(const QByteArray& method, const QString& path) const;
    FakeHttpResponse route(const FakeHttpRequest& request, const QString& path);
    FakeHttpResponse estimate(const QJsonObject& body) const;
    FakeHttpResponse postJob(const QJsonObject& body);
    qint64 apiTime() const;

    FakeHttpsServer* m_server = nullptr;
    QList<Injection> m_injections;
    QList<LoggedRequest> m_authenticated;
    qint64 m_nextJobId = 555;
    // Remaining pending-list reads of each new job.
    QMap<qint64, int> m_pendingReadsLeft;
};

} // namespace gcn::test
