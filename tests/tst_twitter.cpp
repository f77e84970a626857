#include <memory>

#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "FakeXApi.h"
#include "HttpsTestPki.h"
#include "channels/HttpApi.h"
#include "channels/OAuth1Signer.h"
#include "channels/TwitterSender.h"
#include "channels/TwitterText.h"

using namespace Qt::StringLiterals;
using namespace gcn;
using namespace gcn::test;

namespace {

constexpr int outcomeTimeoutMs = 20'000;

OutgoingMessage xMessage(qint64 id, const QString& recipient = u"@GcnOwner"_s,
                         const QString& text = u"Garage: door opened at 10:42"_s)
{
    OutgoingMessage message;
    message.id = id;
    message.channel = Channel::Twitter;
    message.recipient = recipient;
    message.subject = u"GPIO change"_s;
    message.shortText = text;
    message.longText = text;
    message.createdAt = QDateTime::currentDateTimeUtc();
    return message;
}

FakeXApi::ParameterList parameters(std::initializer_list<std::pair<const char*, const char*>> list)
{
    FakeXApi::ParameterList result;
    for (const auto& [name, value] : list)
        result.append({QByteArray(name), QByteArray(value)});
    return result;
}

} // namespace

class TestTwitter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void fakeVerifierMatchesPublishedVectors_data();
    void fakeVerifierMatchesPublishedVectors();
    void signerMatchesPublishedVector();
    void validateSettings_data();
    void validateSettings();

    void sendsDirectMessage();
    void concurrentMessagesLookUpOnce();
    void publicPostOncePerText();
    void longPostIsCut();
    void failure_data();
    void failure();
    void rateLimitSetsRetryTime_data();
    void rateLimitSetsRetryTime();
    void invalidHandleSendsNothing();

private:
    TwitterSettings settings() const;
    bool sendAndWait(TwitterSender& sender, const OutgoingMessage& message, DeliveryOutcome& outcome);

    QTemporaryDir m_directory;
    std::optional<HttpsTestPki> m_pki;
    QSslConfiguration m_clientTls;
    std::unique_ptr<FakeXApi> m_api;
};

void TestTwitter::initTestCase()
{
    QVERIFY(m_directory.isValid());
    QString error;
    m_pki = createHttpsTestPki(m_directory.path(), &error);
    QVERIFY2(m_pki, qPrintable(error));
    const std::expected<QSslConfiguration, QString> tls = httpsTlsConfiguration(m_pki->caFile);
    QVERIFY2(tls, tls ? "" : qPrintable(tls.error()));
    m_clientTls = *tls;
}

void TestTwitter::init()
{
    m_api = std::make_unique<FakeXApi>(m_pki->serverConfiguration());
    QVERIFY(m_api->start());
}

void TestTwitter::cleanup()
{
    m_api.reset();
}

TwitterSettings TestTwitter::settings() const
{
    TwitterSettings twitter;
    twitter.consumerKey = QString::fromLatin1(m_api->consumerKey);
    twitter.consumerSecret = QString::fromLatin1(m_api->consumerSecret);
    twitter.accessToken = QString::fromLatin1(m_api->accessToken);
    twitter.accessTokenSecret = QString::fromLatin1(m_api->accessTokenSecret);
    twitter.apiUrl = m_api->apiUrl();
    twitter.apiTimeoutSec = 5;
    return twitter;
}

bool TestTwitter::sendAndWait(TwitterSender& sender, const OutgoingMessage& message, DeliveryOutcome& outcome)
{
    QSignalSpy spy(&sender, &Sender::finished);
    sender.send(message);
    if (!QTest::qWaitFor([&spy] { return spy.count() > 0; }, outcomeTimeoutMs))
        return false;
    if (spy.count() != 1 || spy.first().at(0).toLongLong() != message.id)
        return false;
    outcome = spy.first().at(1).value<DeliveryOutcome>();
    return true;
}

void TestTwitter::fakeVerifierMatchesPublishedVectors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("baseUri");
    QTest::addColumn<FakeXApi::ParameterList>("parameters");
    QTest::addColumn<QByteArray>("consumerSecret");
    QTest::addColumn<QByteArray>("tokenSecret");
    QTest::addColumn<QByteArray>("signature");

    // X developer documentation, "Creating a signature".
    const FakeXApi::ParameterList xParameters = parameters({
        {"status", "Hello Ladies + Gentlemen, a signed OAuth request!"},
        {"include_entities", "true"},
        {"oauth_consumer_key", "xvz1evFS4wEEPTGEFPHBog"},
        {"oauth_nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"},
        {"oauth_signature_method", "HMAC-SHA1"},
        {"oauth_timestamp", "1318622958"},
        {"oauth_token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"},
        {"oauth_version", "1.0"},
    });
    QTest::newRow("X documentation, api.twitter.com")
        << QByteArray("POST") << QByteArray("https://api.twitter.com/1.1/statuses/update.json") << xParameters
        << QByteArray("kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw")
        << QByteArray("LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE") << QByteArray("hCtSmYh+iHYCEqBWrE7C7hYmtUk=");
    QTest::newRow("X documentation, api.x.com")
        << QByteArray("POST") << QByteArray("https://api.x.com/1.1/statuses/update.json") << xParameters
        << QByteArray("kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw")
        << QByteArray("LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE") << QByteArray("Ls93hJiZbQ3akF3HF3x1Bz8/zU4=");

    // RFC 5849 section 1.2.
    QTest::newRow("RFC 5849 example")
        << QByteArray("GET") << QByteArray("http://photos.example.net/photos")
        << parameters({{"file", "vacation.jpg"},
                       {"size", "original"},
                       {"oauth_consumer_key", "dpf43f3p2l4k3l03"},
                       {"oauth_token", "nnch734d00sl2jdk"},
                       {"oauth_signature_method", "HMAC-SHA1"},
                       {"oauth_timestamp", "137131202"},
                       {"oauth_nonce", "chapoH"}})
        << QByteArray("kd94hf93k423kf44") << QByteArray("pfkkdhi9sl3r4s00") << QByteArray("MdpQcU8iPSUjWoN/UDMsK2sui9I=");
}

void TestTwitter::fakeVerifierMatchesPublishedVectors()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, baseUri);
    QFETCH(FakeXApi::ParameterList, parameters);
    QFETCH(QByteArray, consumerSecret);
    QFETCH(QByteArray, tokenSecret);
    QFETCH(QByteArray, signature);

    const QByteArray baseString = FakeXApi::signatureBaseString(method, baseUri, parameters);
    QCOMPARE(FakeXApi::hmacSha1Signature(baseString, consumerSecret, tokenSecret), signature);

    // Any change of a parameter, the method or a secret gives another signature.
    FakeXApi::ParameterList changed = parameters;
    changed.first().second += ' ';
    QVERIFY(FakeXApi::hmacSha1Signature(FakeXApi::signatureBaseString(method, baseUri, changed), consumerSecret,
                                        tokenSecret)
            != signature);
    QVERIFY(FakeXApi::hmacSha1Signature(FakeXApi::signatureBaseString("PUT", baseUri, parameters), consumerSecret,
                                        tokenSecret)
            != signature);
    QVERIFY(FakeXApi::hmacSha1Signature(baseString, consumerSecret + 'x', tokenSecret) != signature);
}

void TestTwitter::signerMatchesPublishedVector()
{
    // The X documentation example, signed by the product's signer (Qt NetworkAuth).
    const OAuth1Credentials credentials {u"xvz1evFS4wEEPTGEFPHBog"_s, u"kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw"_s,
                                         u"370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"_s,
                                         u"LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"_s};
    const QUrl url(u"https://api.twitter.com/1.1/statuses/update.json?include_entities=true"_s);
    const QMultiMap<QString, QVariant> form {{u"status"_s, u"Hello Ladies + Gentlemen, a signed OAuth request!"_s}};
    const QByteArray header = oauth1AuthorizationHeader("POST", url, credentials,
                                                        u"kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"_s, 1318622958,
                                                        form);
    QVERIFY2(header.startsWith("OAuth "), header.constData());
    QVERIFY2(header.contains(R"(oauth_signature="hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D")"), header.constData());
    QVERIFY(header.contains(R"(oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog")"));
    QVERIFY(header.contains(R"(oauth_version="1.0")"));

    // Nonces do not repeat.
    QVERIFY(oauth1Nonce() != oauth1Nonce());
    QCOMPARE(oauth1Nonce().size(), 32);
}

void TestTwitter::validateSettings_data()
{
    QTest::addColumn<QString>("apiUrl");
    QTest::addColumn<bool>("dropTokenSecret");
    QTest::addColumn<QString>("option");

    QTest::newRow("valid") << u"https://api.x.com"_s << false << QString();
    QTest::newRow("plain http") << u"http://api.x.com"_s << false << u"--twitter-api-url"_s;
    QTest::newRow("not a URL") << u"api.x.com"_s << false << u"--twitter-api-url"_s;
    QTest::newRow("missing token secret") << u"https://api.x.com"_s << true
                                          << u"--twitter-user-access-token-secret"_s;
}

void TestTwitter::validateSettings()
{
    QFETCH(QString, apiUrl);
    QFETCH(bool, dropTokenSecret);
    QFETCH(QString, option);

    TwitterSettings twitter = settings();
    twitter.apiUrl = apiUrl;
    if (dropTokenSecret)
        twitter.accessTokenSecret.clear();
    const std::optional<ConfigError> error = TwitterSender::validateSettings(twitter);
    QCOMPARE(error.has_value(), !option.isEmpty());
    if (error)
        QVERIFY2(error->option.startsWith(option), qPrintable(error->option));
}

void TestTwitter::sendsDirectMessage()
{
    TwitterSender sender(settings(), m_clientTls);
    QCOMPARE(sender.channel(), Channel::Twitter);
    DeliveryOutcome outcome;
    QVERIFY(sendAndWait(sender, xMessage(1), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::Delivered);
    QCOMPARE(outcome.error, QString());
    QCOMPARE(m_api->directMessages.size(), 1);
    QCOMPARE(m_api->directMessages.first().participantId, u"783214"_s);
    QCOMPARE(m_api->directMessages.first().text, u"Garage: door opened at 10:42"_s);
    QVERIFY(m_api->postedTexts.isEmpty());

    // The user id is kept: a second message, with the handle in other letter case, needs no lookup.
    QVERIFY(sendAndWait(sender, xMessage(2, u"@gcnowner"_s, u"Garage: door closed"_s), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::Delivered);
    QCOMPARE(m_api->countRequests("GET", u"/2/users/by/username/.*"_s), 1);
    QCOMPARE(m_api->directMessages.size(), 2);
    for (const FakeXApi::LoggedRequest& request : m_api->requests)
        QVERIFY2(request.status == 200 || request.status == 201, qPrintable(request.path));
}

void TestTwitter::concurrentMessagesLookUpOnce()
{
    TwitterSender sender(settings(), m_clientTls);
    QSignalSpy spy(&sender, &Sender::finished);
    sender.send(xMessage(1));
    sender.send(xMessage(2, u"@GcnOwner"_s, u"second"_s));
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 2, outcomeTimeoutMs);
    for (const QList<QVariant>& arguments : spy)
        QCOMPARE(arguments.at(1).value<DeliveryOutcome>().status, DeliveryStatus::Delivered);
    QCOMPARE(m_api->countRequests("GET", u"/2/users/by/username/.*"_s), 1);
    QCOMPARE(m_api->directMessages.size(), 2);
}

void TestTwitter::publicPostOncePerText()
{
    TwitterSettings twitter = settings();
    twitter.publicPost = true;
    TwitterSender sender(twitter, m_clientTls);
    DeliveryOutcome outcome;
    QVERIFY(sendAndWait(sender, xMessage(1), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::Delivered);
    QCOMPARE(m_api->postedTexts, QSet<QString> {u"Garage: door opened at 10:42"_s});
    QVERIFY(m_api->directMessages.isEmpty());
    QCOMPARE(m_api->countRequests("GET", u".*"_s), 0);

    // The same notification for a second recipient is not posted twice.
    QVERIFY(sendAndWait(sender, xMessage(2, u"@someoneelse"_s), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::Delivered);
    QVERIFY2(outcome.error.contains(u"posted a moment ago"_s), qPrintable(outcome.error));
    QCOMPARE(m_api->countRequests("POST", u"/2/tweets"_s), 1);

    QVERIFY(sendAndWait(sender, xMessage(3, u"@GcnOwner"_s, u"Garage: door closed"_s), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::Delivered);
    QCOMPARE(m_api->countRequests("POST", u"/2/tweets"_s), 2);
}

void TestTwitter::longPostIsCut()
{
    TwitterSettings twitter = settings();
    twitter.publicPost = true;
    TwitterSender sender(twitter, m_clientTls);
    QString text;
    for (int index = 0; index < 200; ++index)
        text += u"門"_s;
    DeliveryOutcome outcome;
    QVERIFY(sendAndWait(sender, xMessage(1, u"@GcnOwner"_s, text), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::Delivered);
    QCOMPARE(m_api->postedTexts.size(), 1);
    const QString posted = *m_api->postedTexts.cbegin();
    QVERIFY(posted.endsWith(u"…"_s));
    QCOMPARE(fakeWeightedLength(posted), 280);
    QVERIFY(text.startsWith(posted.chopped(1)));
}

void TestTwitter::failure_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<bool>("publicPost");
    QTest::addColumn<DeliveryStatus>("status");
    QTest::addColumn<QString>("reason");

    const QString regenerate = u"regenerate the access token"_s;
    QTest::newRow("unknown handle") << u"unknown handle"_s << false << DeliveryStatus::PermanentFailure
                                    << u"X user @nosuchuser not found"_s;
    QTest::newRow("duplicate content") << u"duplicate"_s << true << DeliveryStatus::PermanentFailure
                                       << u"as duplicate content"_s;
    QTest::newRow("wrong consumer secret") << u"wrong secret"_s << false << DeliveryStatus::PermanentFailure
                                           << u"HTTP 401"_s;
    QTest::newRow("wrong access token") << u"wrong token"_s << true << DeliveryStatus::PermanentFailure
                                        << regenerate;
    QTest::newRow("no direct message permission") << u"no dm permission"_s << false
                                                  << DeliveryStatus::PermanentFailure << regenerate;
    QTest::newRow("no write permission") << u"no write permission"_s << true << DeliveryStatus::PermanentFailure
                                         << u"oauth1 app permissions"_s;
    QTest::newRow("server error") << u"server error"_s << false << DeliveryStatus::TransientFailure
                                  << u"X API is unavailable for the direct message to @GcnOwner (HTTP 503"_s;
    QTest::newRow("no response") << u"no response"_s << true << DeliveryStatus::TransientFailure
                                 << u"no response within 1000 ms"_s;
    QTest::newRow("untrusted certificate") << u"untrusted"_s << false << DeliveryStatus::TransientFailure
                                           << u"TLS handshake failed"_s;
}

void TestTwitter::failure()
{
    QFETCH(QString, setup);
    QFETCH(bool, publicPost);
    QFETCH(DeliveryStatus, status);
    QFETCH(QString, reason);

    TwitterSettings twitter = settings();
    twitter.publicPost = publicPost;
    QSslConfiguration tls = m_clientTls;
    QString recipient = u"@GcnOwner"_s;
    const QString text = u"Garage: door opened at 10:42"_s;
    if (setup == "unknown handle"_L1) {
        recipient = u"@nosuchuser"_s;
    } else if (setup == "duplicate"_L1) {
        m_api->postedTexts.insert(text);
    } else if (setup == "wrong secret"_L1) {
        twitter.consumerSecret = u"notTheConsumerSecret"_s;
    } else if (setup == "wrong token"_L1) {
        twitter.accessToken = u"1-notTheAccessToken"_s;
    } else if (setup == "no dm permission"_L1) {
        m_api->canDirectMessage = false;
    } else if (setup == "no write permission"_L1) {
        m_api->canWrite = false;
    } else if (setup == "server error"_L1) {
        m_api->inject("POST", u"/2/dm_conversations/.*"_s,
                      FakeHttpResponse::json(503, QJsonObject {{u"title"_s, u"Service Unavailable"_s},
                                                               {u"detail"_s, u"Service Unavailable"_s}}));
    } else if (setup == "no response"_L1) {
        twitter.apiTimeoutSec = 1;
        m_api->inject("POST", u"/2/tweets"_s, FakeHttpResponse::noResponse());
    } else if (setup == "untrusted"_L1) {
        const std::expected<QSslConfiguration, QString> systemOnly = httpsTlsConfiguration(QString());
        QVERIFY(systemOnly);
        tls = *systemOnly;
    }

    TwitterSender sender(twitter, tls);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"not sent"_s));
    DeliveryOutcome outcome;
    QVERIFY(sendAndWait(sender, xMessage(5, recipient, text), outcome));
    QCOMPARE(outcome.status, status);
    QVERIFY2(outcome.error.contains(reason), qPrintable(outcome.error));
    QVERIFY(!outcome.retryNotBefore.has_value());
    QVERIFY(!outcome.error.contains(twitter.consumerSecret));
    QVERIFY(!outcome.error.contains(twitter.accessTokenSecret));
    QVERIFY(m_api->directMessages.isEmpty());
    if (setup == "wrong secret"_L1 || setup == "wrong token"_L1) {
        QVERIFY2(outcome.error.contains(u"regenerate the access token"_s), qPrintable(outcome.error));
        QVERIFY(!m_api->requests.isEmpty());
        QCOMPARE(m_api->requests.last().status, 401);
    }
}

void TestTwitter::rateLimitSetsRetryTime_data()
{
    QTest::addColumn<bool>("dailyCapReached");

    QTest::newRow("15-minute window used up") << false;
    QTest::newRow("24-hour user cap reached") << true;
}

void TestTwitter::rateLimitSetsRetryTime()
{
    QFETCH(bool, dailyCapReached);

    const qint64 windowReset = QDateTime::currentSecsSinceEpoch() + 600;
    const qint64 dailyReset = QDateTime::currentSecsSinceEpoch() + 20'000;
    m_api->rateLimitReset = windowReset;
    if (dailyCapReached) {
        FakeHttpResponse response = FakeHttpResponse::json(
            429, QJsonObject {{u"title"_s, u"Too Many Requests"_s}, {u"detail"_s, u"Too Many Requests"_s},
                              {u"type"_s, u"about:blank"_s}, {u"status"_s, 429}});
        response.headers.append({QByteArray("x-user-limit-24hour-limit"), QByteArray("17")});
        response.headers.append({QByteArray("x-user-limit-24hour-remaining"), QByteArray("0")});
        response.headers.append({QByteArray("x-user-limit-24hour-reset"), QByteArray::number(dailyReset)});
        m_api->inject("POST", u"/2/tweets"_s, response);
    } else {
        m_api->rateLimitRemaining = 0;
    }

    TwitterSettings twitter = settings();
    twitter.publicPost = true;
    TwitterSender sender(twitter, m_clientTls);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"not sent yet: X rate limit reached"_s));
    DeliveryOutcome outcome;
    QVERIFY(sendAndWait(sender, xMessage(1), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::TransientFailure);
    QVERIFY2(outcome.error.contains(u"HTTP 429"_s), qPrintable(outcome.error));
    QVERIFY(outcome.retryNotBefore.has_value());
    QCOMPARE(outcome.retryNotBefore->toSecsSinceEpoch(), dailyCapReached ? dailyReset : windowReset);
    QVERIFY(m_api->postedTexts.isEmpty());
}

void TestTwitter::invalidHandleSendsNothing()
{
    TwitterSender sender(settings(), m_clientTls);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"not sent"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"not sent"_s));
    DeliveryOutcome outcome;
    QVERIFY(sendAndWait(sender, xMessage(1, u"@bad-handle!"_s), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::PermanentFailure);
    QVERIFY2(outcome.error.contains(u"invalid X recipient '@bad-handle!'"_s), qPrintable(outcome.error));
    QVERIFY(sendAndWait(sender, xMessage(2, u"GcnOwner"_s), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::PermanentFailure);
    QVERIFY(m_api->requests.isEmpty());
}

QTEST_GUILESS_MAIN(TestTwitter)
#include "tst_twitter.moc"
