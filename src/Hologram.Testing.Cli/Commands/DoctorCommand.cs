using System.CommandLine;
using Hologram.Testing.Cli.Annotations;
using Hologram.Testing.Cli.Doctor;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram doctor [--service NAME]…</c>: readiness checks before a CI run, one line each; exit 1 when any fails.</summary>
internal sealed class DoctorCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var service = new Option<string[]>("--service", "-s")
        {
            Description = "Also require this service (its endpoint from Services:<NAME> or the variable <NAME>); repeatable",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("doctor", "Check readiness for a CI run: configuration, history store, services, budgets, reports directory, clock.") { service };
        command.SetAction(result => new DoctorCommand(context).Execute(result.GetValue(service) ?? []));
        return command;
    }

    public int Execute(IReadOnlyCollection<string> services)
    {
        if (services.FirstOrDefault(string.IsNullOrWhiteSpace) is not null)
        {
            return context.BadInput("--service needs a name, e.g. --service IPFS_API");
        }

        var annotator = CiAnnotations.Detect(context.Environment) is null ? null : CiAnnotations.For(context, context.Out, RepositoryRoot());
        var checks = ReadinessChecks.RunAsync(context, services, CancellationToken.None).GetAwaiter().GetResult();
        foreach (var check in checks)
        {
            context.Out.WriteLine(check.ToString());
        }

        annotator?.WriteAll(
            checks.Where(c => !c.Ok).Select(c => new Annotation(AnnotationLevel.Error, $"hologram doctor: {c.Name}", c.Fix is null ? c.Finding : $"{c.Finding}\nfix: {c.Fix}", c.File, c.Line)),
            "the doctor output in the job log");

        var failed = checks.Count(c => !c.Ok);
        var warnings = checks.Count(c => c.Ok && c.Warning);
        var note = warnings == 0 ? string.Empty : $" ({warnings} with a warning)";
        context.Out.WriteLine(failed == 0 ? $"doctor: all {checks.Count} checks passed{note}" : $"doctor: {failed} of {checks.Count} checks failed{note}");
        return failed == 0 ? ExitCodes.Ok : ExitCodes.GateFailed;
    }

    /// <summary>The repository root annotation paths are relative to; the current directory while the configuration is invalid.</summary>
    private string RepositoryRoot()
    {
        try
        {
            return HologramConfiguration.Load(context.ConfigurationSource).RepositoryRoot;
        }
        catch (HologramConfigurationException)
        {
            // The configuration check reports the problem; paths are then taken from the current directory.
            return context.CurrentDirectory;
        }
    }
}
