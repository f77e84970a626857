#include "operations/BoardCommands.h"

#include "common/Clock.h"
#include "mqtt/ManagerConnection.h"
#include "mqtt/MqttClient.h"
#include "protocol/Topics.h"
#include "storage/BoardStore.h"
#include "supervision/Naming.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

constexpr int exitFailure = 1;
constexpr int exitUsage = 2;

QString formatAge(const QDateTime& then, const QDateTime& now)
{
    if (!then.isValid())
        return u"never"_s;
    const qint64 seconds = then.secsTo(now);
    if (seconds < 120)
        return u"%1 s ago"_s.arg(seconds);
    if (seconds < 7200)
        return u"%1 min ago"_s.arg(seconds / 60);
    if (seconds < 172800)
        return u"%1 h ago"_s.arg(seconds / 3600);
    return u"%1 days ago"_s.arg(seconds / 86400);
}

// The configured word for a state, or "up"/"down".
QString stateText(const Naming& naming, const BoardRecord& record, const QString& pin, int state)
{
    const QString word = naming.stateWord(record.id, pin, state);
    if (!word.isEmpty())
        return word;
    return state == 1 ? u"up"_s : u"down"_s;
}

QString localTime(const QDateTime& time)
{
    return time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QJsonObject recordToJson(const BoardRecord& record, const Naming& naming)
{
    QJsonObject pins;
    for (auto it = record.pins.cbegin(); it != record.pins.cend(); ++it) {
        pins.insert(it.key(), QJsonObject {
                                  {u"state"_s, it->state},
                                  {u"word"_s, stateText(naming, record, it.key(), it->state)},
                                  {u"boardTimestamp"_s, qint64(it->boardTimestamp)},
                                  {u"receivedAt"_s, it->receivedAt.toString(Qt::ISODate)},
                                  {u"monitored"_s, record.monitoredPins.contains(it.key())},
                              });
    }
    QJsonObject metrics;
    for (const auto& [path, metric] : record.metrics.entries())
        metrics.insert(path, metric.value);
    QJsonObject object {
        {u"id"_s, record.id},
        {u"alias"_s, naming.boardAlias(record.id)},
        {u"status"_s, boardStatusName(record.status)},
        {u"silent"_s, record.silent},
        {u"skewed"_s, record.skewed},
        {u"skewSeconds"_s, record.skewSeconds},
        {u"lastSeenAt"_s, record.lastSeenAt.toString(Qt::ISODate)},
        {u"heartbeatReceivedAt"_s, record.heartbeatReceivedAt.toString(Qt::ISODate)},
        {u"monitoredPins"_s, QJsonArray::fromStringList(record.monitoredPins)},
        {u"pins"_s, pins},
        {u"metrics"_s, metrics},
    };
    if (record.heartbeat)
        object.insert(u"heartbeat"_s, qint64(*record.heartbeat));
    if (record.droppedTotal)
        object.insert(u"droppedTotal"_s, qint64(*record.droppedTotal));
    return object;
}

void printRecord(const BoardRecord& record, const Naming& naming, const QDateTime& now, QTextStream& out)
{
    const QString alias = naming.boardAlias(record.id);
    QString status = boardStatusName(record.status);
    if (record.silent)
        status += u", silent"_s;
    if (record.skewed)
        status += u", clock off by %1 s"_s.arg(record.skewSeconds);
    out << (alias.isEmpty() ? record.id : u"%1 (%2)"_s.arg(alias, record.id)) << ": " << status << '\n';
    if (record.heartbeat) {
        // The heartbeat value is the board's clock when it was sent, even when the manager read it retained.
        const QDateTime sent = QDateTime::fromSecsSinceEpoch(*record.heartbeat, Qt::UTC);
        out << "  last heartbeat: " << localTime(sent) << " (" << formatAge(sent, now) << ", board clock)\n";
    } else {
        out << "  last heartbeat: none received\n";
    }
    for (auto it = record.pins.cbegin(); it != record.pins.cend(); ++it) {
        const QString label = naming.pinLabel(record.id, it.key()).label;
        out << "  " << (label.isEmpty() ? it.key() : u"%1 (%2)"_s.arg(label, it.key())) << ": "
            << stateText(naming, record, it.key(), it->state) << " since "
            << localTime(QDateTime::fromSecsSinceEpoch(it->boardTimestamp, Qt::UTC))
            << (record.monitoredPins.contains(it.key()) || !record.pinsKnown ? "" : " (no longer monitored)") << '\n';
    }
    if (record.droppedTotal)
        out << "  dropped items: " << *record.droppedTotal << '\n';
    if (const std::optional<MetricValue> rssi = record.metrics.find(u"network/rssi"_s))
        out << "  RSSI: " << rssi->value << " dBm\n";
}

} // namespace

int runStatusCommand(const QStringList& arguments, const Settings& settings, QTextStream& out, QTextStream& err)
{
    bool json = false;
    QString stateDir = settings.general.stateDir;
    for (qsizetype index = 0; index < arguments.size(); ++index) {
        const QString& argument = arguments.at(index);
        if (argument == "--json"_L1) {
            json = true;
        } else if (argument == "--state-dir"_L1 && index + 1 < arguments.size()) {
            stateDir = arguments.at(++index);
        } else if (argument.startsWith("--state-dir="_L1)) {
            stateDir = argument.mid(12);
        } else {
            err << "gcn-manager status: unknown argument '" << argument
                << "'; usage: gcn-manager status [--json] [--state-dir PATH]" << Qt::endl;
            return exitUsage;
        }
    }
    const auto naming = Naming::fromSettings(settings.supervision);
    if (!naming) {
        err << "gcn-manager: " << naming.error().toString() << Qt::endl;
        return exitUsage;
    }
    const auto store = BoardStore::open(stateDir, BoardStore::Mode::ReadOnly);
    if (!store) {
        err << "gcn-manager status: cannot read the board records: " << store.error().toString() << Qt::endl;
        return exitFailure;
    }
    const QList<BoardRecord> records = (*store)->boards();
    if (json) {
        QJsonArray boards;
        for (const BoardRecord& record : records)
            boards.append(recordToJson(record, *naming));
        out << QJsonDocument(boards).toJson(QJsonDocument::Indented);
        return 0;
    }
    if (records.isEmpty()) {
        out << "No board recorded in " << (*store)->filePath() << '\n';
        return 0;
    }
    const QDateTime now = Clock::system().now();
    for (const BoardRecord& record : records)
        printRecord(record, *naming, now, out);
    return 0;
}

int runSendCommand(const QStringList& arguments, const Settings& settings, QTextStream& out, QTextStream& err)
{
    const QString usage = u"usage: gcn-manager send-command BOARD COMMAND [--force] [--payload TEXT]"_s;
    QStringList positional;
    bool force = false;
    QByteArray payload = "1";
    for (qsizetype index = 0; index < arguments.size(); ++index) {
        const QString& argument = arguments.at(index);
        if (argument == "--force"_L1) {
            force = true;
        } else if (argument == "--payload"_L1 && index + 1 < arguments.size()) {
            payload = arguments.at(++index).toUtf8();
        } else if (argument.startsWith("--"_L1)) {
            err << "gcn-manager send-command: unknown option '" << argument << "'; " << usage << Qt::endl;
            return exitUsage;
        } else {
            positional.append(argument);
        }
    }
    if (positional.size() != 2) {
        err << "gcn-manager send-command: " << usage << Qt::endl;
        return exitUsage;
    }
    // The firmware ignores a command with an empty payload.
    if (payload.isEmpty()) {
        err << "gcn-manager send-command: --payload must not be empty, since boards ignore empty commands"
            << Qt::endl;
        return exitUsage;
    }
    const QString& board = positional.at(0);
    const QString& command = positional.at(1);
    const auto topic = topics::boardCommandTopic(board, command);
    if (!topic) {
        err << "gcn-manager send-command: " << topic.error().message << Qt::endl;
        return exitUsage;
    }
    if (!force && !topics::isKnownBoardCommand(command)) {
        err << "gcn-manager send-command: unknown command '" << command << "'; known commands: "
            << topics::knownBoardCommands().join(u", "_s) << "; add --force to send it anyway" << Qt::endl;
        return exitUsage;
    }

    MqttClient client;
    client.setOptions(brokerConnectOptions(settings, ManagerConnection::generateManagerId(
                                                         settings.mqtt.clientIdRandomBytes)));
    QEventLoop loop;
    int exitCode = exitFailure;
    int messageId = -1;
    QObject::connect(&client, &MqttClient::connected, &loop, [&] {
        messageId = client.publish(*topic, payload, 1, false);
        if (messageId < 0) {
            err << "gcn-manager send-command: the MQTT client rejected the publish" << Qt::endl;
            loop.quit();
        }
    });
    QObject::connect(&client, &MqttClient::messagePublished, &loop, [&](int published) {
        if (published != messageId)
            return;
        out << "sent " << command << " to " << board << '\n';
        exitCode = 0;
        client.disconnectFromHost();
    });
    QObject::connect(&client, &MqttClient::errorOccurred, &loop, [&](MqttClient::Error error) {
        err << "gcn-manager send-command: " << client.errorString() << Qt::endl;
        exitCode = MqttClient::isRetryable(error) ? exitFailure : exitUsage;
    });
    QObject::connect(&client, &MqttClient::disconnected, &loop, &QEventLoop::quit);
    QTimer::singleShot((settings.mqtt.connectTimeoutSec + 10) * 1000, &loop, [&] {
        err << "gcn-manager send-command: timed out waiting for the broker" << Qt::endl;
        loop.quit();
    });
    client.connectToHost();
    loop.exec();
    return exitCode;
}

} // namespace gcn
