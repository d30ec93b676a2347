namespace Hologram.Testing.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        var environment = HologramConfigurationSource.SnapshotProcessEnvironment();
        var ci = environment.TryGetValue("CI", out var value) && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        var context = new CliContext(Console.Out, Console.Error, environment, Environment.CurrentDirectory)
        {
            Interactive = !ci && !Console.IsOutputRedirected && !Console.IsErrorRedirected,
        };
        return new HologramCli(context).Run(args);
    }
}
