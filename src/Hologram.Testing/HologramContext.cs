namespace Hologram.Testing;

/// <summary>
/// The configuration in force for the running tests. Test-framework adapters set it when a run starts;
/// outside an adapter it is loaded once from <see cref="AppContext.BaseDirectory"/> and the process environment.
/// </summary>
public static class HologramContext
{
    private static readonly AsyncLocal<HologramOptions?> Scoped = new();
    private static readonly Lazy<HologramOptions> Loaded = new(() => HologramConfiguration.Load());
    private static HologramOptions? s_process;

    /// <summary>The options in force: those of the current run if an adapter set them, else loaded on first use.</summary>
    public static HologramOptions Options => Scoped.Value ?? Volatile.Read(ref s_process) ?? Loaded.Value;

    /// <summary>Sets the options of the run that starts on this asynchronous flow (and the process default, if none yet).</summary>
    /// <param name="options">The options to use.</param>
    public static void Use(HologramOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Scoped.Value = options;
        Interlocked.CompareExchange(ref s_process, options, null);
    }
}
