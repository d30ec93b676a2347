using Npgsql;

namespace Hologram.Testing.Tests.History;

/// <summary>The PostgreSQL server the tests use, and a throw-away schema per test class.</summary>
internal static class PostgresTestServer
{
    public static string? ConnectionString { get; } = NonEmpty(Environment.GetEnvironmentVariable("HOLOGRAM_TEST_POSTGRES"));

    public static bool IsCi { get; } = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Require() =>
        ConnectionString ?? throw new InvalidOperationException("CI=true but HOLOGRAM_TEST_POSTGRES is not set: .ci/run must start PostgreSQL (.ci/postgres.sh) before the tests.");

    /// <summary>Creates a fresh schema and returns a connection string whose search path is that schema.</summary>
    public static async Task<(string ConnectionString, string Schema)> CreateSchemaAsync()
    {
        var schema = "hologram_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var c = new NpgsqlConnection(Require()))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE SCHEMA {schema}", c);
            await cmd.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(Require()) { SearchPath = schema };
        return (builder.ConnectionString, schema);
    }

    public static async Task DropSchemaAsync(string schema)
    {
        if (ConnectionString is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", c);
        await cmd.ExecuteNonQueryAsync();
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
