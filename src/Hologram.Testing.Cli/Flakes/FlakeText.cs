using System.Globalization;
using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Flakes;

/// <summary>How flake figures are shown to people: UTC times, percentages and quarantine states.</summary>
internal static class FlakeText
{
    /// <summary>A time as <c>yyyy-MM-dd HH:mm</c> UTC, or <c>-</c>.</summary>
    public static string Time(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";

    /// <summary>A date as <c>yyyy-MM-dd</c> UTC.</summary>
    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A rate 0..1 as a percentage with one decimal, e.g. <c>12.5%</c>.</summary>
    public static string Percent(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A number, invariant.</summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The quarantine state, e.g. <c>since 2025-01-04 by policy: 2 flakes in 7 days</c>, or <c>-</c>.</summary>
    public static string Quarantine(QuarantineEntry? entry)
    {
        if (entry is null)
        {
            return "-";
        }

        var until = entry.Until is { } u ? $" until {Date(u)}" : string.Empty;
        return $"since {Date(entry.Since)}{until} by {entry.By}: {entry.Reason}";
    }

    /// <summary>"the last N days" / "the last day".</summary>
    public static string Window(int days) => days == 1 ? "the last day" : $"the last {Number(days)} days";

    /// <summary>The user named by <c>--by</c>, else <c>USER</c> / <c>USERNAME</c>, else <c>unknown</c>.</summary>
    public static string User(string? by, IReadOnlyDictionary<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(by))
        {
            return by.Trim();
        }

        foreach (var name in new[] { "USER", "USERNAME" })
        {
            if (environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return "unknown";
    }
}
