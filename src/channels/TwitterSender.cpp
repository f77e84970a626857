#include "channels/TwitterSender.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include "channels/HttpApi.h"
#include "channels/TwitterText.h"

Q_LOGGING_CATEGORY(lcTwitter, "gcn.twitter")

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

// A public post with the same text as a recent one is not made again within this time.
// NOTE: X does not publish how long it rejects duplicate posts; this only covers the recipients of one notification.
constexpr qint64 repeatedPostWindowMs = 10 * 60 * 1000;

QString optionName(const QString& option, const QString& variable)
{
    return u"--%1 (%2)"_s.arg(option, variable);
}

// An X user name: 1 to 15 letters, digits or underscores.
bool isValidUsername(const QString& username)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9_]{1,15}$"_s);
    return pattern.match(username).hasMatch();
}

std::optional<QString> apiUrlError(const QString& apiUrl)
{
    const QUrl url(apiUrl.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != "https"_L1 || url.host().isEmpty() || url.hasQuery() || url.hasFragment())
        return u"expected an https URL without query, e.g. https://api.x.com"_s;
    return std::nullopt;
}

QJsonObject parseObject(const QByteArray& body)
{
    return QJsonDocument::fromJson(body).object();
}

// The reason X gives in a problem document (title, detail) or a list of errors.
QString problemText(const QByteArray& body)
{
    const QJsonObject problem = parseObject(body);
    QStringList parts;
    const QString title = problem.value("title"_L1).toString();
    const QString detail = problem.value("detail"_L1).toString();
    if (!title.isEmpty() && !detail.isEmpty() && title != detail)
        parts.append(title + u": "_s + detail);
    else if (!detail.isEmpty() || !title.isEmpty())
        parts.append(detail.isEmpty() ? title : detail);
    for (const QJsonValue& error : problem.value("errors"_L1).toArray()) {
        const QJsonObject object = error.toObject();
        QString text = object.value("message"_L1).toString();
        if (text.isEmpty())
            text = object.value("detail"_L1).toString();
        if (const int code = object.value("code"_L1).toInt(); code != 0)
            text = u"code %1: %2"_s.arg(code).arg(text);
        if (!text.isEmpty() && !parts.contains(text))
            parts.append(text);
    }
    if (const QString error = problem.value("error"_L1).toString(); !error.isEmpty())
        parts.append(error);
    if (parts.isEmpty())
        return QString::fromUtf8(body.left(200)).simplified();
    return parts.join(u"; "_s);
}

bool isDuplicateContent(const QByteArray& body)
{
    const QJsonObject problem = parseObject(body);
    if (problem.value("detail"_L1).toString().contains("duplicate content"_L1, Qt::CaseInsensitive))
        return true;
    for (const QJsonValue& error : problem.value("errors"_L1).toArray()) {
        const QJsonObject object = error.toObject();
        // Code 187 is the API v1.1 form of the same error.
        if (object.value("code"_L1).toInt() == 187
            || object.value("message"_L1).toString().contains("duplicate"_L1, Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

} // namespace

struct TwitterSender::Delivery
{
    OutgoingMessage message;
    // Handle without '@'.
    QString username;
    QString text;
};

TwitterSender::TwitterSender(const TwitterSettings& settings, const QSslConfiguration& tls, const Clock& clock,
                             QNetworkAccessManager* network, QObject* parent)
    : Sender(parent)
    , m_settings(settings)
    , m_credentials {settings.consumerKey, settings.consumerSecret, settings.accessToken, settings.accessTokenSecret}
    , m_baseUrl(settings.apiUrl.trimmed())
    , m_clock(clock)
    , m_http(new HttpApi(network, tls, settings.apiTimeoutSec * 1000, this))
{
    while (m_baseUrl.endsWith(u'/'))
        m_baseUrl.chop(1);
}

TwitterSender::~TwitterSender() = default;

std::optional<ConfigError> TwitterSender::validateSettings(const TwitterSettings& settings)
{
    const struct
    {
        QString option;
        QString variable;
        const QString& value;
    } required[] = {
        {u"twitter-app-consumer-key"_s, u"GCN_TWITTER_APP_CONSUMER_KEY"_s, settings.consumerKey},
        {u"twitter-app-consumer-secret"_s, u"GCN_TWITTER_APP_CONSUMER_SECRET"_s, settings.consumerSecret},
        {u"twitter-user-access-token"_s, u"GCN_TWITTER_USER_ACCESS_TOKEN"_s, settings.accessToken},
        {u"twitter-user-access-token-secret"_s, u"GCN_TWITTER_USER_ACCESS_TOKEN_SECRET"_s,
         settings.accessTokenSecret},
    };
    for (const auto& entry : required) {
        if (entry.value.trimmed().isEmpty()) {
            return ConfigError {optionName(entry.option, entry.variable), {},
                                u"missing; X notifications need it"_s, true};
        }
    }
    if (const std::optional<QString> error = apiUrlError(settings.apiUrl))
        return ConfigError {optionName(u"twitter-api-url"_s, u"GCN_TWITTER_API_URL"_s), settings.apiUrl, *error};
    return std::nullopt;
}

void TwitterSender::send(const OutgoingMessage& message)
{
    auto delivery = std::make_shared<Delivery>();
    delivery->message = message;
    qCInfo(lcTwitter) << "sending message" << message.id << "to" << message.recipient
                      << (m_settings.publicPost ? "as a public post" : "as a direct message");

    if (const std::optional<QString> error = apiUrlError(m_settings.apiUrl)) {
        finish(delivery, {DeliveryStatus::PermanentFailure,
                          u"invalid --twitter-api-url '%1': %2"_s.arg(m_settings.apiUrl, *error), std::nullopt});
        return;
    }
    const QString recipient = message.recipient.trimmed();
    delivery->username = recipient.startsWith(u'@') ? recipient.mid(1) : recipient;
    if (!recipient.startsWith(u'@') || !isValidUsername(delivery->username)) {
        finish(delivery, {DeliveryStatus::PermanentFailure,
                          u"invalid X recipient '%1'; write it as @handle with 1 to 15 letters, digits or "
                          "underscores"_s.arg(message.recipient),
                          std::nullopt});
        return;
    }
    if (message.shortText.trimmed().isEmpty()) {
        finish(delivery, {DeliveryStatus::PermanentFailure, u"the message has no short text to send to X"_s,
                          std::nullopt});
        return;
    }

    if (m_settings.publicPost) {
        delivery->text = twittertext::fitWeighted(message.shortText);
        sendPublicPost(delivery);
    } else {
        delivery->text = twittertext::fitCharacters(message.shortText);
        sendDirectMessage(delivery);
    }
}

void TwitterSender::sendDirectMessage(const DeliveryPtr& delivery)
{
    const QString handleKey = delivery->username.toLower();
    if (const auto found = m_userIds.constFind(handleKey); found != m_userIds.cend()) {
        postDirectMessage(delivery, *found);
        return;
    }
    const bool lookupRunning = m_lookups.contains(handleKey);
    m_lookups[handleKey].waiters.append(delivery);
    if (!lookupRunning)
        lookUpUser(handleKey, delivery->username);
}

void TwitterSender::lookUpUser(const QString& handleKey, const QString& username)
{
    qCDebug(lcTwitter) << "looking up the user id of" << u"@"_s + username;
    request("GET", u"/2/users/by/username/"_s + username, {}, [this, handleKey, username](const HttpResponse& response) {
        const QList<DeliveryPtr> waiters = m_lookups.take(handleKey).waiters;
        const QString userId = parseObject(response.body).value("data"_L1).toObject().value("id"_L1).toString();

        DeliveryOutcome outcome;
        if (response.status == 200 && !userId.isEmpty()) {
            qCInfo(lcTwitter) << "X user" << u"@"_s + username << "has id" << userId;
            m_userIds.insert(handleKey, userId);
            for (const DeliveryPtr& waiter : waiters)
                postDirectMessage(waiter, userId);
            return;
        }
        if (response.status == 200) {
            outcome = {DeliveryStatus::PermanentFailure,
                       u"X user @%1 not found (%2); check the handle"_s.arg(username, problemText(response.body)),
                       std::nullopt};
        } else {
            outcome = failureOutcome(response, u"the lookup of @%1"_s.arg(username));
        }
        for (const DeliveryPtr& waiter : waiters)
            finish(waiter, outcome);
    });
}

void TwitterSender::postDirectMessage(const DeliveryPtr& delivery, const QString& userId)
{
    const QByteArray body = QJsonDocument(QJsonObject {{u"text"_s, delivery->text}}).toJson(QJsonDocument::Compact);
    const QString path = u"/2/dm_conversations/with/%1/messages"_s.arg(userId);
    request("POST", path, body, [this, delivery, userId](const HttpResponse& response) {
        if (response.status == 201 || response.status == 200) {
            const QString eventId =
                parseObject(response.body).value("data"_L1).toObject().value("dm_event_id"_L1).toString();
            qCInfo(lcTwitter) << "message" << delivery->message.id << "sent to" << u"@"_s + delivery->username
                              << "as direct message event" << eventId;
            finish(delivery, {DeliveryStatus::Delivered, {}, std::nullopt});
            return;
        }
        // The user id is read again next time, in case the account behind the handle changed.
        if (response.status == 400 || response.status == 404)
            m_userIds.remove(delivery->username.toLower());
        finish(delivery, failureOutcome(response, u"the direct message to @%1"_s.arg(delivery->username)));
    });
}

void TwitterSender::sendPublicPost(const DeliveryPtr& delivery)
{
    const qint64 nowMs = m_clock.monotonicMs();
    m_publicPosts.removeIf([nowMs](const auto& entry) {
        return !entry.value().inFlight && nowMs - entry.value().postedAtMs > repeatedPostWindowMs;
    });

    if (auto found = m_publicPosts.find(delivery->text); found != m_publicPosts.end()) {
        if (found->inFlight) {
            found->waiters.append(delivery);
        } else {
            qCInfo(lcTwitter) << "message" << delivery->message.id << "has the text of post" << found->postId
                              << "made for another recipient; not posting it again";
            finish(delivery, {DeliveryStatus::Delivered,
                              u"the same text was posted a moment ago as post %1"_s.arg(found->postId),
                              std::nullopt});
        }
        return;
    }
    m_publicPosts.insert(delivery->text, PublicPost {true, {}, 0, {delivery}});

    const QString text = delivery->text;
    const QByteArray body = QJsonDocument(QJsonObject {{u"text"_s, text}}).toJson(QJsonDocument::Compact);
    request("POST", u"/2/tweets"_s, body, [this, text](const HttpResponse& response) {
        if (response.status == 201 || response.status == 200) {
            const QString postId = parseObject(response.body).value("data"_L1).toObject().value("id"_L1).toString();
            qCInfo(lcTwitter) << "public post" << postId << "made";
            finishPublicPost(text, {DeliveryStatus::Delivered, {}, std::nullopt}, postId);
            return;
        }
        finishPublicPost(text, failureOutcome(response, u"the public post"_s), {});
    });
}

void TwitterSender::finishPublicPost(const QString& text, const DeliveryOutcome& outcome, const QString& postId)
{
    auto found = m_publicPosts.find(text);
    if (found == m_publicPosts.end())
        return;
    const QList<DeliveryPtr> waiters = std::exchange(found->waiters, {});
    if (outcome.status == DeliveryStatus::Delivered) {
        found->inFlight = false;
        found->postId = postId;
        found->postedAtMs = m_clock.monotonicMs();
    } else {
        m_publicPosts.erase(found);
    }
    for (const DeliveryPtr& waiter : waiters)
        finish(waiter, outcome);
}

void TwitterSender::request(const QByteArray& method, const QString& path, const QByteArray& jsonBody,
                            std::function<void(const HttpResponse&)> done)
{
    HttpRequest request;
    request.method = method;
    request.url = QUrl(m_baseUrl + path, QUrl::StrictMode);
    request.body = jsonBody;
    request.headers.append({QByteArray("Authorization"),
                            oauth1AuthorizationHeader(method, request.url, m_credentials, oauth1Nonce(),
                                                      m_clock.now().toSecsSinceEpoch())});
    if (!jsonBody.isEmpty())
        request.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});

    m_http->send(request, [method, path, done = std::move(done)](const HttpResponse& response) {
        qCDebug(lcTwitter).noquote() << method << path << "->" << response.status
                                     << "rate limit remaining:" << response.header("x-rate-limit-remaining");
        done(response);
    });
}

DeliveryOutcome TwitterSender::failureOutcome(const HttpResponse& response, const QString& action) const
{
    if (!response.hasHttpStatus()) {
        return {DeliveryStatus::TransientFailure,
                u"X API request for %1 failed: %2"_s.arg(action, response.transportError), std::nullopt};
    }
    const QString reason = u"HTTP %1: %2"_s.arg(response.status).arg(problemText(response.body));
    if (response.status == 429) {
        const std::optional<QDateTime> retryAt = rateLimitReset(response);
        QString text = u"X rate limit reached for %1 (%2)"_s.arg(action, reason);
        if (retryAt)
            text += u"; retry after %1"_s.arg(retryAt->toUTC().toString(Qt::ISODate));
        return {DeliveryStatus::TransientFailure, text, retryAt};
    }
    if (response.status >= 500) {
        return {DeliveryStatus::TransientFailure, u"X API is unavailable for %1 (%2)"_s.arg(action, reason),
                std::nullopt};
    }
    if (response.status == 401) {
        return {DeliveryStatus::PermanentFailure,
                u"X rejected the credentials for %1 (%2); check the app consumer key and secret and the user access "
                "token and secret, and regenerate the access token and secret after any change of the app's "
                "permissions"_s.arg(action, reason),
                std::nullopt};
    }
    if (response.status == 403 && isDuplicateContent(response.body)) {
        return {DeliveryStatus::PermanentFailure,
                u"X rejected %1 as duplicate content (%2); the same text was already posted"_s.arg(action, reason),
                std::nullopt};
    }
    if (response.status == 403) {
        return {DeliveryStatus::PermanentFailure,
                u"X refused %1 (%2); give the app read, write and direct message permissions, then regenerate "
                "the access token and secret, because a token keeps the permissions it was made with"_s.arg(action,
                                                                                                       reason),
                std::nullopt};
    }
    return {DeliveryStatus::PermanentFailure, u"X rejected %1 (%2)"_s.arg(action, reason), std::nullopt};
}

std::optional<QDateTime> TwitterSender::rateLimitReset(const HttpResponse& response) const
{
    // The 15-minute window, and the 24-hour caps of the user and the app when they are used up.
    std::optional<qint64> latestReset;
    auto consider = [&](const QByteArray& remainingHeader, const QByteArray& resetHeader, bool onlyWhenExhausted) {
        const QByteArray remaining = response.header(remainingHeader).trimmed();
        if (onlyWhenExhausted && remaining != "0")
            return;
        bool ok = false;
        const qint64 reset = response.header(resetHeader).trimmed().toLongLong(&ok);
        if (ok && reset > 0)
            latestReset = std::max(latestReset.value_or(0), reset);
    };
    consider("x-rate-limit-remaining", "x-rate-limit-reset", false);
    consider("x-user-limit-24hour-remaining", "x-user-limit-24hour-reset", true);
    consider("x-app-limit-24hour-remaining", "x-app-limit-24hour-reset", true);
    if (latestReset)
        return QDateTime::fromSecsSinceEpoch(*latestReset, Qt::UTC);

    bool ok = false;
    const qint64 retryAfter = response.header("Retry-After").trimmed().toLongLong(&ok);
    if (ok && retryAfter > 0)
        return m_clock.now().addSecs(retryAfter);
    return std::nullopt;
}

void TwitterSender::finish(const DeliveryPtr& delivery, const DeliveryOutcome& outcome)
{
    const qint64 id = delivery->message.id;
    if (outcome.status == DeliveryStatus::PermanentFailure)
        qCWarning(lcTwitter).noquote() << u"message %1 to %2 not sent: %3"_s.arg(QString::number(id),
                                                                                  delivery->message.recipient,
                                                                                  outcome.error);
    else if (outcome.status == DeliveryStatus::TransientFailure)
        qCWarning(lcTwitter).noquote() << u"message %1 to %2 not sent yet: %3"_s.arg(QString::number(id),
                                                                                      delivery->message.recipient,
                                                                                      outcome.error);
    // Queued, so that finished() comes after send() returns even when no request was made.
    QMetaObject::invokeMethod(
        this, [this, id, outcome] { Q_EMIT finished(id, outcome); }, Qt::QueuedConnection);
}

} // namespace gcn
