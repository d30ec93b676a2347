#pragma warning disable CA1305
// Temporary stand-in until the configuration subsystem lands.
namespace Hologram.Testing;
#pragma warning disable CS1591
public sealed class HologramOptions
{
    public string Profile { get; init; } = "dev";
    public string RepositoryRoot { get; init; } = "";
    public string ReportsDir { get; init; } = "";
    public int Retries { get; init; }
    public bool SkipNoCi { get; init; }
    public TimeSpan ServiceConnectTimeout { get; init; } = TimeSpan.FromMilliseconds(500);
    public IReadOnlyDictionary<string, string> Services { get; init; } = new Dictionary<string, string>();
    public ShardSpec? Shard { get; init; }
    public bool TryGetService(string name, out string endpoint) { return Services.TryGetValue(name, out endpoint!); }
}
public sealed class HologramConfigurationSource
{
    public string StartDirectory { get; init; } = AppContext.BaseDirectory;
    public IReadOnlyDictionary<string, string?> EnvironmentVariables { get; init; } = new Dictionary<string, string?>();
    public static HologramConfigurationSource ForDirectory(string d) => new() { StartDirectory = d };
}
public static class HologramConfiguration
{
    public static HologramOptions Load(HologramConfigurationSource? source = null)
    {
        var env = source?.EnvironmentVariables ?? new Dictionary<string, string?>();
        var profile = env.TryGetValue("HOLOGRAM_PROFILE", out var p) && p is not null ? p : "dev";
        if (profile == "nope") throw new HologramConfigurationException("Profile 'nope' (environment variable HOLOGRAM_PROFILE) is not a known profile");
        ShardSpec? shard = null;
        if (env.TryGetValue("HOLOGRAM_SHARD", out var sh) && sh is not null) { var parts = sh.Split('/'); shard = new ShardSpec(int.Parse(parts[0]), int.Parse(parts[1])); }
        var services = env.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!);
        return new HologramOptions { Profile = profile, SkipNoCi = profile is "pr" or "main", Shard = shard, Services = services };
    }
}
public sealed class HologramConfigurationException : Exception
{
    public HologramConfigurationException(string m) : base(m) { }
}
public readonly record struct ShardSpec(int Index, int Count)
{
    public bool Includes(string testId)
    {
        ulong h = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(testId)) { h ^= b; h *= 1099511628211UL; }
        return h % (ulong)Count == (ulong)(Index - 1);
    }
}
