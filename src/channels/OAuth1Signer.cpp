#include "channels/OAuth1Signer.h"

#include <QOAuth1Signature>
#include <QRandomGenerator>

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

QOAuth1Signature::HttpRequestMethod signatureMethod(const QByteArray& method)
{
    if (method == "GET")
        return QOAuth1Signature::HttpRequestMethod::Get;
    if (method == "POST")
        return QOAuth1Signature::HttpRequestMethod::Post;
    if (method == "PUT")
        return QOAuth1Signature::HttpRequestMethod::Put;
    if (method == "DELETE")
        return QOAuth1Signature::HttpRequestMethod::Delete;
    if (method == "HEAD")
        return QOAuth1Signature::HttpRequestMethod::Head;
    return QOAuth1Signature::HttpRequestMethod::Custom;
}

} // namespace

QByteArray oauth1AuthorizationHeader(const QByteArray& method, const QUrl& url, const OAuth1Credentials& credentials,
                                     const QString& nonce, qint64 timestamp,
                                     const QMultiMap<QString, QVariant>& formParameters)
{
    QMultiMap<QString, QVariant> oauthParameters {
        {u"oauth_consumer_key"_s, credentials.consumerKey},
        {u"oauth_nonce"_s, nonce},
        {u"oauth_signature_method"_s, u"HMAC-SHA1"_s},
        {u"oauth_timestamp"_s, QString::number(timestamp)},
        {u"oauth_token"_s, credentials.token},
        {u"oauth_version"_s, u"1.0"_s},
    };

    // QOAuth1Signature adds the query items of the URL to the signed parameters by itself.
    QMultiMap<QString, QVariant> signedParameters = oauthParameters;
    signedParameters.unite(formParameters);
    QOAuth1Signature signature(url, credentials.consumerSecret, credentials.tokenSecret, signatureMethod(method),
                               signedParameters);
    if (signatureMethod(method) == QOAuth1Signature::HttpRequestMethod::Custom)
        signature.setCustomMethodString(method);
    oauthParameters.insert(u"oauth_signature"_s, QString::fromLatin1(signature.hmacSha1().toBase64()));

    QByteArray header = "OAuth ";
    bool first = true;
    for (auto it = oauthParameters.cbegin(); it != oauthParameters.cend(); ++it) {
        if (!first)
            header += ", ";
        first = false;
        header += QUrl::toPercentEncoding(it.key()) + "=\"" + QUrl::toPercentEncoding(it.value().toString()) + '"';
    }
    return header;
}

QString oauth1Nonce()
{
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toHex());
}

} // namespace gcn
