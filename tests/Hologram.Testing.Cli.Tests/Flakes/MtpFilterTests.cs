using Hologram.Testing.Cli.Flakes;

namespace Hologram.Testing.Cli.Tests.Flakes;

public sealed class MtpFilterTests
{
    [Theory]
    [InlineData("xunit3", "XunitV3")]
    [InlineData("xUnit.v3", "XunitV3")]
    [InlineData("tunit", "TreeNode")]
    [InlineData("mstest", "VsTest")]
    [InlineData("nunit", "VsTest")]
    [InlineData("xunit2", "VsTest")]
    [InlineData(null, "VsTest")]
    public void Each_framework_gets_the_form_it_accepts(string? framework, string form)
    {
        Assert.Equal(form, MtpFilter.FormOf(framework).ToString());
    }

    [Fact]
    public void XunitV3_gets_one_filter_method_per_method_and_data_rows_select_their_method()
    {
        var tests = new[] { Test("Ns.C.M(x: 1)"), Test("Ns.C.M(x: 2)"), Test("Ns.Outer+Inner.N") };

        Assert.Equal("--filter-method Ns.C.M --filter-method Ns.Outer+Inner.N", MtpFilter.Arguments(MtpFilterForm.XunitV3, tests, out var exact));
        Assert.True(exact);
    }

    [Fact]
    public void MSTest_and_NUnit_get_the_vstest_expression_quoted_for_the_shell()
    {
        var tests = new[] { Test("Ns.B.Two"), Test("Ns.A.One") };

        Assert.Equal("--filter 'FullyQualifiedName=Ns.A.One|FullyQualifiedName=Ns.B.Two'", MtpFilter.Arguments(MtpFilterForm.VsTest, tests, out _));
    }

    [Fact]
    public void TUnit_tests_of_one_class_get_an_exact_tree_node_filter()
    {
        var tests = new[] { Test("App.Tests.Payments.Refund"), Test("App.Tests.Payments.Charge(100)") };

        Assert.Equal("--treenode-filter '/*/App.Tests/Payments/(Charge)|(Refund)'", MtpFilter.Arguments(MtpFilterForm.TreeNode, tests, out var exact));
        Assert.True(exact);
    }

    [Fact]
    public void TUnit_tests_of_several_classes_are_a_superset_and_say_so()
    {
        var tests = new[] { Test("App.Tests.Payments.Refund"), Test("App.Tests.Search.Ranks") };

        Assert.Equal("--treenode-filter '/*/App.Tests/(Payments)|(Search)/(Ranks)|(Refund)'", MtpFilter.Arguments(MtpFilterForm.TreeNode, tests, out var exact));
        Assert.False(exact);

        var sameMethod = new[] { Test("App.Tests.Payments.Works"), Test("App.Tests.Search.Works") };
        Assert.Equal("--treenode-filter '/*/App.Tests/(Payments)|(Search)/Works'", MtpFilter.Arguments(MtpFilterForm.TreeNode, sameMethod, out var exactToo));
        Assert.True(exactToo);
    }

    [Fact]
    public void Tree_node_special_characters_are_escaped()
    {
        var tests = new[] { new FailedTest("Ns.C`1.M", "Ns.C`1", "tunit"), new FailedTest("Ns.C`1.N", "Ns.C`1", "tunit") };

        Assert.Equal("--treenode-filter '/*/Ns/C`1/(M)|(N)'", MtpFilter.Arguments(MtpFilterForm.TreeNode, tests, out _));
        var odd = new[] { new FailedTest("Ns.A&B[1]=*.M", "Ns.A&B[1]=*", "tunit") };
        Assert.Equal("--treenode-filter '/*/Ns/A\\&B\\[1\\]\\=\\*/M'", MtpFilter.Arguments(MtpFilterForm.TreeNode, odd, out _));
    }

    [Theory]
    [InlineData("Ns.C.M", "Ns.C.M")]
    [InlineData("Ns.Outer+Inner.M", "Ns.Outer+Inner.M")]
    [InlineData("a b", "'a b'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("A|B", "'A|B'")]
    [InlineData("Ns.C`1.M", "'Ns.C`1.M'")]
    public void Values_are_quoted_for_a_posix_shell_only_when_needed(string value, string quoted)
    {
        Assert.Equal(quoted, MtpFilter.Quote(value));
    }

    private static FailedTest Test(string id)
    {
        var method = VsTestFilter.MethodOf(id);
        return new FailedTest(id, method[..method.LastIndexOf('.')], null);
    }
}
