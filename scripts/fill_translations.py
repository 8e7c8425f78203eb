"""Fill unfinished entries of a Qt .ts catalogue from a JSON file, then list what is left.

    python scripts/fill_translations.py explainer/i18n/cnn_explainer_pt_BR.ts new.json

new.json: {"Context": {"English source": "tradução", ...}, ...}. Entries already translated
are left alone unless the JSON gives them again. Run scripts/update_translations.sh first (it
adds the new sources) and again after (it compiles the .qm).
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET


def main(ts_path: str, json_path: str | None = None) -> int:
    tree = ET.parse(ts_path)
    wanted = json.load(open(json_path, encoding="utf-8")) if json_path else {}
    left = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            text = wanted.get(name, {}).get(source)
            if text is not None:
                translation.text = text
                translation.attrib.pop("type", None)
            elif translation.get("type") == "unfinished":
                left.append(f"{name}: {source!r}")
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    with open(ts_path, encoding="utf-8") as handle:
        body = handle.read()
    # lupdate writes a DOCTYPE line that ElementTree drops; put it back so diffs stay small.
    if "<!DOCTYPE TS>" not in body:
        body = body.replace("?>\n", "?>\n<!DOCTYPE TS>\n", 1)
        with open(ts_path, "w", encoding="utf-8") as handle:
            handle.write(body)
    for line in left:
        print("unfinished:", line)
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
