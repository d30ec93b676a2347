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

    public static HologramOptions With(params (string Name, string Value)[] environment) =>
        HologramConfiguration.Load(new HologramConfigurationSource
        {
            StartDirectory = Root.Value,
            EnvironmentVariables = environment.ToDictionary(e => e.Name, e => (string?)e.Value),
        });

    public static HologramOptions Profile(string profile) => With(("HOLOGRAM_PROFILE", profile));
}
