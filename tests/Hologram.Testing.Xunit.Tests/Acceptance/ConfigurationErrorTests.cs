namespace Hologram.Testing.Xunit.Tests.Acceptance;

public sealed class ConfigurationErrorTests
{
    [Fact]
    public async Task A_bad_configuration_fails_every_test_with_one_line_and_runs_no_test_body()
    {
        Bodies.Ran = 0;

        var result = await InProcessRun.RunAsync(
            () => TestOptions.With(("HOLOGRAM_PROFILE", "nope")), typeof(Bodies));

        Assert.Equal(0, Bodies.Ran);
        Assert.Equal(3, result.Failed.Count);
        var message = result.FailureMessage("First");
        Assert.Contains("HOLOGRAM_PROFILE", message, StringComparison.Ordinal);
        Assert.Contains("nope", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
        result.AssertTotalsConsistent();
    }

    private sealed class Bodies
    {
        public static int Ran { get; set; }

        [Fact]
        public void First() => Ran++;

        [Fact]
        public void Second() => Ran++;

        [Theory]
        [InlineData(1)]
        public void Row(int value) => Ran += value;
    }
}
