using Hologram.Testing.Cli.Tests.Reporting;

namespace Hologram.Testing.Cli.Tests.Commands;

public sealed class DoctorCommandTests
{
    [Fact]
    public async Task A_ready_repository_passes_every_check()
    {
        using var fixture = await ReportFixture.CreateAsync(chaos: false, e2e: false);
        fixture.Environment["SLO_LOOKUP_P95_MS"] = "3";

        Assert.Equal(0, fixture.Run("doctor"));

        var lines = fixture.Out.TrimEnd().Split('\n');
        Assert.All(lines[..^1], l => Assert.StartsWith("✓ ", l, StringComparison.Ordinal));
        Assert.StartsWith("✓ configuration: valid; profile main, ", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("✓ history store: sqlite:", StringComparison.Ordinal) && l.Contains("schema v3 (current), quick_check ok, latest run 2025-03-10 10:00 UTC", StringComparison.Ordinal));
        Assert.Contains("✓ budgets: defined in profile main for all 3 measurements (encode, lookup, verify)", lines);
        Assert.Equal("doctor: all 6 checks passed", lines[^1]);
    }

    [Fact]
    public async Task A_store_with_damaged_pages_fails_quick_check_and_is_left_as_it_was()
    {
        using var fixture = await ReportFixture.CreateAsync(perf: false, chaos: false, e2e: false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var path = Path.Combine(fixture.Reports, "hologram.db");
        var bytes = await File.ReadAllBytesAsync(path);
        const int Page = 4096;
        Assert.True(bytes.Length >= 4 * Page, $"{bytes.Length} bytes");
        new Random(4).NextBytes(bytes.AsSpan(bytes.Length / Page / 2 * Page, Page));
        await File.WriteAllBytesAsync(path, bytes);

        Assert.Equal(1, fixture.Run("doctor"));

        var line = Assert.Single(fixture.Out.Split('\n'), l => l.StartsWith("✗ history store:", StringComparison.Ordinal));
        // quick_check lists the damage, or SQLite stops at a damaged page the check must read ("malformed").
        Assert.True(line.Contains("is corrupt (quick_check: ", StringComparison.Ordinal) || line.Contains("is corrupt (SQLite Error 11", StringComparison.Ordinal), line);
        Assert.Contains("fix: move the damaged file away", line, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Results_kept_aside_after_a_test_id_collision_show_as_a_warning()
    {
        using var fixture = await ReportFixture.CreateAsync(chaos: false, e2e: false);
        fixture.Environment["SLO_LOOKUP_P95_MS"] = "3";
        var collisions = Path.Combine(fixture.Reports, "spool", "collisions");
        Directory.CreateDirectory(collisions);
        await File.WriteAllTextAsync(Path.Combine(collisions, "run-1.jsonl"), "{\"type\":\"attempt\"}\n{\"type\":\"attempt\"}\n");
        await File.WriteAllTextAsync(Path.Combine(collisions, "run-2.jsonl"), "{\"type\":\"attempt\"}\n");

        Assert.Equal(0, fixture.Run("doctor"));

        var line = Assert.Single(fixture.Out.Split('\n'), l => l.Contains("test ids:", StringComparison.Ordinal));
        Assert.Equal(
            $"! test ids: 3 results in 2 runs collided with an earlier result under the same test id; kept in {collisions} — note: "
            + "give those tests distinct ids (theory rows or test cases that read alike); remove the files once looked at",
            line);
    }

    [Fact]
    public async Task A_broken_configuration_fails_with_the_key_and_the_fix()
    {
        using var fixture = await ReportFixture.CreateAsync(history: false, perf: false, chaos: false, e2e: false);
        fixture.Environment["SLO_VERIFY_P95_MS"] = "abc";

        Assert.Equal(1, fixture.Run("doctor"));

        Assert.StartsWith("✗ configuration: SLO_VERIFY_P95_MS='abc' (environment variable SLO_VERIFY_P95_MS) is not a number of milliseconds — fix: ", fixture.Out, StringComparison.Ordinal);
        Assert.EndsWith("doctor: 2 of 2 checks failed\n", fixture.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_store_fails_without_showing_the_password()
    {
        using var fixture = await ReportFixture.CreateAsync(history: false, perf: false, chaos: false, e2e: false);
        fixture.Environment["HOLOGRAM_STORE"] = "postgres://ci:s3cretpass@127.0.0.1:1/hologram?Timeout=2";

        Assert.Equal(1, fixture.Run("doctor"));

        var line = Assert.Single(fixture.Out.Split('\n'), l => l.StartsWith("✗ history store: ", StringComparison.Ordinal));
        Assert.Contains("cannot be opened", line, StringComparison.Ordinal);
        Assert.Contains("— fix: start the database server or fix Store (HOLOGRAM_STORE)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cretpass", fixture.Out, StringComparison.Ordinal);
        Assert.EndsWith("doctor: 1 of 6 checks failed\n", fixture.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_or_down_service_fails_with_its_name()
    {
        using var fixture = await ReportFixture.CreateAsync(history: false, perf: false, chaos: false, e2e: false);
        fixture.Environment["IPFS_API"] = "http://127.0.0.1:1";

        Assert.Equal(1, fixture.Run("doctor", "--service", "IPFS_API", "--service", "GRAPHQL_URL"));

        var lines = fixture.Out.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("✗ service IPFS_API: service IPFS_API at http://127.0.0.1:1 is not reachable", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("✗ service GRAPHQL_URL: service GRAPHQL_URL is not configured", StringComparison.Ordinal) && l.Contains("— fix: start it, or correct Services:GRAPHQL_URL", StringComparison.Ordinal));
        Assert.Contains("✓ history store: sqlite:" + Path.Combine(fixture.Reports, "hologram.db") + " does not exist yet; the first run creates it", lines);
        Assert.False(File.Exists(Path.Combine(fixture.Reports, "hologram.db")));
    }

    [Fact]
    public async Task A_measurement_without_a_budget_and_a_clock_behind_the_store_fail()
    {
        using var fixture = await ReportFixture.CreateAsync(chaos: false, e2e: false);
        fixture.Time = new ReportFixture.FixedTime(ReportFixture.Now.AddHours(-5));

        Assert.Equal(1, fixture.Run("doctor"));

        var lines = fixture.Out.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("✗ budgets: no p95 budget in profile main for lookup — fix: add \"Budgets\": { \"lookup\": { \"P95Ms\": … } }", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("✗ clock: the latest run in the store started 3 h 00 min in the future", StringComparison.Ordinal));
    }
}
