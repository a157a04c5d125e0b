#!/usr/bin/env python3
"""Renders every Markdown page of a report set with cmark-gfm (GitHub's own
renderer, through the `cmarkgfm` package) and checks what GitHub would show:
no HTML element that the Markdown did not ask for (no raw HTML passes), no
link but to a file of the set (no javascript:, no autolinked address), and
every table row with as many cells as its header.

    python3 -m venv venv && venv/bin/pip install cmarkgfm
    venv/bin/python scripts/checks/markdown_safety.py REPORT_DIR

An independent check of `Escaping.markdown` (Swift) against the renderer
that matters; the end-to-end test InjectionEndToEndTests keeps such a set
when RENDEMENT_KEEP_INJECTION_SET=1 is set. Exit 1 on any finding.
"""
import os
import sys
from html.parser import HTMLParser
from urllib.parse import unquote

import cmarkgfm
from cmarkgfm.cmark import Options

ALLOWED = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td",
           "em", "strong", "code", "a", "img", "blockquote", "br"}


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.links, self.rows, self.row = [], [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        if tag == "a":
            self.links.append(a.get("href", ""))
        if tag == "img":
            self.links.append(a.get("src", ""))
        if tag == "tr":
            self.row = 0
        if tag in ("td", "th") and self.row is not None:
            self.row += 1

    def handle_endtag(self, tag):
        if tag == "tr":
            self.rows.append(self.row)
            self.row = None


def check(path, root):
    text = open(path, encoding="utf-8").read()
    # UNSAFE keeps raw HTML in the output, so that any raw HTML would be seen.
    html = cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    c = Collector()
    c.feed(html)
    problems = [f"element <{t}>" for t in sorted(set(c.tags) - ALLOWED)]
    folder = os.path.dirname(path)
    for link in c.links:
        target = os.path.normpath(os.path.join(folder, unquote(link)))
        if ":" in link or not target.startswith(root) or not os.path.exists(target):
            problems.append(f"link to {link!r}")
    # Tables: each table's rows as wide as its header (cmark-gfm pads short rows, so compare the source).
    for line in text.splitlines():
        if line.startswith("|"):
            cells, escaped = 0, False
            for ch in line:
                if ch == "|" and not escaped:
                    cells += 1
                escaped = ch == "\\" and not escaped
            if cells < 2:
                problems.append(f"broken table row {line!r}")
    return problems


def main():
    root = os.path.abspath(sys.argv[1])
    findings = 0
    pages = 0
    for folder, _, files in os.walk(root):
        for name in files:
            if name.endswith(".md"):
                pages += 1
                for p in check(os.path.join(folder, name), root):
                    print(f"{os.path.join(folder, name)}: {p}")
                    findings += 1
    print(f"{pages} pages checked, {findings} findings")
    sys.exit(1 if findings or not pages else 0)


if __name__ == "__main__":
    main()
