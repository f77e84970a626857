#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

namespace gcn::test {

// Records every Qt log message of this process while it exists, and forwards each one to the handler
// that was installed before it. At most one LogCapture may exist at a time.
class LogCapture
{
public:
    struct Message
    {
        QtMsgType type;
        QString category;
        QString text;
    };

    LogCapture();
    ~LogCapture();
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;

    const QList<Message>& messages() const { return m_messages; }
    // Messages of one category, e.g. "gcn.keychain", and of at least the given severity.
    QList<Message> messages(const QString& category, QtMsgType minimumType = QtDebugMsg) const;
    // All messages as "category: text" lines.
    QString text() const;

private:
    static void handle(QtMsgType type, const QMessageLogContext& context, const QString& text);

    QList<Message> m_messages;
    QtMessageHandler m_previous = nullptr;
};

} // namespace gcn::test
