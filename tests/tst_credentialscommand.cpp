#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include <QDeadlineTimer>
#include <QTest>
#include <QTextStream>

#include "MemorySecretStore.h"
#include "config/CredentialsCommand.h"
#include "config/SecretStore.h"

using namespace Qt::StringLiterals;

namespace {

// A pipe whose write end is filled and closed at once, as `printf VALUE | gcn-manager credentials set`.
class InputPipe
{
public:
    explicit InputPipe(const QByteArray& content)
    {
        if (::pipe(m_fds) != 0)
            qFatal("pipe() failed");
        if (::write(m_fds[1], content.constData(), std::size_t(content.size())) != content.size())
            qFatal("cannot fill the pipe");
        ::close(m_fds[1]);
    }
    ~InputPipe() { ::close(m_fds[0]); }
    int readEnd() const { return m_fds[0]; }

private:
    int m_fds[2] = {-1, -1};
};

// A pseudo-terminal on which a thread types one line after each prompt, as a person would.
class TypedTerminal
{
public:
    TypedTerminal(const QByteArrayList& prompts, const QByteArrayList& lines)
    {
        if (::openpty(&m_master, &m_slave, nullptr, nullptr, nullptr) != 0)
            qFatal("openpty() failed");
        m_typist = std::thread([this, prompts, lines] { type(prompts, lines); });
    }

    ~TypedTerminal()
    {
        m_stop = true;
        if (m_typist.joinable())
            m_typist.join();
        ::close(m_slave);
        ::close(m_master);
    }

    int slave() const { return m_slave; }

    // Waits for the typist and returns everything the terminal showed: prompts and any echo.
    QByteArray finish()
    {
        if (m_typist.joinable())
            m_typist.join();
        readAvailable(200);
        return m_shown;
    }

    bool echoIsOn() const
    {
        struct termios attributes {};
        return tcgetattr(m_slave, &attributes) == 0 && (attributes.c_lflag & ECHO);
    }

    bool typedAll() const { return m_typedAll; }

private:
    void type(const QByteArrayList& prompts, const QByteArrayList& lines)
    {
        qsizetype seen = 0;
        for (qsizetype index = 0; index < lines.size(); ++index) {
            const QDeadlineTimer deadline(10000);
            while (m_shown.indexOf(prompts.at(index), seen) < 0) {
                if (m_stop || deadline.hasExpired())
                    return;
                readAvailable(20);
            }
            seen = m_shown.indexOf(prompts.at(index), seen) + prompts.at(index).size();
            if (::write(m_master, lines.at(index).constData(), std::size_t(lines.at(index).size())) < 0)
                return;
        }
        m_typedAll = true;
    }

    void readAvailable(int timeoutMs)
    {
        pollfd descriptor {m_master, POLLIN, 0};
        while (::poll(&descriptor, 1, timeoutMs) > 0 && (descriptor.revents & POLLIN)) {
            char buffer[256];
            const ssize_t count = ::read(m_master, buffer, sizeof buffer);
            if (count <= 0)
                return;
            m_shown.append(buffer, count);
            timeoutMs = 0;
        }
    }

    int m_master = -1;
    int m_slave = -1;
    QByteArray m_shown;
    std::atomic<bool> m_stop = false;
    std::atomic<bool> m_typedAll = false;
    std::thread m_typist;
};

struct CommandResult
{
    int status = -1;
    QString out;
    QString err;
};

CommandResult run(const QStringList& args, gcn::SecretStore& store, int inputFd = -1)
{
    CommandResult result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    result.status = gcn::runCredentialsCommand(args, store, inputFd, out, err);
    return result;
}

} // namespace

class TestCredentialsCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void setReadsPipedInput_data();
    void setReadsPipedInput();
    void setRejectsEmptyValue();
    void setReadsTerminalWithoutEcho();
    void setRejectsDifferentRepeat();
    void getPrintsValue();
    void getMissingFails();
    void deleteRemovesValue();
    void deleteMissingFails();
    void listPrintsNamesOnly();
    void unknownNameListsValidNames_data();
    void unknownNameListsValidNames();
    void usageErrors_data();
    void usageErrors();
    void helpPrintsUsage();
    void storeFailureReported();
};

void TestCredentialsCommand::setReadsPipedInput_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("with newline") << "s3cret value\n"_ba << u"s3cret value"_s;
    QTest::newRow("without newline") << "s3cret value"_ba << u"s3cret value"_s;
    QTest::newRow("two lines kept") << "line one\nline two\n"_ba << u"line one\nline two"_s;
}

void TestCredentialsCommand::setReadsPipedInput()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);

    gcn::test::MemorySecretStore store;
    const InputPipe pipe(input);
    const CommandResult result = run({u"set"_s, u"email-password"_s}, store, pipe.readEnd());
    QCOMPARE(result.status, 0);
    QCOMPARE(store.values().value(u"email-password"_s), expected);
    QVERIFY2(result.out.contains(u"stored email-password in the test store"_s), qPrintable(result.out));
    QVERIFY(!result.out.contains(expected));
    QVERIFY(!result.err.contains(expected));
}

void TestCredentialsCommand::setRejectsEmptyValue()
{
    gcn::test::MemorySecretStore store;
    const InputPipe pipe("\n");
    const CommandResult result = run({u"set"_s, u"email-password"_s}, store, pipe.readEnd());
    QCOMPARE(result.status, 1);
    QVERIFY(store.values().isEmpty());
    QVERIFY2(result.err.contains(u"empty"_s), qPrintable(result.err));
}

void TestCredentialsCommand::setReadsTerminalWithoutEcho()
{
    gcn::test::MemorySecretStore store;
    TypedTerminal terminal({"Value of sms-ovh-app-secret", "Repeat the value"},
                           {"Typed-Secret-9\n", "Typed-Secret-9\n"});
    QVERIFY(terminal.echoIsOn());

    const CommandResult result = run({u"set"_s, u"sms-ovh-app-secret"_s}, store, terminal.slave());
    const QByteArray shown = terminal.finish();

    QVERIFY(terminal.typedAll());
    QCOMPARE(result.status, 0);
    QCOMPARE(store.values().value(u"sms-ovh-app-secret"_s), u"Typed-Secret-9"_s);
    QVERIFY2(shown.contains("Value of sms-ovh-app-secret"), shown.constData());
    QVERIFY2(!shown.contains("Typed-Secret-9"), shown.constData());
    QVERIFY(terminal.echoIsOn());
}

void TestCredentialsCommand::setRejectsDifferentRepeat()
{
    gcn::test::MemorySecretStore store;
    TypedTerminal terminal({"Value of sms-ovh-app-secret", "Repeat the value"}, {"first\n", "second\n"});

    const CommandResult result = run({u"set"_s, u"sms-ovh-app-secret"_s}, store, terminal.slave());
    terminal.finish();

    QCOMPARE(result.status, 1);
    QVERIFY(store.values().isEmpty());
    QVERIFY2(result.err.contains(u"the two values differ; nothing stored"_s), qPrintable(result.err));
    QVERIFY(terminal.echoIsOn());
}

void TestCredentialsCommand::getPrintsValue()
{
    gcn::test::MemorySecretStore store;
    QVERIFY(store.write(u"twitter-user-access-token"_s, u"tok en"_s));
    const CommandResult result = run({u"get"_s, u"twitter-user-access-token"_s}, store);
    QCOMPARE(result.status, 0);
    QCOMPARE(result.out, u"tok en\n"_s);
    QVERIFY(result.err.isEmpty());
}

void TestCredentialsCommand::getMissingFails()
{
    gcn::test::MemorySecretStore store;
    const CommandResult result = run({u"get"_s, u"twitter-user-access-token"_s}, store);
    QCOMPARE(result.status, 1);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.contains(u"twitter-user-access-token is not stored in the test store"_s),
             qPrintable(result.err));
}

void TestCredentialsCommand::deleteRemovesValue()
{
    gcn::test::MemorySecretStore store;
    QVERIFY(store.write(u"sms-ovh-app-key"_s, u"k"_s));
    QVERIFY(store.write(u"sms-ovh-consumer-key"_s, u"c"_s));
    const CommandResult result = run({u"delete"_s, u"sms-ovh-app-key"_s}, store);
    QCOMPARE(result.status, 0);
    QVERIFY(!store.values().contains(u"sms-ovh-app-key"_s));
    QVERIFY(store.values().contains(u"sms-ovh-consumer-key"_s));
    QVERIFY2(result.out.contains(u"deleted sms-ovh-app-key"_s), qPrintable(result.out));
}

void TestCredentialsCommand::deleteMissingFails()
{
    gcn::test::MemorySecretStore store;
    const CommandResult result = run({u"delete"_s, u"sms-ovh-app-key"_s}, store);
    QCOMPARE(result.status, 1);
    QVERIFY2(result.err.contains(u"sms-ovh-app-key is not stored"_s), qPrintable(result.err));
}

void TestCredentialsCommand::listPrintsNamesOnly()
{
    gcn::test::MemorySecretStore store;
    QVERIFY(store.write(u"mqtt-user-password"_s, u"Listed-Value-1"_s));
    QVERIFY(store.write(u"email-password"_s, u"Listed-Value-2"_s));
    const CommandResult result = run({u"list"_s}, store);
    QCOMPARE(result.status, 0);
    QCOMPARE(result.out, u"email-password\nmqtt-user-password\n"_s);
    QVERIFY(!result.err.contains(u"Listed-Value"_s));

    gcn::test::MemorySecretStore empty;
    const CommandResult none = run({u"list"_s}, empty);
    QCOMPARE(none.status, 0);
    QVERIFY(none.out.isEmpty());
    QVERIFY2(none.err.contains(u"no secrets are stored"_s), qPrintable(none.err));
}

void TestCredentialsCommand::unknownNameListsValidNames_data()
{
    QTest::addColumn<QString>("action");
    QTest::newRow("set") << u"set"_s;
    QTest::newRow("get") << u"get"_s;
    QTest::newRow("delete") << u"delete"_s;
}

void TestCredentialsCommand::unknownNameListsValidNames()
{
    QFETCH(QString, action);

    gcn::test::MemorySecretStore store;
    const InputPipe pipe("value");
    const CommandResult result = run({action, u"mqtt-password"_s}, store, pipe.readEnd());
    QCOMPARE(result.status, 2);
    QVERIFY(store.values().isEmpty());
    QCOMPARE(store.readCount(), 0);
    QVERIFY2(result.err.contains(u"unknown NAME 'mqtt-password'"_s), qPrintable(result.err));
    for (const QString& name : gcn::secretOptionNames())
        QVERIFY2(result.err.contains(name), qPrintable(u"%1 not listed in: %2"_s.arg(name, result.err)));
    QCOMPARE(gcn::secretOptionNames().size(), 10);
}

void TestCredentialsCommand::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");

    QTest::newRow("no action") << QStringList {} << u"missing action"_s;
    QTest::newRow("unknown action") << QStringList {u"show"_s} << u"unknown action 'show'"_s;
    QTest::newRow("set without name") << QStringList {u"set"_s} << u"set needs a NAME"_s;
    QTest::newRow("get with two names") << QStringList {u"get"_s, u"email-password"_s, u"sms-ovh-app-key"_s}
                                        << u"get takes one NAME"_s;
    QTest::newRow("list with a name") << QStringList {u"list"_s, u"email-password"_s} << u"list takes no NAME"_s;
}

void TestCredentialsCommand::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);

    gcn::test::MemorySecretStore store;
    const CommandResult result = run(args, store);
    QCOMPARE(result.status, 2);
    QVERIFY2(result.err.contains(expected), qPrintable(result.err));
    QVERIFY2(result.err.contains(u"Usage: gcn-manager credentials"_s), qPrintable(result.err));
    QCOMPARE(store.readCount(), 0);
}

void TestCredentialsCommand::helpPrintsUsage()
{
    gcn::test::MemorySecretStore store;
    const CommandResult result = run({u"help"_s}, store);
    QCOMPARE(result.status, 0);
    QVERIFY(result.out.startsWith(u"Usage: gcn-manager credentials"_s));
    QVERIFY(result.out.contains(u"twitter-user-access-token-secret"_s));
}

void TestCredentialsCommand::storeFailureReported()
{
    gcn::test::MemorySecretStore store;
    store.setFailure(gcn::SecretStoreError {gcn::SecretStoreError::Code::Unavailable, u"no session bus here"_s});
    const InputPipe pipe("value");
    const QList<QStringList> commands {{u"set"_s, u"email-password"_s},
                                       {u"get"_s, u"email-password"_s},
                                       {u"delete"_s, u"email-password"_s},
                                       {u"list"_s}};
    for (const QStringList& args : commands) {
        const CommandResult result = run(args, store, pipe.readEnd());
        QCOMPARE(result.status, 1);
        QVERIFY2(result.err.contains(u"no session bus here"_s), qPrintable(result.err));
        QVERIFY(result.out.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestCredentialsCommand)
#include "tst_credentialscommand.moc"
