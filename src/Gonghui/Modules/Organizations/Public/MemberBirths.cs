using Gonghui.Modules.Organizations.Members;
using Gonghui.Platform.Data;

namespace Gonghui.Modules.Organizations.Public;

/// <summary>A member's birth date, for age rules only (skills-contest eligibility, the Great Craftsman selection). <see cref="MemberRow"/> leaves it out on purpose; ask for it only where a rule needs the age.</summary>
public sealed record MemberBirth
{
    public Guid Id { get; init; }
    public DateOnly BirthDate { get; init; }
}

public static class MemberBirthQueries
{
    /// <summary>Read-only birth dates of members (compose with a filter by id; never list them).</summary>
    public static IQueryable<MemberBirth> MemberBirths(this GonghuiDb db) =>
        db.Set<Member>().Select(m => new MemberBirth { Id = m.Id, BirthDate = m.BirthDate });
}
