#include "SmtpServerFixture.h"

#include "TestCertificates.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>

namespace gcn::test {

using namespace Qt::StringLiterals;

SmtpServerFixture::SmtpServerFixture()
{
    QDir(m_dir.path()).mkpath(u"mail"_s);
}

SmtpServerFixture::~SmtpServerFixture()
{
    stop();
}

QString SmtpServerFixture::mailDir() const
{
    return m_dir.filePath(u"mail"_s);
}

bool SmtpServerFixture::start(const Options& options)
{
    stop();
    m_error.clear();
    QStringList arguments {QStringLiteral(GCN_TEST_SOURCE_DIR) + u"/support/smtp_server.py"_s,
                           u"--mail-dir"_s, mailDir(), u"--port"_s, QString::number(options.port)};
    switch (options.mode) {
    case Mode::StartTls:
        arguments << u"--mode"_s << u"starttls"_s;
        break;
    case Mode::ImplicitTls:
        arguments << u"--mode"_s << u"implicit"_s;
        break;
    case Mode::Plain:
        arguments << u"--mode"_s << u"plain"_s;
        break;
    }
    if (options.mode != Mode::Plain) {
        TestCertificates& certificates = TestCertificates::instance();
        const QString& host = options.certificateHost;
        arguments << u"--cert"_s
                  << (options.untrustedCertificate ? certificates.untrustedServerCertFile(host)
                                                   : certificates.serverCertFile(host))
                  << u"--key"_s
                  << (options.untrustedCertificate ? certificates.untrustedServerKeyFile(host)
                                                   : certificates.serverKeyFile(host));
    }
    if (options.tls12Only)
        arguments << u"--tls-max"_s << u"1.2"_s;
    if (!options.user.isEmpty())
        arguments << u"--user"_s << options.user << u"--password"_s << options.password;
    if (!options.offerStartTls)
        arguments << u"--no-starttls"_s;
    if (!options.offerAuth)
        arguments << u"--no-auth"_s;
    arguments << u"--auth-mechanisms"_s << options.authMechanisms.join(u',');
    if (!options.replies.isEmpty())
        arguments << u"--replies"_s << options.replies.join(u',');
    if (!options.alwaysReply.isEmpty())
        arguments << u"--always-reply"_s << options.alwaysReply;

    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.setReadChannel(QProcess::StandardOutput);
    // Debian's interpreter: a python3 earlier on the PATH may lack python3-aiosmtpd.
    m_process.start(u"/usr/bin/python3"_s, arguments);
    if (!m_process.waitForStarted(10'000)) {
        m_error = u"cannot start /usr/bin/python3: "_s + m_process.errorString();
        return false;
    }

    QDeadlineTimer deadline(20'000);
    QByteArray output;
    while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
        if (!m_process.canReadLine() && !m_process.waitForReadyRead(int(deadline.remainingTime())))
            continue;
        while (m_process.canReadLine()) {
            const QByteArray line = m_process.readLine().trimmed();
            output += line + '\n';
            if (line.startsWith("READY ")) {
                m_port = quint16(line.mid(6).toUInt());
                return m_port != 0;
            }
        }
    }
    m_error = u"the SMTP server did not start: %1 %2"_s.arg(QString::fromUtf8(output),
                                                           QString::fromUtf8(m_process.readAllStandardError()));
    stop();
    return false;
}

void SmtpServerFixture::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10'000)) {
        m_process.kill();
        m_process.waitForFinished(5'000);
    }
}

bool SmtpServerFixture::isRunning() const
{
    return m_process.state() == QProcess::Running;
}

QStringList SmtpServerFixture::sortedMessageFiles(const QString& suffix) const
{
    QDir dir(mailDir());
    QStringList names = dir.entryList({u"*."_s + suffix}, QDir::Files, QDir::Name);
    for (QString& name : names)
        name = dir.filePath(name);
    return names;
}

QList<QByteArray> SmtpServerFixture::messages() const
{
    QList<QByteArray> result;
    for (const QString& path : sortedMessageFiles(u"eml"_s)) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            result.append(file.readAll());
    }
    return result;
}

QList<QJsonObject> SmtpServerFixture::envelopes() const
{
    QList<QJsonObject> result;
    for (const QString& path : sortedMessageFiles(u"json"_s)) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            result.append(QJsonDocument::fromJson(file.readAll()).object());
    }
    return result;
}

qsizetype SmtpServerFixture::messageCount() const
{
    return sortedMessageFiles(u"eml"_s).size();
}

QByteArray SmtpServerFixture::transcript() const
{
    QFile file(QDir(mailDir()).filePath(u"transcript.log"_s));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace gcn::test
