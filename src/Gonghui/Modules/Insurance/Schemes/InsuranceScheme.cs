using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Insurance.Schemes;

/// <summary>An accident-insurance scheme (非工伤意外伤害险) for one period, with its causes, COVID-19 date and payout schedule as data.</summary>
public sealed class InsuranceScheme : IAudited
{
    private InsuranceScheme() { }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public int Year { get; private set; }
    public string Name { get; private set; } = "";
    public DateOnly CoverFrom { get; private set; }
    public DateOnly CoverTo { get; private set; }
    /// <summary>COVID-19 counts as a covered accident with onset on or after this date (null: not covered).</summary>
    public DateOnly? CovidFrom { get; private set; }
    /// <summary>Covered cause codes, "traffic;fall;…" (see <see cref="AccidentCauses"/>).</summary>
    public string Causes { get; private set; } = "";
    /// <summary>Family members of front-line workers may be covered (at <see cref="FamilySumInsuredFen"/>).</summary>
    public bool CoversFamily { get; private set; }
    public long SumInsuredFen { get; private set; }
    public long FamilySumInsuredFen { get; private set; }
    public long MedicalDeductibleFen { get; private set; }
    public int MedicalRatioBp { get; private set; }
    public long MedicalCapFen { get; private set; }
    /// <summary>Disability grades 1–10 in basis points of the sum insured, "10000;9000;…;1000".</summary>
    public string DisabilityGrades { get; private set; } = "";
    public long PerPersonCapFen { get; private set; }

    public static InsuranceScheme Create(string code, int year, string name, DateOnly coverFrom, DateOnly coverTo, DateOnly? covidFrom,
        IEnumerable<string> causes, bool coversFamily, PayoutSchedule s)
    {
        if (s.Validate() is { } e) throw new ArgumentException(e, nameof(s));
        if (coverTo < coverFrom) throw new ArgumentException("scheme.period");
        return new InsuranceScheme
        {
            Id = Guid.CreateVersion7(), Code = code, Year = year, Name = name, CoverFrom = coverFrom, CoverTo = coverTo, CovidFrom = covidFrom,
            Causes = AccidentCauses.Format(causes.Distinct()), CoversFamily = coversFamily, SumInsuredFen = s.SumInsuredFen,
            FamilySumInsuredFen = coversFamily ? s.FamilySumInsuredFen : 0, MedicalDeductibleFen = s.MedicalDeductibleFen, MedicalRatioBp = s.MedicalRatioBp,
            MedicalCapFen = s.MedicalCapFen, DisabilityGrades = PayoutSchedule.FormatGrades(s.DisabilityBp), PerPersonCapFen = s.PerPersonCapFen,
        };
    }

    public PayoutSchedule Schedule()
    {
        PayoutSchedule.TryParseGrades(DisabilityGrades, out var grades);
        return new PayoutSchedule(SumInsuredFen, FamilySumInsuredFen, MedicalDeductibleFen, MedicalRatioBp, MedicalCapFen, grades, PerPersonCapFen);
    }

    public SchemeTerms Terms() => new(AccidentCauses.Parse(Causes), CovidFrom);
}

public enum InsuredKind { Member = 0, FamilyMember = 1 }

public enum FamilyRelation { Spouse = 0, Child = 1, Parent = 2 }

/// <summary>
/// The cover (保障) of one person in one scheme: a member, or a family member of a front-line member. One row per person
/// (keyed by the resident-ID hash) per scheme; it carries what was granted so far and is the row approvals lock, so the
/// per-person cap holds under concurrent approvals.
/// </summary>
public sealed class InsuranceCover : IAudited
{
    private InsuranceCover() { }

    public Guid Id { get; private set; }
    public Guid SchemeId { get; private set; }
    public Guid MemberId { get; private set; }
    public Guid UnionId { get; private set; }
    public InsuredKind Kind { get; private set; }
    public string PersonName { get; private set; } = "";
    public FamilyRelation? Relation { get; private set; }
    /// <summary>The family member's resident ID, encrypted (a member's stays in the registry).</summary>
    public string? IdNumberCipher { get; private set; }
    public string IdNumberHash { get; private set; } = "";
    public string IdNumberMasked { get; private set; } = "";
    public bool FrontLine { get; private set; }
    public DateOnly CoverFrom { get; private set; }
    public DateOnly CoverTo { get; private set; }
    public DateTimeOffset EnrolledAt { get; private set; }
    public string By { get; private set; } = "";
    public long GrantedFen { get; private set; }
    public long MedicalGrantedFen { get; private set; }
    public long SumInsuredUsedFen { get; private set; }
    /// <summary>Bumped in SQL at the start of every approval: the per-person lock.</summary>
    public long LockVersion { get; private set; }

    public static InsuranceCover ForMember(InsuranceScheme s, Guid memberId, Guid unionId, string name, string idHash, string idMasked, bool frontLine,
        DateOnly from, DateTimeOffset at, string by) => new()
    {
        Id = Guid.CreateVersion7(), SchemeId = s.Id, MemberId = memberId, UnionId = unionId, Kind = InsuredKind.Member, PersonName = name,
        IdNumberHash = idHash, IdNumberMasked = idMasked, FrontLine = frontLine, CoverFrom = from, CoverTo = s.CoverTo, EnrolledAt = at, By = by,
    };

    public static InsuranceCover ForFamily(InsuranceScheme s, InsuranceCover member, string name, FamilyRelation relation, string idCipher, string idHash,
        string idMasked, DateTimeOffset at, string by) => new()
    {
        Id = Guid.CreateVersion7(), SchemeId = s.Id, MemberId = member.MemberId, UnionId = member.UnionId, Kind = InsuredKind.FamilyMember, PersonName = name,
        Relation = relation, IdNumberCipher = idCipher, IdNumberHash = idHash, IdNumberMasked = idMasked, FrontLine = false,
        CoverFrom = member.CoverFrom, CoverTo = member.CoverTo, EnrolledAt = at, By = by,
    };

    public InsuredPosition Position() => new(CoverFrom, CoverTo, Kind == InsuredKind.FamilyMember, GrantedFen, MedicalGrantedFen, SumInsuredUsedFen);

    /// <summary>Counts an approved payout against the person's caps.</summary>
    public void Grant(long medicalFen, long benefitFen)
    {
        if (medicalFen < 0 || benefitFen < 0) throw new ArgumentOutOfRangeException(nameof(medicalFen));
        MedicalGrantedFen += medicalFen;
        SumInsuredUsedFen += benefitFen;
        GrantedFen += medicalFen + benefitFen;
    }
}
