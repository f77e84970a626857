#include <QTest>

#include "config/Settings.h"
#include "notifications/Recipients.h"

using namespace gcn;
using namespace Qt::StringLiterals;

class TestRecipients : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void listDropsDuplicates();
    void invalidEntryNamesOptionAndEntry();
    void recoveriesFollowProblemLists();
    void recoveriesUseOwnListWhenSet();
    void peerManagerOfflineUsesItsList();
    void disabledChannelOnlyListWarns();
    void mixedChannelListDoesNotWarn();
    void desktopEntryInMixedList();
    void desktopChannelOffByDefault();
    void desktopChannelEnabled_data();
    void desktopChannelEnabled();
};

void TestRecipients::parseValid_data()
{
    QTest::addColumn<QString>("entry");
    QTest::addColumn<int>("channel");
    QTest::addColumn<QString>("address");

    QTest::newRow("e-mail") << u"user@example.org"_s << int(Channel::Email) << u"user@example.org"_s;
    QTest::newRow("e-mail with plus and dots") << u"first.last+gcn@mail.example.org"_s << int(Channel::Email)
                                               << u"first.last+gcn@mail.example.org"_s;
    QTest::newRow("e-mail domain lower-cased") << u"User@Example.ORG"_s << int(Channel::Email) << u"User@example.org"_s;
    QTest::newRow("e-mail IDN domain") << u"user@bücher.example"_s << int(Channel::Email)
                                       << u"user@xn--bcher-kva.example"_s;
    QTest::newRow("e-mail surrounded by spaces") << u"  user@example.org "_s << int(Channel::Email)
                                                 << u"user@example.org"_s;
    QTest::newRow("French mobile") << u"+33600000000"_s << int(Channel::Sms) << u"+33600000000"_s;
    QTest::newRow("French mobile with spaces") << u"+33 6 00 00 00 00"_s << int(Channel::Sms) << u"+33600000000"_s;
    QTest::newRow("US number with dashes") << u"+1-202-555-0143"_s << int(Channel::Sms) << u"+12025550143"_s;
    QTest::newRow("Belgian mobile") << u"+32470123456"_s << int(Channel::Sms) << u"+32470123456"_s;
    QTest::newRow("handle of 4") << u"@abcd"_s << int(Channel::Twitter) << u"@abcd"_s;
    QTest::newRow("handle of 15") << u"@abcdefghij_1234"_s.left(16) << int(Channel::Twitter)
                                  << u"@abcdefghij_1234"_s.left(16);
    QTest::newRow("handle with underscore") << u"@gcn_alerts"_s << int(Channel::Twitter) << u"@gcn_alerts"_s;
    QTest::newRow("desktop") << u"desktop"_s << int(Channel::Desktop) << u"desktop"_s;
    QTest::newRow("desktop in capitals") << u"DESKTOP"_s << int(Channel::Desktop) << u"desktop"_s;
    QTest::newRow("desktop mixed case with spaces") << u" Desktop "_s << int(Channel::Desktop) << u"desktop"_s;
}

void TestRecipients::parseValid()
{
    QFETCH(QString, entry);
    QFETCH(int, channel);
    QFETCH(QString, address);

    const std::expected<Recipient, QString> recipient = parseRecipient(entry);
    QVERIFY2(recipient.has_value(), qPrintable(recipient.has_value() ? QString() : recipient.error()));
    QCOMPARE(int(recipient->channel), channel);
    QCOMPARE(recipient->address, address);
}

void TestRecipients::parseInvalid_data()
{
    QTest::addColumn<QString>("entry");
    QTest::addColumn<QString>("reasonPart");

    QTest::newRow("bare word") << u"garage"_s << u"not an e-mail address"_s;
    QTest::newRow("bare word lists desktop") << u"garage"_s << u"the word 'desktop'"_s;
    QTest::newRow("desktop with suffix") << u"desktops"_s << u"not an e-mail address"_s;
    QTest::newRow("desktop with inner space") << u"desk top"_s << u"spaces"_s;
    QTest::newRow("e-mail without domain") << u"user@"_s << u"domain"_s;
    QTest::newRow("e-mail without local part") << u"x@@example.org"_s << u"local part"_s;
    QTest::newRow("e-mail with space") << u"first last@example.org"_s << u"spaces"_s;
    QTest::newRow("e-mail with display name") << u"Name <user@example.org>"_s << u"spaces"_s;
    QTest::newRow("e-mail with CRLF") << u"user@example.org\r\nBcc: x@example.org"_s << u"control"_s;
    QTest::newRow("e-mail with bad label") << u"user@-bad.example.org"_s << u"domain"_s;
    QTest::newRow("e-mail with empty label") << u"user@example..org"_s << u"domain"_s;
    QTest::newRow("e-mail with non-ASCII local part") << u"jérôme@example.org"_s << u"local part"_s;
    QTest::newRow("handle of 3") << u"@abc"_s << u"4 to 15"_s;
    QTest::newRow("handle of 16") << u"@abcdefghijklmnop"_s << u"4 to 15"_s;
    QTest::newRow("handle with dash") << u"@bad-handle"_s << u"4 to 15"_s;
    QTest::newRow("number without plus") << u"33600000000"_s << u"not an e-mail address"_s;
    QTest::newRow("number with letters") << u"+33 6 FLOWERS"_s << u"E.164"_s;
    QTest::newRow("number too short") << u"+3360"_s << u"valid phone number"_s;
    QTest::newRow("number of unknown country") << u"+999123456789"_s << u"phone number"_s;
    QTest::newRow("only a plus") << u"+"_s << u"E.164"_s;
}

void TestRecipients::parseInvalid()
{
    QFETCH(QString, entry);
    QFETCH(QString, reasonPart);

    const std::expected<Recipient, QString> recipient = parseRecipient(entry);
    QVERIFY2(!recipient.has_value(), qPrintable(u"accepted as "_s + (recipient ? recipient->address : QString())));
    QVERIFY2(recipient.error().contains(reasonPart), qPrintable(recipient.error()));
}

void TestRecipients::listDropsDuplicates()
{
    const QStringList entries {u"user@example.org"_s, u"+33600000000"_s, u"user@EXAMPLE.org"_s,
                               u"+33 6 00 00 00 00"_s, u"@Gcn_Alerts"_s, u"@gcn_alerts"_s, u"other@example.org"_s};
    const auto list = parseRecipientList(entries, u"--notify-client-gpio-change-up-recipients"_s);
    QVERIFY(list.has_value());
    const QList<Recipient> expected {{Channel::Email, u"user@example.org"_s},
                                     {Channel::Sms, u"+33600000000"_s},
                                     {Channel::Twitter, u"@Gcn_Alerts"_s},
                                     {Channel::Email, u"other@example.org"_s}};
    QCOMPARE(list->size(), expected.size());
    for (qsizetype index = 0; index < expected.size(); ++index) {
        QCOMPARE(int(list->at(index).channel), int(expected.at(index).channel));
        QCOMPARE(list->at(index).address, expected.at(index).address);
    }
}

void TestRecipients::invalidEntryNamesOptionAndEntry()
{
    NotificationSettings settings;
    settings.enableEmail = true;
    settings.clientGpioUp = {u"user@example.org"_s, u"not-a-recipient"_s};

    const auto table = RoutingTable::fromSettings(settings);
    QVERIFY(!table.has_value());
    QVERIFY2(table.error().option.contains(u"--notify-client-gpio-change-up-recipients"_s),
             qPrintable(table.error().option));
    QVERIFY2(table.error().option.contains(u"GCN_CLIENT_GPIO_CHANGE_UP_RECIPIENTS"_s), qPrintable(table.error().option));
    QCOMPARE(table.error().value, u"not-a-recipient"_s);
    QVERIFY(table.error().toString().contains(u"not-a-recipient"_s));
}

void TestRecipients::recoveriesFollowProblemLists()
{
    NotificationSettings settings;
    settings.enableEmail = true;
    settings.clientMissedHeartbeat = {u"silence@example.org"_s};
    settings.clientSkewedHeartbeat = {u"clock@example.org"_s};

    const auto table = RoutingTable::fromSettings(settings);
    QVERIFY(table.has_value());
    QCOMPARE(table->recipients(EventType::BoardHeartbeatResumed).size(), 1);
    QCOMPARE(table->recipients(EventType::BoardHeartbeatResumed).first().address, u"silence@example.org"_s);
    QCOMPARE(table->recipients(EventType::BoardSkewRecovered).size(), 1);
    QCOMPARE(table->recipients(EventType::BoardSkewRecovered).first().address, u"clock@example.org"_s);
    QVERIFY(table->recipients(EventType::GpioUp).isEmpty());
}

void TestRecipients::recoveriesUseOwnListWhenSet()
{
    NotificationSettings settings;
    settings.enableEmail = true;
    settings.clientMissedHeartbeat = {u"silence@example.org"_s};
    settings.clientSkewedHeartbeat = {u"clock@example.org"_s};
    settings.clientHeartbeatResumed = {u"resumed@example.org"_s};
    settings.clientHeartbeatResumedSet = true;
    // Given but empty: no recipient gets skew recoveries.
    settings.clientSkewRecoveredSet = true;

    const auto table = RoutingTable::fromSettings(settings);
    QVERIFY(table.has_value());
    QCOMPARE(table->recipients(EventType::BoardHeartbeatResumed).size(), 1);
    QCOMPARE(table->recipients(EventType::BoardHeartbeatResumed).first().address, u"resumed@example.org"_s);
    QVERIFY(table->recipients(EventType::BoardSkewRecovered).isEmpty());
}

void TestRecipients::peerManagerOfflineUsesItsList()
{
    NotificationSettings settings;
    settings.enableSms = true;
    settings.peerManagerOffline = {u"+33600000000"_s};
    settings.managerExiting = {u"+32470123456"_s};

    const auto table = RoutingTable::fromSettings(settings);
    QVERIFY(table.has_value());
    QCOMPARE(table->recipients(EventType::PeerManagerOffline).size(), 1);
    QCOMPARE(table->recipients(EventType::PeerManagerOffline).first().address, u"+33600000000"_s);
    QCOMPARE(table->recipients(EventType::ManagerExiting).first().address, u"+32470123456"_s);
}

void TestRecipients::disabledChannelOnlyListWarns()
{
    NotificationSettings settings;
    settings.enableEmail = true;
    settings.clientStatusOffline = {u"+33600000000"_s, u"@gcn_alerts"_s};

    QStringList warnings;
    const auto table = RoutingTable::fromSettings(settings, &warnings);
    QVERIFY(table.has_value());
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.first().contains(u"--notify-client-status-change-offline-recipients"_s),
             qPrintable(warnings.first()));
    QVERIFY2(warnings.first().contains(u"sms"_s), qPrintable(warnings.first()));
    QVERIFY2(warnings.first().contains(u"twitter"_s), qPrintable(warnings.first()));
    // The recipients stay in the table; the dispatcher skips them while their channel is disabled.
    QCOMPARE(table->recipients(EventType::BoardStatusOffline).size(), 2);
    QVERIFY(!table->isChannelEnabled(Channel::Sms));
}

void TestRecipients::mixedChannelListDoesNotWarn()
{
    NotificationSettings settings;
    settings.enableEmail = true;
    settings.clientStatusOffline = {u"+33600000000"_s, u"user@example.org"_s};

    QStringList warnings;
    const auto table = RoutingTable::fromSettings(settings, &warnings);
    QVERIFY(table.has_value());
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
}

void TestRecipients::desktopEntryInMixedList()
{
    const auto list = parseRecipientList({u"me@example.org"_s, u"desktop"_s, u"Desktop"_s},
                                         u"--notify-client-gpio-change-up-recipients"_s);
    QVERIFY(list.has_value());
    QCOMPARE(list->size(), 2);
    QCOMPARE(list->at(0), (Recipient {Channel::Email, u"me@example.org"_s}));
    QCOMPARE(list->at(1), (Recipient {Channel::Desktop, u"desktop"_s}));
}

void TestRecipients::desktopChannelOffByDefault()
{
    NotificationSettings settings;
    settings.enableEmail = true;
    settings.clientGpioUp = {u"desktop"_s};

    QStringList warnings;
    const auto table = RoutingTable::fromSettings(settings, &warnings);
    QVERIFY(table.has_value());
    QVERIFY(!table->isChannelEnabled(Channel::Desktop));
    QCOMPARE(table->recipients(EventType::GpioUp).size(), 1);
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.first().contains(u"--notify-client-gpio-change-up-recipients"_s), qPrintable(warnings.first()));
    QVERIFY2(warnings.first().contains(u"desktop"_s), qPrintable(warnings.first()));
}

void TestRecipients::desktopChannelEnabled_data()
{
    QTest::addColumn<bool>("fromSettings");

    QTest::newRow("by the settings") << true;
    QTest::newRow("by setChannelEnabled") << false;
}

void TestRecipients::desktopChannelEnabled()
{
    QFETCH(bool, fromSettings);

    NotificationSettings settings;
    settings.enableDesktop = fromSettings;
    settings.clientGpioUp = {u"desktop"_s};

    QStringList warnings;
    auto table = RoutingTable::fromSettings(settings, &warnings);
    QVERIFY(table.has_value());
    if (!fromSettings)
        table->setChannelEnabled(Channel::Desktop, true);
    QVERIFY(table->isChannelEnabled(Channel::Desktop));
    QVERIFY(!table->isChannelEnabled(Channel::Email));
    if (fromSettings)
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
    table->setChannelEnabled(Channel::Desktop, false);
    QVERIFY(!table->isChannelEnabled(Channel::Desktop));
}

QTEST_GUILESS_MAIN(TestRecipients)
#include "tst_recipients.moc"
