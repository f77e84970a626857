#pragma once

#include "config/SecretStore.h"

#include <QMap>

namespace gcn::test {

// A SecretStore in memory for unit tests, which can also be made to fail like an absent or locked keychain.
class MemorySecretStore final : public gcn::SecretStore
{
public:
    QString description() const override;
    std::expected<std::optional<QString>, SecretStoreError> read(const QString& name) override;
    std::expected<void, SecretStoreError> write(const QString& name, const QString& value) override;
    std::expected<void, SecretStoreError> remove(const QString& name) override;
    std::expected<QStringList, SecretStoreError> list() override;

    // Makes every later call fail with error, or succeed again with std::nullopt.
    void setFailure(std::optional<SecretStoreError> error);
    // Number of read() calls so far, including failed ones.
    int readCount() const { return m_readCount; }
    const QMap<QString, QString>& values() const { return m_values; }

private:
    QMap<QString, QString> m_values;
    std::optional<SecretStoreError> m_failure;
    int m_readCount = 0;
};

} // namespace gcn::test
