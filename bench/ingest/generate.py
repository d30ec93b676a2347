#!/usr/bin/env python3
"""Writes a TRX file (as `dotnet test --logger trx` writes it) and a JUnit XML file (as JunitXml.TestLogger writes it)
with N tests each: 5% failing with a message and a stack trace, 2% skipped, every 10th test a data row with arguments.
Usage: generate.py <directory> [tests]"""
import sys, uuid, random
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import quoteattr, escape

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000
rng = random.Random(17)
start = datetime(2026, 11, 30, 10, 0, 0, tzinfo=timezone.utc)

def tests():
    for i in range(n):
        cls = f"Shop.Area{i // 5000:02d}.Tests.Class{i // 50:04d}"
        method = f"Behaves_as_specified_{i:05d}"
        name = f"{method}(size: {i % 7}, label: \"row-{i}\")" if i % 10 == 0 else method
        r = rng.random()
        outcome = "Failed" if r < 0.05 else "NotExecuted" if r < 0.07 else "Passed"
        yield i, cls, method, name, outcome, rng.uniform(0.2, 40.0)

with open(f"{out}/bench.trx", "w", encoding="utf-8") as f:
    run = uuid.UUID(int=rng.getrandbits(128))
    f.write('<?xml version="1.0" encoding="utf-8"?>\n')
    f.write(f'<TestRun id="{run}" name="bench" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">\n')
    f.write(f'  <Times creation="{start.isoformat()}" start="{start.isoformat()}" finish="{(start + timedelta(minutes=9)).isoformat()}" />\n  <Results>\n')
    defs = []
    t = start
    for i, cls, method, name, outcome, ms in tests():
        tid = uuid.UUID(int=rng.getrandbits(128))
        t += timedelta(milliseconds=ms)
        f.write(f'    <UnitTestResult executionId="{uuid.UUID(int=rng.getrandbits(128))}" testId="{tid}" testName={quoteattr(cls + "." + name)} computerName="ci-7" '
                f'duration="00:00:{ms / 1000:010.7f}" startTime="{(t - timedelta(milliseconds=ms)).isoformat()}" endTime="{t.isoformat()}" outcome="{outcome}"')
        if outcome == "Failed":
            f.write(f'>\n      <Output>\n        <ErrorInfo>\n          <Message>{escape(f"Assert.Equal() Failure: Values differ Expected: {i} Actual: {i + 1}")}</Message>\n'
                    f'          <StackTrace>   at {cls}.{method}() in /src/Shop/Tests/Class{i // 50:04d}.cs:line {10 + i % 90}\n   at System.Reflection.MethodBaseInvoker.InterpretedInvoke_Method(Object obj, IntPtr* args)</StackTrace>\n'
                    f'        </ErrorInfo>\n      </Output>\n    </UnitTestResult>\n')
        else:
            f.write(' />\n')
        defs.append((tid, cls, method, name))
    f.write('  </Results>\n  <TestDefinitions>\n')
    for tid, cls, method, name in defs:
        f.write(f'    <UnitTest name={quoteattr(cls + "." + name)} storage="/src/shop/bin/release/shop.tests.dll" id="{tid}">\n'
                f'      <Execution id="{uuid.UUID(int=rng.getrandbits(128))}" />\n'
                f'      <TestMethod codeBase="/src/Shop/bin/Release/Shop.Tests.dll" adapterTypeName="executor://xunit/VsTestRunner2/netcoreapp" className="{cls}" name="{method}" />\n    </UnitTest>\n')
    f.write(f'  </TestDefinitions>\n  <ResultSummary outcome="Failed"><Counters total="{n}" /></ResultSummary>\n</TestRun>\n')

with open(f"{out}/bench-junit.xml", "w", encoding="utf-8") as f:
    f.write(f'<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n  <testsuite name="Shop.Tests.dll" tests="{n}" timestamp="2026-11-30T10:00:00" hostname="ci-7" time="540">\n    <properties />\n')
    for i, cls, method, name, outcome, ms in tests():
        f.write(f'    <testcase classname="{cls}" name={quoteattr(name)} time="{ms / 1000:.7f}"')
        if outcome == "Failed":
            f.write(f'>\n      <failure type="failure" message={quoteattr(f"Assert.Equal() Failure: Values differ Expected: {i} Actual: {i + 1}")}>at {cls}.{method}() in /src/Shop/Tests/Class{i // 50:04d}.cs:line {10 + i % 90}</failure>\n    </testcase>\n')
        elif outcome == "NotExecuted":
            f.write('>\n      <skipped message="needs the payment sandbox" />\n    </testcase>\n')
        else:
            f.write(' />\n')
    f.write('  </testsuite>\n</testsuites>\n')
