#include "config/Options.h"
#include "operations/MetricsRegistry.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestMetricsRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rendersCountersWithSortedLabels();
    void escapesLabelValues();
    void providerValuesAreReadAtRender();
    void listenAddress_data();
    void listenAddress();
};

void TestMetricsRegistry::rendersCountersWithSortedLabels()
{
    gcn::MetricsRegistry metrics;
    metrics.describe(u"gcn_events_total"_s, u"counter"_s, u"events raised, by type"_s);
    metrics.increment(u"gcn_events_total"_s, {{u"type"_s, u"client_gpio_up"_s}});
    metrics.increment(u"gcn_events_total"_s, {{u"type"_s, u"client_gpio_up"_s}});
    metrics.increment(u"gcn_events_total"_s, {{u"type"_s, u"client_gpio_down"_s}, {u"board"_s, u"AA"_s}});
    const QString text = metrics.renderPrometheus();
    QVERIFY2(text.contains(u"# HELP gcn_events_total events raised, by type\n"_s), qPrintable(text));
    QVERIFY2(text.contains(u"# TYPE gcn_events_total counter\n"_s), qPrintable(text));
    QVERIFY2(text.contains(u"gcn_events_total{type=\"client_gpio_up\"} 2\n"_s), qPrintable(text));
    QVERIFY2(text.contains(u"gcn_events_total{board=\"AA\",type=\"client_gpio_down\"} 1\n"_s), qPrintable(text));
    QCOMPARE(metrics.value(u"gcn_events_total"_s, {{u"type"_s, u"client_gpio_up"_s}}), 2.0);
}

void TestMetricsRegistry::escapesLabelValues()
{
    gcn::MetricsRegistry metrics;
    metrics.set(u"gcn_x"_s, {{u"error"_s, u"a \"quoted\"\\path\nnext"_s}}, 1);
    QVERIFY(metrics.renderPrometheus().contains(u"gcn_x{error=\"a \\\"quoted\\\"\\\\path\\nnext\"} 1"_s));
}

void TestMetricsRegistry::providerValuesAreReadAtRender()
{
    gcn::MetricsRegistry metrics;
    double current = 1;
    metrics.describe(u"gcn_up"_s, u"gauge"_s, u"up"_s);
    metrics.setProvider(u"gcn_up"_s, [&current] {
        return QList<std::pair<gcn::MetricsRegistry::Labels, double>> {{{}, current}};
    });
    QVERIFY(metrics.renderPrometheus().contains(u"gcn_up 1\n"_s));
    current = 0;
    QVERIFY(metrics.renderPrometheus().contains(u"gcn_up 0\n"_s));
}

void TestMetricsRegistry::listenAddress_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");

    QTest::newRow("port alone is loopback") << u"9102"_s << true << u"127.0.0.1"_s << 9102;
    QTest::newRow("colon and port") << u":9102"_s << true << u"127.0.0.1"_s << 9102;
    QTest::newRow("IPv4 address") << u"0.0.0.0:80"_s << true << u"0.0.0.0"_s << 80;
    QTest::newRow("IPv6 in brackets") << u"[::1]:9102"_s << true << u"::1"_s << 9102;
    QTest::newRow("localhost") << u"localhost:9102"_s << true << u"127.0.0.1"_s << 9102;
    QTest::newRow("port zero") << u"127.0.0.1:0"_s << false << QString() << 0;
    QTest::newRow("port too large") << u"127.0.0.1:65536"_s << false << QString() << 0;
    QTest::newRow("host name") << u"example.org:80"_s << false << QString() << 0;
    QTest::newRow("garbage") << u"listen here"_s << false << QString() << 0;
}

void TestMetricsRegistry::listenAddress()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, address);
    QFETCH(int, port);
    const auto parsed = gcn::parseListenAddress(text);
    QCOMPARE(parsed.has_value(), valid);
    if (valid) {
        QCOMPARE(parsed->first, QHostAddress(address));
        QCOMPARE(int(parsed->second), port);
    }
}

QTEST_GUILESS_MAIN(TestMetricsRegistry)
#include "tst_metricsregistry.moc"
