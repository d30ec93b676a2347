using Hologram.Testing.History;
using Hologram.Testing.History.Storage;
using Hologram.Testing.Sdk;
using Hologram.Testing.Cli.Flakes;

namespace Hologram.Testing.Cli.Store;

/// <summary>Runs a flake command against the configured history store; a store that fails becomes one <c>hologram: </c> line.</summary>
internal static class StoreSession
{
    /// <summary>Loads the configuration, opens the store, runs <paramref name="body"/> and closes the store.</summary>
    public static int Run(CliContext context, Func<HologramOptions, IHistoryStore, CancellationToken, Task<int>> body) =>
        RunAsync(context, body).GetAwaiter().GetResult();

    /// <summary>
    /// Null when the <c>Store</c> setting parses (or is <c>none</c>), else why not, in one line with the password masked:
    /// a value that cannot be parsed is bad input, never a store that is merely unreachable.
    /// </summary>
    public static string? CheckSetting(HologramOptions options)
    {
        if (IsOff(options))
        {
            return null;
        }

        try
        {
            _ = StoreLocation.Parse(options.Store, options.RepositoryRoot);
            return null;
        }
        catch (ArgumentException ex)
        {
            return SettingProblem(ex);
        }
    }

    /// <summary>True when <c>Store</c> is <c>none</c>: history recording is off.</summary>
    public static bool IsOff(HologramOptions options) => string.Equals(options.Store?.Trim(), TestRunSession.NoStore, StringComparison.OrdinalIgnoreCase);

    private static string SettingProblem(ArgumentException ex) =>
        ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);

    private static async Task<int> RunAsync(CliContext context, Func<HologramOptions, IHistoryStore, CancellationToken, Task<int>> body)
    {
        var options = HologramConfiguration.Load(context.ConfigurationSource);
        var cancellationToken = CancellationToken.None;
        IHistoryStore store;
        try
        {
            store = await context.History.OpenAsync(options, cancellationToken);
        }
        catch (HistoryStoreException ex)
        {
            // Unreachable, locked, corrupt, foreign or newer: the message names the store, without credentials.
            return context.BadInput(ex.Message);
        }
        catch (ArgumentException ex)
        {
            // A malformed Store setting: the message quotes it with the password masked.
            return context.BadInput(SettingProblem(ex));
        }
        catch (Exception ex) when (ex is not (HologramConfigurationException or OperationCanceledException))
        {
            return context.BadInput($"cannot open the history store {HistoryStores.Describe(options.Store, options.RepositoryRoot)}: {ex.Message}");
        }

        try
        {
            return await body(options, store, cancellationToken);
        }
        catch (HistoryStoreException ex)
        {
            return context.BadInput(ex.Message);
        }
        catch (Exception ex) when (ex is not (HologramConfigurationException or OperationCanceledException or IOException or UnauthorizedAccessException))
        {
            // A store that fails mid-command (connection lost, lock timeout) is reported like one that cannot be opened.
            return context.BadInput($"history store {store.Description} failed: {ex.Message}");
        }
        finally
        {
            await store.DisposeAsync();
        }
    }
}
