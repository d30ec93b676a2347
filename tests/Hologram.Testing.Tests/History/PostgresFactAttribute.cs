namespace Hologram.Testing.Tests.History;

/// <summary>
/// A fact that needs the PostgreSQL server named by <c>HOLOGRAM_TEST_POSTGRES</c>. Skipped with a reason when the variable
/// is unset on a developer machine; under <c>CI=true</c> it runs anyway (and fails), because CI must not skip it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresTestServer.ConnectionString is null && !PostgresTestServer.IsCi)
        {
            Skip = "HOLOGRAM_TEST_POSTGRES is not set: no PostgreSQL server to test against (run `source .ci/postgres.sh` to start one).";
        }
    }
}
