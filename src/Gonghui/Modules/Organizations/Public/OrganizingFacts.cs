using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Platform.Data;

namespace Gonghui.Modules.Organizations.Public;

/// <summary>
/// An enterprise as organizing drives (建会入会) count it: district, whether it is non-public (非公有制: not state- or collectively owned),
/// its workforce and when its union was founded. Kept apart from <see cref="EnterpriseRow"/> so that lists do not select these columns.
/// </summary>
public sealed record EnterpriseUnionFact
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string DistrictCode { get; init; } = "";
    public bool NonPublic { get; init; }
    public int Employees { get; init; }
    public DateOnly? UnionFoundedOn { get; init; }
    public Guid? GrassrootsUnionId { get; init; }
}

/// <summary>A member's joining as organizing drives count it (no personal data): when, where employed, whether a dispatch worker.</summary>
public sealed record MemberJoinFact
{
    public Guid Id { get; init; }
    public Guid? EnterpriseId { get; init; }
    public Guid UnionId { get; init; }
    public DateOnly JoinedOn { get; init; }
    public bool Dispatch { get; init; }
    public MemberStatus Status { get; init; }
}

public static class OrganizingFactQueries
{
    /// <summary>Read-only organizing facts of the registry's enterprises (compose with filters; aggregate in SQL).</summary>
    public static IQueryable<EnterpriseUnionFact> EnterpriseUnionFacts(this GonghuiDb db) =>
        db.Set<Enterprise>().Select(e => new EnterpriseUnionFact
        {
            Id = e.Id, Name = e.Name, DistrictCode = e.DistrictCode, NonPublic = e.Ownership != Ownership.State && e.Ownership != Ownership.Collective,
            Employees = e.Employees, UnionFoundedOn = e.UnionFoundedOn, GrassrootsUnionId = e.GrassrootsUnionId,
        });

    /// <summary>Read-only joining facts of the registry's members (compose with filters; aggregate in SQL; never list them).</summary>
    public static IQueryable<MemberJoinFact> MemberJoinFacts(this GonghuiDb db) =>
        db.Set<Member>().Select(m => new MemberJoinFact
        {
            Id = m.Id, EnterpriseId = m.EnterpriseId, UnionId = m.UnionId, JoinedOn = m.JoinedOn, Dispatch = m.EmploymentType == EmploymentType.DispatchWorker,
            Status = m.Status,
        });
}
