#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Keep i18n/boligsocial_<lang>.ts in step with the code.

Finds every string literal passed to tr(), self.tr(), N_() or
QCoreApplication.translate('Boligsocial', ...) in boligsocial_plugin/, all in the one
context 'Boligsocial' (pylupdate5 would file self.tr() under the class name, which the
runtime lookup never uses). Existing translations are kept, new strings are added as
unfinished, strings no longer in the code are dropped (git keeps their history; parallel
branches merge without stale entries).
--check exits 1 when the .ts file lacks strings (CI prints a warning).
"""
import argparse
import ast
import os
import sys
import xml.etree.ElementTree as ET
from typing import Dict, List, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONTEXT = "Boligsocial"
FUNCS = {"tr", "N_"}


def extract() -> List[Tuple[str, str, int]]:
    """(text, file, line) for every translatable literal, in order of first appearance."""
    out: Dict[str, Tuple[str, str, int]] = {}
    pkg = os.path.join(ROOT, "boligsocial_plugin")
    for dirpath, dirs, files in os.walk(pkg):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8") as f:
                tree = ast.parse(f.read(), path)
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                fn = node.func
                fname = fn.id if isinstance(fn, ast.Name) else \
                    fn.attr if isinstance(fn, ast.Attribute) else ""
                arg = None
                if fname in FUNCS:
                    arg = node.args[0]
                elif fname == "translate" and len(node.args) >= 2 and \
                        isinstance(node.args[0], ast.Constant) and node.args[0].value == CONTEXT:
                    arg = node.args[1]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value:
                    rel = os.path.relpath(path, ROOT)
                    out.setdefault(arg.value, (arg.value, rel, node.lineno))
    return list(out.values())


def ts_path(lang: str) -> str:
    """Path of the .ts file of a language."""
    return os.path.join(ROOT, "i18n", "boligsocial_{}.ts".format(lang))


def read_ts(path: str) -> Dict[str, Tuple[str, str]]:
    """source -> (translation, type) of an existing .ts file."""
    if not os.path.exists(path):
        return {}
    out = {}
    for msg in ET.parse(path).getroot().iter("message"):
        src = msg.findtext("source") or ""
        t = msg.find("translation")
        out[src] = ((t.text or "") if t is not None else "",
                    t.get("type", "") if t is not None else "unfinished")
    return out


def write_ts(path: str, lang: str, strings, old: Dict[str, Tuple[str, str]]) -> Tuple[int, int]:
    """Write the merged .ts; returns (translated, unfinished)."""
    root = ET.Element("TS", version="2.1", language={"da": "da_DK"}.get(lang, lang))
    ctx = ET.SubElement(root, "context")
    ET.SubElement(ctx, "name").text = CONTEXT
    done = todo = 0
    seen = set()
    # sorted by source text, no line numbers: edits elsewhere in a file and parallel branches
    # do not rewrite unrelated entries (clean diffs and merges)
    for text, rel, _line in sorted(strings, key=lambda s: s[0]):
        seen.add(text)
        msg = ET.SubElement(ctx, "message")
        ET.SubElement(msg, "location", filename="../" + rel)
        ET.SubElement(msg, "source").text = text
        tr_text, _typ = old.get(text, ("", "unfinished"))
        t = ET.SubElement(msg, "translation")
        if tr_text:
            t.text = tr_text
            done += 1
        else:
            t.set("type", "unfinished")
            todo += 1
    ET.indent(root)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        f.write(ET.tostring(root, encoding="unicode"))
        f.write("\n")
    return done, todo


def main(argv=None) -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description="Refresh i18n/*.ts from the code.")
    ap.add_argument("--lang", default="da")
    ap.add_argument("--check", action="store_true", help="only check, exit 1 if stale")
    a = ap.parse_args(argv)
    strings = extract()
    path = ts_path(a.lang)
    old = read_ts(path)
    missing = [s for s, _f, _l in strings if s not in old or old[s][1] == "vanished"]
    untranslated = [s for s, _f, _l in strings if not old.get(s, ("", ""))[0]]
    if a.check:
        print("{} strings, {} missing from {}, {} without translation".format(
            len(strings), len(missing), os.path.relpath(path, ROOT), len(untranslated)))
        return 1 if missing else 0
    done, todo = write_ts(path, a.lang, strings, old)
    print("{}: {} translated, {} unfinished".format(os.path.relpath(path, ROOT), done, todo))
    return 0


if __name__ == "__main__":
    sys.exit(main())
