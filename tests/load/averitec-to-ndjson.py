#!/usr/bin/env python3
"""Converts the AVeriTeC dev split (../shared/data/averitec-dev/dev.json) into an import file (docs/api-guide.md#import).

    tests/load/averitec-to-ndjson.py [path/to/dev.json] > /tmp/averitec.ndjson

A local demo only: the data is CC BY-NC 4.0 (Schlichtkrull, Guo and Vlachos, "AVeriTeC", NeurIPS 2023 Datasets and
Benchmarks; see the folder's SOURCE.md), so neither it nor the file this writes is committed or used by a test CI runs.

AVeriTeC gives, for each of its 500 claims, the claim as one sentence, who made it (or nobody, for 110), the date,
where it was reported (Facebook, Twitter, a news site …), the archived page it appeared on and the fact-checking
article with the annotators' verdict and justification. It does not give the page's text. Each claim becomes:

* an entity for its speaker (one per distinct name, trimmed; `person` unless the name reads as an organisation:
  Agency, Ministry, Party, News …, then `organisation`); a claim without a speaker is claimed by an entity standing
  for its reporting source ("Facebook posts", "Twitter posts", or "Unattributed claims" without a source), a
  `publication`, as the seeds do for unidentified claimants;
* an article that records where the claim appeared, dated with the claim's date: its title names the speaker and the
  source, its one paragraph is the claim as AVeriTeC words it, its sourceUrl the archived page (or the fact-checking
  article when AVeriTeC has no page). The article is a record of the appearance, not the page itself;
* a statement of the speaker anchored by quoting that paragraph (reported speech: AVeriTeC's claims are often
  normalised, not verbatim);
* a claim (factual) with that statement as its evidence, the speaker as claimant, claimedOn the claim's date and its
  status from the verdict: Supported → true, Refuted → false, Conflicting Evidence/Cherrypicking → mixture,
  Not Enough Evidence → unproven;
* a review by the fact-checking site (named by the article's host, without the web.archive.org wrapper), its URL the
  fact-checking article, ratingText AVeriTeC's label, rating as the status, summary the justification. AVeriTeC does
  not give the review's date: reviewedOn is the claim's date.

Ids are `averitec-dev-<index>-<kind>` (and `averitec-<slug>` for entities), so importing the file again changes
nothing. Needs only Python 3.
"""
import json
import re
import sys
import unicodedata
from urllib.parse import urlparse

RATINGS = {
    "Supported": "true",
    "Refuted": "false",
    "Conflicting Evidence/Cherrypicking": "mixture",
    "Not Enough Evidence": "unproven",
}
ORGANISATION = re.compile(
    r"\b(agency|ministry|ministers?'? office|consulate|embassy|party|news|government|department|organi[sz]ation|council|police|"
    r"commission|committee|association|union|institute|university|company|corporation|inc|ltd|times|post|tv|radio|channel|"
    r"network|media|group|foundation|who|cdc|fda|nasa|bank|office|senate|congress|parliament|campaign|army|force|page|website)\b",
    re.IGNORECASE)


def slug(text):
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:60].strip("-") or "unnamed"


def line(record):
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def date(dmy):
    """AVeriTeC's D-M-YYYY (days and months without a leading zero, or with one) as YYYY-MM-DD."""
    day, month, year = dmy.split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"


def unarchived(url):
    """The page's own URL inside a web.archive.org one."""
    match = re.match(r"https?://web\.archive\.org/web/[^/]+/(.+)$", url or "")
    return match.group(1) if match else url


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/averitec-dev/dev.json"
    with open(path, encoding="utf-8") as f:
        claims = json.load(f)
    out = sys.stdout
    entities = {}

    def entity(name, kind):
        entity_id = "averitec-" + slug(name)
        if entity_id not in entities:
            entities[entity_id] = name
            out.write(line({"type": "entity", "id": entity_id, "name": name, "kind": kind}) + "\n")
        return entity_id

    for index, item in enumerate(claims):
        text = " ".join(item["claim"].split())
        speaker = (item.get("speaker") or "").strip()
        source = (item.get("reporting_source") or "").strip()
        if speaker:
            claimant = entity(speaker, "organisation" if ORGANISATION.search(speaker) else "person")
        else:
            claimant = entity(f"{source} posts" if source else "Unattributed claims", "publication")
        day = date(item["claim_date"])
        stem = f"averitec-dev-{index}"
        where = f" on {source}" if source else ""
        article = {"type": "article", "id": f"{stem}-article", "publishedOn": day,
                   "title": f"{speaker or 'An unattributed claim'}{where}, {day}", "paragraphs": [text]}
        page = item.get("original_claim_url") or item.get("fact_checking_article")
        if page:
            article["sourceUrl"] = page
        out.write(line(article) + "\n")
        out.write(line({"type": "statement", "id": f"{stem}-statement", "article": f"{stem}-article", "speaker": claimant,
                        "kind": "reported-speech", "exact": text}) + "\n")
        rating = RATINGS[item["label"]]
        out.write(line({"type": "claim", "id": f"{stem}-claim", "text": text, "claimant": claimant, "kind": "factual",
                        "claimedOn": day, "status": rating, "article": f"{stem}-article",
                        "evidence": [{"statement": f"{stem}-statement"}]}) + "\n")
        checked = item.get("fact_checking_article")
        if checked:
            review = {"type": "review", "id": f"{stem}-review", "claimId": f"{stem}-claim",
                      "reviewerName": urlparse(unarchived(checked)).hostname or "unknown", "url": checked,
                      "reviewedOn": day, "ratingText": item["label"], "rating": rating}
            if item.get("justification"):
                review["summary"] = " ".join(item["justification"].split())[:2000]
            out.write(line(review) + "\n")


if __name__ == "__main__":
    main()
