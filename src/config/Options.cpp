#include "config/Options.h"

#include "protocol/GcnMessage.h"

#include <openssl/ssl.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>

Q_LOGGING_CATEGORY(lcConfig, "gcn.config")

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

const QString secretMask = u"********"_s;

using Apply = std::function<std::optional<QString>(Settings&, const QString&)>;
using Show = std::function<QString(const Settings&)>;

struct Binding
{
    Apply apply;
    Show show;
};

// Accessors are generic lambdas so that one accessor serves both the parser and --help.
#define GCN_FIELD(member) [](auto& s) -> auto& { return s.member; }

template <typename Get>
Binding integer(Get get, int minimum, int maximum)
{
    return {
        [get, minimum, maximum](Settings& s, const QString& value) -> std::optional<QString> {
            bool ok = false;
            const qlonglong parsed = value.trimmed().toLongLong(&ok);
            if (!ok || parsed < minimum || parsed > maximum)
                return u"a whole number from %1 to %2"_s.arg(minimum).arg(maximum);
            get(s) = int(parsed);
            return std::nullopt;
        },
        [get](const Settings& s) { return QString::number(get(s)); },
    };
}

// An option that is 0 (off) or a whole number from minimum to maximum.
template <typename Get>
Binding integerOrOff(Get get, int minimum, int maximum)
{
    return {
        [get, minimum, maximum](Settings& s, const QString& value) -> std::optional<QString> {
            bool ok = false;
            const qlonglong parsed = value.trimmed().toLongLong(&ok);
            if (!ok || (parsed != 0 && (parsed < minimum || parsed > maximum)))
                return u"0 (off) or a whole number from %1 to %2"_s.arg(minimum).arg(maximum);
            get(s) = int(parsed);
            return std::nullopt;
        },
        [get](const Settings& s) { return QString::number(get(s)); },
    };
}

template <typename Get>
Binding text(Get get)
{
    return {
        [get](Settings& s, const QString& value) -> std::optional<QString> {
            get(s) = value;
            return std::nullopt;
        },
        [get](const Settings& s) { return get(s); },
    };
}

template <typename Get>
Binding path(Get get)
{
    return {
        [get](Settings& s, const QString& value) -> std::optional<QString> {
            if (value.trimmed().isEmpty())
                return u"a non-empty path"_s;
            get(s) = QDir::cleanPath(value.trimmed());
            return std::nullopt;
        },
        [get](const Settings& s) { return get(s); },
    };
}

std::optional<bool> parseBoolean(const QString& value)
{
    const QString lowered = value.trimmed().toLower();
    if (lowered == "1"_L1 || lowered == "true"_L1 || lowered == "yes"_L1 || lowered == "on"_L1)
        return true;
    if (lowered == "0"_L1 || lowered == "false"_L1 || lowered == "no"_L1 || lowered == "off"_L1 || lowered.isEmpty())
        return false;
    return std::nullopt;
}

template <typename Get>
Binding flag(Get get)
{
    return {
        [get](Settings& s, const QString& value) -> std::optional<QString> {
            const std::optional<bool> parsed = parseBoolean(value);
            if (!parsed)
                return u"0 or 1 (also true/false, yes/no, on/off)"_s;
            get(s) = *parsed;
            return std::nullopt;
        },
        [get](const Settings& s) { return get(s) ? u"on"_s : u"off"_s; },
    };
}

QStringList splitList(const QString& value, QChar separator)
{
    QStringList items;
    for (const QString& item : value.split(separator)) {
        const QString trimmed = item.trimmed();
        if (!trimmed.isEmpty() && !items.contains(trimmed))
            items.append(trimmed);
    }
    return items;
}

template <typename Get>
Binding list(Get get, QChar separator = u',')
{
    return {
        [get, separator](Settings& s, const QString& value) -> std::optional<QString> {
            get(s) = splitList(value, separator);
            return std::nullopt;
        },
        [get, separator](const Settings& s) { return get(s).join(separator); },
    };
}

// A recipient list that also records that it was given, for lists whose default follows another list.
template <typename Get, typename GetSet>
Binding optionalList(Get get, GetSet getSet)
{
    return {
        [get, getSet](Settings& s, const QString& value) -> std::optional<QString> {
            get(s) = splitList(value, u',');
            getSet(s) = true;
            return std::nullopt;
        },
        [get](const Settings& s) { return get(s).join(u','); },
    };
}

template <typename Enum>
using Choices = QList<std::pair<QString, Enum>>;

template <typename Enum, typename Get>
Binding choice(Get get, Choices<Enum> choices, Qt::CaseSensitivity sensitivity = Qt::CaseInsensitive,
               const QString& unlistedLabel = {})
{
    return {
        [get, choices, sensitivity](Settings& s, const QString& value) -> std::optional<QString> {
            for (const auto& [name, candidate] : choices) {
                if (name.compare(value.trimmed(), sensitivity) == 0) {
                    get(s) = candidate;
                    return std::nullopt;
                }
            }
            QStringList names;
            for (const auto& entry : choices) {
                if (!entry.first.isEmpty() && !names.contains(entry.first))
                    names.append(entry.first);
            }
            return u"one of %1"_s.arg(names.join(u", "_s));
        },
        [get, choices, unlistedLabel](const Settings& s) {
            for (const auto& [name, candidate] : choices) {
                if (candidate == get(s))
                    return name;
            }
            return unlistedLabel;
        },
    };
}

const Choices<TlsVersion> tlsVersionChoices {
    {u"MINIMUM_SUPPORTED"_s, TlsVersion::MinimumSupported},
    {u"SSLv3"_s, TlsVersion::SslV3},
    {u"TLSv1"_s, TlsVersion::TlsV1},
    {u"TLSv1_1"_s, TlsVersion::TlsV1_1},
    {u"TLSv1_2"_s, TlsVersion::TlsV1_2},
    {u"TLSv1_3"_s, TlsVersion::TlsV1_3},
    {u"MAXIMUM_SUPPORTED"_s, TlsVersion::MaximumSupported},
};

Binding cipherList()
{
    return {
        [](Settings& s, const QString& value) -> std::optional<QString> {
            const QByteArray ciphers = value.trimmed().toLatin1();
            SSL_CTX* context = SSL_CTX_new(TLS_client_method());
            const bool valid = context && SSL_CTX_set_cipher_list(context, ciphers.constData()) == 1;
            SSL_CTX_free(context);
            if (!valid)
                return u"an OpenSSL cipher list that names at least one known cipher, e.g. ECDHE+AESGCM"_s;
            s.mqtt.tlsCiphers = value.trimmed();
            return std::nullopt;
        },
        [](const Settings& s) { return s.mqtt.tlsCiphers.isEmpty() ? u"library default"_s : s.mqtt.tlsCiphers; },
    };
}

Binding logLevel()
{
    return choice<LogLevel>(GCN_FIELD(general.logLevel),
                            {{u"debug"_s, LogLevel::Debug},
                             {u"info"_s, LogLevel::Info},
                             {u"warning"_s, LogLevel::Warning},
                             {u"error"_s, LogLevel::Error},
                             {u"critical"_s, LogLevel::Critical}});
}

Binding transport()
{
    return choice<MqttTransport>(GCN_FIELD(mqtt.transport),
                                 {{u"tcp"_s, MqttTransport::Tcp},
                                  {u"websocket"_s, MqttTransport::WebSocket},
                                  {u"websockets"_s, MqttTransport::WebSocket},
                                  {u"unix"_s, MqttTransport::Unix}});
}

Binding listenAddress()
{
    return {
        [](Settings& s, const QString& value) -> std::optional<QString> {
            if (value.trimmed().isEmpty()) {
                s.operations.httpListen.clear();
                return std::nullopt;
            }
            if (!parseListenAddress(value))
                return u"ADDR:PORT or PORT, e.g. 127.0.0.1:9102 or [::1]:9102, with a port from 1 to 65535"_s;
            s.operations.httpListen = value.trimmed();
            return std::nullopt;
        },
        [](const Settings& s) { return s.operations.httpListen.isEmpty() ? u"off"_s : s.operations.httpListen; },
    };
}

template <typename Get>
Binding httpUrl(Get get)
{
    return {
        [get](Settings& s, const QString& value) -> std::optional<QString> {
            const QUrl url(value.trimmed(), QUrl::StrictMode);
            if (!value.trimmed().isEmpty()
                && (!url.isValid() || url.host().isEmpty() || (url.scheme() != "https"_L1 && url.scheme() != "http"_L1)))
                return u"an http or https URL"_s;
            get(s) = value.trimmed();
            return std::nullopt;
        },
        [get](const Settings& s) { return get(s).isEmpty() ? u"off"_s : u"set"_s; },
    };
}

OptionSpec row(const QString& name, const QString& envVar, const QString& valueName, const QString& unit,
               const QString& help, Binding binding, bool secret = false)
{
    OptionSpec spec;
    spec.name = name;
    spec.envVar = envVar;
    spec.valueName = valueName;
    spec.unit = unit;
    spec.help = help;
    spec.secret = secret;
    spec.apply = std::move(binding.apply);
    spec.show = std::move(binding.show);
    return spec;
}

QList<OptionSpec> buildOptionTable()
{
    const QString sec = u"seconds"_s;
    QList<OptionSpec> table;

    // General
    table << row(u"trace"_s, {}, {}, {},
                 u"show full error details instead of a one-line message: every subsystem logs at debug level, "
                 "and errors end the run with status 1 instead of 2, as in the first manager"_s,
                 flag(GCN_FIELD(general.trace)))
          << row(u"log-level"_s, u"GCN_MQTT_LOG_LEVEL"_s, u"LVL"_s, {},
                 u"log level: debug, info, warning, error or critical"_s, logLevel())
          << row(u"print-env-then-exit"_s, {}, {}, {},
                 u"print the environment, sorted, with secrets masked, and exit"_s,
                 flag(GCN_FIELD(general.printEnvThenExit)))
          << row(u"idle-loop-sleep"_s, u"GCN_IDLE_LOOP_SLEEP_SEC"_s, u"SEC"_s, sec,
                 u"period of housekeeping (broker keep-alive servicing)"_s,
                 integer(GCN_FIELD(general.idleLoopSleepSec), 1, 60))
          << row(u"state-dir"_s, u"GCN_STATE_DIR"_s, u"PATH"_s, {},
                 u"folder for board records, the notification outbox and other kept files"_s,
                 path(GCN_FIELD(general.stateDir)));

    // MQTT
    table << row(u"mqtt-host"_s, u"GCN_MQTT_SERVER_HOST"_s, u"HOST"_s, {},
                 u"broker host name or address (with --mqtt-transport unix, the socket path); required"_s,
                 text(GCN_FIELD(mqtt.host)))
          << row(u"mqtt-port"_s, u"GCN_MQTT_SERVER_PORT"_s, u"PORT"_s, {},
                 u"broker port, 8883 is usual for MQTT over TLS; required except with unix"_s,
                 integer(GCN_FIELD(mqtt.port), 1, 65535))
          << row(u"mqtt-user-name"_s, u"GCN_MQTT_USER_NAME"_s, u"STR"_s, {}, u"user name on the broker"_s,
                 text(GCN_FIELD(mqtt.userName)))
          << row(u"mqtt-user-password"_s, u"GCN_MQTT_USER_PASSWORD"_s, u"STR"_s, {}, u"password on the broker"_s,
                 text(GCN_FIELD(mqtt.userPassword)), true)
          << row(u"mqtt-keep-alive"_s, u"GCN_MQTT_KEEPALIVE_SECOND"_s, u"SEC"_s, sec, u"MQTT keep-alive"_s,
                 integer(GCN_FIELD(mqtt.keepAliveSec), 5, 65535))
          << row(u"mqtt-connect-timeout"_s, u"GCN_MQTT_CONNECT_TIMEOUT_SECOND"_s, u"SEC"_s, sec,
                 u"time allowed for one connection attempt, up to the broker's CONNACK"_s,
                 integer(GCN_FIELD(mqtt.connectTimeoutSec), 1, 3600))
          << row(u"mqtt-reconnect"_s, u"GCN_MQTT_RECONNECT"_s, {}, {},
                 u"after a lost connection, connect again instead of exiting"_s, flag(GCN_FIELD(mqtt.reconnect)))
          << row(u"mqtt-reconnect-max-delay"_s, u"GCN_MQTT_RECONNECT_MAX_DELAY_SEC"_s, u"SEC"_s, sec,
                 u"upper bound of the delay between two connection attempts"_s,
                 integer(GCN_FIELD(mqtt.reconnectMaxDelaySec), 1, 3600))
          << row(u"mqtt-still-connecting-alert"_s, u"GCN_MQTT_STILL_CONNECTING_ALERT"_s, u"SEC"_s, sec,
                 u"notify once per outage when still not connected after this long"_s,
                 integer(GCN_FIELD(mqtt.stillConnectingAlertSec), 1, 86400 * 7))
          << row(u"mqtt-transport"_s, u"GCN_MQTT_TRANSPORT"_s, u"STR"_s, {},
                 u"tcp, websocket (also websockets) or unix"_s, transport())
          << row(u"mqtt-websocket-path"_s, u"GCN_MQTT_WEBSOCKET_PATH"_s, u"PATH"_s, {},
                 u"HTTP path of the broker's WebSocket endpoint"_s, text(GCN_FIELD(mqtt.webSocketPath)))
          << row(u"mqtt-client-id-random-bytes"_s, u"GCN_MQTT_CLIENT_ID_RANDOM_BYTES"_s, u"N"_s, u"bytes"_s,
                 u"random bytes in the manager id gcn_manager_<hex>"_s,
                 integer(GCN_FIELD(mqtt.clientIdRandomBytes), 1, 8))
          << row(u"mqtt-tls-min-version"_s, u"GCN_MQTT_TLS_MIN_VERSION"_s, u"VER"_s, {},
                 u"lowest TLS version accepted: MINIMUM_SUPPORTED, SSLv3, TLSv1, TLSv1_1, TLSv1_2, TLSv1_3 or MAXIMUM_SUPPORTED"_s,
                 choice<TlsVersion>(GCN_FIELD(mqtt.tlsMinVersion), tlsVersionChoices, Qt::CaseSensitive, u"library default"_s))
          << row(u"mqtt-tls-max-version"_s, u"GCN_MQTT_TLS_MAX_VERSION"_s, u"VER"_s, {},
                 u"highest TLS version accepted, same names as --mqtt-tls-min-version"_s,
                 choice<TlsVersion>(GCN_FIELD(mqtt.tlsMaxVersion), tlsVersionChoices, Qt::CaseSensitive, u"library default"_s))
          << row(u"mqtt-tls-ciphers"_s, u"GCN_MQTT_TLS_CIPHERS"_s, u"STR"_s, {},
                 u"OpenSSL cipher list for TLS 1.2 and below"_s, cipherList())
          << row(u"mqtt-tls-ca-file"_s, u"GCN_MQTT_TLS_CA_FILE"_s, u"PATH"_s, {},
                 u"PEM file of CA certificates trusted in addition to the system store"_s,
                 path(GCN_FIELD(mqtt.tlsCaFile)))
          << row(u"mqtt-socket-send-buffer-size"_s, u"GCN_MQTT_SOCKET_SEND_BUFFER_SIZE"_s, u"N"_s, u"bytes"_s,
                 u"SO_SNDBUF of the broker socket"_s,
                 integer(GCN_FIELD(mqtt.socketSendBufferSize), 1024, 16 * 1024 * 1024));

    // Supervision of the boards
    table << row(u"client-heartbeat-max-skew"_s, u"GCN_HEARTBEAT_MAX_SKEW_SEC"_s, u"SEC"_s, sec,
                 u"difference between a heartbeat and the manager clock that raises an alert"_s,
                 integer(GCN_FIELD(supervision.heartbeatMaxSkewSec), 1, 86400 * 365))
          << row(u"client-heartbeat-watchdog"_s, u"GCN_HEARTBEAT_WATCHDOG_SEC"_s, u"SEC"_s, sec,
                 u"silence after which a board's heartbeat counts as missed"_s,
                 integer(GCN_FIELD(supervision.heartbeatWatchdogSec), 1, 86400 * 7))
          << row(u"client-gpio-change-debounce-sec"_s, u"GCN_CLIENT_GPIO_CHANGE_DEBOUNCE_SEC"_s, u"SEC"_s, sec,
                 u"minimum board time between two notified changes of one pin"_s,
                 integer(GCN_FIELD(supervision.gpioChangeDebounceSec), 0, 86400))
          << row(u"client-offline-grace"_s, u"GCN_CLIENT_OFFLINE_GRACE_SEC"_s, u"SEC"_s, sec,
                 u"time a board may stay offline or silent before it is reported"_s,
                 integer(GCN_FIELD(supervision.offlineGraceSec), 0, 86400))
          << row(u"client-clear-stale-gpio"_s, u"GCN_CLIENT_CLEAR_STALE_GPIO"_s, {}, {},
                 u"delete the retained samples of pins a board no longer monitors"_s,
                 flag(GCN_FIELD(supervision.clearStaleGpio)))
          << row(u"client-alias"_s, u"GCN_CLIENT_ALIASES"_s, u"MAC=NAME,..."_s, {},
                 u"names for boards, e.g. AA:BB:CC:DD:EE:FF=Garage"_s, list(GCN_FIELD(supervision.boardAliases)))
          << row(u"client-gpio-label"_s, u"GCN_CLIENT_GPIO_LABELS"_s, u"PIN=LABEL,UP,DOWN;..."_s, {},
                 u"labels for pins and words for their states, e.g. D1=door,open,closed; "
                 "prefix a pin with MAC/ to label one board only"_s,
                 list(GCN_FIELD(supervision.pinLabels), u';'));

    // Notifications
    table << row(u"enable-email-notifications"_s, u"GCN_ENABLE_NOTIFY_EMAIL"_s, {}, {}, u"send e-mail"_s,
                 flag(GCN_FIELD(notify.enableEmail)))
          << row(u"enable-sms-notifications"_s, u"GCN_ENABLE_NOTIFY_SMS"_s, {}, {}, u"send SMS through OVH"_s,
                 flag(GCN_FIELD(notify.enableSms)))
          << row(u"enable-twitter-notifications"_s, u"GCN_ENABLE_NOTIFY_TWITTER"_s, {}, {}, u"send X messages"_s,
                 flag(GCN_FIELD(notify.enableTwitter)));
    const QString recipients = u"A,B,C"_s;
    const QString recipientsHelp = u"recipients of '%1' (e-mail addresses, +E.164 numbers, @handles, 'desktop' for the alerts of "
                                         "gcn-manager-tray)"_s;
    struct RecipientRow
    {
        QString name;
        QString envVar;
        QString what;
        QStringList& (*get)(Settings&);
    };
    const QList<RecipientRow> recipientRows {
        {u"manager-starting"_s, u"GCN_MANAGER_STARTING_RECIPIENTS"_s, u"manager starting"_s,
         [](Settings& s) -> QStringList& { return s.notify.managerStarting; }},
        {u"manager-still-connecting"_s, u"GCN_MANAGER_STILL_CONNECTING_RECIPIENTS"_s, u"manager still connecting"_s,
         [](Settings& s) -> QStringList& { return s.notify.managerStillConnecting; }},
        {u"manager-connected"_s, u"GCN_MANAGER_CONNECTED_RECIPIENTS"_s, u"manager connected"_s,
         [](Settings& s) -> QStringList& { return s.notify.managerConnected; }},
        {u"manager-disconnected"_s, u"GCN_MANAGER_DISCONNECTED_RECIPIENTS"_s, u"manager disconnected"_s,
         [](Settings& s) -> QStringList& { return s.notify.managerDisconnected; }},
        {u"manager-exiting"_s, u"GCN_MANAGER_EXITING_RECIPIENTS"_s, u"manager exiting"_s,
         [](Settings& s) -> QStringList& { return s.notify.managerExiting; }},
        {u"client-skewed-heartbeat"_s, u"GCN_CLIENT_HEARTBEAT_SKEWED_RECIPIENTS"_s, u"board heartbeat skewed"_s,
         [](Settings& s) -> QStringList& { return s.notify.clientSkewedHeartbeat; }},
        {u"client-missed-heartbeat"_s, u"GCN_CLIENT_MISSED_HEARTBEAT_RECIPIENTS"_s, u"board missed heartbeat"_s,
         [](Settings& s) -> QStringList& { return s.notify.clientMissedHeartbeat; }},
        {u"client-dropped-items"_s, u"GCN_CLIENT_DROPPED_ITEMS_RECIPIENTS"_s, u"board dropped items"_s,
         [](Settings& s) -> QStringList& { return s.notify.clientDroppedItems; }},
        {u"client-status-change-online"_s, u"GCN_CLIENT_STATUS_CHANGE_ONLINE_RECIPIENTS"_s, u"board online"_s,
         [](Settings& s) -> QStringList& { return s.notify.clientStatusOnline; }},
        {u"client-status-change-offline"_s, u"GCN_CLIENT_STATUS_CHANGE_OFFLINE_RECIPIENTS"_s, u"board offline"_s,
         [](Settings& s) -> QStringList& { return s.notify.clientStatusOffline; }},
        {u"client-gpio-change-up"_s, u"GCN_CLIENT_GPIO_CHANGE_UP_RECIPIENTS"_s, u"GPIO up"_s,
         [](Settings& s) -> QStringList& { return s.notify.clientGpioUp; }},
        {u"client-gpio-change-down"_s, u"GCN_CLIENT_GPIO_CHANGE_DOWN_RECIPIENTS"_s, u"GPIO down"_s,
         [](Settings& s) -> QStringList& { return s.notify.clientGpioDown; }},
        {u"peer-manager-offline"_s, u"GCN_PEER_MANAGER_OFFLINE_RECIPIENTS"_s, u"another manager offline"_s,
         [](Settings& s) -> QStringList& { return s.notify.peerManagerOffline; }},
    };
    for (const RecipientRow& entry : recipientRows) {
        auto get = entry.get;
        table << row(u"notify-%1-recipients"_s.arg(entry.name), entry.envVar, recipients, {},
                     recipientsHelp.arg(entry.what),
                     list([get](auto& s) -> auto& { return get(const_cast<Settings&>(s)); }));
    }
    table << row(u"notify-client-heartbeat-resumed-recipients"_s, u"GCN_CLIENT_HEARTBEAT_RESUMED_RECIPIENTS"_s,
                 recipients, {}, recipientsHelp.arg(u"board heartbeat resumed"_s) + u"; default: the missed-heartbeat list"_s,
                 optionalList(GCN_FIELD(notify.clientHeartbeatResumed), GCN_FIELD(notify.clientHeartbeatResumedSet)))
          << row(u"notify-client-skew-recovered-recipients"_s, u"GCN_CLIENT_SKEW_RECOVERED_RECIPIENTS"_s, recipients,
                 {}, recipientsHelp.arg(u"board clock back within bounds"_s) + u"; default: the skewed-heartbeat list"_s,
                 optionalList(GCN_FIELD(notify.clientSkewRecovered), GCN_FIELD(notify.clientSkewRecoveredSet)));

    table << row(u"notify-max-per-day-email"_s, u"GCN_NOTIFY_MAX_PER_DAY_EMAIL"_s, u"N"_s, u"messages"_s,
                 u"e-mails per recipient over a rolling 24 hours, then one notice and a digest later; 0: no limit"_s,
                 integer(GCN_FIELD(notify.maxPerDayEmail), 0, 1'000'000))
          << row(u"notify-max-per-day-sms"_s, u"GCN_NOTIFY_MAX_PER_DAY_SMS"_s, u"N"_s, u"messages"_s,
                 u"SMS per recipient over a rolling 24 hours, then one notice and a digest later; 0: no limit"_s,
                 integer(GCN_FIELD(notify.maxPerDaySms), 0, 1'000'000))
          << row(u"notify-max-per-day-twitter"_s, u"GCN_NOTIFY_MAX_PER_DAY_TWITTER"_s, u"N"_s, u"messages"_s,
                 u"X messages per recipient over a rolling 24 hours, then one notice and a digest later; 0: no limit"_s,
                 integer(GCN_FIELD(notify.maxPerDayTwitter), 0, 1'000'000))
          << row(u"notify-batch-window"_s, u"GCN_NOTIFY_BATCH_WINDOW_SEC"_s, u"SEC"_s, sec,
                 u"events for one recipient and channel within this time of the first go out as one message; "
                 "0 sends each at once"_s,
                 integer(GCN_FIELD(notify.batchWindowSec), 0, 3600))
          << row(u"notify-repeat-interval"_s, u"GCN_NOTIFY_REPEAT_INTERVAL"_s, u"SEC"_s, sec,
                 u"period of the reminders sent while a board stays offline, silent or with a skewed clock, to the "
                 "recipients of that notification, until the board recovers; 0: no reminders"_s,
                 integerOrOff(GCN_FIELD(supervision.repeatIntervalSec), 60, 86400 * 30));

    // E-mail
    table << row(u"email-from"_s, u"GCN_EMAIL_FROM"_s, u"FROM"_s, {},
                 u"sender address, may carry a display name: Name <a@b>"_s, text(GCN_FIELD(email.from)))
          << row(u"email-smtp-host"_s, u"GCN_EMAIL_SMTP_HOST"_s, u"HOST"_s, {}, u"SMTP server"_s,
                 text(GCN_FIELD(email.smtpHost)))
          << row(u"email-smtp-port"_s, u"GCN_EMAIL_SMTP_PORT"_s, u"PORT"_s, {},
                 u"SMTP port: 587 with STARTTLS, 465 with implicit TLS"_s, integer(GCN_FIELD(email.smtpPort), 1, 65535))
          << row(u"email-username"_s, u"GCN_EMAIL_SMTP_USERNAME"_s, u"NAME"_s, {}, u"SMTP user name"_s,
                 text(GCN_FIELD(email.userName)))
          << row(u"email-password"_s, u"GCN_EMAIL_SMTP_PASSWORD"_s, u"PASS"_s, {}, u"SMTP password"_s,
                 text(GCN_FIELD(email.password)), true)
          << row(u"email-smtp-starttls"_s, u"GCN_EMAIL_SMTP_STARTTLS"_s, {}, {},
                 u"use STARTTLS on a plain connection; otherwise TLS from the first byte"_s,
                 flag(GCN_FIELD(email.startTls)))
          << row(u"email-smtp-debug"_s, u"GCN_EMAIL_SMTP_DEBUG"_s, {}, {},
                 u"log the SMTP dialogue, credentials masked"_s, flag(GCN_FIELD(email.debug)))
          << row(u"email-smtp-disable-tls13"_s, u"GCN_EMAIL_SMTP_DISABLE_TLS13"_s, {}, {},
                 u"accept TLS 1.2 from the SMTP server; TLS 1.3 is the minimum otherwise"_s,
                 flag(GCN_FIELD(email.disableTls13)))
          << row(u"email-smtp-send-as-report"_s, u"GCN_EMAIL_SMTP_SEND_AS_REPORT"_s, {}, {},
                 u"each e-mail carries all notifications so far, newest first"_s, flag(GCN_FIELD(email.sendAsReport)))
          << row(u"email-smtp-timeout"_s, u"GCN_EMAIL_SMTP_TIMEOUT_SEC"_s, u"SEC"_s, sec,
                 u"time allowed for each step of the SMTP dialogue"_s, integer(GCN_FIELD(email.timeoutSec), 1, 600))
          << row(u"email-smtp-ca-file"_s, u"GCN_EMAIL_SMTP_CA_FILE"_s, u"PATH"_s, {},
                 u"PEM file of CA certificates trusted for the SMTP server in addition to the system store"_s,
                 path(GCN_FIELD(email.caFile)));

    // SMS through OVH
    table << row(u"sms-allow-country"_s, u"GCN_ALLOW_SMS_COUNTRIES"_s, u"CODE,..."_s, {},
                 u"ISO region codes that SMS may be sent to, e.g. FR,BE; default: all"_s,
                 list(GCN_FIELD(sms.allowedCountries)))
          << row(u"sms-ovh-sender-name"_s, u"GCN_OVH_SMS_SENDER_NAME"_s, u"NAME"_s, {}, u"OVH SMS sender"_s,
                 text(GCN_FIELD(sms.senderName)))
          << row(u"sms-ovh-service-name"_s, u"GCN_OVH_SMS_SERVICE_NAME"_s, u"NAME"_s, {}, u"OVH SMS service"_s,
                 text(GCN_FIELD(sms.serviceName)))
          << row(u"sms-ovh-user-name"_s, u"GCN_OVH_SMS_USER_NAME"_s, u"USERNAME"_s, {}, u"OVH SMS user"_s,
                 text(GCN_FIELD(sms.userName)))
          << row(u"sms-ovh-endpoint"_s, u"OVH_ENDPOINT"_s, u"URL"_s, {},
                 u"ovh-eu, ovh-us, ovh-ca, kimsufi-eu, kimsufi-ca, soyoustart-eu, soyoustart-ca, or an https URL"_s,
                 text(GCN_FIELD(sms.endpoint)))
          << row(u"sms-ovh-app-key"_s, u"OVH_APPLICATION_KEY"_s, u"SECRET"_s, {}, u"OVH application key"_s,
                 text(GCN_FIELD(sms.appKey)), true)
          << row(u"sms-ovh-app-secret"_s, u"OVH_APPLICATION_SECRET"_s, u"SECRET"_s, {}, u"OVH application secret"_s,
                 text(GCN_FIELD(sms.appSecret)), true)
          << row(u"sms-ovh-consumer-key"_s, u"OVH_CONSUMER_KEY"_s, u"SECRET"_s, {}, u"OVH consumer key"_s,
                 text(GCN_FIELD(sms.consumerKey)), true)
          << row(u"sms-ovh-api-timeout"_s, u"GCN_OVH_API_TIMEOUT_SEC"_s, u"SEC"_s, sec,
                 u"time allowed for each OVH API request"_s, integer(GCN_FIELD(sms.apiTimeoutSec), 1, 600))
          << row(u"sms-ovh-job-wait"_s, u"GCN_OVH_SMS_JOB_WAIT_SEC"_s, u"SEC"_s, sec,
                 u"how long to follow a posted SMS job until OVH has sent it; 0 does not follow it"_s,
                 integer(GCN_FIELD(sms.jobWaitSec), 0, 3600));

    // X / Twitter
    table << row(u"twitter-app-consumer-key"_s, u"GCN_TWITTER_APP_CONSUMER_KEY"_s, u"SECRET"_s, {},
                 u"X app consumer key"_s, text(GCN_FIELD(twitter.consumerKey)), true)
          << row(u"twitter-app-consumer-secret"_s, u"GCN_TWITTER_APP_CONSUMER_SECRET"_s, u"SECRET"_s, {},
                 u"X app consumer secret"_s, text(GCN_FIELD(twitter.consumerSecret)), true)
          << row(u"twitter-user-access-token"_s, u"GCN_TWITTER_USER_ACCESS_TOKEN"_s, u"SECRET"_s, {},
                 u"X user access token"_s, text(GCN_FIELD(twitter.accessToken)), true)
          << row(u"twitter-user-access-token-secret"_s, u"GCN_TWITTER_USER_ACCESS_TOKEN_SECRET"_s, u"SECRET"_s, {},
                 u"X user access token secret"_s, text(GCN_FIELD(twitter.accessTokenSecret)), true)
          << row(u"twitter-api-url"_s, u"GCN_TWITTER_API_URL"_s, u"URL"_s, {}, u"base URL of the X API"_s,
                 text(GCN_FIELD(twitter.apiUrl)))
          << row(u"twitter-public-post"_s, u"GCN_TWITTER_PUBLIC_POST"_s, {}, {},
                 u"publish a public post instead of a direct message to each @handle"_s,
                 flag(GCN_FIELD(twitter.publicPost)))
          << row(u"twitter-api-timeout"_s, u"GCN_TWITTER_API_TIMEOUT_SEC"_s, u"SEC"_s, sec,
                 u"time allowed for each X API request"_s, integer(GCN_FIELD(twitter.apiTimeoutSec), 1, 600));

    // Operations
    table << row(u"https-ca-file"_s, u"GCN_HTTPS_CA_FILE"_s, u"PATH"_s, {},
                 u"PEM file of CA certificates trusted for the OVH and X APIs in addition to the system store"_s,
                 path(GCN_FIELD(operations.httpsCaFile)))
          << row(u"http-listen"_s, u"GCN_HTTP_LISTEN"_s, u"ADDR:PORT"_s, {},
                 u"serve /healthz and /metrics on this address (PORT alone means 127.0.0.1); off by default"_s,
                 listenAddress())
          << row(u"dead-mans-switch-url"_s, u"GCN_DEAD_MANS_SWITCH_URL"_s, u"URL"_s, {},
                 u"URL requested periodically while the manager is healthy, e.g. a Healthchecks ping URL"_s,
                 httpUrl(GCN_FIELD(operations.deadMansSwitchUrl)), true)
          << row(u"dead-mans-switch-interval"_s, u"GCN_DEAD_MANS_SWITCH_INTERVAL_SEC"_s, u"SEC"_s, sec,
                 u"period of the dead man's switch requests"_s,
                 integer(GCN_FIELD(operations.deadMansSwitchIntervalSec), 5, 86400));
    return table;
}

} // namespace

QString valueSourceName(ValueSource source)
{
    switch (source) {
    case ValueSource::Default:
        return u"default"_s;
    case ValueSource::CommandLine:
        return u"command line"_s;
    case ValueSource::Environment:
        return u"environment"_s;
    case ValueSource::File:
        return u"file"_s;
    case ValueSource::Keychain:
        return u"keychain"_s;
    }
    return u"unknown"_s;
}

QString ConfigError::toString() const
{
    QString line = u"invalid configuration: "_s;
    if (!option.isEmpty()) {
        line += option;
        // Control characters are escaped and long values cut, so that the error stays one readable line.
        if (!valueIsSecret && !value.isNull())
            line += u" = '%1'"_s.arg(printableText(value, 200));
        line += u": "_s;
    }
    return line + message;
}

const QList<OptionSpec>& optionTable()
{
    static const QList<OptionSpec> table = buildOptionTable();
    return table;
}

const OptionSpec* findOption(const QString& name)
{
    for (const OptionSpec& spec : optionTable()) {
        if (spec.name == name)
            return &spec;
    }
    return nullptr;
}

namespace {

QString describeOption(const OptionSpec& spec, bool fromEnvironment)
{
    if (fromEnvironment)
        return u"%1 (--%2)"_s.arg(spec.envVar, spec.name);
    if (spec.envVar.isEmpty())
        return u"--%1"_s.arg(spec.name);
    return u"--%1 (%2)"_s.arg(spec.name, spec.envVar);
}

std::optional<ConfigError> applyValue(const OptionSpec& spec, Settings& settings, const QString& value,
                                      bool fromEnvironment)
{
    if (const std::optional<QString> expected = spec.apply(settings, value)) {
        return ConfigError {describeOption(spec, fromEnvironment), value, u"expected "_s + *expected, spec.secret};
    }
    return std::nullopt;
}

} // namespace

std::expected<ParsedCommandLine, ConfigError> parseConfiguration(const QStringList& arguments,
                                                                  const QProcessEnvironment& environment)
{
    ParsedCommandLine parsed;
    parsed.settings.general.stateDir = defaultStateDir();

    // The command line is read first, so that an environment variable it overrides is never parsed:
    // a stale value in an env file must not stop a run that gives the option on the command line.
    QList<std::pair<const OptionSpec*, QString>> given;
    bool optionsEnded = false;
    for (qsizetype index = 0; index < arguments.size(); ++index) {
        const QString& argument = arguments.at(index);
        if (optionsEnded || !argument.startsWith("--"_L1) || !parsed.positional.isEmpty()) {
            parsed.positional.append(argument);
            continue;
        }
        if (argument == "--"_L1) {
            optionsEnded = true;
            continue;
        }
        if (argument == "--help"_L1) {
            parsed.helpRequested = true;
            continue;
        }
        if (argument == "--version"_L1) {
            parsed.versionRequested = true;
            continue;
        }
        QString name = argument.mid(2);
        QString value;
        bool hasInlineValue = false;
        if (const qsizetype equals = name.indexOf(u'='); equals >= 0) {
            value = name.mid(equals + 1);
            name.truncate(equals);
            hasInlineValue = true;
        }
        const OptionSpec* spec = findOption(name);
        if (!spec) {
            return std::unexpected(ConfigError {argument.section(u'=', 0, 0), {},
                                                u"unknown option; run with --help for the list of options"_s});
        }
        if (spec->isFlag()) {
            if (!hasInlineValue)
                value = u"1"_s;
        } else if (!hasInlineValue) {
            if (index + 1 >= arguments.size()) {
                return std::unexpected(ConfigError {u"--"_s + name, {},
                                                    u"missing value; expected %1"_s.arg(spec->valueName)});
            }
            value = arguments.at(++index);
        }
        given.append({spec, value});
    }

    for (const OptionSpec& spec : optionTable()) {
        parsed.sources.insert(spec.name, ValueSource::Default);
        const bool onCommandLine = std::any_of(given.cbegin(), given.cend(),
                                               [&spec](const auto& entry) { return entry.first == &spec; });
        if (onCommandLine || spec.envVar.isEmpty() || !environment.contains(spec.envVar))
            continue;
        const QString value = environment.value(spec.envVar);
        if (std::optional<ConfigError> error = applyValue(spec, parsed.settings, value, true))
            return std::unexpected(*error);
        parsed.sources.insert(spec.name, ValueSource::Environment);
    }

    for (const auto& [spec, value] : given) {
        if (std::optional<ConfigError> error = applyValue(*spec, parsed.settings, value, false))
            return std::unexpected(*error);
        parsed.sources.insert(spec->name, ValueSource::CommandLine);
    }
    return parsed;
}

namespace {

int tlsVersionRank(TlsVersion version)
{
    return int(version);
}

} // namespace

std::optional<ConfigError> validateForRun(const Settings& settings)
{
    const MqttSettings& mqtt = settings.mqtt;
    if (mqtt.host.trimmed().isEmpty()) {
        return ConfigError {u"--mqtt-host (GCN_MQTT_SERVER_HOST)"_s, {},
                            u"missing; give the broker's host name, or the socket path with --mqtt-transport unix"_s};
    }
    if (mqtt.transport != MqttTransport::Unix && mqtt.port == 0) {
        return ConfigError {u"--mqtt-port (GCN_MQTT_SERVER_PORT)"_s, {},
                            u"missing; give the broker's TLS port, usually 8883"_s};
    }
    // Keep-alive pings are sent from the housekeeping timer, so it must run well within the keep-alive.
    if (settings.general.idleLoopSleepSec * 2 > mqtt.keepAliveSec) {
        return ConfigError {u"--idle-loop-sleep (GCN_IDLE_LOOP_SLEEP_SEC)"_s,
                            QString::number(settings.general.idleLoopSleepSec),
                            u"must be at most half of --mqtt-keep-alive (%1 s), or the broker drops the connection "
                            "between two keep-alive pings"_s.arg(mqtt.keepAliveSec)};
    }
    const bool bothSet = mqtt.tlsMinVersion != TlsVersion::LibraryDefault
                         && mqtt.tlsMaxVersion != TlsVersion::LibraryDefault;
    if (bothSet && tlsVersionRank(mqtt.tlsMinVersion) > tlsVersionRank(mqtt.tlsMaxVersion)) {
        return ConfigError {u"--mqtt-tls-min-version"_s, {},
                            u"is above --mqtt-tls-max-version; lower the minimum or raise the maximum"_s};
    }
    if (mqtt.tlsMinVersion == TlsVersion::SslV3 || mqtt.tlsMaxVersion == TlsVersion::SslV3) {
        return ConfigError {u"--mqtt-tls-min-version/--mqtt-tls-max-version"_s, u"SSLv3"_s,
                            u"SSLv3 is not supported by this OpenSSL build; use TLSv1_2 or TLSv1_3"_s};
    }
    for (const auto& [name, file] : {std::pair {u"--mqtt-tls-ca-file (GCN_MQTT_TLS_CA_FILE)"_s, mqtt.tlsCaFile},
                                     std::pair {u"--email-smtp-ca-file (GCN_EMAIL_SMTP_CA_FILE)"_s,
                                                settings.email.caFile},
                                     std::pair {u"--https-ca-file (GCN_HTTPS_CA_FILE)"_s,
                                                settings.operations.httpsCaFile}}) {
        if (!file.isEmpty() && !QFile::exists(file))
            return ConfigError {name, file, u"file not found; give the path of a PEM file of CA certificates"_s};
    }
    return std::nullopt;
}

QStringList loadDotEnvFile(const QString& path, QString* error)
{
    QStringList setNames;
    QFile file(path);
    if (!file.exists())
        return setNames;
    // Opening a FIFO or a device would block start-up or read without end.
    if (!QFileInfo(path).isFile()) {
        if (error)
            *error = u"cannot read %1: not a regular file"_s.arg(path);
        return setNames;
    }
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        if (error)
            *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        return setNames;
    }
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (line.startsWith("export "_L1))
            line = line.mid(7).trimmed();
        const qsizetype equals = line.indexOf(u'=');
        if (equals <= 0) {
            qCWarning(lcConfig) << "ignoring line" << lineNumber << "of" << path << "because it has no NAME=value";
            continue;
        }
        const QString name = line.left(equals).trimmed();
        QString value = line.mid(equals + 1).trimmed();
        if (value.size() >= 2 && (value.front() == u'"' || value.front() == u'\'') && value.back() == value.front())
            value = value.mid(1, value.size() - 2);
        else if (const qsizetype comment = value.indexOf(" #"_L1); comment >= 0)
            value = value.left(comment).trimmed();
        const QByteArray key = name.toLocal8Bit();
        if (qEnvironmentVariableIsSet(key.constData()))
            continue;
        qputenv(key.constData(), value.toUtf8());
        setNames.append(name);
    }
    return setNames;
}

QString helpText(const QString& programName)
{
    const Settings defaults;
    QString help;
    help += u"Usage: %1 [OPTIONS]\n"
            "       %1 status | history [--json] [--since TIME] | send-command BOARD COMMAND [--force]\n"
            "       %1 credentials set|get|delete NAME | credentials list\n"
            "\n"
            "Supervises Gpio Change Notifier boards through an MQTT broker and notifies people by e-mail,\n"
            "SMS (OVH) and X. Each option may also be set by its environment variable or a .env file in\n"
            "the working directory; the command line wins. Booleans in the environment are 0 or 1.\n"
            "A secret option is also read from the file named by its variable with _FILE appended, from\n"
            "$CREDENTIALS_DIRECTORY/<option name> (systemd credentials), and from the keychain, where\n"
            "`%1 credentials set <option name>` stores it.\n"
            "\n"
            "  --help                     show this help and exit\n"
            "  --version                  show the version and exit\n"_s.arg(programName);
    for (const OptionSpec& spec : optionTable()) {
        QString synopsis = u"  --"_s + spec.name;
        if (!spec.isFlag())
            synopsis += u' ' + spec.valueName;
        help += synopsis;
        help += synopsis.size() < 29 ? QString(29 - synopsis.size(), u' ') : u"\n"_s + QString(29, u' ');
        help += spec.help + u'\n';
        QStringList facts;
        if (!spec.unit.isEmpty())
            facts << u"unit: "_s + spec.unit;
        QString shownDefault = spec.name == "state-dir"_L1 ? defaultStateDir() : spec.show(defaults);
        if (spec.name == "mqtt-port"_L1 || spec.name == "mqtt-host"_L1)
            shownDefault = u"none, required"_s;
        if (!spec.isFlag() && !spec.secret)
            facts << u"default: "_s + (shownDefault.isEmpty() ? u"none"_s : shownDefault);
        if (!spec.envVar.isEmpty())
            facts << u"env: "_s + spec.envVar;
        if (!facts.isEmpty())
            help += QString(29, u' ') + u'[' + facts.join(u"; "_s) + u"]\n"_s;
    }
    return help;
}

namespace {

QString troffEscape(QString text)
{
    text.replace(u'\\', u"\\e"_s).replace(u'-', u"\\-"_s);
    if (text.startsWith(u'.') || text.startsWith(u'\''))
        text.prepend(u"\\&"_s);
    return text;
}

} // namespace

QString manPage(const QString& programName, const QString& version)
{
    const Settings defaults;
    QString page;
    page += u".TH %1 1 \"\" \"%1 %2\" \"User Commands\"\n"_s.arg(programName.toUpper(), version);
    page += u".SH NAME\n%1 \\- supervises Gpio Change Notifier boards over MQTT and notifies people\n"_s.arg(
        troffEscape(programName));
    page += u".SH SYNOPSIS\n.B %1\n[\\fIOPTIONS\\fR]\n.br\n.B %1\nstatus | history | send\\-command | "
            "credentials ...\n"_s.arg(troffEscape(programName));
    page += u".SH DESCRIPTION\n%1 watches GCN boards through an MQTT broker over verified TLS and sends e-mail, "
            "SMS (OVH) and X messages when a board goes offline or silent, has a wrong clock, drops buffered "
            "events, or when one of its inputs changes. Each option may also be set by its environment variable "
            "or a .env file in the working directory; the command line wins.\n"_s.arg(troffEscape(programName));
    page += u".SH OPTIONS\n"_s;
    for (const OptionSpec& spec : optionTable()) {
        page += u".TP\n.B \\-\\-%1"_s.arg(troffEscape(spec.name));
        if (!spec.isFlag())
            page += u" \\fI%1\\fR"_s.arg(troffEscape(spec.valueName));
        page += u'\n' + troffEscape(spec.help) + u'\n';
        QStringList facts;
        if (!spec.unit.isEmpty())
            facts << u"unit: "_s + spec.unit;
        if (!spec.isFlag() && !spec.secret && spec.name != "state-dir"_L1) {
            const QString shown = spec.show(defaults);
            facts << u"default: "_s + (shown.isEmpty() ? u"none"_s : shown);
        }
        if (!spec.envVar.isEmpty())
            facts << u"environment: "_s + spec.envVar;
        if (!facts.isEmpty())
            page += u".br\n"_s + troffEscape(facts.join(u"; "_s)) + u'\n';
    }
    page += u".SH EXIT STATUS\n0 after a normal stop; 1 when the broker connection was lost and "
            "\\-\\-mqtt\\-reconnect is off; 2 after a configuration or fatal connection error; 128+N when a "
            "second signal N stopped it at once.\n"_s;
    page += u".SH FILES\n.TP\n.I $XDG_DATA_HOME/gcn\\-manager\nDefault state folder: board records and the "
            "notification outbox.\n"_s;
    return page;
}

bool isSecretVariable(const QString& name)
{
    for (const OptionSpec& spec : optionTable()) {
        if (spec.secret && spec.envVar == name)
            return true;
    }
    // Variables of other programs that carry credentials by name.
    const QString upper = name.toUpper();
    if (upper.endsWith("_FILE"_L1) || upper.endsWith("_PATH"_L1) || upper.endsWith("_DIR"_L1))
        return false;
    for (const char* marker : {"PASSWORD", "PASSWD", "_PASS", "SECRET", "TOKEN", "_KEY", "APIKEY", "CREDENTIAL",
                               "COOKIE", "SESSION", "_DSN", "_PAT", "AUTH"}) {
        if (upper.contains(QLatin1StringView(marker)))
            return true;
    }
    return upper.endsWith("PAT"_L1) || upper.endsWith("DSN"_L1);
}

namespace {

// Replaces the password of a URL with user information (proxy and database URLs carry them).
QString maskUrlPassword(const QString& value)
{
    static const QRegularExpression credentials(u"^([A-Za-z][A-Za-z0-9+.-]*://[^:/@\\s]*):[^@\\s]*@"_s);
    QString masked = value;
    return masked.replace(credentials, u"\\1:"_s + secretMask + u'@');
}

} // namespace

QStringList printableEnvironment(const QProcessEnvironment& environment)
{
    QStringList names = environment.keys();
    std::sort(names.begin(), names.end());
    QStringList lines;
    for (const QString& name : names) {
        const QString value = environment.value(name);
        lines.append(name + u'=' + (isSecretVariable(name) && !value.isEmpty() ? secretMask : maskUrlPassword(value)));
    }
    return lines;
}

std::optional<std::pair<QHostAddress, quint16>> parseListenAddress(const QString& text)
{
    const QString value = text.trimmed();
    QString host = u"127.0.0.1"_s;
    QString portText = value;
    const qsizetype colon = value.lastIndexOf(u':');
    if (colon >= 0) {
        host = value.left(colon);
        portText = value.mid(colon + 1);
        if (host.startsWith(u'[') && host.endsWith(u']'))
            host = host.mid(1, host.size() - 2);
        if (host.isEmpty())
            host = u"127.0.0.1"_s;
        else if (host == "localhost"_L1)
            host = u"127.0.0.1"_s;
    }
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    QHostAddress address;
    if (!ok || port == 0 || port > 65535 || !address.setAddress(host))
        return std::nullopt;
    return std::pair {address, quint16(port)};
}

QString defaultStateDir()
{
    QString base = qEnvironmentVariable("XDG_DATA_HOME");
    if (base.isEmpty())
        base = QDir::homePath() + u"/.local/share"_s;
    return base + u"/gcn-manager"_s;
}

} // namespace gcn
