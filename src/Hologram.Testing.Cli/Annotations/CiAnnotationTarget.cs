namespace Hologram.Testing.Cli.Annotations;

/// <summary>The CI system annotations are written for.</summary>
internal enum CiAnnotationTarget
{
    /// <summary>GitHub Actions workflow commands (<c>::error file=…,line=…,title=…::message</c>), when <c>GITHUB_ACTIONS=true</c>.</summary>
    GitHubActions,

    /// <summary>Azure Pipelines logging commands (<c>##vso[task.logissue type=error;sourcepath=…;linenumber=…]message</c>), when <c>TF_BUILD=True</c>.</summary>
    AzurePipelines,
}
