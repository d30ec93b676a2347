using Xunit;

namespace Hologram.Testing.Tests.Configuration;

/// <summary>A temporary directory tree marked as a repository root by a <c>.git</c> directory; deleted on dispose.</summary>
internal sealed class TempRepository : IDisposable
{
    public TempRepository(bool markAsRepository = true)
    {
        Root = Path.Combine(Path.GetTempPath(), "hologram-config-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        if (markAsRepository)
        {
            Directory.CreateDirectory(Path.Combine(Root, ".git"));
        }
    }

    public string Root { get; }

    public string ConfigPath => Path.Combine(Root, "hologram.json");

    public string Nested(params string[] parts)
    {
        var path = Path.Combine([Root, .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }

    public string WriteConfig(string json, string? directory = null)
    {
        var path = Path.Combine(directory ?? Root, "hologram.json");
        File.WriteAllText(path, json);
        return path;
    }

    public HologramOptions Load(IDictionary<string, string?>? environment = null, string? startDirectory = null) =>
        HologramConfiguration.Load(Source(environment, startDirectory));

    public HologramConfigurationException LoadFails(IDictionary<string, string?>? environment = null, string? startDirectory = null)
    {
        var ex = Assert.Throws<HologramConfigurationException>(() => Load(environment, startDirectory));
        Assert.DoesNotContain('\n', ex.Message);
        Assert.DoesNotContain('\r', ex.Message);
        return ex;
    }

    public HologramConfigurationSource Source(IDictionary<string, string?>? environment = null, string? startDirectory = null) => new()
    {
        StartDirectory = startDirectory ?? Root,
        EnvironmentVariables = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>()),
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail the test.
        }
    }
}
