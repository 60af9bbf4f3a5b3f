using Gonghui.Modules.Skills.Contests;
using Gonghui.Platform.Data;

namespace Gonghui.Modules.Skills.Public;

/// <summary>A member's trade as the skills records show it: a trade they competed in (its name, and its occupation code when the trade has one).</summary>
public sealed record MemberTradeRow
{
    public Guid MemberId { get; init; }
    public string TradeName { get; init; } = "";
    public string? OccupationCode { get; init; }
}

/// <summary>Read-only projections of the skills records for other modules (the jobs matching reads members' trades).</summary>
public static class SkillsQueries
{
    /// <summary>Every (member, trade) of a contest entry; the entry's own occupation code wins over the trade's.</summary>
    public static IQueryable<MemberTradeRow> MemberTradeRows(this GonghuiDb db) =>
        from e in db.Set<SkillsEntry>()
        join t in db.Set<SkillsTrade>() on e.TradeId equals t.Id
        where e.TeamId == null // a team's entry (a judged team contest's stage) is no member's
        select new MemberTradeRow { MemberId = e.MemberId, TradeName = t.Name, OccupationCode = e.OccupationCode ?? t.OccupationCode };
}
