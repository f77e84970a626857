// gcn-manager-tray: the desktop tray monitor of GCN boards.

#include "TrayApplication.h"
#include "TrayBackend.h"
#include "TrayOptions.h"

#include <QApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QTextStream>
#include <QTranslator>

#include "config/Options.h"
#include "mqtt/MqttClient.h"
#include "operations/Logging.h"
#include "operations/SignalWatcher.h"

using namespace Qt::StringLiterals;

namespace {

constexpr int exitUsage = 2;

// Installs the tray's translation for the system locale (embedded under :/i18n), falling back to the
// English source texts, and Qt's own translation of its standard dialogs when the system has one.
void installTranslators(QApplication& app)
{
    auto* own = new QTranslator(&app);
    if (own->load(QLocale(), u"gcn"_s, u"_"_s, u":/i18n"_s))
        QApplication::installTranslator(own);
    auto* qtBase = new QTranslator(&app);
    if (qtBase->load(QLocale(), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qtBase);
}

int reportUsageError(const QString& message)
{
    QTextStream(stderr) << QCoreApplication::applicationName() << ": " << message << Qt::endl;
    if (qEnvironmentVariableIsEmpty("GCN_TRAY_TEST_REPORT"))
        QMessageBox::critical(nullptr, QCoreApplication::applicationName(), message);
    return exitUsage;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"gcn-manager-tray"_s);
    QApplication::setOrganizationName(u"gcn-manager"_s);
    QApplication::setApplicationVersion(QStringLiteral(GCN_VERSION));
    QApplication::setQuitOnLastWindowClosed(false);
    installTranslators(app);

    QString dotEnvError;
    const QStringList loadedNames = gcn::loadDotEnvFile(QDir::current().filePath(u".env"_s), &dotEnvError);
    if (!dotEnvError.isEmpty())
        return reportUsageError(dotEnvError);

    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const auto trayOptions = gcn::extractTrayOptions(QApplication::arguments().mid(1), environment);
    if (!trayOptions)
        return reportUsageError(trayOptions.error().toString());
    const auto parsed = gcn::parseConfiguration(trayOptions->remaining, environment);
    if (!parsed)
        return reportUsageError(parsed.error().toString());
    if (parsed->helpRequested) {
        QTextStream(stdout) << gcn::trayHelpText(QApplication::applicationName());
        return 0;
    }
    if (parsed->versionRequested) {
        QTextStream(stdout) << QApplication::applicationName() << ' ' << QApplication::applicationVersion() << Qt::endl;
        return 0;
    }
    if (!parsed->positional.isEmpty())
        return reportUsageError(u"unexpected argument '%1'; run with --help for the options"_s.arg(
            parsed->positional.first()));

    gcn::setUpLogging(parsed->settings.general.logLevel);
    if (!loadedNames.isEmpty())
        qCInfo(lcTray) << "loaded" << loadedNames.size() << "variables from .env";

    gcn::MqttClient::initializeLibrary();
    QSettings storage;
    gcn::TrayApplication tray(*parsed, *trayOptions, storage);
    gcn::SignalWatcher signals;
    QObject::connect(&signals, &gcn::SignalWatcher::stopRequested, &tray, [](int signalNumber, int count) {
        // A second signal ends the app at once.
        if (count > 1)
            QCoreApplication::exit(128 + signalNumber);
    });
    QObject::connect(&signals, &gcn::SignalWatcher::stopRequested, &tray, &gcn::TrayApplication::requestQuit);
    tray.start();
    return QApplication::exec();
}
