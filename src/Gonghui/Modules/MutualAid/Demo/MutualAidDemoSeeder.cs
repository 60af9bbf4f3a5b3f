using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.MutualAid.Claims;
using Gonghui.Modules.MutualAid.Plans;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.MutualAid.Demo;

/// <summary>
/// Demo plans for 2020 and the current year (inpatient, outpatient special diseases, critical illness, female-worker diseases),
/// and — when the registry has members — enrolments and claims in the 2020 proportions: 2,633,700 claims, 358 million yuan
/// (about 136 yuan a claim) for the city, times the demo scale.
/// </summary>
internal sealed class MutualAidDemoSeeder : IDemoSeeder
{
    internal static IEnumerable<MutualAidPlan> PlansFor(int year) =>
    [
        MutualAidPlan.Create($"{year}-INP", year, PlanKind.Inpatient, $"{year}年度在职职工住院医疗互助", 60_00, new(year - 1, 11, 1), new(year, 12, 31), 90,
            new PlanRules(500_00, [new(1_000_000, 5000), new(5_000_000, 6000), new(null, 7000)], 20_000_00, 60_000_00)),
        MutualAidPlan.Create($"{year}-OSD", year, PlanKind.OutpatientSpecialDisease, $"{year}年度门诊特殊病医疗互助", 30_00, new(year - 1, 11, 1), new(year, 12, 31), 90,
            new PlanRules(200_00, [new(500_000, 4000), new(null, 5000)], 5_000_00, 15_000_00)),
        MutualAidPlan.Create($"{year}-CRI", year, PlanKind.CriticalIllness, $"{year}年度重大疾病医疗互助", 40_00, new(year - 1, 11, 1), new(year, 12, 31), 180,
            new PlanRules(0, [new(null, 10000)], 50_000_00, 50_000_00)),
        MutualAidPlan.Create($"{year}-FEM", year, PlanKind.FemaleSpecificDisease, $"{year}年度女职工特疾互助", 20_00, new(year - 1, 11, 1), new(year, 12, 31), 180,
            new PlanRules(0, [new(null, 10000)], 10_000_00, 10_000_00)),
    ];

    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        if (await db.Set<MutualAidPlan>().AnyAsync(ct)) return;
        var clock = sp.GetRequiredService<TimeProvider>();
        var current = BeijingTime.Year(clock);
        foreach (var y in new[] { 2020, current }.Distinct()) db.AddRange(PlansFor(y));
        await db.SaveChangesAsync(ct);

        // Claims need members; the registry's demo may or may not have them.
        var scale = sp.GetRequiredService<IConfiguration>().GetValue<double?>("Gonghui:Demo:Scale") ?? 1.0;
        var members = await db.MemberRows().Where(m => m.Status == MemberStatus.Active).OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.Name, m.UnionId }).Take(Math.Max(20, (int)(2000 * scale))).ToListAsync(ct);
        if (members.Count == 0) return;
        var plan = await db.Set<MutualAidPlan>().FirstAsync(p => p.Code == "2020-INP", ct);
        var rng = new Random(20200);
        var on = new DateOnly(2019, 12, 1);
        db.AddRange(members.Select(m => MutualAidEnrolment.Create(plan, m.Id, m.UnionId, on, renewal: true, "demo")));
        await db.SaveChangesAsync(ct);
        var planId = plan.Id;
        // The plans and enrolments are saved: forget them, so each ledger posting's SaveChanges does not scan thousands of
        // tracked rows (that made the demo's postings quadratic — 41 s at scale 1). The claims are built untracked and added at the end.
        db.ChangeTracker.Clear();
        // One transaction for the demo's postings: the ledger joins it, so start-up does not wait on a commit per posting.
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var ledger = sp.GetRequiredService<IFundLedger>();
        var rules = plan.Rules();
        var at = new DateTimeOffset(2020, 12, 31, 0, 0, 0, TimeSpan.Zero);
        var count = Math.Max(10, (int)(members.Count * 0.6));
        var funding = new Dictionary<Guid, Guid>();
        var claims = new List<MutualAidClaim>();
        for (var i = 0; i < count; i++)
        {
            var m = members[rng.Next(members.Count)];
            var total = rng.Next(2_000_00, 60_000_00);
            var insured = total * rng.Next(50, 75) / 100;
            var self = (total - insured) * rng.Next(60, 100) / 100;
            var bill = new Bill(total, insured, self);
            if (!funding.TryGetValue(m.UnionId, out var fu)) funding[m.UnionId] = fu = await db.FundingUnitIdAsync(m.UnionId, ct);
            var payout = PayoutRules.Compute(rules, bill, 0);
            var claim = MutualAidClaim.File(planId, 2020, m.Id, m.Name, m.UnionId, fu, new DateOnly(2020, 1 + rng.Next(12), 1 + rng.Next(28)),
                Hospitals[rng.Next(Hospitals.Length)], "住院治疗", bill, 0, payout, at, "demo", $"demo:{i}");
            claims.Add(claim);
            // Most demo claims of 2020 are paid, some approved, a few rejected or waiting for review.
            var stage = i % 10;
            if (stage <= 7 && payout.AmountFen > 0)
            {
                var src = new Funds.Public.SourceRef(Claims.ClaimScope.SourceType, claim.Id);
                var c = await ledger.CommitAsync(Funds.Public.FundCodes.MutualAid, fu, 2020, new(payout.AmountFen), src, $"mutual-aid:commit:{claim.Id}", ct);
                if (!c.IsOk) continue;
                claim.Approve(c.Value, $"demo:approve:{i}", "demo", at);
                if (stage == 7) continue;
                var p = await ledger.PayAsync(Funds.Public.FundCodes.MutualAid, fu, 2020, new(payout.AmountFen), src, $"mutual-aid:pay:{claim.Id}", ct);
                if (p.IsOk) claim.MarkPaid(p.Value, $"demo:pay:{i}", at);
            }
            else if (stage == 8) claim.Reject("自费药品不在互助范围内", "demo", at);
            // the ledger's own rows (entries, balances) pile up in the tracker too; drop them now and then
            if (i % 100 == 99) db.ChangeTracker.Clear();
        }
        db.ChangeTracker.Clear();
        foreach (var chunk in claims.Chunk(1000))
        {
            db.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            await Claims.PaidRollup.ApplyAsync(db, chunk.Where(c => c.Status == Claims.ClaimStatus.Paid).Select(Claims.PaidChange.Paid), ct);
            db.ChangeTracker.Clear();
        }
        await tx.CommitAsync(ct);
    }

    private static readonly string[] Hospitals = ["北京协和医院", "北京大学第一医院", "北京朝阳医院", "北京天坛医院", "北京积水潭医院", "首都医科大学附属北京友谊医院"];

}
