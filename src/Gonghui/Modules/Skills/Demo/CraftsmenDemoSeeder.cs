using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Skills.Craftsmen;
using Gonghui.Modules.Skills.Rules;
using Gonghui.Platform.Calendars;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Money;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Skills.Demo;

/// <summary>
/// The 2020 北京大工匠 selection in its 30 trades: three candidates in each (active front-line members of the registry), scored
/// (challenge contest and five experts), ranked by the published formula, decided, announced for five working days from
/// 16 November 2020 and final: 30 大工匠 and 30 提名奖 at every scale (fewer trades only in a tiny registry), their awards paid through the
/// federation's innovation fund of 2020 (granted what they need). Rows go in through the platform's row writer; the payments
/// run in one transaction with the paid candidates saved in it.
/// </summary>
internal sealed class CraftsmenDemoSeeder : IDemoSeeder
{
    public static readonly string[] Trades2020 =
    [
        "车工", "钳工", "焊工", "电工", "铣工", "磨工", "数控机床装调维修工", "工具钳工", "汽车维修工", "轨道列车司机", "电力线路工", "变电站运行值班员",
        "燃气管网运行工", "供热管网运行工", "给排水管道工", "建筑信息模型技术员", "砌筑工", "混凝土工", "钢筋工", "架子工", "中式烹调师", "面点师",
        "茶艺师", "美发师", "养老护理员", "工艺美术品制作工", "景泰蓝制作工", "雕漆工", "网络与信息安全管理员", "工业机器人系统运维员",
    ];

    private static readonly string[] Stories =
    [
        "扎根生产一线二十余年,攻克多项关键工艺难题,带出一支技术过硬的青年团队。",
        "以精益求精的工匠精神守护首都运行安全,总结的操作法在全行业推广。",
        "坚持传承与创新并重,多次在全国职业技能大赛中获奖,培养徒弟百余人。",
    ];

    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        if (await db.Set<CraftsmanSelection>().AnyAsync(ct)) return;
        var root = await db.UnitRows().Where(u => u.ParentId == null).Select(u => new { u.Id }).FirstOrDefaultAsync(ct);
        if (root is null) return;
        var terms = CraftsmanTerms.Default;
        // Aged at most 60 on 1 January 2020 (the eligibility rule), from the end of the registry (the contests take its start).
        var births = db.MemberBirths();
        var members = await db.MemberRows().Where(m => m.Status == MemberStatus.Active
                && births.Any(b => b.Id == m.Id && b.BirthDate > new DateOnly(1959, 1, 1) && b.BirthDate <= new DateOnly(1990, 1, 1)))
            .OrderByDescending(m => m.Id).Select(m => new { m.Id, m.Name, m.UnionId }).Take(3 * Trades2020.Length).ToListAsync(ct);
        // 30 winners and 30 nominees at every scale (the review's figures are not scaled: one per trade), fewer only in a tiny registry.
        var tradeCount = Math.Min(Trades2020.Length, members.Count / 3);
        if (tradeCount == 0) return;
        var unionIds = members.Select(m => m.UnionId).Distinct().ToList();
        var paths = await db.UnitRows().Where(u => unionIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Path, ct);

        var created = new DateTimeOffset(2020, 3, 2, 2, 0, 0, TimeSpan.Zero);
        var trades = Trades2020.Take(tradeCount).ToList();
        var selection = CraftsmanSelection.Create(2020, "2020年北京大工匠选树", Trades2020, terms, created);
        var rng = new Random(2020_1116);
        var candidates = new List<CraftsmanCandidate>();
        for (var t = 0; t < trades.Count; t++)
        {
            var inTrade = new List<CraftsmanCandidate>();
            for (var k = 0; k < 3; k++)
            {
                var m = members[t * 3 + k];
                var c = CraftsmanCandidate.Nominate(selection.Id, trades[t], m.Id, m.Name, m.UnionId, paths.GetValueOrDefault(m.UnionId, "/"), true, 12 + rng.Next(25),
                    Stories[(t + k) % Stories.Length], created.AddDays(20 + rng.Next(30)), "demo");
                // Challenge contest 70–98, five experts 70–95 (the highest and lowest are dropped).
                c.Score((7000 + rng.Next(2800)) / 50 * 50, Enumerable.Range(0, 5).Select(_ => (7000 + rng.Next(2500)) / 50 * 50).ToList());
                inTrade.Add(c);
            }
            var ranked = GreatCraftsmanRules.Rank(terms, inTrade.Select(c => new CraftsmanScores(c.Id, c.ChallengeCenti!.Value / 100m, c.Reviews()))).ToDictionary(r => r.Candidate);
            foreach (var c in inTrade) { c.Ranked(ranked.GetValueOrDefault(c.Id)); c.Decide(); }
            candidates.AddRange(inTrade);
        }
        selection.Decide("demo-committee");
        var announced = new DateOnly(2020, 11, 16);
        selection.Announce(announced, GreatCraftsmanRules.AnnouncementEnds(announced, terms.AnnouncementWorkingDays, sp.GetRequiredService<CalendarService>().Current.IsWorkingDay));
        selection.Finish();
        await RowWriter.InsertAsync(db, [(selection, "demo"), .. candidates.Select(c => ((object)c, "demo"))], new DateTimeOffset(2020, 11, 30, 2, 0, 0, TimeSpan.Zero), ct);

        // The awards, paid through the federation's innovation fund of 2020 (granted what they need on top of the other seeders' budget).
        var awarded = candidates.Where(c => c.Award != CraftsmanAward.None).ToList();
        var need = awarded.Sum(c => GreatCraftsmanRules.AwardFen(terms, c.Award));
        if (need == 0) return;
        var ledger = sp.GetRequiredService<IFundLedger>();
        var paidAt = new DateTimeOffset(2020, 12, 10, 2, 0, 0, TimeSpan.Zero);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ledger.AllocateBudgetAsync(FundCodes.Innovation, root.Id, 2020, new Fen(need), "demo:skills:craftsmen:budget:2020", ct);
        db.AttachRange(awarded);
        foreach (var c in awarded)
        {
            var amount = GreatCraftsmanRules.AwardFen(terms, c.Award);
            var paid = await ledger.PayAsync(FundCodes.Innovation, root.Id, 2020, new Fen(amount), new SourceRef(CraftsmenService.PaymentSource, c.Id),
                $"skills:craftsman:pay:{c.Id}", ct);
            if (paid.IsOk) c.MarkPaid(amount, paid.Value, paidAt, "demo");
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
