namespace Hologram.Testing.Conformance.Tests;

/// <summary>One adapter's fixture project (tests/fixtures/…), with the same tests in namespace <c>Conformance</c>.</summary>
/// <param name="Name">The adapter name the run records (<c>xunit2</c>, <c>xunit3</c>, <c>nunit</c>).</param>
/// <param name="Project">The fixture project's folder and file name.</param>
/// <param name="CategoryProperty">The VSTest filter property the framework's adapter gives a test's categories.</param>
public sealed record AdapterFixture(string Name, string Project, string CategoryProperty = "Category")
{
    public static readonly AdapterFixture XunitV2 = new("xunit2", "ConformanceXunitV2");
    public static readonly AdapterFixture XunitV3 = new("xunit3", "ConformanceXunitV3");
    public static readonly AdapterFixture NUnit = new("nunit", "ConformanceNUnit");
    public static readonly AdapterFixture TUnit = new("tunit", "ConformanceTUnit") { RunsAsExecutable = true };

    public static readonly AdapterFixture MSTest = new("mstest", "ConformanceMSTest", "TestCategory");

    public static readonly IReadOnlyList<AdapterFixture> All = [XunitV2, XunitV3, NUnit, TUnit, MSTest];

    /// <summary>True for a Microsoft Testing Platform executable that runs with <c>dotnet run</c>, not <c>dotnet test</c> (see <see cref="ExecutableRun"/>).</summary>
    public bool RunsAsExecutable { get; init; }

    public static AdapterFixture Named(string name) => All.Single(a => a.Name == name);
}
