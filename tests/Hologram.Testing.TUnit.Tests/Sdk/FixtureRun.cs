using System.Xml.Linq;
using Hologram.Testing.History;

namespace Hologram.Testing.TUnit.Tests.Sdk;

/// <summary>What one run of the TUnit fixture program reported (TRX, per test name) and what its store recorded.</summary>
public sealed record FixtureRun(
    int ExitCode,
    string Output,
    IReadOnlyList<(string Name, string Outcome, string Message)> Reported,
    IReadOnlyList<TestAttempt> Attempts,
    IReadOnlyList<RunInfo> Runs)
{
    /// <summary>The outcome and message the program reported for the test named <paramref name="name"/> (TRX: Passed, Failed, NotExecuted).</summary>
    public (string Outcome, string Message) ReportOf(string name)
    {
        var (_, outcome, message) = Reported.Single(r => r.Name == name);
        return (outcome, message);
    }

    /// <summary>The recorded attempts of the test with id <paramref name="testId"/>, in order.</summary>
    public IReadOnlyList<TestAttempt> AttemptsOf(string testId) => [.. Attempts.Where(a => a.TestId == testId).OrderBy(a => a.Attempt)];

    /// <summary>Reads a testing platform TRX file: a skip's reason is in its debug trace (<c>Skipped: …</c>).</summary>
    public static IReadOnlyList<(string, string, string)> ParseTrx(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        return [.. XDocument.Load(path).Descendants(ns + "UnitTestResult").Select(result =>
        {
            var message = result.Descendants(ns + "Message").FirstOrDefault()?.Value
                ?? result.Descendants(ns + "DebugTrace").FirstOrDefault()?.Value.Replace("Skipped: ", string.Empty, StringComparison.Ordinal)
                ?? string.Empty;
            return ((string)result.Attribute("testName")!, (string)result.Attribute("outcome")!, message.Trim());
        })];
    }
}
