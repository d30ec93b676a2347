namespace Hologram.Testing.Chaos;

/// <summary>How to start a <see cref="ServiceProcess"/> and how to tell it is ready.</summary>
public sealed class ServiceProcessOptions
{
    /// <summary>The program to run, e.g. <c>dotnet</c> or a path.</summary>
    public required string FileName { get; set; }

    /// <summary>The arguments, one per item (no shell quoting needed).</summary>
    public IList<string> Arguments { get; } = [];

    /// <summary>Environment variables to set (a null value removes the variable).</summary>
    public IDictionary<string, string?> Environment { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>The working directory; the current one when null.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>A name for logs and reports; the program's file name when null.</summary>
    public string? Name { get; set; }

    /// <summary>Ready when 127.0.0.1 on this port accepts a TCP connection.</summary>
    public int? ReadyPort { get; set; }

    /// <summary>Ready when a GET of this URL answers 2xx (wins over <see cref="ReadyPort"/>).</summary>
    public Uri? ReadyUrl { get; set; }

    /// <summary>How long to wait for readiness before failing; 30 seconds by default.</summary>
    public TimeSpan ReadyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The pause between readiness probes; 50 ms by default.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Receives every output line (redacted), e.g. <c>ITestOutputHelper.WriteLine</c>.</summary>
    public Action<string>? Output { get; set; }

    /// <summary>Where the output log is written; <c>&lt;ReportsDir&gt;/chaos</c> when null.</summary>
    public string? LogDirectory { get; set; }

    /// <summary>The clock for measurements; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Options running <c>dotnet &lt;dll&gt; args…</c> with the same dotnet host as the current process when known.</summary>
    /// <param name="dll">The application's entry assembly.</param>
    /// <param name="arguments">Its arguments.</param>
    public static ServiceProcessOptions ForDotnet(string dll, params string[] arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(dll);
        ArgumentNullException.ThrowIfNull(arguments);
        var host = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var options = new ServiceProcessOptions
        {
            FileName = string.IsNullOrEmpty(host) ? "dotnet" : host,
            Name = Path.GetFileNameWithoutExtension(dll),
        };
        options.Arguments.Add(dll);
        foreach (var argument in arguments)
        {
            options.Arguments.Add(argument);
        }

        return options;
    }
}
