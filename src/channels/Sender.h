#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>

#include <optional>

namespace gcn {

enum class Channel { Email, Sms, Twitter, Desktop };

QString channelName(Channel channel);

// One message for one recipient on one channel, already written to the outbox.
struct OutgoingMessage
{
    // Outbox row id; a sender reports its outcome with it.
    qint64 id = 0;
    Channel channel = Channel::Email;
    // E-mail address, +E.164 number or @handle.
    QString recipient;
    QString subject;
    // Fits one GSM 7-bit SMS part and an X post.
    QString shortText;
    // The full text, for e-mail.
    QString longText;
    // When the first event in this message happened.
    QDateTime createdAt;
};

enum class DeliveryStatus { Delivered, TransientFailure, PermanentFailure };

struct DeliveryOutcome
{
    DeliveryStatus status = DeliveryStatus::Delivered;
    // Why it failed, in words a user can act on; never contains a secret.
    QString error;
    // For a transient failure: the earliest retry the service asked for (e.g. a rate-limit reset).
    std::optional<QDateTime> retryNotBefore;
};

// Delivers messages of one channel. Each send() is answered by exactly one finished() with the same id,
// asynchronously; a sender may run several sends at once.
class Sender : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual Channel channel() const = 0;
    virtual void send(const OutgoingMessage& message) = 0;

Q_SIGNALS:
    void finished(qint64 messageId, const gcn::DeliveryOutcome& outcome);
};

} // namespace gcn
