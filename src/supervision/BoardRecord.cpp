#include "supervision/BoardRecord.h"

namespace gcn {

using namespace Qt::StringLiterals;

QString boardStatusName(BoardStatus status)
{
    switch (status) {
    case BoardStatus::Online:
        return u"online"_s;
    case BoardStatus::Offline:
        return u"offline"_s;
    case BoardStatus::Unknown:
        break;
    }
    return u"unknown"_s;
}

std::optional<BoardStatus> boardStatusFromName(const QString& name)
{
    for (const BoardStatus status : {BoardStatus::Unknown, BoardStatus::Online, BoardStatus::Offline}) {
        if (name == boardStatusName(status))
            return status;
    }
    return std::nullopt;
}

} // namespace gcn
