namespace Hologram.Testing.Sdk.Internal;

/// <summary>
/// The warnings of a test run, besides the adapter's own channel, in <c>hologram-warnings.txt</c> next to the test
/// assembly. Runners show a test host's standard error only at higher verbosity; the package's build targets turn this
/// file into MSBuild warnings after <c>dotnet test</c>, so a store outage is visible at the default verbosity.
/// </summary>
internal static class RunWarnings
{
    /// <summary>The file's name, in the test assembly's folder (the build targets read it from there).</summary>
    public const string FileName = "hologram-warnings.txt";

    private static readonly Lock Gate = new();

    /// <summary>Where the warnings of this process go; null when they are not written (e.g. a read-only folder).</summary>
    public static string? Path { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, FileName);

    /// <summary><paramref name="warn"/>, also writing each warning to <see cref="Path"/>.</summary>
    public static Action<string> Tee(Action<string>? warn) => message =>
    {
        warn?.Invoke(message);
        Append(message);
    };

    private static void Append(string message)
    {
        if (Path is not { } path)
        {
            return;
        }

        try
        {
            lock (Gate)
            {
                File.AppendAllText(path, message.ReplaceLineEndings(" ") + "\n");
            }
        }
        catch (Exception)
        {
            // The adapter's own channel has the warning: a folder that cannot be written must not fail the run.
        }
    }
}
