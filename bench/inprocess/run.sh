#!/usr/bin/env bash
# In-process cost of the xUnit v2 hook: runs a built test assembly inside one process, through xUnit's own framework
# ("plain") and through Hologram's ("hook", HOLOGRAM_STORE=none; "hook-sqlite", the default store), modes interleaved,
# and prints wall time, CPU time, allocations and peak working set per mode, the cost per test (CPU, against plain)
# and the fixed cost per test process (phase by phase, from HOLOGRAM_COSTS_FILE, and from a one-class run).
#
#   bench/inprocess/run.sh                    # the realistic 61,200-case suite of bench/hook-overhead, 5 rounds
#   RUNS=3 SUITE=path/to/Tests.dll bench/inprocess/run.sh
#
# Knobs: RUNS (rounds, default 5, after one warm-up round), SUITE (a built xUnit v2 test assembly; by default the
# realistic suite bench/hook-overhead generates, built on first use), SMALL (class-name prefix of the one-class run,
# default Bench.Suite.Class0000), BENCH_POSTGRES (a PostgreSQL store string: adds a hook-postgres mode, e.g.
# BENCH_POSTGRES="$HOLOGRAM_TEST_POSTGRES" after `source .ci/postgres.sh`). Output: a table on stdout and bench/inprocess/results/latest.json (git-ignored).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
RUNS="${RUNS:-5}"
SMALL="${SMALL:-Bench.Suite.Class0000}"
WORK="$HERE/generated"
OUT="$WORK/driver"
log() { printf '[inprocess] %s\n' "$*" >&2; }
die() { printf '[inprocess] error: %s\n' "$*" >&2; exit 1; }
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got '$RUNS'"
command -v python3 >/dev/null 2>&1 || die "python3 not found on PATH"

SUITE="${SUITE:-$REPO/bench/hook-overhead/generated/projects/plain/bin/Release/net10.0/Bench.plain.dll}"
if [[ ! -f "$SUITE" ]]; then
  log "building the realistic suite (bench/hook-overhead, plain xUnit, kept)"
  SHAPE=realistic TESTS="${TESTS:-50000}" RUNS=1 MODES=plain KEEP=1 "$REPO/bench/hook-overhead/run.sh" >/dev/null
fi
[[ -f "$SUITE" ]] || die "test assembly not found: $SUITE"

rm -rf "$WORK/stores" "$WORK/costs" && mkdir -p "$OUT" "$WORK/stores" "$WORK/costs" "$HERE/results"
log "building the driver (Release) against the working tree's packages"
dotnet build "$HERE/Hologram.Bench.InProcess.csproj" -c Release -o "$OUT" -nodeReuse:false >"$WORK/build.log" 2>&1 \
  || { tail -n 20 "$WORK/build.log" >&2; die "driver build failed"; }

# shellcheck source=../lib/quiet-env.sh
source "$REPO/bench/lib/quiet-env.sh"
export HOLOGRAM_PROFILE="${HOLOGRAM_PROFILE:-dev}" HOLOGRAM_REPORTS_DIR="$WORK/reports"
lines="$WORK/lines.txt"; : >"$lines"
run_one() { # label mode store prefix
  local label="$1" mode="$2" store="$3" prefix="${4:-}" costs="$WORK/costs/$1.jsonl" line
  line="$(HOLOGRAM_STORE="$store" HOLOGRAM_COSTS_FILE="$costs" dotnet "$OUT/Hologram.Bench.InProcess.dll" "$SUITE" "$mode" $prefix)"
  printf '%s label=%s\n' "$line" "$label" | tee -a "$lines" >&2
}
for round in warmup $(seq 1 "$RUNS"); do
  for size in full small; do
    prefix=""; [[ "$size" == small ]] && prefix="$SMALL"
    run_one "plain-$size" plain none "$prefix" >/dev/null
    run_one "hook-$size" hook none "$prefix" >/dev/null
    run_one "hook-sqlite-$size" hook "sqlite:$WORK/stores/$size.db" "$prefix" >/dev/null
    if [[ -n "${BENCH_POSTGRES:-}" ]]; then run_one "hook-postgres-$size" hook "$BENCH_POSTGRES" "$prefix" >/dev/null; fi
  done
  [[ "$round" == warmup ]] && : >"$lines" && rm -f "$WORK"/costs/*
done

python3 - "$lines" "$WORK/costs" "$HERE/results/latest.json" <<'PY'
import json, statistics, sys, pathlib, collections
lines, costs_dir, out = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3]
runs = collections.defaultdict(list)
for line in open(lines):
    kv = dict(p.split("=", 1) for p in line.split())
    runs[kv["label"]].append(kv)
med = lambda label, key: statistics.median(float(r[key]) for r in runs[label])
print(f"In-process cost of the hook: {runs['plain-full'][0]['cases']} cases, {len(runs['plain-full'])} rounds (+1 warm-up), modes interleaved")
print(f"{'mode':<18}{'wall_s':>9}{'cpu_s':>9}{'alloc_mb':>10}{'peak_ws_mb':>12}{'wall_ratio':>12}{'cpu_ratio':>11}")
result = {}
modes = [m for m in ("plain", "hook", "hook-sqlite", "hook-postgres") if m + "-full" in runs]
for mode in modes:
    label = mode + "-full"
    row = {k: med(label, k) for k in ("wall_ms", "cpu_ms", "alloc_mb", "peak_ws_mb")}
    result[mode] = row
    print(f"{mode:<18}{row['wall_ms']/1000:9.2f}{row['cpu_ms']/1000:9.2f}{row['alloc_mb']:10.0f}{row['peak_ws_mb']:12.1f}"
          f"{row['wall_ms']/med('plain-full','wall_ms'):12.4f}{row['cpu_ms']/med('plain-full','cpu_ms'):11.4f}")
cases = int(runs["plain-full"][0]["cases"]); small = int(runs["plain-small"][0]["cases"])
for mode in modes[1:]:
    fixed = med(mode + "-small", "cpu_ms") - med("plain-small", "cpu_ms")
    per_test = (med(mode + "-full", "cpu_ms") - med("plain-full", "cpu_ms") - fixed) / (cases - small) * 1000
    phases = collections.defaultdict(list)
    for f in costs_dir.glob(mode + "-full.jsonl"):
        for l in open(f):
            for k, v in json.loads(l)["phases"].items(): phases[k].append(v)
    ph = {k: statistics.median(v) for k, v in sorted(phases.items())}
    result[mode].update(fixed_cpu_ms=fixed, per_test_cpu_us=per_test, phases_ms=ph)
    print(f"{mode}: fixed cost {fixed:.0f} ms CPU (one-class run, {small} cases, against plain); per test {per_test:.1f} us CPU; "
          f"peak working set {result[mode]['peak_ws_mb']/result['plain']['peak_ws_mb']:.3f} x plain")
    if ph:
        print("  phases (ms, median, full run): " + ", ".join(f"{k} {v:.1f}" for k, v in ph.items()))
json.dump(result, open(out, "w"), indent=2)
PY
log "wrote $HERE/results/latest.json"
