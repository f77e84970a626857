#include "FakeHttpsServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslServer>
#include <QSslSocket>

namespace gcn::test {

using namespace Qt::StringLiterals;

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

QByteArray FakeHttpRequest::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool FakeHttpRequest::hasHeader(const QByteArray& name) const
{
    for (const auto& entry : headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray FakeHttpRequest::path() const
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? target : target.left(question);
}

QByteArray FakeHttpRequest::query() const
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? QByteArray() : target.mid(question + 1);
}

FakeHttpResponse FakeHttpResponse::json(int status, const QJsonValue& value)
{
    FakeHttpResponse response;
    response.status = status;
    response.headers.append({QByteArray("Content-Type"), QByteArray("application/json; charset=utf-8")});
    // QJsonDocument accepts only objects and arrays at the top level; a bare value is written by hand.
    if (value.isObject())
        response.body = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    else if (value.isArray())
        response.body = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    else {
        const QByteArray wrapped = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
        response.body = wrapped.mid(1, wrapped.size() - 2);
    }
    return response;
}

FakeHttpResponse FakeHttpResponse::noResponse()
{
    FakeHttpResponse response;
    response.hang = true;
    return response;
}

FakeHttpsServer::FakeHttpsServer(const QSslConfiguration& tls, Handler handler, QObject* parent)
    : QObject(parent)
    , m_server(new QSslServer(this))
    , m_handler(std::move(handler))
{
    m_server->setSslConfiguration(tls);
    connect(m_server, &QSslServer::pendingConnectionAvailable, this, &FakeHttpsServer::acceptConnection);
}

FakeHttpsServer::~FakeHttpsServer() = default;

bool FakeHttpsServer::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 FakeHttpsServer::port() const
{
    return m_server->serverPort();
}

QByteArray FakeHttpsServer::origin() const
{
    return "https://127.0.0.1:" + QByteArray::number(port());
}

void FakeHttpsServer::acceptConnection()
{
    while (m_server->hasPendingConnections()) {
        auto* socket = qobject_cast<QSslSocket*>(m_server->nextPendingConnection());
        if (!socket)
            continue;
        socket->setParent(this);
        m_buffers.insert(socket, {});
        connect(socket, &QSslSocket::readyRead, this, [this, socket] { readRequests(socket); });
        connect(socket, &QSslSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
        if (socket->bytesAvailable() > 0)
            readRequests(socket);
    }
}

void FakeHttpsServer::readRequests(QSslSocket* socket)
{
    QByteArray& buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        if (requestLine.size() != 3) {
            respond(socket, FakeHttpResponse::json(400, QJsonObject {{u"message"_s, u"malformed request line"_s}}));
            socket->disconnectFromHost();
            return;
        }
        FakeHttpRequest request;
        request.method = requestLine.at(0);
        request.target = requestLine.at(1);
        qsizetype contentLength = 0;
        for (qsizetype index = 1; index < lines.size(); ++index) {
            const QByteArray line = lines.at(index).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed();
            const QByteArray value = line.mid(colon + 1).trimmed();
            request.headers.append({name, value});
            if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                contentLength = value.toLongLong();
        }
        if (buffer.size() < headerEnd + 4 + contentLength)
            return;
        request.body = buffer.mid(headerEnd + 4, contentLength);
        buffer.remove(0, headerEnd + 4 + contentLength);

        const FakeHttpResponse response = m_handler(request);
        if (response.hang)
            continue;
        respond(socket, response);
    }
}

void FakeHttpsServer::respond(QSslSocket* socket, const FakeHttpResponse& response)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status)
                      + "\r\n";
    for (const auto& [name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    head += "Connection: keep-alive\r\n\r\n";
    socket->write(head + response.body);
}

} // namespace gcn::test
