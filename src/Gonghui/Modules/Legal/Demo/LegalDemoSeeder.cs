using Gonghui.Modules.Legal.Cases;
using Gonghui.Modules.Legal.Roster;
using Gonghui.Modules.Legal.Rules;
using Gonghui.Platform.Calendars;
using Gonghui.Platform.Cli;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Security;
using Gonghui.Platform.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Legal.Demo;

/// <summary>
/// The 2020 legal-aid year at the review's scale (11,000 cases × Gonghui:Demo:Scale, about 150 million yuan recovered), a
/// roster of 12 firms, 60 lawyers (20 of them model-worker lawyers) and 20 mediators, the employers some firms have
/// represented, and a few open cases received in the last weeks so that deadlines are due now. Cases belong to the units
/// of the demo staff accounts; the demo worker has cases of their own. Deterministic; bulk-written with their audit entries.
/// </summary>
internal sealed class LegalDemoSeeder : IDemoSeeder
{
    /// <summary>The demo account of a roster lawyer (role Lawyer): "my cases, my deadlines".</summary>
    public const string LawyerAccount = "lawyer";

    private const string Actor = "demo";
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "桂英", "建华"];
    private static readonly string[] FirmNames = ["京工律师事务所", "北辰律师事务所", "正平律师事务所", "首信律师事务所", "和衡律师事务所", "天平律师事务所",
        "中企律师事务所", "维诚律师事务所", "长安律师事务所", "燕京律师事务所", "德和律师事务所", "汇金律师事务所"];
    private static readonly string[] Trades = ["物流", "建筑", "餐饮", "家政", "保安", "商贸", "制造", "快递", "物业", "网约车"];
    private static readonly string[] Industries = ["交通运输业", "建筑业", "住宿和餐饮业", "居民服务业", "租赁和商务服务业", "批发和零售业", "制造业", "信息传输业"];

    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        if (await db.Set<LegalCase>().AnyAsync(ct)) return;
        var scale = sp.GetRequiredService<IConfiguration>().GetValue<double?>("Gonghui:Demo:Scale") ?? 1.0;
        var clock = sp.GetRequiredService<TimeProvider>();
        var protector = sp.GetRequiredService<PersonalDataProtector>();
        var calendar = sp.GetRequiredService<CalendarService>().Current;
        var paths = sp.GetRequiredService<IOrgPathLookup>();
        var today = BeijingTime.Today(clock);
        var now = clock.GetUtcNow();

        // Units of the demo staff accounts (federation, districts, grassroots), and the demo worker's membership.
        var users = await db.Set<AppUser>().AsNoTracking().Select(u => new { u.UserName, u.OrgUnitId, u.MemberId }).ToListAsync(ct);
        var units = new List<(Guid Id, string Path)>();
        foreach (var id in users.Where(u => u.UserName is "admin" or "dongcheng" or "xicheng" or "dc-grassroots").Select(u => u.OrgUnitId).Distinct())
            if (await paths.PathOfAsync(id, ct) is { } path) units.Add((id, path));
        if (units.Count == 0) return;
        var workerMember = users.FirstOrDefault(u => u.UserName == "worker")?.MemberId;

        var rnd = new Random(2020);
        var rows = new List<(object, string)>();
        var firms = FirmNames.Select((n, i) => LawFirm.Of(DemoId(1, i), n)).ToList();
        rows.AddRange(firms.Select(f => ((object)f, Actor)));
        var lawyers = new List<Lawyer>();
        string[] districts = ["DC", "XC", "CY", "HD", "FT", "SJS"];
        for (var i = 0; i < 80; i++)
        {
            var mediator = i >= 60;
            var kinds = Enum.GetValues<ClaimKind>().OrderBy(_ => rnd.Next()).Take(2 + rnd.Next(3)).ToList();
            lawyers.Add(Lawyer.Of(DemoId(2, i), Name(rnd), mediator ? null : firms[i % firms.Count].Id, mediator, !mediator && i % 3 == 0,
                string.Join(',', kinds), string.Join(',', districts.OrderBy(_ => rnd.Next()).Take(2))));
        }
        // The demo lawyer's account (role Lawyer) is linked to the first lawyer of the roster, who takes part of the open cases below.
        var accounts = sp.GetRequiredService<UserManager<AppUser>>();
        await CommandLine.EnsureRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole<Guid>>>());
        var lawyerUser = await accounts.FindByNameAsync(LawyerAccount);
        if (lawyerUser is null && users.FirstOrDefault(u => u.UserName == "admin") is { } admin)
        {
            lawyerUser = new AppUser { UserName = LawyerAccount, DisplayName = lawyers[0].Name + "(劳模律师演示)", OrgUnitId = admin.OrgUnitId };
            var created = await accounts.CreateAsync(lawyerUser, "gonghui-demo");
            if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            await accounts.AddToRoleAsync(lawyerUser, Roles.Lawyer);
        }
        lawyers[0].LinkAccount(lawyerUser?.Id);
        rows.AddRange(lawyers.Select(l => ((object)l, Actor)));
        var employers = Enumerable.Range(0, 400).Select(i => $"北京{Trades[i % Trades.Length]}{(char)('甲' + i % 10)}{i / 10 + 1}号有限公司").ToList();
        var represented = new HashSet<(Guid, string)>();
        for (var i = 0; i < 30; i++)
        {
            var firm = firms[i % firms.Count];
            var employer = employers[rnd.Next(employers.Count)];
            var key = CaseRules.EmployerKey(null, employer);
            if (represented.Add((firm.Id, key))) rows.Add((FirmRepresentation.Of(firm.Id, key, employer), Actor));
        }

        var count = Math.Max(20, (int)Math.Round(11_000 * scale));
        var start = new DateOnly(2020, 1, 2);
        for (var i = 0; i < count + 40; i++)
        {
            var recent = i >= count; // the last 40 are open cases of the last weeks
            var received = recent ? today.AddDays(-rnd.Next(1, 40)) : start.AddDays(rnd.Next(0, 360));
            if (received > today) received = today;
            var type = Pick(rnd, (45, CaseType.Consultation), (35, CaseType.Mediation), (15, CaseType.Arbitration), (5, CaseType.Litigation));
            var channel = Pick(rnd, (40, CaseChannel.Hotline), (35, CaseChannel.WalkIn), (25, CaseChannel.Online));
            var unit = units[i % units.Count];
            var id = DemoId(3, i);
            var employer = employers[rnd.Next(employers.Count)];
            var phone = $"13{rnd.Next(0, 10)}{rnd.Next(10_000_000, 99_999_999)}";
            Guid? member = workerMember is { } wm && i % 2500 == 7 ? wm : null;
            var c = LegalCase.Open(id, CaseHandlers.NumberOf(received, id), type, channel, unit.Id, unit.Path, $"{employer}拖欠或侵害劳动者权益，请求工会帮助。",
                Name(rnd), member, (protector.Encrypt(phone), protector.Hash(phone), Gonghui.Platform.Ids.MobilePhone.Mask(phone)), rnd.Next(10) == 0 ? 2 + rnd.Next(30) : 1,
                null, employer, null, Industries[rnd.Next(Industries.Length)], received, received.AddDays(-rnd.Next(5, 200)), rnd.Next(3) == 0 ? received.AddDays(-rnd.Next(1, 30)) : null,
                null, BeijingTime.ToUtc(received, new TimeOnly(10, 0)), Actor);
            var claims = new List<LegalClaim>();
            if (type != CaseType.Consultation)
                for (var k = 0; k < 1 + (rnd.Next(10) < 3 ? 1 : 0); k++)
                {
                    var kind = Pick(rnd, (45, ClaimKind.WageArrears), (15, ClaimKind.Overtime), (10, ClaimKind.SocialInsurance), (10, ClaimKind.Injury),
                        (10, ClaimKind.ContractTermination), (10, ClaimKind.Compensation));
                    if (claims.All(x => x.Kind != kind)) claims.Add(LegalClaim.Of(id, kind, 100 * (long)rnd.Next(5_000, 53_000)));
                }

            // Steps by type; most clocks are met, some run late.
            DateOnly? medApplied = null, medEnded = null, arbApplied = null, accepted = null, awarded = null;
            if (type == CaseType.Mediation)
            {
                medApplied = received.AddDays(rnd.Next(0, 3));
                medEnded = medApplied.Value.AddDays(rnd.Next(3, 17));
            }
            else if (type is CaseType.Arbitration or CaseType.Litigation)
            {
                arbApplied = received.AddDays(rnd.Next(1, 10));
                accepted = calendar.AddWorkingDays(arbApplied.Value, rnd.Next(1, 7));
                awarded = accepted.Value.AddDays(rnd.Next(20, 50));
            }
            bool Done(DateOnly? d) => d is { } v && v <= today && !recent;
            var dates = new CaseDates(received, medApplied, Done(medEnded) ? medEnded : null, arbApplied, accepted is { } a && a <= today ? a : null, false,
                Done(awarded) ? awarded : null);
            if (dates.ArbitrationAppliedOn is { } ap && ap > today) dates = dates with { ArbitrationAppliedOn = null, AcceptedOn = null };
            if (dates.MediationAppliedOn is { } mp && mp > today) dates = dates with { MediationAppliedOn = null };
            c.SetSteps(dates, c.KnewOn, c.EmploymentEndedOn);
            if (type != CaseType.Consultation)
            {
                var lawyer = lawyers[rnd.Next(lawyers.Count)];
                var key = CaseRules.EmployerKey(null, employer);
                while (lawyer.FirmId is { } f && represented.Contains((f, key))) lawyer = lawyers[rnd.Next(lawyers.Count)];
                if (recent && i % 2 == 0 && !represented.Contains((lawyers[0].FirmId!.Value, key))) lawyer = lawyers[0];
                c.Assign(lawyer.Id);
            }

            var closeOn = type switch
            {
                CaseType.Consultation => received.AddDays(rnd.Next(0, 3)),
                CaseType.Mediation => medEnded,
                _ => awarded?.AddDays(type == CaseType.Litigation ? rnd.Next(30, 90) : rnd.Next(0, 10)),
            };
            if (!recent && closeOn is { } closed && closed <= today && rnd.Next(100) < 97)
            {
                var outcome = type == CaseType.Consultation ? CaseDisposition.Advised
                    : Pick(rnd, (55, CaseDisposition.MediatedAgreement), (25, type == CaseType.Mediation ? CaseDisposition.MediatedAgreement : CaseDisposition.Award),
                        (5, type == CaseType.Litigation ? CaseDisposition.Judgement : CaseDisposition.MediatedAgreement), (8, CaseDisposition.Withdrawn), (7, CaseDisposition.Referred));
                foreach (var claim in claims)
                    claim.Recover(outcome is CaseDisposition.Withdrawn or CaseDisposition.Referred ? 0 : claim.ClaimedFen * rnd.Next(60, 101) / 100, null);
                c.SetAmounts(claims.Sum(x => x.ClaimedFen), claims.Sum(x => x.RecoveredFen ?? 0));
                var final = dates with { ClosedOn = closed };
                c.Close(outcome, closed, null, 3 + Math.Min(2, rnd.Next(4)), CaseRules.ClosedInTime(final, calendar));
            }
            else
            {
                c.SetAmounts(claims.Sum(x => x.ClaimedFen), 0);
                var limitation = StatutoryClocks.Limitation(new LimitationFacts(c.KnewOn, claims.Any(x => x.Kind == ClaimKind.WageArrears), c.EmploymentEndedOn, []), calendar);
                c.SetNextDue(CaseRules.Next(c.Dates, limitation, calendar));
            }
            rows.Add((c, Actor));
            rows.AddRange(claims.Select(x => ((object)x, Actor)));
        }
        await RowWriter.InsertAsync(db, rows, now, ct);
    }

    private static Guid DemoId(int kind, int i) => new($"00000000-0000-7000-8{kind:x3}-{i:x12}");

    private static string Name(Random rnd) => Surnames[rnd.Next(Surnames.Length)] + Given[rnd.Next(Given.Length)];

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
