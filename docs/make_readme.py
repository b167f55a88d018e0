#!/usr/bin/env python3
"""Build README.md from docs/readme.tmpl.md by running the examples.

A line `{{gridctl ARGS|N}}` becomes a console block with the command and its
real output (the first N lines, then `...`). The test suite checks these
blocks against the binary (tests/cli.rs), so they stay true.
Run from the repository root after `cargo build`: python3 docs/make_readme.py
"""
import csv, io, os, re, shlex, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "debug", "gridctl")
ENV = dict(os.environ, NO_COLOR="1", GRIDCTL_LANG="en", LANG="C.UTF-8")


def run(args):
    p = subprocess.run([BIN] + args, cwd=ROOT, env=ENV, capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def block(spec):
    cmd, _, limit = spec.partition("|")
    args = shlex.split(cmd)[1:]
    code, out = run(args)
    # An output that ends in a newline keeps an empty last line: the line
    # before the closing fence is only formatting for trycmd.
    lines = out.split("\n")
    if limit and len(lines) > int(limit) + 1:
        lines = lines[: int(limit)] + ["..."]
    head = ["```console", "$ " + cmd]
    if code != 0:
        head.append(f"? {code}")
    return "\n".join(head + lines + ["```"])


def rules():
    _, out = run(["explain", "--format", "csv"])
    rows = list(csv.reader(io.StringIO(out)))[1:]
    return "\n".join(f"| {c} | {s} | {t} |" for c, s, t in rows)


def main():
    text = open(os.path.join(ROOT, "docs", "readme.tmpl.md"), encoding="utf-8").read()
    scale = open(os.path.join(ROOT, "docs", "scale.md"), encoding="utf-8").read().strip()
    text = text.replace("{{RULES}}", rules()).replace("{{SCALE}}", scale)
    text = re.sub(r"\{\{(gridctl [^}]*)\}\}", lambda m: block(m.group(1)), text)
    open(os.path.join(ROOT, "README.md"), "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    sys.exit(main())
