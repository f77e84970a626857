<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>EventText</name>
    <message>
        <source>up</source>
        <translation>up</translation>
    </message>
    <message>
        <source>down</source>
        <translation>down</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>manager starting</source>
        <translation>manager starting</translation>
    </message>
    <message>
        <source>manager still connecting</source>
        <translation>manager still connecting</translation>
    </message>
    <message>
        <source>manager connected</source>
        <translation>manager connected</translation>
    </message>
    <message>
        <source>manager disconnected</source>
        <translation>manager disconnected</translation>
    </message>
    <message>
        <source>manager exiting</source>
        <translation>manager exiting</translation>
    </message>
    <message>
        <source>clock skewed</source>
        <translation>clock skewed</translation>
    </message>
    <message>
        <source>heartbeat missed</source>
        <translation>heartbeat missed</translation>
    </message>
    <message>
        <source>dropped items</source>
        <translation>dropped items</translation>
    </message>
    <message>
        <source>board online</source>
        <translation>board online</translation>
    </message>
    <message>
        <source>board offline</source>
        <translation>board offline</translation>
    </message>
    <message>
        <source>GPIO up</source>
        <translation>GPIO up</translation>
    </message>
    <message>
        <source>GPIO down</source>
        <translation>GPIO down</translation>
    </message>
    <message>
        <source>heartbeat resumed</source>
        <translation>heartbeat resumed</translation>
    </message>
    <message>
        <source>clock back in bounds</source>
        <translation>clock back in bounds</translation>
    </message>
    <message>
        <source>other manager offline</source>
        <translation>other manager offline</translation>
    </message>
    <message>
        <source>Manager starting</source>
        <translation>Manager starting</translation>
    </message>
    <message>
        <source>Still connecting to the broker</source>
        <translation>Still connecting to the broker</translation>
    </message>
    <message>
        <source>Connected to the broker</source>
        <translation>Connected to the broker</translation>
    </message>
    <message>
        <source>Disconnected from the broker</source>
        <translation>Disconnected from the broker</translation>
    </message>
    <message>
        <source>Manager exiting</source>
        <translation>Manager exiting</translation>
    </message>
    <message>
        <source>%1: clock skewed</source>
        <translation>%1: clock skewed</translation>
    </message>
    <message>
        <source>%1: heartbeat missed</source>
        <translation>%1: heartbeat missed</translation>
    </message>
    <message>
        <source>%1: dropped items</source>
        <translation>%1: dropped items</translation>
    </message>
    <message>
        <source>%1: online</source>
        <translation>%1: online</translation>
    </message>
    <message>
        <source>%1: offline</source>
        <translation>%1: offline</translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation>%1: %2 %3</translation>
    </message>
    <message>
        <source>%1: heartbeat resumed</source>
        <translation>%1: heartbeat resumed</translation>
    </message>
    <message>
        <source>%1: clock back in bounds</source>
        <translation>%1: clock back in bounds</translation>
    </message>
    <message>
        <source>Manager %1 offline</source>
        <translation>Manager %1 offline</translation>
    </message>
    <message>
        <source>Manager %1 is starting.</source>
        <translation>Manager %1 is starting.</translation>
    </message>
    <message>
        <source>Manager %1 has not reached the broker for %2.</source>
        <translation>Manager %1 has not reached the broker for %2.</translation>
    </message>
    <message>
        <source>Manager %1 is connected to the broker.</source>
        <translation>Manager %1 is connected to the broker.</translation>
    </message>
    <message>
        <source>Manager %1 lost the broker: %2</source>
        <translation>Manager %1 lost the broker: %2</translation>
    </message>
    <message>
        <source>Manager %1 is exiting after %2.</source>
        <translation>Manager %1 is exiting after %2.</translation>
    </message>
    <message>
        <source>The clock of %1 is %2 off the manager&apos;s clock.</source>
        <translation>The clock of %1 is %2 off the manager&apos;s clock.</translation>
    </message>
    <message>
        <source>%1 has sent no heartbeat for %2.</source>
        <translation>%1 has sent no heartbeat for %2.</translation>
    </message>
    <message>
        <source>%1 had to drop GPIO changes: %2 in total since it started.</source>
        <translation>%1 had to drop GPIO changes: %2 in total since it started.</translation>
    </message>
    <message>
        <source>%1 is online again after %2 offline.</source>
        <translation>%1 is online again after %2 offline.</translation>
    </message>
    <message>
        <source>%1 is online.</source>
        <translation>%1 is online.</translation>
    </message>
    <message>
        <source>%1 is offline.</source>
        <translation>%1 is offline.</translation>
    </message>
    <message>
        <source>Pin %1 of %2 is %3.</source>
        <translation>Pin %1 of %2 is %3.</translation>
    </message>
    <message>
        <source>%1 sends heartbeats again after %2 of silence.</source>
        <translation>%1 sends heartbeats again after %2 of silence.</translation>
    </message>
    <message>
        <source>The clock of %1 is back within the allowed skew.</source>
        <translation>The clock of %1 is back within the allowed skew.</translation>
    </message>
    <message>
        <source>Manager %1 on the same broker went offline.</source>
        <translation>Manager %1 on the same broker went offline.</translation>
    </message>
    <message>
        <source>Learnt after the fact; it happened at %1.</source>
        <translation>Learnt after the fact; it happened at %1.</translation>
    </message>
    <message>
        <source>At %1.</source>
        <translation>At %1.</translation>
    </message>
</context>
<context>
    <name>TraySummary</name>
    <message>
        <source>GCN manager</source>
        <translation>GCN manager</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Not connected: %1</translation>
    </message>
    <message>
        <source>Boards online: %1 of %2</source>
        <translation>Boards online: %1 of %2</translation>
    </message>
    <message>
        <source>Boards with a problem: %1</source>
        <translation>Boards with a problem: %1</translation>
    </message>
    <message>
        <source>No problem</source>
        <translation>No problem</translation>
    </message>
    <message>
        <source>Last event: %1 (%2)</source>
        <translation>Last event: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>gcn::BoardTableModel</name>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>silent for %1</source>
        <translation>silent for %1</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>silent</translation>
    </message>
    <message>
        <source>clock skewed by %1</source>
        <translation>clock skewed by %1</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>no sample yet</source>
        <translation>no sample yet</translation>
    </message>
    <message>
        <source>up</source>
        <translation>up</translation>
    </message>
    <message>
        <source>down</source>
        <translation>down</translation>
    </message>
    <message>
        <source>%1 since %2</source>
        <translation>%1 since %2</translation>
    </message>
    <message>
        <source>%1 %2 since %3</source>
        <translation>%1 %2 since %3</translation>
    </message>
    <message>
        <source>(not monitored)</source>
        <translation>(not monitored)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>%1 ago</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 dBm</source>
        <translation>%1 dBm</translation>
    </message>
    <message>
        <source>Hardware: %1</source>
        <translation>Hardware: %1</translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation>Address: %1</translation>
    </message>
    <message>
        <source>First seen: %1</source>
        <translation>First seen: %1</translation>
    </message>
    <message>
        <source>No problem</source>
        <translation>No problem</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Board</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last heartbeat</source>
        <translation>Last heartbeat</translation>
    </message>
    <message>
        <source>Skew</source>
        <translation>Skew</translation>
    </message>
    <message>
        <source>RSSI</source>
        <translation>RSSI</translation>
    </message>
    <message>
        <source>Free heap</source>
        <translation>Free heap</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Uptime</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Dropped</translation>
    </message>
</context>
<context>
    <name>gcn::DesktopSender</name>
    <message>
        <source>not shown: desktop alerts are paused</source>
        <translation>not shown: desktop alerts are paused</translation>
    </message>
    <message>
        <source>no system tray to show the alert</source>
        <translation>no system tray to show the alert</translation>
    </message>
</context>
<context>
    <name>gcn::HistoryModel</name>
    <message>
        <source>this desktop</source>
        <translation>this desktop</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pending</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>delivered</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>X</source>
        <translation>X</translation>
    </message>
    <message>
        <source>desktop</source>
        <translation>desktop</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Board</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
</context>
<context>
    <name>gcn::MainWindow</name>
    <message>
        <source>GCN manager</source>
        <translation>GCN manager</translation>
    </message>
    <message>
        <source>Boards</source>
        <translation>Boards</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connection</translation>
    </message>
    <message>
        <source>&amp;Manager</source>
        <translation>&amp;Manager</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Starting</translation>
    </message>
    <message>
        <source>Filter boards: alias, id, status, pin state…</source>
        <translation>Filter boards: alias, id, status, pin state…</translation>
    </message>
    <message>
        <source>All boards</source>
        <translation>All boards</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>All results</translation>
    </message>
    <message>
        <source>Board:</source>
        <translation>Board:</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>Result:</translation>
    </message>
    <message>
        <source>Last events:</source>
        <translation>Last events:</translation>
    </message>
    <message>
        <source>Broker: %1</source>
        <translation>Broker: %1</translation>
    </message>
</context>
<context>
    <name>gcn::SettingsDialog</name>
    <message>
        <source>(not set)</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>GCN manager settings</source>
        <translation>GCN manager settings</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>Broker</translation>
    </message>
    <message>
        <source>Monitor only: desktop alerts, nothing sent</source>
        <translation>Monitor only: desktop alerts, nothing sent</translation>
    </message>
    <message>
        <source>Full manager: also e-mail, SMS and X</source>
        <translation>Full manager: also e-mail, SMS and X</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>Mode:</translation>
    </message>
    <message>
        <source>A monitor watches the same broker as a server instance without doubling its messages. A full manager sends the notifications configured in the environment and the .env file, like the service.</source>
        <translation>A monitor watches the same broker as a server instance without doubling its messages. A full manager sends the notifications configured in the environment and the .env file, like the service.</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Desktop alerts</source>
        <translation>Desktop alerts</translation>
    </message>
    <message>
        <source>host name, address, or socket path with unix</source>
        <translation>host name, address, or socket path with unix</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Host:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>TCP with TLS</source>
        <translation>TCP with TLS</translation>
    </message>
    <message>
        <source>WebSocket with TLS</source>
        <translation>WebSocket with TLS</translation>
    </message>
    <message>
        <source>Unix socket</source>
        <translation>Unix socket</translation>
    </message>
    <message>
        <source>Transport:</source>
        <translation>Transport:</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>leave empty to keep the stored password</source>
        <translation>leave empty to keep the stored password</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>Remove the password stored in the keychain</source>
        <translation>Remove the password stored in the keychain</translation>
    </message>
    <message>
        <source>The password is stored in the system keychain, never in a file.</source>
        <translation>The password is stored in the system keychain, never in a file.</translation>
    </message>
    <message>
        <source>system certificates only</source>
        <translation>system certificates only</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>CA file:</source>
        <translation>CA file:</translation>
    </message>
    <message>
        <source>Lowest TLS version:</source>
        <translation>Lowest TLS version:</translation>
    </message>
    <message>
        <source>Highest TLS version:</source>
        <translation>Highest TLS version:</translation>
    </message>
    <message>
        <source>Show desktop alerts</source>
        <translation>Show desktop alerts</translation>
    </message>
    <message>
        <source>Events that pop up:</source>
        <translation>Events that pop up:</translation>
    </message>
    <message>
        <source>CA certificates</source>
        <translation>CA certificates</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM certificates (*.pem *.crt);;All files (*)</translation>
    </message>
    <message>
        <source>The value &apos;%1&apos; of --%2 is invalid: expected %3.</source>
        <translation>The value &apos;%1&apos; of --%2 is invalid: expected %3.</translation>
    </message>
    <message>
        <source>Invalid setting</source>
        <translation>Invalid setting</translation>
    </message>
</context>
<context>
    <name>gcn::TimelineView</name>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>Board:</source>
        <translation>Board:</translation>
    </message>
    <message>
        <source>Last:</source>
        <translation>Last:</translation>
    </message>
    <message>
        <source>No board seen yet</source>
        <translation>No board seen yet</translation>
    </message>
    <message>
        <source>Pins and heartbeats of %1</source>
        <translation>Pins and heartbeats of %1</translation>
    </message>
    <message>
        <source>heartbeat gaps</source>
        <translation>heartbeat gaps</translation>
    </message>
    <message>
        <source>heartbeat gap</source>
        <translation>heartbeat gap</translation>
    </message>
    <message>
        <source>down</source>
        <translation>down</translation>
    </message>
    <message>
        <source>up</source>
        <translation>up</translation>
    </message>
</context>
<context>
    <name>gcn::TrayApplication</name>
    <message>
        <source>No system tray was found on this desktop, so the manager shows this window instead of a tray icon and cannot pop up desktop alerts. Closing the window quits.</source>
        <translation>No system tray was found on this desktop, so the manager shows this window instead of a tray icon and cannot pop up desktop alerts. Closing the window quits.</translation>
    </message>
    <message>
        <source>Open window</source>
        <translation>Open window</translation>
    </message>
    <message>
        <source>Pause desktop alerts</source>
        <translation>Pause desktop alerts</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>The keychain could not be read: %1</source>
        <translation>The keychain could not be read: %1</translation>
    </message>
    <message>
        <source>%1  The connection ended: %2</source>
        <translation>%1  The connection ended: %2</translation>
    </message>
    <message>
        <source>Keychain</source>
        <translation>Keychain</translation>
    </message>
    <message>
        <source>The password could not be stored in the keychain, so it is used for this session only: %1</source>
        <translation>The password could not be stored in the keychain, so it is used for this session only: %1</translation>
    </message>
    <message>
        <source>The password could not be removed from the keychain: %1</source>
        <translation>The password could not be removed from the keychain: %1</translation>
    </message>
    <message>
        <source>%1  Settings changed; reconnecting.</source>
        <translation>%1  Settings changed; reconnecting.</translation>
    </message>
    <message>
        <source>The manager cannot connect: %1
Open the settings to fix it.</source>
        <translation>The manager cannot connect: %1
Open the settings to fix it.</translation>
    </message>
</context>
<context>
    <name>gcn::TrayBackend</name>
    <message>
        <source>stopped</source>
        <translation>stopped</translation>
    </message>
    <message>
        <source>stopped: %1</source>
        <translation>stopped: %1</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>starting</translation>
    </message>
    <message>
        <source>connecting to %1</source>
        <translation>connecting to %1</translation>
    </message>
    <message>
        <source>connected to %1 as %2</source>
        <translation>connected to %1 as %2</translation>
    </message>
    <message>
        <source>connected to %1, subscribing</source>
        <translation>connected to %1, subscribing</translation>
    </message>
    <message>
        <source>waiting to reconnect to %1</source>
        <translation>waiting to reconnect to %1</translation>
    </message>
    <message>
        <source>waiting to reconnect to %1: %2</source>
        <translation>waiting to reconnect to %1: %2</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>stopping</translation>
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
  --open-window          show the window at start-up, not only the tray icon
                         [env GCN_TRAY_OPEN_WINDOW]
  --test-report PATH     rewrite PATH with the tooltip and the board table after each
                         change, for tests [env GCN_TRAY_TEST_REPORT]

The options of the service give the defaults of the settings dialog; settings saved
in the dialog win over the environment, and the command line wins over both.

</source>
        <translation>Usage: %1 [OPTIONS]

Desktop tray monitor of Gpio Change Notifier boards.

Options of the tray app:
  --mode monitor|full    monitor: show boards and desktop alerts only (default);
                         full: also send e-mail, SMS and X messages like the service
                         [env GCN_TRAY_MODE]
  --open-window          show the window at start-up, not only the tray icon
                         [env GCN_TRAY_OPEN_WINDOW]
  --test-report PATH     rewrite PATH with the tooltip and the board table after each
                         change, for tests [env GCN_TRAY_TEST_REPORT]

The options of the service give the defaults of the settings dialog; settings saved
in the dialog win over the environment, and the command line wins over both.

</translation>
    </message>
</context>
</TS>
