#pragma once

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>

namespace gcn {

// Counters and gauges of the running manager, rendered in the Prometheus text exposition format
// (version 0.0.4). Labels are kept sorted so that the output is stable.
class MetricsRegistry
{
public:
    using Labels = QMap<QString, QString>;

    // Declares a metric once; type is "counter" or "gauge".
    void describe(const QString& name, const QString& type, const QString& help);
    void increment(const QString& name, const Labels& labels = {}, double by = 1.0);
    void set(const QString& name, const Labels& labels, double value);
    // A gauge whose value is read when the metrics are rendered.
    void setProvider(const QString& name, std::function<QList<std::pair<Labels, double>>()> provider);
    double value(const QString& name, const Labels& labels = {}) const;

    QString renderPrometheus() const;

private:
    struct Family
    {
        QString type;
        QString help;
        QMap<QString, std::pair<Labels, double>> samples;
        std::function<QList<std::pair<Labels, double>>()> provider;
    };

    static QString labelKey(const Labels& labels);

    QMap<QString, Family> m_families;
};

} // namespace gcn
