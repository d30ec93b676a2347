namespace Hologram.Samples.Service;

/// <summary>The body of <c>POST /api/market/publish</c>.</summary>
public sealed record PublishRequest(string Cid, string Name, string? Description, IReadOnlyList<string>? Tags);
