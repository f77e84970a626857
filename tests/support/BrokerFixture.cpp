#include "BrokerFixture.h"

#include <csignal>

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

namespace gcn::test {

using namespace Qt::StringLiterals;

namespace {

constexpr int kStartTimeoutMs = 10'000;
constexpr int kCertificateDays = 30;

QString randomSecret()
{
    QByteArray bytes(12, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toHex());
}

bool writeFile(const QString& path, const QByteArray& content, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
        *error = u"Cannot write %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

// The certificates shared by every fixture of the process, generated on first use.
struct CertificateSet
{
    QTemporaryDir dir;
    QString error;

    QString path(const QString& name) const { return dir.filePath(name); }

    bool openssl(const QStringList& arguments)
    {
        const ProcessResult result = ProcessRunner::run(u"openssl"_s, arguments, 60'000);
        if (!result.succeeded()) {
            error = u"openssl %1 failed: %2"_s.arg(arguments.join(u' '), result.describe());
            return false;
        }
        return true;
    }

    bool makeCa(const QString& name, const QString& commonName)
    {
        return openssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s,
                        u"-nodes"_s, u"-keyout"_s, path(name + u".key"_s), u"-out"_s, path(name + u".crt"_s),
                        u"-days"_s, QString::number(kCertificateDays), u"-subj"_s, u"/CN="_s + commonName,
                        u"-addext"_s, u"basicConstraints=critical,CA:TRUE"_s, u"-addext"_s,
                        u"keyUsage=critical,keyCertSign,cRLSign"_s});
    }

    bool makeServer(const QString& name, const QString& commonName, const QString& subjectAltName)
    {
        const QString extensions = path(name + u".ext"_s);
        const QByteArray extensionText = "basicConstraints=CA:FALSE\n"
                                         "keyUsage=critical,digitalSignature,keyEncipherment\n"
                                         "extendedKeyUsage=serverAuth\n"
                                         "subjectAltName="
                                         + subjectAltName.toUtf8() + "\n";
        if (!writeFile(extensions, extensionText, &error))
            return false;
        if (!openssl({u"req"_s, u"-new"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s,
                      u"-nodes"_s, u"-keyout"_s, path(name + u".key"_s), u"-out"_s, path(name + u".csr"_s),
                      u"-subj"_s, u"/CN="_s + commonName}))
            return false;
        return openssl({u"x509"_s, u"-req"_s, u"-in"_s, path(name + u".csr"_s), u"-CA"_s, path(u"ca.crt"_s),
                        u"-CAkey"_s, path(u"ca.key"_s), u"-set_serial"_s,
                        QString::number(QRandomGenerator::global()->bounded(1, 1'000'000'000)), u"-days"_s,
                        QString::number(kCertificateDays), u"-extfile"_s, extensions, u"-out"_s,
                        path(name + u".crt"_s)});
    }

    bool generate()
    {
        if (!dir.isValid()) {
            error = u"Cannot create a temporary folder for the certificates: %1"_s.arg(dir.errorString());
            return false;
        }
        return makeCa(u"ca"_s, u"gcn test CA"_s) && makeCa(u"untrusted-ca"_s, u"gcn untrusted test CA"_s)
               && makeServer(u"localhost"_s, u"localhost"_s, u"DNS:localhost,IP:127.0.0.1"_s)
               && makeServer(u"wrong-name"_s, u"wrong.example"_s, u"DNS:wrong.example"_s);
    }
};

CertificateSet& certificates()
{
    static CertificateSet set;
    static const bool generated = set.generate();
    Q_UNUSED(generated);
    return set;
}

} // namespace

int findFreePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const int port = server.serverPort();
    server.close();
    return port;
}

BrokerFixture::BrokerFixture()
    : BrokerFixture(Config{})
{
}

BrokerFixture::BrokerFixture(const Config& config)
    : m_config(config)
    , m_password(randomSecret())
    , m_boardPassword(randomSecret())
{
}

BrokerFixture::~BrokerFixture()
{
    kill();
}

QString BrokerFixture::caFile()
{
    return certificates().path(u"ca.crt"_s);
}

QString BrokerFixture::untrustedCaFile()
{
    return certificates().path(u"untrusted-ca.crt"_s);
}

namespace {

QString certificateBaseName(BrokerFixture::ServerCertificate certificate)
{
    return certificate == BrokerFixture::ServerCertificate::Localhost ? u"localhost"_s : u"wrong-name"_s;
}

} // namespace

QString BrokerFixture::serverCertificateFile(ServerCertificate certificate)
{
    return certificates().path(certificateBaseName(certificate) + u".crt"_s);
}

QString BrokerFixture::serverKeyFile(ServerCertificate certificate)
{
    return certificates().path(certificateBaseName(certificate) + u".key"_s);
}

QString BrokerFixture::unixSocketPath() const
{
    return m_dir.filePath(u"mqtt.sock"_s);
}

QByteArray BrokerFixture::output() const
{
    if (m_process)
        const_cast<BrokerFixture*>(this)->m_output += m_process->readAll();
    return m_output;
}

bool BrokerFixture::writeConfiguration()
{
    CertificateSet& set = certificates();
    if (!set.error.isEmpty()) {
        m_errorString = set.error;
        return false;
    }
    if (!m_dir.isValid()) {
        m_errorString = u"Cannot create the broker's temporary folder: %1"_s.arg(m_dir.errorString());
        return false;
    }

    const QString passwordFile = m_dir.filePath(u"passwd"_s);
    QFile::remove(passwordFile);
    for (const auto& [user, password] : {std::pair{userName(), m_password}, std::pair{boardUserName(), m_boardPassword}}) {
        QStringList arguments{u"-b"_s, passwordFile, user, password};
        if (!QFileInfo::exists(passwordFile))
            arguments.prepend(u"-c"_s);
        const ProcessResult result = ProcessRunner::run(u"mosquitto_passwd"_s, arguments, 30'000);
        if (!result.succeeded()) {
            m_errorString = u"mosquitto_passwd failed for user %1: %2"_s.arg(user, result.describe());
            return false;
        }
    }

    const QString certificateName = certificateBaseName(m_config.certificate);
    QByteArray conf;
    // mosquitto started as root drops to the mosquitto user, which cannot read keys in a private folder.
    conf += "user root\n";
    conf += "per_listener_settings false\n";
    conf += "allow_anonymous false\n";
    conf += "password_file " + passwordFile.toUtf8() + "\n";
    conf += "log_dest stdout\n";
    conf += "log_type error\nlog_type warning\nlog_type notice\nlog_type information\n";
    conf += "connection_messages true\n";
    if (m_config.persistence) {
        conf += "persistence true\n";
        conf += "persistence_location " + m_dir.path().toUtf8() + "/\n";
    } else {
        conf += "persistence false\n";
    }
    if (m_config.maxQueuedMessages >= 0)
        conf += "max_queued_messages " + QByteArray::number(m_config.maxQueuedMessages) + "\n";
    conf += "\nlistener " + QByteArray::number(m_port) + " 127.0.0.1\n";
    // No cafile: the broker then sends only its own certificate, like most public brokers, and a client
    // without the CA fails with "unable to get local issuer certificate".
    conf += "certfile " + set.path(certificateName + u".crt"_s).toUtf8() + "\n";
    conf += "keyfile " + set.path(certificateName + u".key"_s).toUtf8() + "\n";
    if (!m_config.tlsVersion.isEmpty())
        conf += "tls_version " + m_config.tlsVersion.toUtf8() + "\n";
    conf += "\nlistener 0 " + unixSocketPath().toUtf8() + "\n";
    if (m_plainPort != 0)
        conf += "\nlistener " + QByteArray::number(m_plainPort) + " 127.0.0.1\n";
    if (!writeFile(m_dir.filePath(u"mosquitto.conf"_s), conf, &m_errorString))
        return false;

    // OpenSSL applies the system_default section to every TLS context mosquitto creates.
    QByteArray opensslConf = "openssl_conf = default_conf\n"
                             "[default_conf]\n"
                             "ssl_conf = ssl_section\n"
                             "[ssl_section]\n"
                             "system_default = system_default_section\n"
                             "[system_default_section]\n";
    if (!m_config.tlsMaxVersion.isEmpty())
        opensslConf += "MaxProtocol = " + m_config.tlsMaxVersion.toUtf8() + "\n";
    return writeFile(m_dir.filePath(u"openssl.cnf"_s), opensslConf, &m_errorString);
}

bool BrokerFixture::start()
{
    if (isRunning())
        return true;
    m_errorString.clear();
    if (m_port == 0)
        m_port = findFreePort();
    if (m_config.plainListener && m_plainPort == 0)
        m_plainPort = findFreePort();
    if (m_port == 0 || (m_config.plainListener && (m_plainPort == 0 || m_plainPort == m_port))) {
        m_errorString = u"Cannot find a free loopback port"_s;
        return false;
    }
    if (!writeConfiguration())
        return false;
    QFile::remove(unixSocketPath());

    m_output.clear();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"OPENSSL_CONF"_s, m_dir.filePath(u"openssl.cnf"_s));
    m_process->setProcessEnvironment(environment);
    m_process->start(u"mosquitto"_s, {u"-c"_s, m_dir.filePath(u"mosquitto.conf"_s)});
    if (!m_process->waitForStarted(kStartTimeoutMs)) {
        m_errorString = u"Cannot start mosquitto: %1"_s.arg(m_process->errorString());
        m_process.reset();
        return false;
    }
    return waitUntilReady();
}

bool BrokerFixture::waitUntilReady()
{
    const QDeadlineTimer deadline(kStartTimeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process->state() == QProcess::NotRunning) {
            m_errorString = u"mosquitto exited with code %1 before accepting connections:\n%2"_s.arg(
                m_process->exitCode())
                .arg(QString::fromUtf8(output()));
            return false;
        }
        bool tcpReady = true;
        for (const int port : {m_port, m_plainPort}) {
            if (port == 0)
                continue;
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, quint16(port));
            tcpReady = tcpReady && probe.waitForConnected(200);
            probe.abort();
        }
        if (tcpReady && QFileInfo::exists(unixSocketPath()))
            return true;
        QTest::qWait(50);
    }
    m_errorString = u"mosquitto did not accept connections on 127.0.0.1:%1 and %2 within %3 ms:\n%4"_s.arg(m_port)
                        .arg(unixSocketPath())
                        .arg(kStartTimeoutMs)
                        .arg(QString::fromUtf8(output()));
    kill();
    return false;
}

void BrokerFixture::stop()
{
    if (!isRunning())
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(5'000)) {
        m_process->kill();
        m_process->waitForFinished(5'000);
    }
    output();
}

void BrokerFixture::kill()
{
    if (!isRunning())
        return;
    m_process->kill();
    m_process->waitForFinished(5'000);
    output();
}

bool BrokerFixture::restart()
{
    stop();
    return start();
}

void BrokerFixture::pause()
{
    if (isRunning())
        ::kill(pid_t(m_process->processId()), SIGSTOP);
}

void BrokerFixture::resume()
{
    if (isRunning())
        ::kill(pid_t(m_process->processId()), SIGCONT);
}

bool BrokerFixture::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 BrokerFixture::processId() const
{
    return isRunning() ? m_process->processId() : 0;
}

MqttConnectOptions BrokerFixture::clientOptions() const
{
    MqttConnectOptions options;
    options.transport = MqttTransport::Tcp;
    options.host = host();
    options.port = m_port;
    options.userName = userName();
    options.password = m_password;
    options.tlsCaFile = caFile();
    options.connectTimeoutSec = 10;
    return options;
}

QStringList BrokerFixture::toolArguments(const QString& user, const QString& password) const
{
    return {u"-h"_s, host(), u"-p"_s, QString::number(m_port), u"--cafile"_s, caFile(), u"-u"_s, user, u"-P"_s,
            password};
}

std::optional<QByteArray> BrokerFixture::readRetained(const QString& topic, int timeoutSec) const
{
    // --retained-only ends at the first live message, so only a retained value can be returned.
    QStringList arguments = toolArguments(userName(), m_password);
    arguments << u"-t"_s << topic << u"-C"_s << u"1"_s << u"-W"_s << QString::number(timeoutSec)
              << u"--retained-only"_s << u"-N"_s;
    const ProcessResult result = ProcessRunner::run(u"mosquitto_sub"_s, arguments, (timeoutSec + 10) * 1000);
    m_lastToolOutput = u"mosquitto_sub: "_s + result.describe();
    if (!result.succeeded())
        return std::nullopt;
    return result.standardOutput;
}

bool BrokerFixture::publish(const QString& topic, const QByteArray& payload, int qos, bool retain) const
{
    QStringList arguments = toolArguments(boardUserName(), m_boardPassword);
    arguments << u"-t"_s << topic << u"-q"_s << QString::number(qos);
    if (retain)
        arguments << u"-r"_s;
    // -s reads the payload from standard input, so any bytes can be sent. -n sends an empty message.
    arguments << (payload.isEmpty() ? u"-n"_s : u"-s"_s);
    const ProcessResult result = ProcessRunner::run(u"mosquitto_pub"_s, arguments, 30'000, payload);
    m_lastToolOutput = u"mosquitto_pub: "_s + result.describe();
    return result.succeeded();
}

} // namespace gcn::test
