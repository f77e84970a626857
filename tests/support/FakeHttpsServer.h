#pragma once

#include <functional>
#include <optional>
#include <utility>

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QString>

class QSslServer;
class QSslSocket;

namespace gcn::test {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

// One HTTP request as it arrived, with the request-target and the body byte for byte.
struct FakeHttpRequest
{
    QByteArray method;
    // The request-target of the request line, e.g. /1.0/sms?x=1, not decoded.
    QByteArray target;
    HeaderList headers;
    QByteArray body;

    // Value of a header, matched case-insensitively; empty when absent.
    QByteArray header(const QByteArray& name) const;
    bool hasHeader(const QByteArray& name) const;
    // The target without the query.
    QByteArray path() const;
    // The query of the target without '?', empty when there is none.
    QByteArray query() const;
};

struct FakeHttpResponse
{
    int status = 200;
    HeaderList headers;
    QByteArray body;
    // Leaves the request unanswered, as a server that hangs would.
    bool hang = false;

    static FakeHttpResponse json(int status, const QJsonValue& value);
    static FakeHttpResponse noResponse();
};

// A minimal HTTP/1.1 server over TLS on 127.0.0.1, for fakes of HTTPS APIs. Unlike Qt HTTP Server 6.4,
// whose requests expose only a re-parsed QUrl, it hands the raw request-target to the handler, so that a
// fake can check signatures over the exact bytes sent. Bodies need a Content-Length; connections are kept
// alive.
class FakeHttpsServer final : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<FakeHttpResponse(const FakeHttpRequest&)>;

    FakeHttpsServer(const QSslConfiguration& tls, Handler handler, QObject* parent = nullptr);
    ~FakeHttpsServer() override;

    // Listens on a free port of 127.0.0.1.
    bool listen();
    quint16 port() const;
    // https://127.0.0.1:<port>
    QByteArray origin() const;

private:
    void acceptConnection();
    void readRequests(QSslSocket* socket);
    void respond(QSslSocket* socket, const FakeHttpResponse& response);

    QSslServer* m_server = nullptr;
    Handler m_handler;
    QHash<QSslSocket*, QByteArray> m_buffers;
};

} // namespace gcn::test
