using Xunit.Abstractions;
using System.Diagnostics;

namespace Hologram.Testing.Chaos.Tests;

public sealed class ServiceProcessTests : IDisposable
{
    private readonly string _logs = Path.Combine(Path.GetTempPath(), "hologram-chaos-" + Guid.NewGuid().ToString("N"));
    private readonly ITestOutputHelper _output;

    public ServiceProcessTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Starts_waits_for_readiness_and_captures_output()
    {
        var port = ChaosChild.FreePort();
        var options = ChaosChild.Serve(port, _logs, startupDelayMs: 300);
        options.Output = _output.WriteLine;

        await using var service = await ServiceProcess.StartAsync(options);

        Assert.True(service.IsRunning);
        Assert.True(await service.IsReadyAsync());
        Assert.Equal(1, service.Starts);
        await WaitUntil(() => service.OutputLines.Any(l => l.Contains("a line on standard error", StringComparison.Ordinal)));
        Assert.Contains(service.OutputLines, l => l.StartsWith($"listening on 127.0.0.1:{port}", StringComparison.Ordinal));
        Assert.Contains($"listening on 127.0.0.1:{port}", await ReadShared(service.LogPath), StringComparison.Ordinal);
        Assert.StartsWith(_logs, service.LogPath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kill_is_hard_and_restart_measures_the_recovery()
    {
        var port = ChaosChild.FreePort();
        await using var service = await ServiceProcess.StartAsync(ChaosChild.Serve(port, _logs));
        var firstPid = service.ProcessId;
        await using var monitor = AvailabilityMonitor.Start(ReadinessProbes.Http(new Uri($"http://127.0.0.1:{port}/")), TimeSpan.FromMilliseconds(50));
        await WaitUntil(() => monitor.Probes > 2);

        service.Kill();
        Assert.False(service.IsRunning);
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(firstPid));
        await WaitUntil(() => monitor.IsDown);
        Assert.False(await service.IsReadyAsync());

        var recovery = await service.RestartAsync();
        var outage = await monitor.WaitForRecoveryAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual(firstPid, service.ProcessId);
        Assert.Equal(2, service.Starts);
        Assert.True(recovery.TimeToRecovery >= recovery.StartupTime);
        Assert.InRange(recovery.TimeToRecovery, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30));
        Assert.InRange(outage.DurationAt(DateTimeOffset.UtcNow), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30));
        Assert.Single(monitor.Outages);
        _output.WriteLine($"time to recovery {recovery.TimeToRecovery.TotalMilliseconds:0} ms (start-up {recovery.StartupTime.TotalMilliseconds:0} ms); client-seen outage {outage.DurationAt(DateTimeOffset.UtcNow).TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Kill_and_restart_keeps_the_service_down_for_the_asked_time()
    {
        var port = ChaosChild.FreePort();
        await using var service = await ServiceProcess.StartAsync(ChaosChild.Serve(port, _logs));

        var recovery = await service.KillAndRestartAsync(TimeSpan.FromMilliseconds(500));

        Assert.True(recovery.TimeToRecovery >= TimeSpan.FromMilliseconds(500));
        Assert.True(service.IsRunning);
        Assert.Contains(service.OutputLines, l => l.Contains("killed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_process_that_exits_before_it_is_ready_fails_with_its_output()
    {
        var options = ServiceProcessOptions.ForDotnet(ChaosChild.Dll, "no-such-mode");
        options.ReadyPort = ChaosChild.FreePort();
        options.LogDirectory = _logs;

        var error = await Assert.ThrowsAsync<ServiceProcessException>(() => ServiceProcess.StartAsync(options));

        Assert.Contains("exited with code 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("usage: ChaosChild", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_process_that_never_gets_ready_times_out()
    {
        var options = ChaosChild.Serve(ChaosChild.FreePort(), _logs, startupDelayMs: 30_000);
        options.ReadyTimeout = TimeSpan.FromMilliseconds(500);

        var error = await Assert.ThrowsAsync<ServiceProcessException>(() => ServiceProcess.StartAsync(options));

        Assert.Contains("was not ready within 0.5 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_program_is_reported()
    {
        var options = new ServiceProcessOptions { FileName = "/nonexistent/program", LogDirectory = _logs };

        var error = await Assert.ThrowsAsync<ServiceProcessException>(() => ServiceProcess.StartAsync(options));

        Assert.Contains("cannot start program", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_logs, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static async Task<string> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(20), "condition not met in 20 s");
            await Task.Delay(20);
        }
    }
}
