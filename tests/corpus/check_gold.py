#!/usr/bin/env python3
"""Validate the dev corpus: every NNN_name.txt has a gold NNN_name.json in the
interchange format (../../../shared/gold/README.md), and the gold is consistent
with its text.

usage: python3 check_gold.py [CORPUS_DIR]     (default: the directory of this script)

Errors (exit status 1):
  - a .txt without a .json or a .json without a .txt
  - JSON that does not parse, or lacks a key / has a wrongly typed value
  - a quote that is not an exact substring of the document
  - a date that is not YYYY, YYYY-MM or YYYY-MM-DD (or not a real calendar date)
  - an enum value outside the format (language, kind, event type, action, qualifier)
  - a person name that does not occur verbatim in the document outside caption lines
  - an event participant that is not among the document's persons
Warnings (reported, not fatal):
  - a document outside 150-450 words
  - a required place whose name does not occur verbatim in the document
Standard library only.
"""
import datetime
import json
import re
import sys
from pathlib import Path

TOP_KEYS = ["document", "persons", "places", "organizations", "events", "agreements", "statistics"]
DOC_KEYS = ["file", "title", "published", "publisher", "language"]
LANGS = {"de", "en"}
KINDS = {"country", "state", "prefecture", "province", "city", "region"}
EVENT_TYPES = {"visit", "reception", "meeting", "delegation", "signing", "extension", "other"}
ACTIONS = {"signed", "extended", "renewed", "planned", "ongoing"}
QUALIFIERS = {"more than", "about", "exactly", "less than"}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
CAPTION_RE = re.compile(r"^\s*(Bildunterschrift|Foto|Photo|Photo caption)\b", re.I)


def check_date(value, where, errors, allow_null=True):
    if value is None:
        if not allow_null:
            errors.append(f"{where}: date is null")
        return
    if not isinstance(value, str) or not DATE_RE.match(value):
        errors.append(f"{where}: bad date {value!r}")
        return
    parts = [int(p) for p in value.split("-")]
    try:
        if len(parts) == 3:
            datetime.date(*parts)
        elif len(parts) == 2 and not 1 <= parts[1] <= 12:
            raise ValueError
    except ValueError:
        errors.append(f"{where}: not a calendar date {value!r}")


def require(obj, keys, where, errors):
    if not isinstance(obj, dict):
        errors.append(f"{where}: not an object")
        return False
    ok = True
    for k in keys:
        if k not in obj:
            errors.append(f"{where}: missing key {k!r}")
            ok = False
    return ok


def check_doc(txt_path, json_path, errors, warnings):
    name = json_path.name
    text = txt_path.read_text(encoding="utf-8")
    try:
        gold = json.loads(json_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        errors.append(f"{name}: invalid JSON: {e}")
        return None
    if not require(gold, TOP_KEYS, name, errors):
        return None
    body = "\n".join(l for l in text.splitlines() if not CAPTION_RE.match(l))

    d = gold["document"]
    if require(d, DOC_KEYS, f"{name} document", errors):
        if d["file"] != txt_path.name:
            errors.append(f"{name}: document.file {d['file']!r} != {txt_path.name!r}")
        first = text.splitlines()[0].strip() if text else ""
        if d["title"] != first:
            errors.append(f"{name}: document.title is not the first line of the text")
        check_date(d["published"], f"{name} document.published", errors, allow_null=False)
        if d["published"] and len(d["published"]) != 10:
            errors.append(f"{name}: document.published must be a full date")
        if d["language"] not in LANGS:
            errors.append(f"{name}: language {d['language']!r}")
        if not d["publisher"]:
            errors.append(f"{name}: empty publisher")

    person_names = []
    for i, p in enumerate(gold["persons"]):
        w = f"{name} persons[{i}]"
        if not require(p, ["name", "offices"], w, errors):
            continue
        person_names.append(p["name"])
        if p["name"] not in body:
            errors.append(f"{w}: name {p['name']!r} not verbatim in the document body")
        for j, o in enumerate(p["offices"] or []):
            if require(o, ["title", "of", "asOf"], f"{w}.offices[{j}]", errors):
                if not o["title"]:
                    errors.append(f"{w}.offices[{j}]: empty title")
                check_date(o["asOf"], f"{w}.offices[{j}].asOf", errors)

    for i, pl in enumerate(gold["places"]):
        w = f"{name} places[{i}]"
        if require(pl, ["name", "kind"], w, errors):
            if pl["kind"] not in KINDS:
                errors.append(f"{w}: kind {pl['kind']!r}")
            if not pl.get("optional") and pl["name"] not in body:
                warnings.append(f"{w}: place {pl['name']!r} not verbatim in the body")

    for i, o in enumerate(gold["organizations"]):
        require(o, ["name"], f"{name} organizations[{i}]", errors)

    quotes = []
    for i, e in enumerate(gold["events"]):
        w = f"{name} events[{i}]"
        if not require(e, ["type", "date", "participants", "place", "involves", "quote"], w, errors):
            continue
        if e["type"] not in EVENT_TYPES:
            errors.append(f"{w}: type {e['type']!r}")
        check_date(e["date"], f"{w}.date", errors)
        for x in e["participants"]:
            if x not in person_names:
                errors.append(f"{w}: participant {x!r} not among persons")
        if not e["participants"] and not e["place"] and len(e["involves"] or []) < 2:
            errors.append(f"{w}: no participant, place or two involved parties (unmatchable)")
        quotes.append((w, e["quote"]))

    for i, a in enumerate(gold["agreements"]):
        w = f"{name} agreements[{i}]"
        if not require(a, ["title", "parties", "action", "date", "quote"], w, errors):
            continue
        if a["action"] not in ACTIONS:
            errors.append(f"{w}: action {a['action']!r}")
        check_date(a["date"], f"{w}.date", errors)
        if "count" in a and not isinstance(a["count"], int):
            errors.append(f"{w}: count must be an integer")
        quotes.append((w, a["quote"]))

    for i, s in enumerate(gold["statistics"]):
        w = f"{name} statistics[{i}]"
        if not require(s, ["subject", "metric", "value", "qualifier", "asOf", "quote"], w, errors):
            continue
        if not isinstance(s["value"], (int, float)) or isinstance(s["value"], bool):
            errors.append(f"{w}: value must be a number")
        if s["qualifier"] not in QUALIFIERS:
            errors.append(f"{w}: qualifier {s['qualifier']!r}")
        check_date(s["asOf"], f"{w}.asOf", errors)
        quotes.append((w, s["quote"]))

    for w, q in quotes:
        if not q:
            errors.append(f"{w}: empty quote")
        elif q not in text:
            errors.append(f"{w}: quote not verbatim: {q[:70]!r}")
        elif q not in body:
            errors.append(f"{w}: quote comes from a caption line: {q[:70]!r}")

    words = len(text.split())
    if not 150 <= words <= 450:
        warnings.append(f"{name}: {words} words (expected 150-450)")
    return d.get("language")


def main():
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    errors, warnings = [], []
    txts = {p.stem: p for p in root.glob("*.txt")}
    jsons = {p.stem: p for p in root.glob("*.json")}
    for stem in sorted(set(txts) - set(jsons)):
        errors.append(f"{stem}.txt has no gold file")
    for stem in sorted(set(jsons) - set(txts)):
        errors.append(f"{stem}.json has no document")
    langs = {}
    for stem in sorted(set(txts) & set(jsons)):
        lang = check_doc(txts[stem], jsons[stem], errors, warnings)
        langs[lang] = langs.get(lang, 0) + 1
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    print(f"{len(set(txts) & set(jsons))} documents ({', '.join(f'{k}: {v}' for k, v in sorted(langs.items(), key=str))}), "
          f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
