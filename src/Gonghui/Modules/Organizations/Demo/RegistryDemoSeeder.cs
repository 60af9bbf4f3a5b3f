using System.Diagnostics;
using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Modules.Organizations.Demo;

/// <summary>
/// The demo registry below the district unions: ~300 grassroots unions, ~3,000 enterprises and ~30,000 members at
/// Gonghui:Demo:Scale = 1, deterministic from a fixed seed. Links the demo "worker" account to a member.
/// </summary>
internal sealed class RegistryDemoSeeder(IConfiguration config, ILogger<RegistryDemoSeeder> log) : IDemoSeeder
{
    private const int Seed = PeopleGenerator.DefaultSeed;

    // Relative size of each district's workforce (Chaoyang and Haidian lead), in BeijingDistricts order.
    private static readonly int[] DistrictWeights = [6, 6, 20, 9, 3, 18, 1, 3, 6, 5, 7, 7, 2, 1, 2, 1];

    private static readonly string[] TradeNames =
    [
        "华信", "中科", "京通", "鸿运", "顺达", "金桥", "恒泰", "永安", "德润", "博远", "天朗", "瑞丰", "汇通", "长城", "新元",
        "盛世", "嘉禾", "京华", "东方", "宏图", "众合", "兴业", "泰和", "安捷", "启明", "明德", "康宁", "佳美", "北辰", "远航",
        "星河", "云帆", "卓越", "睿智", "华夏", "京东方", "和谐", "万通", "同心", "利民", "诚信", "鼎盛", "海纳", "百川", "聚源",
    ];

    private static readonly (string Trade, int Weight, int MinStaff, int MaxStaff)[] Industries =
    [
        ("科技有限公司", 18, 8, 1500), ("信息技术有限公司", 10, 8, 800), ("物流有限公司", 8, 20, 3000), ("快递服务有限公司", 4, 50, 5000),
        ("餐饮管理有限公司", 9, 10, 600), ("商贸有限公司", 8, 5, 200), ("建筑工程有限公司", 7, 30, 4000), ("物业管理有限公司", 7, 20, 1200),
        ("出行服务有限公司", 3, 30, 3000), ("文化传媒有限公司", 5, 5, 300), ("医药有限公司", 4, 20, 2000), ("汽车服务有限公司", 4, 10, 400),
        ("家政服务有限公司", 4, 10, 800), ("酒店管理有限公司", 4, 30, 900), ("机械制造有限公司", 5, 40, 2500),
    ];

    /// <summary>Places in firm names once the trade names run out (北京华信望京科技有限公司).</summary>
    private static readonly string[] Places =
    [
        "望京", "中关村", "亦庄", "国贸", "金融街", "西单", "王府井", "上地", "酒仙桥", "回龙观", "天通苑", "通州", "顺义", "大兴", "昌平",
        "房山", "门头沟", "石景山", "丰台", "海淀", "朝阳", "东城", "西城", "怀柔", "密云", "延庆", "平谷", "五道口", "三里屯", "丽泽",
    ];

    private static readonly string[] Parks = ["科技园区", "商务区", "物流园区", "文创园区", "商贸城", "产业园", "楼宇", "街道"];

    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        if (await db.Set<Member>().AnyAsync(ct)) return;
        var protector = sp.GetRequiredService<PersonalDataProtector>();
        var thresholds = sp.GetRequiredService<SizeThresholds>();
        var scale = config.GetValue("Gonghui:Demo:Scale", 1.0);
        var clock = Stopwatch.StartNew();
        var rng = new PeopleGenerator.SplitMix(Seed);
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();

        var units = await db.Set<OrgUnit>().ToListAsync(ct);
        var districts = BeijingDistricts.All.Select(d => units.Single(u => u.Code == d.Slug)).ToList();
        var industries = units.Where(u => u.Kind == OrgUnitKind.IndustryUnion).OrderBy(u => u.Code).ToList();

        var unionCount = Math.Max(districts.Count + industries.Count, (int)Math.Round(300 * scale));
        var enterpriseCount = Math.Max(unionCount * 2, (int)Math.Round(3000 * scale));
        var memberCount = Math.Max(unionCount * 5, (int)Math.Round(30000 * scale));

        // Grassroots unions: one per parent first, then by workforce weight; about one in ten under an industry union.
        var parents = new List<OrgUnit>(districts);
        parents.AddRange(industries);
        var totalWeight = DistrictWeights.Sum();
        while (parents.Count < unionCount)
        {
            if (rng.Next(10) == 0) { parents.Add(industries[rng.Next(industries.Count)]); continue; }
            var roll = rng.Next(totalWeight);
            var i = 0;
            while (roll >= DistrictWeights[i]) roll -= DistrictWeights[i++];
            parents.Add(districts[i]);
        }

        var enterprises = new List<Enterprise>(enterpriseCount);
        var names = new HashSet<string>();
        var codes = new HashSet<string>();
        var grassroots = new List<(OrgUnit Unit, List<Enterprise> Firms)>();
        var perParent = new Dictionary<Guid, int>();
        var industryNames = new Dictionary<string, string[]>
        {
            ["IND-EDU"] = ["中学", "小学", "职业学校", "幼儿园"], ["IND-HLT"] = ["医院", "社区卫生服务中心", "妇幼保健院"], ["IND-BLD"] = ["建筑工程公司", "市政工程处", "路桥工程处"],
        };
        foreach (var parent in parents)
        {
            var n = perParent[parent.Id] = perParent.GetValueOrDefault(parent.Id) + 1;
            var districtCode = parent.DistrictCode ?? BeijingDistricts.All[rng.Next(BeijingDistricts.All.Length)].Code;
            var districtName = BeijingDistricts.NameOf(districtCode)!;
            string name;
            if (parent.Kind == OrgUnitKind.IndustryUnion)
            {
                var kinds = industryNames.GetValueOrDefault(parent.Code, ["单位"]);
                name = $"北京市{districtName}第{n}{kinds[rng.Next(kinds.Length)]}工会";
            }
            else if (rng.Next(3) == 0) name = $"{districtName}{TradeNames[rng.Next(TradeNames.Length)]}{Parks[rng.Next(Parks.Length)]}联合工会";
            else name = "";
            var firms = new List<Enterprise>();
            var unit = OrgUnit.CreateChild(parent, $"{parent.Code}{n:D4}", name, OrgUnitKind.GrassrootsUnion, districtCode, now);
            grassroots.Add((unit, firms));
        }

        // Enterprises: round-robin over the grassroots unions so each covers some; the first firm of an enterprise union names it.
        for (var i = 0; i < enterpriseCount; i++)
        {
            var (unit, firms) = grassroots[i % grassroots.Count];
            var e = NewEnterprise(ref rng, unit.DistrictCode!, names, codes, thresholds);
            e.GrassrootsUnionId = unit.Id;
            e.UnionFoundedOn = new DateOnly(1995 + rng.Next(30), 1 + rng.Next(12), 1 + rng.Next(28));
            firms.Add(e);
            enterprises.Add(e);
        }
        var finalUnits = grassroots.Select(g =>
        {
            if (g.Unit.Name.Length == 0) g.Unit.Rename(g.Firms.Count > 0 ? g.Firms[0].Name + "工会委员会" : $"{BeijingDistricts.NameOf(g.Unit.DistrictCode)}基层工会{g.Unit.Code}");
            return g.Unit;
        }).ToList();

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            db.AddRange(finalUnits);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            foreach (var chunk in enterprises.Chunk(2000))
            {
                db.AddRange(chunk);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }

            // Members: spread over unions by a skewed draw so some unions are large; an enterprise of the union when it has one.
            Guid? firstMember = null;
            var batch = new List<Member>(5000);
            for (var i = 0; i < memberCount; i++)
            {
                var p = PeopleGenerator.Generate(i, Seed);
                var g = i < grassroots.Count ? grassroots[i] : grassroots[(int)(Math.Pow(rng.Next(10_000) / 10_000.0, 1.6) * grassroots.Count)];
                var firm = g.Firms.Count == 0 ? null : g.Firms[rng.Next(g.Firms.Count)];
                var m = new Member
                {
                    UnionId = g.Unit.Id, EnterpriseId = firm?.Id, UpdatedAt = now,
                    Status = rng.Next(100) < 3 ? MemberStatus.Lapsed : MemberStatus.Active,
                };
                MemberRules.ApplyPersonalData(m, new MemberFields(p.Name, new ResidentIdInfo(p.IdNumber, p.BirthDate, p.Sex), p.Phone, p.EmploymentType, p.JoinedOn, p.CardNumber), protector);
                firstMember ??= m.Id;
                batch.Add(m);
                if (batch.Count == 5000) await FlushAsync();
            }
            await FlushAsync();

            async Task FlushAsync()
            {
                db.AddRange(batch);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                batch.Clear();
            }

            // The demo worker sees their own record through /api/v1/me.
            var worker = await db.Set<AppUser>().FirstOrDefaultAsync(u => u.UserName == "worker", ct);
            if (worker is not null && firstMember is not null)
            {
                worker.MemberId = firstMember;
                db.Update(worker);
                await db.SaveChangesAsync(ct);
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
        log.LogInformation("Demo registry: {Units} grassroots unions, {Enterprises} enterprises, {Members} members in {Elapsed} ms",
            finalUnits.Count, enterprises.Count, memberCount, clock.ElapsedMilliseconds);
    }

    internal static Enterprise NewEnterprise(ref PeopleGenerator.SplitMix rng, string districtCode, HashSet<string> names, HashSet<string> codes, SizeThresholds thresholds)
    {
        var totalWeight = Industries.Sum(x => x.Weight);
        var roll = rng.Next(totalWeight);
        var k = 0;
        while (roll >= Industries[k].Weight) roll -= Industries[k++].Weight;
        var industry = Industries[k];
        string name;
        var attempt = 0;
        do
        {
            // One trade name, then two; past that (a large registry uses up the ~30,000 names of two) a place within the city, and
            // at last a number: the space never runs out, so the loop always ends (it spun for minutes at full scale before).
            var first = rng.Next(TradeNames.Length);
            var n = attempt++;
            var trade = TradeNames[first] + (n < 3 ? "" : TradeNames[(first + 1 + rng.Next(TradeNames.Length - 1)) % TradeNames.Length]);
            var place = n < 8 ? "" : Places[rng.Next(Places.Length)];
            var number = n < 16 ? "" : (1 + rng.Next(999)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            name = $"北京{trade}{place}{number}{industry.Trade}";
        } while (!names.Add(name));

        string code;
        Span<char> body = stackalloc char[8];
        do
        {
            // An enterprise (9 1), its district, and an organisation code of 8 characters whose check characters Compose adds.
            const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
            for (var i = 0; i < 8; i++) body[i] = i < 4 ? (char)('0' + rng.Next(10)) : alphabet[rng.Next(alphabet.Length)];
            rng.Next(alphabet.Length); // the draw that used to be the ninth character: keeps the rest of the demo as it was
            code = CreditCode.Compose("91", districtCode, new string(body));
        } while (!codes.Add(code));

        // Employees skewed small (most firms are small or micro), revenue per head varies by a factor of ten.
        var staff = industry.MinStaff + (int)(Math.Pow(rng.Next(10_000) / 10_000.0, 3) * (industry.MaxStaff - industry.MinStaff));
        var revenuePerHeadYuan = 100_000 + rng.Next(900_000);
        var revenueFen = (long)staff * revenuePerHeadYuan * 100;
        var ownershipRoll = rng.Next(100);
        var ownership = ownershipRoll < 12 ? Ownership.State : ownershipRoll < 15 ? Ownership.Collective : ownershipRoll < 82 ? Ownership.Private
            : ownershipRoll < 90 ? Ownership.Foreign : ownershipRoll < 95 ? Ownership.HongKongMacaoTaiwan : ownershipRoll < 98 ? Ownership.Joint : Ownership.Other;
        return new Enterprise
        {
            Name = name, CreditCode = code, DistrictCode = districtCode, Ownership = ownership, Employees = staff, RevenueFen = revenueFen,
            SizeClass = thresholds.Classify(staff, revenueFen),
        };
    }
}
