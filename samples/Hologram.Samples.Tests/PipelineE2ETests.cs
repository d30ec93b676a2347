using Hologram.Testing;
using Hologram.Testing.Xunit;

namespace Hologram.Samples.Tests;

/// <summary>
/// End-to-end tests: they need a running content store. Without one (IPFS_API unset or not listening) they are
/// reported as skipped with the reason, so a CI job without the service stays green and says why.
/// </summary>
[Phase8E2E]
public class PipelineE2ETests
{
    [Fact]
    public async Task Content_added_to_the_store_can_be_read_back()
    {
        var api = Services.Require("IPFS_API");
        using var http = new HttpClient { BaseAddress = new Uri(api) };
        using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode);
    }

    [Fact]
    public void Search_needs_the_graphql_endpoint()
    {
        var graphql = Services.Require("GRAPHQL_URL");
        Assert.StartsWith("http", graphql, StringComparison.Ordinal);
    }
}
