using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace Hologram.Samples.Tests;

/// <summary>The calls the pipeline makes, over any <see cref="HttpClient"/> (plain, retrying, or through a chaos proxy).</summary>
internal static class SampleClient
{
    private static readonly string[] SampleTags = ["sample"];

    public static async Task<string> AddAsync(HttpClient http, byte[] content, CancellationToken cancellationToken = default)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", "item.bin" } };
        using var response = await http.PostAsync(new Uri("api/v0/add", UriKind.Relative), form, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("Hash").GetString()!;
    }

    /// <summary>The bytes of <paramref name="cid"/>, or null when the store does not have it.</summary>
    public static async Task<byte[]?> CatAsync(HttpClient http, string cid, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsync(new Uri($"api/v0/cat?arg={cid}", UriKind.Relative), null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    public static async Task<string> PublishAsync(HttpClient http, string cid, string name, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync(new Uri("api/market/publish", UriKind.Relative), new { cid, name, description = "a sample item", tags = SampleTags }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("Id").GetString()!;
    }

    /// <summary>The CID a listing resolves to, or null when it is not published.</summary>
    public static async Task<string?> ResolveAsync(HttpClient http, string idOrCid, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri($"api/market/resolve/{idOrCid}", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("Cid").GetString();
    }

    /// <summary>The CIDs a GraphQL <c>search</c> returns.</summary>
    public static async Task<IReadOnlyList<string>> SearchAsync(HttpClient http, string text, CancellationToken cancellationToken = default)
    {
        var query = new { query = "query Search($text: String!) { search(text: $text) { id cid name } }", variables = new { text } };
        using var response = await http.PostAsJsonAsync(new Uri("graphql", UriKind.Relative), query, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        if (json.RootElement.TryGetProperty("errors", out var errors))
        {
            throw new InvalidOperationException($"GraphQL errors: {errors}");
        }

        return [.. json.RootElement.GetProperty("data").GetProperty("search").EnumerateArray().Select(l => l.GetProperty("cid").GetString()!)];
    }

    public static string Digest(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
