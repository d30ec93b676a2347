using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Flakes;

/// <summary>Runs a flake command against the configured history store; a store that fails becomes one <c>hologram: </c> line.</summary>
internal static class StoreSession
{
    /// <summary>Loads the configuration, opens the store, runs <paramref name="body"/> and closes the store.</summary>
    public static int Run(CliContext context, Func<HologramOptions, IHistoryStore, CancellationToken, Task<int>> body) =>
        RunAsync(context, body).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(CliContext context, Func<HologramOptions, IHistoryStore, CancellationToken, Task<int>> body)
    {
        var options = HologramConfiguration.Load(context.ConfigurationSource);
        var cancellationToken = CancellationToken.None;
        IHistoryStore store;
        try
        {
            store = await context.History.OpenAsync(options, cancellationToken);
        }
        catch (Exception ex) when (ex is not (HologramConfigurationException or OperationCanceledException))
        {
            // Unreachable, locked, corrupt or foreign: name the store (without credentials) and say why, on one line.
            return context.BadInput($"cannot open the history store {StoreName.Describe(options.Store)}: {StoreName.Scrub(ex.Message, options.Store)}");
        }

        try
        {
            return await body(options, store, cancellationToken);
        }
        catch (Exception ex) when (ex is not (HologramConfigurationException or OperationCanceledException or IOException or UnauthorizedAccessException))
        {
            // A store that fails mid-command (connection lost, lock timeout) is reported like one that cannot be opened.
            return context.BadInput($"history store {store.Description} failed: {StoreName.Scrub(ex.Message, options.Store)}");
        }
        finally
        {
            await store.DisposeAsync();
        }
    }
}
