#include "FakeXApi.h"

#include <algorithm>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

namespace gcn::test {

using namespace Qt::StringLiterals;

namespace {

FakeHttpResponse problem(int status, const QString& title, const QString& detail, const QString& type)
{
    return FakeHttpResponse::json(status, QJsonObject {{u"title"_s, title},
                                                       {u"type"_s, type},
                                                       {u"status"_s, status},
                                                       {u"detail"_s, detail}});
}

FakeHttpResponse unauthorized()
{
    return problem(401, u"Unauthorized"_s, u"Unauthorized"_s, u"about:blank"_s);
}

FakeHttpResponse permissionProblem()
{
    return problem(403, u"Forbidden"_s,
                   u"Your client app is not configured with the appropriate oauth1 app permissions for this "
                   "endpoint."_s,
                   u"https://api.twitter.com/2/problems/oauth1-permissions"_s);
}

FakeHttpResponse invalidRequest(const QString& message)
{
    return FakeHttpResponse::json(
        400, QJsonObject {{u"errors"_s, QJsonArray {QJsonObject {{u"message"_s, message}}}},
                          {u"title"_s, u"Invalid Request"_s},
                          {u"detail"_s, u"One or more parameters to your request was invalid."_s},
                          {u"type"_s, u"https://api.twitter.com/2/problems/invalid-request"_s}});
}

// Splits name=value pairs joined by '&' and decodes them as application/x-www-form-urlencoded.
FakeXApi::ParameterList decodeForm(const QByteArray& encoded)
{
    FakeXApi::ParameterList parameters;
    if (encoded.isEmpty())
        return parameters;
    for (QByteArray pair : encoded.split('&')) {
        pair.replace('+', ' ');
        const qsizetype equals = pair.indexOf('=');
        const QByteArray name = equals < 0 ? pair : pair.left(equals);
        const QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        parameters.append({QByteArray::fromPercentEncoding(name), QByteArray::fromPercentEncoding(value)});
    }
    return parameters;
}

bool isJsonRequest(const FakeHttpRequest& request)
{
    return request.header("Content-Type").startsWith("application/json");
}

} // namespace

int fakeWeightedLength(const QString& text)
{
    static const QRegularExpression url(u"https?://\\S+"_s);
    QString rest = text.normalized(QString::NormalizationForm_C);
    int weight = 0;
    QRegularExpressionMatchIterator urls = url.globalMatch(rest);
    while (urls.hasNext()) {
        urls.next();
        weight += 23;
    }
    rest.replace(url, QString());
    for (const char32_t codePoint : rest.toUcs4()) {
        const bool light = codePoint <= 0x10FF || (codePoint >= 0x2000 && codePoint <= 0x200D)
                           || (codePoint >= 0x2010 && codePoint <= 0x201F)
                           || (codePoint >= 0x2032 && codePoint <= 0x2037);
        weight += light ? 1 : 2;
    }
    return weight;
}

FakeXApi::FakeXApi(const QSslConfiguration& serverTls, QObject* parent)
    : QObject(parent)
    , m_server(new FakeHttpsServer(serverTls, [this](const FakeHttpRequest& request) { return handle(request); },
                                   this))
{
    rateLimitReset = QDateTime::currentSecsSinceEpoch() + 900;
    users.insert(u"gcnowner"_s, {u"783214"_s, u"GcnOwner"_s});
}

bool FakeXApi::start()
{
    return m_server->listen();
}

QString FakeXApi::apiUrl() const
{
    return QString::fromLatin1(m_server->origin());
}

QByteArray FakeXApi::percentEncode(const QByteArray& value)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray encoded;
    for (const char character : value) {
        const auto byte = static_cast<unsigned char>(character);
        const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z')
                                || (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_'
                                || byte == '~';
        if (unreserved) {
            encoded += char(byte);
        } else {
            encoded += '%';
            encoded += hex[byte >> 4];
            encoded += hex[byte & 0x0F];
        }
    }
    return encoded;
}

QByteArray FakeXApi::signatureBaseString(const QByteArray& method, const QByteArray& baseUri,
                                         const ParameterList& parameters)
{
    ParameterList encoded;
    for (const auto& [name, value] : parameters)
        encoded.append({percentEncode(name), percentEncode(value)});
    std::sort(encoded.begin(), encoded.end());
    QByteArray normalized;
    for (const auto& [name, value] : encoded) {
        if (!normalized.isEmpty())
            normalized += '&';
        normalized += name + '=' + value;
    }
    return method.toUpper() + '&' + percentEncode(baseUri) + '&' + percentEncode(normalized);
}

QByteArray FakeXApi::hmacSha1Signature(const QByteArray& baseString, const QByteArray& consumerSecret,
                                       const QByteArray& tokenSecret)
{
    const QByteArray key = percentEncode(consumerSecret) + '&' + percentEncode(tokenSecret);
    return QMessageAuthenticationCode::hash(baseString, key, QCryptographicHash::Sha1).toBase64();
}

std::optional<QString> FakeXApi::verifyOAuth(const QByteArray& origin, const FakeHttpRequest& request)
{
    const QByteArray authorization = request.header("Authorization");
    if (!authorization.startsWith("OAuth "))
        return u"no OAuth Authorization header"_s;

    QHash<QByteArray, QByteArray> oauth;
    for (const QByteArray& item : authorization.mid(6).split(',')) {
        const QByteArray trimmed = item.trimmed();
        const qsizetype equals = trimmed.indexOf('=');
        if (equals <= 0)
            return u"malformed Authorization parameter: %1"_s.arg(QString::fromLatin1(trimmed));
        QByteArray value = trimmed.mid(equals + 1);
        if (value.size() < 2 || !value.startsWith('"') || !value.endsWith('"'))
            return u"Authorization value not quoted: %1"_s.arg(QString::fromLatin1(trimmed));
        oauth.insert(QByteArray::fromPercentEncoding(trimmed.left(equals)),
                     QByteArray::fromPercentEncoding(value.mid(1, value.size() - 2)));
    }

    for (const char* required : {"oauth_consumer_key", "oauth_token", "oauth_signature_method", "oauth_timestamp",
                                 "oauth_nonce", "oauth_signature"}) {
        if (!oauth.contains(required))
            return u"missing %1"_s.arg(QLatin1StringView(required));
    }
    if (oauth.value("oauth_consumer_key") != consumerKey)
        return u"unknown consumer key"_s;
    if (oauth.value("oauth_token") != accessToken)
        return u"unknown access token"_s;
    if (oauth.value("oauth_signature_method") != "HMAC-SHA1")
        return u"signature method is not HMAC-SHA1"_s;
    if (oauth.contains("oauth_version") && oauth.value("oauth_version") != "1.0")
        return u"oauth_version is not 1.0"_s;
    bool ok = false;
    const qint64 timestamp = oauth.value("oauth_timestamp").toLongLong(&ok);
    if (!ok || qAbs(timestamp - QDateTime::currentSecsSinceEpoch()) > timestampWindowSec)
        return u"timestamp outside the accepted window"_s;
    const QByteArray nonce = oauth.value("oauth_nonce");
    if (nonce.isEmpty() || m_nonces.contains(nonce))
        return u"nonce empty or used before"_s;

    ParameterList parameters = decodeForm(request.query());
    for (auto it = oauth.cbegin(); it != oauth.cend(); ++it) {
        if (it.key() != "oauth_signature" && it.key() != "realm")
            parameters.append({it.key(), it.value()});
    }
    if (request.header("Content-Type").startsWith("application/x-www-form-urlencoded"))
        parameters += decodeForm(request.body);

    const QByteArray baseString = signatureBaseString(request.method, origin + request.path(), parameters);
    if (hmacSha1Signature(baseString, consumerSecret, accessTokenSecret) != oauth.value("oauth_signature"))
        return u"signature mismatch"_s;
    m_nonces.insert(nonce);
    return std::nullopt;
}

void FakeXApi::inject(const QByteArray& method, const QString& pathPattern, const FakeHttpResponse& response,
                      int times)
{
    m_injections.append({method, QRegularExpression(QRegularExpression::anchoredPattern(pathPattern)), response,
                         times});
}

int FakeXApi::countRequests(const QByteArray& method, const QString& pathPattern) const
{
    const QRegularExpression pattern(QRegularExpression::anchoredPattern(pathPattern));
    return int(std::count_if(requests.cbegin(), requests.cend(), [&](const LoggedRequest& logged) {
        return logged.method == method && pattern.match(logged.path).hasMatch();
    }));
}

void FakeXApi::addRateLimitHeaders(FakeHttpResponse& response) const
{
    response.headers.append({QByteArray("x-rate-limit-limit"), QByteArray("200")});
    response.headers.append({QByteArray("x-rate-limit-remaining"), QByteArray::number(std::max(rateLimitRemaining, 0))});
    response.headers.append({QByteArray("x-rate-limit-reset"), QByteArray::number(rateLimitReset)});
}

FakeHttpResponse FakeXApi::handle(const FakeHttpRequest& request)
{
    LoggedRequest logged {request.method, QString::fromUtf8(request.path()), request.body, 0};
    FakeHttpResponse response;
    if (const std::optional<QString> rejection = verifyOAuth(m_server->origin(), request)) {
        qInfo("fake X API rejects %s %s: %s", request.method.constData(), request.target.constData(),
              qUtf8Printable(*rejection));
        response = unauthorized();
    } else if (rateLimitRemaining <= 0) {
        response = problem(429, u"Too Many Requests"_s, u"Too Many Requests"_s, u"about:blank"_s);
    } else {
        --rateLimitRemaining;
        response = route(request, logged.path);
    }
    if (!response.hang)
        addRateLimitHeaders(response);
    logged.status = response.hang ? 0 : response.status;
    requests.append(logged);
    return response;
}

FakeHttpResponse FakeXApi::route(const FakeHttpRequest& request, const QString& path)
{
    for (Injection& injection : m_injections) {
        if (injection.remaining != 0 && injection.method == request.method && injection.path.match(path).hasMatch()) {
            if (injection.remaining > 0)
                --injection.remaining;
            return injection.response;
        }
    }

    static const QRegularExpression userLookup(u"^/2/users/by/username/([^/]+)$"_s);
    static const QRegularExpression directMessage(u"^/2/dm_conversations/with/([^/]+)/messages$"_s);
    static const QRegularExpression username(u"^[A-Za-z0-9_]{1,15}$"_s);

    if (request.method == "GET") {
        const QRegularExpressionMatch match = userLookup.match(path);
        if (!match.hasMatch())
            return problem(404, u"Not Found Error"_s, u"Not found"_s, u"about:blank"_s);
        const QString name = QUrl::fromPercentEncoding(match.captured(1).toUtf8());
        if (!username.match(name).hasMatch())
            return invalidRequest(u"The `username` query parameter value [%1] does not match ^[A-Za-z0-9_]{1,15}$"_s.arg(name));
        if (!users.contains(name.toLower())) {
            const QJsonObject error {
                {u"value"_s, name},
                {u"detail"_s, u"Could not find user with username: [%1]."_s.arg(name)},
                {u"title"_s, u"Not Found Error"_s},
                {u"resource_type"_s, u"user"_s},
                {u"parameter"_s, u"username"_s},
                {u"resource_id"_s, name},
                {u"type"_s, u"https://api.twitter.com/2/problems/resource-not-found"_s},
            };
            return FakeHttpResponse::json(200, QJsonObject {{u"errors"_s, QJsonArray {error}}});
        }
        const auto [id, writtenName] = users.value(name.toLower());
        return FakeHttpResponse::json(
            200, QJsonObject {{u"data"_s, QJsonObject {{u"id"_s, id}, {u"name"_s, writtenName},
                                                        {u"username"_s, writtenName}}}});
    }

    if (request.method != "POST")
        return problem(404, u"Not Found Error"_s, u"Not found"_s, u"about:blank"_s);
    if (!isJsonRequest(request))
        return invalidRequest(u"Content-Type must be application/json"_s);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return invalidRequest(u"The request body is not a JSON object"_s);
    const QJsonObject body = document.object();

    if (path == "/2/tweets"_L1) {
        static const QSet<QString> fields {u"text"_s, u"reply"_s, u"quote_tweet_id"_s, u"media"_s, u"poll"_s,
                                           u"reply_settings"_s, u"geo"_s, u"for_super_followers_only"_s,
                                           u"direct_message_deep_link"_s, u"community_id"_s};
        for (const QString& key : body.keys()) {
            if (!fields.contains(key))
                return invalidRequest(u"Unknown field %1"_s.arg(key));
        }
        if (!canWrite)
            return permissionProblem();
        if (!body.value("text"_L1).isString())
            return invalidRequest(u"text must be a string"_s);
        const QString text = body.value("text"_L1).toString();
        if (fakeWeightedLength(text) > 280)
            return invalidRequest(u"Your Tweet text is too long."_s);
        if (postedTexts.contains(text)) {
            return problem(403, u"Forbidden"_s, u"You are not allowed to create a Tweet with duplicate content."_s,
                           u"about:blank"_s);
        }
        postedTexts.insert(text);
        const QString id = QString::number(m_nextId++);
        return FakeHttpResponse::json(201, QJsonObject {{u"data"_s, QJsonObject {{u"id"_s, id}, {u"text"_s, text}}}});
    }

    const QRegularExpressionMatch match = directMessage.match(path);
    if (!match.hasMatch())
        return problem(404, u"Not Found Error"_s, u"Not found"_s, u"about:blank"_s);
    if (!canDirectMessage)
        return permissionProblem();
    const QString participant = match.captured(1);
    const bool known = std::any_of(users.cbegin(), users.cend(),
                                   [&participant](const auto& entry) { return entry.first == participant; });
    if (!known)
        return invalidRequest(u"participant_id %1 is not a user"_s.arg(participant));
    for (const QString& key : body.keys()) {
        if (key != "text"_L1 && key != "attachments"_L1)
            return invalidRequest(u"Unknown field %1"_s.arg(key));
    }
    const QString text = body.value("text"_L1).toString();
    if (text.isEmpty() || text.toUcs4().size() > 10000)
        return invalidRequest(u"text must have 1 to 10000 characters"_s);
    directMessages.append({participant, text});
    const QString ownId = QString::fromLatin1(accessToken.left(accessToken.indexOf('-')));
    return FakeHttpResponse::json(
        201, QJsonObject {{u"data"_s, QJsonObject {{u"dm_conversation_id"_s, QString(ownId + u'-' + participant)},
                                                    {u"dm_event_id"_s, QString::number(m_nextId++)}}}});
}

} // namespace gcn::test
