using Gonghui.Modules.Jobs.Posts;
using Gonghui.Modules.Jobs.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Jobs.Demo;

/// <summary>
/// The scenario's job posts (<see cref="IScenarioSeeder"/>): registry employers that posted nothing yet in the year post first,
/// one post each, then the rest of the posts go round the year's employers; posted over the year (most in the 春风行动 spring),
/// published and since expired. Written in bulk (<see cref="RowWriter"/>), in chunks.
/// </summary>
internal sealed class JobsScenarioSeeder : IScenarioSeeder
{
    private const string Actor = "scenario";
    public IReadOnlyCollection<string> Keys { get; } = ["jobs.employers", "jobs.posts"];

    public async Task AddAsync(IServiceProvider sp, int year, IReadOnlyDictionary<string, long> missing, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        var from = BeijingTime.ToUtc(new DateOnly(year, 1, 1), TimeOnly.MinValue);
        var to = BeijingTime.ToUtc(new DateOnly(year + 1, 1, 1), TimeOnly.MinValue);
        var posting = (await db.Set<JobPost>().AsNoTracking().Where(p => p.PostedAt >= from && p.PostedAt < to).Select(p => p.EmployerId).Distinct().ToListAsync(ct)).ToHashSet();
        var all = await (from e in db.EnterpriseRows()
                         join u in db.UnitRows() on e.GrassrootsUnionId equals u.Id
                         orderby e.Id
                         select new { e.Id, e.Name, e.CreditCode, e.DistrictCode, u.Path }).ToListAsync(ct);
        var fresh = all.Where(e => !posting.Contains(e.Id)).Take((int)missing.GetValueOrDefault("jobs.employers")).ToList();
        var employers = fresh.Concat(all.Where(e => posting.Contains(e.Id))).ToList();
        if (employers.Count == 0) return;
        var count = (int)Math.Max(fresh.Count, missing.GetValueOrDefault("jobs.posts"));
        var occupations = Occupations.Current;
        var rnd = new Random(year * 10 + 7);
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        var rows = new List<(object Row, string Actor)>();
        for (var i = 0; i < count; i++)
        {
            var e = employers[i % employers.Count];
            var code = JobsDemoSeeder.DemoOccupations[rnd.Next(JobsDemoSeeder.DemoOccupations.Length)];
            var name = occupations.Find(code)?.Name ?? "职工";
            var district = JobsDemoSeeder.Centres.ContainsKey(e.DistrictCode) ? e.DistrictCode : "110105";
            var (lat, lng) = JobsDemoSeeder.Centres[district];
            var min = (30 + rnd.Next(0, 90)) * 100_00L;
            // Half the year's posts in the spring campaign (February to April), the rest over the year.
            var postedOn = i % 2 == 0 ? new DateOnly(year, 2, 1).AddDays(rnd.Next(0, 89)) : ScenarioShares.DayOf(year, i, count);
            var posted = BeijingTime.ToUtc(postedOn, new TimeOnly(9 + rnd.Next(0, 8), rnd.Next(60)));
            var fields = new PostFields($"{name}（长期）", $"{e.Name}招聘{name}：岗位职责、任职要求和工作时间面谈。五险一金，工会会员优先。",
                code, rnd.Next(10) == 0 ? EmploymentType.PartTime : EmploymentType.FullTime, min, min + rnd.Next(5, 60) * 100_00L, 1 + rnd.Next(0, 10), district,
                $"北京市{BeijingDistricts.NameOf(district)}{1 + rnd.Next(300)}号", Math.Round(lat + (rnd.NextDouble() - 0.5) * 0.12, 6),
                Math.Round(lng + (rnd.NextDouble() - 0.5) * 0.16, 6), postedOn.AddDays(30 + rnd.Next(0, 60)), null);
            rows.Add((JobPost.Published(Guid.CreateVersion7(), fields, e.Id, e.Name, e.CreditCode, e.Path, posted, Actor, rnd.Next(0, 4)), Actor));
            if (rows.Count >= 20_000) { await RowWriter.InsertAsync(db, rows, now, ct); rows.Clear(); }
        }
        if (rows.Count > 0) await RowWriter.InsertAsync(db, rows, now, ct);
    }
}
