using System.Text.Json;

namespace Hologram.Testing.Chaos.Tests;

public sealed class LoadRampTests : IDisposable
{
    private readonly string _reports = Path.Combine(Path.GetTempPath(), "hologram-ramp-" + Guid.NewGuid().ToString("N"));

    private static LoadStep Step(int concurrency, double throughput, double p95Ms, int errors = 0) =>
        new(concurrency, (int)throughput, errors, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(p95Ms / 2), TimeSpan.FromMilliseconds(p95Ms), TimeSpan.FromMilliseconds(p95Ms * 1.5));

    [Fact]
    public void The_knee_is_the_last_step_that_still_added_throughput()
    {
        LoadStep[] steps = [Step(1, 100, 10), Step(2, 195, 10), Step(4, 380, 11), Step(8, 700, 12), Step(16, 720, 22), Step(32, 725, 45)];

        var (knee, reason) = LoadRamp.FindKnee(steps, new KneeCriteria());

        Assert.Same(steps[3], knee);
        Assert.Contains("from concurrency 8 to 16", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_above_the_limit_end_the_scaling_even_when_throughput_grows()
    {
        LoadStep[] steps = [Step(1, 100, 10), Step(2, 200, 10), Step(4, 400, 10, errors: 40)];

        var (knee, reason) = LoadRamp.FindKnee(steps, new KneeCriteria { MaxErrorRate = 0.05 });

        Assert.Same(steps[1], knee);
        Assert.Contains("error rate 10.0% at concurrency 4", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void No_knee_when_every_step_scales_or_the_first_already_fails()
    {
        Assert.Null(LoadRamp.FindKnee([Step(1, 100, 10), Step(2, 200, 10)], new KneeCriteria()).Knee);
        Assert.Contains("still scaling at concurrency 2", LoadRamp.FindKnee([Step(1, 100, 10), Step(2, 200, 10)], new KneeCriteria()).Reason, StringComparison.Ordinal);
        Assert.Null(LoadRamp.FindKnee([Step(1, 100, 10, errors: 50)], new KneeCriteria()).Knee);
    }

    [Fact]
    public async Task A_trivial_operation_gets_a_sample_in_every_step_even_when_the_time_bound_is_used_up_before_a_worker_starts()
    {
        // Each reading of this clock is a second later: the step's time bound has passed before the first operation,
        // as on a busy 2-core machine where the workers start late. Every step must still measure, not throw.
        var options = new LoadRampOptions { Name = "trivial", MaxRequestsPerStep = 50, MaxStepDuration = TimeSpan.FromMilliseconds(1), WriteReport = false, TimeProvider = new LeapingClock() };

        var result = await LoadRamp.RunAsync(_ => Task.CompletedTask, options);

        Assert.Equal(options.Levels, result.Steps.Select(s => s.Concurrency));
        Assert.All(result.Steps, s => Assert.Equal(1, s.Requests));
        Assert.All(result.Steps, s => Assert.True(s.P95 > TimeSpan.Zero, result.ToTable()));
    }

    [Fact]
    public async Task A_trivial_operation_on_the_real_clock_is_measured_at_every_level()
    {
        var options = new LoadRampOptions { Name = "trivial-real", MaxRequestsPerStep = 200, MaxStepDuration = TimeSpan.FromTicks(1), WriteReport = false };

        var result = await LoadRamp.RunAsync(_ => Task.CompletedTask, options);

        Assert.All(result.Steps, s => Assert.InRange(s.Requests, 1, 200));
    }

    /// <summary>A clock whose every reading is one second after the previous one.</summary>
    private sealed class LeapingClock : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref ticks, TimeSpan.TicksPerSecond);
    }

    [Fact]
    public async Task A_ramp_against_a_system_with_four_slots_finds_its_knee_and_writes_a_report()
    {
        using var slots = new SemaphoreSlim(4);
        var options = new LoadRampOptions { Name = "four-slots", MaxRequestsPerStep = 48, ReportDirectory = _reports };
        options.Levels.Clear();
        foreach (var level in new[] { 1, 2, 4, 8, 16 })
        {
            options.Levels.Add(level);
        }

        var result = await LoadRamp.RunAsync(
            async ct =>
            {
                await slots.WaitAsync(ct);
                try
                {
                    await Task.Delay(40, ct);
                }
                finally
                {
                    slots.Release();
                }
            },
            options);

        Assert.Equal([1, 2, 4, 8, 16], result.Steps.Select(s => s.Concurrency));
        Assert.All(result.Steps, s => Assert.Equal(48, s.Requests));
        Assert.All(result.Steps, s => Assert.Equal(0, s.Errors));
        Assert.NotNull(result.Knee);
        Assert.InRange(result.Knee!.Concurrency, 2, 8);
        Assert.True(result.Steps[^1].P50 > result.Steps[0].P50, result.ToTable());
        Assert.Contains("← knee", result.ToTable(), StringComparison.Ordinal);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(result.ReportPath!));
        Assert.Equal(5, report.RootElement.GetProperty("steps").GetArrayLength());
        Assert.Equal(result.Knee.Concurrency, report.RootElement.GetProperty("knee_concurrency").GetInt32());

        result.AssertP95Under(TimeSpan.FromSeconds(5), upToConcurrency: 16);
        var error = Assert.Throws<ChaosAssertionException>(() => result.AssertP95Under(TimeSpan.FromMilliseconds(1), upToConcurrency: 2));
        Assert.Contains("concurrency 1: p95", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("concurrency 4: p95", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_operations_count_as_errors_and_steps_stop_at_their_time_limit()
    {
        var options = new LoadRampOptions { MaxRequestsPerStep = 1_000_000, MaxStepDuration = TimeSpan.FromMilliseconds(200), WriteReport = false };
        options.Levels.Clear();
        options.Levels.Add(2);
        var calls = 0;

        var result = await LoadRamp.RunAsync(
            async ct =>
            {
                await Task.Delay(5, ct);
                return Interlocked.Increment(ref calls) % 2 == 0;
            },
            options);

        var step = Assert.Single(result.Steps);
        Assert.InRange(step.ErrorRate, 0.3, 0.7);
        Assert.InRange(step.Elapsed, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));
        Assert.Null(result.ReportPath);
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
}
