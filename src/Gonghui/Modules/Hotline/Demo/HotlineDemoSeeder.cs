using Gonghui.Platform.Identity;
using Gonghui.Modules.Hotline.Deadlines;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gonghui.Modules.Hotline.Demo;

/// <summary>
/// A year of hotline requests (the 2020 total was 87,000; scale 1 gives ~3,000) across categories, districts and states,
/// with return visits so the rates have real numbers. Also the counselling team that takes psychological help.
/// Deterministic from a fixed seed; skipped when requests exist.
/// </summary>
internal sealed class HotlineDemoSeeder : IDemoSeeder
{
    private static readonly (string Code, int Weight)[] Categories =
    [
        ("labor-dispute", 30), ("social-insurance", 12), ("labor-contract", 10), ("legal-advice", 14), ("psych-help", 6),
        ("hardship", 6), ("member-service", 8), ("union-join", 4), ("suggestion", 4), ("praise", 3), ("other", 3),
    ];

    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        if (await db.Set<HotlineRequest>().AnyAsync(ct)) return;
        var options = sp.GetRequiredService<IOptions<HotlineOptions>>().Value;
        var root = await db.UnitRows().Where(u => u.ParentId == null).OrderBy(u => u.Path).FirstOrDefaultAsync(ct);
        if (root is null) return;
        await sp.GetRequiredService<IOrgUnitDirectory>().EnsureChildAsync(root.Id, options.CounsellingUnitCode, "北京市总工会职工心理服务中心", OrgUnitKind.ServiceUnit, null, ct);
        var scale = sp.GetRequiredService<IConfiguration>().GetValue("Gonghui:Demo:Scale", 1.0);
        var count = Math.Max(20, (int)Math.Round(3000 * scale));
        var policy = sp.GetRequiredService<DeadlinePolicy>();
        var protector = sp.GetRequiredService<PersonalDataProtector>();
        var units = await db.UnitRows().ToListAsync(ct);
        var districts = units.Where(u => u.Kind == OrgUnitKind.DistrictUnion && u.DistrictCode is not null).OrderBy(u => u.Code).ToList();
        var counselling = units.First(u => u.Code == options.CounsellingUnitCode);
        // A psychological counsellor of the counselling centre: works the requests dispatched to it, nothing else.
        var accounts = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        if (await accounts.FindByNameAsync("counsellor") is null)
        {
            var counsellor = new AppUser { UserName = "counsellor", DisplayName = "心理咨询师", OrgUnitId = counselling.Id };
            var made = await accounts.CreateAsync(counsellor, "gonghui-demo");
            if (!made.Succeeded) throw new InvalidOperationException(string.Join("; ", made.Errors.Select(e => e.Description)));
            await accounts.AddToRoleAsync(counsellor, Roles.Counsellor);
        }
        var enterprises = await db.EnterpriseRows().OrderBy(e => e.CreditCode).Take(200).Select(e => new { e.Id, e.Name, e.DistrictCode }).ToListAsync(ct);
        var rnd = new Random(12351);
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        var start = now.AddDays(-365);
        var batch = new List<object>();
        for (var i = 0; i < count; i++)
        {
            var received = start.AddMinutes(rnd.NextDouble() * (now - start).TotalMinutes * 0.995);
            var cat = Pick(rnd);
            var urgency = rnd.NextDouble() switch { < 0.8 => Urgency.Normal, < 0.95 => Urgency.Urgent, _ => Urgency.Collective };
            var district = districts[rnd.Next(districts.Count)];
            var ent = enterprises.Count > 0 && rnd.NextDouble() < 0.5 ? enterprises[rnd.Next(enterprises.Count)] : null;
            var r = HotlineRequest.File(rnd.NextDouble() < 0.8 ? Channel.Phone : Channel.Portal, cat, null, urgency,
                $"演示诉求 {i + 1}：{Describe(cat)}", received, root.Path, policy.All(cat, urgency, received), $"GHD{i:D7}");
            var phone = $"139{rnd.Next(10000000, 99999999)}";
            r.SetCaller($"职工{i % 97}", protector.Encrypt(phone), protector.Hash(phone), Platform.Ids.MobilePhone.Mask(phone), null, null);
            r.SetPlace(ent?.Id, ent?.Name, ent?.DistrictCode is { Length: 6 } dc ? dc : district.DistrictCode, null, null, null);
            var events = new List<HotlineRequestEvent> { HotlineRequestEvent.Of(r, "file", null, "agent", received) };
            var age = (now - received).TotalDays;
            var lead = cat == DispatchRules.PsychHelp ? counselling : districts.FirstOrDefault(d => d.DistrictCode == r.DistrictCode) ?? district;
            var t = received.AddMinutes(5 + rnd.Next(30));
            if (age > 0.2 && rnd.NextDouble() < 0.97)
            {
                Step(r, events, () => r.Dispatch(lead.Id, lead.Path, t), "dispatch", t, lead.Id);
                // A collective request (群体性) is co-handled (协办) by the neighbouring district's union.
                if (urgency == Urgency.Collective && districts.IndexOf(lead) is var li and >= 0 && districts.Count > 1)
                {
                    var co = districts[(li + 1) % districts.Count];
                    batch.Add(HotlineCoUnit.Of(r.Id, co.Id, co.Path));
                }
                t = t.AddMinutes(20 + rnd.Next(120));
                Step(r, events, () => r.Accept(t), "accept", t);
                // Most units call back well inside the tier; some are late.
                t = t.AddHours(rnd.NextDouble() < 0.9 ? rnd.Next(1, 20) : rnd.Next(26, 60));
                if (t < now) Step(r, events, () => r.Contact(t), "contact", t);
                t = t.AddDays(rnd.Next(1, 9));
                if (r.State == RequestState.Contacted && t < now && rnd.NextDouble() < 0.93)
                {
                    Step(r, events, () => r.Resolve("已协调企业解决。", t), "resolve", t);
                    t = t.AddDays(rnd.Next(1, 3));
                    if (t < now && rnd.NextDouble() < 0.9)
                    {
                        var reached = rnd.NextDouble() < 0.95;
                        var solved = rnd.NextDouble() < 0.86;
                        var sat = rnd.NextDouble() switch { < 0.78 => Satisfaction.Satisfied, < 0.93 => Satisfaction.PartlySatisfied, _ => Satisfaction.Dissatisfied };
                        if (!solved && sat == Satisfaction.Satisfied) sat = Satisfaction.PartlySatisfied;
                        Step(r, events, () => r.RecordVisit(reached, solved, sat, t), "visit", t);
                        batch.Add(new HotlineVisit { RequestId = r.Id, At = t, Agent = "agent", Reached = reached, Solved = reached && solved, Satisfaction = reached ? sat : null, UnitId = r.LeadUnitId });
                        if (VisitOutcome.After(reached, solved, sat, 0) == VisitOutcome.Next.ReopenAndEscalate)
                        {
                            Step(r, events, r.Reopen, "reopen", t);
                            Step(r, events, () => r.Escalate(lead.ParentId, false), "escalate", t);
                        }
                        else Step(r, events, () => r.Close(t), "close", t);
                    }
                }
            }
            // Most units still working on a request have posted a progress update (阶段性反馈) a day or two after the call.
            var progressAt = r.ContactedAt?.AddHours(20 + rnd.Next(30));
            if (r.State == RequestState.Contacted && progressAt < now && rnd.NextDouble() < 0.7)
                Step(r, events, () => r.Progress(policy, progressAt.Value), "progress", progressAt.Value);
            batch.Add(r);
            batch.AddRange(events);
            if (batch.Count > 2000) { db.AddRange(batch); await db.SaveChangesAsync(ct); db.ChangeTracker.Clear(); batch.Clear(); }
        }
        db.AddRange(batch);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static void Step(HotlineRequest r, List<HotlineRequestEvent> events, Action act, string name, DateTimeOffset at, Guid? unit = null)
    {
        var from = r.State;
        act();
        events.Add(HotlineRequestEvent.Of(r, name, from, name is "visit" or "close" ? "agent" : "demo", at, unit));
    }

    private static string Pick(Random rnd)
    {
        var n = rnd.Next(Categories.Sum(c => c.Weight));
        foreach (var (code, w) in Categories) { if (n < w) return code; n -= w; }
        return "other";
    }

    private static string Describe(string cat) => cat switch
    {
        "labor-dispute" => "公司拖欠三个月工资，多次讨要未果。",
        "social-insurance" => "单位未按时缴纳社会保险。",
        "labor-contract" => "入职半年仍未签订劳动合同。",
        "legal-advice" => "咨询加班费计算标准。",
        "psych-help" => "工作压力大，情绪低落，希望得到心理疏导。",
        "hardship" => "家庭成员患重病，生活困难。",
        "member-service" => "咨询会员服务卡办理。",
        "union-join" => "希望在本企业成立工会。",
        _ => "其他事项。",
    };
}
