#pragma once

#include "supervision/BoardRecord.h"

#include <expected>
#include <memory>
#include <optional>

#include <QList>
#include <QLoggingCategory>
#include <QMap>
#include <QObject>
#include <QPair>
#include <QString>

Q_DECLARE_LOGGING_CATEGORY(lcStorage)

namespace gcn {

// A failure to open or use a store file.
struct StoreError
{
    QString path;
    QString message;

    // One line for the user: "<path>: <message>".
    QString toString() const;
};

// The board records, kept in SQLite (`boards.sqlite` in the state folder) so that a restarted manager
// can compare retained messages with what it had already seen and announced.
//
// Writes are queued and committed together in one transaction after a short delay (flushDelayMs()), so
// that thousands of messages per second cost a few transactions. Those commits run on a thread of the
// store's own, so that the event loop keeps reading messages while SQLite writes. flush() waits for that
// thread and writes the rest at once; the destructor flushes too, so a clean stop loses nothing. A failed
// commit keeps its changes queued, logs a warning, emits writeFailed() and is retried.
//
// A read-only store (Mode::ReadOnly) opens an existing file without changing it, for
// `gcn-manager status` next to a running or stopped manager. Every instance has its own Qt SQL
// connection, so several stores may be open in one process; each must be used from the thread that
// opened it.
//
// NOTE: the file is in WAL mode, so a read-only open by a user who cannot write to the state folder
// fails when SQLite's `-shm` file is missing (no manager running); run `status` as the service's user.
class BoardStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BoardStore)

public:
    enum class Mode { ReadWrite, ReadOnly };

    static constexpr int defaultFlushDelayMs = 200;
    static constexpr int retryDelayMs = 5000;

    // Name of the file inside the state folder.
    static QString fileName();

    // Opens (ReadWrite: creates if needed, with the folder) the store of a state folder.
    static std::expected<std::unique_ptr<BoardStore>, StoreError> open(const QString& stateDir, Mode mode,
                                                                        QObject* parent = nullptr);
    ~BoardStore() override;

    Mode mode() const;
    QString filePath() const;

    // Every stored record, sorted by board id, as of the last commit. In a ReadWrite store, queued changes
    // are committed first. heartbeatReceivedMs is -1 in every returned record. Returns an empty list and
    // logs a warning when the file cannot be read.
    QList<BoardRecord> boards() const;
    std::optional<BoardRecord> board(const QString& boardId) const;

    // Queue a change. The board row contains every field of BoardRecord except pins and metrics.
    void saveBoard(const BoardRecord& record);
    void savePin(const QString& boardId, const QString& pin, const PinSample& sample);
    void removePin(const QString& boardId, const QString& pin);
    void saveMetric(const QString& boardId, const QString& path, const MetricValue& metric);
    // Queue the board row, every pin and every metric of a record.
    void saveRecord(const BoardRecord& record);

    // Waits for the commit in progress, then commits every queued change in one transaction. Returns false
    // and keeps the changes queued when a commit fails; returns true at once when nothing is queued.
    bool flush();
    // Changes not committed yet, the ones being committed included.
    int pendingChangeCount() const;
    int flushDelayMs() const;
    void setFlushDelayMs(int delayMs);

Q_SIGNALS:
    // A commit failed; the changes stay queued and are retried after retryDelayMs.
    void writeFailed(const QString& error);

private:
    BoardStore(const QString& filePath, Mode mode, QObject* parent);
    std::optional<StoreError> openDatabase();
    // Creates the tables, or adds what a file of an older schema version lacks.
    std::optional<StoreError> createSchema(int fileVersion);
    void scheduleFlush(int delayMs);
    // Hands the queued changes to the writer thread, unless it is busy.
    void startWrite();
    void waitForWrite();
    void finishWrite();
    void reportWriteFailure(const QString& error);
    QList<BoardRecord> readBoards(const QString& onlyBoardId) const;

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace gcn
