#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>

namespace gcn {

// Reads secrets from the keychain (service keychainServiceName, one entry per long option name)
// without waiting: each read is a QtKeychain job whose reply arrives on the event loop, so the window
// stays responsive while a locked keychain asks for its password.
//
// finished() comes once, when every job replied or after the time limit, with the values found and
// one line per read that failed. Names without an entry are simply absent from the values.
class AsyncSecretReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AsyncSecretReader)

public:
    static constexpr int defaultTimeoutMs = 30'000;

    explicit AsyncSecretReader(QObject* parent = nullptr);

    // Starts one job per name; finished() follows asynchronously, also for an empty list.
    void read(const QStringList& names, int timeoutMs = defaultTimeoutMs);

Q_SIGNALS:
    void finished(const QHash<QString, QString>& values, const QStringList& problems);

private:
    void complete();

    QHash<QString, QString> m_values;
    QStringList m_problems;
    QSet<QString> m_pending;
    QTimer m_timeout;
    bool m_done = true;
};

} // namespace gcn
