"""SMTP server for the gcn-manager tests, built on aiosmtpd.

Run with Debian's interpreter (/usr/bin/python3), which has python3-aiosmtpd.
It listens on 127.0.0.1, prints "READY <port>" on stdout once it accepts
connections, and runs until it receives SIGTERM or its stdin closes.

Each accepted message is saved in --mail-dir as NNNN.eml (the bytes received
after DATA, dot-unstuffed, without the terminator) with NNNN.json beside it
(envelope and session facts, and received_at: the Unix time in seconds, as a
float, at which the end of DATA arrived). Every byte received from clients, decrypted
when TLS is on, is appended to <mail-dir>/transcript.log, so that a test can
check what a client sent in clear or at all.

Scripted failures:
  --replies 421,451    the first DATA gets 421, the second 451, later ones
                       are accepted; "drop" instead of a code saves the
                       message, then closes the connection without a reply.
  --always-reply 550   every DATA gets this reply.
"""

import argparse
import asyncio
import json
import os
import signal
import socket
import ssl
import sys
import time

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Recorder:
    """Saves messages and the raw transcript, and plays the scripted replies."""

    def __init__(self, args):
        self.mail_dir = args.mail_dir
        self.replies = [item.strip() for item in args.replies.split(",") if item.strip()]
        self.always_reply = args.always_reply
        self.hide_starttls = args.no_starttls
        self.hide_auth = args.no_auth
        self.count = len([name for name in os.listdir(self.mail_dir) if name.endswith(".eml")])
        self.connections = 0
        self.transcript = open(os.path.join(self.mail_dir, "transcript.log"), "ab", buffering=0)

    def record(self, data):
        self.transcript.write(data)

    def record_note(self, text):
        self.transcript.write(("\n--- " + text + "\n").encode())

    def save(self, session, envelope, received_at):
        self.count += 1
        base = os.path.join(self.mail_dir, "%04d" % self.count)
        with open(base + ".json.tmp", "w") as facts:
            json.dump(
                {
                    "mail_from": envelope.mail_from,
                    "rcpt_tos": envelope.rcpt_tos,
                    "mail_options": envelope.mail_options,
                    "tls": session.ssl is not None,
                    "authenticated": bool(session.authenticated),
                    "login": session.auth_data.login.decode() if session.auth_data else None,
                    "received_at": received_at,
                },
                facts,
            )
        with open(base + ".eml.tmp", "wb") as message:
            message.write(envelope.original_content)
        os.rename(base + ".json.tmp", base + ".json")
        os.rename(base + ".eml.tmp", base + ".eml")

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        kept = []
        for line in responses:
            keyword = line[4:].split(" ")[0].upper()
            if self.hide_starttls and keyword == "STARTTLS":
                continue
            if self.hide_auth and keyword == "AUTH":
                continue
            kept.append(line)
        # The last line of a multi-line reply uses a space after the code.
        kept = [line[:3] + "-" + line[4:] for line in kept]
        kept[-1] = kept[-1][:3] + " " + kept[-1][4:]
        return kept

    async def handle_DATA(self, server, session, envelope):
        received_at = time.time()
        if self.always_reply:
            return self.always_reply + " scripted failure"
        if self.replies:
            reply = self.replies.pop(0)
            if reply == "drop":
                self.save(session, envelope, received_at)
                self.record_note("dropped after DATA")
                server.transport.abort()
                return "250 not sent"
            return reply + " scripted failure"
        self.save(session, envelope, received_at)
        return "250 OK saved"


class RecordingSMTP(SMTP):
    def __init__(self, recorder, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.recorder = recorder

    def connection_made(self, transport):
        # aiosmtpd writes a multi-line reply (EHLO) one line at a time. With Nagle's algorithm the later
        # lines would wait for the client's delayed ACK, 40 ms on Linux, which a mail server that writes
        # the whole reply at once does not cause.
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if getattr(self, "_tls_protocol", None) is None:
            self.recorder.connections += 1
            self.recorder.record_note("connection %d" % self.recorder.connections)
        super().connection_made(transport)

    def data_received(self, data):
        self.recorder.record(data)
        super().data_received(data)


def authenticate(args):
    def check(server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        valid = auth_data.login.decode() == args.user and auth_data.password.decode() == args.password
        return AuthResult(success=valid, handled=False, auth_data=auth_data if valid else None)

    return check


def tls_context(args):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    if args.tls_max == "1.2":
        context.maximum_version = ssl.TLSVersion.TLSv1_2
    return context


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--mail-dir", required=True)
    parser.add_argument("--mode", choices=["starttls", "implicit", "plain"], default="starttls")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--tls-max", choices=["1.2", "1.3"], default="1.3")
    parser.add_argument("--user", default="")
    parser.add_argument("--password", default="")
    parser.add_argument("--no-starttls", action="store_true", help="do not advertise STARTTLS")
    parser.add_argument("--no-auth", action="store_true", help="do not advertise AUTH")
    parser.add_argument("--auth-mechanisms", default="PLAIN,LOGIN", help="AUTH mechanisms offered")
    parser.add_argument("--replies", default="")
    parser.add_argument("--always-reply", default="")
    args = parser.parse_args()

    os.makedirs(args.mail_dir, exist_ok=True)
    recorder = Recorder(args)
    context = tls_context(args) if args.mode != "plain" else None

    def factory():
        options = dict(
            hostname="smtp.test",
            decode_data=False,
            authenticator=authenticate(args) if args.user else None,
            auth_required=bool(args.user),
            auth_exclude_mechanism=[name for name in ("PLAIN", "LOGIN") if name not in args.auth_mechanisms.split(",")],
        )
        if args.mode == "starttls":
            options.update(tls_context=context, require_starttls=True, auth_require_tls=True)
        else:
            # With implicit TLS the whole session is encrypted, but aiosmtpd would hide AUTH behind a
            # STARTTLS that cannot happen. The "plain" mode offers AUTH in clear on purpose.
            options.update(auth_require_tls=False)
        return RecordingSMTP(recorder, recorder, **options)

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    listener.listen(16)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(
        loop.create_server(factory, sock=listener, ssl=context if args.mode == "implicit" else None)
    )
    stop = loop.create_future()
    loop.add_signal_handler(signal.SIGTERM, lambda: stop.done() or stop.set_result(None))
    loop.add_signal_handler(signal.SIGINT, lambda: stop.done() or stop.set_result(None))
    # A test runner keeps standard input open as a pipe and closes it to stop the server. A file or
    # /dev/null (as in the demo) cannot be watched, so then only the signals stop it.
    try:
        loop.add_reader(sys.stdin.fileno(),
                        lambda: sys.stdin.buffer.read1(4096) or stop.done() or stop.set_result(None))
    except (PermissionError, ValueError, OSError):
        pass

    print("READY %d" % listener.getsockname()[1], flush=True)
    loop.run_until_complete(stop)
    server.close()
    loop.run_until_complete(server.wait_closed())


if __name__ == "__main__":
    main()
