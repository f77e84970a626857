#include "LogCapture.h"

#include <QMutex>

namespace gcn::test {

namespace {

QMutex captureMutex;
LogCapture* activeCapture = nullptr;

int severity(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 0;
    case QtInfoMsg:
        return 1;
    case QtWarningMsg:
        return 2;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 4;
    }
    return 4;
}

} // namespace

LogCapture::LogCapture()
{
    const QMutexLocker locker(&captureMutex);
    Q_ASSERT(!activeCapture);
    activeCapture = this;
    m_previous = qInstallMessageHandler(&LogCapture::handle);
}

LogCapture::~LogCapture()
{
    qInstallMessageHandler(m_previous);
    const QMutexLocker locker(&captureMutex);
    activeCapture = nullptr;
}

QList<LogCapture::Message> LogCapture::messages(const QString& category, QtMsgType minimumType) const
{
    QList<Message> selected;
    for (const Message& message : m_messages) {
        if (message.category == category && severity(message.type) >= severity(minimumType))
            selected.append(message);
    }
    return selected;
}

QString LogCapture::text() const
{
    QString all;
    for (const Message& message : m_messages)
        all += message.category + u": " + message.text + u'\n';
    return all;
}

void LogCapture::handle(QtMsgType type, const QMessageLogContext& context, const QString& text)
{
    QtMessageHandler previous = nullptr;
    {
        const QMutexLocker locker(&captureMutex);
        if (activeCapture) {
            activeCapture->m_messages.append({type, QString::fromUtf8(context.category ? context.category : ""), text});
            previous = activeCapture->m_previous;
        }
    }
    if (previous)
        previous(type, context, text);
}

} // namespace gcn::test
