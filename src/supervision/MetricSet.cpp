#include "supervision/MetricSet.h"

#include <algorithm>
#include <cstring>

#include <QHash>
#include <QReadWriteLock>

namespace gcn {

namespace {

// Layout of one entry in MetricSet::m_data:
// - a quint16 reference, native byte order. Bit 15 is set when the reception time is invalid. The other
//   bits are the path's index in the shared table, or inlinePath, and then the path follows as text.
// - when the time is valid, its difference from the set's base time in milliseconds, zigzag LEB128.
// - the value as text.
// Text is a LEB128 length of (characters << 1 | wide) and then the characters: one byte each (Latin-1)
// when every character fits, else two (UTF-16), so that any QString comes back unchanged. The metrics of
// a board arrive together, so a time difference usually takes one to four bytes instead of eight.
constexpr quint16 noTimeFlag = 0x8000;
constexpr quint16 inlinePath = 0x7fff;
static_assert(MetricSet::maxSharedPaths < inlinePath);

// Metric paths seen in this process, shared by every board's MetricSet.
class SharedPaths
{
public:
    static SharedPaths& instance()
    {
        static SharedPaths paths;
        return paths;
    }

    // Index of path; with add, a new path gets one while the table has room.
    std::optional<quint16> indexOf(const QString& path, bool add)
    {
        {
            const QReadLocker reading(&m_lock);
            if (const auto found = m_indexes.constFind(path); found != m_indexes.cend())
                return *found;
            if (!add || m_paths.size() >= MetricSet::maxSharedPaths)
                return std::nullopt;
        }
        const QWriteLocker writing(&m_lock);
        if (const auto found = m_indexes.constFind(path); found != m_indexes.cend())
            return *found;
        if (m_paths.size() >= MetricSet::maxSharedPaths)
            return std::nullopt;
        const auto index = quint16(m_paths.size());
        m_paths.append(path);
        m_indexes.insert(path, index);
        return index;
    }

    QString path(quint16 index)
    {
        const QReadLocker reading(&m_lock);
        return m_paths.value(qsizetype(index));
    }

private:
    QReadWriteLock m_lock;
    QHash<QString, quint16> m_indexes;
    QList<QString> m_paths;
};

void appendVarint(QByteArray& data, quint64 value)
{
    while (value >= 0x80) {
        data.append(char((value & 0x7f) | 0x80));
        value >>= 7;
    }
    data.append(char(value));
}

quint64 readVarint(const QByteArray& data, qsizetype& offset)
{
    quint64 value = 0;
    for (int shift = 0;; shift += 7) {
        const auto byte = quint8(data.at(offset++));
        value |= quint64(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return value;
    }
}

void appendText(QByteArray& data, const QString& text)
{
    const bool wide = std::any_of(text.cbegin(), text.cend(), [](QChar character) { return character.unicode() > 0xff; });
    appendVarint(data, (quint64(text.size()) << 1) | (wide ? 1 : 0));
    if (wide)
        data.append(reinterpret_cast<const char*>(text.utf16()), text.size() * qsizetype(sizeof(char16_t)));
    else
        data.append(text.toLatin1());
}

// Position, length and width of a text field's characters in the buffer.
struct TextView
{
    qsizetype offset = 0;
    qsizetype length = 0;
    bool wide = false;

    qsizetype end() const { return offset + length * (wide ? 2 : 1); }
};

TextView readText(const QByteArray& data, qsizetype offset)
{
    const quint64 header = readVarint(data, offset);
    return {offset, qsizetype(header >> 1), bool(header & 1)};
}

QString textOf(const QByteArray& data, const TextView& text)
{
    if (!text.wide)
        return QString::fromLatin1(data.constData() + text.offset, text.length);
    QString result(text.length, Qt::Uninitialized);
    std::memcpy(result.data(), data.constData() + text.offset, size_t(text.length) * sizeof(char16_t));
    return result;
}

// Positions of an entry's parts in the buffer.
struct EntryView
{
    quint16 pathRef = 0;
    TextView inlinePath;
    std::optional<qint64> timeOffsetMs;
    TextView value;
    qsizetype end = 0;
};

EntryView readEntry(const QByteArray& data, qsizetype offset)
{
    EntryView entry;
    quint16 reference = 0;
    std::memcpy(&reference, data.constData() + offset, sizeof reference);
    offset += sizeof reference;
    entry.pathRef = reference & ~noTimeFlag;
    if (entry.pathRef == inlinePath) {
        entry.inlinePath = readText(data, offset);
        offset = entry.inlinePath.end();
    }
    if (!(reference & noTimeFlag)) {
        const quint64 zigzag = readVarint(data, offset);
        entry.timeOffsetMs = qint64(zigzag >> 1) ^ -qint64(zigzag & 1);
    }
    entry.value = readText(data, offset);
    entry.end = entry.value.end();
    return entry;
}

QString pathOf(const QByteArray& data, const EntryView& entry)
{
    if (entry.pathRef == inlinePath)
        return textOf(data, entry.inlinePath);
    return SharedPaths::instance().path(entry.pathRef);
}

MetricValue metricOf(const QByteArray& data, const EntryView& entry, qint64 baseTimeMs)
{
    MetricValue metric;
    metric.value = textOf(data, entry.value);
    if (entry.timeOffsetMs)
        metric.receivedAt = QDateTime::fromMSecsSinceEpoch(baseTimeMs + *entry.timeOffsetMs, Qt::UTC);
    return metric;
}

} // namespace

MetricSet::Location MetricSet::locate(const QString& path) const
{
    const std::optional<quint16> index = SharedPaths::instance().indexOf(path, false);
    for (qsizetype offset = 0; offset < m_data.size();) {
        const EntryView entry = readEntry(m_data, offset);
        // A path stored inline never had room in the shared table, and the full table never takes it later.
        const bool match = entry.pathRef == inlinePath ? !index && textOf(m_data, entry.inlinePath) == path
                                                       : index && entry.pathRef == *index;
        if (match)
            return {offset, entry.end - offset};
        offset = entry.end;
    }
    return {};
}

void MetricSet::insert(const QString& path, const MetricValue& metric)
{
    QByteArray encoded;
    const std::optional<quint16> index = SharedPaths::instance().indexOf(path, true);
    const bool hasTime = metric.receivedAt.isValid();
    const quint16 reference = quint16((index ? *index : inlinePath) | (hasTime ? 0 : noTimeFlag));
    encoded.append(reinterpret_cast<const char*>(&reference), sizeof reference);
    if (!index)
        appendText(encoded, path);
    if (hasTime) {
        const qint64 timeMs = metric.receivedAt.toMSecsSinceEpoch();
        if (!m_hasBaseTime) {
            m_baseTimeMs = timeMs;
            m_hasBaseTime = true;
        }
        // Zigzag: small differences of either sign take few bytes.
        const qint64 offset = timeMs - m_baseTimeMs;
        appendVarint(encoded, (quint64(offset) << 1) ^ quint64(offset >> 63));
    }
    appendText(encoded, metric.value);

    const Location found = locate(path);
    if (found.offset >= 0 && found.length == encoded.size()) {
        m_data.replace(found.offset, found.length, encoded);
        return;
    }
    if (found.offset >= 0)
        m_data.remove(found.offset, found.length);
    else
        ++m_count;
    m_data.append(encoded);
    // Appending grows the capacity ahead of need; a set changes rarely in size, so give the excess back.
    if (m_data.capacity() - m_data.size() > 64)
        m_data.squeeze();
}

MetricValue MetricSet::value(const QString& path) const
{
    return find(path).value_or(MetricValue {});
}

std::optional<MetricValue> MetricSet::find(const QString& path) const
{
    const Location found = locate(path);
    if (found.offset < 0)
        return std::nullopt;
    return metricOf(m_data, readEntry(m_data, found.offset), m_baseTimeMs);
}

bool MetricSet::remove(const QString& path)
{
    const Location found = locate(path);
    if (found.offset < 0)
        return false;
    m_data.remove(found.offset, found.length);
    --m_count;
    return true;
}

void MetricSet::clear()
{
    m_data = QByteArray();
    m_count = 0;
    m_baseTimeMs = 0;
    m_hasBaseTime = false;
}

QList<std::pair<QString, MetricValue>> MetricSet::entries() const
{
    QList<std::pair<QString, MetricValue>> result;
    result.reserve(m_count);
    for (qsizetype offset = 0; offset < m_data.size();) {
        const EntryView entry = readEntry(m_data, offset);
        result.append({pathOf(m_data, entry), metricOf(m_data, entry, m_baseTimeMs)});
        offset = entry.end;
    }
    std::sort(result.begin(), result.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return result;
}

bool MetricSet::operator==(const MetricSet& other) const
{
    if (m_count != other.m_count)
        return false;
    if (m_data == other.m_data && m_baseTimeMs == other.m_baseTimeMs)
        return true;
    return entries() == other.entries();
}

} // namespace gcn
