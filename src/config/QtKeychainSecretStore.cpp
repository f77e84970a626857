#include "config/QtKeychainSecretStore.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>

namespace gcn {

using namespace Qt::StringLiterals;

struct QtKeychainSecretStore::JobOutcome
{
    bool finished = false;
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QString text;
};

namespace {

// QtKeychain reports every D-Bus failure of the Secret Service backend as OtherError with the
// GLib message as text, so an absent bus or service is recognised by the D-Bus error names.
bool isUnreachableMessage(const QString& message)
{
    for (const auto marker : {"org.freedesktop.DBus.Error.ServiceUnknown"_L1, "org.freedesktop.DBus.Error.NoServer"_L1,
                              "org.freedesktop.DBus.Error.NoReply"_L1, "was not provided by any .service files"_L1,
                              "Could not connect"_L1, "Cannot autolaunch"_L1}) {
        if (message.contains(marker))
            return true;
    }
    return false;
}

SecretStoreError toStoreError(QKeychain::Error error, const QString& errorString, const QString& action,
                              const QString& name)
{
    const QString failure = u"keychain %1 of %2 failed: %3"_s.arg(action, name, errorString);
    switch (error) {
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return {SecretStoreError::Code::AccessDenied, failure + u"; unlock the keychain and try again"_s};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return {SecretStoreError::Code::Unavailable, failure};
    case QKeychain::OtherError:
        if (isUnreachableMessage(errorString)) {
            return {SecretStoreError::Code::Unavailable,
                    failure
                        + u"; no Secret Service (org.freedesktop.secrets) runs on the session bus; start one such "
                          "as gnome-keyring or KeePassXC"_s};
        }
        return {SecretStoreError::Code::Failed, failure};
    case QKeychain::NoError:
    case QKeychain::EntryNotFound:
    case QKeychain::CouldNotDeleteEntry:
        break;
    }
    return {SecretStoreError::Code::Failed, failure};
}

SecretStoreError timedOut(const QString& action, const QString& name, int timeoutMs)
{
    return {SecretStoreError::Code::TimedOut,
            u"keychain %1 of %2 timed out after %3 ms; is the keychain locked and waiting for a password?"_s.arg(
                action, name, QString::number(timeoutMs))};
}

} // namespace

QtKeychainSecretStore::QtKeychainSecretStore(QStringList knownNames, int timeoutMs, QString service)
    : m_knownNames(std::move(knownNames))
    , m_timeoutMs(timeoutMs)
    , m_service(std::move(service))
{
}

QString QtKeychainSecretStore::description() const
{
    return u"the keychain (service %1)"_s.arg(m_service);
}

std::optional<SecretStoreError> QtKeychainSecretStore::checkPrerequisites()
{
    if (!QCoreApplication::instance()) {
        return SecretStoreError {SecretStoreError::Code::Unavailable,
                                 u"the keychain needs a QCoreApplication to wait for its replies"_s};
    }
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
    // Without an address, libdbus and GDBus would try to autolaunch a bus through X11, which on a
    // desktop can start a second, empty session bus.
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        return std::nullopt;
    const QString runtimeDir = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtimeDir.isEmpty() && QFileInfo::exists(runtimeDir + u"/bus"_s))
        return std::nullopt;
    return SecretStoreError {SecretStoreError::Code::Unavailable,
                             u"no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set and $XDG_RUNTIME_DIR/bus "
                             "does not exist"_s};
#else
    return std::nullopt;
#endif
}

QtKeychainSecretStore::JobOutcome QtKeychainSecretStore::runJob(QKeychain::Job* job, const QString& action,
                                                                const QString& name) const
{
    JobOutcome outcome;
    QEventLoop loop;
    // Receiver of the finished() connection: destroyed on return, so that a job that finishes after
    // the time limit does not write into this stack frame.
    QObject context;
    QObject::connect(job, &QKeychain::Job::finished, &context, [&outcome, &loop](QKeychain::Job* finishedJob) {
        outcome.finished = true;
        outcome.error = finishedJob->error();
        outcome.errorString = finishedJob->errorString();
        if (const auto* readJob = qobject_cast<QKeychain::ReadPasswordJob*>(finishedJob))
            outcome.text = readJob->textData();
        loop.quit();
    });
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);

    // The job deletes itself once it finishes, also after a timeout: QtKeychain's callbacks still
    // refer to it, so it must not be deleted here.
    job->setAutoDelete(true);
    job->start();
    timer.start(m_timeoutMs);
    if (!outcome.finished)
        loop.exec(QEventLoop::ExcludeUserInputEvents);

    if (!outcome.finished)
        qCDebug(lcKeychain).noquote() << "keychain" << action << "of" << name << "timed out after" << m_timeoutMs
                                      << "ms";
    return outcome;
}

std::expected<std::optional<QString>, SecretStoreError> QtKeychainSecretStore::read(const QString& name)
{
    if (std::optional<SecretStoreError> problem = checkPrerequisites())
        return std::unexpected(*problem);
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(name);
    const JobOutcome outcome = runJob(job, u"read"_s, name);
    if (!outcome.finished)
        return std::unexpected(timedOut(u"read"_s, name, m_timeoutMs));
    if (outcome.error == QKeychain::EntryNotFound)
        return std::optional<QString>();
    if (outcome.error != QKeychain::NoError)
        return std::unexpected(toStoreError(outcome.error, outcome.errorString, u"read"_s, name));
    return std::optional<QString>(outcome.text);
}

std::expected<void, SecretStoreError> QtKeychainSecretStore::write(const QString& name, const QString& value)
{
    if (std::optional<SecretStoreError> problem = checkPrerequisites())
        return std::unexpected(*problem);
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(name);
    job->setTextData(value);
    const JobOutcome outcome = runJob(job, u"write"_s, name);
    if (!outcome.finished)
        return std::unexpected(timedOut(u"write"_s, name, m_timeoutMs));
    if (outcome.error != QKeychain::NoError)
        return std::unexpected(toStoreError(outcome.error, outcome.errorString, u"write"_s, name));
    return {};
}

std::expected<void, SecretStoreError> QtKeychainSecretStore::remove(const QString& name)
{
    if (std::optional<SecretStoreError> problem = checkPrerequisites())
        return std::unexpected(*problem);
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(name);
    const JobOutcome outcome = runJob(job, u"delete"_s, name);
    if (!outcome.finished)
        return std::unexpected(timedOut(u"delete"_s, name, m_timeoutMs));
    // KWallet and the Windows backend report a missing entry as an error; the Secret Service does not.
    if (outcome.error == QKeychain::EntryNotFound)
        return {};
    if (outcome.error != QKeychain::NoError)
        return std::unexpected(toStoreError(outcome.error, outcome.errorString, u"delete"_s, name));
    return {};
}

std::expected<QStringList, SecretStoreError> QtKeychainSecretStore::list()
{
    QStringList stored;
    for (const QString& name : std::as_const(m_knownNames)) {
        const auto value = read(name);
        if (!value)
            return std::unexpected(value.error());
        if (value->has_value())
            stored.append(name);
    }
    return stored;
}

} // namespace gcn
