namespace Hologram.Testing.Cli;

/// <summary>Process exit codes of the <c>hologram</c> tool.</summary>
internal static class ExitCodes
{
    /// <summary>The command succeeded.</summary>
    public const int Ok = 0;

    /// <summary>A gate (perf, flake, verification) failed.</summary>
    public const int GateFailed = 1;

    /// <summary>The data the command needs could not be read (a corrupt or unreachable store): never reported as green.</summary>
    public const int Unreadable = 1;

    /// <summary>Bad input: an unknown option, profile or a bad configuration.</summary>
    public const int BadInput = 2;
}
