#!/usr/bin/env python3
"""Fill a Parley SQLite database (already migrated by `parley serve`) with
an account's worth of inbox data for the inbox benchmark: contacts,
conversations and messages, written straight into the tables in a few
large transactions. The FTS triggers of migration 006 index the text as
it goes in, as they would in production.

usage: gen.py DB CONVERSATIONS MESSAGES
"""
import random
import sqlite3
import sys
import time

WORDS = ("order refund delivery parcel late where is my package invoice "
         "address change cancel payment card failed thanks hello please "
         "help size colour exchange return label tracking number today "
         "배송 주문 환불 감사합니다").split()


def main():
    db_path, n_conv, n_msg = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rnd = random.Random(7)
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA synchronous = OFF")
    account = db.execute("SELECT MIN(id) FROM accounts").fetchone()[0]
    inbox = db.execute("SELECT MIN(id) FROM inboxes WHERE account_id = ?",
                       (account,)).fetchone()[0]
    users = [r[0] for r in db.execute(
        "SELECT id FROM users WHERE account_id = ?", (account,))]
    now = int(time.time() * 1000)
    t0 = time.time()
    n_contacts = n_conv
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO contacts (account_id, wa_id, name, phone, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        ((account, str(8210_0000_0000 + i), f"Customer {i}",
          f"+{8210_0000_0000 + i}", now, now) for i in range(n_contacts)))
    first_contact = db.execute(
        "SELECT MIN(id) FROM contacts WHERE wa_id = ?",
        (str(8210_0000_0000),)).fetchone()[0]
    statuses = ["open"] * 6 + ["pending", "snoozed", "resolved", "resolved"]

    def conversations():
        for i in range(n_conv):
            at = now - rnd.randrange(90 * 86400 * 1000)
            st = rnd.choice(statuses)
            waiting = at if rnd.random() < 0.5 else None
            yield (account, inbox, first_contact + i, st,
                   rnd.randrange(5),
                   rnd.choice(users) if rnd.random() < 0.6 else None,
                   now + 86400000 if st == "snoozed" else None,
                   rnd.randrange(4), at, waiting, at - 1000, at)
    db.executemany(
        "INSERT INTO conversations (account_id, inbox_id, contact_id, "
        "status, priority, assignee_id, snoozed_until, unread_count, "
        "last_message_at, waiting_since, created_at, updated_at) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", conversations())
    first_conv = db.execute(
        "SELECT MIN(id) FROM conversations WHERE contact_id = ?",
        (first_contact,)).fetchone()[0]
    db.execute("COMMIT")
    print(f"contacts+conversations: {time.time() - t0:.1f}s", flush=True)

    batch = 100_000
    for start in range(0, n_msg, batch):
        db.execute("BEGIN")
        rows = []
        for k in range(start, min(start + batch, n_msg)):
            c = k % n_conv
            text = " ".join(rnd.choice(WORDS) for _ in range(8))
            d = "in" if k % 3 else "out"
            rows.append((account, first_conv + c, inbox, first_contact + c,
                         d, "contact" if d == "in" else "user", "text",
                         text, "received" if d == "in" else "read",
                         now - (n_msg - k) * 1000, now))
        db.executemany(
            "INSERT INTO messages (account_id, conversation_id, inbox_id, "
            "contact_id, direction, sender_type, type, text, status, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows)
        db.execute("COMMIT")
        print(f"messages {min(start + batch, n_msg)}: "
              f"{time.time() - t0:.1f}s", flush=True)
    db.execute(
        "UPDATE conversations SET last_message_id = (SELECT MAX(id) FROM "
        "messages m WHERE m.conversation_id = conversations.id) "
        "WHERE account_id = ?", (account,))
    db.commit()
    db.execute("ANALYZE")
    db.close()
    print(f"done: {time.time() - t0:.1f}s")


if __name__ == "__main__":
    main()
