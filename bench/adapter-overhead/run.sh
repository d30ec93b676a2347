#!/usr/bin/env bash
# Adapter overhead benchmark: whole `dotnet test` wall time of a generated suite of trivial tests for xUnit v3 and
# NUnit, MSTest (and the whole run of the TUnit program, `dotnet <suite>.dll`, which dotnet test refuses in VSTest mode), without ("plain") and with ("hook") the Hologram adapter package, history off (HOLOGRAM_STORE=none) and on
# (SQLite). Same structure as bench/hook-overhead/run.sh (the xUnit v2 adapter); see docs/benchmarks.md.
#
#   bench/adapter-overhead/run.sh                         # 10,000 tests, 5 timed runs per mode, both frameworks
#   TESTS=2000 RUNS=2 bench/adapter-overhead/run.sh       # quick check
#   FRAMEWORKS=nunit bench/adapter-overhead/run.sh        # one framework
#   FRAMEWORKS=tunit bench/adapter-overhead/run.sh        # TUnit 1.86.0
#   FRAMEWORKS=mstest bench/adapter-overhead/run.sh       # MSTest 4 (not in the default list)
#
# Knobs: TESTS (default 10000; 100 per class), RUNS (timed runs per mode after one discarded warm-up, default 5),
# FRAMEWORKS ("xunit3 nunit"), KEEP=1 keeps the generated folder, SHAPE (facts: TESTS trivial tests, the default;
# realistic: about TESTS cases shaped like bench/hook-overhead's realistic suite — theory rows / test cases with long
# string arguments, member data / test case sources, 300 classes run in parallel, class and shared fixtures).
# Output: a table per framework on stdout and bench/adapter-overhead/results/latest.json (git-ignored).
set -euo pipefail

TESTS="${TESTS:-10000}"
REQUESTED_TESTS="$TESTS"
RUNS="${RUNS:-5}"
KEEP="${KEEP:-0}"
FRAMEWORKS="${FRAMEWORKS:-xunit3 nunit}"
TESTS_PER_CLASS=100
SHAPE="${SHAPE:-facts}"
MODES=(plain hook hook-sqlite)

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
GEN="$HERE/generated"
RESULTS_DIR="$HERE/results"

log() { printf '[adapter-overhead] %s\n' "$*" >&2; }
die() { printf '[adapter-overhead] error: %s\n' "$*" >&2; exit 1; }

command -v dotnet >/dev/null 2>&1 || die "dotnet not found on PATH; install the .NET 10 SDK (see global.json)"
[[ "$TESTS" =~ ^[1-9][0-9]*$ ]] || die "TESTS must be a positive integer, got '$TESTS'"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, got '$RUNS'"
[[ "$SHAPE" == facts || "$SHAPE" == realistic ]] || die "SHAPE must be facts or realistic, got '$SHAPE'"
for f in $FRAMEWORKS; do [[ "$f" == xunit3 || "$f" == nunit || "$f" == tunit || "$f" == mstest ]] || die "unknown framework '$f' (known: xunit3 nunit tunit mstest)"; done
if [[ "$SHAPE" == realistic ]]; then
  for f in $FRAMEWORKS; do [[ "$f" == xunit3 || "$f" == nunit ]] || die "SHAPE=realistic is written for xunit3 and nunit, not '$f'"; done
fi

# shellcheck source=../lib/quiet-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/quiet-env.sh"

finish() {
  local rc=$?
  if (( rc != 0 )); then log "failed (exit $rc); generated files kept in $GEN"
  elif [[ "$KEEP" == 1 ]]; then log "generated files kept in $GEN"
  else rm -rf "$GEN"; fi
}
trap finish EXIT

# 1. Generated folder isolated from the repository's props; local feed with the packed adapters.
STAMP="$(date -u +%Y%m%d%H%M%S)"
VERSION="0.0.0-bench.$STAMP"
rm -rf "$GEN"
mkdir -p "$GEN/feed" "$GEN/packages" "$GEN/logs" "$GEN/reports"
# shellcheck source=../lib/workspace.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/workspace.sh"
isolate_workspace "$GEN"
printf 'root = true\n' >"$GEN/.editorconfig"
awk -v feed="$GEN/feed" '/<\/packageSources>/ { print "    <add key=\"hologram-bench-local\" value=\"" feed "\" />" } { print }' \
  "$REPO/nuget.config" >"$GEN/nuget.config"

for p in Hologram.Testing Hologram.Testing.XunitV3 Hologram.Testing.NUnit Hologram.Testing.TUnit Hologram.Testing.MSTest; do
  log "packing $p ($VERSION, Release)"
  dotnet pack "$REPO/src/$p/$p.csproj" -c Release -p:Version="$VERSION" -p:PackageOutputPath="$GEN/feed/" \
    -p:IncludeSymbols=false -nodeReuse:false >"$GEN/logs/pack-$p.log" 2>&1 \
    || { tail -n 30 "$GEN/logs/pack-$p.log" >&2; die "packing $p failed"; }
done

# 2. Suites: TESTS trivial tests, 100 per class, per framework.
generate() { # framework -> folder
  local fw="$1" dir="$GEN/suite-$1" attr using class=""
  mkdir -p "$dir"
  if [[ "$fw" == nunit ]]; then attr="Test"; using="NUnit.Framework"; elif [[ "$fw" == tunit ]]; then attr="Test"; using="Bench.Suite"; else attr="Fact"; using="Xunit"; fi
  if [[ "$fw" == mstest ]]; then attr="TestMethod"; using="Microsoft.VisualStudio.TestTools.UnitTesting"; class="[TestClass]\n"; fi
  awk -v total="$TESTS" -v per="$TESTS_PER_CLASS" -v dir="$dir" -v attr="$attr" -v fw="$fw" -v class="$class" 'BEGIN {
    classes = int((total + per - 1) / per); n = 0
    for (c = 0; c < classes; c++) {
      f = sprintf("%s/Class%04d.cs", dir, c)
      printf "namespace Bench.Suite;\n\n%spublic class Class%04d\n{\n", class, c > f
      for (m = 0; m < per && n < total; m++) {
        check = (fw == "nunit") ? sprintf("Assert.That(x + x, Is.EqualTo(%d));", 2 * n) : (fw == "mstest") ? sprintf("Assert.AreEqual(%d, x + x);", 2 * n) : sprintf("Assert.Equal(%d, x + x);", 2 * n)
        if (fw == "tunit") check = sprintf("if (x + x != %d) throw new InvalidOperationException();", 2 * n)
        printf "    [%s]\n    public void Test%03d()\n    {\n        var x = %d;\n        %s\n    }\n\n", attr, m, n, check > f
        n++
      }
      printf "}\n" > f; close(f)
    }
  }'
  echo "global using $using;" >"$dir/Usings.cs"
}

# The realistic shape (SHAPE=realistic): per class, theories of 40 rows with 130-character string arguments and member
# data of 10 rows each, plus 4 facts; one class in 25 with a class fixture, one in 50 sharing a fixture. xUnit v3 runs
# each class as its own parallel collection; NUnit runs fixtures in parallel (ParallelScope.Fixtures), as suites of
# this size usually do. Prints the number of cases generated.
generate_realistic() { # framework -> folder
  local fw="$1" dir="$GEN/suite-$1"
  mkdir -p "$dir"
  awk -v total="$TESTS" -v dir="$dir" -v fw="$fw" 'BEGIN {
    classes = 300; rows = 40; methods = int((total / classes - 4) / (rows * 1.25) + 0.999); if (methods < 1) methods = 1
    pad = "lorem-ipsum-dolor-sit-amet-consectetur-adipiscing-elit-sed-do-eiusmod-tempor-incididunt-ut-labore"
    fx = dir "/Fixtures.cs"
    if (fw == "nunit") {
      printf "[assembly: Parallelizable(ParallelScope.Fixtures)]\n\nnamespace Bench.Suite;\n\npublic static class Shared { public static int Seed; }\n\n[SetUpFixture]\npublic sealed class SharedSetUp\n{\n    [OneTimeSetUp]\n    public void Start() => Shared.Seed = 7;\n}\n" > fx
    } else {
      printf "namespace Bench.Suite;\n\npublic sealed class SharedFixture { public int Seed { get; } = 7; }\n\n[CollectionDefinition(\"shared\")]\npublic sealed class SharedCollection : ICollectionFixture<SharedFixture>;\n" > fx
    }
    close(fx)
    for (c = 0; c < classes; c++) {
      f = sprintf("%s/Class%04d.cs", dir, c)
      if (fw == "nunit") {
        printf "namespace Bench.Suite;\n\n[TestFixture]\npublic class Class%04d\n{\n", c > f
        if (c % 25 == 0) printf "    private int seed;\n\n    [OneTimeSetUp]\n    public void Start() => seed = Shared.Seed;\n\n", c > f
      } else {
        fixture = (c % 25 == 0) ? " : IClassFixture<SharedFixture>" : ""
        printf "namespace Bench.Suite;\n\n%spublic class Class%04d%s\n{\n", (c % 50 == 1 ? "[Collection(\"shared\")]\n" : ""), c, fixture > f
        if (c % 50 == 1) printf "    public Class%04d(SharedFixture fixture) => _ = fixture.Seed;\n\n", c > f
      }
      for (m = 0; m < methods; m++) {
        if (fw == "nunit") {
          for (r = 0; r < rows; r++) printf "    [TestCase(%d, \"%s/%04d/%03d/%02d\", %d.5)]\n", r, pad, c, m, r, r > f
          printf "    public void Rows%02d(int id, string name, double weight)\n    {\n        Assert.That(name.Length, Is.GreaterThan(id %% 7));\n        Assert.That(weight, Is.GreaterThan(id - 1));\n    }\n\n", m > f
          printf "    public static IEnumerable<object[]> Data%02d()\n    {\n        for (var i = 0; i < %d; i++) yield return [i, \"%s-\" + i];\n    }\n\n", m, rows / 4, pad > f
          printf "    [TestCaseSource(nameof(Data%02d))]\n    public void Member%02d(int id, string name) => Assert.That(name, Does.EndWith(id.ToString(System.Globalization.CultureInfo.InvariantCulture)));\n\n", m, m > f
        } else {
          printf "    [Theory]\n" > f
          for (r = 0; r < rows; r++) printf "    [InlineData(%d, \"%s/%04d/%03d/%02d\", %d.5)]\n", r, pad, c, m, r, r > f
          printf "    public void Rows%02d(int id, string name, double weight)\n    {\n        Assert.True(name.Length > id %% 7);\n        Assert.True(weight > id - 1);\n    }\n\n", m > f
          printf "    public static TheoryData<int, string> Data%02d()\n    {\n        var data = new TheoryData<int, string>();\n        for (var i = 0; i < %d; i++) data.Add(i, \"%s-\" + i);\n        return data;\n    }\n\n", m, rows / 4, pad > f
          printf "    [Theory, MemberData(nameof(Data%02d))]\n    public void Member%02d(int id, string name) => Assert.EndsWith(id.ToString(System.Globalization.CultureInfo.InvariantCulture), name);\n\n", m, m > f
        }
      }
      for (k = 0; k < 4; k++) {
        if (fw == "nunit") printf "    [Test]\n    public void Fact%d() => Assert.That(%d + %d, Is.EqualTo(%d));\n\n", k, k, k, 2 * k > f
        else printf "    [Fact]\n    public void Fact%d() => Assert.Equal(%d, %d + %d);\n\n", k, 2 * k, k, k > f
      }
      printf "}\n" > f
      close(f)
    }
    print classes * (methods * (rows + rows / 4) + 4)
  }'
  if [[ "$fw" == nunit ]]; then echo "global using NUnit.Framework;" >"$dir/Usings.cs"; else echo "global using Xunit;" >"$dir/Usings.cs"; fi
}

write_project() { # framework kind -> csproj path
  local fw="$1" kind="$2" dir="$GEN/projects/$1-$2" refs props=""
  mkdir -p "$dir"
  local sdk='    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />'
  if [[ "$fw" == tunit ]]; then
    sdk=""
    refs='    <PackageReference Include="TUnit.Core" Version="1.86.0" />
    <PackageReference Include="TUnit.Engine" Version="1.86.0" />'
    [[ "$kind" == hook ]] && refs+=$'\n'"    <PackageReference Include=\"Hologram.Testing.TUnit\" Version=\"$VERSION\" />"
  elif [[ "$fw" == mstest ]]; then
    refs='    <PackageReference Include="MSTest.TestFramework" Version="4.5.3" />
    <PackageReference Include="MSTest.TestAdapter" Version="4.5.3" />'
    [[ "$kind" == hook ]] && refs+=$'\n'"    <PackageReference Include=\"Hologram.Testing.MSTest\" Version=\"$VERSION\" />"
  elif [[ "$fw" == nunit ]]; then
    refs='    <PackageReference Include="NUnit" Version="4.4.0" />
    <PackageReference Include="NUnit3TestAdapter" Version="5.2.0" />'
    [[ "$kind" == hook ]] && refs+=$'\n'"    <PackageReference Include=\"Hologram.Testing.NUnit\" Version=\"$VERSION\" />"
  else
    props='    <OutputType>Exe</OutputType>
    <IsTestingPlatformApplication>false</IsTestingPlatformApplication>
    <UseMicrosoftTestingPlatformRunner>false</UseMicrosoftTestingPlatformRunner>'
    refs='    <PackageReference Include="xunit.v3" Version="4.0.2" />
    <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />'
    [[ "$kind" == hook ]] && refs+=$'\n'"    <PackageReference Include=\"Hologram.Testing.XunitV3\" Version=\"$VERSION\" />"
  fi
  cat >"$dir/Bench.$fw.$kind.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <AssemblyName>Bench.$fw.$kind</AssemblyName>
    <RootNamespace>Bench.Suite</RootNamespace>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
$props
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="../../suite-$fw/*.cs" />
  </ItemGroup>
  <ItemGroup>
$sdk
$refs
  </ItemGroup>
</Project>
XML
  printf '%s' "$dir/Bench.$fw.$kind.csproj"
}

stats() { # "t1 t2 ..." -> "median min"
  tr ' ' '\n' <<<"$1" | awk 'NF' | sort -g | awk '{ v[NR] = $1 } END { n = NR; med = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2; printf "%.3f %.3f", med, v[1] }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.4f", a / b; else printf "null" }'; }

json_modes=()
for fw in $FRAMEWORKS; do
  if [[ "$SHAPE" == realistic ]]; then
    rm -rf "$GEN/suite-$fw"
    TESTS="$REQUESTED_TESTS"; TESTS="$(generate_realistic "$fw")"
    log "generated a realistic $fw suite of $TESTS test cases (theory rows, long arguments, fixtures)"
  else
    log "generating $TESTS $fw tests"
    generate "$fw"
  fi
  declare -A PROJ=()
  for kind in plain hook; do
    PROJ[$kind]="$(write_project "$fw" "$kind")"
    log "restoring and building $fw-$kind (Release)"
    dotnet build "${PROJ[$kind]}" -c Release --configfile "$GEN/nuget.config" -nodeReuse:false >"$GEN/logs/build-$fw-$kind.log" 2>&1 \
      || { tail -n 30 "$GEN/logs/build-$fw-$kind.log" >&2; die "build of $fw-$kind failed"; }
  done
  declare -A TIMES=()
  for (( r = 0; r <= RUNS; r++ )); do
    label=$([[ $r == 0 ]] && echo warmup || echo "$r")
    for mode in "${MODES[@]}"; do
      kind=$([[ "$mode" == plain ]] && echo plain || echo hook)
      store=$([[ "$mode" == hook-sqlite ]] && echo "sqlite:$GEN/store/$fw.db" || echo none)
      out="$GEN/logs/run-$fw-$label-$mode.log"
      t0="$(now)"
      if [[ "$fw" == tunit ]]; then
        # a testing platform program: the built suite, run as dotnet test would start it
        run=(dotnet "$(dirname "${PROJ[$kind]}")/bin/Release/net10.0/Bench.$fw.$kind.dll"); passed="succeeded: +$TESTS\b"
      else
        run=(dotnet test "${PROJ[$kind]}" --no-build -c Release); passed="Passed: +$TESTS\b"
      fi
      env HOLOGRAM_REPORTS_DIR="$GEN/reports/$fw-$mode" HOLOGRAM_STORE="$store" \
        "${run[@]}" >"$out" 2>&1 || { tail -n 30 "$out" >&2; die "run $label of $fw $mode failed (log: $out)"; }
      t1="$(now)"
      grep -qE "$passed" "$out" || { tail -n 20 "$out" >&2; die "run $label of $fw $mode: expected $TESTS passed (log: $out)"; }
      s="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
      log "run $label/$RUNS $fw $mode: ${s}s"
      (( r == 0 )) || TIMES[$mode]+="$s "
    done
  done
  echo
  echo "Adapter overhead ($fw, $SHAPE): $TESTS tests, $RUNS timed runs per mode (+1 warm-up), modes interleaved"
  printf '%-12s %9s %9s %12s %10s\n' mode median_s min_s median_ratio min_ratio
  read -r ref_med ref_min <<<"$(stats "${TIMES[plain]}")"
  for mode in "${MODES[@]}"; do
    read -r med min <<<"$(stats "${TIMES[$mode]}")"
    mr="$(ratio "$med" "$ref_med")"; nr="$(ratio "$min" "$ref_min")"
    printf '%-12s %9s %9s %12s %10s\n' "$mode" "$med" "$min" "$mr" "$nr"
    json_modes+=("{ \"framework\": \"$fw\", \"mode\": \"$mode\", \"seconds\": [$(awk 'NF' <<<"${TIMES[$mode]// /$'\n'}" | paste -sd, -)], \"median\": $med, \"min\": $min, \"median_ratio\": $mr, \"min_ratio\": $nr }")
  done
  echo "ratio = mode / plain (1.03 = 3% slower; target <= 1.03)"
  unset PROJ TIMES
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') on $(nproc 2>/dev/null || echo '?') cores"

mkdir -p "$RESULTS_DIR"
{
  printf '{\n  "benchmark": "adapter-overhead",\n  "date_utc": "%s",\n  "commit": "%s",\n  "tests": %s,\n  "runs": %s,\n  "cores": %s,\n  "modes": [\n    %s\n  ]\n}\n' \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)" "$TESTS" "$RUNS" \
    "$(nproc 2>/dev/null || echo 0)" "$(IFS=$'\n'; printf '%s' "${json_modes[*]}" | paste -sd, - | sed 's/},{/},\n    {/g')"
} >"$RESULTS_DIR/latest.json"
cp "$RESULTS_DIR/latest.json" "$RESULTS_DIR/$STAMP.json"
log "wrote $RESULTS_DIR/latest.json"
