using System.Globalization;
using System.Text;

namespace Hologram.Testing.Chaos;

/// <summary>What a <see cref="ChaosExperiment"/> saw: success rates per phase, the recovery time and the read-back of every acknowledged write.</summary>
public sealed class ChaosExperimentReport
{
    internal ChaosExperimentReport()
    {
    }

    /// <summary>The experiment's name.</summary>
    public required string Name { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>How long it ran, read-back included.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>The workload's operations per phase.</summary>
    public required IReadOnlyList<PhaseStatistics> Phases { get; init; }

    /// <summary>Whether the steady state held again before <see cref="ChaosExperimentOptions.RecoveryTimeout"/>.</summary>
    public required bool Recovered { get; init; }

    /// <summary>From the start of the restore until the steady-state probe succeeded (the timeout when it never did).</summary>
    public required TimeSpan RecoveryTime { get; init; }

    /// <summary>How many distinct writes were acknowledged.</summary>
    public required int AcknowledgedWrites { get; init; }

    /// <summary>Acknowledged writes not found (or not readable) after recovery.</summary>
    public required IReadOnlyList<WriteCheck> LostWrites { get; init; }

    /// <summary>Acknowledged writes that read back different.</summary>
    public required IReadOnlyList<WriteCheck> CorruptedWrites { get; init; }

    /// <summary>The thresholds in force.</summary>
    public required ChaosThresholds Thresholds { get; init; }

    /// <summary>The JSON report written, if any.</summary>
    public string? ReportPath { get; internal set; }

    /// <summary>All workload operations.</summary>
    public int Operations => Phases.Sum(p => p.Operations);

    /// <summary>All failed workload operations.</summary>
    public int Failures => Phases.Sum(p => p.Failures);

    /// <summary>The share of workload operations that succeeded over the whole experiment.</summary>
    public double SuccessRate => Operations == 0 ? 1 : (double)(Operations - Failures) / Operations;

    /// <summary>The threshold violations; empty when the experiment passed.</summary>
    /// <param name="thresholds">The thresholds; <see cref="Thresholds"/> when null.</param>
    public IReadOnlyList<string> Violations(ChaosThresholds? thresholds = null)
    {
        var t = thresholds ?? Thresholds;
        var c = CultureInfo.InvariantCulture;
        var violations = new List<string>();
        if (!(SuccessRate > t.MinSuccessRate))
        {
            violations.Add(string.Create(c, $"success rate {SuccessRate * 100:0.00}% is not above {t.MinSuccessRate * 100:0.00}% ({Failures} of {Operations} operations failed)"));
        }

        if (!Recovered)
        {
            violations.Add(string.Create(c, $"the steady state did not hold again within {RecoveryTime.TotalSeconds:0.#} s"));
        }
        else if (RecoveryTime >= t.MaxRecoveryTime)
        {
            violations.Add(string.Create(c, $"recovery took {RecoveryTime.TotalSeconds:0.###} s, not under {t.MaxRecoveryTime.TotalSeconds:0.#} s"));
        }

        var bad = LostWrites.Count + CorruptedWrites.Count;
        if (bad > t.MaxLostWrites)
        {
            var items = LostWrites.Concat(CorruptedWrites).Take(20).Select(w => $"{w.Key} ({w.Problem}, acknowledged in {w.Phase})");
            violations.Add(string.Create(
                c,
                $"{LostWrites.Count} lost and {CorruptedWrites.Count} corrupted of {AcknowledgedWrites} acknowledged writes (allowed {t.MaxLostWrites}): {string.Join("; ", items)}{(bad > 20 ? "; …" : string.Empty)}"));
        }

        return violations;
    }

    /// <summary>Throws unless success rate, recovery time and lost writes meet <paramref name="thresholds"/> (the seed's by default).</summary>
    /// <param name="thresholds">The thresholds; <see cref="Thresholds"/> when null.</param>
    /// <exception cref="ChaosAssertionException">A threshold was missed; the message lists every miss and the summary.</exception>
    public void AssertThresholds(ChaosThresholds? thresholds = null)
    {
        var violations = Violations(thresholds);
        if (violations.Count > 0)
        {
            throw new ChaosAssertionException($"chaos experiment '{Name}' failed: {string.Join("; ", violations)}{Environment.NewLine}{Summary()}");
        }
    }

    /// <summary>A few lines for test output.</summary>
    public string Summary()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"experiment {Name}: success {SuccessRate * 100:0.00}% of {Operations} operations, recovery {RecoveryTime.TotalMilliseconds:0} ms{(Recovered ? string.Empty : " (not recovered)")}, {AcknowledgedWrites} acknowledged writes, {LostWrites.Count} lost, {CorruptedWrites.Count} corrupted");
        foreach (var p in Phases)
        {
            text.AppendLine(c, $"  {p.Phase}: {p.Operations} operations, {p.Failures} failed ({p.SuccessRate * 100:0.0}% ok)");
        }

        return text.ToString().TrimEnd();
    }

    /// <inheritdoc />
    public override string ToString() => Summary();
}
