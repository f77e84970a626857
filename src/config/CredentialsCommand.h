#pragma once

#include <QStringList>
#include <QTextStream>

namespace gcn {

class SecretStore;

// Time limit of one keychain call made by the credentials command. It is longer than at start-up
// because a desktop keychain may first ask the user to unlock it.
inline constexpr int credentialsCommandTimeoutMs = 30'000;

// Runs `gcn-manager credentials ACTION [NAME]` on the OS keychain (QtKeychainSecretStore) with
// standard input as the source of a new value. args are the words after `credentials`:
//   set NAME      reads the value from the terminal without echo (asked twice), or from standard
//                 input up to its end, less one trailing newline, when it is not a terminal;
//   get NAME      prints the value and a newline to out;
//   delete NAME   removes the value;
//   list          prints the names that hold a value, one per line, never the values;
//   help          prints the usage.
// NAME is the long option name of a secret option, e.g. mqtt-user-password.
// Returns the exit status: 0 on success, 1 when the keychain fails or NAME holds no value, 2 on a
// usage error such as an unknown action or NAME (the message then lists the valid names).
// A QCoreApplication must exist.
int runCredentialsCommand(const QStringList& args, QTextStream& out, QTextStream& err);

// The same on any store, reading a new value from the file descriptor inputFd.
int runCredentialsCommand(const QStringList& args, SecretStore& store, int inputFd, QTextStream& out,
                          QTextStream& err);

} // namespace gcn
