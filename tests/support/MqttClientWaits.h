#pragma once

#include "mqtt/MqttClient.h"

namespace gcn::test {

// Connects `client` and waits for CONNACK. Returns false (and logs the client's error) otherwise.
bool connectAndWait(MqttClient& client, int timeoutMs = 15'000);

// Starts a connection that must fail and returns its error. Returns Error::None when the signals were not
// exactly errorOccurred() then disconnected(), without connected(), or when error() disagrees.
MqttClient::Error failedConnectError(MqttClient& client, int timeoutMs = 15'000);

} // namespace gcn::test
