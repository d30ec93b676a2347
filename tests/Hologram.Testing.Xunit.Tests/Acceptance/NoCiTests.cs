namespace Hologram.Testing.Xunit.Tests.Acceptance;

public sealed class NoCiTests
{
    [Theory]
    [InlineData("pr")]
    [InlineData("main")]
    public async Task NoCi_tests_are_skipped_with_the_reason_under_ci_profiles(string profile)
    {
        var result = await InProcessRun.RunAsync(TestOptions.Profile(profile), typeof(Mixed), typeof(NoCiClass));

        Assert.Equal(["Mixed.LocalOnly", "Mixed.LocalOnlyRows", "NoCiClass.First", "NoCiClass.Second"], Short(result.Skipped));
        Assert.Equal(["Mixed.Always"], Short(result.Passed));
        Assert.Empty(result.Failed);
        Assert.Contains($"profile '{profile}'", result.SkipReason("LocalOnly"), StringComparison.Ordinal);
        Assert.Contains("[NoCi]", result.SkipReason("LocalOnly"), StringComparison.Ordinal);
        result.AssertTotalsConsistent();
    }

    [Theory]
    [InlineData("nightly")]
    [InlineData("dev")]
    public async Task NoCi_tests_run_under_profiles_that_allow_them(string profile)
    {
        var result = await InProcessRun.RunAsync(TestOptions.Profile(profile), typeof(Mixed), typeof(NoCiClass));

        Assert.Empty(result.Skipped);
        Assert.Equal(7, result.Passed.Count);
        result.AssertTotalsConsistent();
    }

    [Fact]
    public async Task A_test_with_its_own_skip_keeps_its_reason()
    {
        var result = await InProcessRun.RunAsync(TestOptions.Profile("pr"), typeof(AlreadySkipped));

        Assert.Equal("already skipped by its author", result.SkipReason("Skipped"));
        result.AssertTotalsConsistent();
    }

    private static List<string> Short(IEnumerable<string> names) =>
        names.Select(n => n[(n.LastIndexOf('+') + 1)..]).Select(n => n.Contains('(', StringComparison.Ordinal) ? n[..n.IndexOf('(', StringComparison.Ordinal)] : n)
            .Distinct().Order(StringComparer.Ordinal).ToList();

    private sealed class Mixed
    {
        [Fact]
        public void Always()
        {
        }

        [Fact]
        [NoCi]
        public void LocalOnly()
        {
        }

        [Theory]
        [NoCi]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void LocalOnlyRows(int value) => Assert.True(value > 0);
    }

    [NoCi]
    private sealed class NoCiClass
    {
        [Fact]
        public void First()
        {
        }

        [Fact]
        public void Second()
        {
        }
    }

    private sealed class AlreadySkipped
    {
        [Fact(Skip = "already skipped by its author")]
        [NoCi]
        public void Skipped()
        {
        }
    }
}
