#pragma once

#include <optional>
#include <utility>

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace gcn {

struct MetricValue
{
    QString value;
    // Wall-clock time (UTC) at which the manager received it.
    QDateTime receivedAt;

    bool operator==(const MetricValue&) const = default;
};

// The metrics of one board by path after `out/` ("esp8266/free_heap", "network/dns/0").
//
// A board publishes about 36 metrics and a manager may watch ten thousand boards, so the set is compact.
// Each path is stored once per process in a shared table, up to maxSharedPaths distinct paths; later
// paths are stored with each metric. A board's metrics share one buffer instead of a map node and two
// strings each. Lookups scan the buffer, which suits sets of a few dozen entries.
class MetricSet
{
public:
    // Distinct paths kept in the shared table; a board publishing random paths cannot grow it further.
    static constexpr qsizetype maxSharedPaths = 4096;

    // Adds the metric, or replaces the one at the same path.
    void insert(const QString& path, const MetricValue& metric);
    // The metric at path; a default MetricValue (empty value, invalid time) when there is none.
    MetricValue value(const QString& path) const;
    std::optional<MetricValue> find(const QString& path) const;
    bool contains(const QString& path) const { return find(path).has_value(); }
    bool remove(const QString& path);
    void clear();
    qsizetype size() const { return m_count; }
    bool isEmpty() const { return m_count == 0; }
    // Every metric, sorted by path.
    QList<std::pair<QString, MetricValue>> entries() const;

    // Same paths with the same values, whatever the order of insertion.
    bool operator==(const MetricSet& other) const;

private:
    struct Location
    {
        qsizetype offset = -1;
        qsizetype length = 0;
    };

    Location locate(const QString& path) const;

    // Entries one after the other, see MetricSet.cpp for the layout.
    QByteArray m_data;
    qsizetype m_count = 0;
    // Reception times are stored as differences from this one, the first valid time inserted.
    qint64 m_baseTimeMs = 0;
    bool m_hasBaseTime = false;
};

} // namespace gcn
