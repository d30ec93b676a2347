namespace Hologram.Testing.Internal;

/// <summary>
/// One CI system: how to tell that a process runs under it and where its documented variables put the commit, the
/// branch, the build id and the link to the job.
/// </summary>
/// <param name="Name">The provider name recorded with a run, e.g. <c>github</c>.</param>
/// <param name="IsPresent">True when the environment belongs to this CI system.</param>
/// <param name="Read">Reads the commit, branch, build id and URL (each may be null).</param>
internal sealed record CiProvider(string Name, Func<Func<string, string?>, bool> IsPresent, Func<Func<string, string?>, CiValues> Read);
