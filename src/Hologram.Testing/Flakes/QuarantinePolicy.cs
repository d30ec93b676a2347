using System.Globalization;
using Hologram.Testing.History;

namespace Hologram.Testing.Flakes;

/// <summary>
/// Decides quarantine and release from recorded evidence: a test with at least <see cref="FlakeSettings.QuarantineAfter"/>
/// flakes within <see cref="FlakeSettings.WindowDays"/> is quarantined; a quarantined test is released after
/// <see cref="FlakeSettings.ReleaseAfter"/> consecutive passes. Manual quarantines are never released before their
/// <see cref="QuarantineEntry.Until"/> (and never automatically without one). Flakes from before a test's last
/// release do not count again.
/// </summary>
public sealed class QuarantinePolicy
{
    /// <summary>The name recorded as the actor of the policy's decisions.</summary>
    public const string Actor = "policy";

    private readonly FlakeSettings _settings;
    private readonly TimeProvider _time;

    /// <summary>Creates the policy.</summary>
    /// <param name="settings">Window and thresholds.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> by default.</param>
    public QuarantinePolicy(FlakeSettings settings, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The start of the flake window as of now.</summary>
    public DateTimeOffset WindowStart => _time.GetUtcNow().AddDays(-_settings.WindowDays);

    /// <summary>Decides every change of state.</summary>
    /// <param name="flakes">Flake events of the window (at least since <see cref="WindowStart"/>).</param>
    /// <param name="quarantined">The tests quarantined now.</param>
    /// <param name="consecutivePasses">Per quarantined test, its most recent consecutive passes.</param>
    /// <param name="audit">The audit trail (to find each test's last release), or empty.</param>
    public IReadOnlyList<QuarantineDecision> Decide(
        IEnumerable<FlakeEvent> flakes,
        IEnumerable<QuarantineEntry> quarantined,
        IReadOnlyDictionary<string, int> consecutivePasses,
        IEnumerable<AuditEntry> audit)
    {
        ArgumentNullException.ThrowIfNull(flakes);
        ArgumentNullException.ThrowIfNull(quarantined);
        ArgumentNullException.ThrowIfNull(consecutivePasses);
        ArgumentNullException.ThrowIfNull(audit);

        var now = _time.GetUtcNow();
        var windowStart = now.AddDays(-_settings.WindowDays);
        var current = quarantined.ToDictionary(q => q.TestId, StringComparer.Ordinal);
        var lastRelease = audit
            .Where(a => a.Action == AuditActions.Released)
            .GroupBy(a => a.TestId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(a => a.At), StringComparer.Ordinal);
        var decisions = new List<QuarantineDecision>();

        foreach (var group in flakes.GroupBy(f => f.TestId, StringComparer.Ordinal))
        {
            if (current.ContainsKey(group.Key))
            {
                continue;
            }

            var since = lastRelease.TryGetValue(group.Key, out var released) && released > windowStart ? released : windowStart;
            var counted = group.Where(f => f.DetectedAt > since && f.DetectedAt <= now)
                .DistinctBy(f => (f.RunId, f.Kind))
                .ToList();
            if (counted.Count >= _settings.QuarantineAfter)
            {
                var reason = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{counted.Count} flakes in {_settings.WindowDays} days (last in run {counted.MaxBy(f => f.DetectedAt)!.RunId})");
                decisions.Add(new QuarantineDecision
                {
                    TestId = group.Key,
                    Reason = reason,
                    Quarantine = new QuarantineEntry { TestId = group.Key, Since = now, Reason = reason, By = Actor },
                });
            }
        }

        foreach (var entry in current.Values)
        {
            var passes = consecutivePasses.TryGetValue(entry.TestId, out var p) ? p : 0;
            if (passes < _settings.ReleaseAfter)
            {
                continue;
            }

            if (entry.Manual && (entry.Until is not { } until || until > now))
            {
                continue;
            }

            decisions.Add(new QuarantineDecision
            {
                TestId = entry.TestId,
                Reason = string.Create(CultureInfo.InvariantCulture, $"{passes} consecutive passes"),
            });
        }

        return decisions;
    }

    /// <summary>The reason a quarantined test's failure is reported as skipped.</summary>
    /// <param name="entry">The quarantine.</param>
    /// <param name="failure">The first line of the failure message, or null.</param>
    public static string SkipReason(QuarantineEntry entry, string? failure)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = entry.Manual
            ? string.Create(CultureInfo.InvariantCulture, $"quarantined since {entry.Since:yyyy-MM-dd HH:mm}Z by {entry.By}: {entry.Reason}; the failure does not break the build")
            : string.Create(CultureInfo.InvariantCulture, $"quarantined since {entry.Since:yyyy-MM-dd HH:mm}Z by {entry.By} after {entry.Reason}; the failure does not break the build");
        if (!string.IsNullOrWhiteSpace(failure))
        {
            var firstLine = failure.AsSpan().Trim();
            var newline = firstLine.IndexOfAny('\r', '\n');
            text += "; failure: " + (newline >= 0 ? firstLine[..newline] : firstLine).ToString();
        }

        return text;
    }
}
