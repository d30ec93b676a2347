using System.Text;
using Hologram.Testing.Chaos;
using Hologram.Testing.E2E;
using Hologram.Testing.History;
using Hologram.Testing.Perf;

namespace Hologram.Testing.Chaos.Tests;

/// <summary>
/// One secret, put into everything Hologram writes: a failing test's message and name (history store, and the spool
/// when the store is down), a perf measurement's name, an E2E event's payload and a service process's output. Then
/// every file under the reports folder and the store itself are searched for it.
/// </summary>
public sealed class EveryWriterRedactsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hologram-redaction-").FullName;

    // Made at run time so no token-shaped literal sits in the repository.
    private readonly string _token = "ghp_" + new string(Enumerable.Range(0, 36).Select(i => "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789"[(i * 7) % 46]).ToArray());
    private readonly string _password = "Pw-" + Guid.NewGuid().ToString("N")[..12] + "!x9";

    public EveryWriterRedactsTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".git"));
    }

    [Fact]
    public async Task No_writer_lets_a_secret_through()
    {
        var options = HologramConfiguration.Load(new HologramConfigurationSource
        {
            StartDirectory = _root,
            EnvironmentVariables = new Dictionary<string, string?> { ["HOLOGRAM_PROFILE"] = "dev" },
        });
        var connection = $"Host=db.internal;Username=ci;Password={_password}";

        // History store: a failed attempt whose message and display name carry the secrets.
        var run = new RunInfo { RunId = "run-secret", Profile = "dev", Host = "h", Framework = "xunit2", Assembly = "A", StartedAt = DateTimeOffset.UtcNow };
        await using (var recorder = await HistoryRecorder.StartAsync(options, run))
        {
            recorder.Record(new TestAttempt
            {
                RunId = run.RunId, TestId = "Ns.C.Connects", DisplayName = $"Ns.C.Connects(auth: \"Bearer {_token}\")", ClassName = "Ns.C",
                Attempt = 1, Outcome = TestOutcome.Failed, DurationMs = 1, IsFinal = true, FinishedAt = DateTimeOffset.UtcNow,
                ErrorMessage = $"could not connect with '{connection}' using token {_token}",
            });
        }

        // The spool, when the store is unusable.
        var broken = Path.Combine(_root, "reports", "broken.db");
        await File.WriteAllTextAsync(broken, "not a database");
        var spooled = HologramConfiguration.Load(new HologramConfigurationSource
        {
            StartDirectory = _root,
            EnvironmentVariables = new Dictionary<string, string?> { ["HOLOGRAM_STORE"] = "sqlite:reports/broken.db" },
        });
        await using (var recorder = await HistoryRecorder.StartAsync(spooled, run with { RunId = "run-spooled" }, warn: _ => { }))
        {
            recorder.Record(new TestAttempt
            {
                RunId = "run-spooled", TestId = "Ns.C.Spooled", DisplayName = "Ns.C.Spooled", ClassName = "Ns.C",
                Attempt = 1, Outcome = TestOutcome.Failed, DurationMs = 1, IsFinal = true, FinishedAt = DateTimeOffset.UtcNow,
                ErrorMessage = $"token {_token} rejected",
            });
        }

        // A perf measurement named with a secret.
        Hologram.Testing.Perf.Perf.Measure($"login token={_token}", () => { }, new PerfOptions { Samples = 5, Warmup = 1, SettleJit = false, MinWarmupTime = TimeSpan.Zero, Configuration = options });

        // An E2E event with the secret in its payload.
        var log = new E2EEventLog(Path.Combine(options.ReportsDir, "e2e", E2EEventLog.FileName), runId: "run-secret", test: "Pipeline");
        await log.WriteAsync("publish", E2EStatus.Pass, TimeSpan.FromMilliseconds(3), [new("connection", connection), new("headers", $"Authorization: Bearer {_token}")]);

        // A service process that prints the secret.
        await using (var service = await ServiceProcess.StartAsync(new ServiceProcessOptions
        {
            FileName = "sh",
            Arguments = { "-c", $"echo 'connecting with {connection}'; echo 'token={_token}'; exec sleep 30" },
            Name = "leaky",
            LogDirectory = Path.Combine(options.ReportsDir, "chaos"),
        }))
        {
            await WaitForAsync(() => service.OutputLines.Count >= 2);
        }

        var leaks = new List<string>();
        foreach (var file in Directory.EnumerateFiles(options.ReportsDir, "*", SearchOption.AllDirectories))
        {
            var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file));
            if (text.Contains(_token, StringComparison.Ordinal) || text.Contains(_password, StringComparison.Ordinal))
            {
                leaks.Add(Path.GetRelativePath(_root, file));
            }
        }

        Assert.Empty(leaks);
        var written = Directory.EnumerateFiles(options.ReportsDir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(options.ReportsDir, f)).ToList();
        Assert.Contains(written, f => f.StartsWith("perf", StringComparison.Ordinal));
        Assert.Contains(written, f => f.StartsWith("e2e", StringComparison.Ordinal));
        Assert.Contains(written, f => f.StartsWith("chaos", StringComparison.Ordinal));
        Assert.Contains(written, f => f.StartsWith("spool", StringComparison.Ordinal));
        Assert.Contains("hologram.db", written);

        await using var store = await HistoryStores.OpenAsync(options.Store, options.RepositoryRoot);
        var stored = Assert.Single(await store.GetAttemptsAsync("run-secret"));
        Assert.Contains("[REDACTED:", stored.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Host=db.internal", stored.ErrorMessage, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition(), "the service printed nothing");
    }
}
