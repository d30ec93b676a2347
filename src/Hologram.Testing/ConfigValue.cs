namespace Hologram.Testing;

/// <summary>One raw configuration value with its provenance.</summary>
/// <param name="Key">The canonical key without the <c>Hologram:</c> prefix, e.g. <c>Budgets:verify:P95Ms</c>.</param>
/// <param name="Value">The raw text value.</param>
/// <param name="Origin">Where it came from, e.g. <c>environment variable SLO_VERIFY_P95_MS</c>.</param>
/// <param name="SourceKey">The name as written at the origin, e.g. <c>SLO_VERIFY_P95_MS</c> or <c>Profiles:perf-lab:Retries</c>.</param>
public sealed record ConfigValue(string Key, string Value, string Origin, string SourceKey);
