using Hologram.Testing.Cli.Flakes;
using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Tests.Commands;

public sealed class FlakeFailedCommandTests
{
    [Fact]
    public void Prints_a_filter_for_the_tests_whose_final_outcome_failed()
    {
        using var cli = new FlakeCli();
        cli.Store.AddRun("r1", FlakeCli.Now.AddHours(-1));
        cli.Store.AddResult("r1", "Ns.B.Fails", TestOutcome.Failed);
        cli.Store.AddResult("r1", "Ns.A.Masked", TestOutcome.Failed, quarantined: true);
        cli.Store.AddResult("r1", "Ns.C.Passes", TestOutcome.Passed);
        cli.Store.AddResult("r1", "Ns.D.Retried", TestOutcome.Failed, attempt: 1, isFinal: false);
        cli.Store.AddResult("r1", "Ns.D.Retried", TestOutcome.Passed, attempt: 2);
        cli.Store.AddResult("r1", "Ns.E.Skipped", TestOutcome.Skipped);

        Assert.Equal(0, cli.Run("flake", "failed", "--run", "r1"));

        Assert.Equal("FullyQualifiedName=Ns.A.Masked|FullyQualifiedName=Ns.B.Fails\n", cli.Out);
        Assert.Empty(cli.Error);
    }

    [Fact]
    public void Theory_rows_select_their_method_once()
    {
        using var cli = new FlakeCli();
        cli.Store.AddRun("r1", FlakeCli.Now.AddHours(-1));
        cli.Store.AddResult("r1", "Ns.C.M(x: 1, s: \"a|b\")", TestOutcome.Failed);
        cli.Store.AddResult("r1", "Ns.C.M(x: 2, s: \"=\")", TestOutcome.Failed);
        cli.Store.AddResult("r1", "Ns.C.Other", TestOutcome.Failed);

        Assert.Equal(0, cli.Run("flake", "failed", "--run", "r1"));
        Assert.Equal("FullyQualifiedName=Ns.C.M|FullyQualifiedName=Ns.C.Other\n", cli.Out);

        Assert.Equal(0, cli.Run("flake", "failed", "--run", "r1", "--format", "list"));
        Assert.Equal(["Ns.C.M(x: 1, s: \"a|b\")", "Ns.C.M(x: 2, s: \"=\")", "Ns.C.Other"], cli.OutLines);
    }

    [Fact]
    public void Last_is_the_newest_run_with_the_other_runs_of_its_build()
    {
        using var cli = new FlakeCli();
        cli.Store.AddRun("old", FlakeCli.Now.AddHours(-5), buildId: "b1");
        cli.Store.AddResult("old", "Ns.Old.Fails", TestOutcome.Failed);
        cli.Store.AddRun("unit", FlakeCli.Now.AddHours(-2), buildId: "b2");
        cli.Store.AddResult("unit", "Ns.Unit.Fails", TestOutcome.Failed);
        cli.Store.AddRun("integration", FlakeCli.Now.AddHours(-1), buildId: "b2");
        cli.Store.AddResult("integration", "Ns.Int.Fails", TestOutcome.Failed);

        Assert.Equal(0, cli.Run("flake", "failed", "--run", "last"));
        Assert.Equal("FullyQualifiedName=Ns.Int.Fails|FullyQualifiedName=Ns.Unit.Fails\n", cli.Out);

        Assert.Equal(0, cli.Run("flake", "failed", "--run", "b1"));
        Assert.Equal("FullyQualifiedName=Ns.Old.Fails\n", cli.Out);

        Assert.Equal(0, cli.Run("flake", "failed", "--run", "unit"));
        Assert.Equal("FullyQualifiedName=Ns.Unit.Fails\n", cli.Out);
    }

    [Fact]
    public void No_failures_prints_nothing_and_a_note()
    {
        using var cli = new FlakeCli();
        cli.Store.AddRun("r1", FlakeCli.Now.AddHours(-1));
        cli.Store.AddResult("r1", "Ns.C.Passes", TestOutcome.Passed);

        Assert.Equal(0, cli.Run("flake", "failed", "--run", "last"));

        Assert.Empty(cli.Out);
        Assert.Equal("hologram: note: no test failed in run r1; nothing to re-run", cli.Error.TrimEnd());
    }

    [Theory]
    [InlineData(new[] { "flake", "failed", "--run", "nope" }, "unknown run 'nope': no such run or build id in sqlite:/repo/reports/hologram.db")]
    [InlineData(new[] { "flake", "failed" }, "--run")]
    [InlineData(new[] { "flake", "failed", "--run", "r1", "--format", "xml" }, "'xml'")]
    public void Bad_input_is_one_line(string[] args, string expected)
    {
        using var cli = new FlakeCli();
        cli.Store.AddRun("r1", FlakeCli.Now.AddHours(-1));
        cli.Store.AddResult("r1", "Ns.C.Fails", TestOutcome.Failed);

        Assert.Equal(2, cli.Run(args));

        cli.AssertOneErrorLine(expected);
        Assert.Empty(cli.Out);
    }

    [Fact]
    public void Last_on_an_empty_store_is_bad_input()
    {
        using var cli = new FlakeCli();

        Assert.Equal(2, cli.Run("flake", "failed", "--run", "last"));

        cli.AssertOneErrorLine("has no runs yet");
    }

    [Theory]
    [InlineData("Ns.C.M", "Ns.C.M")]
    [InlineData(@"a(b)c|d&e=f!g~h\i", @"a\(b\)c\|d\&e\=f\!g\~h\\i")]
    [InlineData("Ns.Outer+Inner.M", "Ns.Outer+Inner.M")]
    public void Filter_values_escape_the_special_characters(string value, string expected) =>
        Assert.Equal(expected, VsTestFilter.Escape(value));

    [Fact]
    public void Filter_names_methods_escaped_sorted_and_distinct() =>
        Assert.Equal(
            @"FullyQualifiedName=Ns.C.A|FullyQualifiedName=Ns.C.B|FullyQualifiedName=Ns.G`1.M\!",
            VsTestFilter.ForTests(["Ns.C.B(x: 1)", "Ns.C.A", "Ns.C.B(x: 2)", "Ns.G`1.M!"]));
}
