using Hologram.Testing.Cli.Commands;
using Hologram.Testing.E2E;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>The E2E event log: per-step figures over every run, and the latest run's steps.</summary>
internal sealed record E2ESection
{
    /// <summary>Why there is nothing to show and how to produce it, or null.</summary>
    public string? Missing { get; init; }

    public string Path { get; init; } = string.Empty;

    public int MalformedLines { get; init; }

    /// <summary>Figures over the whole log.</summary>
    public E2ESummary? Summary { get; init; }

    /// <summary>The run of the last event.</summary>
    public string? LatestRun { get; init; }

    /// <summary>The latest run's events in order (bounded).</summary>
    public IReadOnlyList<E2EEvent> LatestSteps { get; init; } = [];

    /// <summary>How many of the latest run's events are not in <see cref="LatestSteps"/>.</summary>
    public int LatestStepsOmitted { get; init; }
}
