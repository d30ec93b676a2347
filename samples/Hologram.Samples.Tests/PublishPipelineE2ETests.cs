using System.Text;
using Hologram.Testing.E2E;
using Hologram.Testing.Xunit;
using Xunit.Abstractions;

namespace Hologram.Samples.Tests;

/// <summary>
/// The publish pipeline end to end against the real sample service: content add → CID → marketplace publish → resolve →
/// GraphQL search, each step timed and logged to <c>reports/e2e/events.jsonl</c> (see <c>hologram e2e summary</c>).
/// Skipped, with the reason, when the service binary is absent.
/// </summary>
[Phase8E2E]
public sealed class PublishPipelineE2ETests(ITestOutputHelper output)
{
    [Fact]
    public async Task Content_goes_from_add_to_search_and_every_step_is_logged()
    {
        await using var service = await SampleService.StartAsync("pipeline-store", output);
        var log = new E2EEventLog(test: nameof(Content_goes_from_add_to_search_and_every_step_is_logged));
        using var http = E2EHttp.CreateClient(service.Url, new E2ERetryOptions { OnRetry = r => output.WriteLine($"retry {r.Attempt}: {r.Reason}, waiting {r.Delay}") });
        var content = Encoding.UTF8.GetBytes($"hologram sample {Guid.NewGuid()}");

        var cid = await log.StepAsync("add", async step =>
        {
            var added = await SampleClient.AddAsync(http, content);
            step.Data["cid"] = added;
            step.Data["size"] = content.Length;
            return added;
        });
        await log.StepAsync("cat", async () => Assert.Equal(content, await SampleClient.CatAsync(http, cid)));
        var id = await log.StepAsync("publish", async step =>
        {
            var listing = await SampleClient.PublishAsync(http, cid, "pipeline item");
            step.Data["cid"] = cid;
            step.Data["listing"] = listing;
            return listing;
        });
        await log.StepAsync("resolve", async () => Assert.Equal(cid, await SampleClient.ResolveAsync(http, id)));
        await log.StepAsync("search", async step =>
        {
            var found = await SampleClient.SearchAsync(http, "pipeline");
            step.Data["hits"] = found.Count;
            Assert.Contains(cid, found);
        });

        Assert.StartsWith("bafkrei", cid, StringComparison.Ordinal);
        var mine = E2EEventLog.Read(log.Path, out _).Where(e => e.RunId == log.RunId && e.Test == log.Test).ToList();
        Assert.Equal(["add", "cat", "publish", "resolve", "search"], mine.TakeLast(5).Select(e => e.Step));
        Assert.All(mine.TakeLast(5), e => Assert.Equal(E2EStatus.Pass, e.Status));
        Assert.Equal(cid, mine.TakeLast(5).First().Data!["cid"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failed_step_is_logged_as_failed_with_its_error()
    {
        await using var service = await SampleService.StartAsync("pipeline-failure", output);
        // A failure on purpose: logged to a log of its own, so the suite's events.jsonl holds only real outcomes.
        var path = Path.Combine(Path.GetTempPath(), $"hologram-e2e-{Guid.NewGuid():N}.jsonl");
        var log = new E2EEventLog(path, test: nameof(A_failed_step_is_logged_as_failed_with_its_error));
        using var http = E2EHttp.CreateClient(service.Url, new E2ERetryOptions { MaxRetries = 0 });

        await Assert.ThrowsAsync<HttpRequestException>(() => log.StepAsync("publish-unknown", () =>
            SampleClient.PublishAsync(http, "bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq", "not in the store")));

        var last = E2EEventLog.Read(log.Path, out _).Last(e => e.RunId == log.RunId && e.Test == log.Test);
        Assert.Equal(E2EStatus.Fail, last.Status);
        Assert.Contains("422", last.Data!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        File.Delete(path);
    }
}
