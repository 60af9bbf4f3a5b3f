using Gonghui.Modules.LaborRelations.Bargaining;
using Gonghui.Modules.LaborRelations.Cultivation;
using Gonghui.Modules.LaborRelations.Organizing;
using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Modules.LaborRelations.Signals;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.LaborRelations.Demo;

/// <summary>
/// Demo data of issue 16.8–16.10, deterministic: the 2020 harmonious-employer cohort of the review (73 × scale labour-intensive non-public
/// firms, each with a legal health check, most recognised in December), a small cohort cultivated now; collective agreements (the 2020
/// action-plan agreements, agreements in force now — some expiring soon — industry and regional ones, files still in negotiation with their
/// rounds); organizing drives of 2020 and of this year whose progress the registry gives.
/// </summary>
internal sealed class RightsDemoSeeder : IDemoSeeder
{
    private const string Actor = "demo";
    private static readonly string[] LawyerTeams = ["北京市劳模律师服务团第一组", "北京市劳模律师服务团第二组", "京师律师事务所公益团队", "大成律师事务所工会法律服务队",
        "中伦律师事务所劳动法团队", "金诚同达律师事务所公益团队"];
    private static readonly string[] Topics = ["工资调整幅度", "工时与休息休假", "疫情期间稳岗与待岗工资", "女职工特殊保护", "劳动安全卫生条件", "福利与补充保险"];
    private static readonly string[] Sectors = ["餐饮行业", "建筑行业", "快递物流行业", "商务楼宇", "科技园区", "商贸城"];
    private static readonly string[] Chiefs = ["王建国", "李红", "张伟", "刘芳", "陈明", "赵丽", "孙强", "周静"];

    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        if (await db.Set<CultivatedFirm>().AnyAsync(ct) || await db.Set<CollectiveAgreement>().AnyAsync(ct) || await db.Set<OrganizingDrive>().AnyAsync(ct)) return;
        var scale = sp.GetRequiredService<IConfiguration>().GetValue<double?>("Gonghui:Demo:Scale") ?? 1.0;
        var scope = sp.GetRequiredService<LaborScope>();
        var today = scope.Today;
        var now = scope.Now;
        var rnd = new Random(1616);
        var firms = await db.EnterpriseUnionFacts().OrderByDescending(e => e.Employees).ThenBy(e => e.Id).Take(5_000).ToListAsync(ct);
        if (firms.Count == 0) return;
        var homes = new Dictionary<string, (Guid? Id, string Path)>();
        async Task<(Guid? Id, string Path)> HomeOf(string district)
        {
            if (!homes.TryGetValue(district, out var h)) homes[district] = h = await scope.DistrictUnionAsync(district, ct);
            return h;
        }
        DateOnly Day(int year, int fromMonth, int toMonth) => new(year, fromMonth + rnd.Next(toMonth - fromMonth + 1), 1 + rnd.Next(28));

        // 1. Harmonious-employer cultivation: the 2020 cohort (73 at scale 1, labour-intensive non-public firms), then a few firms now.
        var cohort2020 = Math.Max(1, (int)Math.Round(73 * scale, MidpointRounding.AwayFromZero));
        var candidates = firms.Where(f => f.NonPublic).ToList();
        if (candidates.Count < cohort2020) candidates = firms;
        var used = new HashSet<Guid>();
        for (var i = 0; i < cohort2020 && i < candidates.Count; i++)
        {
            var e = candidates[i];
            used.Add(e.Id);
            var (_, path) = await HomeOf(e.DistrictCode);
            var enrolled = Day(2020, 3, 4);
            var firm = CultivatedFirm.Enrol(Guid.CreateVersion7(), e.Id, e.Name, e.DistrictCode, path, 2020, enrolled, LawyerTeams[i % LawyerTeams.Length], e.Employees, now, Actor);
            db.Add(firm);
            var checkedOn = enrolled.AddDays(20 + rnd.Next(40));
            var (check, findings) = Check(firm, checkedOn, rnd, problems: 1 + rnd.Next(3), now);
            db.Add(check);
            db.AddRange(findings);
            firm.Checked(checkedOn, check.Score);
            foreach (var f in findings.Where(f => f.RectifyBy is not null)) f.Rectify(f.RectifyBy!.Value.AddDays(-rnd.Next(10)), "已按律师团队意见完成整改");
            // A second check in the autumn after the rectification: all but a few firms pass it and are recognised in December.
            var second = Day(2020, 10, 11);
            var (again, clean) = Check(firm, second, rnd, problems: i % 10 == 9 ? 2 : 0, now);
            db.Add(again);
            db.AddRange(clean);
            firm.Checked(second, again.Score);
            if (i % 10 == 9) firm.Withdraw(new DateOnly(2021, 3, 31), "企业经营困难，暂缓培育");
            else firm.Recognize(new DateOnly(2020, 12, 15 + rnd.Next(10)), typical: i % 7 == 0, "经评审认定为和谐劳动关系企业");
        }
        var current = Math.Max(2, (int)Math.Round(12 * scale, MidpointRounding.AwayFromZero));
        foreach (var (e, i) in candidates.Where(f => !used.Contains(f.Id)).Take(current).Select((e, i) => (e, i)))
        {
            used.Add(e.Id);
            var (_, path) = await HomeOf(e.DistrictCode);
            var enrolled = today.AddDays(-200 + rnd.Next(120));
            var firm = CultivatedFirm.Enrol(Guid.CreateVersion7(), e.Id, e.Name, e.DistrictCode, path, enrolled.Year, enrolled, LawyerTeams[i % LawyerTeams.Length], e.Employees, now, Actor);
            db.Add(firm);
            if (i % 3 == 2) continue; // not yet checked
            var checkedOn = enrolled.AddDays(15 + rnd.Next(20));
            var (check, findings) = Check(firm, checkedOn, rnd, problems: 1 + rnd.Next(4), now);
            db.Add(check);
            db.AddRange(findings);
            firm.Checked(checkedOn, check.Score);
        }

        // 2. Collective agreements.
        var unionized = firms.Where(f => f.GrassrootsUnionId is not null).ToList();
        var pick = 0;
        if (unionized.Count == 0) unionized = firms;
        EnterpriseUnionFact Next() => unionized[pick++ % unionized.Count];
        // The 2020 action plan (保企业保就业保稳定): emergency and per-matter agreements of one year, signed in the spring of 2020.
        var plan = Math.Max(3, (int)Math.Round(200 * scale));
        for (var i = 0; i < plan; i++)
        {
            var e = Next();
            var signed = Day(2020, 2, 6);
            await AgreementAsync(e, AgreementKind.ActionPlan, i % 2 == 0 ? AgreementForm.Emergency : AgreementForm.PerMatter, signed.AddDays(-10 - rnd.Next(10)), signed,
                signed, signed.AddYears(1).AddDays(-1), pledge: true, increase: null, rounds: 1);
        }
        // Agreements in force now: comprehensive (3 years), wage (1 year, with its increase), women workers' and safety (3 years); some expire soon.
        var live = Math.Max(8, (int)Math.Round(400 * scale));
        for (var i = 0; i < live; i++)
        {
            var e = Next();
            var kind = (AgreementKind)(i % 4);
            var years = kind == AgreementKind.Wage ? 1 : 3;
            var starts = i % 8 == 0 ? today.AddYears(-years).AddDays(20 + rnd.Next(60)) : today.AddDays(-rnd.Next(300));
            var signed = starts.AddDays(-5 - rnd.Next(10));
            if (signed.AddDays(10) > today) { signed = today.AddDays(-30); starts = signed.AddDays(5); }
            await AgreementAsync(e, kind, AgreementForm.Regular, signed.AddDays(-30 - rnd.Next(30)), signed, starts, starts.AddYears(years).AddDays(-1), pledge: false,
                increase: kind == AgreementKind.Wage ? 300 + rnd.Next(500) : null, rounds: 2 + rnd.Next(2));
        }
        // Industry and regional agreements.
        var sectors = Math.Max(2, (int)Math.Round(16 * scale));
        for (var i = 0; i < sectors; i++)
        {
            var d = BeijingDistricts.All[i % BeijingDistricts.All.Length];
            var (unit, path) = await HomeOf(d.Code);
            var level = i % 2 == 0 ? AgreementLevel.Industry : AgreementLevel.Regional;
            var sector = Sectors[i % Sectors.Length];
            var signed = today.AddDays(-60 - rnd.Next(500));
            var a = CollectiveAgreement.Open(Guid.CreateVersion7(), $"{d.Name}{sector}{(level == AgreementLevel.Industry ? "工资专项集体合同" : "区域性集体合同")}",
                level == AgreementLevel.Industry ? AgreementKind.Wage : AgreementKind.Comprehensive, level, AgreementForm.Regular, null, null, sector, d.Code, path, unit, false,
                signed.AddDays(-40), 0, 20 + rnd.Next(200), null, now, Actor);
            Sign(a, signed, signed.AddDays(3), signed.AddDays(3).AddYears(level == AgreementLevel.Industry ? 1 : 3).AddDays(-1), 2_000 + rnd.Next(20_000),
                level == AgreementLevel.Industry ? 400 + rnd.Next(300) : null);
            a.File(signed.AddDays(4 + rnd.Next(5)));
            db.Add(a);
        }
        // Files still in negotiation, with their rounds.
        var open = Math.Max(2, (int)Math.Round(30 * scale));
        for (var i = 0; i < open; i++)
        {
            var e = Next();
            var (unit, path) = await HomeOf(e.DistrictCode);
            var requested = today.AddDays(-10 - rnd.Next(60));
            var a = CollectiveAgreement.Open(Guid.CreateVersion7(), $"{e.Name}{requested.Year}年工资专项集体合同", AgreementKind.Wage, AgreementLevel.Enterprise, AgreementForm.Regular,
                e.Id, e.Name, null, e.DistrictCode, path, unit, false, requested, e.Employees, 1, null, now, Actor);
            if (i % 3 != 0) a.Respond(requested.AddDays(5 + rnd.Next(20)));
            db.Add(a);
            AddRounds(a.Id, requested, Math.Min(today.DayNumber - requested.DayNumber, 40), 1 + rnd.Next(3));
        }

        // 3. Organizing drives: 2020's non-public drives in a few districts and a city-wide dispatch-worker drive; this year's park drive and platform drive.
        var districts = BeijingDistricts.All.Take(Math.Max(2, (int)Math.Round(6 * Math.Min(1, scale * 10)))).ToList();
        foreach (var d in districts)
        {
            var (_, path) = await HomeOf(d.Code);
            db.Add(OrganizingDrive.Of(Guid.CreateVersion7(), $"{d.Name}2020年非公企业建会入会专项行动", DriveKind.NonPublicFirms, DriveStep.Comprehensive, d.Code, path,
                new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31), Math.Max(1, (int)Math.Round(40 * scale)), Math.Max(10, (int)Math.Round(3_000 * scale)), null, now, Actor));
        }
        var root = await db.UnitRows().Where(u => u.ParentId == null).Select(u => u.Path).FirstAsync(ct);
        db.Add(OrganizingDrive.Of(Guid.CreateVersion7(), "2020年劳务派遣工入会专项行动", DriveKind.DispatchWorkers, DriveStep.Comprehensive, null, root,
            new DateOnly(2020, 3, 1), new DateOnly(2020, 12, 31), 0, Math.Max(10, (int)Math.Round(2_000 * scale)), "派遣工可通过派遣单位或用工单位工会入会", now, Actor));
        var parkDistrict = BeijingDistricts.All[2];
        var parkFirms = firms.Where(f => f.DistrictCode == parkDistrict.Code).Take(Math.Max(3, (int)Math.Round(60 * scale))).ToList();
        if (parkFirms.Count > 0)
        {
            var (_, path) = await HomeOf(parkDistrict.Code);
            var drive = OrganizingDrive.Of(Guid.CreateVersion7(), $"{parkDistrict.Name}科技园区联合工会规范建会", DriveKind.ParkOrBuilding, DriveStep.Standardized, parkDistrict.Code,
                path, new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31), parkFirms.Count, Math.Max(10, (int)Math.Round(1_500 * scale)), null, now, Actor);
            db.Add(drive);
            db.AddRange(parkFirms.Select(f => DriveFirm.Of(drive.Id, f.Id)));
        }
        var platformFirms = firms.Where(f => f.NonPublic && f.GrassrootsUnionId is null).Take(Math.Max(2, (int)Math.Round(20 * scale))).ToList();
        if (platformFirms.Count > 0)
        {
            var drive = OrganizingDrive.Of(Guid.CreateVersion7(), $"{today.Year}年互联网平台企业建会专项行动", DriveKind.PlatformFirms, DriveStep.Comprehensive, null, root,
                new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31), platformFirms.Count, Math.Max(10, (int)Math.Round(5_000 * scale)), "货车司机、网约车司机、快递员、外卖送餐员等新就业形态劳动者", now, Actor);
            db.Add(drive);
            db.AddRange(platformFirms.Select(f => DriveFirm.Of(drive.Id, f.Id)));
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        async Task AgreementAsync(EnterpriseUnionFact e, AgreementKind kind, AgreementForm form, DateOnly requested, DateOnly signed, DateOnly starts, DateOnly expires,
            bool pledge, int? increase, int rounds)
        {
            var (unit, path) = await HomeOf(e.DistrictCode);
            var year = signed.Year;
            var title = kind switch
            {
                AgreementKind.ActionPlan => $"{e.Name}保企业保就业保稳定专项协议",
                AgreementKind.Wage => $"{e.Name}{year}年工资专项集体合同",
                AgreementKind.WomenWorkers => $"{e.Name}女职工权益保护专项集体合同",
                AgreementKind.LaborSafety => $"{e.Name}劳动安全卫生专项集体合同",
                _ => $"{e.Name}集体合同（{year}—{expires.Year}）",
            };
            var a = CollectiveAgreement.Open(Guid.CreateVersion7(), title, kind, AgreementLevel.Enterprise, form, e.Id, e.Name, null, e.DistrictCode, path, unit, pledge,
                requested, e.Employees, 1, null, now, Actor);
            a.Respond(requested.AddDays(3 + rnd.Next(15)));
            AddRounds(a.Id, requested, Math.Max(1, signed.DayNumber - requested.DayNumber), rounds);
            Sign(a, signed, starts, expires, Math.Max(1, e.Employees), increase);
            a.File(signed.AddDays(2 + rnd.Next(8)));
            db.Add(a);
        }

        void Sign(CollectiveAgreement a, DateOnly signed, DateOnly starts, DateOnly expires, int workers, int? increase)
        {
            var reps = 3 + rnd.Next(4);
            var congress = Math.Max(3, Math.Min(workers, 30 + rnd.Next(200)));
            var present = congress - rnd.Next(Math.Max(1, congress / 4));
            var votesFor = Math.Max(congress / 2 + 1, present - rnd.Next(Math.Max(1, present / 5)));
            a.Sign(new SigningFacts(signed, starts, expires, congress, present, Math.Min(votesFor, present), reps, reps, workers, increase, null, a.Kind),
                Chiefs[rnd.Next(Chiefs.Length)], Chiefs[rnd.Next(Chiefs.Length)]);
        }

        void AddRounds(Guid agreementId, DateOnly requested, int spanDays, int count)
        {
            for (var r = 1; r <= count; r++)
            {
                var union = 500 + rnd.Next(400);
                db.Add(AgreementRound.Of(Guid.CreateVersion7(), agreementId, r, requested.AddDays(Math.Max(0, spanDays * r / (count + 1))), Topics[rnd.Next(Topics.Length)],
                    union, union - 100 - rnd.Next(300), r == count ? "双方就主要条款达成一致" : "双方交换方案，约定下次会议", now, Actor));
            }
        }
    }

    /// <summary>A health check with every checklist item: <paramref name="problems"/> items with a problem (minor, or major now and then), due within 90 days.</summary>
    private static (HealthCheck, List<CheckFinding>) Check(CultivatedFirm firm, DateOnly on, Random rnd, int problems, DateTimeOffset at)
    {
        var bad = CultivationRules.Checklist.OrderBy(_ => rnd.Next()).Take(problems).Select(c => c.Key).ToHashSet();
        var items = CultivationRules.Checklist.Select(c => bad.Contains(c.Key)
            ? new ItemFinding(c.Key, rnd.Next(4) == 0 ? ItemVerdict.Major : ItemVerdict.Minor, c.Key switch
            {
                "contracts" => "部分岗位未签订书面劳动合同", "hours" => "旺季加班超过每月36小时", "insurance" => "部分职工社保缴费基数偏低",
                "rules" => "考勤制度未经职代会讨论", "wages" => "加班工资计算基数不规范", _ => "制度不健全，需完善",
            }, on.AddDays(30 + rnd.Next(60)))
            : new ItemFinding(c.Key, ItemVerdict.Compliant, null, null)).ToList();
        var check = HealthCheck.Of(Guid.CreateVersion7(), firm.Id, on, firm.LawyerTeam, CultivationRules.Score(items), problems == 0 ? "各项合规" : $"发现问题{problems}项，已提出整改建议", at);
        return (check, items.Select(i => CheckFinding.Of(Guid.CreateVersion7(), check.Id, firm.Id, i)).ToList());
    }
}
