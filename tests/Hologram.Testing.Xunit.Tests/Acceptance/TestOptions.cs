namespace Hologram.Testing.Xunit.Tests.Acceptance;

/// <summary>Builds run configurations from an injected environment, isolated from the machine's own.</summary>
internal static class TestOptions
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = Directory.CreateTempSubdirectory("hologram-xunit-tests-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, ".git"));
        return dir;
    });

    /// <summary>Options from the given variables; history recording is off unless a store is named.</summary>
    public static HologramOptions With(params (string Name, string Value)[] environment) =>
        HologramConfiguration.Load(new HologramConfigurationSource
        {
            StartDirectory = Root.Value,
            EnvironmentVariables = Environment(environment),
        });

    private static Dictionary<string, string?> Environment((string Name, string Value)[] environment)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal) { ["HOLOGRAM_STORE"] = "none" };
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        return variables;
    }

    public static HologramOptions Profile(string profile) => With(("HOLOGRAM_PROFILE", profile));

    /// <summary>Options for a repository rooted at <paramref name="root"/> (which must hold a <c>.git</c> folder).</summary>
    public static HologramOptions In(string root, params (string Name, string Value)[] environment) =>
        HologramConfiguration.Load(new HologramConfigurationSource
        {
            StartDirectory = root,
            EnvironmentVariables = Environment(environment),
        });
}
