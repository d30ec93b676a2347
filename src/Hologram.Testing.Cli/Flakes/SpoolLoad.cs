namespace Hologram.Testing.Cli.Flakes;

/// <summary>What one ingest loaded: spool files read and records stored.</summary>
/// <param name="Files">Spool files read.</param>
/// <param name="Records">Records loaded into the store.</param>
internal readonly record struct SpoolLoad(int Files, int Records);
