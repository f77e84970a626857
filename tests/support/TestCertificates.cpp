#include "TestCertificates.h"

#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QStringList>

namespace gcn::test {

using namespace Qt::StringLiterals;

TestCertificates& TestCertificates::instance()
{
    static TestCertificates certificates;
    return certificates;
}

TestCertificates::TestCertificates()
{
    if (!m_dir.isValid())
        qFatal("cannot create a temporary folder for test certificates: %s", qPrintable(m_dir.errorString()));
}

QString TestCertificates::caFile()
{
    return authority(true).certFile;
}

QString TestCertificates::serverCertFile(const QString& host)
{
    return leaf(u"server"_s, host, true).certFile;
}

QString TestCertificates::serverKeyFile(const QString& host)
{
    return leaf(u"server"_s, host, true).keyFile;
}

QString TestCertificates::clientCertFile(const QString& name)
{
    return leaf(u"client"_s, name, true).certFile;
}

QString TestCertificates::clientKeyFile(const QString& name)
{
    return leaf(u"client"_s, name, true).keyFile;
}

QString TestCertificates::untrustedServerCertFile(const QString& host)
{
    return leaf(u"server"_s, host, false).certFile;
}

QString TestCertificates::untrustedServerKeyFile(const QString& host)
{
    return leaf(u"server"_s, host, false).keyFile;
}

void TestCertificates::runOpenSsl(const QStringList& arguments)
{
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(u"openssl"_s, arguments);
    if (!openssl.waitForFinished(60'000) || openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0) {
        qFatal("openssl %s failed: %s", qPrintable(arguments.join(u' ')),
               openssl.readAll().constData());
    }
}

TestCertificates::Authority& TestCertificates::authority(bool trusted)
{
    Authority& result = trusted ? m_trusted : m_untrusted;
    if (!result.certFile.isEmpty())
        return result;
    const QString base = m_dir.filePath(trusted ? u"ca"_s : u"untrusted-ca"_s);
    const QString subject = trusted ? u"/CN=gcn-manager test CA"_s : u"/CN=gcn-manager untrusted test CA"_s;
    runOpenSsl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s,
                u"-nodes"_s, u"-days"_s, u"30"_s, u"-subj"_s, subject, u"-keyout"_s, base + u".key"_s,
                u"-out"_s, base + u".crt"_s, u"-addext"_s, u"basicConstraints=critical,CA:TRUE"_s,
                u"-addext"_s, u"keyUsage=critical,keyCertSign,cRLSign"_s});
    result.certFile = base + u".crt"_s;
    result.keyFile = base + u".key"_s;
    return result;
}

const TestCertificates::KeyPair& TestCertificates::leaf(const QString& kind, const QString& name, bool trusted)
{
    const QString key = kind + u'|' + name + u'|' + (trusted ? u"trusted"_s : u"untrusted"_s);
    if (const auto found = m_leaves.constFind(key); found != m_leaves.constEnd())
        return *found;

    const Authority& ca = authority(trusted);
    QString safeName = name;
    for (QChar& character : safeName) {
        if (!character.isLetterOrNumber() && character != u'.' && character != u'-')
            character = u'_';
    }
    const QString base = m_dir.filePath(u"%1-%2%3"_s.arg(kind, safeName, trusted ? QString() : u"-untrusted"_s));

    QString extensions;
    if (kind == "server"_L1) {
        QStringList altNames;
        if (QHostAddress(name).isNull())
            altNames << u"DNS:"_s + name;
        else
            altNames << u"IP:"_s + name;
        if (name == "localhost"_L1)
            altNames << u"IP:127.0.0.1"_s << u"IP:::1"_s;
        extensions = u"subjectAltName=%1\nextendedKeyUsage=serverAuth\n"_s.arg(altNames.join(u','));
    } else {
        extensions = u"extendedKeyUsage=clientAuth\n"_s;
    }
    extensions += u"basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"_s;
    QFile extensionFile(base + u".ext"_s);
    if (!extensionFile.open(QIODevice::WriteOnly | QIODevice::Truncate) || extensionFile.write(extensions.toUtf8()) < 0)
        qFatal("cannot write %s", qPrintable(extensionFile.fileName()));
    extensionFile.close();

    runOpenSsl({u"req"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s,
                u"-subj"_s, u"/CN="_s + name, u"-keyout"_s, base + u".key"_s, u"-out"_s, base + u".csr"_s});
    runOpenSsl({u"x509"_s, u"-req"_s, u"-in"_s, base + u".csr"_s, u"-CA"_s, ca.certFile, u"-CAkey"_s, ca.keyFile,
                u"-CAcreateserial"_s, u"-days"_s, u"30"_s, u"-extfile"_s, extensionFile.fileName(), u"-out"_s,
                base + u".crt"_s});

    return *m_leaves.insert(key, KeyPair {base + u".crt"_s, base + u".key"_s});
}

} // namespace gcn::test
