#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>

namespace gcn {

// A JSON file with what the tray shows, rewritten after each change for the integration tests: the
// tooltip, the icon state, the connection and every cell of the board table. Changes within a few
// milliseconds are written once. The file is replaced atomically, so a reader never sees half of it.
class TestReport final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestReport)

public:
    explicit TestReport(QString path, QObject* parent = nullptr);

    // Schedules a write of `content` (the latest one wins).
    void update(const QJsonObject& content);

private:
    void write();

    QString m_path;
    QJsonObject m_content;
    QTimer m_delay;
};

} // namespace gcn
