#include "HttpsTestPki.h"

#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>

namespace gcn::test {

using namespace Qt::StringLiterals;

namespace {

bool runOpenSsl(const QStringList& arguments, const QString& directory, QString* error)
{
    QProcess process;
    process.setWorkingDirectory(directory);
    process.start(u"openssl"_s, arguments);
    if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        if (error) {
            *error = u"openssl %1 failed: %2 %3"_s.arg(arguments.join(u' '), process.errorString(),
                                                       QString::fromLocal8Bit(process.readAllStandardError()));
        }
        return false;
    }
    return true;
}

} // namespace

QSslConfiguration HttpsTestPki::serverConfiguration() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    QFile certificate(certificateFile);
    QFile key(keyFile);
    if (certificate.open(QIODevice::ReadOnly))
        configuration.setLocalCertificate(QSslCertificate(&certificate, QSsl::Pem));
    if (key.open(QIODevice::ReadOnly))
        configuration.setPrivateKey(QSslKey(&key, QSsl::Ec, QSsl::Pem));
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}

std::optional<HttpsTestPki> createHttpsTestPki(const QString& directory, QString* error)
{
    const QStringList ecKey {u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s};
    QFile extensions(directory + u"/server.ext"_s);
    if (!extensions.open(QIODevice::WriteOnly)) {
        if (error)
            *error = extensions.errorString();
        return std::nullopt;
    }
    extensions.write("basicConstraints=CA:FALSE\n"
                     "keyUsage=critical,digitalSignature,keyEncipherment\n"
                     "extendedKeyUsage=serverAuth\n"
                     "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    extensions.close();

    const bool made =
        runOpenSsl(QStringList {u"req"_s, u"-x509"_s} + ecKey
                       + QStringList {u"-keyout"_s, u"ca.key"_s, u"-out"_s, u"ca.pem"_s, u"-days"_s, u"2"_s,
                                      u"-subj"_s, u"/CN=gcn test CA"_s, u"-addext"_s,
                                      u"basicConstraints=critical,CA:TRUE"_s, u"-addext"_s,
                                      u"keyUsage=critical,keyCertSign,cRLSign"_s},
                   directory, error)
        && runOpenSsl(QStringList {u"req"_s} + ecKey
                          + QStringList {u"-keyout"_s, u"server.key"_s, u"-out"_s, u"server.csr"_s, u"-subj"_s,
                                         u"/CN=localhost"_s},
                      directory, error)
        && runOpenSsl({u"x509"_s, u"-req"_s, u"-in"_s, u"server.csr"_s, u"-CA"_s, u"ca.pem"_s, u"-CAkey"_s,
                       u"ca.key"_s, u"-CAcreateserial"_s, u"-out"_s, u"server.pem"_s, u"-days"_s, u"2"_s,
                       u"-extfile"_s, u"server.ext"_s},
                      directory, error);
    if (!made)
        return std::nullopt;
    return HttpsTestPki {directory + u"/ca.pem"_s, directory + u"/server.pem"_s, directory + u"/server.key"_s};
}

} // namespace gcn::test
