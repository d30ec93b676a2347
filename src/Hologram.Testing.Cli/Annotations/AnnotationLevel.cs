namespace Hologram.Testing.Cli.Annotations;

/// <summary>How serious a CI annotation is.</summary>
internal enum AnnotationLevel
{
    /// <summary>A failure: a breached gate, a failed test, a failed readiness check.</summary>
    Error,

    /// <summary>Something to look at that does not fail the build.</summary>
    Warning,

    /// <summary>Information (GitHub Actions only; Azure Pipelines has no such level, so notices are not written there).</summary>
    Notice,
}
