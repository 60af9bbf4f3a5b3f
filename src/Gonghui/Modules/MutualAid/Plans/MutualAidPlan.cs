using Gonghui.Platform.Audit;

namespace Gonghui.Modules.MutualAid.Plans;

public enum PlanKind { Inpatient = 0, OutpatientSpecialDisease = 1, CriticalIllness = 2, FemaleSpecificDisease = 3 }

/// <summary>A yearly mutual-aid plan (职工医疗互助) with its rules as data.</summary>
public sealed class MutualAidPlan : IAudited
{
    private MutualAidPlan() { }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public int Year { get; private set; }
    public PlanKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public long FeeFen { get; private set; }
    public DateOnly EnrolFrom { get; private set; }
    public DateOnly EnrolTo { get; private set; }
    public int WaitingDays { get; private set; }
    public long DeductibleFen { get; private set; }
    /// <summary>Bands as "upTo:ratioBp;…;*:ratioBp" (see <see cref="PlanRules.FormatBands"/>).</summary>
    public string Bands { get; private set; } = "";
    public long PerClaimCapFen { get; private set; }
    public long PerYearCapFen { get; private set; }

    public static MutualAidPlan Create(string code, int year, PlanKind kind, string name, long feeFen, DateOnly enrolFrom, DateOnly enrolTo, int waitingDays, PlanRules rules)
    {
        if (rules.Validate() is { } e) throw new ArgumentException(e, nameof(rules));
        return new MutualAidPlan
        {
            Id = Guid.CreateVersion7(), Code = code, Year = year, Kind = kind, Name = name, FeeFen = feeFen, EnrolFrom = enrolFrom, EnrolTo = enrolTo,
            WaitingDays = waitingDays, DeductibleFen = rules.DeductibleFen, Bands = PlanRules.FormatBands(rules.Bands),
            PerClaimCapFen = rules.PerClaimCapFen, PerYearCapFen = rules.PerYearCapFen,
        };
    }

    public PlanRules Rules()
    {
        PlanRules.TryParseBands(Bands, out var bands);
        return new PlanRules(DeductibleFen, bands, PerClaimCapFen, PerYearCapFen);
    }
}

/// <summary>A member's enrolment in a plan by their grassroots union, with the fee paid and when cover starts.</summary>
public sealed class MutualAidEnrolment : IAudited
{
    private MutualAidEnrolment() { }

    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public Guid MemberId { get; private set; }
    public Guid UnionId { get; private set; }
    public DateOnly EnrolledOn { get; private set; }
    public DateOnly CoverStart { get; private set; }
    public bool IsRenewal { get; private set; }
    public long FeeFen { get; private set; }
    public string By { get; private set; } = "";

    public static MutualAidEnrolment Create(MutualAidPlan plan, Guid memberId, Guid unionId, DateOnly on, bool renewal, string by) => new()
    {
        Id = Guid.CreateVersion7(), PlanId = plan.Id, MemberId = memberId, UnionId = unionId, EnrolledOn = on, IsRenewal = renewal,
        CoverStart = EnrolmentRules.CoverStart(plan.Year, on, renewal, plan.WaitingDays), FeeFen = plan.FeeFen, By = by,
    };
}
