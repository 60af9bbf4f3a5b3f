using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Skills.Rules;
using Gonghui.Modules.Skills.TeamContests;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Skills.Demo;

/// <summary>
/// The 2020 key-project labour contest on 京津冀交通一体化 (Beijing–Tianjin–Hebei transport integration): three stages of the
/// year (weights 30, 30, 40, weighted sum), a team of three active members from each of up to six districts, every stage marked
/// and closed, so the cumulative ranking shows. A handful of rows: saved through SaveChanges.
/// </summary>
internal sealed class TeamContestDemoSeeder : IDemoSeeder
{
    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        if (await db.Set<TeamContest>().AnyAsync(ct)) return;
        var districts = await db.UnitRows().Where(u => u.Depth == 1 && !u.IsClosed).OrderBy(u => u.Path).Select(u => new { u.Id, u.Name, u.Path }).Take(6).ToListAsync(ct);
        var created = new DateTimeOffset(2020, 2, 20, 2, 0, 0, TimeSpan.Zero);
        var contest = TeamContest.Create(2020, "2020年京津冀交通一体化重点工程劳动竞赛", TeamContestKind.KeyProject, "京津冀交通一体化", CumulativeRule.WeightedSum, 3, 10, created, "demo");
        var stages = new[]
        {
            TeamContestStage.Of(contest.Id, 1, "第一阶段:复工复产与路基工程", new DateOnly(2020, 3, 1), new DateOnly(2020, 5, 31), 30),
            TeamContestStage.Of(contest.Id, 2, "第二阶段:桥梁与站房主体", new DateOnly(2020, 6, 1), new DateOnly(2020, 8, 31), 30),
            TeamContestStage.Of(contest.Id, 3, "第三阶段:铺轨、联调联试与安全收官", new DateOnly(2020, 9, 1), new DateOnly(2020, 11, 30), 40),
        };
        var teams = new List<ContestTeam>();
        var members = new List<ContestTeamMember>();
        var used = new HashSet<Guid>();
        // The demo account "worker" is in their district's team: their 我的比赛 page shows the team, its stages and its final rank.
        var workerMember = await db.Set<AppUser>().Where(u => u.UserName == "worker").Select(u => u.MemberId).FirstOrDefaultAsync(ct);
        var worker = workerMember is null ? null : await db.MemberRows().Where(m => m.Id == workerMember && m.Status == MemberStatus.Active)
            .Select(m => new { m.Id, m.Name, m.UnionId }).FirstOrDefaultAsync(ct);
        var workerPath = worker is null ? null : await db.UnitRows().Where(u => u.Id == worker.UnionId).Select(u => u.Path).FirstOrDefaultAsync(ct);
        foreach (var d in districts)
        {
            var unions = db.UnitRows().InScope(d.Path, u => u.Path).Select(u => u.Id);
            var three = await db.MemberRows().Where(m => m.Status == MemberStatus.Active && unions.Contains(m.UnionId)).OrderBy(m => m.Id)
                .Select(m => new { m.Id, m.Name }).Take(3).ToListAsync(ct);
            if (worker is not null && three.Count == 3 && ScopeFilter.Covers(d.Path, workerPath) && three.All(m => m.Id != worker.Id))
                three[0] = new { worker.Id, worker.Name };
            if (three.Count < 3 || three.Any(m => !used.Add(m.Id))) continue;
            var team = ContestTeam.Enter(contest.Id, d.Name.Replace("总工会", "") + "交通建设突击队", d.Id, d.Name, d.Path, created.AddDays(3 + teams.Count), "demo");
            teams.Add(team);
            members.AddRange(three.Select(m => ContestTeamMember.Of(contest.Id, team.Id, m.Id, m.Name)));
        }
        if (teams.Count < 2) return;
        var rng = new Random(2020_0301);
        var marks = new List<TeamStageMark>();
        foreach (var s in stages)
        {
            var at = new DateTimeOffset(s.EndsOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(3);
            marks.AddRange(teams.Select(t => TeamStageMark.Of(s.Id, t.Id, 7000 + rng.Next(2800), at, "demo")));
            s.Close(at.AddDays(2), "demo");
        }
        db.Add(contest);
        db.AddRange(stages);
        db.AddRange(teams);
        db.AddRange(members);
        db.AddRange(marks);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
