namespace Hologram.Testing.Chaos;

/// <summary>An acknowledged write that did not read back as written.</summary>
/// <param name="Key">The key.</param>
/// <param name="Phase">The phase in which the write was acknowledged.</param>
/// <param name="Problem">What was wrong: not found, a different value, or the read failed.</param>
public sealed record WriteCheck(string Key, ExperimentPhase Phase, string Problem);
