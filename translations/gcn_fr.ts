<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>EventText</name>
    <message>
        <source>up</source>
        <translation>haut</translation>
    </message>
    <message>
        <source>down</source>
        <translation>bas</translation>
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
        <translation>%1 j</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 j %2 h</translation>
    </message>
    <message>
        <source>manager starting</source>
        <translation>démarrage du gestionnaire</translation>
    </message>
    <message>
        <source>manager still connecting</source>
        <translation>gestionnaire toujours en connexion</translation>
    </message>
    <message>
        <source>manager connected</source>
        <translation>gestionnaire connecté</translation>
    </message>
    <message>
        <source>manager disconnected</source>
        <translation>gestionnaire déconnecté</translation>
    </message>
    <message>
        <source>manager exiting</source>
        <translation>arrêt du gestionnaire</translation>
    </message>
    <message>
        <source>clock skewed</source>
        <translation>horloge décalée</translation>
    </message>
    <message>
        <source>heartbeat missed</source>
        <translation>battement manqué</translation>
    </message>
    <message>
        <source>dropped items</source>
        <translation>éléments perdus</translation>
    </message>
    <message>
        <source>board online</source>
        <translation>carte en ligne</translation>
    </message>
    <message>
        <source>board offline</source>
        <translation>carte hors ligne</translation>
    </message>
    <message>
        <source>GPIO up</source>
        <translation>GPIO haut</translation>
    </message>
    <message>
        <source>GPIO down</source>
        <translation>GPIO bas</translation>
    </message>
    <message>
        <source>heartbeat resumed</source>
        <translation>battements repris</translation>
    </message>
    <message>
        <source>clock back in bounds</source>
        <translation>horloge de nouveau à l’heure</translation>
    </message>
    <message>
        <source>other manager offline</source>
        <translation>autre gestionnaire hors ligne</translation>
    </message>
    <message>
        <source>Manager starting</source>
        <translation>Démarrage du gestionnaire</translation>
    </message>
    <message>
        <source>Still connecting to the broker</source>
        <translation>Toujours en connexion au broker</translation>
    </message>
    <message>
        <source>Connected to the broker</source>
        <translation>Connecté au broker</translation>
    </message>
    <message>
        <source>Disconnected from the broker</source>
        <translation>Déconnecté du broker</translation>
    </message>
    <message>
        <source>Manager exiting</source>
        <translation>Arrêt du gestionnaire</translation>
    </message>
    <message>
        <source>%1: clock skewed</source>
        <translation>%1 : horloge décalée</translation>
    </message>
    <message>
        <source>%1: heartbeat missed</source>
        <translation>%1 : battement manqué</translation>
    </message>
    <message>
        <source>%1: dropped items</source>
        <translation>%1 : éléments perdus</translation>
    </message>
    <message>
        <source>%1: online</source>
        <translation>%1 : en ligne</translation>
    </message>
    <message>
        <source>%1: offline</source>
        <translation>%1 : hors ligne</translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation>%1 : %2 %3</translation>
    </message>
    <message>
        <source>%1: heartbeat resumed</source>
        <translation>%1 : battements repris</translation>
    </message>
    <message>
        <source>%1: clock back in bounds</source>
        <translation>%1 : horloge de nouveau à l’heure</translation>
    </message>
    <message>
        <source>Manager %1 offline</source>
        <translation>Gestionnaire %1 hors ligne</translation>
    </message>
    <message>
        <source>Manager %1 is starting.</source>
        <translation>Le gestionnaire %1 démarre.</translation>
    </message>
    <message>
        <source>Manager %1 has not reached the broker for %2.</source>
        <translation>Le gestionnaire %1 n’a pas pu joindre le broker depuis %2.</translation>
    </message>
    <message>
        <source>Manager %1 is connected to the broker.</source>
        <translation>Le gestionnaire %1 est connecté au broker.</translation>
    </message>
    <message>
        <source>Manager %1 lost the broker: %2</source>
        <translation>Le gestionnaire %1 a perdu le broker : %2</translation>
    </message>
    <message>
        <source>Manager %1 is exiting after %2.</source>
        <translation>Le gestionnaire %1 s’arrête après %2.</translation>
    </message>
    <message>
        <source>The clock of %1 is %2 off the manager&apos;s clock.</source>
        <translation>L’horloge de %1 a %2 d’écart avec celle du gestionnaire.</translation>
    </message>
    <message>
        <source>%1 has sent no heartbeat for %2.</source>
        <translation>%1 n’a envoyé aucun battement depuis %2.</translation>
    </message>
    <message>
        <source>%1 had to drop GPIO changes: %2 in total since it started.</source>
        <translation>%1 a dû abandonner des changements de GPIO : %2 au total depuis son démarrage.</translation>
    </message>
    <message>
        <source>%1 is online again after %2 offline.</source>
        <translation>%1 est de nouveau en ligne après %2 hors ligne.</translation>
    </message>
    <message>
        <source>%1 is online.</source>
        <translation>%1 est en ligne.</translation>
    </message>
    <message>
        <source>%1 is offline.</source>
        <translation>%1 est hors ligne.</translation>
    </message>
    <message>
        <source>Pin %1 of %2 is %3.</source>
        <translation>La broche %1 de %2 est %3.</translation>
    </message>
    <message>
        <source>%1 sends heartbeats again after %2 of silence.</source>
        <translation>%1 envoie de nouveau des battements après %2 de silence.</translation>
    </message>
    <message>
        <source>The clock of %1 is back within the allowed skew.</source>
        <translation>L’horloge de %1 est revenue dans l’écart permis.</translation>
    </message>
    <message>
        <source>Manager %1 on the same broker went offline.</source>
        <translation>Le gestionnaire %1 du même broker est passé hors ligne.</translation>
    </message>
    <message>
        <source>Learnt after the fact; it happened at %1.</source>
        <translation>Appris après coup ; c’est arrivé le %1.</translation>
    </message>
    <message>
        <source>At %1.</source>
        <translation>Le %1.</translation>
    </message>
    <message>
        <source>%1: still offline</source>
        <translation>%1 : toujours hors ligne</translation>
    </message>
    <message>
        <source>%1: still silent</source>
        <translation>%1 : toujours silencieuse</translation>
    </message>
    <message>
        <source>%1: clock still skewed</source>
        <translation>%1 : horloge toujours décalée</translation>
    </message>
    <message>
        <source>unknown time</source>
        <translation>heure inconnue</translation>
    </message>
    <message>
        <source>Reminder: %1 is still offline, since %2 (%3).</source>
        <translation>Rappel : %1 est toujours hors ligne, depuis le %2 (%3).</translation>
    </message>
    <message>
        <source>Reminder: %1 has sent no heartbeat since %2 (%3).</source>
        <translation>Rappel : %1 n’a envoyé aucun battement depuis le %2 (%3).</translation>
    </message>
    <message>
        <source>Reminder: the clock of %1 is still %2 off the manager&apos;s clock, for %3.</source>
        <translation>Rappel : l’horloge de %1 a toujours %2 d’écart avec celle du gestionnaire, depuis %3.</translation>
    </message>
</context>
<context>
    <name>TraySummary</name>
    <message>
        <source>GCN manager</source>
        <translation>Gestionnaire GCN</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Non connecté : %1</translation>
    </message>
    <message>
        <source>Boards online: %1 of %2</source>
        <translation>Cartes en ligne : %1 sur %2</translation>
    </message>
    <message>
        <source>Boards with a problem: %1</source>
        <translation>Cartes en difficulté : %1</translation>
    </message>
    <message>
        <source>No problem</source>
        <translation>Aucun problème</translation>
    </message>
    <message>
        <source>Last event: %1 (%2)</source>
        <translation>Dernier événement : %1 (%2)</translation>
    </message>
</context>
<context>
    <name>gcn::BoardTableModel</name>
    <message>
        <source>offline</source>
        <translation>hors ligne</translation>
    </message>
    <message>
        <source>silent for %1</source>
        <translation>muette depuis %1</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>muette</translation>
    </message>
    <message>
        <source>clock skewed by %1</source>
        <translation>horloge décalée de %1</translation>
    </message>
    <message>
        <source>online</source>
        <translation>en ligne</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>no sample yet</source>
        <translation>pas encore de mesure</translation>
    </message>
    <message>
        <source>up</source>
        <translation>haut</translation>
    </message>
    <message>
        <source>down</source>
        <translation>bas</translation>
    </message>
    <message>
        <source>%1 since %2</source>
        <translation>%1 depuis %2</translation>
    </message>
    <message>
        <source>%1 %2 since %3</source>
        <translation>%1 %2 depuis %3</translation>
    </message>
    <message>
        <source>(not monitored)</source>
        <translation>(non surveillée)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>il y a %1</translation>
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
        <translation>Matériel : %1</translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation>Adresse : %1</translation>
    </message>
    <message>
        <source>First seen: %1</source>
        <translation>Vue pour la première fois : %1</translation>
    </message>
    <message>
        <source>No problem</source>
        <translation>Aucun problème</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Last heartbeat</source>
        <translation>Dernier battement</translation>
    </message>
    <message>
        <source>Skew</source>
        <translation>Décalage</translation>
    </message>
    <message>
        <source>RSSI</source>
        <translation>RSSI</translation>
    </message>
    <message>
        <source>Free heap</source>
        <translation>Tas libre</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Temps de fonctionnement</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Perdus</translation>
    </message>
</context>
<context>
    <name>gcn::DesktopSender</name>
    <message>
        <source>not shown: desktop alerts are paused</source>
        <translation>non affichée : les alertes du bureau sont en pause</translation>
    </message>
    <message>
        <source>no system tray to show the alert</source>
        <translation>pas de zone de notification pour afficher l’alerte</translation>
    </message>
</context>
<context>
    <name>gcn::HistoryModel</name>
    <message>
        <source>this desktop</source>
        <translation>ce bureau</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>remis</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
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
        <translation>bureau</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Destinataire</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
</context>
<context>
    <name>gcn::MainWindow</name>
    <message>
        <source>GCN manager</source>
        <translation>Gestionnaire GCN</translation>
    </message>
    <message>
        <source>Boards</source>
        <translation>Cartes</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Chronologie</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>&amp;Manager</source>
        <translation>&amp;Gestionnaire</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <source>Filter boards: alias, id, status, pin state…</source>
        <translation>Filtrer les cartes : alias, identifiant, état, état des broches…</translation>
    </message>
    <message>
        <source>All boards</source>
        <translation>Toutes les cartes</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>Tous les résultats</translation>
    </message>
    <message>
        <source>Board:</source>
        <translation>Carte :</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>Résultat :</translation>
    </message>
    <message>
        <source>Last events:</source>
        <translation>Derniers événements :</translation>
    </message>
    <message>
        <source>Broker: %1</source>
        <translation>Broker : %1</translation>
    </message>
</context>
<context>
    <name>gcn::NotificationText</name>
    <message>
        <source>unknown time</source>
        <translation>heure inconnue</translation>
    </message>
    <message numerus="yes">
        <source>%n day</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour</source>
        <translation>
            <numerusform>%n heure</numerusform>
            <numerusform>%n heures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hours</source>
        <translation>
            <numerusform>%n heure</numerusform>
            <numerusform>%n heures</numerusform>
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
            <numerusform>%n seconde</numerusform>
            <numerusform>%n secondes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n seconds</source>
        <translation>
            <numerusform>%n seconde</numerusform>
            <numerusform>%n secondes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ahead</source>
        <translation>%1 en avance</translation>
    </message>
    <message>
        <source>%1 behind</source>
        <translation>%1 en retard</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>Manager starting</source>
        <translation>Démarrage du gestionnaire</translation>
    </message>
    <message>
        <source>Manager still connecting</source>
        <translation>Gestionnaire toujours en connexion</translation>
    </message>
    <message>
        <source>Manager connected</source>
        <translation>Gestionnaire connecté</translation>
    </message>
    <message>
        <source>Manager disconnected</source>
        <translation>Gestionnaire déconnecté</translation>
    </message>
    <message>
        <source>Manager exiting</source>
        <translation>Arrêt du gestionnaire</translation>
    </message>
    <message>
        <source>Heartbeat skewed</source>
        <translation>Horloge décalée</translation>
    </message>
    <message>
        <source>Heartbeat missed</source>
        <translation>Battement manqué</translation>
    </message>
    <message>
        <source>Dropped items</source>
        <translation>Éléments perdus</translation>
    </message>
    <message>
        <source>Board online</source>
        <translation>Carte en ligne</translation>
    </message>
    <message>
        <source>Board offline</source>
        <translation>Carte hors ligne</translation>
    </message>
    <message>
        <source>GPIO up</source>
        <translation>GPIO haut</translation>
    </message>
    <message>
        <source>GPIO down</source>
        <translation>GPIO bas</translation>
    </message>
    <message>
        <source>Heartbeat resumed</source>
        <translation>Battements repris</translation>
    </message>
    <message>
        <source>Clock skew recovered</source>
        <translation>Horloge de nouveau à l’heure</translation>
    </message>
    <message>
        <source>Peer manager offline</source>
        <translation>Autre gestionnaire hors ligne</translation>
    </message>
    <message>
        <source>Notification</source>
        <translation>Notification</translation>
    </message>
    <message>
        <source>Board %1</source>
        <translation>Carte %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The manager</source>
        <translation>Le gestionnaire</translation>
    </message>
    <message>
        <source>Manager %1</source>
        <translation>Le gestionnaire %1</translation>
    </message>
    <message>
        <source>%1 is starting</source>
        <translation>%1 démarre</translation>
    </message>
    <message>
        <source>%1 is still not connected to the broker after %2</source>
        <translation>%1 n’est toujours pas connecté au broker après %2</translation>
    </message>
    <message>
        <source>%1 is still not connected to the broker</source>
        <translation>%1 n’est toujours pas connecté au broker</translation>
    </message>
    <message>
        <source>%1 connected to the broker</source>
        <translation>%1 s’est connecté au broker</translation>
    </message>
    <message>
        <source>%1 lost its broker connection: %2</source>
        <translation>%1 a perdu sa connexion au broker : %2</translation>
    </message>
    <message>
        <source>%1 lost its broker connection</source>
        <translation>%1 a perdu sa connexion au broker</translation>
    </message>
    <message>
        <source>%1 is exiting after running for %2</source>
        <translation>%1 s’arrête après %2 de fonctionnement</translation>
    </message>
    <message>
        <source>%1 is exiting</source>
        <translation>%1 s’arrête</translation>
    </message>
    <message>
        <source>The clock of %1 is %2 ahead of the manager&apos;s</source>
        <translation>L’horloge de %1 avance de %2 sur celle du gestionnaire</translation>
    </message>
    <message>
        <source>The clock of %1 is %2 behind the manager&apos;s</source>
        <translation>L’horloge de %1 retarde de %2 sur celle du gestionnaire</translation>
    </message>
    <message>
        <source>%1 is silent: no heartbeat for %2</source>
        <translation>%1 ne donne plus signe de vie : aucun battement depuis %2</translation>
    </message>
    <message>
        <source>%1 dropped %2 GPIO changes (%3 since boot)</source>
        <translation>%1 a perdu %2 changements de GPIO (%3 depuis le démarrage)</translation>
    </message>
    <message>
        <source>%1 dropped GPIO changes (%2 since boot)</source>
        <translation>%1 a perdu des changements de GPIO (%2 depuis le démarrage)</translation>
    </message>
    <message>
        <source>%1 is online again after %2 offline</source>
        <translation>%1 est de nouveau en ligne après %2 hors ligne</translation>
    </message>
    <message>
        <source>%1 is online</source>
        <translation>%1 est en ligne</translation>
    </message>
    <message>
        <source>%1 is offline</source>
        <translation>%1 est hors ligne</translation>
    </message>
    <message>
        <source>up</source>
        <translation>haut</translation>
    </message>
    <message>
        <source>down</source>
        <translation>bas</translation>
    </message>
    <message>
        <source>%1: %2 is %3 (pin %4 %5)</source>
        <translation>%1 : %2 est %3 (broche %4 à l’état %5)</translation>
    </message>
    <message>
        <source>%1: %2 (pin %3) is %4</source>
        <translation>%1 : %2 (broche %3) est à l’état %4</translation>
    </message>
    <message>
        <source>%1: pin %2 is %3 (%4)</source>
        <translation>%1 : la broche %2 est %3 (%4)</translation>
    </message>
    <message>
        <source>%1: pin %2 is %3</source>
        <translation>%1 : la broche %2 est à l’état %3</translation>
    </message>
    <message>
        <source>%1 sends heartbeats again after %2 of silence</source>
        <translation>%1 envoie de nouveau des battements après %2 de silence</translation>
    </message>
    <message>
        <source>%1 sends heartbeats again</source>
        <translation>%1 envoie de nouveau des battements</translation>
    </message>
    <message>
        <source>The clock of %1 is back within bounds (skew %2)</source>
        <translation>L’horloge de %1 est revenue dans les limites (décalage : %2)</translation>
    </message>
    <message>
        <source>Manager %1 went offline</source>
        <translation>Le gestionnaire %1 est passé hors ligne</translation>
    </message>
    <message>
        <source>(unknown id)</source>
        <translation>(identifiant inconnu)</translation>
    </message>
    <message>
        <source>Event: %1</source>
        <translation>Événement : %1</translation>
    </message>
    <message>
        <source>Board: %1</source>
        <translation>Carte : %1</translation>
    </message>
    <message>
        <source>Peer manager: %1</source>
        <translation>Autre gestionnaire : %1</translation>
    </message>
    <message>
        <source>Reported by manager: %1</source>
        <translation>Signalé par le gestionnaire : %1</translation>
    </message>
    <message>
        <source>When: %1</source>
        <translation>Date : %1</translation>
    </message>
    <message>
        <source>Pin: %1</source>
        <translation>Broche : %1</translation>
    </message>
    <message>
        <source>Pin: %1 (%2)</source>
        <translation>Broche : %1 (%2)</translation>
    </message>
    <message>
        <source>State: %1 (%2)</source>
        <translation>État : %1 (%2)</translation>
    </message>
    <message>
        <source>State: %1 (%2, %3)</source>
        <translation>État : %1 (%2, %3)</translation>
    </message>
    <message>
        <source>Time of the change on the board&apos;s clock: %1</source>
        <translation>Heure du changement selon l’horloge de la carte : %1</translation>
    </message>
    <message>
        <source>Skew of the board&apos;s clock: %1 (%2 s)</source>
        <translation>Décalage de l’horloge de la carte : %1 (%2 s)</translation>
    </message>
    <message>
        <source>Silent for: %1 (%2 s)</source>
        <translation>Durée du silence : %1 (%2 s)</translation>
    </message>
    <message>
        <source>Offline for: %1 (%2 s)</source>
        <translation>Durée hors ligne : %1 (%2 s)</translation>
    </message>
    <message>
        <source>GPIO changes dropped since boot: %1</source>
        <translation>Changements de GPIO perdus depuis le démarrage : %1</translation>
    </message>
    <message>
        <source>Previous count: %1</source>
        <translation>Décompte précédent : %1</translation>
    </message>
    <message>
        <source>Running for: %1</source>
        <translation>En fonctionnement depuis : %1</translation>
    </message>
    <message>
        <source>Last heartbeat on the board&apos;s clock: %1</source>
        <translation>Dernier battement selon l’horloge de la carte : %1</translation>
    </message>
    <message>
        <source>Detail: %1</source>
        <translation>Détail : %1</translation>
    </message>
    <message>
        <source>The manager learnt of this after it happened (from retained or stored state); the time above is when it happened.</source>
        <translation>Le gestionnaire l’a appris après coup (d’après un état retenu ou enregistré) ; l’heure ci-dessus est celle où c’est arrivé.</translation>
    </message>
    <message>
        <source>GCN: %1, earlier at %2</source>
        <translation>GCN : %1 ; c’est arrivé plus tôt, le %2</translation>
    </message>
    <message>
        <source>GCN: %1 at %2</source>
        <translation>GCN : %1, le %2</translation>
    </message>
    <message>
        <source>[GCN] %1: %2 - %3</source>
        <translation>[GCN] %1 : %2 - %3</translation>
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
            <numerusform>%n notification du %1 au %2, de la plus ancienne à la plus récente :</numerusform>
            <numerusform>%n notifications du %1 au %2, de la plus ancienne à la plus récente :</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>- and %n more; run gcn-manager history to list them.</source>
        <translation>
            <numerusform>- et %n autre ; lancez gcn-manager history pour l’afficher.</numerusform>
            <numerusform>- et %n autres ; lancez gcn-manager history pour les afficher.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The details of %n later notifications are left out; run gcn-manager history to list them.</source>
        <translation>
            <numerusform>Détails omis pour %n notification suivante ; lancez gcn-manager history pour l’afficher.</numerusform>
            <numerusform>Détails omis pour les %n notifications suivantes ; lancez gcn-manager history pour les afficher.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>GCN: %n events from %1: </source>
        <translation>
            <numerusform>GCN : %n événement à partir du %1 : </numerusform>
            <numerusform>GCN : %n événements à partir du %1 : </numerusform>
        </translation>
    </message>
    <message>
        <source>; +%1 more</source>
        <translation>; +%1 en plus</translation>
    </message>
    <message numerus="yes">
        <source>GCN: %n events from %1 to %2</source>
        <translation>
            <numerusform>GCN : %n événement du %1 au %2</numerusform>
            <numerusform>GCN : %n événements du %1 au %2</numerusform>
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
        <translation>messages X</translation>
    </message>
    <message>
        <source>desktop notifications</source>
        <translation>notifications du bureau</translation>
    </message>
    <message>
        <source>[GCN] Notification limit reached: %1 %2 per 24 hours - %3</source>
        <translation>[GCN] Limite de notifications atteinte : %1 %2 par 24 heures - %3</translation>
    </message>
    <message>
        <source>The limit of %1 %2 per 24 hours to you was reached at %3.

Later notifications are held back, not lost: they will be sent to you as one digest when the limit allows, from %4 on.
</source>
        <translation>La limite de %1 %2 par 24 heures qui vous est appliquée a été atteinte le %3.

Les notifications suivantes sont retenues, pas perdues : elles vous seront envoyées en un seul récapitulatif dès que la limite le permettra, à partir du %4.
</translation>
    </message>
    <message>
        <source>GCN: limit of %1 %2 per 24 h reached. Later notifications are held back and sent as one digest from %3.</source>
        <translation>GCN : limite de %1 %2 par 24 h atteinte. La suite est retenue et envoyée en un récapitulatif dès le %3.</translation>
    </message>
    <message>
        <source>Earlier notifications, newest first:</source>
        <translation>Notifications précédentes, de la plus récente à la plus ancienne :</translation>
    </message>
    <message numerus="yes">
        <source>%n older notifications are left out; run gcn-manager history to list them.</source>
        <translation>
            <numerusform>%n notification plus ancienne est omise ; lancez gcn-manager history pour l’afficher.</numerusform>
            <numerusform>%n notifications plus anciennes sont omises ; lancez gcn-manager history pour les afficher.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reminder: %1</source>
        <translation>Rappel : %1</translation>
    </message>
    <message>
        <source>%1 is still offline, since %2 (%3)</source>
        <translation>%1 est toujours hors ligne, depuis le %2 (%3)</translation>
    </message>
    <message>
        <source>%1 is still silent: no heartbeat since %2 (%3)</source>
        <translation>%1 ne donne toujours pas signe de vie : aucun battement depuis le %2 (%3)</translation>
    </message>
    <message>
        <source>The clock of %1 is still %2 ahead, for %3</source>
        <translation>L’horloge de %1 avance toujours de %2, depuis %3</translation>
    </message>
    <message>
        <source>The clock of %1 is still %2 behind, for %3</source>
        <translation>L’horloge de %1 retarde toujours de %2, depuis %3</translation>
    </message>
    <message>
        <source>%1: still %2, since %3 (%4)</source>
        <translation>%1 : toujours %2, depuis le %3 (%4)</translation>
    </message>
    <message>
        <source>Problem since: %1</source>
        <translation>Problème depuis : %1</translation>
    </message>
    <message>
        <source>Lasting for: %1 (%2 s)</source>
        <translation>Durée : %1 (%2 s)</translation>
    </message>
    <message>
        <source>This is a reminder: the problem was notified before and lasts. Another reminder follows after each repeat interval until it ends.</source>
        <translation>Ceci est un rappel : le problème a déjà été notifié et dure encore. Un autre rappel suivra à chaque intervalle de répétition jusqu’à ce qu’il cesse.</translation>
    </message>
    <message>
        <source>GCN reminder: %1 at %2</source>
        <translation>Rappel GCN : %1, le %2</translation>
    </message>
</context>
<context>
    <name>gcn::SettingsDialog</name>
    <message>
        <source>(not set)</source>
        <translation>(non défini)</translation>
    </message>
    <message>
        <source>GCN manager settings</source>
        <translation>Paramètres du gestionnaire GCN</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>Broker</translation>
    </message>
    <message>
        <source>Monitor only: desktop alerts, nothing sent</source>
        <translation>Surveillance seule : alertes du bureau, aucun envoi</translation>
    </message>
    <message>
        <source>Full manager: also e-mail, SMS and X</source>
        <translation>Gestionnaire complet : aussi e-mail, SMS et X</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>Mode :</translation>
    </message>
    <message>
        <source>A monitor watches the same broker as a server instance without doubling its messages. A full manager sends the notifications configured in the environment and the .env file, like the service.</source>
        <translation>La surveillance seule observe le même broker qu’une instance serveur sans doubler ses messages. Le gestionnaire complet envoie les notifications configurées dans l’environnement et le fichier .env, comme le service.</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Desktop alerts</source>
        <translation>Alertes du bureau</translation>
    </message>
    <message>
        <source>host name, address, or socket path with unix</source>
        <translation>nom d’hôte, adresse, ou chemin du socket avec unix</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Hôte :</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port :</translation>
    </message>
    <message>
        <source>TCP with TLS</source>
        <translation>TCP avec TLS</translation>
    </message>
    <message>
        <source>WebSocket with TLS</source>
        <translation>WebSocket avec TLS</translation>
    </message>
    <message>
        <source>Unix socket</source>
        <translation>Socket Unix</translation>
    </message>
    <message>
        <source>Transport:</source>
        <translation>Transport :</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Nom d’utilisateur :</translation>
    </message>
    <message>
        <source>leave empty to keep the stored password</source>
        <translation>laisser vide pour garder le mot de passe enregistré</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mot de passe :</translation>
    </message>
    <message>
        <source>Remove the password stored in the keychain</source>
        <translation>Supprimer le mot de passe enregistré dans le trousseau</translation>
    </message>
    <message>
        <source>The password is stored in the system keychain, never in a file.</source>
        <translation>Le mot de passe est enregistré dans le trousseau du système, jamais dans un fichier.</translation>
    </message>
    <message>
        <source>system certificates only</source>
        <translation>certificats du système uniquement</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>CA file:</source>
        <translation>Fichier d’AC :</translation>
    </message>
    <message>
        <source>Lowest TLS version:</source>
        <translation>Version TLS minimale :</translation>
    </message>
    <message>
        <source>Highest TLS version:</source>
        <translation>Version TLS maximale :</translation>
    </message>
    <message>
        <source>Show desktop alerts</source>
        <translation>Afficher les alertes du bureau</translation>
    </message>
    <message>
        <source>Events that pop up:</source>
        <translation>Événements qui s’affichent :</translation>
    </message>
    <message>
        <source>CA certificates</source>
        <translation>Certificats d’AC</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>Certificats PEM (*.pem *.crt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>The value &apos;%1&apos; of --%2 is invalid: expected %3.</source>
        <translation>La valeur « %1 » de --%2 n’est pas valide : attendu %3.</translation>
    </message>
    <message>
        <source>Invalid setting</source>
        <translation>Paramètre non valide</translation>
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
        <translation>Carte :</translation>
    </message>
    <message>
        <source>Last:</source>
        <translation>Dernières :</translation>
    </message>
    <message>
        <source>No board seen yet</source>
        <translation>Aucune carte vue pour l’instant</translation>
    </message>
    <message>
        <source>Pins and heartbeats of %1</source>
        <translation>Broches et battements de %1</translation>
    </message>
    <message>
        <source>heartbeat gaps</source>
        <translation>trous de battements</translation>
    </message>
    <message>
        <source>heartbeat gap</source>
        <translation>trou de battements</translation>
    </message>
    <message>
        <source>down</source>
        <translation>bas</translation>
    </message>
    <message>
        <source>up</source>
        <translation>haut</translation>
    </message>
</context>
<context>
    <name>gcn::TrayApplication</name>
    <message>
        <source>No system tray was found on this desktop, so the manager shows this window instead of a tray icon and cannot pop up desktop alerts. Closing the window quits.</source>
        <translation>Aucune zone de notification n’a été trouvée sur ce bureau : le gestionnaire affiche donc cette fenêtre au lieu d’une icône et ne peut pas afficher d’alertes. Fermer la fenêtre quitte le programme.</translation>
    </message>
    <message>
        <source>Open window</source>
        <translation>Ouvrir la fenêtre</translation>
    </message>
    <message>
        <source>Pause desktop alerts</source>
        <translation>Mettre en pause les alertes du bureau</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>The keychain could not be read: %1</source>
        <translation>Le trousseau n’a pas pu être lu : %1</translation>
    </message>
    <message>
        <source>%1  The connection ended: %2</source>
        <translation>%1  La connexion s’est terminée : %2</translation>
    </message>
    <message>
        <source>Keychain</source>
        <translation>Trousseau</translation>
    </message>
    <message>
        <source>The password could not be stored in the keychain, so it is used for this session only: %1</source>
        <translation>Le mot de passe n’a pas pu être enregistré dans le trousseau ; il ne sert donc que pour cette session : %1</translation>
    </message>
    <message>
        <source>The password could not be removed from the keychain: %1</source>
        <translation>Le mot de passe n’a pas pu être supprimé du trousseau : %1</translation>
    </message>
    <message>
        <source>%1  Settings changed; reconnecting.</source>
        <translation>%1  Paramètres modifiés ; reconnexion.</translation>
    </message>
    <message>
        <source>The manager cannot connect: %1
Open the settings to fix it.</source>
        <translation>Le gestionnaire ne peut pas se connecter : %1
Ouvrez les paramètres pour corriger.</translation>
    </message>
</context>
<context>
    <name>gcn::TrayBackend</name>
    <message>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <source>stopped: %1</source>
        <translation>arrêté : %1</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>démarrage</translation>
    </message>
    <message>
        <source>connecting to %1</source>
        <translation>connexion à %1</translation>
    </message>
    <message>
        <source>connected to %1 as %2</source>
        <translation>connecté à %1 en tant que %2</translation>
    </message>
    <message>
        <source>connected to %1, subscribing</source>
        <translation>connecté à %1, abonnement en cours</translation>
    </message>
    <message>
        <source>waiting to reconnect to %1</source>
        <translation>en attente de reconnexion à %1</translation>
    </message>
    <message>
        <source>waiting to reconnect to %1: %2</source>
        <translation>en attente de reconnexion à %1 : %2</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>arrêt en cours</translation>
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
        <translation>Usage : %1 [OPTIONS]

Moniteur de bureau des cartes Gpio Change Notifier.

Options de l’application :
  --mode monitor|full    monitor : cartes et alertes du bureau uniquement (par défaut) ;
                         full : envoie aussi e-mails, SMS et messages X comme le service
                         [env GCN_TRAY_MODE]
  --open-window          affiche la fenêtre au démarrage, pas seulement l’icône
                         [env GCN_TRAY_OPEN_WINDOW]
  --test-report PATH     réécrit PATH avec l’infobulle et le tableau des cartes après chaque
                         changement, pour les tests [env GCN_TRAY_TEST_REPORT]

Les options du service donnent les valeurs par défaut des paramètres ; les paramètres enregistrés
dans la fenêtre l’emportent sur l’environnement, et la ligne de commande sur les deux.
Les options du service ci-dessous sont décrites en anglais.

</translation>
    </message>
</context>
</TS>
