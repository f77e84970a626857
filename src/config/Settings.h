#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace gcn {

enum class LogLevel { Debug, Info, Warning, Error, Critical };

enum class MqttTransport { Tcp, WebSocket, Unix };

// TLS protocol versions as the first manager named them (Python's ssl.TLSVersion).
enum class TlsVersion { LibraryDefault, MinimumSupported, SslV3, TlsV1, TlsV1_1, TlsV1_2, TlsV1_3, MaximumSupported };

struct GeneralSettings
{
    bool trace = false;
    LogLevel logLevel = LogLevel::Warning;
    bool printEnvThenExit = false;
    int idleLoopSleepSec = 1;
    // Folder for the board records, the outbox and other files the manager keeps.
    QString stateDir;
    // A manager that only watches (the desktop monitor), announced with the monitor id prefix so that
    // other managers raise no alert when it goes away. Set by the tray, not an option of the service.
    bool monitorOnly = false;
};

struct MqttSettings
{
    QString host;
    int port = 0;
    QString userName;
    QString userPassword;
    int keepAliveSec = 60;
    int connectTimeoutSec = 3;
    bool reconnect = false;
    int reconnectMaxDelaySec = 60;
    int stillConnectingAlertSec = 300;
    MqttTransport transport = MqttTransport::Tcp;
    QString webSocketPath = QStringLiteral("/mqtt");
    int clientIdRandomBytes = 4;
    TlsVersion tlsMinVersion = TlsVersion::LibraryDefault;
    TlsVersion tlsMaxVersion = TlsVersion::LibraryDefault;
    QString tlsCiphers;
    QString tlsCaFile;
    int socketSendBufferSize = 2048;
};

struct SupervisionSettings
{
    int heartbeatMaxSkewSec = 600;
    int heartbeatWatchdogSec = 60;
    int gpioChangeDebounceSec = 0;
    // Time a board may stay offline or silent before it counts as such.
    int offlineGraceSec = 0;
    // Period of the reminders of a lasting problem (board offline, silent or skewed); 0 means none.
    // The option parser accepts 0 or at least 60 s, but the supervisor takes any period, so that
    // tests can use a short one.
    int repeatIntervalSec = 0;
    bool clearStaleGpio = false;
    // Raw alias entries `AA:BB:CC:DD:EE:FF=Garage`.
    QStringList boardAliases;
    // Raw pin label entries `D1=door,open,closed` or `AA:BB:CC:DD:EE:FF/D1=door,open,closed`.
    QStringList pinLabels;
};

struct NotificationSettings
{
    bool enableEmail = false;
    bool enableSms = false;
    bool enableTwitter = false;
    // Desktop alerts; no option sets it. ManagerService turns it on when the tray app plugs its
    // desktop sender.
    bool enableDesktop = false;

    QStringList managerStarting;
    QStringList managerStillConnecting;
    QStringList managerConnected;
    QStringList managerDisconnected;
    QStringList managerExiting;
    QStringList clientSkewedHeartbeat;
    QStringList clientMissedHeartbeat;
    QStringList clientDroppedItems;
    QStringList clientStatusOnline;
    QStringList clientStatusOffline;
    QStringList clientGpioUp;
    QStringList clientGpioDown;
    // Recoveries; when unset they follow the list of the problem they end.
    QStringList clientHeartbeatResumed;
    bool clientHeartbeatResumedSet = false;
    QStringList clientSkewRecovered;
    bool clientSkewRecoveredSet = false;
    QStringList peerManagerOffline;

    // Messages per recipient and channel over a rolling 24 hours; 0 means no limit.
    int maxPerDayEmail = 100;
    int maxPerDaySms = 10;
    int maxPerDayTwitter = 50;
    // Events for one recipient and channel within this many seconds of the first go out as one
    // message; 0 sends each event at once.
    int batchWindowSec = 5;
};

struct EmailSettings
{
    QString from;
    QString smtpHost;
    int smtpPort = 0;
    QString userName;
    QString password;
    bool startTls = false;
    bool debug = false;
    bool disableTls13 = false;
    bool sendAsReport = false;
    int timeoutSec = 3;
    QString caFile;
};

struct SmsSettings
{
    QStringList allowedCountries;
    QString senderName;
    QString serviceName;
    QString userName;
    QString endpoint;
    QString appKey;
    QString appSecret;
    QString consumerKey;
    int apiTimeoutSec = 3;
    // Time to follow a posted job until it leaves OVH's pending list; 0 does not follow it.
    int jobWaitSec = 60;
};

struct TwitterSettings
{
    QString consumerKey;
    QString consumerSecret;
    QString accessToken;
    QString accessTokenSecret;
    QString apiUrl = QStringLiteral("https://api.x.com");
    bool publicPost = false;
    int apiTimeoutSec = 10;
};

struct OperationsSettings
{
    QString httpsCaFile;
    // Address and port of the health and metrics endpoint, empty when it is off.
    QString httpListen;
    QString deadMansSwitchUrl;
    int deadMansSwitchIntervalSec = 60;
};

// Every setting of a run, after the command line, the environment and the .env file were merged.
struct Settings
{
    GeneralSettings general;
    MqttSettings mqtt;
    SupervisionSettings supervision;
    NotificationSettings notify;
    EmailSettings email;
    SmsSettings sms;
    TwitterSettings twitter;
    OperationsSettings operations;
};

} // namespace gcn
