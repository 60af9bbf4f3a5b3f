namespace Gonghui.Modules.Jobs.Public;

/// <summary>Where other modules and services link to jobs: a post's public page, the search, the open-data feed.</summary>
public static class JobLinks
{
    public const string Search = "/jobs";
    public const string Feed = "/api/v1/jobs/feed";
    public static string Post(Guid id) => $"/jobs/{id}";
}
