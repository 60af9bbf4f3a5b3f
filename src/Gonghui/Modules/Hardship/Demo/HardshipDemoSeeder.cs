using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Hardship.Assistance;
using Gonghui.Modules.Hardship.Campaigns;
using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Cli;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Money;
using Gonghui.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Hardship.Demo;

/// <summary>
/// Demo hardship data: grassroots unions with a grassroots account (dc-grassroots) and an evaluator account, a few hundred
/// files across grades and districts at scale 1, the 2020 education-grant campaign (190 children, 1,307,000 yuan at scale 1)
/// and warmth visits, every payment through the fund ledger.
/// </summary>
internal sealed class HardshipDemoSeeder : IDemoSeeder
{
    public const string GrassrootsAccount = "dc-grassroots";
    public const string EvaluatorAccount = "evaluator";
    private static readonly string[] Employers = ["环卫集团", "公交客运分公司", "建筑工程公司", "物业服务公司", "商贸有限公司", "餐饮管理公司"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚"];

    /// <summary>The 2020 campaign at full scale: children per stage; 190 children, 1,307,000 yuan with the shipped standards.</summary>
    public static readonly (SchoolStage Stage, int Children)[] Campaign2020 =
        [(SchoolStage.Primary, 43), (SchoolStage.Secondary, 40), (SchoolStage.Vocational, 20), (SchoolStage.Undergraduate, 69), (SchoolStage.Postgraduate, 18)];

    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        if (await db.Set<HardshipFile>().AnyAsync(ct)) return;
        var scale = sp.GetRequiredService<IConfiguration>().GetValue<double?>("Gonghui:Demo:Scale") ?? 1;
        var rules = sp.GetRequiredService<HardshipRuleBook>();
        var protector = sp.GetRequiredService<PersonalDataProtector>();
        var ledger = sp.GetRequiredService<IFundLedger>();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        var rng = new Random(20201125);

        var root = await db.UnitRows().FirstOrDefaultAsync(u => u.ParentId == null, ct);
        if (root is null) return;
        var districts = await db.UnitRows().Where(u => u.Kind == OrgUnitKind.DistrictUnion && u.DistrictCode != null).OrderBy(u => u.DistrictCode).ToListAsync(ct);
        if (districts.Count == 0) return;

        // Grassroots unions: a few per district (one at small scale).
        var perDistrict = Math.Max(1, (int)Math.Round(3 * scale));
        var grassroots = new List<(UnitRow Unit, UnitRow District)>();
        var units = sp.GetRequiredService<IOrgUnitDirectory>();
        foreach (var d in districts)
            for (var i = 1; i <= perDistrict; i++)
            {
                var code = $"HS-{d.Code}-{i:00}";
                var unit = await units.EnsureChildAsync(d.Id, code, $"北京{d.Name.Replace("总工会", "")}{Employers[(i - 1) % Employers.Length]}工会", OrgUnitKind.GrassrootsUnion, null, ct);
                grassroots.Add((unit, d));
            }

        var users = sp.GetRequiredService<UserManager<AppUser>>();
        await CommandLine.EnsureRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole<Guid>>>());
        var dc = grassroots.First(g => g.District.Code == "DC").Unit;
        if (await users.FindByNameAsync(GrassrootsAccount) is null) await CreateAsync(users, GrassrootsAccount, dc.Name, dc.Id, Roles.GrassrootsStaff);
        if (await users.FindByNameAsync(EvaluatorAccount) is null) await CreateAsync(users, EvaluatorAccount, "第三方评估机构", root.Id, Roles.Evaluator);

        // Budgets for the hardship funds, per district union, for 2020 and the current year.
        var thisYear = BeijingTime.DateOf(now).Year;
        foreach (var d in districts)
            for (var year = 2020; year <= thisYear; year++)
                foreach (var (fund, yuan) in new[] { (FundCodes.Warmth, 5_000_000L), (FundCodes.Education, 2_000_000L), (FundCodes.MedicalRelief, 2_000_000L) })
                    await ledger.AllocateBudgetAsync(fund, d.Id, year, Fen.FromYuan(yuan), $"hardship-demo-budget:{fund}:{d.Code}:{year}", ct);

        // Files. The first ones carry the 2020 campaign's children, so they were in the archive by the autumn of 2020.
        var campaignChildren = Campaign2020.SelectMany(c => Enumerable.Repeat(c.Stage, c.Children)).ToList();
        var childCount = scale >= 1 ? campaignChildren.Count : Math.Max(2, (int)Math.Round(campaignChildren.Count * scale));
        var fileCount = Math.Max(childCount + 6, (int)Math.Round(400 * scale));
        var ids = new HashSet<string>();
        var seeded = new List<(HardshipFile File, List<HouseholdMember> Members)>();
        for (var n = 0; n < fileCount; n++)
        {
            var (unit, district) = grassroots[n % grassroots.Count];
            var forCampaign = n < childCount;
            var filed = forCampaign
                ? new DateTimeOffset(2020, 1 + rng.Next(5), 1 + rng.Next(27), 2 + rng.Next(8), 0, 0, TimeSpan.Zero)
                : now.AddDays(-rng.Next(20, 5 * 365));
            var year = Math.Max(2020, BeijingTime.DateOf(filed).Year);
            var line = rules.LineFor(year, district.DistrictCode)!;
            var size = 2 + rng.Next(3);
            var causes = PickCauses(rng);
            // Incomes spread around the lines so all three grades appear.
            var perPerson = rng.Next(10) switch
            {
                < 4 => line.MinimumLiving - rng.Next(0, 40000),
                < 8 => line.MinimumLiving + rng.Next(1, (int)(line.LowIncome - line.MinimumLiving)),
                _ => line.LowIncome + rng.Next(1, 60000),
            };
            if (perPerson > line.LowIncome && !causes.Contains(HardshipCause.Accident)) causes.Add(HardshipCause.Accident);
            var e = Eligibility.Evaluate(new HouseholdFacts(year, district.DistrictCode, perPerson * size, size, causes), rules);
            if (!e.Eligible) continue;
            var worker = NewId(rng, district.DistrictCode!, 1965, 1990, ids);
            var workerName = Name(rng);
            var phone = $"139{rng.Next(10000000, 99999999)}";
            var file = HardshipFile.File(unit.Id, district.Id, district.DistrictCode!, null, workerName, ResidentId.Mask(worker.Number), protector.Encrypt(phone),
                MobilePhone.Mask(phone), $"{BeijingDistricts.NameOf(district.DistrictCode)}某街道{rng.Next(1, 200)}号", perPerson * size, size, causes, e, year,
                Name(rng), "system:demo", filed);
            var members = new List<HouseholdMember> { Person(file.Id, workerName, Relation.Self, worker, HealthStatus.Healthy, WorkStatus.Employed, null, protector) };
            var children = forCampaign ? 1 : rng.Next(2);
            for (var k = 1; k < size; k++)
            {
                var isChild = k <= children || (k == size - 1 && rng.Next(2) == 0);
                var id = isChild ? NewId(rng, district.DistrictCode!, 1998, 2014, ids) : NewId(rng, district.DistrictCode!, 1950, 1992, ids);
                members.Add(Person(file.Id, Name(rng), isChild ? Relation.Child : (k == 1 ? Relation.Spouse : Relation.Parent), id,
                    isChild ? HealthStatus.Healthy : (HealthStatus)rng.Next(4), isChild ? WorkStatus.Student : (WorkStatus)rng.Next(3), isChild ? "北京市某学校" : null, protector));
            }
            db.Add(file);
            db.AddRange(members);
            db.Add(HardshipEvent.Create(file.Id, filed, "system:demo", "Filed", null, FileStatus.Filed, e.Rule));

            // Walk the file through the workflow with plausible dates.
            var t = filed;
            var plan = forCampaign ? 2 : rng.Next(20);
            void Step(FileAction a, FileStatus to, double days, string? note = null, ExitReason? reason = null)
            {
                t = t.AddDays(days);
                var from = file.Status;
                file.Apply(a, to, t, rules, reason);
                db.Add(HardshipEvent.Create(file.Id, t, "system:demo", a.ToString(), from, to, note));
            }
            if (plan == 0) { seeded.Add((file, members)); continue; } // still filed
            Step(FileAction.DistrictAccept, FileStatus.InNotice, 3);
            if (plan == 1) { Step(FileAction.RecordObjection, FileStatus.InNotice, 1, "群众反映收入情况不实"); Step(FileAction.UpholdObjection, FileStatus.Rejected, 2, "核实收入超标"); }
            else
            {
                Step(FileAction.CloseNotice, FileStatus.AwaitingApproval, rules.EnrolmentNoticeDays + 1);
                if (plan != 3)
                {
                    Step(FileAction.FederationApprove, FileStatus.Active, 5);
                    if (plan is 4 or 5)
                    {
                        Step(FileAction.ProposeExit, FileStatus.ExitProposed, 200, "家庭收入已连续 6 个月超过标准", ExitReason.IncomeAboveLine);
                        if (plan == 5)
                        {
                            Step(FileAction.CollectiveApproveExit, FileStatus.ExitInNotice, 7);
                            Step(FileAction.DistrictApproveExit, FileStatus.ExitApproved, 10);
                            Step(FileAction.RecordWrittenNotice, FileStatus.Exited, 3);
                        }
                    }
                }
            }
            // Annual re-verification of files still in the archive; about one in ten is late for this year's.
            if (file.Status == FileStatus.Active)
                for (var due = file.ReverifyDueAt!.Value; due < now && (rng.Next(10) > 0 || due < now.AddMonths(-6)); due = file.ReverifyDueAt!.Value)
                    Step(FileAction.Reverify, FileStatus.Active, (due - t).TotalDays - rng.Next(1, 20), "年度复核：家庭收入与人口无变化");
            // The household is not in an active file after rejection or exit.
            foreach (var m in members) m.SetActive(file.IsActive);
            seeded.Add((file, members));
        }
        await db.SaveChangesAsync(ct);

        // The contact person visits every five months or so; about one household in twelve has a visit overdue.
        // A warmth visit (cash at the Spring Festival, goods in the summer) is paid from the district's warmth fund of that year.
        var payments = new List<HardshipAssistance>();
        var today = BeijingTime.DateOf(now);
        foreach (var (file, _) in seeded.Where(s => s.File.ApprovedAt is not null))
        {
            var lastDay = file.ExitedAt ?? now;
            var lapses = rng.Next(12) == 0;
            var perYear = new Dictionary<int, int>();
            for (var at = file.ApprovedAt!.Value.AddDays(20); at < lastDay && (!lapses || at < now.AddMonths(-8)); at = at.AddDays(140 + rng.Next(20)))
            {
                var on = BeijingTime.DateOf(at);
                if (on > today) break;
                var given = perYear.GetValueOrDefault(on.Year);
                if (given < 2 && (on.Year == 2020 || rng.Next(3) == 0))
                {
                    var type = given == 0 ? AssistanceType.WarmthCash : AssistanceType.WarmthGoods;
                    var amount = Math.Min(type == AssistanceType.WarmthCash ? 100_000L + rng.Next(5) * 20_000L : 50_000L, rules.StandardFor(type)!.Amounts[file.Grade]);
                    var a = HardshipAssistance.Approve(file.Id, type, amount, on, rules.StandardFor(type)!.Fund, null,
                        type == AssistanceType.WarmthGoods ? "米面油及冬衣" : null, file.ContactName, "送温暖走访", null, null, "system:demo", now);
                    db.Add(a);
                    payments.Add(a);
                    perYear[on.Year] = given + 1;
                }
                db.Add(HardshipEvent.Create(file.Id, at, "system:demo", "Visit", null, null, $"{on:yyyy-MM-dd} 入户走访"));
                file.RecordVisit(at, rules, now);
            }
        }

        // The 2020 education-grant campaign: one child per campaign file, approved at district and federation, paid.
        var campaign = EducationCampaign.Open(2020, "2020年金秋助学", new DateTimeOffset(2020, 7, 31, 16, 0, 0, TimeSpan.Zero));
        campaign.Close();
        db.Add(campaign);
        var campaignFiles = seeded.Take(childCount).ToList();
        for (var i = 0; i < campaignFiles.Count; i++)
        {
            var (file, members) = campaignFiles[i];
            var child = members.First(m => m.Relation == Relation.Child);
            var stage = campaignChildren[i];
            var app = GrantApplication.Submit(campaign.Id, file.Id, child.Id, child.Name, stage, "北京市某学校", rules.EducationStandards[stage], "system:demo",
                new DateTimeOffset(2020, 9, 1, 2, 0, 0, TimeSpan.Zero));
            app.Decide(ActorLevel.District, true, null, new DateTimeOffset(2020, 9, 8, 2, 0, 0, TimeSpan.Zero));
            app.Decide(ActorLevel.Federation, true, null, new DateTimeOffset(2020, 9, 15, 2, 0, 0, TimeSpan.Zero));
            var a = HardshipAssistance.Approve(file.Id, AssistanceType.EducationGrant, app.AmountFen, new DateOnly(2020, 9, 20), FundCodes.Education, child.Id, null,
                file.ContactName, "2020年金秋助学", null, app.Id, "system:demo", now);
            app.MarkPaid(a.Id);
            db.Add(app);
            db.Add(a);
            payments.Add(a);
        }
        await db.SaveChangesAsync(ct);

        var byFile = seeded.ToDictionary(s => s.File.Id, s => s.File.DistrictUnitId);
        var toPay = payments.Select(a => (a.Id, a.Fund, District: byFile[a.FileId], a.Year, a.AmountFen)).ToList();
        // Everything above is saved: forget it, so each ledger posting's SaveChanges does not scan thousands of tracked
        // rows (that made the demo's payments quadratic — minutes at scale 1).
        db.ChangeTracker.Clear();
        // One transaction for the demo's payments: the ledger joins it, so start-up does not wait on a commit per payment.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var paid = new Dictionary<Guid, Guid>();
        foreach (var p in toPay)
        {
            var r = await ledger.PayAsync(p.Fund, p.District, p.Year, new Fen(p.AmountFen), new SourceRef(AssistanceHandlers.SourceType, p.Id), $"hardship-assistance:{p.Id:N}", ct);
            if (r.IsOk) paid[p.Id] = r.Value;
            if (paid.Count % 100 == 0) db.ChangeTracker.Clear();
        }
        db.ChangeTracker.Clear();
        var unionOf = seeded.ToDictionary(s => s.File.Id, s => s.File.OrgUnitId);
        var changes = new List<AssistanceChange>(paid.Count);
        foreach (var chunk in paid.Keys.Chunk(500))
        {
            var rows = await db.Set<HardshipAssistance>().Where(a => chunk.Contains(a.Id)).ToListAsync(ct);
            foreach (var a in rows) { a.MarkPaid(paid[a.Id], now); changes.Add(AssistanceChange.Paid(a, unionOf[a.FileId])); }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        // The report's roll-up of what was paid, in the same transaction.
        await AssistanceRollup.ApplyAsync(db, changes, ct);
        await tx.CommitAsync(ct);
    }

    private static List<HardshipCause> PickCauses(Random rng)
    {
        var all = new[] { HardshipCause.SeriousIllness, HardshipCause.Disability, HardshipCause.ChildEducation, HardshipCause.Unemployment, HardshipCause.SingleParent, HardshipCause.LowWage, HardshipCause.ElderlyCare };
        var list = new List<HardshipCause> { all[rng.Next(all.Length)] };
        if (rng.Next(3) == 0) list.Add(all[rng.Next(all.Length)]);
        return list.Distinct().ToList();
    }

    private static string Name(Random rng) => Surnames[rng.Next(Surnames.Length)] + Given[rng.Next(Given.Length)] + (rng.Next(2) == 0 ? Given[rng.Next(Given.Length)] : "");

    /// <summary>A valid, unique resident ID number from the district's region code.</summary>
    internal static ResidentIdInfo NewId(Random rng, string region, int fromYear, int toYear, HashSet<string> used)
    {
        while (true)
        {
            var birth = new DateOnly(rng.Next(fromYear, toYear + 1), 1 + rng.Next(12), 1 + rng.Next(28));
            var first17 = $"{region}{birth:yyyyMMdd}{rng.Next(0, 1000):000}";
            var id = first17 + ResidentId.CheckCharacter(first17);
            if (used.Add(id) && ResidentId.TryParse(id, out var info, out _)) return info;
        }
    }

    private static HouseholdMember Person(Guid fileId, string name, Relation relation, ResidentIdInfo id, HealthStatus health, WorkStatus work, string? school, PersonalDataProtector p) =>
        HouseholdMember.Create(fileId, name, relation, p.Encrypt(id.Number), p.Hash(id.Number), ResidentId.Mask(id.Number), id.BirthDate, health, work, school, 0);

    private static async Task CreateAsync(UserManager<AppUser> users, string name, string display, Guid unit, string role)
    {
        var u = new AppUser { UserName = name, DisplayName = display, OrgUnitId = unit };
        var r = await users.CreateAsync(u, "gonghui-demo");
        if (!r.Succeeded) throw new InvalidOperationException(string.Join("; ", r.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(u, role);
    }
}
