#pragma once

#include <optional>

#include <QSslConfiguration>
#include <QString>

namespace gcn::test {

// A throw-away certificate authority and a server certificate for 127.0.0.1 and localhost, made with the
// openssl command-line tool, for the local HTTPS fakes of the OVH and X APIs.
struct HttpsTestPki
{
    QString caFile;
    QString certificateFile;
    QString keyFile;

    // Server-side TLS configuration with the server certificate and key.
    QSslConfiguration serverConfiguration() const;
};

// Creates the files in `directory` (which must exist); returns nothing and sets `error` when openssl fails.
std::optional<HttpsTestPki> createHttpsTestPki(const QString& directory, QString* error = nullptr);

} // namespace gcn::test
