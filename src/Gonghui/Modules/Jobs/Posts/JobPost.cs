using Gonghui.Modules.Jobs.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Jobs.Posts;

/// <summary>schema.org employmentType values a post may carry.</summary>
public enum EmploymentType { FullTime = 0, PartTime = 1, Contractor = 2, Temporary = 3, Intern = 4, PerDiem = 5 }

/// <summary>
/// Where a post is in its life: drafted by union staff for an employer, submitted for review, published (searchable, open to
/// applications), rejected, filled (every place taken: closed for applications), or withdrawn.
/// </summary>
public enum PostStatus { Draft = 0, Pending = 1, Published = 2, Rejected = 3, Filled = 4, Withdrawn = 5 }

/// <summary>
/// A job post (岗位) of an employer from the registry, with the fields of schema.org JobPosting. The salary range is monthly, in
/// fen, and required (min ≤ max); the occupation is a leaf code of the 2022 classification, kept with its groups so that a
/// search by group is an equality on an indexed column. <see cref="ScopePath"/> is the employer's union (or its district union):
/// the staff who may see and edit it. Places filled are counted on the row; the last place closes the post (<see cref="PostStatus.Filled"/>).
/// </summary>
public sealed class JobPost : IAudited
{
    private JobPost() { }

    public Guid Id { get; private set; }
    public Guid EmployerId { get; private set; }
    public string EmployerName { get; private set; } = "";
    public string EmployerCreditCode { get; private set; } = "";
    public string ScopePath { get; private set; } = "";
    /// <summary>GB/T 2260 code of the job's district (110105 朝阳区).</summary>
    public string DistrictCode { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string OccupationCode { get; private set; } = "";
    public string OccupationMajor { get; private set; } = "";
    public string OccupationMedium { get; private set; } = "";
    public string OccupationSmall { get; private set; } = "";
    public EmploymentType EmploymentType { get; private set; }
    public long SalaryMinFen { get; private set; }
    public long SalaryMaxFen { get; private set; }
    public int Headcount { get; private set; }
    public int Filled { get; private set; }
    public string Address { get; private set; } = "";
    /// <summary>WGS-84 latitude and longitude of the workplace.</summary>
    public double Lat { get; private set; }
    public double Lng { get; private set; }
    public DateOnly ValidThrough { get; private set; }
    public PostStatus Status { get; private set; }
    /// <summary>The 春送岗位 campaign or job fair the post was collected for.</summary>
    public Guid? CampaignId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    /// <summary>When review published it (schema.org datePosted); the creation time until then, so the column is never empty.</summary>
    public DateTimeOffset PostedAt { get; private set; }
    public string? ReviewedBy { get; private set; }
    public string? ReviewNote { get; private set; }
    public int Version { get; private set; }

    public bool IsOpen(DateOnly today) => Status == PostStatus.Published && ValidThrough >= today && Filled < Headcount;

    public static JobPost Draft(Guid id, PostFields f, Guid employerId, string employerName, string creditCode, string scopePath, DateTimeOffset at, string by)
    {
        var p = new JobPost { Id = id, EmployerId = employerId, EmployerName = employerName, EmployerCreditCode = creditCode, ScopePath = scopePath, CreatedAt = at, PostedAt = at, CreatedBy = by };
        p.Set(f);
        return p;
    }

    /// <summary>A post for the bulk path (demo and bench): already reviewed and published at <paramref name="postedAt"/>.</summary>
    public static JobPost Published(Guid id, PostFields f, Guid employerId, string employerName, string creditCode, string scopePath, DateTimeOffset postedAt, string by, int filled = 0)
    {
        var p = Draft(id, f, employerId, employerName, creditCode, scopePath, postedAt, by);
        p.Status = filled >= f.Headcount ? PostStatus.Filled : PostStatus.Published;
        p.PostedAt = postedAt;
        p.ReviewedBy = by;
        p.Filled = Math.Min(filled, f.Headcount);
        return p;
    }

    /// <summary>The post's content (checked by <see cref="PostRules.Validate"/> before).</summary>
    public void Set(PostFields f)
    {
        Title = f.Title; Description = f.Description; DistrictCode = f.DistrictCode; Address = f.Address; Lat = f.Lat; Lng = f.Lng;
        OccupationCode = f.OccupationCode;
        OccupationMajor = Occupations.GroupOf(f.OccupationCode, OccupationLevel.Major);
        OccupationMedium = Occupations.GroupOf(f.OccupationCode, OccupationLevel.Medium);
        OccupationSmall = Occupations.GroupOf(f.OccupationCode, OccupationLevel.Small);
        EmploymentType = f.EmploymentType; SalaryMinFen = f.SalaryMinFen; SalaryMaxFen = f.SalaryMaxFen; Headcount = f.Headcount;
        ValidThrough = f.ValidThrough; CampaignId = f.CampaignId;
        Version++;
    }

    public void Submit() { Status = PostStatus.Pending; Version++; }

    public void Publish(DateTimeOffset at, string by, string? note)
    {
        Status = PostStatus.Published; PostedAt = at; ReviewedBy = by; ReviewNote = note; Version++;
    }

    public void Reject(string by, string note) { Status = PostStatus.Rejected; ReviewedBy = by; ReviewNote = note; Version++; }

    public void Withdraw() { Status = PostStatus.Withdrawn; Version++; }
}
