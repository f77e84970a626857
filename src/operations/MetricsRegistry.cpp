#include "operations/MetricsRegistry.h"

#include <QStringList>

#include <cmath>

namespace gcn {

using namespace Qt::StringLiterals;

namespace {

QString escapeLabelValue(QString value)
{
    return value.replace(u"\\"_s, u"\\\\"_s).replace(u"\""_s, u"\\\""_s).replace(u"\n"_s, u"\\n"_s);
}

QString formatValue(double value)
{
    if (std::isnan(value))
        return u"NaN"_s;
    if (std::isinf(value))
        return value > 0 ? u"+Inf"_s : u"-Inf"_s;
    return QString::number(value, 'g', 15);
}

QString formatSample(const QString& name, const MetricsRegistry::Labels& labels, double value)
{
    QString line = name;
    if (!labels.isEmpty()) {
        QStringList parts;
        for (auto it = labels.cbegin(); it != labels.cend(); ++it)
            parts.append(u"%1=\"%2\""_s.arg(it.key(), escapeLabelValue(it.value())));
        line += u'{' + parts.join(u',') + u'}';
    }
    return line + u' ' + formatValue(value) + u'\n';
}

} // namespace

void MetricsRegistry::describe(const QString& name, const QString& type, const QString& help)
{
    Family& family = m_families[name];
    family.type = type;
    family.help = help;
}

QString MetricsRegistry::labelKey(const Labels& labels)
{
    QString key;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        key += it.key() + u'\x1f' + it.value() + u'\x1e';
    return key;
}

void MetricsRegistry::increment(const QString& name, const Labels& labels, double by)
{
    auto& sample = m_families[name].samples[labelKey(labels)];
    sample.first = labels;
    sample.second += by;
}

void MetricsRegistry::set(const QString& name, const Labels& labels, double value)
{
    auto& sample = m_families[name].samples[labelKey(labels)];
    sample.first = labels;
    sample.second = value;
}

void MetricsRegistry::setProvider(const QString& name, std::function<QList<std::pair<Labels, double>>()> provider)
{
    m_families[name].provider = std::move(provider);
}

double MetricsRegistry::value(const QString& name, const Labels& labels) const
{
    const auto family = m_families.constFind(name);
    if (family == m_families.cend())
        return 0.0;
    return family->samples.value(labelKey(labels)).second;
}

QString MetricsRegistry::renderPrometheus() const
{
    QString text;
    for (auto it = m_families.cbegin(); it != m_families.cend(); ++it) {
        const Family& family = it.value();
        if (!family.help.isEmpty())
            text += u"# HELP %1 %2\n"_s.arg(it.key(), family.help);
        text += u"# TYPE %1 %2\n"_s.arg(it.key(), family.type.isEmpty() ? u"untyped"_s : family.type);
        for (const auto& [labels, value] : family.samples)
            text += formatSample(it.key(), labels, value);
        if (family.provider) {
            for (const auto& [labels, value] : family.provider())
                text += formatSample(it.key(), labels, value);
        }
    }
    return text;
}

} // namespace gcn
