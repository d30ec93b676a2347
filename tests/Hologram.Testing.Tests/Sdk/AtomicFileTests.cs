using System.Text;
using Hologram.Testing.Sdk;
using Xunit;

namespace Hologram.Testing.Tests.Sdk;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hologram-atomicfile-").FullName;

    [Fact]
    public void The_target_is_replaced_and_no_temporary_file_is_left()
    {
        var path = Path.Combine(_root, "report.json");
        File.WriteAllText(path, "old");

        AtomicFile.WriteText(path, "new ✓");

        Assert.Equal("new ✓", File.ReadAllText(path));
        Assert.Equal(Encoding.UTF8.GetBytes("new ✓"), File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_root));
    }

    [Fact]
    public void A_missing_directory_is_created()
    {
        var path = Path.Combine(_root, "a", "b", "badge.svg");

        AtomicFile.Write(path, "<svg/>"u8.ToArray());

        Assert.Equal("<svg/>", File.ReadAllText(path));
    }

    [Fact]
    public void A_reader_holding_the_old_file_keeps_reading_the_old_content()
    {
        var path = Path.Combine(_root, "index.html");
        File.WriteAllText(path, "old content");
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));

        AtomicFile.WriteText(path, "new content");

        Assert.Equal("old content", reader.ReadToEnd());
        Assert.Equal("new content", File.ReadAllText(path));
    }

    [Fact]
    public void A_failing_write_leaves_the_old_file_intact_and_no_temporary_file()
    {
        var path = Path.Combine(_root, "baseline.json");
        File.WriteAllText(path, "old");

        var error = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half of the new"u8);
            throw new InvalidOperationException("serializer failed");
        }));

        Assert.Equal("serializer failed", error.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_root));
    }

    [Fact]
    public void A_failing_first_write_creates_no_file_at_all()
    {
        var path = Path.Combine(_root, "new.json");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, _ => throw new IOException("disk full")));

        Assert.Empty(Directory.GetFiles(_root));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
