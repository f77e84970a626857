#pragma once

#include <QLoggingCategory>
#include <QObject>

class QSocketNotifier;

Q_DECLARE_LOGGING_CATEGORY(lcService)

namespace gcn {

// Turns SIGINT, SIGTERM and SIGHUP into a Qt signal on the event loop, through a socket pair written by
// the async-signal-safe handler. Only one instance may exist at a time.
class SignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)

public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

    // Number of stop signals received so far.
    int count() const { return m_count; }

Q_SIGNALS:
    void stopRequested(int signalNumber, int count);

private:
    void readSignal();

    QSocketNotifier* m_notifier = nullptr;
    int m_count = 0;
};

} // namespace gcn
