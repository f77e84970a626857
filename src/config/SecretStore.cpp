#include "config/SecretStore.h"

#include "config/Options.h"

Q_LOGGING_CATEGORY(lcKeychain, "gcn.keychain")

namespace gcn {

QStringList secretOptionNames()
{
    QStringList names;
    for (const OptionSpec& spec : optionTable()) {
        if (spec.secret)
            names.append(spec.name);
    }
    return names;
}

} // namespace gcn
