using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gonghui.Modules.Hardship.Assistance;

/// <summary>Paid assistance of one month of its assistance date (yyyymm), one union and one type: how many, how much (roll-up of <c>hardship_assistance</c>).</summary>
public sealed class AssistancePaidMonth
{
    private AssistancePaidMonth() { }
    public int Month { get; private set; }
    public Guid UnionId { get; private set; }
    public AssistanceType Type { get; private set; }
    public int Payments { get; private set; }
    public long AmountFen { get; private set; }
}

/// <summary>What a <see cref="AssistancePaidSubject"/> row counts: a household (the file) or a child given an education grant.</summary>
public enum PaidSubjectKind { Household = 1, Child = 2 }

/// <summary>
/// A household's (file's) paid assistance of one year under one union, or a child's paid education grants (rows at 0 after a reversal
/// stay, at 0). <see cref="Shared"/>: the subject has paid assistance under more than one union that year, the correction of the
/// distinct count (a file's union is fixed when it is filed and a child belongs to one file, so through the application it stays false;
/// it keeps the count exact whatever the records hold).
/// </summary>
public sealed class AssistancePaidSubject
{
    private AssistancePaidSubject() { }
    public int Year { get; private set; }
    public PaidSubjectKind Kind { get; private set; }
    public Guid SubjectId { get; private set; }
    public Guid UnionId { get; private set; }
    public int Payments { get; private set; }
    public bool Shared { get; private set; }
}

/// <summary>Households and children with paid assistance (education grants for the children) of the year under the union (the subject rows above 0).</summary>
public sealed class AssistancePaidUnionYear
{
    private AssistancePaidUnionYear() { }
    public int Year { get; private set; }
    public Guid UnionId { get; private set; }
    public int Households { get; private set; }
    public int Children { get; private set; }
}

/// <summary>A piece of assistance entering (+1, paid) or leaving (-1, reversed) the paid assistance: its file's union, file, child (of an education grant), type, date and amount.</summary>
internal readonly record struct AssistanceChange(Guid UnionId, Guid FileId, Guid? ChildId, AssistanceType Type, DateOnly On, long Fen, int Sign)
{
    public static AssistanceChange Paid(HardshipAssistance a, Guid unionId) => Of(a, unionId, +1);
    public static AssistanceChange Reversed(HardshipAssistance a, Guid unionId) => Of(a, unionId, -1);
    private static AssistanceChange Of(HardshipAssistance a, Guid unionId, int sign) =>
        new(unionId, a.FileId, a.Type == AssistanceType.EducationGrant ? a.ChildMemberId : null, a.Type, a.On, a.AmountFen, sign);
}

/// <summary>
/// Hardship's roll-up of its paid assistance (issue 19, the report at full scale), read by <see cref="Indicators.HardshipIndicators"/>:
/// <list type="bullet">
/// <item><c>hardship_paid_months</c> (<see cref="AssistancePaidMonth"/>): payments and fen per month of the assistance date, union (the file's)
/// and type: any whole-month period (a month, a quarter, a year) sums these rows instead of the records;</item>
/// <item><c>hardship_paid_subjects</c> (<see cref="AssistancePaidSubject"/>) and <c>hardship_paid_union_years</c> (<see cref="AssistancePaidUnionYear"/>):
/// the distinct households and children of a year in a scope are the sum of the unions' counts, less the subjects counted under two unions
/// of the scope (the rows flagged <see cref="AssistancePaidSubject.Shared"/>).</item>
/// </list>
/// Kept by <see cref="ApplyAsync"/> in the transaction that pays or reverses the assistance, on every path that does: the payment
/// (<see cref="AssistanceHandlers.PayAsync"/>, also for the 金秋助学 grants of a campaign), its reversal (<see cref="AssistancePaidRecords"/>, in
/// the ledger's transaction), the demo and the scenario seeders. Assistance is never cancelled once paid (only reversed).
/// <see cref="RebuildAsync"/> recomputes it from the records (<c>gonghui rollups rebuild</c>).
/// </summary>
internal sealed class AssistanceRollup(GonghuiDb db) : IRollup
{
    public string Name => "hardship";

    public static int MonthOf(DateOnly on) => on.Year * 100 + on.Month;

    private const string UpsertMonth =
        "INSERT INTO hardship_paid_months (month, union_id, type, payments, amount_fen) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (month, union_id, type) DO UPDATE SET "
        + "payments = hardship_paid_months.payments + excluded.payments, amount_fen = hardship_paid_months.amount_fen + excluded.amount_fen";
    private const string UpsertSubject =
        "INSERT INTO hardship_paid_subjects (year, kind, subject_id, union_id, payments, shared) VALUES ($1, $2, $3, $4, $5, FALSE) "
        + "ON CONFLICT (year, kind, subject_id, union_id) DO UPDATE SET payments = hardship_paid_subjects.payments + excluded.payments RETURNING payments";
    private const string UpsertUnion =
        "INSERT INTO hardship_paid_union_years (year, union_id, households, children) VALUES ($1, $2, $3, $4) ON CONFLICT (year, union_id) DO UPDATE SET "
        + "households = hardship_paid_union_years.households + excluded.households, children = hardship_paid_union_years.children + excluded.children";
    /// <summary>
    /// Moves the roll-up by the assistance paid (+1) or reversed (-1), in the caller's open transaction (the one that writes the records:
    /// the roll-up commits or rolls back with them). Changes are added up per row first, so a batch writes each row once.
    /// </summary>
    public static async Task ApplyAsync(GonghuiDb db, IEnumerable<AssistanceChange> changes, CancellationToken ct)
    {
        var tx = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("The hardship roll-up moves in the transaction of the assistance it summarises; none is open.");
        var months = new Dictionary<(int, Guid, AssistanceType), (int N, long Fen)>();
        var subjects = new Dictionary<(int Year, PaidSubjectKind Kind, Guid Subject, Guid Union), int>();
        foreach (var c in changes)
        {
            var mk = (MonthOf(c.On), c.UnionId, c.Type);
            var m = months.GetValueOrDefault(mk);
            months[mk] = (m.N + c.Sign, m.Fen + c.Sign * c.Fen);
            var hk = (c.On.Year, PaidSubjectKind.Household, c.FileId, c.UnionId);
            subjects[hk] = subjects.GetValueOrDefault(hk) + c.Sign;
            if (c.ChildId is { } child)
            {
                var ck = (c.On.Year, PaidSubjectKind.Child, child, c.UnionId);
                subjects[ck] = subjects.GetValueOrDefault(ck) + c.Sign;
            }
        }
        if (months.Count == 0) return;
        var sql = new RollupStatements(db, tx.GetDbTransaction());
        await sql.RunAsync(UpsertMonth, months.Select(kv => new object[] { kv.Key.Item1, kv.Key.Item2, (int)kv.Key.Item3, kv.Value.N, kv.Value.Fen }).ToList(), returns: false, ct);

        var subjectRows = subjects.Where(kv => kv.Value != 0).ToList();
        var after = await sql.RunAsync(UpsertSubject,
            subjectRows.Select(kv => new object[] { kv.Key.Year, (int)kv.Key.Kind, kv.Key.Subject, kv.Key.Union, kv.Value }).ToList(), returns: true, ct);
        var unions = new Dictionary<(int, Guid), (int Households, int Children)>();
        var touched = new HashSet<(int Year, PaidSubjectKind Kind, Guid Subject)>();
        for (var i = 0; i < subjectRows.Count; i++)
        {
            var ((year, kind, subject, union), delta) = subjectRows[i];
            var now = after[i];
            var before = now - delta;
            var step = before <= 0 && now > 0 ? 1 : before > 0 && now <= 0 ? -1 : 0;
            if (step == 0) continue;
            var u = unions.GetValueOrDefault((year, union));
            unions[(year, union)] = kind == PaidSubjectKind.Household ? (u.Households + step, u.Children) : (u.Households, u.Children + step);
            touched.Add((year, kind, subject));
        }
        await sql.RunAsync(UpsertUnion, unions.Where(kv => kv.Value != (0, 0))
            .Select(kv => new object[] { kv.Key.Item1, kv.Key.Item2, kv.Value.Households, kv.Value.Children }).ToList(), returns: false, ct);
        await sql.MarkSharedAsync("hardship_paid_subjects", ["year", "kind"], "subject_id", "payments",
            touched.Select(t => new object[] { t.Year, (int)t.Kind, t.Subject }).ToList(), ct);
    }

    /// <summary>Deletes the roll-up and recomputes it from every paid piece of assistance (with its file's union), in one transaction.</summary>
    public async Task<long> RebuildAsync(CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Set<AssistancePaidMonth>().ExecuteDeleteAsync(ct);
            await db.Set<AssistancePaidSubject>().ExecuteDeleteAsync(ct);
            await db.Set<AssistancePaidUnionYear>().ExecuteDeleteAsync(ct);
            var paid = await (from a in db.Set<HardshipAssistance>().AsNoTracking()
                              join f in db.Set<HardshipFile>() on a.FileId equals f.Id
                              where a.Status == AssistanceStatus.Paid
                              select new AssistanceChange(f.OrgUnitId, a.FileId, a.Type == AssistanceType.EducationGrant ? a.ChildMemberId : null, a.Type, a.On, a.AmountFen, 1))
                .ToListAsync(ct);
            await ApplyAsync(db, paid, ct);
            await tx.CommitAsync(ct);
            return paid.Count;
        }
        finally { await db.Database.CloseConnectionAsync(); }
    }
}
