using Hologram.Testing.Perf;
using Hologram.Testing.Perf.Records;
using Xunit;
using Hologram.Testing.Reports;

namespace Hologram.Testing.Cli.Tests.Commands;

public sealed class PerfCommandTests
{
    [Fact]
    public void Baseline_without_measurements_is_bad_input()
    {
        using var cli = new CliRun();

        Assert.Equal(2, cli.Run("perf", "baseline"));

        Assert.StartsWith("hologram: no perf measurements under", cli.Error, StringComparison.Ordinal);
        Assert.Single(cli.Error.Trim().Split('\n'));
    }

    [Fact]
    public void Baseline_writes_the_latest_measurements()
    {
        using var cli = new CliRun();
        Measured(cli, "verify", 5, run: "r1");
        Measured(cli, "encode", 50, run: "r1");

        Assert.Equal(0, cli.Run("perf", "baseline"));

        var baseline = PerfBaseline.Load(Path.Combine(cli.Root, "reports", "perf", "baseline.json"));
        Assert.Equal(["encode", "verify"], baseline.Measurements.Select(m => m.Name));
        Assert.Equal(300, baseline.Measurements[1].Samples.Count);
        Assert.Contains("Wrote 2 measurement(s)", cli.Out, StringComparison.Ordinal);
        Assert.Contains("verify", cli.OutLines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_fails_on_a_confident_regression_and_passes_otherwise()
    {
        using var cli = new CliRun();
        Measured(cli, "verify", 5, run: "r1");
        Measured(cli, "encode", 50, run: "r1");
        Assert.Equal(0, cli.Run("perf", "baseline"));

        Measured(cli, "verify", 6.5, run: "r2");
        Measured(cli, "encode", 50.5, run: "r2");
        Assert.Equal(1, cli.Run("perf", "compare"));
        Assert.Contains("FAIL", cli.Out, StringComparison.Ordinal);
        Assert.Contains("verify p95 = 6.", cli.Out, StringComparison.Ordinal);
        Assert.Contains("regression", cli.Out, StringComparison.Ordinal);

        Assert.Equal(0, cli.Run("perf", "compare", "--threshold", "50"));
        Assert.DoesNotContain("FAIL", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_on_another_machine_is_inconclusive_not_a_failure()
    {
        using var cli = new CliRun();
        Measured(cli, "verify", 5, run: "r1");
        Assert.Equal(0, cli.Run("perf", "baseline"));
        var path = Path.Combine(cli.Root, "reports", "perf", "baseline.json");
        var baseline = PerfBaseline.Load(path);
        new PerfBaseline
        {
            Measurements = [baseline.Measurements[0] with { Environment = baseline.Measurements[0].Environment with { Cores = 64 } }],
        }.Save(path);

        Measured(cli, "verify", 9, run: "r2");

        Assert.Equal(0, cli.Run("perf", "compare"));
        Assert.Contains("inconclusive", cli.Out, StringComparison.Ordinal);
        Assert.Contains("environment differs from the baseline's (cores: 64 vs", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_without_a_baseline_is_bad_input()
    {
        using var cli = new CliRun();
        Measured(cli, "verify", 5, run: "r1");

        Assert.Equal(2, cli.Run("perf", "compare"));

        Assert.StartsWith("hologram: no perf baseline at", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_fails_on_a_confident_budget_breach_of_the_active_profile()
    {
        using var cli = new CliRun();
        Measured(cli, "verify", 9, run: "r1");

        cli.Environment["HOLOGRAM_PROFILE"] = "main";
        Assert.Equal(1, cli.Run("perf", "check"));
        Assert.Contains("FAIL", cli.Out, StringComparison.Ordinal);
        Assert.Contains("> budget 8 ms [profile main, n=300]", cli.Out, StringComparison.Ordinal);
        Assert.Contains("perf check: FAILED", cli.Out, StringComparison.Ordinal);

        cli.Environment["HOLOGRAM_PROFILE"] = "pr";
        Assert.Equal(0, cli.Run("perf", "check"));
        Assert.Contains("perf check: ok", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_with_the_consecutive_rule_waits_for_n_breaching_runs()
    {
        using var cli = new CliRun();
        cli.Environment["HOLOGRAM_PROFILE"] = "main";
        Measured(cli, "verify", 9, run: "r1");

        Assert.Equal(0, cli.Run("perf", "check", "--consecutive", "2"));
        Assert.Contains("breach 1 of 2", cli.Out, StringComparison.Ordinal);

        Measured(cli, "verify", 9.2, run: "r2");
        Assert.Equal(1, cli.Run("perf", "check", "--consecutive", "2"));
    }

    [Fact]
    public void Check_with_nothing_measured_is_ok()
    {
        using var cli = new CliRun();

        Assert.Equal(0, cli.Run("perf", "check"));

        Assert.Contains("nothing to check", cli.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--level", "1.5")]
    [InlineData("--consecutive", "0")]
    public void Check_rejects_bad_options(string option, string value)
    {
        using var cli = new CliRun();

        Assert.Equal(2, cli.Run("perf", "check", option, value));

        Assert.StartsWith($"hologram: {option} must be", cli.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("baseline", "{")]
    [InlineData("compare", "{\"name\":5}")]
    [InlineData("check", "\u0000\u0001\u00ff binary \u0007")]
    [InlineData("check", "null")]
    [InlineData("check", "{\"name\":\"verify\"}")]
    [InlineData("compare", "{\"name\":\"verify\",\"n\":20,\"p95\":-1,\"p95Lower\":-2,\"p95Upper\":0}")]
    public void A_malformed_record_under_samples_is_bad_input_naming_the_file(string command, string content)
    {
        using var cli = new CliRun();
        Measured(cli, "verify", 5, run: "r1");
        Assert.Equal(0, cli.Run("perf", "baseline"));
        var bad = Path.Combine(cli.Root, "reports", "perf", "samples", "broken.json");
        File.WriteAllText(bad, content);

        Assert.Equal(2, cli.Run("perf", command));

        var line = Assert.Single(cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"hologram: {bad} is not a", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", cli.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "holds no measurements")]
    [InlineData("{\"version\":99,\"measurements\":[]}", "format version 99; this version reads version 1")]
    [InlineData("{\"version\":1,\"measurements\":[{\"name\":\"verify\"}]}", "measurement 'verify': n = 0 (needs at least 1 sample)")]
    [InlineData("{\"version\":1,\"measurements\":[{\"name\":\"verify\",\"n\":0,\"p95\":-1}]}", "n = 0")]
    [InlineData("{\"version\":1,\"measurements\":[{\"name\":\"verify\",\"n\":30,\"p95\":-1,\"p95Lower\":-1,\"p95Upper\":-1}]}", "p95 = -1 is not a duration")]
    public void A_baseline_that_cannot_gate_is_bad_input_not_a_pass(string content, string problem)
    {
        using var cli = new CliRun();
        Measured(cli, "verify", 5, run: "r1");
        var baseline = Path.Combine(cli.Root, "reports", "perf", "baseline.json");
        File.WriteAllText(baseline, content);

        foreach (var command in new[] { "compare", "check" })
        {
            Assert.Equal(2, cli.Run("perf", command));
            var line = Assert.Single(cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"hologram: {baseline} ", line, StringComparison.Ordinal);
            Assert.Contains(problem, line, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("compare", "-100")]
    [InlineData("compare", "-5")]
    [InlineData("compare", "0")]
    [InlineData("compare", "NaN")]
    [InlineData("check", "Infinity")]
    [InlineData("check", "-5")]
    public void A_threshold_that_is_not_a_positive_percentage_is_bad_input(string command, string threshold)
    {
        using var cli = new CliRun();
        Measured(cli, "verify", 5, run: "r1");
        Assert.Equal(0, cli.Run("perf", "baseline"));

        Assert.Equal(2, cli.Run("perf", command, "--threshold", threshold));

        Assert.Equal($"hologram: --threshold must be a positive number of percent, got {threshold}", cli.Error.Trim());
    }

    [Fact]
    public void Identical_measurements_pass_compare()
    {
        using var cli = new CliRun();
        Measured(cli, "verify", 5, run: "r1");
        Assert.Equal(0, cli.Run("perf", "baseline"));

        Assert.Equal(0, cli.Run("perf", "compare", "--threshold", "0.5"));
    }

    /// <summary>Writes a measurement of about <paramref name="ms"/> (±2%, 300 samples) as the latest record and a CSV line.</summary>
    internal static void Measured(CliRun cli, string name, double ms, string run)
    {
        var reports = Path.Combine(cli.Root, "reports");
        var samples = Enumerable.Range(0, 300).Select(i => ms * (0.98 + (i * 7 % 41 * 0.001))).ToArray();
        var result = new PerfResult(name, PerfPhase.Warm, samples, 0.99) { Profile = "main", Timestamp = DateTimeOffset.UtcNow };
        PerfRecorder.AppendCsv(new ReportsLayout(reports).PerfCsv(name), PerfCsvRow.From(result, run));
        PerfJson.WriteAtomically(new ReportsLayout(reports).PerfSamples(name), result.ToRecord());
    }
}
