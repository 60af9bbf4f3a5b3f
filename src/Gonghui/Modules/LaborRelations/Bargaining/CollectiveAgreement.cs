using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.LaborRelations.Bargaining;

/// <summary>
/// A collective agreement (集体合同) of one enterprise, an industry or an area: from the bargaining request through the rounds to signing
/// (checked by 集体合同规定), filing with the labour authority and force, with the workers it covers, its wage figures, its expiry and the
/// reminders sent for its renewal. Kept under the district union of its district, like every labour-relations record.
/// </summary>
public sealed class CollectiveAgreement : IAudited
{
    private CollectiveAgreement() { }

    public Guid Id { get; private set; }
    public string Title { get; private set; } = "";
    public AgreementKind Kind { get; private set; }
    public AgreementLevel Level { get; private set; }
    public AgreementForm Form { get; private set; }
    public AgreementStatus Status { get; private set; }
    /// <summary>The registry enterprise of an enterprise agreement; null for an industry or regional one.</summary>
    public Guid? EnterpriseId { get; private set; }
    public string? EnterpriseName { get; private set; }
    /// <summary>The industry of an industry agreement, or the area of a regional one (园区, 街道, 楼宇).</summary>
    public string? Sector { get; private set; }
    public string DistrictCode { get; private set; } = "";
    public string ScopePath { get; private set; } = "";
    /// <summary>The union told of filing and renewal deadlines: the enterprise's union, else the district union.</summary>
    public Guid? NotifyUnitId { get; private set; }
    /// <summary>The 2020 action plan's pledge: no layoffs, or fewer (保就业).</summary>
    public bool NoLayoffPledge { get; private set; }
    public DateOnly RequestedOn { get; private set; }
    public DateOnly? RespondedOn { get; private set; }
    public string? UnionChief { get; private set; }
    public string? EmployerChief { get; private set; }
    public int? UnionReps { get; private set; }
    public int? EmployerReps { get; private set; }
    public int? CongressTotal { get; private set; }
    public int? CongressPresent { get; private set; }
    public int? CongressFor { get; private set; }
    public DateOnly? SignedOn { get; private set; }
    public DateOnly? StartsOn { get; private set; }
    public DateOnly? ExpiresOn { get; private set; }
    public DateOnly? FiledOn { get; private set; }
    public DateOnly? EffectiveOn { get; private set; }
    public int WorkersCovered { get; private set; }
    public int FirmsCovered { get; private set; } = 1;
    /// <summary>Average wage increase agreed, basis points (500 = 5 %).</summary>
    public int? WageIncreaseBp { get; private set; }
    /// <summary>The lowest monthly wage the agreement sets, fen.</summary>
    public long? MinimumWageFen { get; private set; }
    /// <summary>The agreement this one renews, and the one that renewed this.</summary>
    public Guid? RenewsId { get; private set; }
    public Guid? RenewedById { get; private set; }
    public ReminderStage Reminded { get; private set; }
    public bool FilingReminded { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public int Version { get; private set; }

    public static CollectiveAgreement Open(Guid id, string title, AgreementKind kind, AgreementLevel level, AgreementForm form, Guid? enterpriseId, string? enterpriseName,
        string? sector, string districtCode, string scopePath, Guid? notifyUnitId, bool pledge, DateOnly requestedOn, int workers, int firms, Guid? renewsId,
        DateTimeOffset at, string by) => new()
    {
        Id = id, Title = title, Kind = kind, Level = level, Form = form, Status = AgreementStatus.Negotiating, EnterpriseId = enterpriseId, EnterpriseName = enterpriseName,
        Sector = sector, DistrictCode = districtCode, ScopePath = scopePath, NotifyUnitId = notifyUnitId, NoLayoffPledge = pledge, RequestedOn = requestedOn,
        WorkersCovered = workers, FirmsCovered = firms, RenewsId = renewsId, CreatedAt = at, CreatedBy = by,
    };

    public void Respond(DateOnly on) { RespondedOn = on; Version++; }

    public void Sign(SigningFacts f, string? unionChief, string? employerChief)
    {
        Status = AgreementStatus.Signed;
        SignedOn = f.SignedOn; StartsOn = f.StartsOn; ExpiresOn = f.ExpiresOn;
        CongressTotal = f.CongressTotal; CongressPresent = f.CongressPresent; CongressFor = f.CongressFor;
        UnionReps = f.UnionReps; EmployerReps = f.EmployerReps; WorkersCovered = f.WorkersCovered!.Value;
        WageIncreaseBp = f.WageIncreaseBp; MinimumWageFen = f.MinimumWageFen; UnionChief = unionChief; EmployerChief = employerChief;
        Version++;
    }

    public void File(DateOnly filedOn)
    {
        Status = AgreementStatus.Filed;
        FiledOn = filedOn;
        EffectiveOn = BargainingRules.EffectiveOn(filedOn, StartsOn!.Value);
        Version++;
    }

    public void MarkRenewed(Guid by) { Status = AgreementStatus.Renewed; RenewedById = by; Version++; }

    public void Remind(ReminderStage stage) => Reminded = stage;
    public void RemindFiling() => FilingReminded = true;
}

/// <summary>One bargaining round (协商会议): when, the topic, each side's wage offer, the note of the round.</summary>
public sealed class AgreementRound : IAudited
{
    private AgreementRound() { }

    public Guid Id { get; private set; }
    public Guid AgreementId { get; private set; }
    public int No { get; private set; }
    public DateOnly HeldOn { get; private set; }
    public string Topic { get; private set; } = "";
    public int? UnionOfferBp { get; private set; }
    public int? EmployerOfferBp { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public static AgreementRound Of(Guid id, Guid agreementId, int no, DateOnly heldOn, string topic, int? unionOfferBp, int? employerOfferBp, string? note,
        DateTimeOffset at, string by) => new()
    {
        Id = id, AgreementId = agreementId, No = no, HeldOn = heldOn, Topic = topic, UnionOfferBp = unionOfferBp, EmployerOfferBp = employerOfferBp, Note = note,
        CreatedAt = at, CreatedBy = by,
    };
}
