using Hologram.Testing.Cli.Store;
using Hologram.Testing.Cli.Flakes;
using Hologram.Testing.Sdk;

namespace Hologram.Testing.Cli;

/// <summary>What a command may touch: its output streams, the environment and the current directory.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error: one line per problem.</param>
/// <param name="Environment">The environment variables.</param>
/// <param name="CurrentDirectory">The directory <c>hologram.json</c> is searched from.</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error, IReadOnlyDictionary<string, string?> Environment, string CurrentDirectory)
{
    public HologramConfigurationSource ConfigurationSource => new()
    {
        StartDirectory = CurrentDirectory,
        EnvironmentVariables = Environment,
    };

    /// <summary>Opens the history store and loads spool files (replaced in tests).</summary>
    public IHistoryBackend History { get; init; } = HistoryBackend.Instance;

    /// <summary>True when both output streams are a terminal and <c>CI</c> is not true: long work may show progress.</summary>
    public bool Interactive { get; init; }

    /// <summary>The clock used for time windows and quarantine timestamps.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Wraps the stream of every file a command writes (replaced in tests to simulate a full disk).</summary>
    public Func<Stream, Stream> FileStreams { get; init; } = static stream => stream;

    /// <summary>
    /// Writes a whole file atomically (<see cref="AtomicFile"/>, through <see cref="FileStreams"/>): the target keeps its
    /// old content, and no temporary or empty file is left, when writing fails (a full disk).
    /// </summary>
    public void WriteFile(string path, Action<Stream> write) => AtomicFile.Write(path, stream =>
    {
        var output = FileStreams(stream);
        write(output);
        output.Flush();
    });

    /// <summary>Writes <paramref name="content"/> as a whole file atomically; see <see cref="WriteFile(string, Action{Stream})"/>.</summary>
    public void WriteFile(string path, byte[] content) => WriteFile(path, stream => stream.Write(content));

    /// <summary>Writes one line to standard error and returns <see cref="ExitCodes.BadInput"/>.</summary>
    public int BadInput(string message)
    {
        var oneLine = string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Error.WriteLine($"hologram: {oneLine}");
        return ExitCodes.BadInput;
    }
}
