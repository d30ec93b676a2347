using Microsoft.Extensions.Time.Testing;

namespace Hologram.Testing.Perf.Tests.Budgets;

/// <summary>An operation that takes no real time: each call advances a fake clock by the next scripted duration.</summary>
internal sealed class FakeOperation
{
    private readonly Func<int, double> _durationMs;

    public FakeOperation(Func<int, double> durationMs) => _durationMs = durationMs;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public int Calls { get; private set; }

    public void Invoke() => Clock.Advance(TimeSpan.FromTicks((long)Math.Round(_durationMs(Calls++) * TimeSpan.TicksPerMillisecond)));

    public PerfOptions Options(TempReports reports, int samples, InconclusiveOutcome inconclusive = InconclusiveOutcome.Skip, int consecutive = 1) => new()
    {
        Samples = samples,
        Warmup = 2,
        MinWarmupTime = TimeSpan.Zero,
        SettleJit = false,
        TimeProvider = Clock,
        Configuration = reports.Options,
        Inconclusive = inconclusive,
        FailAfterConsecutiveBreaches = consecutive,
        TimeBudget = TimeSpan.Zero, // fixed sample counts: the re-measurement rule (sequential checks: SequentialBudgetTests)
    };
}
