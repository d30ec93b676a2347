using System.Xml.Linq;
using Hologram.Testing.History;

namespace Hologram.Testing.Conformance.Tests;

/// <summary>What one <c>dotnet test</c> of a fixture reported (per test method name) and what its store recorded.</summary>
public sealed record ScenarioRun(
    int ExitCode,
    string Output,
    IReadOnlyList<(string Name, string Outcome, string Message)> Reported,
    IReadOnlyList<TestAttempt> Attempts,
    IReadOnlyList<RunInfo> Runs)
{
    /// <summary>The names of the tests the runner reported with <paramref name="outcome"/> (TRX: Passed, Failed, NotExecuted), sorted.</summary>
    public IReadOnlyList<string> ReportedAs(string outcome) =>
        [.. Reported.Where(r => r.Outcome == outcome).Select(r => r.Name).Order(StringComparer.Ordinal)];

    /// <summary>The message the runner reported for the test named <paramref name="name"/>.</summary>
    public string MessageOf(string name) => Reported.Single(r => r.Name == name).Message;

    /// <summary>The ids of the recorded tests, sorted.</summary>
    public IReadOnlyList<string> RecordedIds => [.. Attempts.Select(a => a.TestId).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>
    /// The records in a framework-neutral form: id, attempt, outcome, final and quarantined flags, categories (sorted).
    /// </summary>
    public IReadOnlyList<string> Normalized =>
        [.. Attempts
            .OrderBy(a => a.TestId, StringComparer.Ordinal).ThenBy(a => a.Attempt)
            .Select(a => $"{a.TestId} #{a.Attempt} {a.Outcome} final={a.IsFinal} quarantined={a.Quarantined} [{string.Join(",", a.Categories.Order(StringComparer.Ordinal))}]")];

    /// <summary>Reads the TRX of a run: test names are shortened to the method name (data rows repeat it), the same for every framework.</summary>
    public static IReadOnlyList<(string, string, string)> ParseTrx(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        return [.. XDocument.Load(path).Descendants(ns + "UnitTestResult").Select(result =>
        {
            var name = (string)result.Attribute("testName")!;
            var open = name.IndexOf('(', StringComparison.Ordinal);
            // MSTest names a data row "PerfRows (1)": the space before the arguments is not part of the name.
            var head = (open >= 0 ? name[..open] : name).TrimEnd();
            var shortName = head[(head.LastIndexOf('.') + 1)..];
            var message = result.Descendants(ns + "Message").FirstOrDefault()?.Value
                ?? ExecutableRun.SkipReason(result.Descendants(ns + "DebugTrace").FirstOrDefault()?.Value) ?? string.Empty;
            return (shortName, (string)result.Attribute("outcome")!, message.Trim());
        })];
    }
}
