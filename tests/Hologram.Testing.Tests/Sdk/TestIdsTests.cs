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

    [Fact]
    public void Resolve_keeps_ids_no_other_case_shares_and_suffixes_the_colliding_ones_from_their_own_key()
    {
        var ids = TestIds.Resolve(["M(\"a b\")", "M(\"a b\")", "M(1)"], ["k1", "k2", "k3"]);

        Assert.Equal("M(1)", ids[2]);
        Assert.Matches("^M\\(\"a b\"\\)#[0-9a-f]{8}$", ids[0]);
        Assert.Matches("^M\\(\"a b\"\\)#[0-9a-f]{8}$", ids[1]);
        Assert.NotEqual(ids[0], ids[1]);
        // A case's suffix comes from its own key: the same whatever else is in the group, or its position.
        Assert.Equal(ids[1], TestIds.Resolve(["M(\"a b\")", "M(\"a b\")"], ["k2", "other"])[0]);
    }

    [Fact]
    public void Identical_rows_are_numbered_in_declaration_order()
    {
        var ids = TestIds.Resolve(["M(1)", "M(1)", "M(1)"], ["same", "same", "other"]);

        Assert.Equal(3, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.EndsWith("~1", ids[0], StringComparison.Ordinal);
        Assert.EndsWith("~2", ids[1], StringComparison.Ordinal);
        Assert.DoesNotContain("~", ids[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Exact_arguments_tell_apart_what_the_display_form_hides()
    {
        string[] texts = ["a b", "a\tb", "a\u0001b", "a\u00a0b", new string('x', 60) + "1", new string('x', 60) + "2"];
        var exact = texts.Select(t => TestIds.ExactArguments([t])).ToList();

        Assert.Equal(texts.Length, exact.Distinct(StringComparer.Ordinal).Count());
        Assert.NotEqual(TestIds.ExactArguments([0.1 + 0.2]), TestIds.ExactArguments([0.3]));
        Assert.NotEqual(TestIds.ExactArguments([new[] { 1 }]), TestIds.ExactArguments([new[] { 2 }]));
        Assert.NotEqual(TestIds.ExactArguments([1]), TestIds.ExactArguments([1L]));
        Assert.DoesNotContain(exact, e => e.Any(char.IsControl));
    }

    [Fact]
    public void Observations_of_one_attempt_that_share_an_id_are_numbered_in_run_order()
    {
        var observations = TestIds.Distinct(
            [TestObservation.Passed("M(x)", "a", 1), TestObservation.Passed("M(x)", "b", 1), TestObservation.Passed("M(y)", "c", 1)]);

        Assert.Equal(["M(x)~1", "M(x)~2", "M(y)"], observations.Select(o => o.TestId));
    }

    [Fact]
    public void Resolving_cases_reads_the_exact_key_only_of_cases_whose_readable_ids_collide()
    {
        var cases = new[] { ("M(1)", "k1"), ("M(\"a\")", "k2"), ("M(\"a\")", "k3"), ("M(2)", "k4") };
        var asked = new List<string>();

        var ids = TestIds.Resolve(cases, c => c.Item1, c =>
        {
            asked.Add(c.Item2);
            return c.Item2;
        });

        Assert.Equal(["k2", "k3"], asked);
        Assert.Equal(TestIds.Resolve(cases.Select(c => c.Item1).ToList(), cases.Select(c => c.Item2).ToList()), ids);
    }
}
