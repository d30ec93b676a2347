using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hologram.Testing.Security;
using Hologram.Testing.Tests.Security.Corpus;

// Throughput of the security primitives. Figures are machine-specific; see docs/security.md.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var quick = args.Contains("--quick");
Console.WriteLine($"# Hologram.Testing security benchmark ({Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription})");

if (Array.IndexOf(args, "--export") is var at and >= 0)
{
    if (at + 1 >= args.Length)
    {
        Console.Error.WriteLine("--export needs a directory");
        return 2;
    }

    Export(args[at + 1]);
    return 0;
}

if (args.Contains("--breakdown"))
{
    Breakdown(quick);
    return 0;
}

Redaction(quick);
if (args.Contains("--redaction"))
{
    return 0;
}

Nonces(quick);
Proofs(quick);
return 0;

static void Redaction(bool quick)
{
    var ordinaryLines = new OrdinaryOutput(42).Lines(quick ? 50_000 : 200_000).ToArray();
    var ordinaryText = string.Join('\n', ordinaryLines);
    var generator = new SyntheticSecrets(42);
    var denseLines = Enumerable.Range(0, 20).SelectMany(i => new SyntheticSecrets(i).Generate(18)).Select(s => s.Text).ToArray();
    var denseText = string.Join('\n', denseLines);
    var redactor = SecretRedactor.FromEnvironment(new Dictionary<string, string?> { ["S"] = generator.EnvironmentSecret }, "S");

    Console.WriteLine();
    Console.WriteLine("## Redaction (one thread)");
    Report("ordinary output, one Redact call per line", Utf8Bytes(ordinaryLines), () => { foreach (var l in ordinaryLines) { redactor.Redact(l); } });
    Report("ordinary output, one Redact call for the whole text", Encoding.UTF8.GetByteCount(ordinaryText), () => redactor.Redact(ordinaryText));
    Report("secret-dense text (every line has a secret), per line", Utf8Bytes(denseLines), () => { foreach (var l in denseLines) { redactor.Redact(l); } });
    Report("secret-dense text, whole text", Encoding.UTF8.GetByteCount(denseText), () => redactor.Redact(denseText));
    Report("ordinary output through RedactingTextWriter (4 KB writes)", Encoding.UTF8.GetByteCount(ordinaryText), () =>
    {
        using var writer = new RedactingTextWriter(TextWriter.Null, redactor);
        for (var i = 0; i < ordinaryText.Length; i += 4096)
        {
            writer.Write(ordinaryText.AsSpan(i, Math.Min(4096, ordinaryText.Length - i)));
        }
    });

    static long Utf8Bytes(string[] lines) => lines.Sum(l => (long)Encoding.UTF8.GetByteCount(l) + 1);

    static void Report(string name, long bytes, Action run)
    {
        for (var w = 0; w < 3; w++)
        {
            run(); // warm-up: JIT, and enough calls for tiered compilation to reach its optimised code
        }

        var best = double.MaxValue;
        var bestCpu = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < 5; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            run();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
            process.Refresh();
            bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu).TotalSeconds);
        }

        // CPU time is what one core spends; on a shared machine the wall clock also counts time waiting for a core.
        Console.WriteLine($"{name,-62} {bytes / 1e6 / best,8:0.0} MB/s  {bytes / 1e6 / bestCpu,8:0.0} MB/CPU-s  ({bytes / 1e6:0.0} MB in {best * 1000:0} ms, best of 5)");
    }
}

// Where the per-line workload's time goes: the one trigger search every line pays, the per-rule trigger checks on the
// lines that hit a trigger, and each rule's regex on the lines its triggers let through.
static void Breakdown(bool quick)
{
    var lines = new OrdinaryOutput(42).Lines(quick ? 50_000 : 200_000).ToArray();
    var bytes = lines.Sum(l => (long)Encoding.UTF8.GetByteCount(l) + 1);
    var redactor = new SecretRedactor();
    var (triggers, rules) = redactor.Snapshot();
    Console.WriteLine($"# per-line workload breakdown: {lines.Length:N0} lines, {bytes / 1e6:0.0} MB, {rules.Count} rules");

    var hits = 0;
    double Time(Action run)
    {
        for (var w = 0; w < 3; w++)
        {
            run();
        }

        // CPU time of the process (one thread works): what one core spends, whatever else the machine runs meanwhile.
        var best = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < 7; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            run();
            process.Refresh();
            best = Math.Min(best, (process.TotalProcessorTime - cpu).TotalSeconds);
        }

        return best;
    }

    var total = Time(() => { foreach (var l in lines) { redactor.Redact(l); } });
    var search = Time(() =>
    {
        hits = 0;
        foreach (var l in lines)
        {
            hits += l.AsSpan().IndexOfAny(triggers) >= 0 ? 1 : 0;
        }
    });
    var hitLines = lines.Where(l => l.AsSpan().IndexOfAny(triggers) >= 0).ToArray();
    var gating = Time(() =>
    {
        foreach (var l in hitLines)
        {
            foreach (var rule in rules)
            {
                _ = rule.TriggerValues is null || l.AsSpan().IndexOfAny(rule.TriggerValues) >= 0;
            }
        }
    });

    var marks = new bool[rules.Count];
    var lookup = Time(() =>
    {
        foreach (var l in hitLines)
        {
            Array.Clear(marks);
            redactor.MarkTriggered(l, marks);
        }
    });

    var perRule = new double[rules.Count];
    var runs = new int[rules.Count];
    for (var r = 0; r < rules.Count; r++)
    {
        var rule = rules[r];
        var gated = hitLines.Where(l =>
        {
            var m = new bool[rules.Count];
            redactor.MarkTriggered(l, m);
            return m[r];
        }).ToArray();
        runs[r] = gated.Length;
        perRule[r] = gated.Length == 0 ? 0 : Time(() => { foreach (var l in gated) { _ = rule.Regex.Match(l); } });
    }

    var triggerCounts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
    foreach (var l in hitLines)
    {
        foreach (var t in rules.SelectMany(r => r.Triggers).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (l.Contains(t, StringComparison.OrdinalIgnoreCase))
            {
                triggerCounts[t] = triggerCounts.GetValueOrDefault(t) + 1;
            }
        }
    }

    void Row(string name, double seconds) => Console.WriteLine($"{name,-62} {seconds * 1000,8:0.0} ms  {100 * seconds / total,5:0}%");
    Console.WriteLine($"{"Redact per line, in all (CPU time, best of 7)",-62} {total * 1000,8:0.0} ms  {bytes / 1e6 / total,6:0.0} MB/CPU-s");
    Row($"trigger search over every line ({hits:N0} lines hit, {100.0 * hits / lines.Length:0}%)", search);
    Row("which rules to run: trigger-to-rule lookup at each hit", lookup);
    Row("  (instead of one trigger search per rule on each hit line)", gating);
    Row("regexes of the rules the lookup switches on (sum)", perRule.Sum());
    Row("the rest (line splitting, placeholders, accept checks, merge, allocation)", Math.Max(0, total - search - lookup - perRule.Sum()));
    Console.WriteLine("most frequent triggers on ordinary lines:");
    foreach (var (t, n) in triggerCounts.OrderByDescending(kv => kv.Value).Take(8))
    {
        Console.WriteLine($"  {t,-24} {n,8:N0} lines");
    }

    Console.WriteLine("costliest rules:");
    foreach (var r in Enumerable.Range(0, rules.Count).OrderByDescending(r => perRule[r]).Take(8))
    {
        var r0 = r;
        Console.WriteLine($"  {rules[r0].Kind,-28} {string.Join(' ', rules[r0].Triggers.Take(3)),-40} {runs[r0],8:N0} lines {perRule[r0] * 1000,7:0.0} ms");
    }
}

// Writes the corpora as files for other scanners (bench/security/compare-secretlint.sh): one file per secret under
// secrets/<corpus>/<kind>/, and the ordinary lines in files of 1,000 lines under ordinary/.
static void Export(string directory)
{
    var corpora = new (string Name, IReadOnlyList<CorpusSecret> Entries)[]
    {
        ("original", new SyntheticSecrets(20250301).Generate(18).Where(e => e.Kind != SecretKind.KnownSecret).ToList()),
        ("providers", new ProviderSecrets(20261203).Providers(18)),
        ("contexts", new ProviderSecrets(20261203 + 1).Contexts(80)),
        ("heldout", new HeldOutSecrets(20261219).All(12)),
    };
    foreach (var (name, entries) in corpora)
    {
        var index = 0;
        foreach (var entry in entries)
        {
            var folder = Path.Combine(directory, "secrets", name, entry.Kind);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, $"{index++:0000}.txt"), entry.Text + "\n");
        }
    }

    var ordinary = new (string Name, IEnumerable<string> Lines)[]
    {
        ("output", new OrdinaryOutput(20250301).Lines(12_000)),
        ("lookalike", ProviderLookAlikes.Lines(20261203, 20_000)),
        ("heldout-lookalike", new HeldOutSecrets(20261219 + 1).LookAlikes(30_000)),
    };
    Directory.CreateDirectory(Path.Combine(directory, "ordinary"));
    var lines = 0;
    foreach (var (name, source) in ordinary)
    {
        foreach (var (chunk, number) in source.Chunk(1000).Select((c, n) => (c, n)))
        {
            File.WriteAllText(Path.Combine(directory, "ordinary", $"{name}-{number:000}.txt"), string.Join('\n', chunk) + "\n");
            lines += chunk.Length;
        }
    }

    Console.WriteLine($"exported {corpora.Sum(c => c.Entries.Count)} secrets ({string.Join(", ", corpora.Select(c => $"{c.Name} {c.Entries.Count}"))}) and {lines} ordinary lines to {directory}");
}

static void Nonces(bool quick)
{
    var count = quick ? 1_000_000 : 2_000_000;
    var names = new string[count];
    for (var i = 0; i < count; i++)
    {
        names[i] = "n-" + i.ToString("x8", CultureInfo.InvariantCulture) + "-4f1c9a2e";
    }

    var now = DateTimeOffset.UtcNow;
    Console.WriteLine();
    Console.WriteLine("## NonceReplayGuard");

    var single = new NonceReplayGuard(new NonceReplayGuardOptions { Capacity = count });
    var watch = Stopwatch.StartNew();
    foreach (var name in names)
    {
        single.TryAccept(name, now);
    }

    var elapsed = watch.Elapsed.TotalSeconds;
    Console.WriteLine($"{"single thread, new nonces",-62} {count / elapsed / 1e6,8:0.00} M checks/s ({elapsed * 1e9 / count:0} ns/check)");

    watch.Restart();
    foreach (var name in names)
    {
        single.TryAccept(name, now);
    }

    elapsed = watch.Elapsed.TotalSeconds;
    Console.WriteLine($"{"single thread, replays",-62} {count / elapsed / 1e6,8:0.00} M checks/s ({elapsed * 1e9 / count:0} ns/check)");

    var shared = new NonceReplayGuard(new NonceReplayGuardOptions { Capacity = count });
    var accepted = 0;
    using var barrier = new Barrier(2);
    watch.Restart();
    var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
    {
        barrier.SignalAndWait();
        var mine = 0;
        for (var k = 0; k < count; k++)
        {
            // Both threads offer every nonce, from opposite ends.
            if (shared.TryAccept(names[t == 0 ? k : count - 1 - k], now) == NonceVerdict.Accepted)
            {
                mine++;
            }
        }

        Interlocked.Add(ref accepted, mine);
    })).ToList();
    watch.Restart();
    threads.ForEach(t => t.Start());
    threads.ForEach(t => t.Join());
    elapsed = watch.Elapsed.TotalSeconds;
    Console.WriteLine($"{"2 threads, every nonce offered by both",-62} {2.0 * count / elapsed / 1e6,8:0.00} M checks/s total ({accepted:N0} accepted of {count:N0} distinct)");

    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var before = GC.GetTotalMemory(forceFullCollection: true);
    var measured = new NonceReplayGuard(new NonceReplayGuardOptions { Capacity = count });
    foreach (var name in names)
    {
        measured.TryAccept(name, now);
    }

    var after = GC.GetTotalMemory(forceFullCollection: true);
    var stringBytes = 22 + (2 * names[0].Length);
    Console.WriteLine($"{"memory per tracked nonce (guard only; nonce string excluded)",-62} {(after - before) / (double)measured.Count,8:0} bytes (+{stringBytes} bytes for a {names[0].Length}-char nonce string)");
    GC.KeepAlive(measured);
}

static void Proofs(bool quick)
{
    var directory = Path.Combine(Path.GetTempPath(), "hologram-bench-" + Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(directory);
    try
    {
        Console.WriteLine();
        Console.WriteLine("## ProofChain");
        var record = """{"event":"test-finished","test":"Orders.Tests.OrderTests.Creates_an_order","outcome":"passed","durationMs":12.5,"attempt":1}""";

        var single = Path.Combine(directory, "single.jsonl");
        var chain = new ProofChain(single);
        var appends = quick ? 2_000 : 10_000;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < appends; i++)
        {
            chain.Append(record);
        }

        var elapsed = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"{"append, one record per call (lock, fsync each)",-62} {appends / elapsed,10:N0} records/s {new FileInfo(single).Length / 1e6 / elapsed,7:0.00} MB/s");

        var batched = Path.Combine(directory, "batched.jsonl");
        var batchChain = new ProofChain(batched);
        var total = quick ? 50_000 : 200_000;
        var batch = Enumerable.Repeat(record, 1000).ToArray();
        watch.Restart();
        for (var i = 0; i < total / batch.Length; i++)
        {
            batchChain.AppendRange(batch);
        }

        elapsed = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"{"append, 1,000 records per call",-62} {total / elapsed,10:N0} records/s {new FileInfo(batched).Length / 1e6 / elapsed,7:0.00} MB/s");

        var keyed = Path.Combine(directory, "keyed.jsonl");
        var keyedChain = new ProofChain(keyed, "bench-key"u8.ToArray());
        watch.Restart();
        for (var i = 0; i < total / batch.Length; i++)
        {
            keyedChain.AppendRange(batch);
        }

        elapsed = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"{"append HMAC-keyed, 1,000 records per call",-62} {total / elapsed,10:N0} records/s {new FileInfo(keyed).Length / 1e6 / elapsed,7:0.00} MB/s");

        ProofChain.Verify(batched);
        watch.Restart();
        var result = ProofChain.Verify(batched);
        elapsed = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"{"verify (" + result + ")",-62} {result.Count / elapsed,10:N0} records/s {new FileInfo(batched).Length / 1e6 / elapsed,7:0.00} MB/s");
    }
    finally
    {
        Directory.Delete(directory, recursive: true);
    }
}
