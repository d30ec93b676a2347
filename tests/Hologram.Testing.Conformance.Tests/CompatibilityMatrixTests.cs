namespace Hologram.Testing.Conformance.Tests;

/// <summary>
/// Each adapter on the lowest and the highest supported version of its framework: the same traits, NoCi and run-time
/// skips, retries, quarantine and records (the highest are the fixtures' own versions, checked by
/// <see cref="ConformanceTests"/>); and a version below the range fails the build with one line.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class CompatibilityMatrixTests(ConformanceRuns runs)
{
    public static TheoryData<string, string> Matrix
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (adapter, version) in ConformanceRuns.Matrix)
            {
                data.Add(adapter.Name, version);
            }

            return data;
        }
    }

    public static TheoryData<string, string, string> Unsupported
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var (adapter, version, line) in ConformanceRuns.Unsupported)
            {
                data.Add(adapter.Name, version, line);
            }

            return data;
        }
    }

    [Theory, MemberData(nameof(Matrix))]
    public void The_main_scenario_reports_the_same_on_every_supported_framework_version(string adapter, string version) =>
        ConformanceTests.AssertMainRunReports(runs[adapter, ConformanceRuns.MatrixScenario(version)]);

    [Theory, MemberData(nameof(Matrix))]
    public void The_main_scenario_records_the_same_attempts_on_every_supported_framework_version(string adapter, string version)
    {
        var run = runs[adapter, ConformanceRuns.MatrixScenario(version)];

        ConformanceTests.AssertMainRunRecords(adapter, run);
        var differences = AttemptFields.Differences(runs["xunit2", "main"].Attempts, run.Attempts);
        Assert.True(differences.Count == 0, $"{adapter} {version} differs from xunit2:\n" + string.Join("\n", differences));
    }

    [Theory, MemberData(nameof(Unsupported))]
    public void A_framework_version_below_the_range_fails_the_build_with_one_line(string adapter, string version, string line)
    {
        var (exitCode, output) = runs.UnsupportedBuilds[(adapter, version)];

        Assert.True(exitCode != 0, output);
        // MSBuild repeats each error in its summary; the distinct error lines must be this one alone.
        var errors = output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().ToList();
        var error = Assert.Single(errors);
        Assert.Contains("error HOLOGRAM0002: " + line, error, StringComparison.Ordinal);
    }
}
