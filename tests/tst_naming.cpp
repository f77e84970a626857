#include "protocol/GcnMessage.h"
#include "supervision/Naming.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestNaming : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validEntries();
    void invalidEntries_data();
    void invalidEntries();
    void entriesFromOptionTable();
};

void TestNaming::validEntries()
{
    gcn::SupervisionSettings settings;
    settings.boardAliases = {u"AA:BB:CC:DD:EE:FF=Garage"_s, u" 11:22:33:44:55:66 = Front door "_s,
                             u"AA:BB:CC:DD:EE:FF=Garage"_s};
    settings.pinLabels = {u"D1=door,open,closed"_s, u"D2=light"_s, u"aa:bb:cc:dd:ee:ff/D1=gate, up , down"_s};
    QCOMPARE(gcn::validateNaming(settings), std::nullopt);
    const auto naming = gcn::Naming::fromSettings(settings);
    QVERIFY(naming.has_value());

    QCOMPARE(naming->boardAlias(u"AA:BB:CC:DD:EE:FF"_s), u"Garage"_s);
    // A configured MAC matches either letter case of a board id.
    QCOMPARE(naming->boardAlias(u"aa:bb:cc:dd:ee:ff"_s), u"Garage"_s);
    QCOMPARE(naming->boardAlias(u"11:22:33:44:55:66"_s), u"Front door"_s);
    QCOMPARE(naming->boardAlias(u"00:00:00:00:00:00"_s), QString());

    const gcn::PinLabel door = naming->pinLabel(u"11:22:33:44:55:66"_s, u"D1"_s);
    QCOMPARE(door.label, u"door"_s);
    QCOMPARE(door.upWord, u"open"_s);
    QCOMPARE(door.downWord, u"closed"_s);
    QCOMPARE(naming->stateWord(u"11:22:33:44:55:66"_s, u"D1"_s, 1), u"open"_s);
    QCOMPARE(naming->stateWord(u"11:22:33:44:55:66"_s, u"D1"_s, 0), u"closed"_s);

    // The entry for one board wins over the entry for every board.
    const gcn::PinLabel gate = naming->pinLabel(u"AA:BB:CC:DD:EE:FF"_s, u"D1"_s);
    QCOMPARE(gate.label, u"gate"_s);
    QCOMPARE(gate.upWord, u"up"_s);
    QCOMPARE(gate.downWord, u"down"_s);

    const gcn::PinLabel light = naming->pinLabel(u"AA:BB:CC:DD:EE:FF"_s, u"D2"_s);
    QCOMPARE(light.label, u"light"_s);
    QCOMPARE(light.upWord, QString());
    QCOMPARE(naming->stateWord(u"AA:BB:CC:DD:EE:FF"_s, u"D2"_s, 1), QString());

    // Pin names are compared exactly.
    QCOMPARE(naming->pinLabel(u"AA:BB:CC:DD:EE:FF"_s, u"d2"_s).label, QString());
}

void TestNaming::invalidEntries_data()
{
    QTest::addColumn<QStringList>("aliases");
    QTest::addColumn<QStringList>("labels");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("entry");

    const QString alias = u"--client-alias (GCN_CLIENT_ALIASES)"_s;
    const QString label = u"--client-gpio-label (GCN_CLIENT_GPIO_LABELS)"_s;
    const QStringList none;

    QTest::newRow("alias without equals") << QStringList {u"AA:BB:CC:DD:EE:FF Garage"_s} << none << alias
                                          << u"AA:BB:CC:DD:EE:FF Garage"_s;
    QTest::newRow("alias bad MAC") << QStringList {u"AA:BB:CC=Garage"_s} << none << alias << u"AA:BB:CC=Garage"_s;
    QTest::newRow("alias client id") << QStringList {u"gcn-AA_BB_CC_DD_EE_FF=Garage"_s} << none << alias
                                     << u"gcn-AA_BB_CC_DD_EE_FF=Garage"_s;
    QTest::newRow("alias empty name") << QStringList {u"AA:BB:CC:DD:EE:FF= "_s} << none << alias
                                      << u"AA:BB:CC:DD:EE:FF= "_s;
    QTest::newRow("alias empty MAC") << QStringList {u"=Garage"_s} << none << alias << u"=Garage"_s;
    QTest::newRow("alias two names") << QStringList {u"AA:BB:CC:DD:EE:FF=Garage"_s, u"aa:bb:cc:dd:ee:ff=Shed"_s}
                                     << none << alias << u"aa:bb:cc:dd:ee:ff=Shed"_s;
    QTest::newRow("label without equals") << none << QStringList {u"D1"_s} << label << u"D1"_s;
    QTest::newRow("label empty pin") << none << QStringList {u"=door"_s} << label << u"=door"_s;
    QTest::newRow("label pin with space") << none << QStringList {u"D 1=door"_s} << label << u"D 1=door"_s;
    QTest::newRow("label bad MAC") << none << QStringList {u"AA:BB/D1=door"_s} << label << u"AA:BB/D1=door"_s;
    QTest::newRow("label MAC without pin") << none << QStringList {u"AA:BB:CC:DD:EE:FF/=door"_s} << label
                                           << u"AA:BB:CC:DD:EE:FF/=door"_s;
    QTest::newRow("label two parts") << none << QStringList {u"D1=door,open"_s} << label << u"D1=door,open"_s;
    QTest::newRow("label four parts") << none << QStringList {u"D1=door,open,closed,ajar"_s} << label
                                      << u"D1=door,open,closed,ajar"_s;
    QTest::newRow("label empty label") << none << QStringList {u"D1=,open,closed"_s} << label
                                       << u"D1=,open,closed"_s;
    QTest::newRow("label empty word") << none << QStringList {u"D1=door,,closed"_s} << label
                                      << u"D1=door,,closed"_s;
    QTest::newRow("label twice") << none << QStringList {u"D1=door"_s, u"D1=gate"_s} << label << u"D1=gate"_s;
    QTest::newRow("label twice one board")
        << none << QStringList {u"AA:BB:CC:DD:EE:FF/D1=door"_s, u"aa:bb:cc:dd:ee:ff/D1=gate"_s} << label
        << u"aa:bb:cc:dd:ee:ff/D1=gate"_s;
    QTest::newRow("label control character") << none << QStringList {u"D1=do\u0007or"_s} << label
                                             << u"D1=do\u0007or"_s;
}

void TestNaming::invalidEntries()
{
    QFETCH(QStringList, aliases);
    QFETCH(QStringList, labels);
    QFETCH(QString, option);
    QFETCH(QString, entry);

    gcn::SupervisionSettings settings;
    settings.boardAliases = aliases;
    settings.pinLabels = labels;
    const std::optional<gcn::ConfigError> error = gcn::validateNaming(settings);
    QVERIFY(error.has_value());
    QCOMPARE(error->option, option);
    QCOMPARE(error->value, entry);
    QVERIFY(!error->message.isEmpty());
    const QString line = error->toString();
    QVERIFY2(line.contains(option), qPrintable(line));
    // The line shows the entry with control characters escaped, so that it stays one line.
    QVERIFY2(line.contains(gcn::printableText(entry, 200)), qPrintable(line));
}

void TestNaming::entriesFromOptionTable()
{
    // The option table splits aliases at ',' and labels at ';', so a label's words may use ','.
    QProcessEnvironment environment;
    environment.insert(u"GCN_CLIENT_ALIASES"_s, u"AA:BB:CC:DD:EE:FF=Garage,11:22:33:44:55:66=Shed"_s);
    environment.insert(u"GCN_CLIENT_GPIO_LABELS"_s, u"D1=door,open,closed;AA:BB:CC:DD:EE:FF/D2=light"_s);
    const auto parsed = gcn::parseConfiguration({}, environment);
    QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error().toString()));
    const auto naming = gcn::Naming::fromSettings(parsed->settings.supervision);
    QVERIFY2(naming.has_value(), qPrintable(naming ? QString() : naming.error().toString()));
    QCOMPARE(naming->boardAlias(u"11:22:33:44:55:66"_s), u"Shed"_s);
    QCOMPARE(naming->pinLabel(u"11:22:33:44:55:66"_s, u"D1"_s).downWord, u"closed"_s);
    QCOMPARE(naming->pinLabel(u"AA:BB:CC:DD:EE:FF"_s, u"D2"_s).label, u"light"_s);
}

QTEST_GUILESS_MAIN(TestNaming)
#include "tst_naming.moc"
