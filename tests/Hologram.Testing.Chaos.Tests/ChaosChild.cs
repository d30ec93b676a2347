using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Hologram.Testing.Chaos.Tests;

/// <summary>The ChaosChild fixture: a real child process serving HTTP on a port.</summary>
internal static class ChaosChild
{
    public static string Dll => typeof(ChaosChild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ChaosChildDll").Value!;

    public static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public static ServiceProcessOptions Serve(int port, string logDirectory, int startupDelayMs = 0)
    {
        var options = ServiceProcessOptions.ForDotnet(Dll, "serve", port.ToString(CultureInfo.InvariantCulture), startupDelayMs.ToString(CultureInfo.InvariantCulture));
        options.Name = $"child-{port}";
        options.ReadyUrl = new Uri($"http://127.0.0.1:{port}/health");
        options.LogDirectory = logDirectory;
        options.ReadyTimeout = TimeSpan.FromSeconds(60);
        return options;
    }
}
