using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Tests.Commands;

public sealed class FlakeFailedMtpCommandTests
{
    [Fact]
    public void Mtp_format_uses_the_options_of_the_framework_that_ran_the_tests()
    {
        using var cli = new FlakeCli();
        cli.Store.AddRun("r1", FlakeCli.Now.AddHours(-1), framework: "xunit3");
        cli.Store.AddResult("r1", "Ns.C.Fails", TestOutcome.Failed);
        cli.Store.AddResult("r1", "Ns.C.Theory(x: 1)", TestOutcome.Failed);
        cli.Store.AddResult("r1", "Ns.C.Passes", TestOutcome.Passed);

        Assert.Equal(0, cli.Run("flake", "failed", "--run", "r1", "--format", "mtp"));

        Assert.Equal("--filter-method Ns.C.Fails --filter-method Ns.C.Theory\n", cli.Out);
        Assert.Empty(cli.Error);
    }

    [Fact]
    public void A_build_over_several_frameworks_gets_one_line_per_form_and_a_note()
    {
        using var cli = new FlakeCli();
        cli.Store.AddRun("unit", FlakeCli.Now.AddHours(-2), buildId: "b1", framework: "xunit3");
        cli.Store.AddResult("unit", "Ns.Unit.Fails", TestOutcome.Failed);
        cli.Store.AddRun("api", FlakeCli.Now.AddHours(-1), buildId: "b1", framework: "nunit");
        cli.Store.AddResult("api", "Ns.Api.Fails", TestOutcome.Failed);
        cli.Store.AddRun("ui", FlakeCli.Now.AddMinutes(-30), buildId: "b1", framework: "tunit");
        cli.Store.AddResult("ui", "Ns.Ui.Page.Loads", TestOutcome.Failed);

        Assert.Equal(0, cli.Run("flake", "failed", "--run", "last", "--format", "mtp"));

        Assert.Equal(["--filter-method Ns.Unit.Fails", "--filter FullyQualifiedName=Ns.Api.Fails", "--treenode-filter '/*/Ns.Ui/Page/Loads'"], cli.OutLines);
        Assert.Contains("ran under nunit, tunit, xunit3, which take different options", cli.Error, StringComparison.Ordinal);

        Assert.Equal(0, cli.Run("flake", "failed", "--run", "last", "--format", "mtp", "--framework", "nunit"));
        Assert.Equal("--filter FullyQualifiedName=Ns.Api.Fails\n", cli.Out);
        Assert.Empty(cli.Error);

        Assert.Equal(0, cli.Run("flake", "failed", "--run", "last", "--framework", "xunit3"));
        Assert.Equal("FullyQualifiedName=Ns.Unit.Fails\n", cli.Out);
    }

    [Fact]
    public void A_framework_without_failures_is_a_note_not_an_error()
    {
        using var cli = new FlakeCli();
        cli.Store.AddRun("r1", FlakeCli.Now.AddHours(-1), framework: "xunit3");
        cli.Store.AddResult("r1", "Ns.C.Fails", TestOutcome.Failed);

        Assert.Equal(0, cli.Run("flake", "failed", "--run", "r1", "--format", "mtp", "--framework", "tunit"));

        Assert.Empty(cli.Out);
        Assert.Equal("hologram: note: no test failed under tunit in run r1; nothing to re-run", cli.Error.TrimEnd());
    }
}
