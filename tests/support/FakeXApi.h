#pragma once

#include <optional>
#include <utility>

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QRegularExpression>
#include <QSet>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>

#include "FakeHttpsServer.h"

namespace gcn::test {

// A local stand-in for the X API v2 endpoints that the manager calls: user lookup by name, posts and
// direct messages. Every request must carry an OAuth 1.0a HMAC-SHA1 signature (RFC 5849) made with the
// accepted keys, a fresh nonce and a timestamp within 5 minutes; JSON bodies are checked for the documented
// fields. Every response carries the rate-limit headers. Its state is public so that tests can set up
// each case and inspect the calls.
class FakeXApi final : public QObject
{
    Q_OBJECT

public:
    using ParameterList = QList<std::pair<QByteArray, QByteArray>>;

    struct LoggedRequest
    {
        QByteArray method;
        QString path;
        QByteArray body;
        int status = 0;
    };

    struct DirectMessage
    {
        QString participantId;
        QString text;
    };

    FakeXApi(const QSslConfiguration& serverTls, QObject* parent = nullptr);

    bool start();
    // Base URL for --twitter-api-url: https://127.0.0.1:<port>
    QString apiUrl() const;

    // Percent-encoding of RFC 5849 section 3.6: only A-Z a-z 0-9 - . _ ~ stay as they are.
    static QByteArray percentEncode(const QByteArray& value);
    // Signature base string of RFC 5849 section 3.4.1 over decoded parameters.
    static QByteArray signatureBaseString(const QByteArray& method, const QByteArray& baseUri,
                                          const ParameterList& parameters);
    // Base64 HMAC-SHA1 signature of RFC 5849 section 3.4.2.
    static QByteArray hmacSha1Signature(const QByteArray& baseString, const QByteArray& consumerSecret,
                                        const QByteArray& tokenSecret);
    // Checks the OAuth 1.0a Authorization header of a request to `origin`; returns why it is rejected.
    std::optional<QString> verifyOAuth(const QByteArray& origin, const FakeHttpRequest& request);

    // Responds with `response` to matching requests that pass authentication, instead of handling them.
    void inject(const QByteArray& method, const QString& pathPattern, const FakeHttpResponse& response,
                int times = -1);
    int countRequests(const QByteArray& method, const QString& pathPattern) const;

    QByteArray consumerKey = "fakeConsumerKey0000001";
    QByteArray consumerSecret = "fakeConsumerSecret000000000000000000000001";
    QByteArray accessToken = "1000000000000000001-fakeAccessToken0000000000001";
    QByteArray accessTokenSecret = "fakeAccessTokenSecret000000000000000000001";
    qint64 timestampWindowSec = 300;
    // Permissions of the app; a missing one gives the 403 of X's oauth1-permissions problem.
    bool canWrite = true;
    bool canDirectMessage = true;

    // Known users by lower-case name: id and name as written.
    QHash<QString, std::pair<QString, QString>> users;
    // Texts posted so far; posting one again is duplicate content.
    QSet<QString> postedTexts;
    QList<DirectMessage> directMessages;

    // Requests left in the 15-minute window, and its end in Unix seconds.
    int rateLimitRemaining = 200;
    qint64 rateLimitReset = 0;

    QList<LoggedRequest> requests;

private:
    FakeHttpResponse handle(const FakeHttpRequest& request);
    FakeHttpResponse route(const FakeHttpRequest& request, const QString& path);
    void addRateLimitHeaders(FakeHttpResponse& response) const;

    FakeHttpsServer* m_server = nullptr;
    QSet<QByteArray> m_nonces;
    struct Injection
    {
        QByteArray method;
        QRegularExpression path;
        FakeHttpResponse response;
        int remaining = -1;
    };
    QList<Injection> m_injections;
    qint64 m_nextId = 1585800613253812228;
};

// Weighted length of a post as the fake counts it: code points in U+0000–U+10FF, U+2000–U+200D,
// U+2010–U+201F and U+2032–U+2037 weigh 1, others 2, and an http(s) URL weighs 23.
int fakeWeightedLength(const QString& text);

} // namespace gcn::test
