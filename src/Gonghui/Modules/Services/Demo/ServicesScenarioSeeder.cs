using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Services.Projects;
using Gonghui.Modules.Services.Rules;
using Gonghui.Modules.Services.Visits;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Services.Demo;

/// <summary>
/// The scenario's service year (<see cref="IScenarioSeeder"/>): grassroots projects accepted at year end when the demo's are
/// fewer than the review's, and the member-service visits of the year over its projects — one member, one project, one day each,
/// more in the campaign seasons (summer relief, autumn grants, winter warmth) — written in bulk (<see cref="RowWriter"/>) in chunks.
/// </summary>
internal sealed class ServicesScenarioSeeder : IScenarioSeeder
{
    private const string Actor = "scenario";
    public IReadOnlyCollection<string> Keys { get; } = ["services.projects", "services.visits"];

    // Relative weight of each month's visits: quiet at the Spring Festival and in the COVID spring, busy in the campaign seasons.
    private static readonly int[] MonthWeights = [6, 3, 4, 6, 8, 9, 11, 10, 10, 9, 10, 14];

    public async Task AddAsync(IServiceProvider sp, int year, IReadOnlyDictionary<string, long> missing, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        var rnd = new Random(year * 7 + 3);
        var newProjects = (int)missing.GetValueOrDefault("services.projects");
        if (newProjects > 0)
        {
            var grassroots = await db.UnitRows().Where(u => u.Kind == OrgUnitKind.GrassrootsUnion && !u.IsClosed).OrderBy(u => u.Path)
                .Select(u => new { u.Id, u.Path, u.Depth }).ToListAsync(ct);
            if (grassroots.Count == 0) return;
            var rows = new List<(object, string)>();
            for (var i = 0; i < newProjects; i++)
            {
                var owner = grassroots[rnd.Next(grassroots.Count)];
                var applied = new DateOnly(year, 1, 2).AddDays(rnd.Next(0, 120));
                var budget = 100L * rnd.Next(2_000, 50_000);
                var planned = rnd.Next(100, 3_000);
                var p = ServiceProject.Apply(Guid.CreateVersion7(), $"职工服务进基层（{year}-{i + 1}）", year, owner.Id, owner.Path, owner.Depth, ServiceCategory.SendWarmth,
                    TargetGroup.AllMembers, null, applied.AddDays(20), new DateOnly(year, 12, 31), budget, planned, BeijingTime.ToUtc(applied, new TimeOnly(9, 30)), Actor);
                var decided = BeijingTime.ToUtc(applied.AddDays(7), new TimeOnly(15, 0));
                p.Apply(ProjectAction.Approve, decided, "scenario-approver");
                p.Apply(ProjectAction.StartDelivery, decided.AddDays(10), Actor);
                p.Apply(ProjectAction.FinishDelivery, BeijingTime.ToUtc(new DateOnly(year, 12, 20), new TimeOnly(17, 0)), Actor);
                var score = rnd.Next(62, 100);
                p.Evaluate(budget * rnd.Next(80, 101) / 100, null, score, ProjectRules.Grade(score, planned, planned), null);
                p.Apply(ProjectAction.Accept, BeijingTime.ToUtc(new DateOnly(year, 12, 28), new TimeOnly(10, 0)), "scenario-approver");
                rows.Add((p, Actor));
            }
            await RowWriter.InsertAsync(db, rows, now, ct);
        }

        var visits = missing.GetValueOrDefault("services.visits");
        if (visits <= 0) return;
        var projects = await db.Set<ServiceProject>().AsNoTracking().Where(p => p.Year == year && p.Status != ProjectStatus.Rejected)
            .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        var members = (await db.MemberRows().Where(m => m.Status == MemberStatus.Active).OrderBy(m => m.Id).Select(m => new { m.Id, m.UnionId }).ToListAsync(ct)).Select(m => (m.Id, m.UnionId)).ToList();
        if (projects.Count == 0 || members.Count == 0) return;
        // Existing visits of the year's projects (the same member, project and day is one visit): new ones avoid them.
        var taken = (await db.Set<ServiceVisit>().AsNoTracking().Where(v => projects.Contains(v.ProjectId))
            .Select(v => new { v.ProjectId, v.MemberId, v.ServedOn }).ToListAsync(ct)).Select(v => (v.ProjectId, v.MemberId, v.ServedOn)).ToHashSet();
        var totalWeight = MonthWeights.Sum();
        var perMonth = MonthWeights.Select(w => visits * w / totalWeight).ToArray();
        perMonth[^1] += visits - perMonth.Sum();
        var batch = new List<(object, string)>();
        long k = 0;
        for (var m = 0; m < 12; m++)
        {
            var days = DateTime.DaysInMonth(year, m + 1);
            for (long j = 0; j < perMonth[m]; j++)
            {
                // (day, project, member) walks a grid that never repeats within the month: day fastest, then project, then member.
                DateOnly day; Guid project; (Guid Id, Guid UnionId) member;
                do
                {
                    day = new DateOnly(year, m + 1, 1 + (int)(k % days));
                    project = projects[(int)(k / days % projects.Count)];
                    member = members[(int)(k / days / projects.Count % members.Count)];
                    k++;
                } while (taken.Contains((project, member.Id, day)));
                batch.Add((ServiceVisit.Of(Guid.CreateVersion7(), project, member.Id, member.UnionId, day, BeijingTime.ToUtc(day, new TimeOnly(9 + (int)(k % 9), (int)(k % 60))),
                    (VisitChannel)(1 + (int)(k % 5)), "职工之家", null, now, Actor), Actor));
                if (batch.Count >= 50_000) { await WriteAsync(); batch.Clear(); }
            }
            k = 0;
        }
        if (batch.Count > 0) await WriteAsync();

        // The visits and the report's roll-up of them (VisitRollup), in the step's transaction.
        async Task WriteAsync()
        {
            await RowWriter.InsertAsync(db, batch, now, ct);
            await Statistics.VisitRollup.ApplyAsync(db, batch.Select(r => (ServiceVisit)r.Item1).Select(v => (v.ProjectId, v.ServedOn)), ct);
        }
    }
}
