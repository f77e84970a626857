#include "common/Clock.h"
#include "config/CredentialsCommand.h"
#include "config/Options.h"
#include "config/QtKeychainSecretStore.h"
#include "config/SecretResolver.h"
#include "mqtt/MqttClient.h"
#include "notifications/HistoryCommand.h"
#include "operations/BoardCommands.h"
#include "operations/Logging.h"
#include "operations/ManagerService.h"
#include "operations/SignalWatcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

constexpr int exitUsage = 2;

int runService(const gcn::Settings& settings)
{
    gcn::MqttClient::initializeLibrary();
    gcn::ManagerService service(settings, gcn::Clock::system());
    gcn::SignalWatcher signals;
    int exitCode = 0;
    QObject::connect(&signals, &gcn::SignalWatcher::stopRequested, &service, [&](int signalNumber, int count) {
        if (count == 1) {
            service.stop();
            return;
        }
        qCWarning(lcService) << "second stop signal; stopping at once";
        exitCode = 128 + signalNumber;
        QCoreApplication::exit(exitCode);
    });
    QObject::connect(&service, &gcn::ManagerService::finished, &service,
                     [&](int code, const QString& failureMessage) {
                         if (!failureMessage.isEmpty()) {
                             QTextStream err(stderr);
                             err << QCoreApplication::applicationName() << ": " << failureMessage << Qt::endl;
                         }
                         exitCode = code;
                         QCoreApplication::exit(code);
                     });
    QMetaObject::invokeMethod(&service, &gcn::ManagerService::start, Qt::QueuedConnection);
    const int loopResult = QCoreApplication::exec();
    return loopResult != 0 ? loopResult : exitCode;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"gcn-manager"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(GCN_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);

    QString dotEnvError;
    const QStringList loadedNames = gcn::loadDotEnvFile(QDir::current().filePath(u".env"_s), &dotEnvError);
    if (!dotEnvError.isEmpty()) {
        err << "gcn-manager: " << dotEnvError << Qt::endl;
        return exitUsage;
    }

    const QStringList arguments = QCoreApplication::arguments().mid(1);
    // Used by the build to write the man page from the option table.
    if (arguments == QStringList {u"--help-man"_s}) {
        out << gcn::manPage(u"gcn-manager"_s, QCoreApplication::applicationVersion());
        return 0;
    }
    auto parsed = gcn::parseConfiguration(arguments, QProcessEnvironment::systemEnvironment());
    if (!parsed) {
        err << "gcn-manager: " << parsed.error().toString() << Qt::endl;
        return exitUsage;
    }
    if (parsed->helpRequested) {
        out << gcn::helpText(u"gcn-manager"_s);
        return 0;
    }
    if (parsed->versionRequested) {
        out << "gcn-manager " << QCoreApplication::applicationVersion() << Qt::endl;
        return 0;
    }
    if (parsed->settings.general.printEnvThenExit) {
        for (const QString& line : gcn::printableEnvironment(QProcessEnvironment::systemEnvironment()))
            out << line << '\n';
        return 0;
    }

    const bool trace = parsed->settings.general.trace;
    gcn::setUpLogging(trace ? gcn::LogLevel::Debug : parsed->settings.general.logLevel);
    // With --trace, errors end the run with status 1, as an uncaught error did in the first manager.
    const int exitError = trace ? 1 : exitUsage;
    if (!loadedNames.isEmpty())
        qCInfo(lcConfig) << "loaded" << loadedNames.size() << "variables from .env";

    const QString command = parsed->positional.value(0);
    const QStringList commandArguments = parsed->positional.mid(1);
    if (command == "credentials"_L1)
        return gcn::runCredentialsCommand(commandArguments, out, err);
    if (command == "status"_L1)
        return gcn::runStatusCommand(commandArguments, parsed->settings, out, err);
    if (!command.isEmpty() && command != "send-command"_L1 && command != "history"_L1) {
        err << "gcn-manager: unknown command '" << command << "'; run gcn-manager --help for the commands"
            << Qt::endl;
        return exitUsage;
    }

    if (command == "history"_L1)
        return gcn::runHistoryCommand(commandArguments, parsed->settings, out, err);

    if (const std::optional<gcn::ConfigError> error = gcn::validateForRun(parsed->settings)) {
        err << "gcn-manager: " << error->toString() << Qt::endl;
        return exitError;
    }
    gcn::QtKeychainSecretStore keychain;
    const auto resolution = gcn::resolveSecrets(*parsed, QProcessEnvironment::systemEnvironment(), &keychain);
    if (!resolution) {
        err << "gcn-manager: " << resolution.error().toString() << Qt::endl;
        return exitError;
    }
    if (const std::optional<gcn::ConfigError> missing = gcn::requireSecretsForRun(parsed->settings, &*resolution)) {
        err << "gcn-manager: " << missing->toString() << Qt::endl;
        return exitError;
    }
    if (command == "send-command"_L1) {
        gcn::MqttClient::initializeLibrary();
        return gcn::runSendCommand(commandArguments, parsed->settings, out, err);
    }
    if (const std::optional<gcn::ConfigError> error = gcn::ManagerService::validate(parsed->settings)) {
        err << "gcn-manager: " << error->toString() << Qt::endl;
        return exitError;
    }
    const int status = runService(parsed->settings);
    return trace && status == exitUsage ? exitError : status;
}
