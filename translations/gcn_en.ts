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
    <message>
        <source>%1: still offline</source>
        <translation>%1: still offline</translation>
    </message>
    <message>
        <source>%1: still silent</source>
        <translation>%1: still silent</translation>
    </message>
    <message>
        <source>%1: clock still skewed</source>
        <translation>%1: clock still skewed</translation>
    </message>
    <message>
        <source>unknown time</source>
        <translation>unknown time</translation>
    </message>
    <message>
        <source>Reminder: %1 is still offline, since %2 (%3).</source>
        <translation>Reminder: %1 is still offline, since %2 (%3).</translation>
    </message>
    <message>
        <source>Reminder: %1 has sent no heartbeat since %2 (%3).</source>
        <translation>Reminder: %1 has sent no heartbeat since %2 (%3).</translation>
    </message>
    <message>
        <source>Reminder: the clock of %1 is still %2 off the manager&apos;s clock, for %3.</source>
        <translation>Reminder: the clock of %1 is still %2 off the manager&apos;s clock, for %3.</translation>
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
    <name>gcn::NotificationText</name>
    <message>
        <source>unknown time</source>
        <translation>unknown time</translation>
    </message>
    <message numerus="yes">
        <source>%n day</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hours</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minutes</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n seconds</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ahead</source>
        <translation>%1 ahead</translation>
    </message>
    <message>
        <source>%1 behind</source>
        <translation>%1 behind</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Manager starting</source>
        <translation>Manager starting</translation>
    </message>
    <message>
        <source>Manager still connecting</source>
        <translation>Manager still connecting</translation>
    </message>
    <message>
        <source>Manager connected</source>
        <translation>Manager connected</translation>
    </message>
    <message>
        <source>Manager disconnected</source>
        <translation>Manager disconnected</translation>
    </message>
    <message>
        <source>Manager exiting</source>
        <translation>Manager exiting</translation>
    </message>
    <message>
        <source>Heartbeat skewed</source>
        <translation>Heartbeat skewed</translation>
    </message>
    <message>
        <source>Heartbeat missed</source>
        <translation>Heartbeat missed</translation>
    </message>
    <message>
        <source>Dropped items</source>
        <translation>Dropped items</translation>
    </message>
    <message>
        <source>Board online</source>
        <translation>Board online</translation>
    </message>
    <message>
        <source>Board offline</source>
        <translation>Board offline</translation>
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
        <source>Heartbeat resumed</source>
        <translation>Heartbeat resumed</translation>
    </message>
    <message>
        <source>Clock skew recovered</source>
        <translation>Clock skew recovered</translation>
    </message>
    <message>
        <source>Peer manager offline</source>
        <translation>Peer manager offline</translation>
    </message>
    <message>
        <source>Notification</source>
        <translation>Notification</translation>
    </message>
    <message>
        <source>Board %1</source>
        <translation>Board %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The manager</source>
        <translation>The manager</translation>
    </message>
    <message>
        <source>Manager %1</source>
        <translation>Manager %1</translation>
    </message>
    <message>
        <source>%1 is starting</source>
        <translation>%1 is starting</translation>
    </message>
    <message>
        <source>%1 is still not connected to the broker after %2</source>
        <translation>%1 is still not connected to the broker after %2</translation>
    </message>
    <message>
        <source>%1 is still not connected to the broker</source>
        <translation>%1 is still not connected to the broker</translation>
    </message>
    <message>
        <source>%1 connected to the broker</source>
        <translation>%1 connected to the broker</translation>
    </message>
    <message>
        <source>%1 lost its broker connection: %2</source>
        <translation>%1 lost its broker connection: %2</translation>
    </message>
    <message>
        <source>%1 lost its broker connection</source>
        <translation>%1 lost its broker connection</translation>
    </message>
    <message>
        <source>%1 is exiting after running for %2</source>
        <translation>%1 is exiting after running for %2</translation>
    </message>
    <message>
        <source>%1 is exiting</source>
        <translation>%1 is exiting</translation>
    </message>
    <message>
        <source>The clock of %1 is %2 ahead of the manager&apos;s</source>
        <translation>The clock of %1 is %2 ahead of the manager&apos;s</translation>
    </message>
    <message>
        <source>The clock of %1 is %2 behind the manager&apos;s</source>
        <translation>The clock of %1 is %2 behind the manager&apos;s</translation>
    </message>
    <message>
        <source>%1 is silent: no heartbeat for %2</source>
        <translation>%1 is silent: no heartbeat for %2</translation>
    </message>
    <message>
        <source>%1 dropped %2 GPIO changes (%3 since boot)</source>
        <translation>%1 dropped %2 GPIO changes (%3 since boot)</translation>
    </message>
    <message>
        <source>%1 dropped GPIO changes (%2 since boot)</source>
        <translation>%1 dropped GPIO changes (%2 since boot)</translation>
    </message>
    <message>
        <source>%1 is online again after %2 offline</source>
        <translation>%1 is online again after %2 offline</translation>
    </message>
    <message>
        <source>%1 is online</source>
        <translation>%1 is online</translation>
    </message>
    <message>
        <source>%1 is offline</source>
        <translation>%1 is offline</translation>
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
        <source>%1: %2 is %3 (pin %4 %5)</source>
        <translation>%1: %2 is %3 (pin %4 %5)</translation>
    </message>
    <message>
        <source>%1: %2 (pin %3) is %4</source>
        <translation>%1: %2 (pin %3) is %4</translation>
    </message>
    <message>
        <source>%1: pin %2 is %3 (%4)</source>
        <translation>%1: pin %2 is %3 (%4)</translation>
    </message>
    <message>
        <source>%1: pin %2 is %3</source>
        <translation>%1: pin %2 is %3</translation>
    </message>
    <message>
        <source>%1 sends heartbeats again after %2 of silence</source>
        <translation>%1 sends heartbeats again after %2 of silence</translation>
    </message>
    <message>
        <source>%1 sends heartbeats again</source>
        <translation>%1 sends heartbeats again</translation>
    </message>
    <message>
        <source>The clock of %1 is back within bounds (skew %2)</source>
        <translation>The clock of %1 is back within bounds (skew %2)</translation>
    </message>
    <message>
        <source>Manager %1 went offline</source>
        <translation>Manager %1 went offline</translation>
    </message>
    <message>
        <source>(unknown id)</source>
        <translation>(unknown id)</translation>
    </message>
    <message>
        <source>Event: %1</source>
        <translation>Event: %1</translation>
    </message>
    <message>
        <source>Board: %1</source>
        <translation>Board: %1</translation>
    </message>
    <message>
        <source>Peer manager: %1</source>
        <translation>Peer manager: %1</translation>
    </message>
    <message>
        <source>Reported by manager: %1</source>
        <translation>Reported by manager: %1</translation>
    </message>
    <message>
        <source>When: %1</source>
        <translation>When: %1</translation>
    </message>
    <message>
        <source>Pin: %1</source>
        <translation>Pin: %1</translation>
    </message>
    <message>
        <source>Pin: %1 (%2)</source>
        <translation>Pin: %1 (%2)</translation>
    </message>
    <message>
        <source>State: %1 (%2)</source>
        <translation>State: %1 (%2)</translation>
    </message>
    <message>
        <source>State: %1 (%2, %3)</source>
        <translation>State: %1 (%2, %3)</translation>
    </message>
    <message>
        <source>Time of the change on the board&apos;s clock: %1</source>
        <translation>Time of the change on the board&apos;s clock: %1</translation>
    </message>
    <message>
        <source>Skew of the board&apos;s clock: %1 (%2 s)</source>
        <translation>Skew of the board&apos;s clock: %1 (%2 s)</translation>
    </message>
    <message>
        <source>Silent for: %1 (%2 s)</source>
        <translation>Silent for: %1 (%2 s)</translation>
    </message>
    <message>
        <source>Offline for: %1 (%2 s)</source>
        <translation>Offline for: %1 (%2 s)</translation>
    </message>
    <message>
        <source>GPIO changes dropped since boot: %1</source>
        <translation>GPIO changes dropped since boot: %1</translation>
    </message>
    <message>
        <source>Previous count: %1</source>
        <translation>Previous count: %1</translation>
    </message>
    <message>
        <source>Running for: %1</source>
        <translation>Running for: %1</translation>
    </message>
    <message>
        <source>Last heartbeat on the board&apos;s clock: %1</source>
        <translation>Last heartbeat on the board&apos;s clock: %1</translation>
    </message>
    <message>
        <source>Detail: %1</source>
        <translation>Detail: %1</translation>
    </message>
    <message>
        <source>The manager learnt of this after it happened (from retained or stored state); the time above is when it happened.</source>
        <translation>The manager learnt of this after it happened (from retained or stored state); the time above is when it happened.</translation>
    </message>
    <message>
        <source>GCN: %1, earlier at %2</source>
        <translation>GCN: %1, earlier at %2</translation>
    </message>
    <message>
        <source>GCN: %1 at %2</source>
        <translation>GCN: %1 at %2</translation>
    </message>
    <message>
        <source>[GCN] %1: %2 - %3</source>
        <translation>[GCN] %1: %2 - %3</translation>
    </message>
    <message numerus="yes">
        <source>%n notifications</source>
        <translation>
            <numerusform>%n notification</numerusform>
            <numerusform>%n notifications</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notifications from %1 to %2, oldest first:</source>
        <translation>
            <numerusform>%n notification from %1 to %2, oldest first:</numerusform>
            <numerusform>%n notifications from %1 to %2, oldest first:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>- and %n more; run gcn-manager history to list them.</source>
        <translation>
            <numerusform>- and %n more; run gcn-manager history to list it.</numerusform>
            <numerusform>- and %n more; run gcn-manager history to list them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The details of %n later notifications are left out; run gcn-manager history to list them.</source>
        <translation>
            <numerusform>The details of %n later notification are left out; run gcn-manager history to list it.</numerusform>
            <numerusform>The details of %n later notifications are left out; run gcn-manager history to list them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>GCN: %n events from %1: </source>
        <translation>
            <numerusform>GCN: %n event from %1: </numerusform>
            <numerusform>GCN: %n events from %1: </numerusform>
        </translation>
    </message>
    <message>
        <source>; +%1 more</source>
        <translation>; +%1 more</translation>
    </message>
    <message numerus="yes">
        <source>GCN: %n events from %1 to %2</source>
        <translation>
            <numerusform>GCN: %n event from %1 to %2</numerusform>
            <numerusform>GCN: %n events from %1 to %2</numerusform>
        </translation>
    </message>
    <message>
        <source>e-mails</source>
        <translation>e-mails</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>X messages</source>
        <translation>X messages</translation>
    </message>
    <message>
        <source>desktop notifications</source>
        <translation>desktop notifications</translation>
    </message>
    <message>
        <source>[GCN] Notification limit reached: %1 %2 per 24 hours - %3</source>
        <translation>[GCN] Notification limit reached: %1 %2 per 24 hours - %3</translation>
    </message>
    <message>
        <source>The limit of %1 %2 per 24 hours to you was reached at %3.

Later notifications are held back, not lost: they will be sent to you as one digest when the limit allows, from %4 on.
</source>
        <translation>The limit of %1 %2 per 24 hours to you was reached at %3.

Later notifications are held back, not lost: they will be sent to you as one digest when the limit allows, from %4 on.
</translation>
    </message>
    <message>
        <source>GCN: limit of %1 %2 per 24 h reached. Later notifications are held back and sent as one digest from %3.</source>
        <translation>GCN: limit of %1 %2 per 24 h reached. Later notifications are held back and sent as one digest from %3.</translation>
    </message>
    <message>
        <source>Earlier notifications, newest first:</source>
        <translation>Earlier notifications, newest first:</translation>
    </message>
    <message numerus="yes">
        <source>%n older notifications are left out; run gcn-manager history to list them.</source>
        <translation>
            <numerusform>%n older notification is left out; run gcn-manager history to list it.</numerusform>
            <numerusform>%n older notifications are left out; run gcn-manager history to list them.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reminder: %1</source>
        <translation>Reminder: %1</translation>
    </message>
    <message>
        <source>%1 is still offline, since %2 (%3)</source>
        <translation>%1 is still offline, since %2 (%3)</translation>
    </message>
    <message>
        <source>%1 is still silent: no heartbeat since %2 (%3)</source>
        <translation>%1 is still silent: no heartbeat since %2 (%3)</translation>
    </message>
    <message>
        <source>The clock of %1 is still %2 ahead, for %3</source>
        <translation>The clock of %1 is still %2 ahead, for %3</translation>
    </message>
    <message>
        <source>The clock of %1 is still %2 behind, for %3</source>
        <translation>The clock of %1 is still %2 behind, for %3</translation>
    </message>
    <message>
        <source>%1: still %2, since %3 (%4)</source>
        <translation>%1: still %2, since %3 (%4)</translation>
    </message>
    <message>
        <source>Problem since: %1</source>
        <translation>Problem since: %1</translation>
    </message>
    <message>
        <source>Lasting for: %1 (%2 s)</source>
        <translation>Lasting for: %1 (%2 s)</translation>
    </message>
    <message>
        <source>This is a reminder: the problem was notified before and lasts. Another reminder follows after each repeat interval until it ends.</source>
        <translation>This is a reminder: the problem was notified before and lasts. Another reminder follows after each repeat interval until it ends.</translation>
    </message>
    <message>
        <source>GCN reminder: %1 at %2</source>
        <translation>GCN reminder: %1 at %2</translation>
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
