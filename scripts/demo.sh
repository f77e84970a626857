#!/bin/sh
# Runs gcn-manager on built-in defaults: a local TLS broker with passwords, simulated boards that change
# a pin every few seconds, a local mail server, and the manager sending e-mails to it. Stop with Ctrl-C.
# Everything listens on 127.0.0.1 only; files go to build/demo/.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)

if [ "${GCN_DEMO_SKIP_INSTALL:-0}" != 1 ]; then
    .ci/install-deps
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target gcn-manager gcn-board-sim

demo=$root/build/demo
mkdir -p "$demo/mail" "$demo/state"
broker_port=${GCN_DEMO_BROKER_PORT:-18883}
smtp_port=${GCN_DEMO_SMTP_PORT:-18587}
boards=${GCN_DEMO_BOARDS:-3}

# A private CA and a server certificate for localhost, made once.
if [ ! -f "$demo/ca.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=gcn-manager demo CA" \
        -keyout "$demo/ca.key" -out "$demo/ca.pem" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
        -keyout "$demo/server.key" -out "$demo/server.csr" 2>/dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$demo/server.ext"
    openssl x509 -req -in "$demo/server.csr" -CA "$demo/ca.pem" -CAkey "$demo/ca.key" -CAcreateserial \
        -days 3650 -extfile "$demo/server.ext" -out "$demo/server.pem" 2>/dev/null
fi

manager_password=$(openssl rand -hex 12)
board_password=$(openssl rand -hex 12)
: >"$demo/passwords"
mosquitto_passwd -b "$demo/passwords" gcn-manager "$manager_password"
mosquitto_passwd -b "$demo/passwords" board "$board_password"
cat >"$demo/mosquitto.conf" <<CONF
user root
persistence false
allow_anonymous false
password_file $demo/passwords
listener $broker_port 127.0.0.1
cafile $demo/ca.pem
certfile $demo/server.pem
keyfile $demo/server.key
CONF

pids=""
manager=""
cleanup() {
    for pid in $pids; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
}
# Ctrl-C and timeout(1) signal the whole process group, the manager included, and a second signal would
# stop it at once without its last notifications. So give it time to stop, and pass a TERM on only when a
# signal was sent to this script alone.
stop_manager() {
    if [ -n "$manager" ]; then
        waited=0
        while kill -0 "$manager" 2>/dev/null && [ "$waited" -lt 10 ]; do
            sleep 1
            waited=$((waited + 1))
        done
        kill -TERM "$manager" 2>/dev/null || true
        wait "$manager" 2>/dev/null || true
    fi
    exit 0
}
trap cleanup EXIT
trap stop_manager INT TERM

mosquitto -c "$demo/mosquitto.conf" >"$demo/mosquitto.log" 2>&1 &
pids="$pids $!"

smtp_password=$(openssl rand -hex 12)
/usr/bin/python3 tests/support/smtp_server.py --port "$smtp_port" --mode starttls --cert "$demo/server.pem" \
    --key "$demo/server.key" --mail-dir "$demo/mail" --user demo --password "$smtp_password" \
    >"$demo/smtp.log" 2>&1 &
pids="$pids $!"
sleep 1

GCN_SIM_PASSWORD=$board_password build/tools/board-sim/gcn-board-sim --host localhost --port "$broker_port" \
    --ca-file "$demo/ca.pem" --user board --boards "$boards" --heartbeat-interval-ms 5000 \
    --demo-interval-ms 7000 >"$demo/boards.log" 2>&1 &
pids="$pids $!"

echo "Broker on 127.0.0.1:$broker_port, $boards simulated boards, e-mails in $demo/mail. Ctrl-C stops."
echo "The manager logs to this terminal; the broker, boards and mail server log to $demo/*.log."
GCN_MQTT_USER_PASSWORD=$manager_password \
GCN_EMAIL_SMTP_PASSWORD=$smtp_password \
build/src/gcn-manager \
    --mqtt-host localhost --mqtt-port "$broker_port" --mqtt-tls-ca-file "$demo/ca.pem" \
    --mqtt-user-name gcn-manager --mqtt-reconnect --log-level info --state-dir "$demo/state" \
    --client-heartbeat-watchdog 15 \
    --enable-email-notifications --email-from "GCN demo <gcn@localhost>" \
    --email-smtp-host localhost --email-smtp-port "$smtp_port" --email-smtp-starttls \
    --email-smtp-ca-file "$demo/ca.pem" --email-username demo \
    --notify-client-gpio-change-up-recipients demo@localhost \
    --notify-client-gpio-change-down-recipients demo@localhost \
    --notify-client-status-change-offline-recipients demo@localhost \
    --notify-client-missed-heartbeat-recipients demo@localhost \
    --notify-manager-connected-recipients demo@localhost \
    --notify-batch-window 3 \
    "$@" &
manager=$!
wait "$manager"
