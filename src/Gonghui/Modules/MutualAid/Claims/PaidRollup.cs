using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gonghui.Modules.MutualAid.Claims;

/// <summary>Paid claims of one Beijing month (yyyymm) and one union: how many, how much (roll-up of <c>mutual_aid_claims</c>).</summary>
public sealed class PaidMonth
{
    private PaidMonth() { }
    public int Month { get; private set; }
    public Guid UnionId { get; private set; }
    public int Payouts { get; private set; }
    public long PayoutFen { get; private set; }
}

/// <summary>
/// A member's paid claims of one Beijing year under one union (rows at 0 after a reversal stay, at 0). <see cref="Shared"/>: the member
/// has paid claims under more than one union that year (rare: a member who moved), the correction of the distinct count.
/// </summary>
public sealed class PaidMember
{
    private PaidMember() { }
    public int Year { get; private set; }
    public Guid MemberId { get; private set; }
    public Guid UnionId { get; private set; }
    public int Payouts { get; private set; }
    public bool Shared { get; private set; }
}

/// <summary>Members with at least one paid claim of the Beijing year under the union (the <see cref="PaidMember"/> rows above 0).</summary>
public sealed class PaidUnionYear
{
    private PaidUnionYear() { }
    public int Year { get; private set; }
    public Guid UnionId { get; private set; }
    public int Members { get; private set; }
}

/// <summary>A claim entering (+1, paid) or leaving (-1, reversed) the paid claims, by its union, member, payment time and payout.</summary>
internal readonly record struct PaidChange(Guid UnionId, Guid MemberId, DateTimeOffset PaidAt, long Fen, int Sign)
{
    public static PaidChange Paid(MutualAidClaim c) => new(c.UnionId, c.MemberId, c.PaidAt!.Value, c.PayoutFen, +1);
    public static PaidChange Reversed(MutualAidClaim c) => new(c.UnionId, c.MemberId, c.PaidAt!.Value, c.PayoutFen, -1);
}

/// <summary>
/// Mutual aid's roll-up of its paid claims (issue 19, the report at full scale), read by <see cref="Indicators.MutualAidIndicators"/>:
/// <list type="bullet">
/// <item><c>mutual_aid_paid_months</c> (<see cref="PaidMonth"/>): payouts and fen per Beijing month of payment and union: any whole-month
/// period (a month, a quarter, a year) sums a few hundred thousand rows at full scale instead of 2.6 million claims;</item>
/// <item><c>mutual_aid_paid_members</c> (<see cref="PaidMember"/>) and <c>mutual_aid_paid_union_years</c> (<see cref="PaidUnionYear"/>): the
/// distinct members of a year in a scope are the sum of the unions' member counts, less the members counted under two unions of the scope
/// (the rows flagged <see cref="PaidMember.Shared"/>, a handful).</item>
/// </list>
/// Kept by <see cref="ApplyAsync"/> in the transaction that pays or reverses the claims, on every path that does: the claim's payment
/// (<see cref="ClaimWorkflow.PayAsync"/>), its reversal (<see cref="ClaimPaidRecords"/>, in the ledger's transaction), the demo and the
/// scenario seeders. The bulk intake writes only submitted claims. <see cref="RebuildAsync"/> recomputes it from the claims
/// (<c>gonghui rollups rebuild</c>).
/// </summary>
internal sealed class PaidRollup(GonghuiDb db) : IRollup
{
    public string Name => "mutualaid";

    public static int MonthOf(DateTimeOffset paidAt) { var d = BeijingTime.DateOf(paidAt); return d.Year * 100 + d.Month; }

    private const string UpsertMonth =
        "INSERT INTO mutual_aid_paid_months (month, union_id, payouts, payout_fen) VALUES ($1, $2, $3, $4) ON CONFLICT (month, union_id) DO UPDATE SET "
        + "payouts = mutual_aid_paid_months.payouts + excluded.payouts, payout_fen = mutual_aid_paid_months.payout_fen + excluded.payout_fen";
    private const string UpsertMember =
        "INSERT INTO mutual_aid_paid_members (year, member_id, union_id, payouts, shared) VALUES ($1, $2, $3, $4, FALSE) ON CONFLICT (year, member_id, union_id) "
        + "DO UPDATE SET payouts = mutual_aid_paid_members.payouts + excluded.payouts RETURNING payouts";
    private const string UpsertUnion =
        "INSERT INTO mutual_aid_paid_union_years (year, union_id, members) VALUES ($1, $2, $3) ON CONFLICT (year, union_id) DO UPDATE SET "
        + "members = mutual_aid_paid_union_years.members + excluded.members";
    /// <summary>
    /// Moves the roll-up by the claims paid (+1) or reversed (-1), in the caller's open transaction (the one that writes the claims: the
    /// roll-up commits or rolls back with them). Changes are added up per row first, so a batch writes each row once.
    /// </summary>
    public static async Task ApplyAsync(GonghuiDb db, IEnumerable<PaidChange> changes, CancellationToken ct)
    {
        var tx = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("The mutual-aid roll-up moves in the transaction of the claims it summarises; none is open.");
        var months = new Dictionary<(int, Guid), (int N, long Fen)>();
        var members = new Dictionary<(int, Guid, Guid), int>();
        foreach (var c in changes)
        {
            var month = MonthOf(c.PaidAt);
            var m = months.GetValueOrDefault((month, c.UnionId));
            months[(month, c.UnionId)] = (m.N + c.Sign, m.Fen + c.Sign * c.Fen);
            var key = (month / 100, c.MemberId, c.UnionId);
            members[key] = members.GetValueOrDefault(key) + c.Sign;
        }
        if (months.Count == 0) return;
        var sql = new RollupStatements(db, tx.GetDbTransaction());
        await sql.RunAsync(UpsertMonth, months.Select(kv => new object[] { kv.Key.Item1, kv.Key.Item2, kv.Value.N, kv.Value.Fen }).ToList(), returns: false, ct);

        var memberRows = members.Where(kv => kv.Value != 0).ToList();
        var after = await sql.RunAsync(UpsertMember, memberRows.Select(kv => new object[] { kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, kv.Value }).ToList(), returns: true, ct);
        var unions = new Dictionary<(int, Guid), int>();
        var touched = new HashSet<(int, Guid)>();
        for (var i = 0; i < memberRows.Count; i++)
        {
            var ((year, member, union), delta) = memberRows[i];
            var now = after[i];
            var before = now - delta;
            var step = before <= 0 && now > 0 ? 1 : before > 0 && now <= 0 ? -1 : 0;
            if (step == 0) continue;
            unions[(year, union)] = unions.GetValueOrDefault((year, union)) + step;
            touched.Add((year, member));
        }
        await sql.RunAsync(UpsertUnion, unions.Where(kv => kv.Value != 0).Select(kv => new object[] { kv.Key.Item1, kv.Key.Item2, kv.Value }).ToList(), returns: false, ct);
        await sql.MarkSharedAsync("mutual_aid_paid_members", ["year"], "member_id", "payouts", touched.Select(t => new object[] { t.Item1, t.Item2 }).ToList(), ct);
    }

    /// <summary>Deletes the roll-up and recomputes it from every paid claim, in one transaction.</summary>
    public async Task<long> RebuildAsync(CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Set<PaidMonth>().ExecuteDeleteAsync(ct);
        await db.Set<PaidMember>().ExecuteDeleteAsync(ct);
        await db.Set<PaidUnionYear>().ExecuteDeleteAsync(ct);
        var paid = await db.Set<MutualAidClaim>().AsNoTracking().Where(c => c.Status == ClaimStatus.Paid)
            .Select(c => new PaidChange(c.UnionId, c.MemberId, c.PaidAt!.Value, c.PayoutFen, 1)).ToListAsync(ct);
        await ApplyAsync(db, paid, ct);
        await tx.CommitAsync(ct);
        return paid.Count;
    }
}
