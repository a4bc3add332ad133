"""Helpers of tests/crash/crash-test.sh: the database checks, the writer and the verifier (python3, standard library only).

  crashlib.py integrity DB                      PRAGMA integrity_check and foreign_key_check; exit 1 unless both are clean
  crashlib.py state DB                          what the kill interrupted: "migrations=N seed_imports=N claims=N"
  crashlib.py write BASE KEY ACKS SEED THREADS  writes until the server goes away; every 2xx is appended to ACKS
  crashlib.py verify BASE KEY ACKS              every acknowledged write is there, with its history entry
  crashlib.py index-write BASE KEY LOG SEED THREADS
                                                publishes, edits, retracts and deletes claims, each text with a word of
                                                its own, until the server goes away; LOG gets each request before it is
                                                sent and each 2xx with what search must then find
  crashlib.py index-verify BASE KEY LOG SECONDS GET /v1/search finds each claim by its current word, and by no other;
                                                each search answered within SECONDS
  crashlib.py port                              a free TCP port on 127.0.0.1
"""
import json
import random
import socket
import sqlite3
import sys
import threading
import time
import urllib.error
import urllib.request


def integrity(db):
    # Opening the file as the app would: a hot journal or WAL left by the kill is recovered first.
    with sqlite3.connect(db) as connection:
        result = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        orphans = connection.execute("SELECT COUNT(*) FROM pragma_foreign_key_check").fetchone()[0]
    if result != ["ok"] or orphans:
        print(f"integrity_check: {'; '.join(result)[:500]}; rows with broken foreign keys: {orphans}")
        return 1
    print("ok")
    return 0


def state(db):
    with sqlite3.connect(db) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        count = lambda table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] if table in tables else 0
        print(f"migrations={count('__EFMigrationsHistory')} seed_imports={count('seed_imports')} claims={count('claims')}")
    return 0


class Api:
    def __init__(self, base, key):
        self.base, self.key = base, key

    def send(self, method, path, body=None, etag=None):
        request = urllib.request.Request(self.base + path, method=method, data=None if body is None else json.dumps(body).encode())
        request.add_header("Authorization", "Bearer " + self.key)
        if body is not None:
            request.add_header("Content-Type", "application/json")
        if etag:
            request.add_header("If-Match", etag)
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("ETag"), json.loads(response.read() or b"null")


def first_statement(api, query):
    """The first statement the statements list answers QUERY with: the evidence of the claims a writer makes. None
    when the server is gone already."""
    try:
        _, _, page = api.send("GET", query)
    except (urllib.error.URLError, ConnectionError, OSError):
        return None
    return page["items"][0]


def claim_body(statement, text):
    """A factual claim of TEXT by STATEMENT's speaker, in its article, with STATEMENT as its evidence."""
    return {"text": text, "claimant": statement["speaker"]["id"], "kind": "factual",
            "article": statement["articleId"], "evidence": [{"statement": statement["id"]}]}


def write(base, key, acks_path, seed, threads):
    api = Api(base, key)
    statement = first_statement(api, "/v1/statements?limit=1")
    if statement is None:
        return 0  # the server was killed before the first write
    lock = threading.Lock()

    with open(acks_path, "a", encoding="utf-8") as acks:
        def ack(claim_id, etag, text):
            with lock:
                acks.write(json.dumps({"id": claim_id, "revision": int(etag.strip('"').split('-')[0]), "text": text}) + "\n")
                acks.flush()

        def writer(n):
            rng = random.Random(f"{seed}-{n}")
            body = lambda text: claim_body(statement, text)
            while True:
                text = f"Crash test claim {seed}-{n}-{rng.randrange(10**9)}."
                _, etag, claim = api.send("POST", "/v1/claims", body(text))
                ack(claim["id"], etag, text)
                for _ in range(rng.randrange(1, 6)):
                    text = f"Crash test claim {seed}-{n}, edited {rng.randrange(10**9)}."
                    _, etag, _ = api.send("PUT", f"/v1/claims/{claim['id']}", body(text), etag)
                    ack(claim["id"], etag, text)
                if rng.random() < 0.5:
                    _, etag, _ = api.send("POST", f"/v1/claims/{claim['id']}/workflow", {"to": "in-review"}, etag)
                    ack(claim["id"], etag, text)

        return run_writers(threads, writer)


def verify(base, key, acks_path):
    api = Api(base, key)
    acked = {}
    with open(acks_path, encoding="utf-8") as acks:
        for line in acks:
            entry = json.loads(line)
            acked.setdefault(entry["id"], {})[entry["revision"]] = entry["text"]
    problems = []
    for claim_id, revisions in acked.items():
        try:
            _, etag, _ = api.send("GET", f"/v1/claims/{claim_id}")
            _, _, history = api.send("GET", f"/v1/claims/{claim_id}/history?limit=100")
        except urllib.error.HTTPError as e:
            problems.append(f"{claim_id}: GET answered {e.code}")
            continue
        current, listed = int(etag.strip('"').split('-')[0]), {item["revision"] for item in history["items"]}
        if current < max(revisions):
            problems.append(f"{claim_id}: at revision {current}, but revision {max(revisions)} was acknowledged")
        if missing := sorted(set(revisions) - listed):
            problems.append(f"{claim_id}: acknowledged revisions {missing} have no history entry")
        last = max(revisions)
        _, _, entry = api.send("GET", f"/v1/claims/{claim_id}/history/{last}")
        if (entry.get("after") or {}).get("text") != revisions[last]:
            problems.append(f"{claim_id}: history of revision {last} does not hold the acknowledged text")
    for problem in problems[:20]:
        print(problem)
    print(f"verified {sum(len(r) for r in acked.values())} acknowledged writes on {len(acked)} claims; {len(problems)} problems")
    return 1 if problems else 0


def index_write(base, key, log_path, seed, threads):
    """Claims whose searchability is known from the answers: each text carries a word no other text has (letters and
    digits ending in q, so no plural folding touches it). Per claim, LOG holds {"id", "sent"} before every request on
    it and {"id", "words", "found"} after each 2xx: every word the claim ever had, and the one search must find it by
    now (null: none, as a draft, retracted or deleted claim)."""
    api = Api(base, key)
    statement = first_statement(api, "/v1/statements?limit=1&workflow=published")
    if statement is None:
        return 0  # the server was killed before the first write
    lock = threading.Lock()

    with open(log_path, "a", encoding="utf-8") as log:
        def record(entry):
            with lock:
                log.write(json.dumps(entry) + "\n")
                log.flush()

        def writer(n):
            rng = random.Random(f"{seed}-{n}")
            word = lambda: f"x{seed.replace('-', 'x')}x{n}x{rng.randrange(16**8):08x}q"
            body = lambda w: claim_body(statement, f"Crash index claim {w}.")

            def send(claim_id, method, path, payload, etag, words, found):
                record({"id": claim_id, "sent": True})
                _, new_etag, _ = api.send(method, path, payload, etag)
                record({"id": claim_id, "words": words, "found": found})
                return new_etag

            while True:
                w = word()
                _, etag, claim = api.send("POST", "/v1/claims", body(w))
                claim_id, words = claim["id"], [w]
                record({"id": claim_id, "words": words, "found": None})
                path = f"/v1/claims/{claim_id}"
                etag = send(claim_id, "POST", path + "/workflow", {"to": "in-review"}, etag, words, None)
                etag = send(claim_id, "POST", path + "/workflow", {"to": "published"}, etag, words, w)
                if rng.random() < 0.4:
                    w = word()
                    words = words + [w]
                    etag = send(claim_id, "PUT", path, body(w), etag, words, w)
                roll = rng.random()
                if roll < 0.25:
                    send(claim_id, "POST", path + "/workflow", {"to": "retracted", "reason": "Crash test retraction."}, etag, words, None)
                elif roll < 0.4:
                    send(claim_id, "DELETE", path, None, etag, words, None)

        return run_writers(threads, writer)


def index_verify(base, key, log_path, seconds):
    """Every claim whose last request was answered: found by its current word and by none of its others, each search
    within SECONDS (the first one waits for the index to be opened, or built, and to catch up with the change log). A
    claim with a request in flight at the kill may be in either state and is left out."""
    bound = float(seconds)
    last = {}
    with open(log_path, encoding="utf-8") as log:
        for line in log:
            entry = json.loads(line)
            last[entry["id"]] = entry
    api = Api(base, key)  # with the key: the anonymous rate limit would answer 429 (search shows only published claims to anyone)
    problems, searches, in_flight, found = [], 0, 0, 0
    slowest = first = 0.0
    for claim_id, entry in last.items():
        if entry.get("sent"):
            in_flight += 1
            continue
        for w in entry["words"]:
            started = time.monotonic()
            _, _, page = api.send("GET", f"/v1/search?q={w}&type=claim&limit=5")
            took = time.monotonic() - started
            if searches == 0:
                first = took
            slowest = max(slowest, took)
            searches += 1
            if took > bound:
                problems.append(f"searching {w} took {took:.1f} s, more than {bound:g} s")
            ids = [item["id"] for item in page["items"]]
            if w == entry["found"]:
                found += 1
                if claim_id not in ids:
                    problems.append(f"{claim_id}: not found by its word {w} (search answered {ids})")
            elif claim_id in ids:
                problems.append(f"{claim_id}: found by {w}, but it was {'edited since' if entry['found'] else 'unpublished, retracted or deleted'}")
    for problem in problems[:20]:
        print(problem)
    print(f"searched {searches} words of {len(last) - in_flight} claims ({found} to be found, {in_flight} in flight at a kill left out), "
          f"first search {first * 1000:.0f} ms, slowest {slowest * 1000:.0f} ms; {len(problems)} problems")
    return 1 if problems else 0



def run_writers(threads, work):
    """Runs work(n) for n in 0..THREADS-1 on threads of their own until each ends, which it does when the server is
    killed under it (a refused connection, a reset, a timeout). An HTTP error answer is unexpected: 1, with them
    printed; otherwise 0."""
    lock = threading.Lock()
    unexpected = []

    def writer(n):
        try:
            work(n)
        except urllib.error.HTTPError as e:
            with lock:
                unexpected.append(f"{e.code} {e.read()[:300]!r}")
        except (urllib.error.URLError, ConnectionError, socket.timeout, OSError):
            pass  # the server was killed: the end of this writer

    workers = [threading.Thread(target=writer, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if unexpected:
        print("unexpected answers while writing: " + " | ".join(unexpected))
        return 1
    return 0

def port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])
    return 0


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "write":
        sys.exit(write(args[0], args[1], args[2], args[3], int(args[4])))
    if command == "index-write":
        sys.exit(index_write(args[0], args[1], args[2], args[3], int(args[4])))
    sys.exit({"integrity": integrity, "state": state, "verify": verify, "index-verify": index_verify, "port": port}[command](*args))
