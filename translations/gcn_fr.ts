<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>EventText</name>
    <message>
        <source>up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manager starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manager still connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manager connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manager disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manager exiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clock skewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>heartbeat missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropped items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>board online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>board offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPIO up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPIO down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>heartbeat resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clock back in bounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other manager offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still connecting to the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected from the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager exiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: clock skewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: heartbeat missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: dropped items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: heartbeat resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: clock back in bounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager %1 offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager %1 is starting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager %1 has not reached the broker for %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager %1 is connected to the broker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager %1 lost the broker: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager %1 is exiting after %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clock of %1 is %2 off the manager&apos;s clock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has sent no heartbeat for %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 had to drop GPIO changes: %2 in total since it started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is online again after %2 offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pin %1 of %2 is %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sends heartbeats again after %2 of silence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clock of %1 is back within the allowed skew.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manager %1 on the same broker went offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learnt after the fact; it happened at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TraySummary</name>
    <message>
        <source>GCN manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Boards online: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Boards with a problem: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last event: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcn::BoardTableModel</name>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>silent for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>silent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clock skewed by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no sample yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 since %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 since %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not monitored)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 dBm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hardware: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last heartbeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skew</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSSI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free heap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcn::DesktopSender</name>
    <message>
        <source>desktop alerts are paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no system tray to show the alert</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcn::HistoryModel</name>
    <message>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcn::MainWindow</name>
    <message>
        <source>GCN manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Boards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter boards: alias, id, status, pin state…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All boards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Board:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last events:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcn::SettingsDialog</name>
    <message>
        <source>(not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GCN manager settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monitor only: desktop alerts, nothing sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full manager: also e-mail, SMS and X</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A monitor watches the same broker as a server instance without doubling its messages. A full manager sends the notifications configured in the environment and the .env file, like the service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desktop alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host name, address, or socket path with unix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP with TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebSocket with TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unix socket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leave empty to keep the stored password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the password stored in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is stored in the system keychain, never in a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system certificates only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lowest TLS version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Highest TLS version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show desktop alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events that pop up:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The value &apos;%1&apos; of --%2 is invalid: expected %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid setting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcn::TimelineView</name>
    <message>
        <source> h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Board:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No board seen yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pins and heartbeats of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>heartbeat gaps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>heartbeat gap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcn::TrayApplication</name>
    <message>
        <source>No system tray was found on this desktop, so the manager shows this window instead of a tray icon and cannot pop up desktop alerts. Closing the window quits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause desktop alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The manager cannot connect: %1 Open the settings to fix it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  The connection ended: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password could not be stored in the keychain, so it is used for this session only: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password could not be removed from the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  Settings changed; reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcn::TrayBackend</name>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected to %1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected to %1, subscribing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting to reconnect to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting to reconnect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopping</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gcn::TrayOptions</name>
    <message>
        <source>Usage: %1 [OPTIONS]

Desktop tray monitor of Gpio Change Notifier boards.

Options of the tray app:
  --mode monitor|full    monitor: show boards and desktop alerts only (default);
                         full: also send e-mail, SMS and X messages like the service
                         [env GCN_TRAY_MODE]
  --test-report PATH     rewrite PATH with the tooltip and the board table after each
                         change, for tests [env GCN_TRAY_TEST_REPORT]

The options of the service give the defaults of the settings dialog; settings saved
in the dialog win over the environment, and the command line wins over both.

</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
