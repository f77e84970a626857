#pragma once

#include <QByteArray>
#include <QMultiMap>
#include <QString>
#include <QUrl>
#include <QVariant>

namespace gcn {

// Keys of an OAuth 1.0a user context: the app's consumer key pair and the user's access token pair.
struct OAuth1Credentials
{
    QString consumerKey;
    QString consumerSecret;
    QString token;
    QString tokenSecret;
};

// Builds the Authorization header value of an OAuth 1.0a request signed with HMAC-SHA1 (RFC 5849 section 3),
// with Qt NetworkAuth's QOAuth1Signature. The query items of `url` and `formParameters` (the fields of an
// application/x-www-form-urlencoded body) are signed; a JSON body is not part of the signature.
QByteArray oauth1AuthorizationHeader(const QByteArray& method, const QUrl& url, const OAuth1Credentials& credentials,
                                     const QString& nonce, qint64 timestamp,
                                     const QMultiMap<QString, QVariant>& formParameters = {});

// A fresh nonce: 32 hexadecimal digits from the system's random source.
QString oauth1Nonce();

} // namespace gcn
