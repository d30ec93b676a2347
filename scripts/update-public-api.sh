#!/usr/bin/env bash
# Brings each package's PublicAPI.Unshipped.txt up to date with its code: builds the packages, adds every public
# symbol the public API analyzers report as undeclared (RS0016) and removes every declared one that no longer exists
# (RS0017). Review the diff of the PublicAPI files: it is the change to the packages' public API.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for project in src/*/*.csproj; do
  # the xunit.v3 3.x build compiles Hologram.Testing.XunitV3's sources against its PublicAPI files
  [[ $project == *.XunitV3.Xunit3.csproj ]] && continue
  dotnet build "$project" --no-incremental -p:TreatWarningsAsErrors=false -clp:NoSummary >>"$log" 2>&1 || true
done
python3 - "$log" <<'PY'
import collections, os, re, sys
added, removed = collections.defaultdict(set), collections.defaultdict(set)
pattern = re.compile(r"(RS0016|RS0017): Symbol '(.+?)' is (?:not )?part of the declared (?:public )?API.*\[(.+?\.csproj)")
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = pattern.search(line)
    if m:
        (added if m.group(1) == "RS0016" else removed)[os.path.dirname(m.group(3))].add(m.group(2))
for folder in sorted(set(added) | set(removed)):
    path = os.path.join(folder, "PublicAPI.Unshipped.txt")
    lines = [l.rstrip("\n") for l in open(path, encoding="utf-8")] if os.path.exists(path) else ["#nullable enable"]
    body = sorted((set(lines[1:]) - removed[folder]) | added[folder], key=lambda s: (s.lstrip("~"), s))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join([lines[0]] + [l for l in body if l]) + "\n")
    print(f"{path}: +{len(added[folder])} -{len(removed[folder])}")
PY
