using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Hologram.Testing.Cli.Tests.Reporting;

namespace Hologram.Testing.Cli.Tests.Notify;

/// <summary><c>hologram notify</c> against a webhook listener on loopback: payloads, redaction, timeout and retries.</summary>
public sealed class NotifyCommandTests
{
    [Fact]
    public async Task Posts_the_build_summary_as_a_Slack_message_redacted_and_never_prints_the_webhook_token()
    {
        using var fixture = await ReportFixture.CreateAsync(chaos: false, e2e: false);
        await using var hook = WebhookListener.Start(HttpStatusCode.OK);

        Assert.Equal(0, fixture.Run("notify", "--webhook", hook.Url));

        var request = Assert.Single(hook.Requests);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        var text = JsonDocument.Parse(request.Body).RootElement.GetProperty("text").GetString()!;
        var lines = text.Split('\n');
        Assert.Matches("^(🟢|🟡|🔴) Tests (passing|flaky|failing) — ", lines[0]);
        Assert.Matches(@"^\d+ passed, \d+ failed \(\d+ quarantined\), \d+ skipped, \d+ passed on retry$", lines[1]);
        Assert.DoesNotContain(ReportFixture.Secret, request.Body, StringComparison.Ordinal);
        Assert.StartsWith($"Posted the build summary ({lines[0]}) to http://127.0.0.1:{hook.Port} (slack, attempt 1).", fixture.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookListener.Token, fixture.Out + fixture.Error, StringComparison.Ordinal);

        // The message says what the job summary says about the same build.
        Assert.Equal(0, fixture.Run("summary"));
        var summary = fixture.Out;
        foreach (var failure in lines.SkipWhile(l => !l.StartsWith("Failures (", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.StartsWith("• ", StringComparison.Ordinal)))
        {
            Assert.Contains(failure[2..failure.IndexOf(':', StringComparison.Ordinal)], summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_secret_in_a_stored_failure_message_is_redacted_in_the_message()
    {
        using var cli = new CliRun();
        var secret = "ghp_" + "Zq8rT2mK9vL4xW7nB3cF6hJ1pD5sG0yA8eUo";
        await using (var store = await History.HistoryStores.OpenAsync("sqlite:reports/hologram.db", cli.Root))
        {
            var started = DateTimeOffset.UtcNow.AddMinutes(-5);
            // Written straight to the store, past the recorder's redaction, as an older version might have left it.
            await store.BeginRunAsync(new History.RunInfo { RunId = "r1", Profile = "pr", Host = "h", Framework = "xunit2", Assembly = "A", StartedAt = started, EndedAt = started.AddMinutes(1), Branch = "main", Commit = "0123456789abcdef" });
            await store.AppendAttemptsAsync([
                Store.StoreSeed.Attempt("r1", "Ns.Api.Login", 1, History.TestOutcome.Failed, true, started) with { ErrorMessage = $"401 for token {secret}" },
                Store.StoreSeed.Attempt("r1", "Ns.Api.Ping", 1, History.TestOutcome.Passed, true, started),
            ]);
        }

        await using var hook = WebhookListener.Start(HttpStatusCode.OK);
        Assert.Equal(0, cli.Run("notify", "--webhook", hook.Url));

        var text = JsonDocument.Parse(Assert.Single(hook.Requests).Body).RootElement.GetProperty("text").GetString()!;
        Assert.Equal(["🔴 Tests failing — main @ 01234567 (dev)", "1 passed, 1 failed (0 quarantined), 0 skipped, 0 passed on retry", "Failures (1):"], text.Split('\n')[..3]);
        Assert.StartsWith("• Ns.Api.Login: 401 for token ", text.Split('\n')[3], StringComparison.Ordinal);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posts_an_adaptive_card_for_Teams()
    {
        using var fixture = await ReportFixture.CreateAsync(chaos: false, e2e: false);
        await using var hook = WebhookListener.Start(HttpStatusCode.Accepted);

        Assert.Equal(0, fixture.Run("notify", "--webhook", hook.Url, "--format", "teams"));

        var root = JsonDocument.Parse(Assert.Single(hook.Requests).Body).RootElement;
        Assert.Equal("message", root.GetProperty("type").GetString());
        var attachment = root.GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var card = attachment.GetProperty("content");
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        var blocks = card.GetProperty("body").EnumerateArray().ToList();
        Assert.All(blocks, b => Assert.Equal("TextBlock", b.GetProperty("type").GetString()));
        Assert.Matches("^(🟢|🟡|🔴) Tests ", blocks[0].GetProperty("text").GetString()!);
        Assert.DoesNotContain(ReportFixture.Secret, Assert.Single(hook.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_is_retried_with_backoff_until_the_message_is_taken()
    {
        using var fixture = await ReportFixture.CreateAsync(perf: false, chaos: false, e2e: false);
        await using var hook = WebhookListener.Start(HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests, HttpStatusCode.OK);

        Assert.Equal(0, fixture.Run("notify", "--webhook", hook.Url, "--attempts", "3"));

        Assert.Equal(3, hook.Requests.Count);
        Assert.Single(hook.Requests.Select(r => r.Body).Distinct());
        Assert.Contains("(slack, attempt 3).", fixture.Out, StringComparison.Ordinal);
        // Waits of 1 s and 2 s between the attempts.
        var gaps = hook.Requests.Zip(hook.Requests.Skip(1), (a, b) => (b.At - a.At).TotalSeconds).ToList();
        Assert.InRange(gaps[0], 0.9, 5);
        Assert.InRange(gaps[1], 1.9, 6);
    }

    [Fact]
    public async Task A_webhook_that_does_not_answer_in_time_fails_after_the_retries_in_one_line_exit_1()
    {
        using var fixture = await ReportFixture.CreateAsync(perf: false, chaos: false, e2e: false);
        await using var hook = WebhookListener.Start(delay: TimeSpan.FromSeconds(5));

        Assert.Equal(1, fixture.Run("notify", "--webhook", hook.Url, "--timeout", "1", "--attempts", "2"));

        Assert.Equal(2, hook.Requests.Count);
        Assert.Equal($"hologram: the webhook at http://127.0.0.1:{hook.Port} did not take the message after 2 attempts: no answer within 1 s", fixture.Error.TrimEnd());
        Assert.Empty(fixture.Out);
    }

    [Fact]
    public async Task A_refused_message_is_not_retried()
    {
        using var fixture = await ReportFixture.CreateAsync(perf: false, chaos: false, e2e: false);
        await using var hook = WebhookListener.Start(HttpStatusCode.BadRequest, HttpStatusCode.OK);

        Assert.Equal(1, fixture.Run("notify", "--webhook", hook.Url));

        Assert.Single(hook.Requests);
        Assert.Equal($"hologram: the webhook at http://127.0.0.1:{hook.Port} did not take the message after 1 attempt: HTTP 400 Bad Request", fixture.Error.TrimEnd());
    }

    [Fact]
    public async Task A_closed_port_is_a_network_error_retried_then_reported()
    {
        using var fixture = await ReportFixture.CreateAsync(perf: false, chaos: false, e2e: false);
        var port = WebhookListener.FreePort();

        Assert.Equal(1, fixture.Run("notify", "--webhook", $"http://127.0.0.1:{port}/services/{WebhookListener.Token}", "--attempts", "2"));

        Assert.StartsWith($"hologram: the webhook at http://127.0.0.1:{port} did not take the message after 2 attempts: ConnectionError", fixture.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookListener.Token, fixture.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example/hook", "slack", "hologram: --webhook is not an http or https URL")]
    [InlineData("not a url", "slack", "hologram: --webhook is not an http or https URL")]
    [InlineData("http://127.0.0.1:9/x", "email", "hologram: --format 'email' is not slack or teams")]
    public async Task Bad_options_are_one_line_exit_2(string url, string format, string expected)
    {
        using var fixture = await ReportFixture.CreateAsync(history: false, perf: false, chaos: false, e2e: false);

        Assert.Equal(2, fixture.Run("notify", "--webhook", url, "--format", format));

        Assert.Equal(expected, fixture.Error.TrimEnd());
    }

    /// <summary>An incoming-webhook server on loopback answering each request with the next status (the last one repeats).</summary>
    private sealed class WebhookListener : IAsyncDisposable
    {
        public const string Token = "T0001/B0002/xoxbSecretWebhookToken";

        private readonly HttpListener listener = new();
        private readonly Queue<HttpStatusCode> statuses;
        private readonly TimeSpan delay;
        private readonly Task loop;
        private readonly CancellationTokenSource stop = new();

        private WebhookListener(HttpStatusCode[] statuses, TimeSpan delay)
        {
            this.statuses = new Queue<HttpStatusCode>(statuses.Length == 0 ? [HttpStatusCode.OK] : statuses);
            this.delay = delay;
            Port = FreePort();
            listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            listener.Start();
            loop = Task.Run(ServeAsync);
        }

        public int Port { get; }

        public string Url => $"http://127.0.0.1:{Port}/services/{Token}";

        public ConcurrentQueue<(DateTimeOffset At, string Body, string? ContentType)> RequestQueue { get; } = new();

        public List<(DateTimeOffset At, string Body, string? ContentType)> Requests => [.. RequestQueue];

        public static WebhookListener Start(params HttpStatusCode[] statuses) => new(statuses, TimeSpan.Zero);

        public static WebhookListener Start(TimeSpan delay) => new([HttpStatusCode.OK], delay);

        public static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            listener.Close();
            try
            {
                await loop;
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
            {
                // The listener is closed under the loop.
            }

            stop.Dispose();
        }

        private async Task ServeAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var request = await listener.GetContextAsync();
                using var reader = new StreamReader(request.Request.InputStream);
                RequestQueue.Enqueue((DateTimeOffset.UtcNow, await reader.ReadToEndAsync(), request.Request.ContentType));
                var status = statuses.Count > 1 ? statuses.Dequeue() : statuses.Peek();
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await Task.Delay(delay, stop.Token);
                        request.Response.StatusCode = (int)status;
                        request.Response.Close();
                    }
                    catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
                    {
                        // The client gave up (timeout) or the listener is closing.
                    }
                });
            }
        }
    }
}
