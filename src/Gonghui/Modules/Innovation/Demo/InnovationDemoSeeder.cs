using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Innovation.Alliances;
using Gonghui.Modules.Innovation.Awards;
using Gonghui.Modules.Innovation.Rules;
using Gonghui.Modules.Innovation.Studios;
using Gonghui.Modules.Innovation.Training;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Money;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Innovation.Demo;

/// <summary>
/// The 2020 innovation programme at the seed's scale: ~1,000 studios (× Gonghui:Demo:Scale, at least 10) recognised from 2016
/// to 2020 at every level, a few still in review and a few revoked, their 2020 annual reviews, ~400 service-invention patent
/// awards and ~100 project awards paid through the federation's innovation fund. Studios and their rows go in untracked
/// through the platform's row writer; the awards' ledger postings run in one transaction with the tracker cleared as they go.
/// </summary>
internal sealed class InnovationDemoSeeder : IDemoSeeder
{
    private static readonly string[] Fields = ["智能制造", "新能源", "轨道交通", "信息技术", "生物医药", "建筑施工", "电力运维", "城市运行", "节能环保", "新材料"];
    private static readonly string[] Subjects = ["数控机床", "地铁信号", "配电网", "污水处理", "盾构施工", "光伏逆变", "电梯安全", "热力管网", "物流分拣", "燃气检测"];
    private static readonly string[] Things = ["故障诊断装置", "智能巡检系统", "节能改造工艺", "在线监测方法", "快速检修工装", "安全防护装置"];

    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        if (await db.Set<InnovationStudio>().AnyAsync(ct)) return;
        var scale = sp.GetRequiredService<IConfiguration>().GetValue<double?>("Gonghui:Demo:Scale") ?? 1.0;
        var count = Math.Max(10, (int)(1000 * scale));
        var members = await db.MemberRows().Where(m => m.Status == MemberStatus.Active).OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.Name, m.UnionId }).Take(count * 3).ToListAsync(ct);
        if (members.Count < 3) return;
        var units = await db.UnitRows().Select(u => new { u.Id, u.Path, u.DistrictCode, u.ParentId }).ToListAsync(ct);
        var byId = units.ToDictionary(u => u.Id);
        var byPath = units.ToDictionary(u => u.Path);
        var root = units.First(u => u.ParentId == null).Id;
        // The demo account "worker": in the first studio's team, first inventor of its first patent award, trained with a certificate.
        var workerMember = await db.Set<Gonghui.Platform.Identity.AppUser>().Where(u => u.UserName == "worker").Select(u => u.MemberId).FirstOrDefaultAsync(ct);
        var worker = workerMember is null ? null : await db.MemberRows().Where(m => m.Id == workerMember && m.Status == MemberStatus.Active)
            .Select(m => new { m.Id, m.Name, m.UnionId }).FirstOrDefaultAsync(ct);
        string? District(string path)
        {
            var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length < 2 ? null : byPath.GetValueOrDefault($"/{parts[0]}/{parts[1]}/")?.DistrictCode;
        }

        var rng = new Random(2020_1015);
        var rows = new List<(object Row, string Actor)>();
        var studios = new List<InnovationStudio>();
        for (var i = 0; i < count; i++)
        {
            var leader = members[i % members.Count];
            var unit = byId[leader.UnionId];
            var roll = rng.Next(100);
            var level = roll < 2 ? StudioLevel.National : roll < 10 ? StudioLevel.MunicipalModel : roll < 30 ? StudioLevel.Municipal : roll < 80 ? StudioLevel.District : StudioLevel.Grassroots;
            var kind = (StudioKind)(1 + rng.Next(3));
            var field = Fields[rng.Next(Fields.Length)];
            var name = $"{leader.Name}{(kind == StudioKind.ModelWorker ? "劳模" : kind == StudioKind.Craftsman ? "工匠" : "职工")}创新工作室";
            var recognisedYear = 2016 + Math.Min(4, (int)Math.Sqrt(rng.Next(25)));  // more studios in later years
            var stage = i % 50;
            // Three in fifty are still in review at the end of 2020 (applied, reviewed by the unit, by the district).
            var applied = stage < 3 ? new DateTimeOffset(2020, 11, 2 + stage, 2, 0, 0, TimeSpan.Zero)
                : new DateTimeOffset(recognisedYear - 1, 10, 1 + rng.Next(28), 2, 0, 0, TimeSpan.Zero);
            var team = new[] { leader, members[(i + count) % members.Count], members[(i + 2 * count) % members.Count] }.DistinctBy(m => m.Id).ToList();
            var s = InnovationStudio.Apply(name, kind, level, field, unit.Id, unit.Path, District(unit.Path), null, null, leader.Id, leader.Name, team.Count, applied, "demo");
            rows.Add((s, "demo"));
            foreach (var m in team) rows.Add((StudioMember.Of(s.Id, m.Id, m.Name, m.Id == leader.Id), "demo"));
            rows.Add((StudioEvent.Of(s.Id, null, StudioStatus.Applied, applied, "demo"), "demo"));
            if (stage < 3)
            {
                if (stage >= 1) Step(rows, s, StudioAction.UnitApprove, StudioStatus.UnitReviewed, applied.AddDays(5), null);
                if (stage >= 2) Step(rows, s, StudioAction.DistrictApprove, StudioStatus.DistrictReviewed, applied.AddDays(12), null);
                continue;
            }
            var on = new DateOnly(recognisedYear, 4, 1).AddDays(rng.Next(200));
            var at = new DateTimeOffset(on.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);
            s.Apply(StudioAction.Recognise, StudioStatus.Recognised, on, null, null, at);
            rows.Add((StudioEvent.Of(s.Id, StudioAction.Recognise, StudioStatus.Recognised, at, "demo"), "demo"));
            if (stage == 49)
            {
                var rv = new DateOnly(2020, 9, 1);
                s.Apply(StudioAction.Revoke, StudioStatus.Revoked, rv, null, "年度考核不合格,连续两年无创新成果", at.AddDays(400));
                rows.Add((StudioEvent.Of(s.Id, StudioAction.Revoke, StudioStatus.Revoked, at.AddDays(400), "demo", s.Reason), "demo"));
                continue;
            }
            studios.Add(s);
            if (recognisedYear < 2020)
                rows.Add((StudioAnnualReview.Of(s.Id, new AnnualOutputs(2020, rng.Next(0, 6), rng.Next(0, 4), rng.Next(5, 120), rng.Next(0, 5_000_000) * 100L),
                    new DateTimeOffset(2020, 12, 20, 2, 0, 0, TimeSpan.Zero), "demo"), "demo"));
        }
        if (worker is not null && studios.Count > 0)
        {
            // One of the first studio's team members makes way for the worker (the team's size stays as recorded).
            var first = studios[0].Id;
            if (!rows.Any(r => r.Row is StudioMember m && m.StudioId == first && m.MemberId == worker.Id))
            {
                var at = rows.FindIndex(r => r.Row is StudioMember m && m.StudioId == first && !m.IsLeader);
                if (at >= 0) rows[at] = (StudioMember.Of(first, worker.Id, worker.Name, false), "demo");
            }
        }
        await RowWriter.InsertAsync(db, rows, new DateTimeOffset(2020, 12, 31, 8, 0, 0, TimeSpan.Zero), ct);

        // Awards of 2020, paid through the federation's innovation fund (granted what they need on top of the funds seeder's budget).
        var rules = sp.GetRequiredService<AwardRuleBook>();
        var patents = new List<PatentAward>();
        var serial = 0;
        foreach (var s in studios.Take(Math.Max(4, (int)(count * 0.4))))
        {
            var granted = new DateOnly(2020, 1, 6).AddDays(rng.Next(330));
            var digits = $"{granted.Year - 1 - rng.Next(2)}1{1_000_000 + serial++ * 37 % 9_000_000:0000000}";
            var number = new PatentNumber(digits, PatentNumber.CheckCharacter(digits), int.Parse(digits[..4]), PatentKind.Invention).Canonical;
            var filed = new DateTimeOffset(granted.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero).AddDays(20);
            patents.Add(PatentAward.File(number, $"一种{Subjects[rng.Next(Subjects.Length)]}{Things[rng.Next(Things.Length)]}", granted, s.EnterpriseName ?? "北京市属企业",
                s.LeaderMemberId, s.LeaderName, s.UnitId, s.ScopePath, s.Id, true, true, 2020, rules.PatentAmountFen, filed, "demo"));
        }
        if (worker is not null && patents.Count > 0 && byId.TryGetValue(worker.UnionId, out var workerUnit))
        {
            var p0 = patents[0];
            patents[0] = PatentAward.File(p0.PatentNumber, p0.Title, p0.GrantedOn, p0.Employer, worker.Id, worker.Name, worker.UnionId, workerUnit.Path, p0.StudioId,
                true, true, 2020, p0.AmountFen, p0.FiledAt, "demo");
        }
        var projects = new List<InnovationProject>();
        var scores = new List<ProjectScore>();
        foreach (var s in studios.Where(s => AwardRules.ProjectAmount(rules, s.Level) is not null).Take(Math.Max(3, (int)(count * 0.1))))
        {
            var at = new DateTimeOffset(2020, 5, 1 + rng.Next(28), 2, 0, 0, TimeSpan.Zero);
            var p = InnovationProject.Submit(s.Id, s.Name, s.Level, s.ScopePath, 2020, $"{Subjects[rng.Next(Subjects.Length)]}{Things[rng.Next(Things.Length)]}研发与应用",
                "面向生产一线难题的技术攻关项目。", at, "demo");
            var marks = Enumerable.Range(0, 3).Select(_ => 50 + rng.Next(50)).ToList();
            for (var e = 0; e < marks.Count; e++) scores.Add(ProjectScore.Of(p.Id, $"expert{e + 1}", marks[e], null, at.AddDays(10 + e)));
            p.Scored(marks.Count, AwardRules.MeanTenths(marks));
            projects.Add(p);
        }

        var ledger = sp.GetRequiredService<IFundLedger>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var need = patents.Sum(a => a.AmountFen) + projects.Sum(p => AwardRules.ProjectAmount(rules, p.StudioLevel)!.Value);
        await ledger.AllocateBudgetAsync(FundCodes.Innovation, root, 2020, new Fen(need), "demo:innovation:budget:2020", ct);
        var postings = 0;
        var decided = new DateTimeOffset(2020, 12, 1, 2, 0, 0, TimeSpan.Zero);
        foreach (var a in patents)
        {
            var src = new SourceRef(AwardService.PatentSource, a.Id);
            var c = await ledger.CommitAsync(FundCodes.Innovation, root, 2020, new Fen(a.AmountFen), src, $"innovation:patent:commit:{a.Id}", ct);
            if (!c.IsOk) continue;
            a.Approve(c.Value, "demo", decided);
            var p = await ledger.PayAsync(FundCodes.Innovation, root, 2020, new Fen(a.AmountFen), src, $"innovation:patent:pay:{a.Id}", ct);
            if (p.IsOk) a.MarkPaid(p.Value, decided.AddDays(10));
            if (++postings % 100 == 0) db.ChangeTracker.Clear();
        }
        foreach (var p in projects)
        {
            if (AwardRules.CheckProject(rules, p.StudioLevel, scores.Where(s => s.ProjectId == p.Id).Select(s => s.Score).ToList()) is not null) continue;
            var amount = AwardRules.ProjectAmount(rules, p.StudioLevel)!.Value;
            var src = new SourceRef(AwardService.ProjectSource, p.Id);
            var c = await ledger.CommitAsync(FundCodes.Innovation, root, 2020, new Fen(amount), src, $"innovation:project:commit:{p.Id}", ct);
            if (!c.IsOk) continue;
            p.Approve(amount, c.Value, "demo", decided);
            var pay = await ledger.PayAsync(FundCodes.Innovation, root, 2020, new Fen(amount), src, $"innovation:project:pay:{p.Id}", ct);
            if (pay.IsOk) p.MarkPaid(pay.Value, decided.AddDays(10));
            if (++postings % 100 == 0) db.ChangeTracker.Clear();
        }
        db.ChangeTracker.Clear();
        // Alliances: a cross-region one per field (its first studio of each district, up to 8), and the board's first needs.
        var alliances = new List<object>();
        foreach (var (field, i) in studios.Select(s => s.Field).Distinct().Take(Math.Max(2, (int)(8 * Math.Sqrt(scale)))).Select((f, i) => (f, i)))
        {
            var inAlliance = studios.Where(s => s.Field == field).DistinctBy(s => s.DistrictCode).Take(8).ToList();
            if (inAlliance.Count == 0) continue;
            var at = new DateTimeOffset(2020, 6, 1 + i, 2, 0, 0, TimeSpan.Zero);
            var a = StudioAlliance.Create($"北京市{field}职工创新工作室联盟", AllianceKind.CrossRegion, $"{field}领域跨区域创新工作室协作联盟。", inAlliance[0].Id, inAlliance[0].Name, at, "demo");
            alliances.Add(a);
            alliances.AddRange(inAlliance.Select(m => AllianceMember.Of(a.Id, m.Id, at)));
            var post = TechNeed.Post(a.Id, "北京市属企业", $"{field}生产一线技术难题征集", $"{field}领域生产一线遇到的技术难题,征集工作室联合攻关。", at.AddDays(30), "demo");
            alliances.Add(post);
            if (inAlliance.Count > 1)
            {
                alliances.Add(NeedOffer.Of(post.Id, inAlliance[1].Id, inAlliance[1].Name, "可组织团队攻关", at.AddDays(35), "demo"));
                post.Offered();
            }
        }
        // The training alliance: institutions across the districts, three in four of them demonstration points, one course each.
        var training = new List<object>();
        var districts = Gonghui.Modules.Organizations.Public.BeijingDistricts.All;
        for (var t = 0; t < Math.Max(4, (int)(80 * scale)); t++)
        {
            var d = districts[t % districts.Length];
            var inst = TrainingInstitution.Create($"{d.Name}职工技能培训基地{t / districts.Length + 1}", (InstitutionKind)(1 + t % 4), t % 4 != 3, d.Code,
                new DateTimeOffset(2020, 3, 1, 2, 0, 0, TimeSpan.Zero));
            training.Add(inst);
            var course = TrainingCourse.Create(inst, $"{Fields[t % Fields.Length]}创新方法培训班", new DateOnly(2020, 9, 1), new DateOnly(2020, 9, 30), 40, 50);
            training.Add(course);
            if (t == 0 && worker is not null && byId.TryGetValue(worker.UnionId, out var wu))
            {
                // The worker attended 36 of 40 hours (90%) and completed with a certificate.
                var e = TrainingEnrolment.Of(course, worker.Id, worker.Name, wu.Path, new DateTimeOffset(2020, 8, 20, 2, 0, 0, TimeSpan.Zero));
                course.Enrol();
                e.Attend(36, course.Hours);
                e.Complete(TrainingRules.CertificateNumber(2020, e.Id), new DateTimeOffset(2020, 9, 30, 8, 0, 0, TimeSpan.Zero));
                training.Add(e);
            }
        }
        // Courses still to come, relative to today, so a worker has something to enrol in.
        var today = Gonghui.Platform.Time.BeijingTime.Today(sp.GetRequiredService<TimeProvider>());
        foreach (var inst in training.OfType<TrainingInstitution>().Take(3).Select((inst, k) => (inst, k)).ToList())
            training.Add(TrainingCourse.Create(inst.inst, $"{Fields[(inst.k + 3) % Fields.Length]}技能提升培训班", today.AddDays(14 + 7 * inst.k), today.AddDays(44 + 7 * inst.k), 32, 40));
        foreach (var chunk in patents.Cast<object>().Concat(projects).Concat(scores).Concat(alliances).Concat(training).Chunk(500))
        {
            db.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        await tx.CommitAsync(ct);
    }

    private static void Step(List<(object Row, string Actor)> rows, InnovationStudio s, StudioAction action, StudioStatus to, DateTimeOffset at, string? reason)
    {
        s.Apply(action, to, DateOnly.FromDateTime(at.UtcDateTime), null, reason, at);
        rows.Add((StudioEvent.Of(s.Id, action, to, at, "demo", reason), "demo"));
    }
}
