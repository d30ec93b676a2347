using System.CommandLine;

namespace Hologram.Testing.Cli.Flakes;

/// <summary>The <c>--days N</c> option shared by the flake commands: the window of history considered.</summary>
internal static class FlakeWindow
{
    /// <summary>A <c>--days</c> option; absent means <c>Flake:WindowDays</c>.</summary>
    public static Option<int?> CreateOption() => new("--days", "-d")
    {
        Description = "Days of history to consider (default: Flake:WindowDays, 7)",
    };

    /// <summary>The window in days, or an error message when <paramref name="days"/> is not positive.</summary>
    public static (int Days, string? Error) Resolve(int? days, HologramOptions options) =>
        days switch
        {
            null => (options.Flake.WindowDays, null),
            < 1 => (0, $"--days must be at least 1, got {days}"),
            _ => (days.Value, null),
        };
}
