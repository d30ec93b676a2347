namespace Hologram.Samples.Service;

/// <summary>A published item of the marketplace: a CID with metadata.</summary>
public sealed record Listing(string Id, string Cid, string Name, string Description, IReadOnlyList<string> Tags, DateTimeOffset PublishedAt);
