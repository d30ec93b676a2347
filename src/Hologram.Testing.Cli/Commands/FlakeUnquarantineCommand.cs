using Hologram.Testing.Cli.Store;
using System.CommandLine;
using Hologram.Testing.Cli.Flakes;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram flake unquarantine &lt;test-id-or-pattern&gt; [--reason "…"] [--by NAME]</c>: forced release.</summary>
internal sealed class FlakeUnquarantineCommand(CliContext context)
{
    public const string DefaultReason = "released manually";

    public static Command Create(CliContext context)
    {
        var test = new Argument<string>("test") { Description = "A quarantined test id, or a pattern with * wildcards matched against the quarantined tests" };
        var reason = new Option<string?>("--reason", "-r") { Description = $"Why (default: {DefaultReason})" };
        var by = new Option<string?>("--by") { Description = "Who (default: $USER / $USERNAME)" };

        var command = new Command("unquarantine", "Release quarantined tests now, whatever the policy says; the release is kept in the audit trail.") { test, reason, by };
        command.SetAction(result => new FlakeUnquarantineCommand(context).Execute(result.GetValue(test)!, result.GetValue(reason), result.GetValue(by)));
        return command;
    }

    public int Execute(string test, string? reason, string? by)
    {
        var pattern = new TestPattern(test.Trim());
        var user = FlakeText.User(by, context.Environment);
        var why = string.IsNullOrWhiteSpace(reason) ? DefaultReason : reason.Trim();
        return StoreSession.Run(context, async (options, store, cancellationToken) =>
        {
            var quarantined = await store.GetQuarantinedAsync(cancellationToken);
            var targets = pattern.Select(quarantined.Select(q => q.TestId));
            if (targets.Count == 0)
            {
                // Exit 2 rather than a silent no-op: a typo in a test id must not look like a successful release.
                return context.BadInput(pattern.IsWildcard
                    ? $"no quarantined test matches '{pattern.Text}' ({FlakeText.Number(quarantined.Count)} quarantined)"
                    : $"'{pattern.Text}' is not quarantined");
            }

            var now = context.Time.GetUtcNow();
            var released = 0;
            foreach (var id in targets)
            {
                if (await store.ReleaseAsync(id, now, why, user, cancellationToken))
                {
                    released++;
                    context.Out.WriteLine($"Released {id}");
                }
            }

            var count = released == 1 ? "1 test" : $"{FlakeText.Number(released)} tests";
            context.Out.WriteLine($"{count} released by {user}: {why}");
            return ExitCodes.Ok;
        });
    }
}
