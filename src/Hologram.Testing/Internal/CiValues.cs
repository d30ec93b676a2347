namespace Hologram.Testing.Internal;

/// <summary>What a CI system's variables say about the run; null where the system does not tell.</summary>
/// <param name="Commit">The commit under test.</param>
/// <param name="Branch">The branch under test (the source branch of a pull or merge request).</param>
/// <param name="BuildId">The id grouping the jobs of one pipeline run.</param>
/// <param name="Url">A link to the job or build.</param>
internal sealed record CiValues(string? Commit, string? Branch, string? BuildId, string? Url);
