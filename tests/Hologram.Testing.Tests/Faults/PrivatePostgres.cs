using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Hologram.Testing.Tests.History;
using Npgsql;

namespace Hologram.Testing.Tests.Faults;

/// <summary>
/// A PostgreSQL server of the test's own on loopback (initdb in a temp directory, a free port) that the test may stop
/// and start again without disturbing the shared server the other tests use. Needs the server binaries
/// (<c>/usr/lib/postgresql/*/bin</c>, installed by .ci/postgres.sh); as root it runs them as the <c>postgres</c> user.
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string bin;
    private readonly string data;
    private readonly int port;

    private PrivatePostgres(string bin, string data, int port)
    {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    public string ConnectionString => $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=3;Command Timeout=10";

    public static string? BinDirectory =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order(StringComparer.Ordinal).LastOrDefault()
            : null;

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = BinDirectory ?? throw new InvalidOperationException("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin: run .ci/postgres.sh (it installs them)");
        var data = Path.Combine(Path.GetTempPath(), "hologram-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        if (Environment.UserName == "root")
        {
            Run("chown", "postgres:postgres", data);
        }

        var server = new PrivatePostgres(bin, data, FreePort());
        server.Pg("initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync");
        await server.StartServerAsync();
        return server;
    }

    public async Task StartServerAsync()
    {
        Pg("pg_ctl", "-D", data, "-l", Path.Combine(data, "log"), "-w", "-o", $"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        await using var c = new NpgsqlConnection(ConnectionString);
        await c.OpenAsync();
    }

    /// <summary>Stops the server the hard way (immediate shutdown: connections cut, like a crashed or killed server).</summary>
    public void Stop()
    {
        Pg("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop");
        NpgsqlConnection.ClearAllPools();
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Pg("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }

        NpgsqlConnection.ClearAllPools();
        Directory.Delete(data, recursive: true);
        return ValueTask.CompletedTask;
    }

    private void Pg(string tool, params string[] args)
    {
        var path = Path.Combine(bin, tool);
        if (Environment.UserName == "root")
        {
            Run("runuser", ["-u", "postgres", "--", path, .. args]);
        }
        else
        {
            Run(path, args);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {error.Trim()} {stdout.Result.Trim()}");
        }
    }
}

/// <summary>
/// A fact that stops and restarts a PostgreSQL server: runs where PostgreSQL is configured (<c>HOLOGRAM_TEST_POSTGRES</c>)
/// or under <c>CI=true</c> (then missing binaries fail it), skipped with the reason otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgresOutageFactAttribute : FactAttribute
{
    public PostgresOutageFactAttribute()
    {
        if (PostgresTestServer.ConnectionString is null && !PostgresTestServer.IsCi)
        {
            Skip = "HOLOGRAM_TEST_POSTGRES is not set: no PostgreSQL configured (run `source .ci/postgres.sh`); the outage test starts a server of its own from the same installation.";
        }
    }
}
