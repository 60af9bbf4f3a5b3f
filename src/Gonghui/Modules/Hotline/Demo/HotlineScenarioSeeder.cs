using Gonghui.Modules.Hotline.Deadlines;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Security;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hotline.Demo;

/// <summary>
/// The scenario's hotline year (<see cref="IScenarioSeeder"/>): the requests the review counts, received over the year with its
/// seasons (fewer at the Spring Festival, more in the COVID spring and at year end when wages fall due), by phone and on the
/// portal, each dispatched to its district's union, accepted, the worker called back and the request resolved.
/// </summary>
internal sealed class HotlineScenarioSeeder : IScenarioSeeder
{
    public IReadOnlyCollection<string> Keys { get; } = ["hotline.requests"];

    // Relative weight of each month: the Spring Festival (February) quiet, the COVID spring and the year-end wage season busy.
    private static readonly int[] MonthWeights = [8, 6, 10, 10, 9, 8, 8, 8, 8, 8, 8, 9];

    public async Task AddAsync(IServiceProvider sp, int year, IReadOnlyDictionary<string, long> missing, CancellationToken ct)
    {
        var count = (int)missing.GetValueOrDefault("hotline.requests");
        if (count <= 0) return;
        var db = sp.GetRequiredService<GonghuiDb>();
        var root = await db.UnitRows().Where(u => u.ParentId == null).OrderBy(u => u.Path).FirstOrDefaultAsync(ct);
        if (root is null) return;
        var districts = await db.UnitRows().Where(u => u.Kind == OrgUnitKind.DistrictUnion && u.DistrictCode != null).OrderBy(u => u.Code).ToListAsync(ct);
        if (districts.Count == 0) return;
        var policy = sp.GetRequiredService<DeadlinePolicy>();
        var protector = sp.GetRequiredService<PersonalDataProtector>();
        string[] categories = ["labor-dispute", "labor-dispute", "labor-dispute", "social-insurance", "labor-contract", "legal-advice", "legal-advice", "hardship", "member-service", "union-join"];
        var rnd = new Random(year * 1000 + 12351);
        var totalWeight = MonthWeights.Sum();
        var months = MonthWeights.Select(w => (int)((long)count * w / totalWeight)).ToArray();
        months[^1] += count - months.Sum();
        var batch = new List<object>();
        var n = 0;
        for (var m = 0; m < 12; m++)
            for (var k = 0; k < months[m]; k++, n++)
            {
                var day = new DateOnly(year, m + 1, 1).AddDays((int)(k * (long)DateTime.DaysInMonth(year, m + 1) / Math.Max(1, months[m])));
                var received = BeijingTime.ToUtc(day, new TimeOnly(8 + rnd.Next(12), rnd.Next(60)));
                var cat = categories[rnd.Next(categories.Length)];
                var district = districts[rnd.Next(districts.Count)];
                var r = HotlineRequest.File(rnd.NextDouble() < 0.8 ? Channel.Phone : Channel.Portal, cat, null, Urgency.Normal,
                    $"{year}年诉求 {n + 1}：{(cat == "labor-dispute" ? "公司拖欠工资，多次讨要未果。" : "咨询劳动权益相关问题。")}", received, root.Path,
                    policy.All(cat, Urgency.Normal, received), $"GHS{year}{n:D6}");
                var phone = $"138{rnd.Next(10000000, 99999999)}";
                r.SetCaller($"职工{n % 89}", protector.Encrypt(phone), protector.Hash(phone), Platform.Ids.MobilePhone.Mask(phone), null, null);
                r.SetPlace(null, null, district.DistrictCode, null, null, null);
                var events = new List<HotlineRequestEvent> { HotlineRequestEvent.Of(r, "file", null, "agent", received) };
                void Step(Action act, string name, DateTimeOffset at, Guid? unit = null)
                {
                    var from = r.State;
                    act();
                    events.Add(HotlineRequestEvent.Of(r, name, from, "scenario", at, unit));
                }
                var t = received.AddMinutes(10 + rnd.Next(30));
                Step(() => r.Dispatch(district.Id, district.Path, t), "dispatch", t, district.Id);
                t = t.AddMinutes(30 + rnd.Next(90));
                Step(() => r.Accept(t), "accept", t);
                t = t.AddHours(1 + rnd.Next(20));
                Step(() => r.Contact(t), "contact", t);
                t = t.AddDays(1 + rnd.Next(7));
                Step(() => r.Resolve("已协调企业解决。", t), "resolve", t);
                batch.Add(r);
                batch.AddRange(events);
                if (batch.Count > 5000) { db.AddRange(batch); await db.SaveChangesAsync(ct); db.ChangeTracker.Clear(); batch.Clear(); }
            }
        db.AddRange(batch);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
