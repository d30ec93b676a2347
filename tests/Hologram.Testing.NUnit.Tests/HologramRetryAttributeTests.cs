using System.Reflection;
using Hologram.Testing.Sdk;
using NUnit.Framework;

namespace Hologram.Testing.NUnit.Tests;

public sealed class HologramRetryAttributeTests
{
    [TestCase(nameof(Samples.NewName), 3)]
    [TestCase(nameof(Samples.OldName), 4)]
    [TestCase(nameof(Samples.Off), 1)]
    [TestCase(nameof(Samples.Profile), 1)]
    public async Task The_core_reads_both_names_with_one_meaning_extra_attempts_after_the_first(string method, int attempts)
    {
        await using var run = await AdapterRun.StartAsync(() => Options(), "nunit", "tests");

        var testCase = run.BeginTestCase(new TestCaseInfo
        {
            ClassName = typeof(Samples).FullName!,
            Method = typeof(Samples).GetMethod(method, BindingFlags.Public | BindingFlags.Instance),
            Class = typeof(Samples),
        });

        Assert.That(testCase.MaxAttempts, Is.EqualTo(attempts));
    }

    [Test]
    public void The_old_name_is_obsolete_and_names_the_new_one()
    {
#pragma warning disable CS0618 // the obsolete name is what is under test
        var obsolete = typeof(RetryAttribute).GetCustomAttribute<ObsoleteAttribute>();
#pragma warning restore CS0618

        Assert.That(obsolete?.Message, Does.Contain("[HologramRetry(n)]"));
        Assert.That(typeof(HologramRetryAttribute).IsSubclassOf(typeof(TestRetryAttribute)), Is.True);
    }

    // Profile "dev" has no retries: only the attributes add attempts.
    private static HologramOptions Options()
    {
        var root = Directory.CreateTempSubdirectory("hologram-nunit-retry-").FullName;
        Directory.CreateDirectory(Path.Combine(root, ".git"));
        return HologramConfiguration.Load(new HologramConfigurationSource
        {
            StartDirectory = root,
            EnvironmentVariables = new Dictionary<string, string?> { ["HOLOGRAM_STORE"] = "none", ["HOLOGRAM_PROFILE"] = "dev" },
        });
    }

    private sealed class Samples
    {
        [HologramRetry(2)]
        public void NewName()
        {
        }

#pragma warning disable CS0618 // the obsolete name must keep working for one release
        [Retry(3)]
#pragma warning restore CS0618
        public void OldName()
        {
        }

        [HologramRetry(0)]
        public void Off()
        {
        }

        public void Profile()
        {
        }
    }
}
