"""Developer tool: set Vietnamese translations in a catalogue and clear their fuzzy flags.

Usage: python scripts/po_set.py path/to/django.po 'msgid=>msgstr' ...
Only single-line msgids are handled (the usual case for labels).
"""

import re
import sys
from pathlib import Path


def quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def main(path: str, pairs: list[str]) -> None:
    po = Path(path)
    entries = po.read_text(encoding="utf-8").split("\n\n")
    wanted = dict(pair.split("=>", 1) for pair in pairs)
    for i, entry in enumerate(entries):
        match = re.search(r'^msgid "(.*)"$', entry, re.MULTILINE)
        if not match:
            continue
        msgid = match.group(1).replace('\\"', '"')
        if msgid not in wanted:
            continue
        lines = [ln for ln in entry.split("\n") if not ln.startswith("#, fuzzy") and not ln.startswith("#| ")]
        out, skip = [], False
        for ln in lines:
            if ln.startswith("msgstr "):
                out.append(f'msgstr "{quote(wanted[msgid])}"')
                skip = True
                continue
            if skip and ln.startswith('"'):
                continue
            skip = False
            out.append(ln)
        entries[i] = "\n".join(out)
    po.write_text("\n\n".join(entries), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
