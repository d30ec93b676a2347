using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Tests.Ingest;

/// <summary>
/// <c>hologram ingest</c> with results files written by real runners (in <c>Samples/</c>: VSTest <c>--logger trx</c> and
/// JunitXml.TestLogger over one xUnit suite, MTP <c>--report-trx</c> of an xUnit v3 suite, pytest <c>--junitxml</c>,
/// jest-junit), into a real SQLite store.
/// </summary>
public sealed class IngestCommandTests
{
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "Ingest", "Samples");

    [Fact]
    public async Task A_VSTest_TRX_file_becomes_one_run_with_every_result_and_its_metadata()
    {
        using var cli = new CliRun();
        cli.Environment["HOLOGRAM_COMMIT"] = "abc123";
        cli.Environment["HOLOGRAM_BRANCH"] = "feature/cart";

        Assert.Equal(0, cli.Run("ingest", Sample("vstest.trx")));

        Assert.EndsWith("vstest.trx: trx run trx-2012eb2f-78f7-4cc4-ad52-c95165182109, 8 tests (4 passed, 3 failed, 1 skipped), 8 attempts, 0 passed on retry", cli.OutLines.Single(), StringComparison.Ordinal);
        await using var store = await OpenAsync(cli);
        var run = Assert.Single(await store.GetRunsAsync(10));
        Assert.Equal(("trx", "Sample.Tests", "vm", "abc123", "feature/cart"), (run.Framework, run.Assembly, run.Host, run.Commit, run.Branch));
        Assert.Equal(DateTimeOffset.Parse("2026-12-03T14:49:57.469+00:00", System.Globalization.CultureInfo.InvariantCulture), run.StartedAt);
        Assert.Equal(DateTimeOffset.Parse("2026-12-03T14:50:01.3036613+00:00", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), run.EndedAt!.Value.ToUnixTimeMilliseconds());
        var attempts = (await store.GetAttemptsAsync(run.RunId)).ToDictionary(a => a.TestId);
        Assert.Equal(8, attempts.Count);
        var row = attempts["Shop.Checkout.Tests.CartTests.Line_total_is_quantity_times_price(quantity: 5, expected: 49)"];
        Assert.Equal((TestOutcome.Failed, "Shop.Checkout.Tests.CartTests", true, 1), (row.Outcome, row.ClassName, row.IsFinal, row.Attempt));
        Assert.StartsWith("Assert.Equal() Failure: Values differ", row.ErrorMessage, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{12}$", row.ErrorSignature!);
        Assert.Equal(TestOutcome.Skipped, attempts["Shop.Checkout.Tests.CartTests.Pays_with_a_card"].Outcome);
        Assert.Equal(TestOutcome.Passed, attempts["Shop.Checkout.Tests.CartTests.Empty_cart_totals_zero"].Outcome);
        // The secret in a failure message is redacted before it is stored, as for a hooked run.
        var secret = attempts["Shop.Checkout.Tests.ShippingTests.Rejects_an_unknown_country"].ErrorMessage!;
        Assert.Contains("country 'XX' is not known", secret, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_0123456789abcdefghijklmnopqrstuvwxyzAB", secret, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(cli.Root, "reports", "spool"), "*.jsonl"));
    }

    [Theory]
    [InlineData("mtp.trx", "trx", "Mtp.Tests", 5, 3, 1, 1, "Shop.Inventory.Tests.StockTests.Finds_a_known_sku(sku: \"sku-2\")")]
    [InlineData("junitxml-testlogger.xml", "junit", "Sample.Tests.dll", 8, 4, 3, 1, "Shop.Checkout.Tests.CartTests.Line_total_is_quantity_times_price(quantity: 5, expected: 49)")]
    [InlineData("pytest.xml", "junit", "pytest", 7, 4, 2, 1, "test_orders.TestRefunds.test_full_refund")]
    [InlineData("jest-junit.xml", "junit", "jest tests", 4, 2, 1, 1, "cart removes an item")]
    public async Task Results_of_other_runners_are_ingested_with_the_same_test_ids_as_a_hooked_run(
        string file, string framework, string assembly, int tests, int passed, int failed, int skipped, string someTest)
    {
        using var cli = new CliRun();

        Assert.Equal(0, cli.Run("ingest", Sample(file)));

        await using var store = await OpenAsync(cli);
        var run = Assert.Single(await store.GetRunsAsync(10));
        Assert.Equal((framework, assembly), (run.Framework, run.Assembly));
        var attempts = await store.GetAttemptsAsync(run.RunId);
        Assert.Equal(tests, attempts.Count);
        Assert.Equal((passed, failed, skipped), (
            attempts.Count(a => a.Outcome == TestOutcome.Passed), attempts.Count(a => a.Outcome == TestOutcome.Failed), attempts.Count(a => a.Outcome == TestOutcome.Skipped)));
        Assert.Contains(attempts, a => a.TestId == someTest);
        Assert.All(attempts.Where(a => a.Outcome == TestOutcome.Failed), a => Assert.False(string.IsNullOrEmpty(a.ErrorMessage)));
    }

    [Fact]
    public async Task Ingesting_the_same_files_again_adds_nothing()
    {
        using var cli = new CliRun();
        var files = new[] { "vstest.trx", "mtp.trx", "junitxml-testlogger.xml", "pytest.xml", "jest-junit.xml" }.Select(Sample).ToArray();
        Assert.Equal(0, cli.Run(["ingest", .. files]));
        Assert.Equal(0, cli.Run("store", "stats"));
        var before = cli.OutLines[2..];

        Assert.Equal(0, cli.Run(["ingest", .. files]));
        Assert.Equal(0, cli.Run("store", "stats"));

        Assert.Equal(before, cli.OutLines[2..]);
        Assert.Equal("  attempts    32", before[1]);
    }

    [Theory]
    [InlineData("vstest.trx", 0.25)]
    [InlineData("vstest.trx", 0.5)]
    [InlineData("vstest.trx", 0.999)]
    [InlineData("junitxml-testlogger.xml", 0.5)]
    [InlineData("jest-junit.xml", 0.97)]
    public async Task A_truncated_file_is_one_line_with_its_position_and_nothing_of_any_file_is_recorded(string sample, double kept)
    {
        using var cli = new CliRun();
        var whole = await File.ReadAllTextAsync(Sample(sample));
        var cut = Path.Combine(cli.Root, "cut.trx");
        await File.WriteAllTextAsync(cut, whole[..(int)(whole.Length * kept)]);

        Assert.Equal(2, cli.Run("ingest", Sample("pytest.xml"), "cut.trx"));

        var line = Assert.Single(cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^hologram: cut\.trx:\d+:\d+: .+ \(the file is truncated\)$", line.TrimEnd('\r'));
        Assert.Empty(cli.Out);
        Assert.False(File.Exists(Path.Combine(cli.Root, "reports", "hologram.db")));
    }

    [Theory]
    [InlineData("<html><body/></html>", "bad.xml:1:2: <html> is not the root of a TRX (<TestRun>) or JUnit XML (<testsuites>, <testsuite>) file")]
    [InlineData("", "bad.xml:1:1: the file is empty")]
    [InlineData("not xml at all", "bad.xml:1:1: Data at the root level is invalid")]
    [InlineData("<testsuite name=\"s\">\n  <testcase classname=\"A\" name=\"b\" time=\"fast\"/>\n</testsuite>", "bad.xml:2:4: time of testcase 'b' 'fast' is not a number of seconds")]
    [InlineData("<testsuite>\n <testcase classname=\"A\"/></testsuite>", "bad.xml:2:3: <testcase> has no name")]
    [InlineData("<TestRun xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\"><Results>\n<UnitTestResult testName=\"A.b\" outcome=\"Sideways\"/></Results></TestRun>", "bad.xml:2:2: outcome 'Sideways' of A.b is not a TRX outcome (Passed, Failed, NotExecuted, …)")]
    [InlineData("<testsuites></testsuites><testsuites/>", "bad.xml:1:27: There are multiple root elements")]
    public async Task A_bad_file_is_one_line_naming_file_and_position_exit_2(string content, string expected)
    {
        using var cli = new CliRun();
        await File.WriteAllTextAsync(Path.Combine(cli.Root, "bad.xml"), content);

        Assert.Equal(2, cli.Run("ingest", "bad.xml"));

        var line = Assert.Single(cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('\r');
        Assert.StartsWith("hologram: " + expected, line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(cli.Root, "reports", "hologram.db")));
    }

    [Fact]
    public void A_missing_file_and_a_disabled_store_are_bad_input()
    {
        using var cli = new CliRun();

        Assert.Equal(2, cli.Run("ingest", "nowhere.trx"));
        Assert.Equal("hologram: nowhere.trx: no such file", cli.Error.TrimEnd());

        cli.Environment["HOLOGRAM_STORE"] = "none";
        Assert.Equal(2, cli.Run("ingest", Sample("pytest.xml")));
        Assert.Equal("hologram: ingest needs a history store, and Store is 'none'", cli.Error.TrimEnd());
    }

    [Fact]
    public async Task Re_runs_in_a_file_are_attempts_and_a_pass_after_a_failure_is_a_flake()
    {
        using var cli = new CliRun();
        // Maven Surefire's re-run elements, and a TRX listing one test twice (a retried test).
        await File.WriteAllTextAsync(Path.Combine(cli.Root, "surefire.xml"), """
            <testsuite name="com.shop.CartIT" timestamp="2026-11-30T10:00:00" time="3.5">
              <testcase classname="com.shop.CartIT" name="addsItem" time="1.5">
                <flakyFailure message="timeout after 1s" type="java.util.concurrent.TimeoutException">at com.shop.CartIT.addsItem(CartIT.java:12)</flakyFailure>
              </testcase>
              <testcase classname="com.shop.CartIT" name="removesItem" time="2.0">
                <failure message="expected 1 but was 2" type="java.lang.AssertionError">at com.shop.CartIT.removesItem(CartIT.java:20)</failure>
                <rerunFailure message="expected 1 but was 2" type="java.lang.AssertionError">at com.shop.CartIT.removesItem(CartIT.java:20)</rerunFailure>
              </testcase>
            </testsuite>
            """);
        await File.WriteAllTextAsync(Path.Combine(cli.Root, "retried.trx"), """
            <TestRun id="11111111-2222-3333-4444-555555555555" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
                <UnitTestResult testId="t1" testName="Ns.Api.Get" outcome="Failed" duration="00:00:01.2500000" endTime="2026-11-30T10:00:01Z"><Output><ErrorInfo><Message>HTTP 503</Message></ErrorInfo></Output></UnitTestResult>
                <UnitTestResult testId="t1" testName="Ns.Api.Get" outcome="Passed" duration="00:00:00.5000000" endTime="2026-11-30T10:00:02Z"/>
              </Results>
              <TestDefinitions><UnitTest id="t1" name="Get"><TestMethod className="Ns.Api" name="Get" codeBase="/src/Ns.Tests.dll"/></UnitTest></TestDefinitions>
            </TestRun>
            """);

        Assert.Equal(0, cli.Run("ingest", "surefire.xml", "retried.trx"));

        Assert.EndsWith("2 tests (1 passed, 1 failed, 0 skipped), 4 attempts, 1 passed on retry", cli.OutLines[0], StringComparison.Ordinal);
        Assert.EndsWith("1 tests (1 passed, 0 failed, 0 skipped), 2 attempts, 1 passed on retry", cli.OutLines[1], StringComparison.Ordinal);
        await using var store = await OpenAsync(cli);
        var flakes = await store.GetFlakesAsync(DateTimeOffset.UnixEpoch);
        Assert.Equal(["Ns.Api.Get", "com.shop.CartIT.addsItem"], flakes.Select(f => f.TestId).Order(StringComparer.Ordinal));
        Assert.All(flakes, f => Assert.Equal(FlakeKind.PassedOnRetry, f.Kind));
        var runs = await store.GetRunsAsync(10);
        var trx = (await store.GetAttemptsAsync("trx-11111111-2222-3333-4444-555555555555")).ToList();
        Assert.Equal([(1, TestOutcome.Failed, false, 1250.0), (2, TestOutcome.Passed, true, 500.0)], trx.Select(a => (a.Attempt, a.Outcome, a.IsFinal, a.DurationMs)));
        Assert.Equal("Ns.Tests", runs.Single(r => r.Framework == "trx").Assembly);
        var surefire = await store.GetAttemptsAsync(runs.Single(r => r.Framework == "junit").RunId);
        Assert.Equal([(1, TestOutcome.Failed, false), (2, TestOutcome.Passed, true)], surefire.Where(a => a.TestId.EndsWith("addsItem", StringComparison.Ordinal)).Select(a => (a.Attempt, a.Outcome, a.IsFinal)));
        Assert.Equal([(1, TestOutcome.Failed, false), (2, TestOutcome.Failed, true)], surefire.Where(a => a.TestId.EndsWith("removesItem", StringComparison.Ordinal)).Select(a => (a.Attempt, a.Outcome, a.IsFinal)));
    }

    [Fact]
    public async Task Runs_ingested_from_files_of_one_commit_feed_cross_run_flake_detection_and_quarantine()
    {
        using var cli = new CliRun();
        cli.Environment["HOLOGRAM_COMMIT"] = "c0ffee";
        // Three builds of one commit: the test passes, fails, passes. Each later run that differs is a flake; two quarantine it.
        var outcomes = new[] { "Passed", "Failed", "Passed" };
        for (var i = 0; i < outcomes.Length; i++)
        {
            var time = DateTimeOffset.UtcNow.AddHours(-3 + i).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            await File.WriteAllTextAsync(Path.Combine(cli.Root, $"build{i}.trx"), $"""
                <TestRun id="00000000-0000-0000-0000-00000000000{i}" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
                  <Times start="{time}" finish="{time}"/>
                  <Results><UnitTestResult testId="t" testName="Ns.Db.Migrates" outcome="{outcomes[i]}" duration="00:00:00.1000000" endTime="{time}"/></Results>
                  <TestDefinitions><UnitTest id="t"><TestMethod className="Ns.Db" name="Migrates"/></UnitTest></TestDefinitions>
                </TestRun>
                """);
            Assert.Equal(0, cli.Run("ingest", $"build{i}.trx"));
        }

        await using var store = await OpenAsync(cli);
        var flakes = await store.GetFlakesAsync(DateTimeOffset.UnixEpoch, "Ns.Db.Migrates");
        Assert.Equal(2, flakes.Count);
        Assert.All(flakes, f => Assert.Equal(FlakeKind.DifferentOutcomeSameCommit, f.Kind));
        var quarantine = Assert.Single(await store.GetQuarantinedAsync());
        Assert.Equal(("Ns.Db.Migrates", "policy"), (quarantine.TestId, quarantine.By));
        Assert.Equal(0, cli.Run("flake", "report"));
        Assert.Contains("Ns.Db.Migrates", cli.Out, StringComparison.Ordinal);
    }

    private static string Sample(string name) => Path.Combine(Samples, name);

    private static Task<IHistoryStore> OpenAsync(CliRun cli) => HistoryStores.OpenAsync("sqlite:reports/hologram.db", cli.Root);
}
