using System.Globalization;

namespace Hologram.Testing.Sdk.Internal;

/// <summary>
/// The retry rules of one test case: how many retries, the wait before each, which failures are retried, and whether
/// only tests the history knows as flaky are. Built from the <c>Retry:*</c> settings, then the test's retry attribute.
/// </summary>
internal sealed class RetryRules
{
    // Task.Delay's limit is about 49 days; no test waits longer than this between attempts.
    private static readonly double LongestDelayMs = TimeSpan.FromDays(1).TotalMilliseconds;

    /// <summary>No retries at all (a run without a session).</summary>
    public static readonly RetryRules None = new() { Retries = 0, Filter = FailureFilter.Any };

    public required int Retries { get; init; }

    public TimeSpan Delay { get; init; }

    public RetryBackoff Backoff { get; init; }

    public TimeSpan MaxDelay { get; init; }

    public bool Jitter { get; init; }

    public required FailureFilter Filter { get; init; }

    public bool OnlyKnownFlaky { get; init; }

    /// <summary>The run's rules for a test with no retry attribute.</summary>
    public static RetryRules From(RetrySettings settings, int retries) => new()
    {
        Retries = retries,
        Delay = settings.Delay,
        Backoff = settings.Backoff,
        MaxDelay = settings.MaxDelay,
        Jitter = settings.Jitter,
        Filter = FailureFilter.Create(settings.ExceptionTypes, settings.MessagePatterns),
        OnlyKnownFlaky = settings.OnlyKnownFlaky,
    };

    /// <summary>
    /// The rules of a test whose nearest retry attribute is <paramref name="attribute"/>: its set properties over
    /// <paramref name="run"/>'s.
    /// </summary>
    /// <exception cref="HologramConfigurationException">A property has a bad value; the message names it and <paramref name="where"/>.</exception>
    public static RetryRules With(RetryRules run, TestRetryAttribute attribute, string where)
    {
        var filter = run.Filter;
        if (attribute.ExceptionTypes is not null || attribute.MessagePatterns is not null)
        {
            string[] types = [.. (attribute.ExceptionTypes ?? []).Select(t => t?.FullName ?? throw Invalid(where, nameof(TestRetryAttribute.ExceptionTypes), "null", "has a null entry"))];
            var patterns = attribute.MessagePatterns ?? [];
            foreach (var pattern in patterns)
            {
                if ((pattern is null ? "has a null entry" : FailureFilter.PatternProblem(pattern)) is { } problem)
                {
                    throw Invalid(where, nameof(TestRetryAttribute.MessagePatterns), pattern, problem);
                }
            }

            filter = FailureFilter.Create(types, patterns);
        }

        return new RetryRules
        {
            Retries = attribute.Retries,
            Delay = Milliseconds(where, nameof(TestRetryAttribute.DelayMs), attribute.DelayMsOverride) ?? run.Delay,
            Backoff = attribute.BackoffOverride is { } backoff
                ? Enum.IsDefined(backoff) ? backoff : throw Invalid(where, nameof(TestRetryAttribute.Backoff), backoff.ToString(), "is not constant, linear or exponential")
                : run.Backoff,
            MaxDelay = Milliseconds(where, nameof(TestRetryAttribute.MaxDelayMs), attribute.MaxDelayMsOverride) ?? run.MaxDelay,
            Jitter = attribute.JitterOverride ?? run.Jitter,
            Filter = filter,
            OnlyKnownFlaky = attribute.OnlyKnownFlakyOverride ?? run.OnlyKnownFlaky,
        };
    }

    /// <summary>A <c>Retry:Backoff</c> value (case-insensitive), or null when it names none.</summary>
    public static RetryBackoff? ParseBackoff(string text) => text.Trim().ToUpperInvariant() switch
    {
        "CONSTANT" => RetryBackoff.Constant,
        "LINEAR" => RetryBackoff.Linear,
        "EXPONENTIAL" => RetryBackoff.Exponential,
        _ => null,
    };

    /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first), capped by <see cref="MaxDelay"/>.</summary>
    /// <param name="retry">The retry's number: the number of the attempt that failed.</param>
    /// <param name="random">A number in [0, 1) for the jitter.</param>
    public TimeSpan DelayBefore(int retry, Func<double> random)
    {
        if (Delay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var ms = Backoff switch
        {
            RetryBackoff.Linear => Delay.TotalMilliseconds * retry,
            RetryBackoff.Exponential => Delay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 40)),
            _ => Delay.TotalMilliseconds,
        };
        if (Jitter)
        {
            ms *= 0.75 + (0.5 * random());
        }

        if (MaxDelay > TimeSpan.Zero)
        {
            ms = Math.Min(ms, MaxDelay.TotalMilliseconds);
        }

        return TimeSpan.FromMilliseconds(Math.Round(Math.Min(ms, LongestDelayMs)));
    }

    private static TimeSpan? Milliseconds(string where, string property, int? value) =>
        value switch
        {
            null => null,
            < 0 => throw Invalid(where, property, value.Value.ToString(CultureInfo.InvariantCulture), "must be a whole number of milliseconds, at least 0"),
            _ => TimeSpan.FromMilliseconds(value.Value),
        };

    private static HologramConfigurationException Invalid(string where, string property, string? value, string problem) =>
        new($"Retry.{property}", value, where, $"{property}='{value}' ({where}) {problem}");
}
