#!/usr/bin/env bash
# check-feeds.sh FOLDER [EXPECTED_ENTRIES]
# Checks a feed channel's output with real readers: feedparser (pip) must parse rss.xml and
# atom.xml with bozo == 0, and feed.json must validate against jsonfeed-1.1.schema.json
# (jsonschema, pip) with unique string ids. The three files must list the same entry ids in
# the same order, no id may be a URL, and the Atom tombstones must carry only ref and when.
# With EXPECTED_ENTRIES, each file must hold exactly that many entries.
# Exit 0 when everything holds, 1 on any failure, 2 on bad usage or missing tools.
set -euo pipefail
if [[ $# -lt 1 || $# -gt 2 || ! -d "$1" ]]; then
    echo "usage: $0 FOLDER [EXPECTED_ENTRIES]" >&2
    exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! python3 -c 'import feedparser, jsonschema' 2>/dev/null; then
    echo "check-feeds: needs python3 with feedparser and jsonschema (pip install feedparser jsonschema)" >&2
    exit 2
fi
exec python3 - "$1" "$here/jsonfeed-1.1.schema.json" "${2:-}" <<'PY'
import json, os, sys
import xml.etree.ElementTree as ET
import feedparser, jsonschema

folder, schema_path, expected = sys.argv[1], sys.argv[2], sys.argv[3]
failures, ids = [], {}

def fail(message):
    failures.append(message)

for name in ("rss.xml", "atom.xml"):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        continue
    feed = feedparser.parse(path)
    if feed.bozo:
        fail(f"{name}: feedparser bozo: {feed.get('bozo_exception')!r}")
        continue
    wanted = "rss20" if name == "rss.xml" else "atom10"
    if feed.version != wanted:
        fail(f"{name}: feedparser sees version {feed.version!r}, not {wanted}")
    ids[name] = [entry.get("id", "") for entry in feed.entries]
    for entry in feed.entries:
        for key in ("id", "title", "link", "published", "updated"):
            if not entry.get(key):
                fail(f"{name}: entry {entry.get('id')!r} has no {key}")
    if name == "rss.xml":
        for entry in feed.entries:
            if entry.get("guidislink", True):
                fail(f"rss.xml: guid of {entry.get('id')!r} is a permalink")
    else:
        tomb = "{http://purl.org/atompub/tombstones/1.0}deleted-entry"
        for node in ET.parse(path).getroot().iter(tomb):
            if set(node.attrib) != {"ref", "when"} or len(node) or (node.text or "").strip():
                fail(f"atom.xml: tombstone {node.attrib.get('ref')!r} carries more than ref and when")

path = os.path.join(folder, "feed.json")
if os.path.exists(path):
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    validator = jsonschema.Draft202012Validator(schema)
    for error in validator.iter_errors(document):
        fail(f"feed.json: {'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}")
    items = document.get("items", []) if isinstance(document, dict) else []
    json_ids = [item.get("id") for item in items if isinstance(item, dict)]
    if len(json_ids) != len(set(json_ids)):
        fail("feed.json: item ids are not unique")
    ids["feed.json"] = json_ids

if not ids:
    fail("no rss.xml, atom.xml or feed.json in the folder")
for name, found in ids.items():
    for entry_id in found:
        if not isinstance(entry_id, str) or "://" in entry_id or entry_id.lower().startswith(("http:", "https:")):
            fail(f"{name}: entry id {entry_id!r} is a URL or not a string")
    if expected and len(found) != int(expected):
        fail(f"{name}: {len(found)} entries, expected {expected}")
lists = list(ids.values())
if any(other != lists[0] for other in lists[1:]):
    fail("the files do not list the same entries in the same order: " + ", ".join(f"{n}={len(v)}" for n, v in ids.items()))

for message in failures:
    print(f"check-feeds: {message}", file=sys.stderr)
if failures:
    sys.exit(1)
print(f"check-feeds: {folder}: " + ", ".join(f"{name} {len(found)} entries" for name, found in ids.items()) + " - ok")
PY
