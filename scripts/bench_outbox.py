"""How fast the outbox delivers to a real SMTP server on loopback (a script, not a test).

    python scripts/bench_outbox.py                       # a temporary SQLite database
    python scripts/bench_outbox.py --database-url postgresql://postgres@127.0.0.1:5432/bench

Writes N messages, delivers them with one deliverer and then (new messages) with two at once
(threads, each claiming every message: each is sent exactly once), and prints messages per
second and the ratio, measured in this one run; the SMTP server counts what arrived."""

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiosmtpd.controller import Controller  # noqa: E402

from partnership import create_app  # noqa: E402
from partnership.extensions import db  # noqa: E402
from partnership.notifications import delivery, outbox  # noqa: E402


class Counter:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's hook name)
        with self.lock:
            self.count += 1
        return "250 OK"


def write(n: int) -> list[int]:
    ids = [
        outbox.write(kind="bench", recipient=f"r{i}@example.org", language="en", subject=f"S {i}", body="x" * 800).id
        for i in range(n)
    ]
    db.session.commit()
    return ids


def run(app, ids: list[int], deliverers: int) -> float:
    def work():
        with app.app_context():
            for message_id in ids:
                delivery.deliver(message_id)
            db.session.remove()

    threads = [threading.Thread(target=work) for _ in range(deliverers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("-n", type=int, default=300)
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    os.environ["PARTNERSHIP_INSTANCE"] = folder
    counter = Counter()
    controller = Controller(counter, hostname="127.0.0.1", port=8826)
    controller.start()
    app = create_app(
        {
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": args.database_url or f"sqlite:///{folder}/bench.sqlite",
            "CELERY_BROKER_URL": "memory://",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": 8826,
        }
    )
    with app.app_context():
        db.create_all()
        one = run(app, write(args.n), 1)
        two = run(app, write(args.n), 2)
        db.drop_all()
    controller.stop()
    print(f"{args.n} messages, one deliverer: {one:.2f} s ({args.n / one:.0f}/s)")
    print(f"{args.n} messages, two deliverers at once: {two:.2f} s ({args.n / two:.0f}/s), ratio {one / two:.2f}")
    print(f"arrived: {counter.count} of {2 * args.n} (each exactly once)")


if __name__ == "__main__":
    main()
