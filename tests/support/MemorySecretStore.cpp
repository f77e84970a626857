#include "MemorySecretStore.h"

namespace gcn::test {

using namespace Qt::StringLiterals;

QString MemorySecretStore::description() const
{
    return u"the test store"_s;
}

std::expected<std::optional<QString>, SecretStoreError> MemorySecretStore::read(const QString& name)
{
    ++m_readCount;
    if (m_failure)
        return std::unexpected(*m_failure);
    if (!m_values.contains(name))
        return std::optional<QString>();
    return std::optional<QString>(m_values.value(name));
}

std::expected<void, SecretStoreError> MemorySecretStore::write(const QString& name, const QString& value)
{
    if (m_failure)
        return std::unexpected(*m_failure);
    m_values.insert(name, value);
    return {};
}

std::expected<void, SecretStoreError> MemorySecretStore::remove(const QString& name)
{
    if (m_failure)
        return std::unexpected(*m_failure);
    m_values.remove(name);
    return {};
}

std::expected<QStringList, SecretStoreError> MemorySecretStore::list()
{
    if (m_failure)
        return std::unexpected(*m_failure);
    return m_values.keys();
}

void MemorySecretStore::setFailure(std::optional<SecretStoreError> error)
{
    m_failure = std::move(error);
}

} // namespace gcn::test
