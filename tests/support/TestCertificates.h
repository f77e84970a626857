#pragma once

#include <QHash>
#include <QString>
#include <QTemporaryDir>

namespace gcn::test {

// Certificates for TLS servers that tests start on the loopback interface, made with the openssl
// command-line tool on first use and kept in a temporary folder for the life of the test process.
// Two authorities exist: the test CA, which tests hand to the code under test as its extra CA file,
// and an untrusted CA, whose certificates the code under test must reject.
// A failure to generate a file is fatal (qFatal), because no TLS test can run without it.
class TestCertificates
{
public:
    static TestCertificates& instance();

    // PEM file of the test CA certificate.
    QString caFile();
    // Server certificate for `host` signed by the test CA, with `host` as CN and subjectAltName; an IP
    // address becomes an IP entry, anything else a DNS entry. "localhost" also gets IP:127.0.0.1 and IP:::1.
    QString serverCertFile(const QString& host);
    QString serverKeyFile(const QString& host);
    // Client certificate with `name` as CN, signed by the test CA.
    QString clientCertFile(const QString& name);
    QString clientKeyFile(const QString& name);
    // Server certificate for `host` signed by a CA that no test trusts.
    QString untrustedServerCertFile(const QString& host);
    QString untrustedServerKeyFile(const QString& host);

private:
    TestCertificates();

    struct Authority
    {
        QString certFile;
        QString keyFile;
    };
    struct KeyPair
    {
        QString certFile;
        QString keyFile;
    };

    Authority& authority(bool trusted);
    const KeyPair& leaf(const QString& kind, const QString& name, bool trusted);
    void runOpenSsl(const QStringList& arguments);

    QTemporaryDir m_dir;
    Authority m_trusted;
    Authority m_untrusted;
    QHash<QString, KeyPair> m_leaves;
};

} // namespace gcn::test
