using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Hologram.Testing;
using Hologram.Testing.Chaos;
using Xunit.Abstractions;

namespace Hologram.Samples.Tests;

/// <summary>The sample service run as a real process (<c>dotnet Hologram.Samples.Service.dll --urls http://127.0.0.1:port</c>) with its own data folder.</summary>
internal sealed class SampleService : IAsyncDisposable
{
    private SampleService(ServiceProcess process, Uri url, string dataDir)
    {
        Process = process;
        Url = url;
        DataDir = dataDir;
    }

    public ServiceProcess Process { get; }

    public Uri Url { get; }

    public Uri Health => new(Url, "health");

    public string DataDir { get; }

    /// <summary>The service binary: <c>SAMPLE_SERVICE_DLL</c>, else the one built next to the tests.</summary>
    public static string Dll =>
        Environment.GetEnvironmentVariable("SAMPLE_SERVICE_DLL") is { Length: > 0 } configured
            ? configured
            : typeof(SampleService).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SampleServiceDll").Value!;

    /// <summary>Starts the service, or skips the test when its binary is absent.</summary>
    public static async Task<SampleService> StartAsync(string name, ITestOutputHelper output, params string[] settings)
    {
        var dll = Path.GetFullPath(Dll);
        Skip.Unless(File.Exists(dll), $"the sample service binary is absent ({dll}); build samples/Hologram.Samples.Service or set SAMPLE_SERVICE_DLL");
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var dataDir = Path.Combine(Path.GetTempPath(), "hologram-sample-" + Guid.NewGuid().ToString("N"));
        var options = ServiceProcessOptions.ForDotnet(dll, ["--urls", url.ToString().TrimEnd('/'), $"--Service:DataDir={dataDir}", .. settings]);
        options.Name = name;
        options.ReadyUrl = new Uri(url, "health");
        options.ReadyTimeout = TimeSpan.FromSeconds(60);
        options.Output = output.WriteLine;
        return new SampleService(await ServiceProcess.StartAsync(options), url, dataDir);
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind does not fail the test.
        }
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
