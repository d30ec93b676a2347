using Hologram.Testing.History;

namespace Hologram.Testing.Tests.History;

/// <summary>The history store contract on PostgreSQL (<c>HOLOGRAM_TEST_POSTGRES</c>), in a schema of its own per test.</summary>
public sealed class PostgresHistoryStoreTests : HistoryStoreContractTests
{
    private string? schema;
    private string? storeString;

    protected override bool IsAvailable => PostgresTestServer.ConnectionString is not null || PostgresTestServer.IsCi;

    protected override async Task<string> CreateStoreStringAsync()
    {
        (storeString, schema) = await PostgresTestServer.CreateSchemaAsync();
        return storeString;
    }

    protected override Task<string> StoreStringForReopenAsync() => Task.FromResult(storeString!);

    protected override Task CleanUpAsync() => schema is null ? Task.CompletedTask : PostgresTestServer.DropSchemaAsync(schema);

    [PostgresFact]
    public override Task InitializeAsync() => base.InitializeAsync();

    [PostgresFact]
    public override Task Runs_and_attempts_round_trip() => base.Runs_and_attempts_round_trip();

    [PostgresFact]
    public override Task Run_totals_aggregate_final_outcomes_per_run_newest_first() => base.Run_totals_aggregate_final_outcomes_per_run_newest_first();

    [PostgresFact]
    public override Task Begin_run_twice_keeps_the_end_time() => base.Begin_run_twice_keeps_the_end_time();

    [PostgresFact]
    public override Task Appends_are_idempotent() => base.Appends_are_idempotent();

    [PostgresFact]
    public override Task Perf_records_round_trip_once_and_filter_by_time_branch_and_name() => base.Perf_records_round_trip_once_and_filter_by_time_branch_and_name();

    [PostgresFact]
    public override Task A_version_1_store_is_migrated_in_place_keeping_its_rows() => base.A_version_1_store_is_migrated_in_place_keeping_its_rows();

    [PostgresFact]
    public override Task A_test_keeps_each_attempt_s_own_display_and_class_name() => base.A_test_keeps_each_attempt_s_own_display_and_class_name();

    protected override async Task ExecuteRawAsync(params string[] statements)
    {
        await using var c = new Npgsql.NpgsqlConnection(storeString);
        await c.OpenAsync();
        foreach (var statement in statements)
        {
            await using var cmd = new Npgsql.NpgsqlCommand(statement, c);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    protected override async Task<int[]> SchemaVersionsAsync()
    {
        await using var c = new Npgsql.NpgsqlConnection(storeString);
        await c.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT version FROM schema_version ORDER BY version", c);
        await using var reader = await cmd.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return [.. versions];
    }

    [PostgresFact]
    public override Task Re_delivered_attempts_are_not_collisions() => base.Re_delivered_attempts_are_not_collisions();

    [PostgresFact]
    public override Task Different_results_under_one_key_are_reported_as_collisions() => base.Different_results_under_one_key_are_reported_as_collisions();

    [PostgresFact]
    public override Task Quarantine_release_and_audit() => base.Quarantine_release_and_audit();

    [PostgresFact]
    public override Task Quarantine_decisions_are_idempotent_across_concurrent_writers() => base.Quarantine_decisions_are_idempotent_across_concurrent_writers();

    [PostgresFact]
    public override Task Consecutive_passes_count_first_attempt_passes_from_the_latest_failed_attempt() => base.Consecutive_passes_count_first_attempt_passes_from_the_latest_failed_attempt();

    [PostgresFact]
    public override Task Durations_are_the_mean_of_final_passed_or_failed_attempts_in_the_window() => base.Durations_are_the_mean_of_final_passed_or_failed_attempts_in_the_window();

    [PostgresFact]
    public override Task Cross_run_flakes_are_found_on_the_same_commit_only() => base.Cross_run_flakes_are_found_on_the_same_commit_only();

    [PostgresFact]
    public override Task Summaries_count_final_outcomes_flakes_and_quarantine() => base.Summaries_count_final_outcomes_flakes_and_quarantine();

    [PostgresFact]
    public override Task Reopening_keeps_the_data_and_the_schema() => base.Reopening_keeps_the_data_and_the_schema();

    [PostgresFact]
    public void Description_names_the_server_without_the_password()
    {
        Assert.StartsWith("postgresql://", Store.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", Store.Description, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("search_path=" + schema, Store.Description, StringComparison.Ordinal);
    }
}
