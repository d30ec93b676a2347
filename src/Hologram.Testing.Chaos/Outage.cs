namespace Hologram.Testing.Chaos;

/// <summary>A period during which an <see cref="AvailabilityMonitor"/>'s probe failed.</summary>
/// <param name="Start">The first failed probe.</param>
/// <param name="End">The first successful probe after it; null while the outage lasts.</param>
public sealed record Outage(DateTimeOffset Start, DateTimeOffset? End)
{
    /// <summary>How long it lasted (so far, measured up to <paramref name="now"/> while it lasts).</summary>
    /// <param name="now">The time to measure an open outage up to.</param>
    public TimeSpan DurationAt(DateTimeOffset now) => (End ?? now) - Start;
}
