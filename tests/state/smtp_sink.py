"""A local SMTP server for tests/state.rs: every message it receives is saved
in a folder as NNN.eml (the raw message) and NNN.json (the envelope and the
headers and text body as Python's email package decodes them).

    python3 tests/state/smtp_sink.py --port PORT --dir FOLDER

Prints "ready" once it listens on 127.0.0.1:PORT; runs until killed or until
its standard input closes.
"""

import argparse
import json
import os
import sys
import threading
from email import policy
from email.parser import BytesParser

from aiosmtpd.controller import Controller


class Saver:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        message = BytesParser(policy=policy.default).parsebytes(raw)
        body = message.get_body(preferencelist=("plain",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(message["From"]),
            "to": str(message["To"]),
            "subject": str(message["Subject"]),
            "content_type": message.get_content_type(),
            "charset": message.get_content_charset(),
            "body": body.get_content() if body is not None else None,
        }
        base = os.path.join(self.folder, "%03d" % n)
        with open(base + ".eml", "wb") as f:
            f.write(raw)
        # The JSON appears whole or not at all: the test polls for it.
        with open(base + ".json.tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False, indent=1)
        os.replace(base + ".json.tmp", base + ".json")
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(Saver(args.dir), hostname="127.0.0.1", port=args.port)
    controller.start()
    print("ready", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
