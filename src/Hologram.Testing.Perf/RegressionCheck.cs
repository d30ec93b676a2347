namespace Hologram.Testing.Perf;

/// <summary>The outcome of comparing a measurement's p95 with its baseline.</summary>
/// <param name="Name">The measurement name.</param>
/// <param name="Phase">Warm or cold.</param>
/// <param name="Verdict">Fail: confidently slower than the threshold allows; pass: confidently not; inconclusive otherwise, or when not comparable.</param>
/// <param name="Ratio">Candidate p95 / baseline p95 (NaN when there is no baseline).</param>
/// <param name="RatioLower">Lower confidence bound of the ratio.</param>
/// <param name="RatioUpper">Upper confidence bound of the ratio.</param>
/// <param name="ThresholdPct">The regression threshold in percent.</param>
/// <param name="Baseline">The baseline record, when there is one.</param>
/// <param name="Candidate">The measurement compared.</param>
/// <param name="EnvironmentDifferences">How the environments differ; non-empty makes the check inconclusive.</param>
/// <param name="Message">A one-line description.</param>
public sealed record RegressionCheck(
    string Name,
    PerfPhase Phase,
    PerfVerdict Verdict,
    double Ratio,
    double RatioLower,
    double RatioUpper,
    double ThresholdPct,
    PerfRecord? Baseline,
    PerfRecord Candidate,
    IReadOnlyList<string> EnvironmentDifferences,
    string Message);
