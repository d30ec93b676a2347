namespace Hologram.Testing.Cli.Doctor;

/// <summary>The result of one readiness check: what was checked, what was found and, when it failed, how to fix it.</summary>
internal sealed record ReadinessCheck(string Name, bool Ok, string Finding, string? Fix = null)
{
    /// <summary>One line: <c>✓ name: finding</c> or <c>✗ name: finding — fix: …</c>.</summary>
    public override string ToString() => Ok ? $"✓ {Name}: {Finding}" : $"✗ {Name}: {Finding}{(Fix is null ? string.Empty : " — fix: " + Fix)}";
}
