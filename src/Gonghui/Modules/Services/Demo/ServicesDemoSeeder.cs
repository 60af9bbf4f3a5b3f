using Gonghui.Modules.Hardship.Public;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Services.Campaigns;
using Gonghui.Modules.Services.Projects;
using Gonghui.Modules.Services.Rules;
using Gonghui.Modules.Services.Visits;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Services.Demo;

/// <summary>
/// The 2020 service year at the review's figures × Gonghui:Demo:Scale: 1,740 projects over the three tiers (most accepted), the
/// 消费扶贫送清凉 campaign of 2020 with its groups (415 archived needy, 545 needy, 15,399 front-line workers over the largest unions),
/// a few projects and a winter campaign of this year still in progress for the demo accounts, and a sample of visits (the demo
/// worker's among them). The 4,773,700 visits of the year are not seeded: they are the bench's (bench/run.sh services-visits).
/// Projects carry their budget figure; the demo posts no ledger entries for them (a project approved in the app does).
/// Everything is written in bulk (RowWriter) in one transaction.
/// </summary>
internal sealed class ServicesDemoSeeder : IDemoSeeder
{
    private const string Actor = "demo";
    private static readonly string[] Topics = ["职工健康体检", "法律咨询进企业", "职工书屋", "困难职工帮扶", "一线职工慰问", "女职工关爱", "农民工子女托管", "职工技能培训",
        "心理健康讲座", "文艺演出进工地", "防暑降温慰问", "金秋助学", "春风行动招聘会", "送温暖走访", "职工运动会", "普法宣传"];

    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        if (await db.Set<ServiceProject>().AnyAsync(ct)) return;
        var scale = sp.GetRequiredService<IConfiguration>().GetValue<double?>("Gonghui:Demo:Scale") ?? 1.0;
        var clock = sp.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var today = BeijingTime.Today(clock);
        var units = await db.UnitRows().Where(u => !u.IsClosed).Select(u => new { u.Id, u.Path, u.Depth, u.Kind }).ToListAsync(ct);
        if (units.Count == 0) return;
        var root = units.First(u => u.Depth == 0);
        var districts = units.Where(u => u.Depth == 1 && u.Kind != OrgUnitKind.ServiceUnit).ToList();
        var grassroots = units.Where(u => u.Kind == OrgUnitKind.GrassrootsUnion).ToList();
        var users = await db.Set<AppUser>().AsNoTracking().Select(u => new { u.UserName, u.OrgUnitId, u.MemberId }).ToListAsync(ct);
        Guid? UnitOf(string name) => users.FirstOrDefault(u => u.UserName == name)?.OrgUnitId;
        var workerMember = users.FirstOrDefault(u => u.UserName == "worker")?.MemberId;
        var rnd = new Random(2020);
        var rows = new List<(object, string)>();

        // Projects of 2020: 40 city, 300 district, the rest grassroots (× scale), nearly all accepted with an evaluation.
        var total = Math.Max(1, (int)Math.Round(1740 * scale));
        var city = Math.Max(2, total * 40 / 1740);
        var district = Math.Max(4, total * 300 / 1740);
        var projects2020 = new List<ServiceProject>();
        for (var i = 0; i < total; i++)
        {
            var owner = i < city ? root : i < city + district && districts.Count > 0 ? districts[i % districts.Count] : grassroots.Count > 0 ? grassroots[rnd.Next(grassroots.Count)] : root;
            var category = Pick(rnd, (10, ServiceCategory.SpringJobs), (12, ServiceCategory.SummerCool), (8, ServiceCategory.AutumnSchool), (14, ServiceCategory.WinterWarmth),
                (8, ServiceCategory.SendPolicy), (10, ServiceCategory.SendWarmth), (14, ServiceCategory.SendCulture), (12, ServiceCategory.SendHealth),
                (8, ServiceCategory.SendLaw), (4, ServiceCategory.Other));
            var group = Pick(rnd, (40, TargetGroup.AllMembers), (15, TargetGroup.Needy), (20, TargetGroup.FrontLine), (10, TargetGroup.Female), (10, TargetGroup.Migrant), (5, TargetGroup.Youth));
            var applied = new DateOnly(2020, 1, 2).AddDays(rnd.Next(0, 120));
            var budget = 100L * (owner.Depth == 0 ? rnd.Next(200_000, 2_000_000) : owner.Depth == 1 ? rnd.Next(50_000, 500_000) : rnd.Next(2_000, 50_000));
            var planned = owner.Depth == 0 ? rnd.Next(20_000, 200_000) : owner.Depth == 1 ? rnd.Next(2_000, 20_000) : rnd.Next(100, 3_000);
            var p = ServiceProject.Apply(DemoId(1, i), $"{Topics[rnd.Next(Topics.Length)]}（{i + 1}）", 2020, owner.Id, owner.Path, owner.Depth, category, group, null,
                applied.AddDays(20), new DateOnly(2020, 12, 31), budget, planned, BeijingTime.ToUtc(applied, new TimeOnly(9, 30)), Actor);
            var decided = BeijingTime.ToUtc(applied.AddDays(rnd.Next(3, 15)), new TimeOnly(15, 0));
            if (rnd.Next(100) < 2) { p.Rejected("与本年度重点不符"); p.Apply(ProjectAction.Reject, decided, "demo-approver"); }
            else
            {
                p.Apply(ProjectAction.Approve, decided, "demo-approver");
                p.Apply(ProjectAction.StartDelivery, decided.AddDays(10), Actor);
                p.Apply(ProjectAction.FinishDelivery, BeijingTime.ToUtc(new DateOnly(2020, 12, 20), new TimeOnly(17, 0)), Actor);
                var score = rnd.Next(62, 100);
                p.Evaluate(budget * rnd.Next(80, 101) / 100, null, score, ProjectRules.Grade(score, planned, planned), null);
                p.Apply(ProjectAction.Accept, BeijingTime.ToUtc(new DateOnly(2020, 12, 28), new TimeOnly(10, 0)), "demo-approver");
            }
            projects2020.Add(p);
            rows.Add((p, Actor));
        }

        // This year's projects of the demo accounts' units, at each step, so the pages have work to show.
        var year = today.Year;
        var mine = new List<ServiceProject>();
        var grassrootsUnit = units.FirstOrDefault(u => u.Id == UnitOf("dc-grassroots")) ?? grassroots.FirstOrDefault();
        var districtUnit = units.FirstOrDefault(u => u.Id == UnitOf("dongcheng")) ?? districts.FirstOrDefault();
        var n = 0;
        foreach (var (owner, steps) in new[] { (grassrootsUnit, 0), (grassrootsUnit, 2), (grassrootsUnit, 3), (districtUnit, 0), (districtUnit, 2), (root, 2) })
        {
            if (owner is null) continue;
            var start = new DateOnly(year, 1, 2);
            var p = ServiceProject.Apply(DemoId(2, n++), $"{Topics[n % Topics.Length]}（{year}）", year, owner.Id, owner.Path, owner.Depth,
                (ServiceCategory)new[] { 1, 2, 4, 11, 12, 13, 14, 15 }[n % 8], TargetGroup.AllMembers, "面向会员的年度服务项目。", null, null, 100L * 30_000 * (n + 1), 500 * n,
                BeijingTime.ToUtc(start, new TimeOnly(9, 0)), "demo-applicant");
            if (steps >= 1) p.Apply(ProjectAction.Approve, BeijingTime.ToUtc(start.AddDays(3), new TimeOnly(9, 0)), "demo-approver");
            if (steps >= 2) p.Apply(ProjectAction.StartDelivery, BeijingTime.ToUtc(start.AddDays(5), new TimeOnly(9, 0)), Actor);
            if (steps >= 3) p.Apply(ProjectAction.FinishDelivery, BeijingTime.ToUtc(today, new TimeOnly(0, 0)), Actor);
            mine.Add(p);
            rows.Add((p, Actor));
        }

        // A sample of visits: to the delivering projects of this year, the demo worker among the members (the full year is the bench's).
        var members = await db.MemberRows().Where(m => m.Status == MemberStatus.Active).OrderBy(m => m.Id).Select(m => new { m.Id, m.UnionId }).ToListAsync(ct);
        var visitRows = new List<(object, string)>();
        if (members.Count > 0)
        {
            var open = mine.Where(p => ProjectRules.TakesVisits(p.Status)).ToList();
            var seen = new HashSet<(Guid, Guid, DateOnly)>();
            var visits = Math.Max(50, (int)Math.Round(2000 * scale));
            for (var i = 0; i < visits && open.Count > 0; i++)
            {
                var p = open[i % open.Count];
                var m = members[rnd.Next(members.Count)];
                var day = today.AddDays(-rnd.Next(0, Math.Max(1, today.DayOfYear - 6)));
                if (!seen.Add((p.Id, m.Id, day))) continue;
                visitRows.Add((ServiceVisit.Of(DemoId(3, i), p.Id, m.Id, m.UnionId, day, BeijingTime.ToUtc(day, new TimeOnly(10, rnd.Next(60))),
                    (VisitChannel)(1 + rnd.Next(5)), "职工之家", null, now, Actor), Actor));
            }
            if (workerMember is { } wm && members.FirstOrDefault(m => m.Id == wm) is { } w)
                for (var i = 0; i < Math.Min(3, open.Count); i++)
                {
                    var day = today.AddDays(-Math.Min(i * 7, today.DayOfYear - 1));
                    if (seen.Add((open[i].Id, wm, day)))
                        visitRows.Add((ServiceVisit.Of(DemoId(4, i), open[i].Id, wm, w.UnionId, day, BeijingTime.ToUtc(day, new TimeOnly(14, 0)), VisitChannel.QrSignIn,
                            "东城区职工服务中心", null, now, Actor), Actor));
                }
        }

        // 消费扶贫送清凉 2020: in kind, city-wide; the groups at the review's figures over the registry.
        var summer = ServiceCampaign.Open(DemoId(5, 0), "2020年消费扶贫送清凉", CampaignKind.SummerCool, 2020, root.Id, root.Path,
            projects2020.FirstOrDefault(p => p.Category == ServiceCategory.SummerCool && p.Tier == ServiceTier.City)?.Id, GiftKind.InKind, 20_000,
            "消费扶贫防暑降温用品一套", BeijingTime.ToUtc(new DateOnly(2020, 6, 20), new TimeOnly(9, 0)), Actor);
        rows.Add((summer, Actor));
        var unitPath = units.ToDictionary(u => u.Id, u => u.Path);
        var needy = sp.GetRequiredService<IHardshipRoster>();
        var archived = (await needy.NeedyMembersAsync(root.Path, ct)).Where(x => x.Archived).Select(x => new Candidate(x.MemberId, x.UnitId, RecipientGroup.ArchivedNeedy));
        var want = (Archived: Count(415, scale), Needy: Count(545, scale), FrontLine: Count(15_399, scale));
        var candidates = archived.Take(want.Archived).ToList();
        var taken = candidates.Select(c => c.MemberId).ToHashSet();
        var shuffled = members.OrderBy(_ => rnd.Next()).Where(m => !taken.Contains(m.Id)).ToList();
        var k = 0;
        while (candidates.Count < want.Archived && k < shuffled.Count) { candidates.Add(new(shuffled[k].Id, shuffled[k].UnionId, RecipientGroup.ArchivedNeedy)); k++; }
        for (var i = 0; i < want.Needy && k < shuffled.Count; i++, k++) candidates.Add(new(shuffled[k].Id, shuffled[k].UnionId, RecipientGroup.Needy));
        taken = candidates.Select(c => c.MemberId).ToHashSet();
        // Front-line workers: the members of the largest unions (the front-line units), as many unions as the figure needs.
        var byUnion = members.Where(m => !taken.Contains(m.Id)).GroupBy(m => m.UnionId).OrderByDescending(g => g.Count()).ToList();
        var frontLine = 0;
        foreach (var g in byUnion)
        {
            foreach (var m in g)
            {
                if (frontLine >= want.FrontLine) break;
                candidates.Add(new(m.Id, m.UnionId, RecipientGroup.FrontLine));
                frontLine++;
            }
            if (frontLine >= want.FrontLine) break;
        }
        var signed = BeijingTime.ToUtc(new DateOnly(2020, 7, 20), new TimeOnly(11, 0));
        var plan = new Dictionary<(Guid, RecipientGroup), int>();
        var r = 0;
        foreach (var c in CampaignRules.BuildTargets(candidates.Where(c => unitPath.ContainsKey(c.UnitId)), new HashSet<Guid>()))
        {
            var rec = CampaignRecipient.List(DemoId(6, r++), summer.Id, c.MemberId, c.UnitId, unitPath[c.UnitId], c.Group, BeijingTime.ToUtc(new DateOnly(2020, 7, 1), new TimeOnly(9, 0)));
            rec.Gift(summer.GiftFen, summer.GiftItem, null, signed.AddDays(-3), Actor);
            rec.SignOff(c.Group == RecipientGroup.FrontLine ? SignOffBy.Unit : SignOffBy.Recipient, signed);
            rows.Add((rec, Actor));
            plan[(c.UnitId, c.Group)] = plan.GetValueOrDefault((c.UnitId, c.Group)) + 1;
        }
        foreach (var ((unit, group), count) in plan) rows.Add((CampaignPlanEntry.Of(summer.Id, unit, group, count), Actor));

        // This winter's warmth campaign of the district: money, listed, publicity not yet started.
        if (districtUnit is not null)
        {
            var winter = ServiceCampaign.Open(DemoId(5, 1), $"{year}年冬送温暖", CampaignKind.WinterWarmth, year, districtUnit.Id, districtUnit.Path, null, GiftKind.Money, 50_000,
                null, BeijingTime.ToUtc(today, new TimeOnly(8, 0)), Actor);
            rows.Add((winter, Actor));
            var inDistrict = members.Where(m => unitPath.TryGetValue(m.UnionId, out var p) && Gonghui.Platform.Scope.ScopeFilter.Covers(districtUnit.Path, p)).Take(20).ToList();
            foreach (var m in inDistrict)
                rows.Add((CampaignRecipient.List(DemoId(7, r++), winter.Id, m.Id, m.UnionId, unitPath[m.UnionId], RecipientGroup.Needy, now), Actor));
        }

        await RowWriter.InsertAsync(db, rows, now, ct);
        if (visitRows.Count > 0)
        {
            // The visits and the report's roll-up of them (VisitRollup) in one transaction (RowWriter joins it).
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await RowWriter.InsertAsync(db, visitRows, now, ct);
                await Statistics.VisitRollup.ApplyAsync(db, visitRows.Select(r => (ServiceVisit)r.Item1).Select(v => (v.ProjectId, v.ServedOn)), ct);
                await tx.CommitAsync(ct);
            }
            finally { await db.Database.CloseConnectionAsync(); }
        }
    }

    // The review's figure at the scale (rounded, at least one): the scenario's check compares the year's report with these.
    private static int Count(int figure, double scale) => Math.Max(1, (int)Math.Round(figure * scale, MidpointRounding.AwayFromZero));

    private static Guid DemoId(int kind, int i) => new($"00000000-0000-7000-9{kind:x3}-{i:x12}");

    private static T Pick<T>(Random rnd, params (int Weight, T Value)[] choices)
    {
        var n = rnd.Next(choices.Sum(c => c.Weight));
        foreach (var (w, v) in choices)
        {
            if (n < w) return v;
            n -= w;
        }
        return choices[^1].Value;
    }
}
