using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.LaborRelations.Cultivation;

/// <summary>
/// A firm in harmonious-employer cultivation (和谐劳动关系企业培育): a registry enterprise taken into a year's cohort, coached by a lawyer team
/// with legal health checks (法治体检), then recognised (认定, perhaps made a typical example 选树典型) or withdrawn. Kept under the district union.
/// </summary>
public sealed class CultivatedFirm : IAudited
{
    private CultivatedFirm() { }

    public Guid Id { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public string EnterpriseName { get; private set; } = "";
    public string DistrictCode { get; private set; } = "";
    public string ScopePath { get; private set; } = "";
    public int Cohort { get; private set; }
    public DateOnly EnrolledOn { get; private set; }
    /// <summary>The lawyer team that coaches the firm and fills its health checks (firm and lawyers, as written).</summary>
    public string LawyerTeam { get; private set; } = "";
    public int Employees { get; private set; }
    public CultivationStatus Status { get; private set; }
    public int? LatestScore { get; private set; }
    public DateOnly? LatestCheckOn { get; private set; }
    /// <summary>The day cultivation ended: recognised or withdrawn.</summary>
    public DateOnly? EndedOn { get; private set; }
    public bool Typical { get; private set; }
    public string? EndNote { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public int Version { get; private set; }

    public static CultivatedFirm Enrol(Guid id, Guid enterpriseId, string name, string districtCode, string scopePath, int cohort, DateOnly enrolledOn, string lawyerTeam,
        int employees, DateTimeOffset at, string by) => new()
    {
        Id = id, EnterpriseId = enterpriseId, EnterpriseName = name, DistrictCode = districtCode, ScopePath = scopePath, Cohort = cohort, EnrolledOn = enrolledOn,
        LawyerTeam = lawyerTeam, Employees = employees, Status = CultivationStatus.Cultivating, CreatedAt = at, CreatedBy = by,
    };

    public void Checked(DateOnly on, int score)
    {
        if (LatestCheckOn is null || on >= LatestCheckOn) { LatestCheckOn = on; LatestScore = score; }
        Version++;
    }

    public void Recognize(DateOnly on, bool typical, string? note) { Status = CultivationStatus.Recognized; EndedOn = on; Typical = typical; EndNote = note; Version++; }
    public void Withdraw(DateOnly on, string note) { Status = CultivationStatus.Withdrawn; EndedOn = on; EndNote = note; Version++; }
    public void MarkTypical(bool typical) { Typical = typical; Version++; }
}

/// <summary>One legal health check (法治体检) of a cultivated firm: when, by whom, its score out of 100.</summary>
public sealed class HealthCheck : IAudited
{
    private HealthCheck() { }

    public Guid Id { get; private set; }
    public Guid FirmId { get; private set; }
    public DateOnly CheckedOn { get; private set; }
    public string CheckedBy { get; private set; } = "";
    public int Score { get; private set; }
    public string? Summary { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static HealthCheck Of(Guid id, Guid firmId, DateOnly on, string by, int score, string? summary, DateTimeOffset at) =>
        new() { Id = id, FirmId = firmId, CheckedOn = on, CheckedBy = by, Score = score, Summary = summary, CreatedAt = at };
}

/// <summary>One checklist item of a health check as found; a problem carries its rectification deadline and, later, its follow-up.</summary>
public sealed class CheckFinding : IAudited
{
    private CheckFinding() { }

    public Guid Id { get; private set; }
    public Guid CheckId { get; private set; }
    public Guid FirmId { get; private set; }
    public string ItemKey { get; private set; } = "";
    public ItemVerdict Result { get; private set; }
    public string? Note { get; private set; }
    public DateOnly? RectifyBy { get; private set; }
    public DateOnly? RectifiedOn { get; private set; }
    public string? FollowUp { get; private set; }

    public static CheckFinding Of(Guid id, Guid checkId, Guid firmId, ItemFinding f) =>
        new() { Id = id, CheckId = checkId, FirmId = firmId, ItemKey = f.Key, Result = f.Result, Note = f.Note, RectifyBy = f.Result == ItemVerdict.Compliant ? null : f.RectifyBy };

    public void Rectify(DateOnly on, string note) { RectifiedOn = on; FollowUp = note; }
}
