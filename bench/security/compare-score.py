"""Scores secretlint's JSON report and `hologram secrets scan` output against the exported corpora.

A secret file counts as detected when the tool reports at least one finding in it; an ordinary line counts as a false
positive when the tool reports a finding on it.
"""
import json
import os
import re
import sys
from collections import defaultdict

corpus, secretlint_json, hologram_txt, version, secretlint_seconds, hologram_seconds = sys.argv[1:7]


def relative(path):
    path = os.path.normpath(path)
    marker = os.sep + "corpus" + os.sep
    return path[path.index(marker) + len(marker):] if marker in path else os.path.relpath(path, corpus)


def secretlint_findings():
    found = defaultdict(set)
    with open(secretlint_json, encoding="utf-8") as f:
        text = f.read().strip()
    for result in json.loads(text) if text else []:
        for message in result.get("messages", []):
            line = message.get("loc", {}).get("start", {}).get("line", 0)
            found[relative(result["filePath"])].add(line)
    return found


def hologram_findings():
    found = defaultdict(set)
    pattern = re.compile(r"^(?P<file>.+?):(?P<line>\d+): ")
    with open(hologram_txt, encoding="utf-8") as f:
        for raw in f:
            match = pattern.match(raw)
            if match:
                found[relative(os.path.join(corpus, match["file"].removeprefix("corpus/")))].add(int(match["line"]))
    return found


secret_files = defaultdict(list)
for dirpath, _, files in os.walk(os.path.join(corpus, "secrets")):
    for name in files:
        rel = os.path.relpath(os.path.join(dirpath, name), corpus)
        secret_files[rel.split(os.sep)[1]].append(rel)
ordinary_lines = 0
for name in os.listdir(os.path.join(corpus, "ordinary")):
    with open(os.path.join(corpus, "ordinary", name), encoding="utf-8") as f:
        ordinary_lines += sum(1 for _ in f)

tools = {f"secretlint {version} (recommend preset)": (secretlint_findings(), float(secretlint_seconds)),
         "hologram secrets scan": (hologram_findings(), float(hologram_seconds))}
order = ["original", "providers", "contexts", "heldout"]
header = f"{'':38}" + "".join(f"{name:>16}" for name in order) + f"{'all':>18}{'FP /10k lines':>15}{'time':>9}"
print(header)
for tool, (found, seconds) in tools.items():
    cells = []
    total = hit = 0
    for name in order:
        files = secret_files[name]
        detected = sum(1 for f in files if found.get(f))
        total += len(files)
        hit += detected
        cells.append(f"{detected}/{len(files)} {100.0 * detected / len(files):5.1f}%")
    fp = sum(len(lines) for f, lines in found.items() if f.startswith("ordinary" + os.sep))
    print(f"{tool:38}" + "".join(f"{c:>16}" for c in cells) + f"{f'{hit}/{total} {100.0 * hit / total:5.1f}%':>18}"
          + f"{10000.0 * fp / ordinary_lines:>15.2f}{seconds:>8.1f}s")
print(f"({ordinary_lines} ordinary lines; a secret counts as detected when the tool reports a finding in its file)")
