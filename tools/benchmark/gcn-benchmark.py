#!/usr/bin/python3
"""Benchmarks of gcn-manager against a local mosquitto over TLS.

Each scenario starts what it needs on free loopback ports: a mosquitto broker with TLS and password
authentication, the SMTP server of the tests (tests/support/smtp_server.py, STARTTLS and AUTH), the manager
and gcn-loadgen, which publishes the traffic of many boards. It measures, stops everything it started and
prints its figures; --json FILE also writes them with a description of the machine.

Scenarios:
  throughput  messages processed per second by the manager, from its own counters, beside a bare
              mosquitto_sub on the same stream; CPU time per 10,000 messages
  latency     GPIO change published by a board to the e-mail handed to the SMTP server, p50 and p99
  death       board killed (the will fires) to the offline e-mail; heartbeats stopped to the
              missed-heartbeat e-mail, beyond the watchdog period
  memory      resident memory of the manager with several fleet sizes
  startup     start-up with the retained state of many boards in the broker
  callgrind   instructions per 10,000 messages of a fixed replay, under valgrind --tool=callgrind
  soak        resident memory over a long run at a steady rate
  tiny        every scenario at a tiny size, to prove that the tool works; exits 1 when a figure is missing

Run it with Debian's interpreter, /usr/bin/python3, which has python3-aiosmtpd for the SMTP server.
"""

import argparse
import datetime
import json
import math
import os
import platform
import queue
import re
import resource
import secrets
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

SOURCE_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# The manager's subscriptions (managerSubscriptions() in src/protocol/Topics.cpp); the bare subscriber uses
# the same ones, so that both receive each message as often.
MANAGER_FILTERS = [
    "gcn_manager/status/+",
    "gcn/+/out/+",
    "gcn/+/out/+/+",
    "gcn/+/out/network/dns/+",
]


class BenchmarkError(Exception):
    pass


def log(message):
    print("[%s] %s" % (time.strftime("%H:%M:%S"), message), file=sys.stderr, flush=True)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(predicate, timeout, description, interval=0.01):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise BenchmarkError("timed out after %.0f s waiting for %s" % (timeout, description))


def percentile(values, fraction):
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def raise_file_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


# ---- Processes ----------------------------------------------------------------------------------------


class Process:
    """A child process whose output goes to a file, stopped by its own pid only."""

    def __init__(self, name, arguments, log_path, env=None, stdin=subprocess.DEVNULL, stdout=None):
        self.name = name
        self.log_path = log_path
        self.log_file = open(log_path, "wb")
        self.popen = subprocess.Popen(
            arguments,
            stdin=stdin,
            stdout=stdout if stdout is not None else self.log_file,
            stderr=self.log_file,
            env=env,
        )
        self.started_at = time.time()

    @property
    def pid(self):
        return self.popen.pid

    def running(self):
        return self.popen.poll() is None

    def log_text(self):
        with open(self.log_path, "rb") as text:
            return text.read().decode(errors="replace")

    def log_contains(self, needle):
        """Return whether the log contains needle, reading only what was added since the previous call."""
        if not hasattr(self, "_scan"):
            self._scan = {"offset": 0, "tail": b""}
        with open(self.log_path, "rb") as text:
            text.seek(self._scan["offset"])
            added = text.read()
        self._scan["offset"] += len(added)
        window = self._scan["tail"] + added
        self._scan["tail"] = window[-len(needle):]
        return needle in window

    def stop(self, timeout=20):
        if self.running():
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                log("%s (pid %d) did not stop within %d s; killing it" % (self.name, self.pid, timeout))
                self.popen.kill()
                self.popen.wait(10)
        self.log_file.close()
        return self.popen.returncode


def proc_status(pid):
    """VmRSS and VmHWM of a process, in KiB."""
    values = {}
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    return values


def cpu_seconds(pid):
    """User plus system CPU time of a process, in seconds."""
    with open("/proc/%d/stat" % pid) as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    # Fields 14 and 15 of proc(5), counted from the state field (3).
    ticks = int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


# ---- Certificates and broker --------------------------------------------------------------------------


class Certificates:
    """A CA and a server certificate for localhost and 127.0.0.1, made with the openssl CLI."""

    def __init__(self, folder):
        self.folder = folder
        os.makedirs(folder, exist_ok=True)
        self.ca = os.path.join(folder, "ca.crt")
        self.cert = os.path.join(folder, "server.crt")
        self.key = os.path.join(folder, "server.key")
        self._openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                       "-keyout", os.path.join(folder, "ca.key"), "-out", self.ca, "-days", "30",
                       "-subj", "/CN=gcn benchmark CA", "-addext", "basicConstraints=critical,CA:TRUE",
                       "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
        extensions = os.path.join(folder, "server.ext")
        with open(extensions, "w") as text:
            text.write("basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                       "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n")
        csr = os.path.join(folder, "server.csr")
        self._openssl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                       "-keyout", self.key, "-out", csr, "-subj", "/CN=localhost"])
        self._openssl(["x509", "-req", "-in", csr, "-CA", self.ca, "-CAkey", os.path.join(folder, "ca.key"),
                       "-set_serial", str(secrets.randbelow(10**9) + 1), "-days", "30", "-extfile", extensions,
                       "-out", self.cert])

    @staticmethod
    def _openssl(arguments):
        result = subprocess.run(["openssl"] + arguments, capture_output=True)
        if result.returncode != 0:
            raise BenchmarkError("openssl %s failed: %s" % (arguments[0], result.stderr.decode(errors="replace")))


class Broker:
    """mosquitto with one TLS listener on a free loopback port, passwords, no anonymous access."""

    def __init__(self, workdir, certificates, max_queued_messages=None):
        # None keeps mosquitto's default (1000): a subscriber that falls further behind loses QoS 0 messages.
        self.max_queued_messages = max_queued_messages
        self.folder = os.path.join(workdir, "broker")
        os.makedirs(self.folder, exist_ok=True)
        self.certificates = certificates
        self.port = free_port()
        self.manager_user, self.manager_password = "gcn-manager", secrets.token_hex(12)
        self.board_user, self.board_password = "board", secrets.token_hex(12)
        self.process = None

    def start(self):
        password_file = os.path.join(self.folder, "passwd")
        for index, (user, password) in enumerate([(self.manager_user, self.manager_password),
                                                  (self.board_user, self.board_password)]):
            arguments = ["mosquitto_passwd", "-b", password_file, user, password]
            if index == 0:
                arguments.insert(1, "-c")
            result = subprocess.run(arguments, capture_output=True)
            if result.returncode != 0:
                raise BenchmarkError("mosquitto_passwd failed: %s" % result.stderr.decode(errors="replace"))
        configuration = os.path.join(self.folder, "mosquitto.conf")
        with open(configuration, "w") as text:
            # Started as root, mosquitto drops to its own user, which cannot read keys in a private folder.
            text.write("user root\nper_listener_settings false\nallow_anonymous false\n")
            text.write("password_file %s\npersistence false\n" % password_file)
            text.write("log_dest stdout\nlog_type error\nlog_type warning\nconnection_messages false\n")
            if self.max_queued_messages is not None:
                text.write("max_queued_messages %d\n" % self.max_queued_messages)
            text.write("listener %d 127.0.0.1\ncertfile %s\nkeyfile %s\n"
                       % (self.port, self.certificates.cert, self.certificates.key))
        self.process = Process("mosquitto", ["mosquitto", "-c", configuration],
                               os.path.join(self.folder, "mosquitto.log"))

        def accepting():
            if not self.process.running():
                raise BenchmarkError("mosquitto exited: %s" % self.process.log_text())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return True
            except OSError:
                return False

        wait_until(accepting, 10, "mosquitto to accept connections")
        return self

    def tool_command(self, tool, workdir):
        """Arguments and environment of a mosquitto client tool connecting as the manager's user.

        The password goes into the tool's options file ($XDG_CONFIG_HOME/<tool>), not on its command line,
        where every user could read it with ps.
        """
        config_home = os.path.join(workdir, "tool-config")
        os.makedirs(config_home, mode=0o700, exist_ok=True)
        options_file = os.path.join(config_home, tool)
        with open(os.open(options_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as text:
            text.write("-P %s\n" % self.manager_password)
        env = dict(os.environ)
        env["XDG_CONFIG_HOME"] = config_home
        arguments = [tool, "-h", "localhost", "-p", str(self.port), "--cafile", self.certificates.ca,
                     "-u", self.manager_user]
        return arguments, env


class SmtpServer:
    """tests/support/smtp_server.py with STARTTLS and AUTH, as a real mail provider requires."""

    def __init__(self, workdir, certificates, script):
        self.mail_dir = os.path.join(workdir, "mail")
        self.user, self.password = "alerts", secrets.token_hex(12)
        self.process = Process(
            "smtp_server.py",
            ["/usr/bin/python3", script, "--mail-dir", self.mail_dir, "--mode", "starttls",
             "--cert", certificates.cert, "--key", certificates.key, "--user", self.user,
             "--password", self.password],
            os.path.join(workdir, "smtp.log"),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        ready, _, _ = select.select([self.process.popen.stdout], [], [], 30)
        line = self.process.popen.stdout.readline().decode().strip() if ready else "(nothing within 30 s)"
        if not line.startswith("READY "):
            self.process.stop()
            raise BenchmarkError("the SMTP server did not start: %r %s" % (line, self.process.log_text()))
        self.port = int(line.split()[1])

    def messages(self):
        """Accepted messages, oldest first: (facts from NNNN.json, raw text of NNNN.eml)."""
        result = []
        for name in sorted(os.listdir(self.mail_dir)):
            if not name.endswith(".json"):
                continue
            base = os.path.join(self.mail_dir, name[:-5])
            with open(base + ".json") as facts, open(base + ".eml", "rb") as mail:
                result.append((json.load(facts), mail.read().decode(errors="replace")))
        return result

    def count(self):
        return sum(1 for name in os.listdir(self.mail_dir) if name.endswith(".json"))

    def stop(self):
        try:
            self.process.popen.stdin.close()
        except OSError:
            pass
        return self.process.stop()


class Manager:
    """gcn-manager connected to the broker, with /healthz and /metrics on a free loopback port."""

    def __init__(self, args, workdir, broker, smtp=None, extra=(), state_dir=None, log_level="warning",
                 wrapper=(), name="manager"):
        self.http_port = free_port()
        self.state_dir = state_dir or os.path.join(workdir, "state-" + name)
        os.makedirs(self.state_dir, exist_ok=True)
        arguments = list(wrapper) + [
            args.manager_bin, "--mqtt-host", "localhost", "--mqtt-port", str(broker.port),
            "--mqtt-tls-ca-file", broker.certificates.ca, "--mqtt-user-name", broker.manager_user,
            "--state-dir", self.state_dir, "--http-listen", "127.0.0.1:%d" % self.http_port,
            "--log-level", log_level,
        ]
        env = dict(os.environ)
        env["GCN_MQTT_USER_PASSWORD"] = broker.manager_password
        env["LANG"] = env["LC_ALL"] = "C.UTF-8"
        if smtp:
            arguments += [
                "--enable-email-notifications", "--email-from", "GCN <gcn@localhost>",
                "--email-smtp-host", "localhost", "--email-smtp-port", str(smtp.port), "--email-smtp-starttls",
                "--email-smtp-ca-file", broker.certificates.ca, "--email-username", smtp.user,
                "--notify-batch-window", "0", "--notify-max-per-day-email", "0",
            ]
            env["GCN_EMAIL_SMTP_PASSWORD"] = smtp.password
        arguments += list(extra) + list(args.manager_arg)
        self.arguments = arguments
        self.process = Process(name, arguments, os.path.join(workdir, name + ".log"), env=env)

    @property
    def pid(self):
        return self.process.pid

    def _get(self, path, timeout=5):
        with urllib.request.urlopen("http://127.0.0.1:%d%s" % (self.http_port, path), timeout=timeout) as reply:
            return reply.status, reply.read().decode()

    def healthy(self):
        if not self.process.running():
            raise BenchmarkError("the manager exited with %s:\n%s"
                                 % (self.process.popen.returncode, self.process.log_text()[-4000:]))
        try:
            return self._get("/healthz", timeout=1)[0] == 200
        except (urllib.error.URLError, OSError):
            return False

    def wait_healthy(self, timeout=60):
        wait_until(self.healthy, timeout, "the manager's /healthz to answer 200", interval=0.005)

    def metrics(self, timeout=30):
        """Samples of /metrics as {name: {labels text: value}}."""
        _, text = self._get("/metrics", timeout=timeout)
        samples = {}
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            match = re.match(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)$", line)
            if match:
                samples.setdefault(match.group(1), {})[match.group(2) or ""] = float(match.group(3))
        return samples

    def received(self, timeout=30):
        """Messages the manager has fully processed: the sum of gcn_messages_received_total."""
        return int(sum(self.metrics(timeout).get("gcn_messages_received_total", {}).values()))

    def memory(self):
        return proc_status(self.pid)

    def cpu(self):
        return cpu_seconds(self.pid)

    def stop(self):
        code = self.process.stop(timeout=30)
        if code not in (0, -signal.SIGTERM):
            log("the manager exited with %s" % code)
        return code


class LoadGen:
    """gcn-loadgen, driven through its standard input; its report lines are kept with their arrival time."""

    def __init__(self, args, workdir, broker, boards, links=4, periods=(30, 600, 300), name="loadgen", pins="D1",
                 first_board=0):
        env = dict(os.environ)
        env["GCN_LOADGEN_PASSWORD"] = broker.board_password
        arguments = [args.loadgen_bin, "--host", "127.0.0.1", "--tls-name", "localhost", "--port", str(broker.port),
                     "--ca-file", broker.certificates.ca, "--user", broker.board_user, "--boards", str(boards),
                     "--first-board", str(first_board),
                     "--links", str(links), "--pins", pins, "--heartbeat-period", str(periods[0]),
                     "--metrics-period", str(periods[1]), "--gpio-period", str(periods[2])]
        self.process = Process(name, arguments, os.path.join(workdir, name + ".log"), env=env,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.lines = queue.Queue()
        self.closed = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for raw in self.process.popen.stdout:
            line = raw.decode(errors="replace").strip()
            if line.startswith("closed "):
                self.closed.append(line)
            self.lines.put((time.time(), line))

    def send(self, command):
        self.process.popen.stdin.write((command + "\n").encode())
        self.process.popen.stdin.flush()

    def expect(self, prefix, timeout):
        """Waits for the next report line that starts with prefix; an error line fails at once."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise BenchmarkError("gcn-loadgen reported no '%s' within %.0f s" % (prefix, timeout))
            try:
                _, line = self.lines.get(timeout=min(remaining, 1.0))
            except queue.Empty:
                if not self.process.running():
                    raise BenchmarkError("gcn-loadgen exited with %s: %s"
                                         % (self.process.popen.returncode, self.process.log_text()[-2000:].strip()))
                continue
            if line.startswith("error"):
                raise BenchmarkError("gcn-loadgen: " + line)
            if line.startswith(prefix):
                return line

    def command(self, command, reply, timeout=60):
        self.send(command)
        return self.expect(reply, timeout)

    @staticmethod
    def fields(line):
        """Return the key=value words of a report line as a dict."""
        return dict(word.split("=", 1) for word in line.split() if "=" in word)

    def stop(self):
        try:
            self.send("quit")
            self.process.popen.stdin.close()
            self.process.popen.wait(10)
        except (OSError, subprocess.TimeoutExpired):
            pass
        return self.process.stop()


class LoadGenGroup:
    """Several gcn-loadgen processes sharing one fleet, for one connection per board: libmosquitto opens
    three descriptors per connection (the socket and a socket pair), so that a process under the usual
    limit of 20,000 descriptors keeps at most BOARDS_PER_PROCESS connections."""

    BOARDS_PER_PROCESS = 5000

    def __init__(self, args, workdir, broker, boards, links, periods=(30, 600, 300)):
        per_process = self.BOARDS_PER_PROCESS if links == 0 else boards
        self.members = []
        self.shares = []
        for first in range(0, boards, per_process):
            count = min(per_process, boards - first)
            self.members.append(LoadGen(args, workdir, broker, count, links=links, periods=periods,
                                        name="loadgen%d" % len(self.members), first_board=first))
            self.shares.append(count / boards)

    def expect(self, prefix, timeout):
        deadline = time.monotonic() + timeout
        return [member.expect(prefix, max(1, deadline - time.monotonic())) for member in self.members]

    def run(self, rate, count, timeout):
        """Publishes count messages at rate messages/s in all, split by the members' shares of the fleet."""
        for member, share in zip(self.members, self.shares):
            member.send("rate %d %d" % (max(1, round(rate * share)), max(1, round(count * share))))
        return self.expect("done", timeout)

    def stop(self):
        for member in self.members:
            member.stop()


class SubscriberCounter:
    """A bare mosquitto_sub with the manager's subscriptions; counts the lines it prints."""

    def __init__(self, workdir, broker):
        arguments, env = broker.tool_command("mosquitto_sub", workdir)
        arguments += ["-q", "1", "-i", "gcn-bench-sub-%d" % os.getpid()]
        for topic_filter in MANAGER_FILTERS:
            arguments += ["-t", topic_filter]
        self.process = Process("mosquitto_sub", arguments, os.path.join(workdir, "mosquitto_sub.log"), env=env,
                               stdout=subprocess.PIPE)
        self.count = 0
        self.last_data_at = time.monotonic()
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.process.popen.stdout.fileno()
        while True:
            chunk = os.read(stream, 1 << 16)
            if not chunk:
                return
            with self._lock:
                self.count += chunk.count(b"\n")
                self.last_data_at = time.monotonic()

    def value(self):
        with self._lock:
            return self.count

    def stop(self):
        return self.process.stop()


class Stack:
    """The processes of one scenario run, stopped in reverse order of start."""

    def __init__(self, args, name, max_queued_messages=None):
        self.args = args
        self.workdir = tempfile.mkdtemp(prefix="gcn-bench-%s-" % name)
        self.stoppable = []
        try:
            self.certificates = Certificates(os.path.join(self.workdir, "pki"))
            self.broker = Broker(self.workdir, self.certificates, max_queued_messages)
            try:
                self.broker.start()
            finally:
                if self.broker.process:
                    self.stoppable.append(self.broker.process)
        except BaseException:
            self.close()
            raise

    def add(self, component):
        self.stoppable.append(component)
        return component

    def smtp(self):
        return self.add(SmtpServer(self.workdir, self.certificates, self.args.smtp_server))

    def manager(self, **kwargs):
        return self.add(Manager(self.args, self.workdir, self.broker, **kwargs))

    def loadgen(self, boards, **kwargs):
        return self.add(LoadGen(self.args, self.workdir, self.broker, boards, **kwargs))

    def loadgen_group(self, boards, links):
        return self.add(LoadGenGroup(self.args, self.workdir, self.broker, boards, links))

    def subscriber(self):
        return self.add(SubscriberCounter(self.workdir, self.broker))

    def close(self):
        for component in reversed(self.stoppable):
            try:
                component.stop()
            except Exception as error:  # A failed stop must not hide the scenario's own result.
                log("cannot stop %s: %s" % (type(component).__name__, error))
        self.stoppable.clear()
        if self.args.keep:
            log("kept the files of the run in " + self.workdir)
        else:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def wait_processed(manager, expected, timeout, description="the manager to process the messages"):
    return wait_until(lambda: manager.received() >= expected, timeout, "%s (%d expected)" % (description, expected),
                      interval=0.1)


def wait_quiet(read, quiet_seconds, timeout):
    """Waits until read() stops changing for quiet_seconds; returns its last value."""
    deadline = time.monotonic() + timeout
    last, last_change = read(), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.2)
        value = read()
        if value != last:
            last, last_change = value, time.monotonic()
        elif time.monotonic() - last_change >= quiet_seconds:
            return value
    raise BenchmarkError("the count did not settle within %.0f s" % timeout)


def count_retained(stack):
    """Retained messages delivered to the manager's subscriptions, counted by a bare mosquitto_sub."""
    subscriber = stack.subscriber()
    total = wait_quiet(subscriber.value, stack.args.settle, 600)
    subscriber.stop()
    stack.stoppable.remove(subscriber)
    return total


# ---- Scenarios ----------------------------------------------------------------------------------------


def scenario_throughput(args, boards, rate, duration, warmup, links=4):
    """Manager versus bare subscriber on one stream; rate 0 floods."""
    label = "flood" if rate == 0 else "%d msg/s" % rate
    log("throughput: %d boards on %d connections, %s, %d s (first %d s not counted)"
        % (boards, links, label, duration, warmup))
    with Stack(args, "throughput", max_queued_messages=args.broker_max_queued) as stack:
        smtp = stack.smtp()
        # Problems are routed by e-mail as in production; GPIO changes are not, so that the stream does not
        # become a stream of e-mails.
        manager = stack.manager(smtp=smtp, extra=[
            "--notify-client-status-change-offline-recipients", "owner@example.org",
            "--notify-client-missed-heartbeat-recipients", "owner@example.org"])
        manager.wait_healthy()
        subscriber = stack.subscriber()
        loadgen = stack.loadgen(boards, links=links)
        loadgen.expect("ready", 120)
        loadgen.command("preload", "preloaded", 600)
        wait_quiet(manager.received, args.settle, 600)
        base_manager, base_subscriber = manager.received(), subscriber.value()

        loadgen.send("flood" if rate == 0 else "rate %d" % rate)
        samples = []
        started = time.monotonic()
        while time.monotonic() - started < duration:
            time.sleep(1.0)
            samples.append((time.monotonic(), manager.received(), subscriber.value(), manager.cpu(),
                            manager.memory()["VmRSS"]))
        stopped = loadgen.command("stop", "stopped", 60)
        published = int(LoadGen.fields(stopped)["published"])
        seconds = float(LoadGen.fields(stopped)["seconds"])

        window = [sample for sample in samples if sample[0] - started >= warmup]
        if len(window) < 2:
            raise BenchmarkError("the measured window is too short; raise --duration")
        first, last = window[0], window[-1]
        elapsed = last[0] - first[0]
        manager_rate = (last[1] - first[1]) / elapsed
        subscriber_rate = (last[2] - first[2]) / elapsed
        processed = last[1] - first[1]
        cpu_per_10k = (last[3] - first[3]) / processed * 10000 if processed else float("nan")

        # After the stop, everything published must reach both, late or not.
        final_subscriber = wait_quiet(subscriber.value, args.settle, 300) - base_subscriber
        final_manager = wait_quiet(manager.received, args.settle, 600) - base_manager
        return {
            "boards": boards, "links": links, "offered": label, "duration_s": duration, "warmup_s": warmup,
            "broker_max_queued": args.broker_max_queued,
            "published": published, "publish_rate": round(published / seconds, 1),
            "manager_msgs_per_s": round(manager_rate, 1), "subscriber_msgs_per_s": round(subscriber_rate, 1),
            "ratio": round(manager_rate / subscriber_rate, 3) if subscriber_rate else float("nan"),
            "manager_cpu_s_per_10k": round(cpu_per_10k, 3),
            "manager_received_after_drain": final_manager, "subscriber_received_after_drain": final_subscriber,
            # QoS 0 messages that the broker dropped because a subscriber fell too far behind.
            "manager_lost": published - final_manager, "subscriber_lost": published - final_subscriber,
            "manager_rss_kib_end": samples[-1][4],
        }


def match_mails(changes, mails, title_for):
    """Latency, in ms, of each change matched to the first later mail naming its board and event title.

    changes: [(mac, kind, time_s)]; mails: [(received_at, text)]; title_for(kind) gives the title the mail
    carries ("GPIO up", "Board offline"...). A digest of several events matches each of them.
    """
    latencies = []
    used = set()
    for mac, kind, published_at in changes:
        for index, (received_at, text) in enumerate(mails):
            if received_at < published_at:
                continue
            if mac in text and title_for(kind) in text and (index, mac, kind) not in used:
                used.add((index, mac, kind))
                latencies.append((received_at - published_at) * 1000)
                break
    return latencies


def scenario_latency(args, boards, changes, interval_ms, background_rate):
    log("latency: %d GPIO changes every %d ms over %d boards, background %d msg/s"
        % (changes, interval_ms, boards, background_rate))
    with Stack(args, "latency") as stack:
        smtp = stack.smtp()
        manager = stack.manager(smtp=smtp, extra=[
            "--notify-client-gpio-change-up-recipients", "owner@example.org",
            "--notify-client-gpio-change-down-recipients", "owner@example.org"])
        manager.wait_healthy()
        # The background traffic has no GPIO change of its own, so that every e-mail belongs to a measured change.
        loadgen = stack.loadgen(boards, periods=(30, 600, 1e12))
        loadgen.expect("ready", 120)
        loadgen.command("preload", "preloaded", 600)
        wait_quiet(manager.received, args.settle, 600)
        if background_rate:
            loadgen.send("rate %d" % background_rate)
            time.sleep(1.0)

        published = []
        states = {}
        for index in range(changes):
            board = index % boards
            state = 1 - states.get(board, 0)
            states[board] = state
            line = loadgen.command("gpio %d D1 %d" % (board, state), "gpio ", 30)
            _, mac, _, value, micros = line.split()
            published.append((mac, "GPIO up" if value == "1" else "GPIO down", int(micros) / 1e6))
            time.sleep(interval_ms / 1000)
        if background_rate:
            loadgen.command("stop", "stopped", 60)
        wait_until(lambda: smtp.count() >= changes or None, 60 + changes * 0.5,
                   "%d e-mails (%d so far)" % (changes, smtp.count()), interval=0.1)
        time.sleep(0.5)
        mails = [(facts["received_at"], text) for facts, text in smtp.messages()]
        latencies = match_mails(published, mails, lambda kind: kind)
        if len(latencies) != changes:
            raise BenchmarkError("matched %d of %d changes to e-mails" % (len(latencies), changes))
        return {
            "boards": boards, "changes": changes, "interval_ms": interval_ms, "background_msgs_per_s": background_rate,
            "mails": len(mails), "p50_ms": round(percentile(latencies, 0.50), 1),
            "p99_ms": round(percentile(latencies, 0.99), 1), "max_ms": round(max(latencies), 1),
            "min_ms": round(min(latencies), 1),
        }


def scenario_death(args, boards, watchdog, kills, silences, spacing):
    log("death: %d boards with their own connections, watchdog %d s, %d kills, %d silenced"
        % (boards, watchdog, kills, silences))
    if kills + silences > boards:
        raise BenchmarkError("--boards must cover the kills and the silenced boards")
    with Stack(args, "death") as stack:
        smtp = stack.smtp()
        manager = stack.manager(smtp=smtp, extra=[
            "--client-heartbeat-watchdog", str(watchdog), "--client-offline-grace", "0",
            "--notify-client-status-change-offline-recipients", "owner@example.org",
            "--notify-client-missed-heartbeat-recipients", "owner@example.org"])
        manager.wait_healthy()
        # Heartbeats every second, metrics rarely, no GPIO change, on the boards' own clock.
        loadgen = stack.loadgen(boards, links=0, periods=(1, 3600, 1e12))
        loadgen.expect("ready", 120)
        loadgen.send("realtime")
        time.sleep(2.5)

        offline, silenced = [], []
        for board in range(kills):
            _, mac, micros = loadgen.command("kill %d" % board, "killed ", 30).split()
            offline.append((mac, "Board offline", int(micros) / 1e6))
            time.sleep(spacing)
        for board in range(kills, kills + silences):
            _, mac, micros = loadgen.command("silence %d" % board, "silenced ", 30).split()
            silenced.append((mac, "Heartbeat missed", int(micros) / 1e6))
            time.sleep(spacing)
        expected = kills + silences
        wait_until(lambda: smtp.count() >= expected or None, watchdog * 3 + 60,
                   "%d e-mails (%d so far)" % (expected, smtp.count()), interval=0.1)
        mails = [(facts["received_at"], text) for facts, text in smtp.messages()]
        offline_ms = match_mails(offline, mails, lambda kind: kind)
        missed_ms = match_mails(silenced, mails, lambda kind: kind)
        if len(offline_ms) != kills or len(missed_ms) != silences:
            raise BenchmarkError("matched %d offline and %d missed-heartbeat e-mails, expected %d and %d"
                                 % (len(offline_ms), len(missed_ms), kills, silences))
        beyond = [value - watchdog * 1000 for value in missed_ms]
        return {
            "boards": boards, "watchdog_s": watchdog, "kills": kills, "silenced": silences,
            "kill_to_offline_mail_p50_ms": round(percentile(offline_ms, 0.5), 1),
            "kill_to_offline_mail_max_ms": round(max(offline_ms), 1),
            "last_heartbeat_to_missed_mail_p50_ms": round(percentile(missed_ms, 0.5), 1),
            "missed_mail_beyond_watchdog_p50_ms": round(percentile(beyond, 0.5), 1),
            "missed_mail_beyond_watchdog_max_ms": round(max(beyond), 1),
        }


def scenario_memory(args, sizes, links, settle_messages_per_board):
    results = []
    for boards in sizes:
        log("memory: %d boards, %s" % (boards, "one connection each" if links == 0 else "%d connections" % links))
        with Stack(args, "memory") as stack:
            manager = stack.manager()
            manager.wait_healthy()
            before = manager.memory()
            fleet = stack.loadgen_group(boards, links)
            fleet.expect("ready", 120 + boards / 10)
            if links != 0:
                fleet.members[0].command("preload", "preloaded", 600)
            # Every board publishes its periodic mix a few times over, as fast as the manager follows.
            fleet.run(min(5000, max(500, boards * 5)), boards * settle_messages_per_board, 3600)
            wait_quiet(manager.received, args.settle, 900)
            after = manager.memory()
            # Silent boards are also counted under their status.
            statuses = manager.metrics().get("gcn_boards", {})
            known = int(sum(value for labels, value in statuses.items() if "silent" not in labels))
            results.append({"boards": boards, "boards_known": known, "rss_before_kib": before["VmRSS"],
                            "rss_kib": after["VmRSS"], "hwm_kib": after["VmHWM"], "received": manager.received()})
    growth = None
    if len(results) >= 2:
        first, last = results[0], results[-1]
        growth = round((last["rss_kib"] - first["rss_kib"]) / (last["boards"] - first["boards"]), 3)
    return {"links": links, "sizes": results, "rss_growth_kib_per_board": growth}


def wait_final_count(read, minimum, quiet_seconds, timeout, interval=0.05):
    """Polls read() until it is at least minimum and has not changed for quiet_seconds.

    Returns the final value and the time.time() at which it was first seen, which is when the last
    message was processed, to within the polling interval.
    """
    deadline = time.monotonic() + timeout
    last, changed_at, changed_wall = read(), time.monotonic(), time.time()
    while time.monotonic() < deadline:
        time.sleep(interval)
        value = read()
        if value != last:
            last, changed_at, changed_wall = value, time.monotonic(), time.time()
        elif value >= minimum and time.monotonic() - changed_at >= quiet_seconds:
            return value, changed_wall
    raise BenchmarkError("the count stayed at %d, below %d or still moving, for %.0f s" % (last, minimum, timeout))


def scenario_startup(args, boards, restarts):
    log("startup: %d boards' retained state in the broker" % boards)
    # With mosquitto's default max_queued_messages (1000), a subscriber loses part of a large retained state:
    # the broker queues it all at once when the subscription arrives. The limit is lifted here unless
    # --broker-max-queued sets one.
    queue_limit = 0 if args.broker_max_queued is None else args.broker_max_queued
    with Stack(args, "startup", max_queued_messages=queue_limit) as stack:
        loadgen = stack.loadgen(boards, links=4)
        loadgen.expect("ready", 120)
        line = loadgen.command("preload", "preloaded", 1800)
        topics = int(LoadGen.fields(line)["published"])
        loadgen.stop()
        stack.stoppable.remove(loadgen)
        # Each retained topic matches one of the manager's subscriptions, so the two counts are equal.
        deliveries = count_retained(stack)
        log("startup: %d retained topics; a bare subscriber receives %d messages" % (topics, deliveries))

        runs = []
        state_dir = os.path.join(stack.workdir, "state-startup")
        for attempt in range(1 + restarts):
            # Heartbeats of the preload must not count as missed while the first start runs.
            manager = Manager(args, stack.workdir, stack.broker, state_dir=state_dir, log_level="info",
                              extra=["--client-heartbeat-watchdog", "86400"], name="manager-start%d" % attempt)
            stack.add(manager)
            spawned = manager.process.started_at
            subscribed = wait_until(lambda: manager.process.log_contains(b"subscribed to") and time.time(), 300,
                                    "the manager to log 'subscribed to'", interval=0.002)
            manager.wait_healthy(300)
            healthy = time.time()
            # A limited broker queue may drop part of the state, so then the count only has to settle.
            minimum = topics if queue_limit == 0 else 1
            received, processed = wait_final_count(manager.received, minimum, max(args.settle, 1.0), 1800)
            memory = manager.memory()
            runs.append({"stored_state": attempt > 0, "subscribed_ms": round((subscribed - spawned) * 1000),
                         "healthz_ms": round((healthy - spawned) * 1000),
                         "retained_processed_ms": round((processed - spawned) * 1000), "received": received,
                         "rss_kib": memory["VmRSS"], "hwm_kib": memory["VmHWM"]})
            manager.stop()
            stack.stoppable.remove(manager)
        return {"boards": boards, "broker_max_queued": queue_limit, "retained_topics": topics,
                "subscriber_deliveries": deliveries, "runs": runs}


def scenario_callgrind(args, boards, messages, rate):
    log("callgrind: %d messages of %d boards at %d msg/s under valgrind" % (messages, boards, rate))
    with Stack(args, "callgrind") as stack:
        out_file = os.path.join(stack.workdir, "callgrind.out")
        manager = stack.manager(wrapper=["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out_file + ".%p"])
        manager.wait_healthy(300)
        loadgen = stack.loadgen(boards, links=4)
        loadgen.expect("ready", 120)
        loadgen.command("preload", "preloaded", 600)
        base = wait_quiet(manager.received, args.settle, 600)
        subprocess.run(["callgrind_control", "--zero", str(manager.pid)], check=True, capture_output=True)
        loadgen.command("rate %d %d" % (rate, messages), "done", 3600)
        wait_until(lambda: manager.received(timeout=120) - base >= messages, 1800,
                   "the manager under valgrind to process %d messages" % messages, interval=1.0)
        processed = manager.received(timeout=120) - base
        subprocess.run(["callgrind_control", "--dump=replay", str(manager.pid)], check=True, capture_output=True)
        dumps = sorted(name for name in os.listdir(stack.workdir) if name.startswith("callgrind.out"))
        if not dumps:
            raise BenchmarkError("valgrind wrote no callgrind dump")
        dump = os.path.join(stack.workdir, dumps[-1])
        instructions = None
        with open(dump) as text:
            for line in text:
                if line.startswith("summary:") or line.startswith("totals:"):
                    instructions = int(line.split()[1])
        if instructions is None:
            raise BenchmarkError("no instruction total in " + dump)
        # The manager's own functions by inclusive cost, as "instructions (share) function".
        annotated = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", "--auto=no", dump],
                                   capture_output=True, text=True).stdout
        top = []
        for line in annotated.splitlines():
            match = re.match(r"^\s*([\d,]+) \(\s*([\d.]+)%\)\s+\S*?:(gcn::[^\[]*?)\s*\[", line)
            if match and len(top) < 15:
                top.append("%s (%s%%) %s" % (match.group(1), match.group(2), match.group(3)[:120]))
        if args.callgrind_keep:
            shutil.copy(dump, args.callgrind_keep)
        return {"boards": boards, "messages": processed, "rate": rate,
                "instructions": instructions,
                "instructions_per_10k_messages": round(instructions / processed * 10000),
                "top_functions": top}


def scenario_soak(args, boards, rate, duration, sample_every):
    log("soak: %d boards at %d msg/s for %d s, memory sampled every %d s" % (boards, rate, duration, sample_every))
    with Stack(args, "soak") as stack:
        smtp = stack.smtp()
        manager = stack.manager(smtp=smtp, extra=[
            "--notify-client-gpio-change-up-recipients", "owner@example.org",
            "--notify-client-gpio-change-down-recipients", "owner@example.org"])
        manager.wait_healthy()
        # One GPIO change per board per hour of board time.
        loadgen = stack.loadgen(boards, links=4, periods=(30, 600, 3600))
        loadgen.expect("ready", 120)
        loadgen.command("preload", "preloaded", 600)
        wait_quiet(manager.received, args.settle, 600)
        loadgen.send("rate %d" % rate)
        samples = []
        started = time.monotonic()
        while time.monotonic() - started < duration:
            time.sleep(sample_every)
            memory = manager.memory()
            samples.append({"t_s": round(time.monotonic() - started, 1), "rss_kib": memory["VmRSS"],
                            "hwm_kib": memory["VmHWM"], "received": manager.received()})
        loadgen.command("stop", "stopped", 60)
        half = samples[len(samples) // 2:]
        slope = float("nan")
        if len(half) >= 4:
            times = [sample["t_s"] for sample in half]
            values = [sample["rss_kib"] for sample in half]
            mean_t, mean_v = statistics.fmean(times), statistics.fmean(values)
            denominator = sum((t - mean_t) ** 2 for t in times)
            slope = sum((t - mean_t) * (v - mean_v) for t, v in zip(times, values)) / denominator * 3600
        return {"boards": boards, "rate": rate, "duration_s": duration, "mails": smtp.count(),
                "rss_first_kib": samples[0]["rss_kib"], "rss_last_kib": samples[-1]["rss_kib"],
                "rss_max_kib": max(sample["rss_kib"] for sample in samples),
                "rss_slope_second_half_kib_per_hour": round(slope, 1), "samples": samples}


# ---- Reports ------------------------------------------------------------------------------------------


def machine():
    free = subprocess.run(["free", "-g"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "-C", SOURCE_DIR, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    changed = subprocess.run(["git", "-C", SOURCE_DIR, "status", "--porcelain", "--untracked-files=no"],
                             capture_output=True, text=True).stdout.strip()
    packages = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Version}\\n", "mosquitto", "libmosquitto1",
                               "libqt6core6", "libsqlite3-0"], capture_output=True, text=True).stdout.split("\n")
    model = ""
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/loadavg") as loadavg:
        load = loadavg.read().split()[:3]
    return {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "nproc": os.cpu_count(), "cpu": model, "free_g": free, "kernel": platform.release(),
            "commit": commit, "uncommitted_changes": bool(changed),
            "packages": [package for package in packages if package], "loadavg_at_start": load}


def check_figures(results, required):
    """Names of required figures that are missing or not finite numbers."""
    problems = []
    for scenario, keys in required.items():
        figures = results.get(scenario)
        if not isinstance(figures, dict):
            problems.append("%s: no result (%s)" % (scenario, figures))
            continue
        for key in keys:
            value = figures
            for part in key.split("."):
                if isinstance(value, list):
                    value = value[int(part)] if int(part) < len(value) else None
                elif isinstance(value, dict):
                    value = value.get(part)
                else:
                    value = None
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
                problems.append("%s.%s = %r" % (scenario, key, value))
    return problems


def run_tiny(args):
    results = {}
    steps = [
        ("throughput", lambda: scenario_throughput(args, boards=10, rate=400, duration=4, warmup=1)),
        ("latency", lambda: scenario_latency(args, boards=5, changes=6, interval_ms=150, background_rate=0)),
        ("death", lambda: scenario_death(args, boards=3, watchdog=2, kills=1, silences=1, spacing=0.3)),
        ("memory", lambda: scenario_memory(args, sizes=[10, 50], links=0, settle_messages_per_board=20)),
        ("startup", lambda: scenario_startup(args, boards=50, restarts=1)),
        ("soak", lambda: scenario_soak(args, boards=10, rate=200, duration=3, sample_every=1)),
    ]
    if args.with_callgrind:
        steps.append(("callgrind", lambda: scenario_callgrind(args, boards=10, messages=300, rate=200)))
    for name, step in steps:
        try:
            results[name] = step()
        except BenchmarkError as error:
            results[name] = "failed: %s" % error
            log("%s failed: %s" % (name, error))
    required = {
        "throughput": ["manager_msgs_per_s", "subscriber_msgs_per_s", "ratio", "manager_cpu_s_per_10k"],
        "latency": ["p50_ms", "p99_ms"],
        "death": ["kill_to_offline_mail_p50_ms", "missed_mail_beyond_watchdog_p50_ms"],
        "memory": ["sizes.0.rss_kib", "sizes.1.rss_kib", "sizes.1.boards_known", "rss_growth_kib_per_board"],
        "startup": ["runs.0.subscribed_ms", "runs.0.healthz_ms", "runs.0.retained_processed_ms",
                    "runs.1.retained_processed_ms"],
        "soak": ["rss_first_kib", "rss_last_kib"],
    }
    if args.with_callgrind:
        required["callgrind"] = ["instructions_per_10k_messages"]
    return results, check_figures(results, required)


def default_binary(build_dir, relative):
    return os.path.join(build_dir, relative) if build_dir else None


def validate(parser, args):
    """Rejects values that no scenario can use, before anything starts; exits 2 through parser.error."""
    at_least = {"boards": 1, "duration": 1, "warmup": 0, "changes": 1, "interval_ms": 0, "background_rate": 0,
                "watchdog": 1, "kills": 0, "silences": 0, "messages": 1, "sample_every": 1, "restarts": 0,
                "repeat": 1, "broker_max_queued": 0, "links": 0, "rate": 0}
    for name, minimum in at_least.items():
        value = getattr(args, name)
        if value is not None and value < minimum:
            parser.error("--%s %s: expected a whole number of at least %d" % (name.replace("_", "-"), value, minimum))
    if args.boards is not None and args.boards > 100000:
        parser.error("--boards %d: expected at most 100000 (the benchmark is tried with up to 10000)" % args.boards)
    if args.rate == 0 and args.scenario not in ("throughput",):
        parser.error("--rate 0 (flood) applies to the throughput scenario only")
    if args.settle <= 0:
        parser.error("--settle %s: expected a number of seconds above 0" % args.settle)
    if args.scenario == "throughput" and (args.duration or 30) <= args.warmup + 1:
        parser.error("--duration must exceed --warmup (%d s) by at least 2 s" % args.warmup)
    try:
        args.size_list = [int(size) for size in args.sizes.split(",")]
    except ValueError:
        parser.error("--sizes %s: expected fleet sizes separated by commas, e.g. 10,1000,10000" % args.sizes)
    if not args.size_list or min(args.size_list) < 1:
        parser.error("--sizes %s: expected fleet sizes of at least 1" % args.sizes)
    if args.json:
        folder = os.path.dirname(os.path.abspath(args.json))
        if not os.path.isdir(folder) or not os.access(folder, os.W_OK):
            parser.error("--json %s: the folder %s does not exist or is not writable" % (args.json, folder))


def stop_on_signal(signum, frame):
    """Turns SIGTERM and SIGHUP into KeyboardInterrupt, so that every started process is stopped."""
    raise KeyboardInterrupt("signal %d" % signum)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario", choices=["throughput", "latency", "death", "memory", "startup", "callgrind",
                                             "soak", "tiny"])
    parser.add_argument("--build-dir", default=os.path.join(SOURCE_DIR, "build"),
                        help="build folder with gcn-manager and gcn-loadgen (default: %(default)s)")
    parser.add_argument("--manager-bin", help="gcn-manager to measure (default: in --build-dir)")
    parser.add_argument("--loadgen-bin", help="gcn-loadgen (default: in --build-dir)")
    parser.add_argument("--smtp-server", default=os.path.join(SOURCE_DIR, "tests", "support", "smtp_server.py"),
                        help="the SMTP server script (default: %(default)s)")
    parser.add_argument("--json", help="write the figures and the machine's description to this file")
    parser.add_argument("--keep", action="store_true", help="keep the logs, state and mails of each run")
    parser.add_argument("--repeat", type=int, default=1, help="runs of the scenario; each is reported")
    parser.add_argument("--boards", type=int, help="boards in the fleet")
    parser.add_argument("--links", type=int, default=None,
                        help="connections of the load generator; 0 gives each board its own")
    parser.add_argument("--rate", type=int, help="messages per second offered; 0 floods (throughput)")
    parser.add_argument("--duration", type=int, help="seconds of load (throughput, soak)")
    parser.add_argument("--warmup", type=int, default=5, help="first seconds not counted (throughput)")
    parser.add_argument("--changes", type=int, default=200, help="GPIO changes measured (latency)")
    parser.add_argument("--interval-ms", type=int, default=100, help="time between two changes (latency)")
    parser.add_argument("--background-rate", type=int, default=0,
                        help="other traffic during the latency run, messages per second")
    parser.add_argument("--watchdog", type=int, default=10, help="heartbeat watchdog in seconds (death)")
    parser.add_argument("--kills", type=int, default=10, help="boards killed (death)")
    parser.add_argument("--silences", type=int, default=10, help="boards whose heartbeats stop (death)")
    parser.add_argument("--sizes", default="10,1000,10000", help="fleet sizes (memory)")
    parser.add_argument("--messages", type=int, default=10000, help="messages replayed (callgrind)")
    parser.add_argument("--callgrind-keep", help="copy the callgrind dump of the replay to this file")
    parser.add_argument("--sample-every", type=int, default=10, help="seconds between memory samples (soak)")
    parser.add_argument("--restarts", type=int, default=1, help="starts with the stored state (startup)")
    parser.add_argument("--settle", type=float, default=2.0,
                        help="seconds without a new message after which a count is final (default: %(default)s)")
    parser.add_argument("--broker-max-queued", type=int,
                        help="mosquitto's max_queued_messages; 0 is unlimited (default: unlimited for startup, "
                             "mosquitto's own 1000 for throughput)")
    parser.add_argument("--with-callgrind", action="store_true", help="tiny also runs callgrind")
    parser.add_argument("--manager-arg", action="append", default=[],
                        help="extra option of every manager started, e.g. --manager-arg=--email-smtp-debug")
    args = parser.parse_args()
    validate(parser, args)

    args.manager_bin = args.manager_bin or default_binary(args.build_dir, "src/gcn-manager")
    args.loadgen_bin = args.loadgen_bin or default_binary(args.build_dir, "tools/benchmark/gcn-loadgen")
    for path in (args.manager_bin, args.loadgen_bin):
        if not os.access(path, os.X_OK):
            parser.error("not an executable: %s (build it, or give --build-dir)" % path)
    raise_file_limit()
    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGHUP, stop_on_signal)

    report = {"scenario": args.scenario, "command": " ".join(sys.argv), "machine": machine(),
              "manager_bin": args.manager_bin, "runs": []}
    exit_code = 0
    for run in range(args.repeat):
        if args.scenario == "tiny":
            args.settle = min(args.settle, 0.5)
            results, problems = run_tiny(args)
            if problems:
                exit_code = 1
                results["problems"] = problems
        elif args.scenario == "throughput":
            results = scenario_throughput(args, args.boards or 1000, 0 if args.rate is None else args.rate,
                                          args.duration or 30, args.warmup, 4 if args.links is None else args.links)
        elif args.scenario == "latency":
            results = scenario_latency(args, args.boards or 100, args.changes, args.interval_ms, args.background_rate)
        elif args.scenario == "death":
            results = scenario_death(args, args.boards or (args.kills + args.silences), args.watchdog, args.kills,
                                     args.silences, 1.0)
        elif args.scenario == "memory":
            results = scenario_memory(args, args.size_list,
                                      0 if args.links is None else args.links, 20)
        elif args.scenario == "startup":
            results = scenario_startup(args, args.boards or 10000, args.restarts)
        elif args.scenario == "callgrind":
            results = scenario_callgrind(args, args.boards or 100, args.messages, args.rate or 1000)
        else:
            results = scenario_soak(args, args.boards or 1000, args.rate or 500, args.duration or 3600,
                                    args.sample_every)
        report["runs"].append(results)
        printable = dict(results)
        if isinstance(printable.get("samples"), list):
            printable["samples"] = "%d samples (in --json)" % len(printable["samples"])
        print(json.dumps(printable, indent=2), flush=True)
    with open("/proc/loadavg") as loadavg:
        report["machine"]["loadavg_at_end"] = loadavg.read().split()[:3]
    if args.json:
        with open(args.json, "w") as output:
            json.dump(report, output, indent=2)
    if exit_code:
        log("missing figures: " + "; ".join(report["runs"][-1].get("problems", [])))
    return exit_code


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchmarkError as error:
        log("error: %s" % error)
        sys.exit(1)
    except KeyboardInterrupt:
        log("interrupted; the processes this run started are stopped")
        sys.exit(130)
