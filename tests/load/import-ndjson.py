#!/usr/bin/env python3
"""Writes a synthetic NDJSON import file (docs/api-guide.md#import) to standard output, for measuring the import.

    tests/load/import-ndjson.py CLAIMS [--seed S] [--claims-per-article K] [--reviews]

For CLAIMS claims it writes, in an order the import can take in one pass (what a line refers to comes first):
CLAIMS/50 entities (at least 20: people and organisations, some part of another), CLAIMS/K articles of K paragraphs
each (K = 10 by default), in each paragraph one attributed statement ("<speaker> said that <sentence>"), and one claim
per statement whose evidence quotes the sentence inside it, mentioning one or two entities. With --reviews, every
tenth claim gets a review. Deterministic: the same arguments give the same bytes. Needs only Python 3.
"""
import argparse
import json
import random
import sys

ROLES = ["minister", "spokesperson", "mayor", "senator", "analyst", "director", "governor", "judge"]
ORGS = ["Ministry", "Council", "Agency", "Commission", "Party", "Union", "Institute", "Court"]
PLACES = ["Northport", "Eastvale", "Kraków", "São Paulo", "Lakeside", "Highbridge", "Münster", "Riverton"]
TOPICS = ["the bridge", "the budget", "the new line", "the water plan", "the treaty", "the port", "the school reform", "the tariff"]
VERBS = ["will open in", "will cost more in", "was delayed in", "will be reviewed in", "was approved in", "will double by"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def line(record):
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", type=int)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--claims-per-article", type=int, default=10)
    parser.add_argument("--reviews", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = sys.stdout
    per = args.claims_per_article

    entities = []
    for i in range(max(20, args.claims // 50)):
        if i % 3 == 0:
            kind = rng.choice(ORGS)
            record = {"type": "entity", "id": f"imp-org-{i}", "name": f"{rng.choice(PLACES)} {kind} {i}", "kind": "organisation", "aliases": [f"the {kind} {i}"]}
        else:
            record = {"type": "entity", "id": f"imp-person-{i}", "name": f"{rng.choice(ROLES).title()} Person {i}", "kind": "person"}
            if i > 3 and i % 7 == 0:
                record["description"] = f"A {rng.choice(ROLES)} of {rng.choice(PLACES)}."
        entities.append(record["id"])
        out.write(line(record) + "\n")

    claim = 0
    article = 0
    while claim < args.claims:
        article_id = f"imp-article-{article}"
        day = f"20{15 + article % 11:02d}-{1 + article % 12:02d}-{1 + article % 28:02d}"
        speakers = [rng.choice(entities) for _ in range(per)]
        sentences = []
        for k in range(per):
            sentences.append(f"{rng.choice(TOPICS)} {rng.choice(VERBS)} {rng.choice(MONTHS)} (item {article}-{k})")
        paragraphs = [f"{speakers[k].replace('-', ' ').title()} said that {sentences[k]}, according to the report." for k in range(per)]
        out.write(line({"type": "article", "id": article_id, "publishedOn": day, "lead": f"Report number {article}.",
                        "title": f"Report {article} on {rng.choice(TOPICS)}", "paragraphs": paragraphs}) + "\n")
        for k in range(per):
            out.write(line({"type": "statement", "id": f"imp-st-{article}-{k}", "article": article_id, "speaker": speakers[k],
                            "kind": "reported-speech", "cue": "said that", "exact": sentences[k]}) + "\n")
        for k in range(per):
            if claim >= args.claims:
                break
            record = {"type": "claim", "id": f"imp-claim-{claim}", "text": sentences[k][0].upper() + sentences[k][1:] + ".",
                      "claimant": speakers[k], "kind": "prediction" if "will" in sentences[k] else "factual", "article": article_id,
                      "evidence": [{"statement": f"imp-st-{article}-{k}", "exact": sentences[k].split(" (item")[0]}],
                      "mentions": sorted({speakers[k], rng.choice(entities)})}
            out.write(line(record) + "\n")
            if args.reviews and claim % 10 == 0:
                out.write(line({"type": "review", "id": f"imp-review-{claim}", "claimId": record["id"], "reviewerName": "Synthetic Checks",
                                "url": f"https://checks.example/{claim}", "reviewedOn": day, "ratingText": "Needs context",
                                "rating": rng.choice(["true", "mostly-true", "mixture", "mostly-false", "false", "unproven"])}) + "\n")
            claim += 1
        article += 1


if __name__ == "__main__":
    main()
