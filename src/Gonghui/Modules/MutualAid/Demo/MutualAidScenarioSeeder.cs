using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.MutualAid.Claims;
using Gonghui.Modules.MutualAid.Plans;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Money;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.MutualAid.Demo;

/// <summary>
/// The scenario's mutual-aid year (<see cref="IScenarioSeeder"/>): inpatient claims of the year's plan, filed by the registry's
/// active members (enrolled first where they are not), admitted over the year and paid about three weeks later, until the
/// year's payouts (person-times) and amount reach the review's. Each bill is drawn so that the plan's own rules
/// (<see cref="PayoutRules"/>, the member's yearly cap counted) give the payout its share of the amount; the claims go through
/// the entity's own decisions (filed, approved, paid), the money through the fund ledger's bulk path
/// (<see cref="IFundLedger.CommitAndPayManyAsync"/>, one batch per funding unit after a budget of exactly what it pays), the rows
/// through <see cref="RowWriter"/> (audited), in chunks; the member's year total (the cap's accumulator) moves with them. A second
/// run asks for nothing (the figures are reached), and the ledger refuses a claim posted twice.
/// </summary>
internal sealed class MutualAidScenarioSeeder : IScenarioSeeder
{
    private const string Actor = "system:scenario";
    private const int Chunk = 20_000;
    public IReadOnlyCollection<string> Keys { get; } = ["mutualaid.payouts", "mutualaid.amount"];

    public async Task AddAsync(IServiceProvider sp, int year, IReadOnlyDictionary<string, long> missing, CancellationToken ct)
    {
        var count = (int)missing.GetValueOrDefault("mutualaid.payouts");
        var amount = missing.GetValueOrDefault("mutualaid.amount");
        if (count <= 0 || amount <= 0) return;
        var db = sp.GetRequiredService<GonghuiDb>();
        var plan = await db.Set<MutualAidPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.Year == year && p.Kind == PlanKind.Inpatient, ct);
        if (plan is null) return;
        var members = await db.MemberRows().AsNoTracking().Where(m => m.Status == MemberStatus.Active).OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.Name, m.UnionId }).ToListAsync(ct);
        if (members.Count == 0) return;
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        var rules = plan.Rules();

        // Funding units: the district or industry union above each member's union (the unit itself at depth ≤ 1).
        var tops = await db.UnitRows().AsNoTracking().Where(u => u.Depth <= 1).ToDictionaryAsync(u => u.Path, u => u.Id, ct);
        var unionPaths = await db.UnitRows().AsNoTracking().Where(u => members.Select(m => m.UnionId).Distinct().Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        Guid FundingOf(Guid union) => tops[RegistryQueries.FundingPathOf(unionPaths[union])];

        // What each member was granted in the plan year so far: the accumulator where it is open, else their approved and paid claims.
        var totals = await db.Set<MemberYearTotal>().AsNoTracking().Where(t => t.PlanId == plan.Id).ToDictionaryAsync(t => t.MemberId, t => t.GrantedFen, ct);
        var granted = await db.Set<MutualAidClaim>().AsNoTracking().Where(c => c.PlanId == plan.Id && (c.Status == ClaimStatus.Approved || c.Status == ClaimStatus.Paid))
            .GroupBy(c => c.MemberId).Select(g => new { g.Key, Sum = g.Sum(c => c.PayoutFen) }).ToDictionaryAsync(g => g.Key, g => g.Sum, ct);
        foreach (var (m, fen) in totals) granted[m] = fen;
        var before = new Dictionary<Guid, long>(granted);

        var enrolled = (await db.Set<MutualAidEnrolment>().AsNoTracking().Where(e => e.PlanId == plan.Id).Select(e => e.MemberId).ToListAsync(ct)).ToHashSet();
        var rows = new List<(object Row, string Actor)>();
        foreach (var m in members.Where(m => !enrolled.Contains(m.Id)))
            rows.Add((MutualAidEnrolment.Create(plan, m.Id, m.UnionId, plan.EnrolFrom, renewal: true, Actor), Actor));

        // The amount's shares, in order; a bill whose computed payout falls short (the yearly cap) passes the rest to the next claim.
        var shares = ScenarioShares.Split(amount, count);
        var claims = new List<MutualAidClaim>(count);
        long carry = 0;
        for (var i = 0; i < count; i++)
        {
            var m = members[i % members.Count];
            var want = Math.Max(1, shares[i] + carry);
            var g = granted.GetValueOrDefault(m.Id);
            var bill = BillFor(rules, want, i);
            var payout = PayoutRules.Compute(rules, bill, g);
            if (payout.AmountFen <= 0) { carry = want; continue; }
            carry = want - payout.AmountFen;
            granted[m.Id] = g + payout.AmountFen;
            var admitted = ScenarioShares.DayOf(year, i, count);
            var paidOn = admitted.AddDays(21) is var d && d.Year == year ? d : new DateOnly(year, 12, 31);
            var filed = BeijingTime.ToUtc(admitted.AddDays(7) is var f && f.Year == year ? f : new DateOnly(year, 12, 31), new TimeOnly(9, 0));
            claims.Add(MutualAidClaim.File(plan.Id, year, m.Id, m.Name, m.UnionId, FundingOf(m.UnionId), admitted, Hospitals[i % Hospitals.Length], "住院治疗",
                bill, g, payout, filed, Actor, $"scenario:{year}:{i}"));
        }
        if (claims.Count == 0) return;

        var ledger = sp.GetRequiredService<IFundLedger>();
        // One transaction with the rest of the step: ScenarioYearSeeder opens it, the ledger's batches and RowWriter join it, so a run
        // cut short leaves no payment without its claim.
        foreach (var byUnit in claims.GroupBy(c => c.FundingUnitId))
        {
            var sum = byUnit.Sum(c => c.PayoutFen);
            var budget = await ledger.AllocateBudgetAsync(FundCodes.MutualAid, byUnit.Key, year, new Fen(sum), $"mutual-aid-scenario-budget:{byUnit.Key:N}:{year}:{byUnit.First().Id:N}", ct);
            if (!budget.IsOk) throw new InvalidOperationException($"scenario budget refused: {budget.Code} {budget.Detail}");
            foreach (var batch in byUnit.Chunk(Chunk))
            {
                var posted = await ledger.CommitAndPayManyAsync(FundCodes.MutualAid, byUnit.Key, year,
                    batch.Select(c => new BulkPayment(new SourceRef(ClaimScope.SourceType, c.Id), new Fen(c.PayoutFen), $"mutual-aid:commit:{c.Id}", $"mutual-aid:pay:{c.Id}")).ToList(), ct);
                if (!posted.IsOk) throw new InvalidOperationException($"scenario payments refused: {posted.Code} {posted.Detail}");
                for (var k = 0; k < batch.Length; k++)
                {
                    var c = batch[k];
                    var decided = c.SubmittedAt.AddDays(7);
                    c.Approve(posted.Value![k].CommitEntryId, $"approve:{c.Id}", Actor, decided);
                    c.MarkPaid(posted.Value![k].PaymentEntryId, $"pay:{c.Id}", BeijingTime.ToUtc(BeijingTime.DateOf(decided).AddDays(7) is var p && p.Year == year ? p : new DateOnly(year, 12, 31), new TimeOnly(15, 0)));
                }
            }
        }
        foreach (var c in claims)
        {
            rows.Add((c, Actor));
            if (rows.Count >= Chunk) { await RowWriter.InsertAsync(db, rows, now, ct); rows.Clear(); }
        }
        // The report's roll-up of the paid claims moves with them, in the step's transaction.
        await PaidRollup.ApplyAsync(db, claims.Select(PaidChange.Paid), ct);
        // The yearly cap's accumulator follows: opened where missing, moved where open.
        foreach (var (memberId, fen) in granted)
        {
            var added = fen - before.GetValueOrDefault(memberId);
            if (added == 0) continue;
            if (totals.ContainsKey(memberId))
                await db.Set<MemberYearTotal>().Where(t => t.PlanId == plan.Id && t.MemberId == memberId)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.GrantedFen, t => t.GrantedFen + added).SetProperty(t => t.Version, t => t.Version + 1), ct);
            else rows.Add((MemberYearTotal.Open(plan.Id, memberId, year, fen), Actor));
            if (rows.Count >= Chunk) { await RowWriter.InsertAsync(db, rows, now, ct); rows.Clear(); }
        }
        if (rows.Count > 0) await RowWriter.InsertAsync(db, rows, now, ct);
    }

    /// <summary>
    /// A bill whose payout under the plan's rules is <paramref name="payoutFen"/> before the caps: the self-paid part is the
    /// deductible plus the base the first band turns into the payout (inverted; the rules then compute it again).
    /// </summary>
    internal static Bill BillFor(PlanRules rules, long payoutFen, int i)
    {
        var ratio = Math.Max(1, rules.Bands[0].RatioBp);
        var baseFen = (payoutFen * 10_000 + ratio - 1) / ratio;
        var self = rules.DeductibleFen + baseFen;
        var insured = self * (2 + i % 3); // medical insurance paid two to four times the self-paid part
        return new Bill(self + insured + self / 10 * (i % 2), insured, self);
    }

    private static readonly string[] Hospitals = ["北京协和医院", "北京大学第一医院", "北京朝阳医院", "北京天坛医院", "北京积水潭医院", "首都医科大学附属北京友谊医院"];
}
