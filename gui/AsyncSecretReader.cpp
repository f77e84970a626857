#include "AsyncSecretReader.h"

#include <qt6keychain/keychain.h>

#include "config/QtKeychainSecretStore.h"
#include "config/SecretStore.h"

namespace gcn {

using namespace Qt::StringLiterals;

AsyncSecretReader::AsyncSecretReader(QObject* parent)
    : QObject(parent)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        for (const QString& name : std::as_const(m_pending))
            m_problems.append(u"keychain read of %1 timed out; is the keychain locked?"_s.arg(name));
        m_pending.clear();
        complete();
    });
}

void AsyncSecretReader::read(const QStringList& names, int timeoutMs)
{
    m_values.clear();
    m_problems.clear();
    m_pending.clear();
    m_done = false;
    if (names.isEmpty()) {
        QTimer::singleShot(0, this, &AsyncSecretReader::complete);
        return;
    }
    if (const std::optional<SecretStoreError> problem = QtKeychainSecretStore::checkPrerequisites()) {
        m_problems.append(problem->message);
        QTimer::singleShot(0, this, &AsyncSecretReader::complete);
        return;
    }
    for (const QString& name : names) {
        m_pending.insert(name);
        auto* job = new QKeychain::ReadPasswordJob(QString(keychainServiceName), this);
        job->setKey(name);
        job->setAutoDelete(true);
        connect(job, &QKeychain::Job::finished, this, [this, name](QKeychain::Job* finishedJob) {
            if (!m_pending.remove(name))
                return;
            if (finishedJob->error() == QKeychain::NoError)
                m_values.insert(name, static_cast<QKeychain::ReadPasswordJob*>(finishedJob)->textData());
            else if (finishedJob->error() != QKeychain::EntryNotFound)
                m_problems.append(u"keychain read of %1 failed: %2"_s.arg(name, finishedJob->errorString()));
            if (m_pending.isEmpty())
                complete();
        });
        job->start();
    }
    m_timeout.start(timeoutMs);
}

void AsyncSecretReader::complete()
{
    if (m_done)
        return;
    m_done = true;
    m_timeout.stop();
    for (const QString& problem : std::as_const(m_problems))
        qCWarning(lcKeychain).noquote() << problem;
    Q_EMIT finished(m_values, m_problems);
}

} // namespace gcn
