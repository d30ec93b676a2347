using System.Runtime;
using System.Runtime.InteropServices;

namespace Hologram.Testing.Perf;

/// <summary>
/// What a latency depends on besides the code: CPU model, cores, OS, runtime, GC mode and JIT tiering. Two
/// measurements compare only when their fingerprints match (<see cref="Differences"/> is empty).
/// </summary>
public sealed record EnvironmentFingerprint
{
    private static readonly Lazy<EnvironmentFingerprint> CurrentValue = new(Detect);

    /// <summary>The CPU model name (from <c>/proc/cpuinfo</c> on Linux), or the architecture when unknown.</summary>
    public string CpuModel { get; init; } = string.Empty;

    /// <summary>The logical processors available to the process.</summary>
    public int Cores { get; init; }

    /// <summary>The OS description, e.g. <c>Linux 6.1.0-18-amd64 #1 SMP …</c> (informational; only <see cref="OsPlatform"/> is compared).</summary>
    public string Os { get; init; } = string.Empty;

    /// <summary>The OS family and process architecture, e.g. <c>linux-x64</c>.</summary>
    public string OsPlatform { get; init; } = string.Empty;

    /// <summary>The runtime, e.g. <c>.NET 10.0.0</c> (compared by major.minor).</summary>
    public string Runtime { get; init; } = string.Empty;

    /// <summary>The GC mode, e.g. <c>workstation, concurrent</c>.</summary>
    public string GcMode { get; init; } = string.Empty;

    /// <summary>JIT tiering settings, e.g. <c>tiered, quick-jit-for-loops, pgo, r2r</c>.</summary>
    public string Tiering { get; init; } = string.Empty;

    /// <summary>The fingerprint of this process.</summary>
    public static EnvironmentFingerprint Current => CurrentValue.Value;

    /// <summary>Describes every compared field that differs from <paramref name="other"/>; empty when the two compare.</summary>
    /// <param name="other">The fingerprint to compare with.</param>
    /// <returns>One line per difference, e.g. <c>cores: 2 vs 4</c>.</returns>
    public IReadOnlyList<string> Differences(EnvironmentFingerprint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var differences = new List<string>();
        Compare("cpu", CpuModel, other.CpuModel);
        Compare("cores", Cores.ToString(System.Globalization.CultureInfo.InvariantCulture), other.Cores.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compare("os", OsPlatform, other.OsPlatform);
        Compare("runtime", MajorMinor(Runtime), MajorMinor(other.Runtime));
        Compare("gc", GcMode, other.GcMode);
        Compare("tiering", Tiering, other.Tiering);
        return differences;

        void Compare(string field, string mine, string theirs)
        {
            if (!string.Equals(mine, theirs, StringComparison.Ordinal))
            {
                differences.Add($"{field}: {mine} vs {theirs}");
            }
        }
    }

    /// <summary>
    /// The compared fields in one line (runtime by major.minor, the OS description left out), e.g.
    /// <c>AMD EPYC 7763 ×2 | linux-x64 | .NET 10.0 | GC workstation, concurrent | JIT tiered, pgo</c>: two fingerprints
    /// with the same key compare. The history store keeps each measurement's key; baselines and trends are per key.
    /// </summary>
    public string Key => $"{CpuModel} ×{Cores.ToString(System.Globalization.CultureInfo.InvariantCulture)} | {OsPlatform} | {MajorMinor(Runtime)} | GC {GcMode} | JIT {Tiering}";

    /// <inheritdoc/>
    public override string ToString() => $"{CpuModel} ×{Cores}, {OsPlatform}, {Runtime}, GC {GcMode}, JIT {Tiering}";

    private static string MajorMinor(string runtime)
    {
        var digits = runtime.AsSpan().IndexOfAnyInRange('0', '9');
        if (digits < 0)
        {
            return runtime;
        }

        var parts = runtime[digits..].Split('.', ' ', '-');
        return parts.Length >= 2 ? $"{runtime[..digits]}{parts[0]}.{parts[1]}" : runtime;
    }

    private static EnvironmentFingerprint Detect()
    {
        var concurrent = Switch("System.GC.Concurrent", ["DOTNET_gcConcurrent", "COMPlus_gcConcurrent"], true);
        var tiering = new List<string>();
        if (Switch("System.Runtime.TieredCompilation", ["DOTNET_TieredCompilation", "COMPlus_TieredCompilation"], true))
        {
            tiering.Add("tiered");
            if (Switch("System.Runtime.TieredCompilation.QuickJitForLoops", ["DOTNET_TC_QuickJitForLoops", "COMPlus_TC_QuickJitForLoops"], true))
            {
                tiering.Add("quick-jit-for-loops");
            }

            if (Switch("System.Runtime.TieredPGO", ["DOTNET_TieredPGO", "COMPlus_TieredPGO"], true))
            {
                tiering.Add("pgo");
            }
        }
        else
        {
            tiering.Add("full-jit");
        }

        if (Switch("System.Runtime.ReadyToRun", ["DOTNET_ReadyToRun", "COMPlus_ReadyToRun"], true))
        {
            tiering.Add("r2r");
        }

        return new EnvironmentFingerprint
        {
            CpuModel = CpuModelName(),
            Cores = Environment.ProcessorCount,
            Os = RuntimeInformation.OSDescription,
            OsPlatform = $"{OsFamily()}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}",
            Runtime = RuntimeInformation.FrameworkDescription,
            GcMode = (GCSettings.IsServerGC ? "server" : "workstation") + (concurrent ? ", concurrent" : ", non-concurrent"),
            Tiering = string.Join(", ", tiering),
        };
    }

    private static string OsFamily() =>
        OperatingSystem.IsLinux() ? "linux"
        : OperatingSystem.IsWindows() ? "windows"
        : OperatingSystem.IsMacOS() ? "osx"
        : RuntimeInformation.OSDescription.Split(' ')[0].ToLowerInvariant();

    private static bool Switch(string appContextName, string[] environmentNames, bool defaultValue)
    {
        foreach (var name in environmentNames)
        {
            var raw = Environment.GetEnvironmentVariable(name);
            if (!string.IsNullOrWhiteSpace(raw))
            {
                return raw.Trim() is not ("0" or "false" or "False");
            }
        }

        return AppContext.GetData(appContextName) switch
        {
            bool b => b,
            string s when bool.TryParse(s, out var parsed) => parsed,
            _ => defaultValue,
        };
    }

    private static string CpuModelName()
    {
        try
        {
            if (OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo"))
            {
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                {
                    if (line.StartsWith("model name", StringComparison.Ordinal) || line.StartsWith("Model", StringComparison.Ordinal))
                    {
                        var colon = line.IndexOf(':', StringComparison.Ordinal);
                        if (colon > 0)
                        {
                            return string.Join(' ', line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
                        }
                    }
                }
            }
        }
        catch (IOException)
        {
            // Fall back to the architecture below: an unreadable cpuinfo only makes the fingerprint coarser.
        }

        var identifier = Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER");
        return string.IsNullOrWhiteSpace(identifier) ? RuntimeInformation.ProcessArchitecture.ToString() : identifier.Trim();
    }
}
