using Hologram.Testing.Sdk;

namespace Hologram.Testing.Tests.Sdk;

public sealed class TestIdsTests
{
    [Fact]
    public void Arguments_are_formatted_the_way_xunit_shows_a_data_row()
    {
        var formatted = TestIds.FormatArguments(["n", "text", "c", "flag", "none", "ratio"], [1, "a b", 'x', true, null, 1.5]);

        Assert.Equal("(n: 1, text: \"a b\", c: 'x', flag: True, none: null, ratio: 1.5)", formatted);
        Assert.Equal("Ns.C.M(value: 1)", TestIds.Create("Ns.C", "M", TestIds.FormatArguments(["value"], [1])));
    }

    [Fact]
    public void Values_beyond_the_named_parameters_keep_their_position()
    {
        Assert.Equal("(a: 1, 2)", TestIds.FormatArguments(["a"], [1, 2]));
    }
}
