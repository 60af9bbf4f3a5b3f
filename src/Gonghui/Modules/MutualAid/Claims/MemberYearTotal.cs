namespace Gonghui.Modules.MutualAid.Claims;

/// <summary>
/// What a member was granted (approved or paid) in one plan, i.e. one plan year: the accumulator the per-year cap is checked
/// against. Approvals move it with a conditional UPDATE on <see cref="Version"/> in the same transaction as the ledger
/// commitment, so two approvals of the same member at once cannot both use the same headroom (the loser retries).
/// </summary>
public sealed class MemberYearTotal
{
    private MemberYearTotal() { }

    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public Guid MemberId { get; private set; }
    public int Year { get; private set; }
    public long GrantedFen { get; private set; }
    /// <summary>Optimistic concurrency token: bumped by every change.</summary>
    public int Version { get; private set; }

    public static MemberYearTotal Open(Guid planId, Guid memberId, int year, long grantedFen) =>
        new() { Id = Guid.CreateVersion7(), PlanId = planId, MemberId = memberId, Year = year, GrantedFen = grantedFen };
}
