using System.Diagnostics;
using System.Reflection;

namespace Hologram.Testing.Tests.E2E;

/// <summary>Runs the ChaosChild fixture (<c>dotnet ChaosChild.dll …</c>) as a separate process.</summary>
internal static class ChildProcess
{
    public static string Dll => typeof(ChildProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ChaosChildDll").Value!;

    public static Process Start(params string[] arguments)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var info = new ProcessStartInfo(string.IsNullOrEmpty(host) ? "dotnet" : host)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        info.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info)!;
    }
}
