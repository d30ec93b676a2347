using System.Collections.Concurrent;
using System.Text.Json;

namespace Hologram.Testing.Chaos.Tests;

public sealed class ChaosExperimentTests : IDisposable
{
    private readonly string _reports = Path.Combine(Path.GetTempPath(), "hologram-experiment-" + Guid.NewGuid().ToString("N"));

    private ChaosExperimentOptions Fast => new()
    {
        SteadyStateDuration = TimeSpan.FromMilliseconds(150),
        FaultDuration = TimeSpan.FromMilliseconds(150),
        AfterRecoveryDuration = TimeSpan.FromMilliseconds(100),
        RecoveryTimeout = TimeSpan.FromSeconds(5),
        ProbeInterval = TimeSpan.FromMilliseconds(10),
        Concurrency = 3,
        ReportDirectory = _reports,
    };

    [Fact]
    public async Task A_store_that_keeps_its_acknowledged_writes_passes_the_seed_thresholds()
    {
        var store = new FakeStore();
        var report = await Experiment("durable", store).RunAsync();

        Assert.True(report.Recovered);
        Assert.True(report.AcknowledgedWrites > 10);
        Assert.Empty(report.LostWrites);
        Assert.Empty(report.CorruptedWrites);
        Assert.True(report.Phases.Single(p => p.Phase == ExperimentPhase.Fault).Failures > 0);
        Assert.InRange(report.RecoveryTime, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5));
        report.AssertThresholds(new ChaosThresholds { MinSuccessRate = 0.3 });
    }

    [Fact]
    public async Task Lost_and_corrupted_acknowledged_writes_are_listed_and_fail_the_check()
    {
        var store = new FakeStore { LosesUnflushedWrites = true, CorruptsKey = "k-1" };
        var report = await Experiment("lossy", store).RunAsync();

        Assert.NotEmpty(report.LostWrites);
        Assert.All(report.LostWrites, w => Assert.Equal("not found", w.Problem));
        var corrupted = Assert.Single(report.CorruptedWrites);
        Assert.Equal("k-1", corrupted.Key);
        Assert.Contains("read 'garbage', acknowledged 'v-1'", corrupted.Problem, StringComparison.Ordinal);
        var error = Assert.Throws<ChaosAssertionException>(() => report.AssertThresholds(new ChaosThresholds { MinSuccessRate = 0 }));
        Assert.Contains($"{report.LostWrites.Count} lost and 1 corrupted", error.Message, StringComparison.Ordinal);
        Assert.Contains(report.LostWrites[0].Key, error.Message, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report.ReportPath!));
        Assert.Equal(Path.Combine(_reports, "lossy.json"), report.ReportPath);
        Assert.False(json.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(report.LostWrites.Count, json.RootElement.GetProperty("lost_writes").GetArrayLength());
        Assert.Equal("k-1", json.RootElement.GetProperty("corrupted_writes")[0].GetProperty("key").GetString());
    }

    [Fact]
    public async Task A_system_that_never_recovers_is_reported_and_restores_still_run()
    {
        var restores = 0;
        var options = Fast;
        options.RecoveryTimeout = TimeSpan.FromMilliseconds(200);
        var healthy = true;
        var report = await new ChaosExperiment("stuck", options)
            .SteadyState(_ => Task.FromResult(healthy))
            .Inject(_ =>
            {
                healthy = false;
                return Task.CompletedTask;
            })
            .Restore(_ =>
            {
                restores++;
                return Task.CompletedTask;
            })
            .RunAsync();

        Assert.Equal(1, restores);
        Assert.False(report.Recovered);
        Assert.Contains(report.Violations(), v => v.Contains("did not hold again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_fault_is_injected_when_the_steady_state_does_not_hold_first()
    {
        var injected = false;
        var experiment = new ChaosExperiment("unsteady", Fast)
            .SteadyState(_ => Task.FromResult(false))
            .Inject(_ =>
            {
                injected = true;
                return Task.CompletedTask;
            });

        await Assert.ThrowsAsync<ChaosAssertionException>(() => experiment.RunAsync());
        Assert.False(injected);
    }

    [Fact]
    public async Task Scoped_faults_are_disposed_at_restore()
    {
        var scope = new Scope();
        await new ChaosExperiment("scoped", Fast).Inject(() => scope).RunAsync();
        Assert.True(scope.Disposed);
    }

    [Fact]
    public void Thresholds_are_the_seed_ones_by_default()
    {
        var t = new ChaosThresholds();
        Assert.Equal(0.95, t.MinSuccessRate);
        Assert.Equal(TimeSpan.FromSeconds(30), t.MaxRecoveryTime);
        Assert.Equal(0, t.MaxLostWrites);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_reports, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private ChaosExperiment Experiment(string name, FakeStore store) => new ChaosExperiment(name, Fast)
        .SteadyState(_ => Task.FromResult(store.Up))
        .Workload(async (op, ct) =>
        {
            await Task.Delay(2, ct);
            var key = $"k-{op.Sequence}";
            store.Write(key, $"v-{op.Sequence}");
            op.Acknowledged(key, $"v-{op.Sequence}");
        })
        .Inject(_ =>
        {
            store.Crash();
            return Task.CompletedTask;
        })
        .Restore(async ct =>
        {
            await Task.Delay(60, ct);
            store.Start();
        })
        .ReadBack((key, _) => Task.FromResult(store.Read(key)));

    /// <summary>An in-memory store: durable, or one that acknowledges before flushing and loses the unflushed writes on a crash.</summary>
    private sealed class FakeStore
    {
        private readonly ConcurrentDictionary<string, string> _durable = new();
        private readonly ConcurrentDictionary<string, string> _unflushed = new();

        public bool Up { get; private set; } = true;

        public bool LosesUnflushedWrites { get; init; }

        public string? CorruptsKey { get; init; }

        public void Write(string key, string value)
        {
            if (!Up)
            {
                throw new InvalidOperationException("store down");
            }

            if (LosesUnflushedWrites && key.EndsWith('3'))
            {
                _unflushed[key] = value;
            }
            else
            {
                _durable[key] = key == CorruptsKey ? "garbage" : value;
            }
        }

        public string? Read(string key) => _durable.TryGetValue(key, out var v) ? v : _unflushed.TryGetValue(key, out v) ? v : null;

        public void Crash()
        {
            Up = false;
            _unflushed.Clear();
        }

        public void Start() => Up = true;
    }

    private sealed class Scope : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
