using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Insurance.Claims;
using Gonghui.Modules.Insurance.Schemes;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Money;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Insurance.Demo;

/// <summary>
/// The 2020 accident-insurance scheme (COVID-19 covered from 20 January 2020, front-line workers' families covered, 223,200 yuan
/// per person) and one for the current year; when the registry has members, cover for a share of them (a third front-line, some
/// with a covered family member) and claims in every state, paid through the accident fund. One transaction, deterministic.
/// </summary>
internal sealed class InsuranceDemoSeeder : IDemoSeeder
{
    internal static readonly DateOnly CovidDate2020 = new(2020, 1, 20);

    internal static InsuranceScheme Scheme2020() => InsuranceScheme.Create("2020-ACC", 2020, "2020年度职工非工伤意外伤害保险(含新冠肺炎保障)",
        new(2020, 1, 1), new(2020, 12, 31), CovidDate2020, AccidentCauses.All, coversFamily: true, AccidentPayoutRules.Schedule2020);

    internal static InsuranceScheme SchemeFor(int year) => InsuranceScheme.Create($"{year}-ACC", year, $"{year}年度职工非工伤意外伤害保险",
        new(year, 1, 1), new(year, 12, 31), null, AccidentCauses.All.Where(c => c != AccidentCauses.Covid19), coversFamily: false,
        AccidentPayoutRules.Schedule2020 with { FamilySumInsuredFen = 0 });

    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        if (await db.Set<InsuranceScheme>().AnyAsync(ct)) return;
        var clock = sp.GetRequiredService<TimeProvider>();
        var scale = sp.GetRequiredService<IConfiguration>().GetValue<double?>("Gonghui:Demo:Scale") ?? 1.0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var s2020 = Scheme2020();
        db.Add(s2020);
        var current = BeijingTime.Year(clock);
        if (current != 2020) db.Add(SchemeFor(current));
        await db.SaveChangesAsync(ct);

        var members = await db.MemberRows().Where(m => m.Status == MemberStatus.Active).OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.Name, m.UnionId, m.IdNumberHash, m.IdNumberMasked }).Take(Math.Max(20, (int)(1500 * scale))).ToListAsync(ct);
        if (members.Count == 0) { await tx.CommitAsync(ct); return; }
        var rng = new Random(2020_0120);
        var protector = sp.GetRequiredService<PersonalDataProtector>();
        var at = new DateTimeOffset(2020, 1, 2, 1, 0, 0, TimeSpan.Zero);
        var covers = members.Select((m, i) => InsuranceCover.ForMember(s2020, m.Id, m.UnionId, m.Name, m.IdNumberHash, m.IdNumberMasked, frontLine: i % 3 == 0,
            s2020.CoverFrom, at, "demo")).ToList();
        var hashes = covers.Select(c => c.IdNumberHash).ToHashSet();
        var family = new List<InsuranceCover>();
        foreach (var c in covers.Where(c => c.FrontLine).Take(Math.Max(5, covers.Count / 10)))
        {
            var birth = new DateOnly(1950, 1, 1).AddDays(rng.Next(0, 25000));
            var first17 = $"110105{birth:yyyyMMdd}{rng.Next(0, 1000):000}";
            var id = first17 + ResidentId.CheckCharacter(first17);
            var hash = protector.Hash(id);
            if (!hashes.Add(hash)) continue;
            var relation = (FamilyRelation)rng.Next(3);
            family.Add(InsuranceCover.ForFamily(s2020, c, FamilyNames[rng.Next(FamilyNames.Length)], relation, protector.Encrypt(id), hash, ResidentId.Mask(id), at, "demo"));
        }
        db.AddRange(covers);
        db.AddRange(family);
        await db.SaveChangesAsync(ct);

        var ledger = sp.GetRequiredService<IFundLedger>();
        var schedule = s2020.Schedule();
        var terms = s2020.Terms();
        var funding = new Dictionary<Guid, Guid>();
        var insured = covers.Concat(family).ToList();
        var count = Math.Max(12, (int)(insured.Count * 0.08));
        for (var i = 0; i < count; i++)
        {
            var cover = insured[rng.Next(insured.Count)];
            var frontLine = cover.FrontLine || cover.Kind == InsuredKind.FamilyMember;
            var cause = frontLine && rng.Next(4) == 0 ? AccidentCauses.Covid19 : Causes[rng.Next(Causes.Length)];
            var on = cause == AccidentCauses.Covid19 ? CovidDate2020.AddDays(rng.Next(0, 120)) : new DateOnly(2020, 1, 1).AddDays(rng.Next(0, 360));
            var roll = rng.Next(100);
            var facts = new AccidentFacts(on, cause, rng.Next(300_00, 30_000_00), roll < 12 ? 8 + rng.Next(3) : null, roll == 99);
            var payout = AccidentPayoutRules.Compute(schedule, terms, facts, cover.Position());
            if (!payout.Covered) continue;
            if (!funding.TryGetValue(cover.UnionId, out var fu)) funding[cover.UnionId] = fu = await db.FundingUnitIdAsync(cover.UnionId, ct);
            var filedAt = new DateTimeOffset(on.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero).AddDays(3);
            var claim = AccidentClaim.File(s2020.Id, 2020, cover.Id, cover.MemberId, cover.PersonName, cover.Kind == InsuredKind.FamilyMember, cover.UnionId, fu,
                facts, Descriptions[rng.Next(Descriptions.Length)], payout, filedAt, "demo", $"demo:insurance:{i}");
            db.Add(claim);
            db.Add(AccidentClaimEvent.Of(claim.Id, ClaimEventKind.Filed, filedAt, "demo", null, payout.AmountFen));
            // Most 2020 claims are paid; some wait for review or approval, a few are rejected.
            var stage = i % 10;
            if (stage == 0) continue;
            if (stage == 1)
            {
                claim.Reject("材料不全,未提供事故证明", "demo", filedAt.AddDays(5));
                db.Add(AccidentClaimEvent.Of(claim.Id, ClaimEventKind.Rejected, filedAt.AddDays(5), "demo", claim.RejectReason));
                continue;
            }
            claim.Review($"demo:review:{i}", "demo", filedAt.AddDays(2));
            db.Add(AccidentClaimEvent.Of(claim.Id, ClaimEventKind.Reviewed, filedAt.AddDays(2), "demo"));
            if (stage == 2 || payout.AmountFen <= 0) continue;
            var src = new SourceRef(AccidentClaim.SourceType, claim.Id);
            var c = await ledger.CommitAsync(FundCodes.Accident, fu, 2020, new Fen(payout.AmountFen), src, $"insurance:commit:{claim.Id}", ct);
            if (!c.IsOk) continue;
            claim.Approve(payout, c.Value, $"demo:approve:{i}", "demo", filedAt.AddDays(6));
            cover.Grant(payout.MedicalFen, payout.BenefitFen);
            db.Add(AccidentClaimEvent.Of(claim.Id, ClaimEventKind.Approved, filedAt.AddDays(6), "demo", null, payout.AmountFen));
            if (stage == 3) continue;
            var p = await ledger.PayAsync(FundCodes.Accident, fu, 2020, new Fen(payout.AmountFen), src, $"insurance:pay:{claim.Id}", ct);
            if (!p.IsOk) continue;
            claim.MarkPaid(p.Value, $"demo:pay:{i}", filedAt.AddDays(10));
            db.Add(AccidentClaimEvent.Of(claim.Id, ClaimEventKind.Paid, filedAt.AddDays(10), "demo", null, payout.AmountFen));
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static readonly string[] Causes = [AccidentCauses.Traffic, AccidentCauses.Traffic, AccidentCauses.Fall, AccidentCauses.Fall, AccidentCauses.StruckByObject,
        AccidentCauses.Burn, AccidentCauses.OffDutyWork, AccidentCauses.Sports, AccidentCauses.Animal, AccidentCauses.Other];
    private static readonly string[] FamilyNames = ["王秀英", "李桂兰", "张建国", "刘淑珍", "陈志强", "杨丽", "赵小明", "黄晓燕"];
    private static readonly string[] Descriptions = ["下班途中骑车摔倒", "社区防疫值守期间感染", "雨天路滑跌倒", "周末外出遭遇交通事故", "家中搬运重物被砸伤"];
}
