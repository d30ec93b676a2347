using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Transport;
using Hologram.Samples.Service;
using Microsoft.AspNetCore.RateLimiting;

// The sample service. Settings (command line --Service:Key=value or environment Service__Key):
//   DataDir (./data), MaxConcurrent (8) and QueueLimit (16) per endpoint group, RetryAfterSeconds (1),
//   GraphQlDelayMs (0, slows GraphQL down to show backpressure), StoreUrl (an upstream store the marketplace checks
//   CIDs against; without it, the local store).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = null); // IPFS-style names: Hash, Size
var settings = builder.Configuration.GetSection("Service");
var dataDir = Path.GetFullPath(settings["DataDir"] ?? "data");
var maxConcurrent = settings.GetValue("MaxConcurrent", 8);
var queueLimit = settings.GetValue("QueueLimit", 16);
var retryAfter = settings.GetValue("RetryAfterSeconds", 1);
var graphQlDelay = TimeSpan.FromMilliseconds(settings.GetValue("GraphQlDelayMs", 0));
var storeUrl = settings["StoreUrl"] is { Length: > 0 } url ? new Uri(url.TrimEnd('/') + "/") : null;

var store = new ContentStore(dataDir);
using var market = new Marketplace(dataDir);
var schema = new MarketSchema(market);
var executer = new DocumentExecuter();
var serializer = new GraphQLSerializer();
using var upstream = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };

builder.Services.AddRateLimiter(limiter =>
{
    // Bounded queues: a full queue is answered at once with 503 (store) or 429 (GraphQL) and a Retry-After.
    limiter.AddConcurrencyLimiter("store", o => { o.PermitLimit = maxConcurrent; o.QueueLimit = queueLimit; o.QueueProcessingOrder = QueueProcessingOrder.OldestFirst; });
    limiter.AddConcurrencyLimiter("graphql", o => { o.PermitLimit = maxConcurrent; o.QueueLimit = queueLimit; o.QueueProcessingOrder = QueueProcessingOrder.OldestFirst; });
    limiter.OnRejected = (context, _) =>
    {
        var http = context.HttpContext;
        http.Response.StatusCode = http.Request.Path.StartsWithSegments("/graphql") ? StatusCodes.Status429TooManyRequests : StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    };
});

var app = builder.Build();
app.UseRateLimiter();

app.MapGet("/health", () => Results.Ok(new { status = "ok", listings = market.Count }));

app.MapMethods("/api/v0/add", ["POST"], async (HttpRequest request, CancellationToken ct) =>
{
    byte[] content;
    string? name = null;
    if (request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true)
    {
        var form = await request.ReadFormAsync(ct);
        if (form.Files.Count == 0)
        {
            return Results.BadRequest(new { Message = "no file in the form" });
        }

        name = form.Files[0].FileName;
        using var buffer = new MemoryStream();
        await form.Files[0].CopyToAsync(buffer, ct);
        content = buffer.ToArray();
    }
    else
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        content = buffer.ToArray();
    }

    var (cid, size) = await store.AddAsync(content, ct);
    return Results.Ok(new { Name = name ?? cid, Hash = cid, Size = size });
}).RequireRateLimiting("store");

app.MapMethods("/api/v0/cat", ["POST", "GET"], async (string? arg, CancellationToken ct) =>
    await store.ReadAsync(arg ?? string.Empty, ct) is { } bytes
        ? Results.Bytes(bytes, "application/octet-stream")
        : Results.NotFound(new { Message = $"block {arg} not found" })).RequireRateLimiting("store");

app.MapMethods("/api/v0/block/stat", ["POST", "GET"], async (string? arg, CancellationToken ct) =>
    await store.ReadAsync(arg ?? string.Empty, ct) is { } bytes
        ? Results.Ok(new { Key = arg, Size = bytes.Length })
        : Results.NotFound(new { Message = $"block {arg} not found" })).RequireRateLimiting("store");

app.MapPost("/api/market/publish", async (PublishRequest publish, HttpResponse response, CancellationToken ct) =>
{
    if (!Cid.IsValid(publish.Cid) || string.IsNullOrWhiteSpace(publish.Name))
    {
        return Results.BadRequest(new { Message = "a valid cid and a name are required" });
    }

    if (storeUrl is null)
    {
        if (!store.Contains(publish.Cid))
        {
            return Results.UnprocessableEntity(new { Message = $"cid {publish.Cid} is not in the store" });
        }
    }
    else
    {
        try
        {
            using var stat = await upstream.PostAsync(new Uri(storeUrl, $"api/v0/block/stat?arg={publish.Cid}"), null, ct);
            if (stat.StatusCode == HttpStatusCode.NotFound)
            {
                return Results.UnprocessableEntity(new { Message = $"cid {publish.Cid} is not in the store" });
            }

            stat.EnsureSuccessStatusCode();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // The store this marketplace depends on is down: say so, and when to try again.
            response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return Results.Json(new { Message = "the content store is unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    var listing = await market.PublishAsync(publish.Cid, publish.Name, publish.Description ?? string.Empty, publish.Tags ?? [], ct);
    return Results.Created($"/api/market/resolve/{listing.Id}", listing);
}).RequireRateLimiting("store");

app.MapGet("/api/market/resolve/{idOrCid}", (string idOrCid) =>
    market.Resolve(idOrCid) is { } listing ? Results.Ok(listing) : Results.NotFound(new { Message = $"{idOrCid} is not published" }));

app.MapPost("/graphql", async (HttpContext http, CancellationToken ct) =>
{
    var request = await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, ct);
    if (request?.Query is null)
    {
        return Results.BadRequest(new { Message = "a GraphQL request with a query is required" });
    }

    if (graphQlDelay > TimeSpan.Zero)
    {
        await Task.Delay(graphQlDelay, ct);
    }

    var result = await executer.ExecuteAsync(options =>
    {
        options.Schema = schema;
        options.Query = request.Query;
        options.Variables = request.Variables;
        options.OperationName = request.OperationName;
        options.CancellationToken = ct;
    });
    http.Response.ContentType = "application/json";
    await serializer.WriteAsync(http.Response.Body, result, ct);
    return Results.Empty;
}).RequireRateLimiting("graphql");

app.Lifetime.ApplicationStarted.Register(() =>
    Console.WriteLine($"sample service listening on {string.Join(", ", app.Urls)}, data in {dataDir}, {market.Count} listings"));
await app.RunAsync();
