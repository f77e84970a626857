#include "FakeOvhApi.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QUrl>

namespace gcn::test {

using namespace Qt::StringLiterals;

namespace {

FakeHttpResponse ovhError(int status, const QString& errorCode, const QString& message)
{
    QJsonObject body {{u"message"_s, message}, {u"httpCode"_s, u"%1"_s.arg(status)}};
    if (!errorCode.isEmpty())
        body.insert(u"errorCode"_s, errorCode);
    FakeHttpResponse response = FakeHttpResponse::json(status, body);
    response.headers.append({QByteArray("X-Ovh-Queryid"), QByteArray("EU.fake-1.0000")});
    return response;
}

FakeHttpResponse notFound()
{
    FakeHttpResponse response =
        FakeHttpResponse::json(404, QJsonObject {{u"class"_s, u"Client::NotFound"_s},
                                                 {u"message"_s, u"This service does not exist"_s}});
    return response;
}

FakeHttpResponse badRequest(const QString& message)
{
    return FakeHttpResponse::json(400, QJsonObject {{u"class"_s, u"Client::BadRequest"_s}, {u"message"_s, message}});
}

// The GSM 7-bit default alphabet and extension table (3GPP TS 23.038), kept apart from the product's table
// so that the fake judges the texts on its own.
const QString gsmBasic = u"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                         "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"_s;
const QString gsmExtension = u"\f^{}\\[~]|€"_s;

// Septets of the text, or -1 when a character is outside the alphabet.
int septets(const QString& text)
{
    int count = 0;
    for (const QChar character : text) {
        if (gsmBasic.contains(character))
            count += 1;
        else if (gsmExtension.contains(character))
            count += 2;
        else
            return -1;
    }
    return count;
}

// Matches an access rule such as "GET /sms/*", where '*' stands for any characters, '/' included.
bool wildcardMatch(const QString& pattern, const QString& text)
{
    const QString expression = QRegularExpression::escape(pattern).replace("\\*"_L1, ".*"_L1);
    return QRegularExpression(QRegularExpression::anchoredPattern(expression)).match(text).hasMatch();
}

} // namespace

FakeOvhApi::FakeOvhApi(const QSslConfiguration& serverTls, QObject* parent)
    : QObject(parent)
    , m_server(new FakeHttpsServer(serverTls, [this](const FakeHttpRequest& request) { return handle(request); },
                                   this))
{
    account = QJsonObject {
        {u"name"_s, serviceName},
        {u"description"_s, u""_s},
        {u"status"_s, u"enable"_s},
        {u"creditsLeft"_s, 42.5},
        {u"creditsHoldByQuota"_s, 0},
        {u"userQuantityWithQuota"_s, 0},
        {u"channel"_s, u"both"_s},
        {u"smpp"_s, false},
        {u"smsResponse"_s, QJsonObject {{u"responseType"_s, u"none"_s}}},
        {u"creditThresholdForAutomaticRecredit"_s, 0},
        {u"automaticRecreditAmount"_s, QJsonValue::Null},
        {u"callBack"_s, QJsonValue::Null},
        {u"stopCallBack"_s, QJsonValue::Null},
    };
    serviceInfos = QJsonObject {
        {u"domain"_s, serviceName},      {u"status"_s, u"ok"_s},         {u"serviceId"_s, 123456},
        {u"creation"_s, u"2024-01-10"_s}, {u"expiration"_s, u"2026-01-10"_s},
        {u"renewalType"_s, u"automaticV2016"_s},
    };
    user = QJsonObject {
        {u"login"_s, userName},
        {u"password"_s, u"********"_s},
        {u"ipRestrictions"_s, QJsonArray {}},
        {u"callBack"_s, QJsonValue::Null},
        {u"stopCallBack"_s, QJsonValue::Null},
        {u"alertThresholdInformations"_s,
         QJsonObject {{u"alertEmail"_s, u""_s}, {u"alertNumber"_s, u""_s}, {u"alertThreshold"_s, 0},
                      {u"support"_s, u"mail"_s}}},
        {u"quotaInformations"_s, QJsonObject {{u"quotaLeft"_s, 100.0}, {u"quotaStatus"_s, u"active"_s}}},
    };
    senders.insert(u"GCNALERT"_s, QJsonObject {{u"sender"_s, u"GCNALERT"_s},
                                               {u"description"_s, u"alerts"_s},
                                               {u"comment"_s, QJsonValue::Null},
                                               {u"referer"_s, u"custom"_s},
                                               {u"status"_s, u"enable"_s},
                                               {u"type"_s, u"alpha"_s},
                                               {u"validationMedia"_s, QJsonValue::Null}});
}

bool FakeOvhApi::start()
{
    return m_server->listen();
}

QString FakeOvhApi::endpointUrl() const
{
    return QString::fromLatin1(m_server->origin()) + u"/1.0"_s;
}

QByteArray FakeOvhApi::expectedSignature(const QByteArray& applicationSecret, const QByteArray& consumerKey,
                                         const QByteArray& method, const QByteArray& url, const QByteArray& body,
                                         const QByteArray& timestamp)
{
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    for (const QByteArray& field : {applicationSecret, consumerKey, method, url, body}) {
        sha1.addData(field);
        sha1.addData("+");
    }
    sha1.addData(timestamp);
    return "$1$" + sha1.result().toHex();
}

void FakeOvhApi::inject(const QByteArray& method, const QString& pathPattern, const FakeHttpResponse& response,
                        int times)
{
    m_injections.append({method, QRegularExpression(QRegularExpression::anchoredPattern(pathPattern)), response,
                         times});
}

int FakeOvhApi::countRequests(const QByteArray& method, const QString& pathPattern) const
{
    const QRegularExpression pattern(QRegularExpression::anchoredPattern(pathPattern));
    return int(std::count_if(requests.cbegin(), requests.cend(), [&](const LoggedRequest& logged) {
        return logged.method == method && pattern.match(logged.path).hasMatch();
    }));
}

int FakeOvhApi::countAuthenticated(const QByteArray& method, const QString& pathPattern) const
{
    const QRegularExpression pattern(QRegularExpression::anchoredPattern(pathPattern));
    return int(std::count_if(m_authenticated.cbegin(), m_authenticated.cend(), [&](const LoggedRequest& logged) {
        return logged.method == method && pattern.match(logged.path).hasMatch();
    }));
}

qint64 FakeOvhApi::apiTime() const
{
    return QDateTime::currentSecsSinceEpoch() + clockOffsetSec;
}

FakeHttpResponse FakeOvhApi::handle(const FakeHttpRequest& request)
{
    LoggedRequest logged {request.method, QString::fromUtf8(request.path()), request.body, 0};
    FakeHttpResponse response;
    if (!request.path().startsWith("/1.0/")) {
        response = notFound();
    } else {
        logged.path = QString::fromUtf8(request.path().mid(4));
        if (logged.path == "/auth/time"_L1 && request.method == "GET") {
            response = FakeHttpResponse::json(200, QJsonValue(double(apiTime())));
        } else if (const std::optional<FakeHttpResponse> rejected = authenticate(request)) {
            response = *rejected;
        } else if (const std::optional<FakeHttpResponse> invalidBody = checkBody(request)) {
            response = *invalidBody;
        } else if (!isGranted(request.method, logged.path)) {
            response = ovhError(403, u"NOT_GRANTED_CALL"_s, u"This call has not been granted"_s);
        } else {
            m_authenticated.append(logged);
            response = route(request, logged.path);
        }
    }
    logged.status = response.hang ? 0 : response.status;
    requests.append(logged);
    return response;
}

std::optional<FakeHttpResponse> FakeOvhApi::authenticate(const FakeHttpRequest& request) const
{
    if (request.header("X-Ovh-Application") != applicationKey)
        return ovhError(403, u"INVALID_KEY"_s, u"Invalid application key"_s);
    if (request.header("X-Ovh-Consumer") != consumerKey)
        return ovhError(403, u"NOT_CREDENTIAL"_s, u"This credential does not exist"_s);
    if (!consumerKeyValidated)
        return ovhError(403, u"INVALID_CREDENTIAL"_s, u"This credential is not valid"_s);

    const QByteArray timestamp = request.header("X-Ovh-Timestamp");
    bool ok = false;
    const qint64 seconds = timestamp.toLongLong(&ok);
    if (!ok || qAbs(seconds - apiTime()) > timestampWindowSec)
        return ovhError(400, u"INVALID_SIGNATURE"_s, u"Invalid signature"_s);

    const QByteArray url = m_server->origin() + request.target;
    const QByteArray expected =
        expectedSignature(applicationSecret, consumerKey, request.method, url, request.body, timestamp);
    if (request.header("X-Ovh-Signature") != expected)
        return ovhError(400, u"INVALID_SIGNATURE"_s, u"Invalid signature"_s);
    return std::nullopt;
}

std::optional<FakeHttpResponse> FakeOvhApi::checkBody(const FakeHttpRequest& request) const
{
    if (request.method == "GET" || request.method == "DELETE") {
        if (!request.body.isEmpty())
            return badRequest(u"You provided an input body while none was expected"_s);
        return std::nullopt;
    }
    if (!request.header("Content-Type").startsWith("application/json"))
        return badRequest(u"Content-Type must be application/json"_s);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return badRequest(u"Invalid JSON body: %1"_s.arg(error.errorString()));
    return std::nullopt;
}

bool FakeOvhApi::isGranted(const QByteArray& method, const QString& path) const
{
    const QString call = QString::fromLatin1(method) + u' ' + path;
    return std::any_of(accessRules.cbegin(), accessRules.cend(),
                       [&call](const QString& rule) { return wildcardMatch(rule, call); });
}

FakeHttpResponse FakeOvhApi::route(const FakeHttpRequest& request, const QString& path)
{
    for (Injection& injection : m_injections) {
        if (injection.remaining != 0 && injection.method == request.method && injection.path.match(path).hasMatch()) {
            if (injection.remaining > 0)
                --injection.remaining;
            return injection.response;
        }
    }

    QStringList segments;
    for (const QString& segment : path.mid(1).split(u'/'))
        segments.append(QUrl::fromPercentEncoding(segment.toUtf8()));
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const qsizetype count = segments.size();

    if (request.method == "POST" && segments == QStringList {u"sms"_s, u"estimate"_s})
        return estimate(body);
    if (count < 2 || segments.at(0) != "sms"_L1 || segments.at(1) != serviceName)
        return notFound();
    if (request.method == "GET" && count == 2)
        return FakeHttpResponse::json(200, account);
    if (request.method == "GET" && count == 3 && segments.at(2) == "serviceInfos"_L1)
        return FakeHttpResponse::json(200, serviceInfos);
    if (request.method == "GET" && count == 4 && segments.at(2) == "senders"_L1) {
        if (!senders.contains(segments.at(3)))
            return notFound();
        return FakeHttpResponse::json(200, senders.value(segments.at(3)));
    }
    if (count < 4 || segments.at(2) != "users"_L1 || segments.at(3) != userName)
        return notFound();
    if (request.method == "GET" && count == 4)
        return FakeHttpResponse::json(200, user);
    if (request.method == "GET" && count == 5 && segments.at(4) == "incoming"_L1) {
        QJsonArray ids;
        for (const qint64 id : incoming.keys())
            ids.append(id);
        return FakeHttpResponse::json(200, ids);
    }
    if (request.method == "GET" && count == 6 && segments.at(4) == "incoming"_L1) {
        const qint64 id = segments.at(5).toLongLong();
        return incoming.contains(id) ? FakeHttpResponse::json(200, incoming.value(id)) : notFound();
    }
    if (request.method == "GET" && count == 5 && segments.at(4) == "jobs"_L1) {
        QJsonArray ids;
        QList<qint64> leaving;
        for (auto it = pendingJobs.cbegin(); it != pendingJobs.cend(); ++it) {
            ids.append(it.key());
            if (m_pendingReadsLeft.contains(it.key())) {
                int& left = m_pendingReadsLeft[it.key()];
                if (left > 0 && --left == 0)
                    leaving.append(it.key());
            }
        }
        for (const qint64 id : leaving) {
            pendingJobs.remove(id);
            m_pendingReadsLeft.remove(id);
        }
        return FakeHttpResponse::json(200, ids);
    }
    if (request.method == "GET" && count == 6 && segments.at(4) == "jobs"_L1) {
        const qint64 id = segments.at(5).toLongLong();
        return pendingJobs.contains(id) ? FakeHttpResponse::json(200, pendingJobs.value(id)) : notFound();
    }
    if (request.method == "POST" && count == 5 && segments.at(4) == "jobs"_L1)
        return postJob(body);
    return notFound();
}

FakeHttpResponse FakeOvhApi::estimate(const QJsonObject& body) const
{
    static const QSet<QString> senderTypes {u"alpha"_s, u"numeric"_s, u"shortcode"_s, u"time2chat"_s, u"virtual"_s};
    const QStringList fieldNames = body.keys();
    const QSet<QString> keys(fieldNames.cbegin(), fieldNames.cend());
    if (keys != QSet<QString> {u"message"_s, u"noStopClause"_s, u"senderType"_s})
        return badRequest(u"Invalid body: expected message, noStopClause and senderType"_s);
    if (!body.value("message"_L1).isString() || !body.value("noStopClause"_L1).isBool()
        || !senderTypes.contains(body.value("senderType"_L1).toString())) {
        return badRequest(u"Invalid body: wrong type of message, noStopClause or senderType"_s);
    }

    const QString message = body.value("message"_L1).toString();
    const int septetCount = septets(message);
    QString characterClass = septetCount >= 0 ? u"7bits"_s : u"unicode"_s;
    if (forcedCharactersClass)
        characterClass = *forcedCharactersClass;
    const bool sevenBit = characterClass == "7bits"_L1;
    const int characters = sevenBit && septetCount >= 0 ? septetCount : int(message.size());
    const int single = sevenBit ? 160 : 70;
    const int perPart = characters <= single ? single : (sevenBit ? 153 : 67);
    const int parts = characters == 0 ? 1 : (characters + perPart - 1) / perPart;
    return FakeHttpResponse::json(200, QJsonObject {{u"characters"_s, characters},
                                                    {u"charactersClass"_s, characterClass},
                                                    {u"maxCharactersPerPart"_s, perPart},
                                                    {u"parts"_s, parts}});
}

FakeHttpResponse FakeOvhApi::postJob(const QJsonObject& body)
{
    static const QSet<QString> knownFields {
        u"charset"_s,  u"class"_s,           u"coding"_s,   u"differedPeriod"_s,       u"message"_s,
        u"noStopClause"_s, u"priority"_s,    u"receivers"_s, u"receiversDocumentUrl"_s, u"receiversSlotId"_s,
        u"sender"_s,   u"senderForResponse"_s, u"tag"_s,    u"validityPeriod"_s,
    };
    for (const QString& key : body.keys()) {
        if (!knownFields.contains(key))
            return badRequest(u"Invalid body: unknown field %1"_s.arg(key));
    }
    const QString message = body.value("message"_L1).toString();
    if (message.isEmpty())
        return badRequest(u"Invalid body: message is required"_s);
    if (body.contains("charset"_L1) && body.value("charset"_L1).toString() != "UTF-8"_L1)
        return badRequest(u"Invalid body: charset must be UTF-8"_s);
    if (body.contains("priority"_L1)
        && !QStringList {u"high"_s, u"medium"_s, u"low"_s, u"veryLow"_s}.contains(body.value("priority"_L1).toString())) {
        return badRequest(u"Invalid body: unknown priority"_s);
    }
    if (!body.value("receivers"_L1).isArray())
        return badRequest(u"Invalid body: receivers must be a list of numbers"_s);
    const QString sender = body.value("sender"_L1).toString();
    if (!senders.contains(sender) || senders.value(sender).value("status"_L1).toString() != "enable"_L1)
        return badRequest(u"Invalid body: the sender %1 is not valid"_s.arg(sender));

    static const QRegularExpression internationalNumber(u"^\\+[1-9][0-9]{6,14}$"_s);
    QJsonArray valid;
    QJsonArray invalid;
    for (const QJsonValue& receiver : body.value("receivers"_L1).toArray()) {
        if (receiver.isString() && internationalNumber.match(receiver.toString()).hasMatch())
            valid.append(receiver);
        else
            invalid.append(receiver);
    }

    postedJobs.append(body);
    QJsonArray ids;
    const int septetCount = septets(message);
    const int parts = septetCount >= 0 ? (septetCount <= 160 ? 1 : (septetCount + 152) / 153)
                                       : (message.size() <= 70 ? 1 : int(message.size() + 66) / 67);
    double creditsRemoved = 0;
    for (const QJsonValue& receiver : valid) {
        const qint64 id = m_nextJobId++;
        ids.append(id);
        creditsRemoved += parts;
        if (newJobPendingReads != 0) {
            pendingJobs.insert(id, QJsonObject {{u"id"_s, id},
                                                {u"creationDatetime"_s, QDateTime::currentDateTime().toString(Qt::ISODate)},
                                                {u"credits"_s, parts},
                                                {u"message"_s, message},
                                                {u"receiver"_s, receiver},
                                                {u"sender"_s, sender},
                                                {u"sentAt"_s, QJsonValue::Null},
                                                {u"deliveredAt"_s, QJsonValue::Null}});
            m_pendingReadsLeft.insert(id, newJobPendingReads);
        }
    }
    const double creditsLeft = account.value("creditsLeft"_L1).toDouble() - creditsRemoved;
    account.insert(u"creditsLeft"_s, creditsLeft);
    return FakeHttpResponse::json(200, QJsonObject {{u"ids"_s, ids},
                                                    {u"validReceivers"_s, valid},
                                                    {u"invalidReceivers"_s, invalid},
                                                    {u"totalCreditsRemoved"_s, creditsRemoved},
                                                    {u"tag"_s, u""_s},
                                                    {u"creditsLeft"_s, creditsLeft}});
}

} // namespace gcn::test
