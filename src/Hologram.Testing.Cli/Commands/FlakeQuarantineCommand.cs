using Hologram.Testing.Cli.Store;
using System.CommandLine;
using System.Globalization;
using Hologram.Testing.Cli.Flakes;
using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram flake quarantine &lt;test-id-or-pattern&gt; --reason "…" [--until DATE] [--by NAME]</c>: manual quarantine.</summary>
internal sealed class FlakeQuarantineCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var test = new Argument<string>("test") { Description = "A test id, or a pattern with * wildcards matched against the recorded test ids" };
        var reason = new Option<string>("--reason", "-r") { Description = "Why (required; shown when the test's failure is reported as skipped)", Required = true };
        var until = new Option<string?>("--until") { Description = "The policy may not release it before this date (yyyy-MM-dd or an ISO 8601 time, UTC); default: never" };
        var by = new Option<string?>("--by") { Description = "Who (default: $USER / $USERNAME)" };

        var command = new Command("quarantine", "Quarantine tests manually: they still run, but a failure is reported as skipped with the reason.") { test, reason, until, by };
        command.SetAction(result => new FlakeQuarantineCommand(context).Execute(
            result.GetValue(test)!, result.GetValue(reason)!, result.GetValue(until), result.GetValue(by)));
        return command;
    }

    public int Execute(string test, string reason, string? until, string? by)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return context.BadInput("--reason must not be empty");
        }

        var now = context.Time.GetUtcNow();
        DateTimeOffset? untilTime = null;
        if (until is not null)
        {
            if (!DateTimeOffset.TryParse(until, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return context.BadInput($"--until '{until}' is not a date (use yyyy-MM-dd or an ISO 8601 time)");
            }

            if (parsed <= now)
            {
                return context.BadInput($"--until {FlakeText.Time(parsed)} is not in the future");
            }

            untilTime = parsed;
        }

        var pattern = new TestPattern(test.Trim());
        var user = FlakeText.User(by, context.Environment);
        return StoreSession.Run(context, async (options, store, cancellationToken) =>
        {
            var (known, quarantined) = await KnownTests.LoadAsync(store, cancellationToken);
            var targets = pattern.Select(known);
            if (targets.Count == 0)
            {
                if (pattern.IsWildcard)
                {
                    return context.BadInput($"no recorded test matches '{pattern.Text}' in {store.Description}");
                }

                // An exact id with no history yet (a new test, a first run still to come) may still be quarantined.
                targets = [pattern.Text];
                context.Error.WriteLine($"hologram: note: '{pattern.Text}' has no recorded results yet; quarantining it anyway");
            }

            var previous = quarantined.ToDictionary(q => q.TestId, StringComparer.Ordinal);
            foreach (var id in targets)
            {
                await store.QuarantineAsync(
                    new QuarantineEntry { TestId = id, Since = now, Reason = reason.Trim(), By = user, Manual = true, Until = untilTime },
                    cancellationToken);
                var replaced = previous.TryGetValue(id, out var old) ? $" (replaces the quarantine {FlakeText.Quarantine(old)})" : string.Empty;
                context.Out.WriteLine($"Quarantined {id}{replaced}");
            }

            var untilText = untilTime is { } u ? $"until at least {FlakeText.Date(u)}" : "until released with 'hologram flake unquarantine'";
            var count = targets.Count == 1 ? "1 test" : $"{FlakeText.Number(targets.Count)} tests";
            context.Out.WriteLine($"{count} quarantined by {user} {untilText}: {reason.Trim()}");
            return ExitCodes.Ok;
        });
    }
}
