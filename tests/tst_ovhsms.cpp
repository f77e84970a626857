#include <memory>

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "FakeOvhApi.h"
#include "HttpsTestPki.h"
#include "channels/HttpApi.h"
#include "channels/OvhClient.h"
#include "channels/OvhSmsSender.h"

using namespace Qt::StringLiterals;
using namespace gcn;
using namespace gcn::test;

namespace {

const QString frenchMobile = u"+33612345678"_s;
constexpr int outcomeTimeoutMs = 20'000;

OutgoingMessage smsMessage(qint64 id, const QString& recipient = frenchMobile,
                           const QString& text = u"Garage: door opened"_s)
{
    OutgoingMessage message;
    message.id = id;
    message.channel = Channel::Sms;
    message.recipient = recipient;
    message.subject = u"GPIO change"_s;
    message.shortText = text;
    message.longText = text;
    message.createdAt = QDateTime::currentDateTimeUtc();
    return message;
}

} // namespace

class TestOvhSms : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void signatureVectors_data();
    void signatureVectors();
    void endpointUrl_data();
    void endpointUrl();
    void validateSettings_data();
    void validateSettings();

    void deliversSms();
    void convertsTextToGsm7();
    void clockOffsetIsUsed();
    void clockJumpRereadsTime_data();
    void clockJumpRereadsTime();
    void wrongSecretFailsAfterOneReread();
    void failedCheck_data();
    void failedCheck();
    void apiFailure_data();
    void apiFailure();
    void lowCreditsWarn();
    void followsJobUntilSent();
    void pendingJobWaitIsBounded();
    void logsIncomingAndPendingOnce();
    void untrustedCertificateIsTransient();
    void outcomeIsAsynchronous();

private:
    SmsSettings settings() const;
    // Sends one message and waits for its outcome; false when none came.
    bool sendAndWait(OvhSmsSender& sender, const OutgoingMessage& message, DeliveryOutcome& outcome);

    QTemporaryDir m_directory;
    std::optional<HttpsTestPki> m_pki;
    QSslConfiguration m_clientTls;
    std::unique_ptr<FakeOvhApi> m_api;
};

void TestOvhSms::initTestCase()
{
    QVERIFY(m_directory.isValid());
    QString error;
    m_pki = createHttpsTestPki(m_directory.path(), &error);
    QVERIFY2(m_pki, qPrintable(error));
    const std::expected<QSslConfiguration, QString> tls = httpsTlsConfiguration(m_pki->caFile);
    QVERIFY2(tls, tls ? "" : qPrintable(tls.error()));
    m_clientTls = *tls;
}

void TestOvhSms::init()
{
    m_api = std::make_unique<FakeOvhApi>(m_pki->serverConfiguration());
    QVERIFY(m_api->start());
}

void TestOvhSms::cleanup()
{
    m_api.reset();
}

SmsSettings TestOvhSms::settings() const
{
    SmsSettings sms;
    sms.endpoint = m_api->endpointUrl();
    sms.appKey = QString::fromLatin1(m_api->applicationKey);
    sms.appSecret = QString::fromLatin1(m_api->applicationSecret);
    sms.consumerKey = QString::fromLatin1(m_api->consumerKey);
    sms.serviceName = m_api->serviceName;
    sms.userName = m_api->userName;
    sms.senderName = u"GCNALERT"_s;
    sms.apiTimeoutSec = 5;
    sms.jobWaitSec = 10;
    return sms;
}

bool TestOvhSms::sendAndWait(OvhSmsSender& sender, const OutgoingMessage& message, DeliveryOutcome& outcome)
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

void TestOvhSms::signatureVectors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("signature");

    // Vectors of the python-ovh and php-ovh test suites.
    const QByteArray body = R"({"a":"b","c":"d"})";
    QTest::newRow("GET") << QByteArray("GET") << QByteArray() << QByteArray("$1$e9556054b6309771395efa467c22e627407461ad");
    QTest::newRow("POST") << QByteArray("POST") << body << QByteArray("$1$ec2fb5c7a81f64723c77d2e5b609ae6f58a84fc1");
    QTest::newRow("PUT") << QByteArray("PUT") << body << QByteArray("$1$8a75a9e7c8e7296c9dbeda6a2a735eb6bd58ec4b");
    QTest::newRow("DELETE") << QByteArray("DELETE") << QByteArray()
                            << QByteArray("$1$a1eecd00b3b02b6cf5708b84b9ff42059a950d85");
}

void TestOvhSms::signatureVectors()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, signature);

    const QByteArray secret = "9ufkBmLaTQ9nz5yMUlg79taH0GNnzDjk";
    const QByteArray consumerKey = "5mBuy6SUQcRw2ZUxg0cG68BoDKpED4KY";
    const QByteArray url = "https://eu.api.ovh.com/1.0/auth";
    QCOMPARE(ovhSignature(QString::fromLatin1(secret), QString::fromLatin1(consumerKey), method, url, body, 1457018875),
             signature);
    QCOMPARE(FakeOvhApi::expectedSignature(secret, consumerKey, method, url, body, "1457018875"), signature);
    // The fake rejects the same request one second later or with another body.
    QVERIFY(FakeOvhApi::expectedSignature(secret, consumerKey, method, url, body, "1457018876") != signature);
    QVERIFY(FakeOvhApi::expectedSignature(secret, consumerKey, method, url, body + ' ', "1457018875") != signature);
}

void TestOvhSms::endpointUrl_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("url");

    QTest::newRow("ovh-eu") << u"ovh-eu"_s << u"https://eu.api.ovh.com/1.0"_s;
    QTest::newRow("ovh-us") << u"ovh-us"_s << u"https://api.us.ovhcloud.com/1.0"_s;
    QTest::newRow("ovh-ca") << u"ovh-ca"_s << u"https://ca.api.ovh.com/1.0"_s;
    QTest::newRow("kimsufi-eu") << u"kimsufi-eu"_s << u"https://eu.api.kimsufi.com/1.0"_s;
    QTest::newRow("kimsufi-ca") << u"kimsufi-ca"_s << u"https://ca.api.kimsufi.com/1.0"_s;
    QTest::newRow("soyoustart-eu") << u"soyoustart-eu"_s << u"https://eu.api.soyoustart.com/1.0"_s;
    QTest::newRow("soyoustart-ca") << u"soyoustart-ca"_s << u"https://ca.api.soyoustart.com/1.0"_s;
    QTest::newRow("name in capitals") << u"OVH-EU"_s << u"https://eu.api.ovh.com/1.0"_s;
    QTest::newRow("https URL") << u"https://127.0.0.1:8443/1.0/"_s << u"https://127.0.0.1:8443/1.0"_s;
    QTest::newRow("unknown name") << u"ovh-xx"_s << QString();
    QTest::newRow("plain http") << u"http://eu.api.ovh.com/1.0"_s << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestOvhSms::endpointUrl()
{
    QFETCH(QString, endpoint);
    QFETCH(QString, url);

    const std::expected<QUrl, QString> resolved = ovhEndpointUrl(endpoint);
    QCOMPARE(resolved.has_value(), !url.isEmpty());
    if (resolved)
        QCOMPARE(resolved->toString(), url);
    else
        QVERIFY(resolved.error().contains(u"ovh-eu"_s));
}

void TestOvhSms::validateSettings_data()
{
    QTest::addColumn<QStringList>("countries");
    QTest::addColumn<bool>("dropConsumerKey");
    QTest::addColumn<QString>("option");

    QTest::newRow("valid") << QStringList {u"FR"_s, u"be"_s} << false << QString();
    QTest::newRow("no countries means all") << QStringList {} << false << QString();
    QTest::newRow("unknown country") << QStringList {u"FR"_s, u"XX"_s} << false << u"--sms-allow-country"_s;
    QTest::newRow("country name instead of code") << QStringList {u"France"_s} << false << u"--sms-allow-country"_s;
    QTest::newRow("missing consumer key") << QStringList {} << true << u"--sms-ovh-consumer-key"_s;
}

void TestOvhSms::validateSettings()
{
    QFETCH(QStringList, countries);
    QFETCH(bool, dropConsumerKey);
    QFETCH(QString, option);

    SmsSettings sms = settings();
    sms.allowedCountries = countries;
    if (dropConsumerKey)
        sms.consumerKey.clear();
    const std::optional<ConfigError> error = OvhSmsSender::validateSettings(sms);
    QCOMPARE(error.has_value(), !option.isEmpty());
    if (error) {
        QVERIFY2(error->option.startsWith(option), qPrintable(error->option));
        QVERIFY(!error->toString().contains(sms.appSecret));
        QCOMPARE(error->valueIsSecret, dropConsumerKey);
    }
}

void TestOvhSms::deliversSms()
{
    OvhSmsSender sender(settings(), m_clientTls);
    QCOMPARE(sender.channel(), Channel::Sms);
    DeliveryOutcome outcome;
    QVERIFY(sendAndWait(sender, smsMessage(7), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::Delivered);
    QCOMPARE(outcome.error, QString());

    QCOMPARE(m_api->postedJobs.size(), 1);
    const QJsonObject job = m_api->postedJobs.first();
    QCOMPARE(job.value("message"_L1).toString(), u"Garage: door opened"_s);
    QCOMPARE(job.value("receivers"_L1).toArray(), QJsonArray {frenchMobile});
    QCOMPARE(job.value("sender"_L1).toString(), u"GCNALERT"_s);
    QCOMPARE(job.value("noStopClause"_L1).toBool(), true);

    // Every check ran once, and no request was rejected.
    const QString user = u"/sms/sms-ab12345-1/users/notifier"_s;
    QCOMPARE(m_api->countRequests("GET", u"/auth/time"_s), 1);
    QCOMPARE(m_api->countAuthenticated("GET", u"/sms/sms-ab12345-1"_s), 1);
    QCOMPARE(m_api->countAuthenticated("GET", u"/sms/sms-ab12345-1/serviceInfos"_s), 1);
    QCOMPARE(m_api->countAuthenticated("GET", user), 1);
    QCOMPARE(m_api->countAuthenticated("GET", u"/sms/sms-ab12345-1/senders/GCNALERT"_s), 1);
    QCOMPARE(m_api->countAuthenticated("POST", u"/sms/estimate"_s), 1);
    QCOMPARE(m_api->countAuthenticated("GET", user + u"/incoming"_s), 1);
    QCOMPARE(m_api->countAuthenticated("POST", user + u"/jobs"_s), 1);
    QVERIFY(m_api->countAuthenticated("GET", user + u"/jobs"_s) >= 2);
    for (const FakeOvhApi::LoggedRequest& request : m_api->requests)
        QVERIFY2(request.status == 200, qPrintable(request.path));

    // The API time is read once for the life of the sender.
    QVERIFY(sendAndWait(sender, smsMessage(8), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::Delivered);
    QCOMPARE(m_api->countRequests("GET", u"/auth/time"_s), 1);
    QCOMPARE(m_api->postedJobs.size(), 2);
}

void TestOvhSms::convertsTextToGsm7()
{
    OvhSmsSender sender(settings(), m_clientTls);
    DeliveryOutcome outcome;
    QVERIFY(sendAndWait(sender, smsMessage(1, frenchMobile, u"Fenêtre ouverte – «garage» 🚨"_s), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::Delivered);
    QCOMPARE(m_api->postedJobs.size(), 1);
    QCOMPARE(m_api->postedJobs.first().value("message"_L1).toString(), u"Fenetre ouverte - \"garage\" ?"_s);
}

void TestOvhSms::clockOffsetIsUsed()
{
    m_api->clockOffsetSec = 3600;
    OvhSmsSender sender(settings(), m_clientTls);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"local clock is 3600 s behind the OVH API clock"_s));
    DeliveryOutcome outcome;
    QVERIFY(sendAndWait(sender, smsMessage(1), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::Delivered);
    QCOMPARE(m_api->countRequests("GET", u"/auth/time"_s), 1);
}

void TestOvhSms::clockJumpRereadsTime_data()
{
    QTest::addColumn<qint64>("jumpSec");

    QTest::newRow("API clock jumps ahead") << qint64(600);
    QTest::newRow("API clock jumps back") << qint64(-600);
}

void TestOvhSms::clockJumpRereadsTime()
{
    QFETCH(qint64, jumpSec);

    OvhSmsSender sender(settings(), m_clientTls);
    DeliveryOutcome outcome;
    QVERIFY(sendAndWait(sender, smsMessage(1), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::Delivered);

    m_api->clockOffsetSec += jumpSec;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"OVH rejected the signature or timestamp of GET"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"local clock is 600 s"_s));
    QVERIFY(sendAndWait(sender, smsMessage(2), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::Delivered);
    QCOMPARE(outcome.error, QString());
    QCOMPARE(m_api->countRequests("GET", u"/auth/time"_s), 2);
    QCOMPARE(m_api->postedJobs.size(), 2);
    const auto rejected = std::count_if(m_api->requests.cbegin(), m_api->requests.cend(),
                                        [](const FakeOvhApi::LoggedRequest& request) { return request.status == 400; });
    QCOMPARE(rejected, 1);
}

void TestOvhSms::wrongSecretFailsAfterOneReread()
{
    SmsSettings sms = settings();
    sms.appSecret = u"notTheRightSecret"_s;
    OvhSmsSender sender(sms, m_clientTls);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"reading the API time again"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"not sent: OVH rejected the signature"_s));
    DeliveryOutcome outcome;
    QVERIFY(sendAndWait(sender, smsMessage(1), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::PermanentFailure);
    QVERIFY2(outcome.error.contains(u"OVH_APPLICATION_SECRET"_s), qPrintable(outcome.error));
    QVERIFY(!outcome.error.contains(sms.appSecret));
    QCOMPARE(m_api->countRequests("GET", u"/auth/time"_s), 2);
    QCOMPARE(m_api->countRequests("GET", u"/sms/sms-ab12345-1"_s), 2);
    QVERIFY(m_api->postedJobs.isEmpty());
}

void TestOvhSms::failedCheck_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("recipient");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");

    const QString text = u"Garage: door opened"_s;
    QTest::newRow("no credits") << u"no credits"_s << frenchMobile << text << u"has no credits left (0)"_s;
    QTest::newRow("account disabled") << u"account disabled"_s << frenchMobile << text << u"is disabled"_s;
    QTest::newRow("service expired") << u"service expired"_s << frenchMobile << text
                                     << u"has status 'expired' instead of 'ok'"_s;
    QTest::newRow("unknown service") << u"unknown service"_s << frenchMobile << text
                                     << u"--sms-ovh-service-name"_s;
    QTest::newRow("unknown user") << u"unknown user"_s << frenchMobile << text << u"--sms-ovh-user-name"_s;
    QTest::newRow("quota inactive") << u"quota inactive"_s << frenchMobile << text
                                    << u"is 'inactive' instead of 'active'"_s;
    QTest::newRow("quota used up") << u"quota used up"_s << frenchMobile << text << u"has no quota left"_s;
    QTest::newRow("sender disabled") << u"sender disabled"_s << frenchMobile << text
                                     << u"has status 'disable' instead of 'enable'"_s;
    QTest::newRow("sender waiting for validation") << u"sender waiting"_s << frenchMobile << text
                                                   << u"'waitingValidation' instead of 'enable' (OVH: \"pending\")"_s;
    QTest::newRow("sender numeric") << u"sender numeric"_s << frenchMobile << text << u"is of type 'numeric'"_s;
    QTest::newRow("unknown sender") << u"unknown sender"_s << frenchMobile << text << u"--sms-ovh-sender-name"_s;
    QTest::newRow("text not 7-bit") << u"unicode estimate"_s << frenchMobile << text
                                    << u"'unicode' instead of 7-bit"_s;
    QTest::newRow("text of two parts") << QString() << frenchMobile << QString(200, u'x')
                                       << u"needs 2 SMS parts (200 characters, 153 per part)"_s;
    QTest::newRow("region not allowed") << QString() << u"+447400123456"_s << text
                                        << u"belongs to region GB, which --sms-allow-country"_s;
    QTest::newRow("region of a shared country code") << QString() << u"+14165550123"_s << text
                                                     << u"belongs to region CA"_s;
    QTest::newRow("invalid number") << QString() << u"+3361"_s << text << u"invalid SMS recipient"_s;
    QTest::newRow("national number") << QString() << u"0612345678"_s << text << u"not an international number"_s;
    QTest::newRow("empty text") << QString() << frenchMobile << u" "_s << u"no short text"_s;
}

void TestOvhSms::failedCheck()
{
    QFETCH(QString, setup);
    QFETCH(QString, recipient);
    QFETCH(QString, text);
    QFETCH(QString, reason);

    SmsSettings sms = settings();
    sms.allowedCountries = {u"FR"_s, u"BE"_s};
    QJsonObject quota = m_api->user.value("quotaInformations"_L1).toObject();
    QJsonObject sender = m_api->senders.value(u"GCNALERT"_s);
    if (setup == "no credits"_L1)
        m_api->account.insert(u"creditsLeft"_s, 0);
    else if (setup == "account disabled"_L1)
        m_api->account.insert(u"status"_s, u"disable"_s);
    else if (setup == "service expired"_L1)
        m_api->serviceInfos.insert(u"status"_s, u"expired"_s);
    else if (setup == "unknown service"_L1)
        sms.serviceName = u"sms-zz99999-1"_s;
    else if (setup == "unknown user"_L1)
        sms.userName = u"nobody"_s;
    else if (setup == "quota inactive"_L1)
        quota.insert(u"quotaStatus"_s, u"inactive"_s);
    else if (setup == "quota used up"_L1)
        quota.insert(u"quotaLeft"_s, 0);
    else if (setup == "sender disabled"_L1)
        sender.insert(u"status"_s, u"disable"_s);
    else if (setup == "sender waiting"_L1)
        sender = QJsonObject {{u"sender"_s, u"GCNALERT"_s}, {u"status"_s, u"waitingValidation"_s},
                              {u"comment"_s, u"pending"_s}, {u"type"_s, u"alpha"_s}};
    else if (setup == "sender numeric"_L1)
        sender.insert(u"type"_s, u"numeric"_s);
    else if (setup == "unknown sender"_L1)
        sms.senderName = u"MY COMPANY"_s;
    else if (setup == "unicode estimate"_L1)
        m_api->forcedCharactersClass = u"unicode"_s;
    m_api->user.insert(u"quotaInformations"_s, quota);
    m_api->senders.insert(u"GCNALERT"_s, sender);

    OvhSmsSender smsSender(sms, m_clientTls);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"not sent: "_s));
    DeliveryOutcome outcome;
    QVERIFY(sendAndWait(smsSender, smsMessage(3, recipient, text), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::PermanentFailure);
    QVERIFY2(outcome.error.contains(reason), qPrintable(outcome.error));
    QVERIFY(!outcome.retryNotBefore.has_value());
    QVERIFY(m_api->postedJobs.isEmpty());
    if (setup.isEmpty() && text != QString(200, u'x'))
        QVERIFY2(m_api->requests.isEmpty(), "a local check must fail before any request");
    if (setup == "unknown sender"_L1)
        QCOMPARE(m_api->countRequests("GET", u"/sms/sms-ab12345-1/senders/MY%20COMPANY"_s), 1);
}

void TestOvhSms::apiFailure_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<DeliveryStatus>("status");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<int>("retryAfterSec");

    QTest::newRow("server error on job post") << u"server error"_s << DeliveryStatus::TransientFailure
                                              << u"OVH API is unavailable for POST /sms/sms-ab12345-1/users/notifier/jobs"_s
                                              << 0;
    QTest::newRow("rate limited") << u"rate limited"_s << DeliveryStatus::TransientFailure << u"HTTP 429"_s << 120;
    QTest::newRow("no response") << u"no response"_s << DeliveryStatus::TransientFailure
                                 << u"failed: no response within 1000 ms"_s << 0;
    QTest::newRow("call not granted") << u"not granted"_s << DeliveryStatus::PermanentFailure
                                      << u"lacks the right POST /sms/sms-ab12345-1/users/notifier/jobs"_s << 0;
    QTest::newRow("invalid application key") << u"wrong application key"_s << DeliveryStatus::PermanentFailure
                                             << u"rejected the application key (OVH_APPLICATION_KEY)"_s << 0;
    QTest::newRow("consumer key not validated") << u"consumer key not validated"_s
                                                << DeliveryStatus::PermanentFailure
                                                << u"rejected the consumer key (OVH_CONSUMER_KEY)"_s << 0;
    QTest::newRow("unknown consumer key") << u"unknown consumer key"_s << DeliveryStatus::PermanentFailure
                                          << u"This credential does not exist"_s << 0;
}

void TestOvhSms::apiFailure()
{
    QFETCH(QString, setup);
    QFETCH(DeliveryStatus, status);
    QFETCH(QString, reason);
    QFETCH(int, retryAfterSec);

    SmsSettings sms = settings();
    const QString jobs = u"/sms/[^/]+/users/[^/]+/jobs"_s;
    if (setup == "server error"_L1) {
        m_api->inject("POST", jobs, FakeHttpResponse::json(500, QJsonObject {{u"message"_s, u"Internal error"_s}}));
    } else if (setup == "rate limited"_L1) {
        FakeHttpResponse response = FakeHttpResponse::json(429, QJsonObject {{u"message"_s, u"Too many requests"_s}});
        response.headers.append({QByteArray("Retry-After"), QByteArray::number(retryAfterSec)});
        m_api->inject("GET", u"/sms/[^/]+"_s, response);
    } else if (setup == "no response"_L1) {
        sms.apiTimeoutSec = 1;
        m_api->inject("GET", u"/sms/[^/]+/serviceInfos"_s, FakeHttpResponse::noResponse());
    } else if (setup == "not granted"_L1) {
        m_api->accessRules = {u"GET /sms/*"_s, u"POST /sms/estimate"_s};
    } else if (setup == "wrong application key"_L1) {
        sms.appKey = u"someOtherKey"_s;
    } else if (setup == "consumer key not validated"_L1) {
        m_api->consumerKeyValidated = false;
    } else if (setup == "unknown consumer key"_L1) {
        sms.consumerKey = u"someOtherConsumerKey"_s;
    }

    OvhSmsSender sender(sms, m_clientTls);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"not sent"_s));
    const QDateTime before = QDateTime::currentDateTimeUtc();
    DeliveryOutcome outcome;
    QVERIFY(sendAndWait(sender, smsMessage(4), outcome));
    QCOMPARE(outcome.status, status);
    QVERIFY2(outcome.error.contains(reason), qPrintable(outcome.error));
    QVERIFY(!outcome.error.contains(sms.appSecret));
    if (retryAfterSec > 0) {
        QVERIFY(outcome.retryNotBefore.has_value());
        QVERIFY(*outcome.retryNotBefore >= before.addSecs(retryAfterSec));
        QVERIFY(*outcome.retryNotBefore <= QDateTime::currentDateTimeUtc().addSecs(retryAfterSec));
    } else {
        QVERIFY(!outcome.retryNotBefore.has_value());
    }
    QVERIFY(m_api->postedJobs.size() <= 1);
    if (setup != "server error"_L1)
        QVERIFY(m_api->postedJobs.isEmpty());
}

void TestOvhSms::lowCreditsWarn()
{
    m_api->account.insert(u"creditsLeft"_s, 2.5);
    QJsonObject quota = m_api->user.value("quotaInformations"_L1).toObject();
    quota.insert(u"quotaLeft"_s, 2);
    m_api->user.insert(u"quotaInformations"_s, quota);

    OvhSmsSender sender(settings(), m_clientTls);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"has only 2.5 credits left"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"has only 2 SMS of quota left"_s));
    DeliveryOutcome outcome;
    QVERIFY(sendAndWait(sender, smsMessage(1), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::Delivered);
}

void TestOvhSms::followsJobUntilSent()
{
    m_api->newJobPendingReads = 2;
    OvhSmsSender sender(settings(), m_clientTls);
    DeliveryOutcome outcome;
    QVERIFY(sendAndWait(sender, smsMessage(1), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::Delivered);
    QCOMPARE(outcome.error, QString());
    // One read before posting, two that still list the job, one that no longer does.
    QCOMPARE(m_api->countAuthenticated("GET", u"/sms/sms-ab12345-1/users/notifier/jobs"_s), 4);
}

void TestOvhSms::pendingJobWaitIsBounded()
{
    m_api->newJobPendingReads = -1;
    SmsSettings sms = settings();
    sms.jobWaitSec = 2;
    OvhSmsSender sender(sms, m_clientTls);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"SMS job 555 is still pending after 2 s"_s));
    DeliveryOutcome outcome;
    QVERIFY(sendAndWait(sender, smsMessage(1), outcome));
    // OVH has the job and its credits: a retry would send a second SMS.
    QCOMPARE(outcome.status, DeliveryStatus::Delivered);
    QVERIFY2(outcome.error.contains(u"job 555, but it was still pending after 2 s"_s), qPrintable(outcome.error));
    QCOMPARE(m_api->postedJobs.size(), 1);
    QVERIFY(m_api->countAuthenticated("GET", u"/sms/sms-ab12345-1/users/notifier/jobs"_s) >= 3);
}

void TestOvhSms::logsIncomingAndPendingOnce()
{
    m_api->incoming.insert(1001, QJsonObject {{u"id"_s, 1001},
                                              {u"creationDatetime"_s, u"2025-03-01T10:15:00+01:00"_s},
                                              {u"credits"_s, 0},
                                              {u"message"_s, u"STOP"_s},
                                              {u"sender"_s, u"+33698765432"_s},
                                              {u"tag"_s, u""_s}});
    m_api->pendingJobs.insert(777, QJsonObject {{u"id"_s, 777},
                                                {u"creationDatetime"_s, u"2025-03-01T10:00:00+01:00"_s},
                                                {u"receiver"_s, u"+32470123456"_s},
                                                {u"message"_s, u"old"_s}});
    OvhSmsSender sender(settings(), m_clientTls);
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(u"incoming SMS 1001 from \\+33698765432 at .*: \"STOP\""_s));
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(u"pending SMS job 777 to \\+32470123456"_s));
    DeliveryOutcome outcome;
    QVERIFY(sendAndWait(sender, smsMessage(1), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::Delivered);
    QVERIFY(sendAndWait(sender, smsMessage(2), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::Delivered);

    QTRY_COMPARE(m_api->countAuthenticated("GET", u"/sms/sms-ab12345-1/users/notifier/incoming/1001"_s), 1);
    QTRY_COMPARE(m_api->countAuthenticated("GET", u"/sms/sms-ab12345-1/users/notifier/jobs/777"_s), 1);
    QCOMPARE(m_api->countAuthenticated("GET", u"/sms/sms-ab12345-1/users/notifier/incoming"_s), 2);
}

void TestOvhSms::untrustedCertificateIsTransient()
{
    const std::expected<QSslConfiguration, QString> systemOnly = httpsTlsConfiguration(QString());
    QVERIFY(systemOnly);
    OvhSmsSender sender(settings(), *systemOnly);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"cannot read the OVH API time"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"not sent yet"_s));
    DeliveryOutcome outcome;
    QVERIFY(sendAndWait(sender, smsMessage(1), outcome));
    QCOMPARE(outcome.status, DeliveryStatus::TransientFailure);
    QVERIFY2(outcome.error.contains(u"TLS handshake failed"_s), qPrintable(outcome.error));
    QVERIFY(m_api->requests.isEmpty());
}

void TestOvhSms::outcomeIsAsynchronous()
{
    SmsSettings sms = settings();
    sms.allowedCountries = {u"BE"_s};
    OvhSmsSender sender(sms, m_clientTls);
    QSignalSpy spy(&sender, &Sender::finished);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"not sent"_s));
    sender.send(smsMessage(9));
    QCOMPARE(spy.count(), 0);
    QTRY_COMPARE(spy.count(), 1);
    QCOMPARE(spy.first().at(0).toLongLong(), 9);
}

QTEST_GUILESS_MAIN(TestOvhSms)
#include "tst_ovhsms.moc"
