namespace Hologram.Testing.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        var context = new CliContext(
            Console.Out,
            Console.Error,
            HologramConfigurationSource.SnapshotProcessEnvironment(),
            Environment.CurrentDirectory);
        return new HologramCli(context).Run(args);
    }
}
