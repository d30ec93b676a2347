using Hologram.Testing.History;
using Microsoft.Extensions.Time.Testing;

namespace Hologram.Testing.TestSupport;

/// <summary>
/// The scenario each adapter's "one clock" test runs in-process: a temporary repository with a real SQLite history
/// store, a fake clock set far from now (2031, so a timestamp taken from the system clock cannot pass by accident), and
/// a fixture whose <c>FailsOnce</c> test fails on its first attempt of a flaky session and passes on its retry. With
/// <c>QuarantineAfter</c> and <c>ReleaseAfter</c> at 1, a flaky session records a PassedOnRetry flake and quarantines
/// the test at its end; a following passing session releases it.
/// </summary>
public sealed class ClockScenario : IDisposable
{
    /// <summary>The store every session of the scenario writes, relative to <see cref="Root"/>.</summary>
    public const string Store = "sqlite:reports/hologram.db";

    private static readonly AsyncLocal<ClockScenario?> Running = new();
    private int _attempts;
    private bool _flaky;

    /// <summary>Creates the repository (with a <c>.git</c> folder, so configuration stops there).</summary>
    public ClockScenario()
    {
        Root = Directory.CreateTempSubdirectory("hologram-clock-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, ".git"));
    }

    /// <summary>The scenario whose session runs on this flow, or null outside one (a fixture run by the outer test run).</summary>
    public static ClockScenario? Current => Running.Value;

    /// <summary>The repository root.</summary>
    public string Root { get; }

    /// <summary>The only clock the sessions are given.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2031, 3, 14, 9, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// Prepares the next session: moves the clock on an hour, makes this scenario <see cref="Current"/> on the calling
    /// flow, and returns the session's configuration.
    /// </summary>
    /// <param name="flaky">True when <c>FailsOnce</c> fails on its first attempt in this session.</param>
    public HologramOptions BeginSession(bool flaky)
    {
        Clock.Advance(TimeSpan.FromHours(1));
        _flaky = flaky;
        Interlocked.Exchange(ref _attempts, 0);
        Running.Value = this;
        return HologramConfiguration.Load(new HologramConfigurationSource
        {
            StartDirectory = Root,
            EnvironmentVariables = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["HOLOGRAM_STORE"] = Store,
                ["HOLOGRAM_PROFILE"] = "dev",
                // A known commit, so the end of each session also runs the cross-run flake check.
                ["HOLOGRAM_COMMIT"] = "c10c4",
                ["HOLOGRAM__FLAKE__QUARANTINEAFTER"] = "1",
                ["HOLOGRAM__FLAKE__RELEASEAFTER"] = "1",
            },
        });
    }

    /// <summary>The body of the fixture's <c>FailsOnce</c> test: throws on the first attempt of a flaky session.</summary>
    public void FailsOnce()
    {
        if (Interlocked.Increment(ref _attempts) == 1 && _flaky)
        {
            throw new InvalidOperationException("fails on its first attempt");
        }
    }

    /// <summary>Opens the scenario's store.</summary>
    public Task<IHistoryStore> OpenStoreAsync() =>
        HistoryStores.OpenAsync(Store, Root);

    /// <summary>Checks every timestamp in the store against <see cref="Clock"/> (see <see cref="RecordedTimes.AllOnAsync"/>).</summary>
    public async Task<IReadOnlyList<RecordedTime>> AllTimesOnClockAsync()
    {
        await using var store = await OpenStoreAsync();
        return await RecordedTimes.AllOnAsync(store, Clock);
    }

    /// <summary>
    /// Creates a scenario, runs <see cref="RunFlakyThenPassingSessionAsync"/> in it and removes it: the whole check one
    /// adapter's test makes.
    /// </summary>
    /// <param name="runSession">Runs one whole session of the fixture in-process with these options on this clock.</param>
    public static async Task CheckEveryRecordedTimeAsync(Func<HologramOptions, FakeTimeProvider, Task> runSession)
    {
        ArgumentNullException.ThrowIfNull(runSession);
        using var scenario = new ClockScenario();
        await scenario.RunFlakyThenPassingSessionAsync(options => runSession(options, scenario.Clock));
    }

    /// <summary>
    /// Runs the two sessions through an adapter and checks, after each, that every timestamp in the store is on
    /// <see cref="Clock"/> and that the records the scenario must produce are there: after the flaky session the three
    /// attempts, the PassedOnRetry flake, the quarantine and its audit entry; after the passing session both runs' ends,
    /// five attempts and the release's audit entry. Throws, listing what was recorded, when a check fails.
    /// </summary>
    /// <param name="runSession">Runs one whole session of the fixture in-process with these options on <see cref="Clock"/>.</param>
    /// <returns>Every timestamp recorded by the end of the passing session.</returns>
    public async Task<IReadOnlyList<RecordedTime>> RunFlakyThenPassingSessionAsync(Func<HologramOptions, Task> runSession)
    {
        ArgumentNullException.ThrowIfNull(runSession);
        await runSession(BeginSession(flaky: true));
        var afterFlaky = await AllTimesOnClockAsync();
        Expect(afterFlaky, 1, "run ", "EndedAt");
        Expect(afterFlaky, 3, "attempt ", "FinishedAt");
        Expect(afterFlaky, 2, "attempt ", "FailsOnce");
        Expect(afterFlaky, 1, "PassedOnRetry flake of ", "FailsOnce", "DetectedAt");
        Expect(afterFlaky, 1, "quarantine of ", "FailsOnce", "Since");
        Expect(afterFlaky, 1, "audit 'quarantined' of ", "FailsOnce");

        await runSession(BeginSession(flaky: false));
        var afterPassing = await AllTimesOnClockAsync();
        Expect(afterPassing, 2, "run ", "EndedAt");
        Expect(afterPassing, 5, "attempt ", "FinishedAt");
        Expect(afterPassing, 0, "quarantine of ");
        Expect(afterPassing, 1, "audit 'released' of ", "FailsOnce");
        return afterPassing;
    }

    // Counts the timestamps whose label starts with the first part and contains the others.
    private static void Expect(IReadOnlyList<RecordedTime> times, int count, string prefix, params string[] parts)
    {
        var found = times.Count(t =>
            t.What.StartsWith(prefix, StringComparison.Ordinal) && parts.All(p => t.What.Contains(p, StringComparison.Ordinal)));
        if (found != count)
        {
            throw new InvalidOperationException(
                $"expected {count} recorded timestamps matching '{prefix}…{string.Join("…", parts)}', found {found}; recorded:"
                + string.Concat(times.Select(t => Environment.NewLine + "  " + t)));
        }
    }

    /// <summary>Removes the repository.</summary>
    public void Dispose()
    {
        Running.Value = null;
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A store file still held open by a finishing background writer: the temp folder is cleaned later.
        }
    }
}
