using System.Text.Json.Nodes;
using Hologram.Testing.Security;
using Xunit;

namespace Hologram.Testing.Tests.Security;

public sealed class JsonRedactionTests
{
    [Fact]
    public void Every_string_in_a_tree_is_redacted_and_other_values_are_kept()
    {
        var secret = "Host=db;Username=ci;Password=Tr0ub4dor&3xyz";
        var node = JsonNode.Parse($$"""{"store":"{{secret}}","n":3,"ok":true,"list":["plain","{{secret}}",{"inner":"{{secret}}"}],"none":null}""");

        var result = SecretRedactor.Default.Redact(node)!.ToJsonString();

        Assert.DoesNotContain("Tr0ub4dor", result, StringComparison.Ordinal);
        Assert.Contains("\"n\":3", result, StringComparison.Ordinal);
        Assert.Contains("\"ok\":true", result, StringComparison.Ordinal);
        Assert.Contains("\"plain\"", result, StringComparison.Ordinal);
        Assert.Contains("\"none\":null", result, StringComparison.Ordinal);
        Assert.Equal(3, result.Split("[REDACTED:").Length - 1);
    }

    [Fact]
    public void A_secret_in_a_property_name_is_redacted_too()
    {
        var node = JsonNode.Parse("""{"https://deploy:Sup3rS3cret!@ci.example.org/hook":"x"}""");

        var result = SecretRedactor.Default.Redact(node)!.ToJsonString();

        Assert.DoesNotContain("Sup3rS3cret", result, StringComparison.Ordinal);
        Assert.Contains("\"x\"", result, StringComparison.Ordinal);
    }
}
