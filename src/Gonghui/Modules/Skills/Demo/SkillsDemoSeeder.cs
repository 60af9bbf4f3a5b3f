using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Skills.Contests;
using Gonghui.Modules.Skills.Rules;
using Gonghui.Platform.Cli;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Skills.Demo;

/// <summary>
/// The 2020 职工技协杯 in its 27 trades: a ten-aspect scheme each (60 marks measured, 40 judged), judges (one sharing a competitor's
/// union, so the conflict rule shows), entries from the registry drawn to stations, and marks: the first trade published, the
/// second in marking (the demo account <c>judge</c> has an empty sheet there); at full scale every other trade marked and published
/// too. Deterministic, one SaveChanges.
/// </summary>
internal sealed class SkillsDemoSeeder : IDemoSeeder
{
    public const string JudgeAccount = "judge";

    public static readonly string[] Trades2020 =
    [
        "车工", "钳工", "电工", "焊工", "数控车工", "数控铣工", "加工中心操作工", "维修电工", "汽车维修工", "制冷工", "砌筑工", "电梯安装维修工",
        "茶艺师", "中式烹调师", "西式面点师", "美发师", "育婴员", "养老护理员", "网络与信息安全管理员", "电子商务师", "物流服务师", "快递员",
        "保安员", "燃气具安装维修工", "工业机器人系统操作员", "无人机驾驶员", "供热管网运行工",
    ];

    public static readonly (string Code, string Name, AspectKind Kind, int MaxCenti)[] Scheme =
    [
        ("M1", "尺寸精度", AspectKind.Measurement, 15_00), ("M2", "形位公差", AspectKind.Measurement, 15_00),
        ("M3", "表面质量", AspectKind.Measurement, 10_00), ("M4", "工艺文件", AspectKind.Measurement, 10_00),
        ("M5", "安全文明生产", AspectKind.Measurement, 10_00),
        ("J1", "工艺合理性", AspectKind.Judgement, 8_00), ("J2", "操作规范", AspectKind.Judgement, 8_00), ("J3", "作品整体效果", AspectKind.Judgement, 8_00),
        ("J4", "职业素养", AspectKind.Judgement, 8_00), ("J5", "创新与效率", AspectKind.Judgement, 8_00),
    ];

    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        if (await db.Set<SkillsContest>().AnyAsync(ct)) return;
        var scale = sp.GetRequiredService<IConfiguration>().GetValue<double?>("Gonghui:Demo:Scale") ?? 1.0;
        var root = await db.UnitRows().FirstOrDefaultAsync(u => u.ParentId == null, ct);
        if (root is null) return;
        var full = scale >= 0.5;
        var perTrade = full ? 20 : 3;
        // Aged 18–60 on the contest's first day (15 September 2020).
        var births = db.MemberBirths();
        var members = await db.MemberRows().Where(m => m.Status == MemberStatus.Active
                && births.Any(b => b.Id == m.Id && b.BirthDate <= new DateOnly(2002, 9, 15) && b.BirthDate >= new DateOnly(1960, 9, 16)))
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.Name, m.UnionId, m.EnterpriseId }).Take(perTrade * Trades2020.Length).ToListAsync(ct);
        // The demo account "worker" competes in the first trade (when of age): their page shows a published result and its certificate.
        var workerMember = await db.Set<AppUser>().Where(u => u.UserName == "worker").Select(u => u.MemberId).FirstOrDefaultAsync(ct);
        var worker = workerMember is null ? null : await db.MemberRows().Where(m => m.Id == workerMember && m.Status == MemberStatus.Active
                && births.Any(b => b.Id == m.Id && b.BirthDate <= new DateOnly(2002, 9, 15) && b.BirthDate >= new DateOnly(1960, 9, 16)))
            .Select(m => new { m.Id, m.Name, m.UnionId, m.EnterpriseId }).FirstOrDefaultAsync(ct);
        if (worker is not null && members.Count > 0 && members.All(m => m.Id != worker.Id)) members[0] = worker;
        var unionIds = members.Select(m => m.UnionId).Distinct().ToList();
        var paths = await db.UnitRows().Where(u => unionIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        var districts = await db.UnitRows().Where(u => u.Kind == OrgUnitKind.DistrictUnion).OrderBy(u => u.Code).Select(u => u.Id).ToListAsync(ct);
        if (districts.Count == 0) districts.Add(root.Id);

        var users = sp.GetRequiredService<UserManager<AppUser>>();
        await CommandLine.EnsureRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole<Guid>>>());
        var judgeUser = await users.FindByNameAsync(JudgeAccount);
        if (judgeUser is null)
        {
            judgeUser = new AppUser { UserName = JudgeAccount, DisplayName = "竞赛裁判(演示)", OrgUnitId = root.Id };
            var r = await users.CreateAsync(judgeUser, "gonghui-demo");
            if (!r.Succeeded) throw new InvalidOperationException(string.Join("; ", r.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(judgeUser, Roles.Judge);
        }

        var at = new DateTimeOffset(2020, 8, 1, 2, 0, 0, TimeSpan.Zero);
        var contest = SkillsContest.Create("2020-JXB", 2020, "2020年北京市职工技协杯职业技能竞赛", ContestKind.TradeContest, new DateOnly(2020, 9, 15), true, 18, 60,
            Leniency.ZScore, TieRule.JudgementFirst, 20200915, 24, at);
        db.Add(contest);
        var rng = new Random(2020_0915);
        var judgesPerTrade = full ? 5 : 4;
        for (var t = 0; t < Trades2020.Length; t++)
        {
            var trade = SkillsTrade.Create(contest.Id, $"T{t + 1:00}", Trades2020[t], null, 3, 10, 3);
            db.Add(trade);
            var aspects = Scheme.Select((a, i) => SkillsAspect.Create(trade.Id, i + 1, a.Code, a.Name, a.Kind, a.MaxCenti)).ToList();
            db.AddRange(aspects);
            var mine = members.Skip(t * perTrade).Take(perTrade).ToList();
            var entries = mine.Select(m => SkillsEntry.Create(trade, m.Id, m.Name, m.UnionId, paths.GetValueOrDefault(m.UnionId, root.Path), m.UnionId, m.EnterpriseId,
                null, at.AddDays(10), "demo")).ToList();
            db.AddRange(entries);
            var judges = new List<SkillsJudge>();
            for (var j = 0; j < judgesPerTrade; j++)
            {
                // The last judge comes from the first competitor's union: the conflict rule keeps them off that competitor's sheet.
                var unit = j == judgesPerTrade - 1 && entries.Count > 0 ? entries[0].UnionId : districts[(t + j) % districts.Count];
                var userId = t == 1 && j == 0 ? judgeUser.Id : (Guid?)null;
                judges.Add(SkillsJudge.Create(trade.Id, $"{Trades2020[t]}裁判{j + 1}", unit, null, userId, j == 0));
            }
            db.AddRange(judges);
            var marked = entries.Count > 0 && (t < 2 || full);
            if (!marked) continue;
            foreach (var slot in DrawRules.Draw(entries.Select(e => e.Id), contest.DrawSeed, trade.Code, trade.Stations)) entries.First(e => e.Id == slot.Entry).Place(slot);
            trade.Drawn(at.AddDays(44));
            var lenient = judges.Select(_ => rng.Next(3) - 1).ToArray(); // −1 strict, 0, +1 lenient
            foreach (var e in entries)
            {
                var ability = 0.45 + rng.NextDouble() * 0.5;
                foreach (var a in aspects)
                {
                    if (a.Kind == AspectKind.Measurement)
                    {
                        var mark = Math.Clamp(ability + (rng.NextDouble() - 0.5) * 0.2, 0, 1) * a.MaxCenti;
                        db.Add(SkillsMark.Create(trade.Id, e.Id, a.Id, Guid.Empty, judges[0].Id, (int)(Math.Round(mark / 50) * 50), at.AddDays(45)));
                        continue;
                    }
                    var b = Math.Clamp((int)Math.Round(ability * 3 + (rng.NextDouble() - 0.5) * 0.6), 0, 3);
                    for (var j = 0; j < judges.Count; j++)
                    {
                        if (t == 1 && j == 0) continue; // the demo judge's sheet stays empty for them to fill in
                        if (ConflictRules.Of(new JudgeTies(judges[j].UnitId, null, new HashSet<Guid>()), e.Ties()) is not null) continue;
                        // Scores stay within one point of each other (b and b ± 1 toward the judge's leniency): no spread to resolve.
                        var s = Math.Clamp(b + (rng.NextDouble() < 0.35 ? lenient[j] : 0), Math.Max(0, b - 1), Math.Min(3, b));
                        if (lenient[j] > 0 && rng.NextDouble() < 0.35) s = Math.Min(3, b);
                        db.Add(SkillsMark.Create(trade.Id, e.Id, a.Id, judges[j].Id, judges[j].Id, s * 100, at.AddDays(45)));
                    }
                }
            }
            if (t == 1) continue; // in marking
            trade.SignOff(at.AddDays(45).AddHours(6), "demo", contest.AppealHours);
            trade.Publish(at.AddDays(47));
        }
        await db.SaveChangesAsync(ct);
    }
}
