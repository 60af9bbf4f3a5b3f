using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Jobs.Campaigns;

/// <summary>The 春送岗位 spring campaign (one a year, city-wide or a district's) or a job fair (招聘会) on a day at a place.</summary>
public enum CampaignKind { SpringJobs = 0, JobFair = 1 }

/// <summary>A campaign or job fair that groups posts: the posts carry its id; its page lists them.</summary>
public sealed class JobCampaign : IAudited
{
    private JobCampaign() { }

    public Guid Id { get; private set; }
    public CampaignKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public string? Place { get; private set; }
    /// <summary>The organising union's path: staff below it may add posts to it.</summary>
    public string ScopePath { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public static JobCampaign Create(CampaignKind kind, string name, DateOnly starts, DateOnly ends, string? place, string scopePath, DateTimeOffset at, string by) => new()
    {
        Id = Guid.CreateVersion7(), Kind = kind, Name = name, StartsOn = starts, EndsOn = ends, Place = place, ScopePath = scopePath, CreatedAt = at, CreatedBy = by,
    };
}
