#include "MqttClientWaits.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTest>

namespace gcn::test {

using namespace Qt::StringLiterals;

bool connectAndWait(MqttClient& client, int timeoutMs)
{
    QSignalSpy connectedSpy(&client, &MqttClient::connected);
    client.connectToHost();
    const QDeadlineTimer deadline(timeoutMs);
    while (connectedSpy.isEmpty() && !deadline.hasExpired()) {
        if (client.state() == MqttClient::State::Disconnected && client.error() != MqttClient::Error::None)
            break;
        QTest::qWait(20);
    }
    if (connectedSpy.isEmpty()) {
        qWarning().noquote() << "Connection failed:" << client.error() << client.errorString();
        return false;
    }
    return client.state() == MqttClient::State::Connected;
}

MqttClient::Error failedConnectError(MqttClient& client, int timeoutMs)
{
    QSignalSpy errorSpy(&client, &MqttClient::errorOccurred);
    QSignalSpy disconnectedSpy(&client, &MqttClient::disconnected);
    QSignalSpy connectedSpy(&client, &MqttClient::connected);
    QStringList order;
    const QMetaObject::Connection errorConnection =
        QObject::connect(&client, &MqttClient::errorOccurred, [&order] { order << u"error"_s; });
    const QMetaObject::Connection disconnectedConnection =
        QObject::connect(&client, &MqttClient::disconnected, [&order] { order << u"disconnected"_s; });
    client.connectToHost();
    const QDeadlineTimer deadline(timeoutMs);
    while (disconnectedSpy.isEmpty() && !deadline.hasExpired())
        QTest::qWait(20);
    // Late signals of the same attempt would show up here.
    QTest::qWait(50);
    QObject::disconnect(errorConnection);
    QObject::disconnect(disconnectedConnection);
    if (disconnectedSpy.size() != 1 || errorSpy.size() != 1 || !connectedSpy.isEmpty()) {
        qWarning() << "Unexpected signals: connected" << connectedSpy.size() << "error" << errorSpy.size()
                   << "disconnected" << disconnectedSpy.size() << client.errorString();
        return MqttClient::Error::None;
    }
    if (order != QStringList {u"error"_s, u"disconnected"_s}) {
        qWarning() << "Unexpected signal order" << order;
        return MqttClient::Error::None;
    }
    if (client.state() != MqttClient::State::Disconnected)
        return MqttClient::Error::None;
    const auto signalled = errorSpy.first().first().value<MqttClient::Error>();
    if (signalled != client.error())
        return MqttClient::Error::None;
    return signalled;
}

} // namespace gcn::test
