namespace Hologram.Testing.Cli.Flakes;

/// <summary>How a Microsoft Testing Platform test application is told which tests to run; it depends on the framework.</summary>
internal enum MtpFilterForm
{
    /// <summary>xUnit.net v3's own options: <c>--filter-method Ns.Class.Method</c>, once per method (exact).</summary>
    XunitV3,

    /// <summary>MSTest and NUnit (and xUnit.net v2 through a VSTest bridge): the VSTest expression, <c>--filter 'FullyQualifiedName=…|…'</c> (exact).</summary>
    VsTest,

    /// <summary>TUnit: the platform's tree filter, <c>--treenode-filter '/*/Namespace/Class/Method'</c>.</summary>
    TreeNode,
}
