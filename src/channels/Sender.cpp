#include "channels/Sender.h"

namespace gcn {

using namespace Qt::StringLiterals;

QString channelName(Channel channel)
{
    switch (channel) {
    case Channel::Email:
        return u"email"_s;
    case Channel::Sms:
        return u"sms"_s;
    case Channel::Twitter:
        return u"twitter"_s;
    case Channel::Desktop:
        return u"desktop"_s;
    }
    return u"unknown"_s;
}

} // namespace gcn
