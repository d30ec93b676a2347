using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text;
using Hologram.Testing.Cli.Notify;
using Hologram.Testing.Cli.Reporting;

namespace Hologram.Testing.Cli.Commands;

/// <summary>
/// <c>hologram notify --webhook &lt;url&gt;</c>: posts the build summary to a Slack or Microsoft Teams incoming webhook,
/// redacted, with a timeout per attempt and retries with backoff on a network error, a timeout, 429 or 5xx.
/// </summary>
internal sealed class NotifyCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var webhook = new Option<string>("--webhook") { Description = "The incoming-webhook URL (http or https); never printed, it carries a token", Required = true };
        var format = new Option<string>("--format") { Description = "slack (default) or teams", DefaultValueFactory = _ => "slack" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds per attempt (default 10)", DefaultValueFactory = _ => 10 };
        var attempts = new Option<int>("--attempts") { Description = "Attempts in all, the later ones after a network error, timeout, 429 or 5xx (default 3)", DefaultValueFactory = _ => 3 };
        var runs = ReportSession.RunsOption();
        var days = ReportSession.DaysOption();
        var command = new Command("notify", "Post the build summary (status, failures, new quarantines, perf regressions) to a Slack or Teams webhook.")
        {
            webhook, format, timeout, attempts, runs, days,
        };
        command.SetAction(result => new NotifyCommand(context).Execute(
            result.GetValue(webhook)!, result.GetValue(format)!, result.GetValue(timeout), result.GetValue(attempts), result.GetValue(runs), result.GetValue(days)));
        return command;
    }

    public int Execute(string webhook, string format, int timeoutSeconds, int attempts, int runs, int? days)
    {
        if (!Uri.TryCreate(webhook, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return context.BadInput("--webhook is not an http or https URL");
        }

        var render = format.Trim().ToLowerInvariant() switch
        {
            "slack" => BuildMessage.Slack,
            "teams" => (Func<IReadOnlyList<string>, string>?)BuildMessage.Teams,
            _ => null,
        };
        if (render is null)
        {
            return context.BadInput($"--format '{format}' is not slack or teams");
        }

        if (timeoutSeconds is < 1 or > 300)
        {
            return context.BadInput($"--timeout must be 1 to 300 seconds, got {timeoutSeconds}");
        }

        if (attempts is < 1 or > 10)
        {
            return context.BadInput($"--attempts must be 1 to 10, got {attempts}");
        }

        var (data, _, error) = ReportSession.Load(context, runs, days, "hologram notify");
        if (error is { } code)
        {
            return code;
        }

        var lines = BuildMessage.Lines(data!);
        var body = render(lines);
        var target = $"{uri.Scheme}://{uri.Authority}";
        var (delivered, made, problem) = PostAsync(uri, body, TimeSpan.FromSeconds(timeoutSeconds), attempts).GetAwaiter().GetResult();
        if (!delivered)
        {
            context.Error.WriteLine($"hologram: the webhook at {target} did not take the message after {made} attempt{(made == 1 ? string.Empty : "s")}: {problem}");
            return ExitCodes.GateFailed;
        }

        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Posted the build summary ({lines[0]}) to {target} ({format.Trim().ToLowerInvariant()}, attempt {made})."));
        return ExitCodes.Ok;
    }

    /// <summary>Posts with retries: 1 s, 2 s, 4 s … between attempts (waited on the command's clock).</summary>
    private async Task<(bool Delivered, int Attempts, string Problem)> PostAsync(Uri uri, string body, TimeSpan timeout, int attempts)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        var problem = string.Empty;
        for (var attempt = 1; ; attempt++)
        {
            bool retry;
            using (var cts = new CancellationTokenSource(timeout, context.Time))
            {
                try
                {
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    using var response = await client.PostAsync(uri, content, cts.Token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return (true, attempt, string.Empty);
                    }

                    problem = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
                    retry = response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
                }
                catch (OperationCanceledException) when (cts.IsCancellationRequested)
                {
                    problem = $"no answer within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
                    retry = true;
                }
                catch (HttpRequestException ex)
                {
                    // The message names the host and the socket error, never the path (the token).
                    problem = ex.HttpRequestError == HttpRequestError.Unknown ? "request failed" : $"{ex.HttpRequestError} ({(ex.InnerException ?? ex).Message.Split(" (")[0]})";
                    retry = true;
                }
            }

            if (!retry || attempt >= attempts)
            {
                return (false, attempt, problem);
            }

            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt - 1)), context.Time).ConfigureAwait(false);
        }
    }
}
