#include "TestReport.h"

#include "TrayBackend.h"

#include <QJsonDocument>
#include <QSaveFile>

namespace gcn {

TestReport::TestReport(QString path, QObject* parent)
    : QObject(parent)
    , m_path(std::move(path))
{
    m_delay.setSingleShot(true);
    m_delay.setInterval(20);
    connect(&m_delay, &QTimer::timeout, this, &TestReport::write);
}

void TestReport::update(const QJsonObject& content)
{
    m_content = content;
    if (!m_delay.isActive())
        m_delay.start();
}

void TestReport::write()
{
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(m_content).toJson()) < 0 || !file.commit())
        qCWarning(lcTray).noquote() << "cannot write the test report" << m_path << ":" << file.errorString();
}

} // namespace gcn
