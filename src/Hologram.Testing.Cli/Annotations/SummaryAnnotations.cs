using Hologram.Testing.Cli.Reporting;

namespace Hologram.Testing.Cli.Annotations;

/// <summary>What <c>hologram summary</c> annotates: the latest build's failed tests and its quarantine changes.</summary>
internal static class SummaryAnnotations
{
    /// <summary>Lines of a failure message kept in its annotation.</summary>
    public const int MaxMessageLines = 6;

    /// <summary>
    /// An error per failed test that breaks the build, a warning per quarantined test that failed (reported as skipped),
    /// a warning per test quarantined since the build started and a notice per test released. The history records no
    /// source location, so these annotations name the test rather than a file.
    /// </summary>
    public static IEnumerable<Annotation> For(HistorySection history)
    {
        foreach (var failure in history.Failures.Where(f => !f.Quarantined))
        {
            yield return new(AnnotationLevel.Error, $"test failed: {failure.TestId}", Message(failure.ErrorMessage, failure.Attempt));
        }

        foreach (var failure in history.Failures.Where(f => f.Quarantined))
        {
            yield return new(AnnotationLevel.Warning, $"quarantined test failed (reported as skipped): {failure.TestId}", Message(failure.ErrorMessage, failure.Attempt));
        }

        foreach (var change in history.QuarantineChanges)
        {
            var released = string.Equals(change.Action, "released", StringComparison.OrdinalIgnoreCase);
            yield return new(
                released ? AnnotationLevel.Notice : AnnotationLevel.Warning,
                $"{(released ? "released from quarantine" : "quarantined")}: {change.TestId}",
                $"{change.Action} by {change.By}: {change.Reason}");
        }
    }

    private static string Message(string? error, int attempt)
    {
        var lines = (error ?? "(no message)").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var kept = string.Join('\n', lines.Take(MaxMessageLines)) + (lines.Length > MaxMessageLines ? "\n…" : string.Empty);
        return $"{kept}\n(attempt {attempt})";
    }
}
