using System.Globalization;
using System.Text;

namespace Hologram.Testing.Chaos;

/// <summary>The steps of a <see cref="LoadRamp"/> and its knee.</summary>
public sealed class LoadRampResult
{
    internal LoadRampResult(string name, IReadOnlyList<LoadStep> steps, KneeCriteria criteria)
    {
        Name = name;
        Steps = steps;
        (Knee, KneeReason) = LoadRamp.FindKnee(steps, criteria);
    }

    /// <summary>The ramp's name.</summary>
    public string Name { get; }

    /// <summary>One entry per concurrency level, in the order run.</summary>
    public IReadOnlyList<LoadStep> Steps { get; }

    /// <summary>The last step that still scaled (throughput grew, errors stayed low); null when none did or all did.</summary>
    public LoadStep? Knee { get; }

    /// <summary>Why the knee is where it is.</summary>
    public string KneeReason { get; }

    /// <summary>The JSON report written, if any.</summary>
    public string? ReportPath { get; internal set; }

    /// <summary>Throws unless every step up to concurrency <paramref name="upToConcurrency"/> has a p95 under <paramref name="budget"/>.</summary>
    /// <param name="budget">The p95 budget.</param>
    /// <param name="upToConcurrency">The highest level the budget applies to.</param>
    /// <exception cref="ChaosAssertionException">A step is over budget; the message lists them with the table.</exception>
    public void AssertP95Under(TimeSpan budget, int upToConcurrency)
    {
        var over = Steps.Where(s => s.Concurrency <= upToConcurrency && s.P95 > budget).ToList();
        if (over.Count > 0)
        {
            var list = string.Join(", ", over.Select(s => string.Create(CultureInfo.InvariantCulture, $"concurrency {s.Concurrency}: p95 {s.P95.TotalMilliseconds:0.##} ms")));
            throw new ChaosAssertionException(string.Create(
                CultureInfo.InvariantCulture,
                $"{Name}: p95 over the {budget.TotalMilliseconds:0.##} ms budget up to concurrency {upToConcurrency} ({list}){Environment.NewLine}{ToTable()}"));
        }
    }

    /// <summary>The steps as a Markdown table, with the knee marked.</summary>
    public string ToTable()
    {
        var table = new StringBuilder();
        table.AppendLine("| concurrency | requests | errors | throughput/s | p50 ms | p95 ms | p99 ms |");
        table.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in Steps)
        {
            var mark = ReferenceEquals(s, Knee) ? " ← knee" : string.Empty;
            table.AppendLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {s.Concurrency}{mark} | {s.Requests} | {s.Errors} | {s.Throughput:0.#} | {s.P50.TotalMilliseconds:0.###} | {s.P95.TotalMilliseconds:0.###} | {s.P99.TotalMilliseconds:0.###} |"));
        }

        table.Append("knee: ").Append(KneeReason);
        return table.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToTable();
}
