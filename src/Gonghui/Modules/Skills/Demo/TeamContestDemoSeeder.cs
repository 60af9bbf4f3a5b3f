using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Skills.Contests;
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
/// and closed, so the cumulative ranking shows; and the 2020 北京城市副中心 key-project contest judged per judge (<see cref="Judged"/>).
/// A handful of rows (about 50 marks): saved through one SaveChanges.
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
        var root = await db.UnitRows().Where(u => u.ParentId == null).Select(u => u.Id).FirstOrDefaultAsync(ct);
        var judgedTeams = new List<JudgedTeam>();
        foreach (var d in districts.Take(4))
        {
            // Other members than the first contest's (the next three of the district), so both contests' pages list distinct people.
            var unions = db.UnitRows().InScope(d.Path, u => u.Path).Select(u => u.Id);
            var three = await db.MemberRows().Where(m => m.Status == MemberStatus.Active && unions.Contains(m.UnionId)).OrderBy(m => m.Id)
                .Select(m => new { m.Id, m.Name }).Skip(3).Take(3).ToListAsync(ct);
            if (three.Count < 3) continue;
            judgedTeams.Add(new(d.Name.Replace("总工会", "") + "副中心建设班组", d.Id, d.Name, d.Path, three.Select(m => (m.Id, m.Name)).ToList()));
        }
        if (judgedTeams.Count >= 2 && root != Guid.Empty) Judged(db, created, root, judgedTeams);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>The judged scheme of the second demo contest: one measured aspect (40 marks) and two judged by 3 judges (30 each).</summary>
    private static readonly (string Code, string Name, AspectKind Kind, int MaxCenti)[] JudgedScheme =
    [
        ("M1", "工期与质量指标", AspectKind.Measurement, 40_00), ("J1", "安全文明施工", AspectKind.Judgement, 30_00), ("J2", "技术创新与协作", AspectKind.Judgement, 30_00),
    ];

    /// <summary>
    /// The 2020 key-project labour contest on 北京城市副中心建设, judged per judge (WorldSkills rules): two stages (weights 50, 50), each a trade
    /// of its judging skills contest with three federation judges (no team's unit, so no conflicts), the teams drawn, marked by every judge
    /// within one point of each other (no spread to resolve), signed off, and both stages closed: the page shows a judged, final ranking.
    /// </summary>
    private sealed record JudgedTeam(string Name, Guid UnitId, string UnitName, string UnitPath, List<(Guid Id, string Name)> Members);

    private static void Judged(GonghuiDb db, DateTimeOffset created, Guid root, List<JudgedTeam> entered)
    {
        var at = created.AddDays(20);
        var contest = TeamContest.Create(2020, "2020年北京城市副中心重点工程劳动竞赛", TeamContestKind.KeyProject, "北京城市副中心建设", CumulativeRule.WeightedSum, 3, 6, at, "demo");
        var stages = new[]
        {
            TeamContestStage.Of(contest.Id, 1, "第一阶段:主体结构施工", new DateOnly(2020, 4, 1), new DateOnly(2020, 7, 31), 50),
            TeamContestStage.Of(contest.Id, 2, "第二阶段:机电安装与竣工验收", new DateOnly(2020, 8, 1), new DateOnly(2020, 11, 30), 50),
        };
        var judging = SkillsContest.Create("TC-" + contest.Id.ToString("N"), 2020, contest.Name, ContestKind.LabourContest, stages[0].StartsOn, true, null, null,
            Leniency.ZScore, TieRule.JudgementFirst, 2020_0401, 24, at);
        judging.JudgeTeamsOf(contest.Id);
        contest.JudgedBy(judging.Id);
        db.Add(contest);
        db.AddRange(stages);
        db.Add(judging);
        var teams = entered.Select((t, i) => ContestTeam.Enter(contest.Id, t.Name, t.UnitId, t.UnitName, t.UnitPath, at.AddDays(3 + i), "demo")).ToList();
        db.AddRange(teams);
        db.AddRange(entered.SelectMany((t, i) => t.Members.Select(m => ContestTeamMember.Of(contest.Id, teams[i].Id, m.Id, m.Name))));
        var rng = new Random(2020_0801);
        var strength = teams.Select(_ => 0.6 + rng.NextDouble() * 0.35).ToArray();
        foreach (var stage in stages)
        {
            var trade = SkillsTrade.Create(judging.Id, "S" + stage.Position, stage.Name, null, 1, TeamContestRules.JudgedStations, 0);
            stage.JudgedBy(trade.Id);
            db.Add(trade);
            var aspects = JudgedScheme.Select((a, i) => SkillsAspect.Create(trade.Id, i + 1, a.Code, a.Name, a.Kind, a.MaxCenti)).ToList();
            db.AddRange(aspects);
            var judges = Enumerable.Range(1, 3).Select(j => SkillsJudge.Create(trade.Id, $"{stage.Name[..4]}裁判{j}", root, null, null, j == 1)).ToList();
            db.AddRange(judges);
            var entries = teams.Select(t => SkillsEntry.ForTeam(trade, t.Id, t.Name, t.UnitId, t.UnitPath, null, t.RegisteredAt, "demo")).ToList();
            db.AddRange(entries);
            foreach (var slot in DrawRules.Draw(entries.Select(e => e.Id), judging.DrawSeed, trade.Code, trade.Stations)) entries.First(e => e.Id == slot.Entry).Place(slot);
            var end = new DateTimeOffset(stage.EndsOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            trade.Drawn(new DateTimeOffset(stage.StartsOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            for (var i = 0; i < entries.Count; i++)
            {
                var ability = Math.Clamp(strength[i] + (rng.NextDouble() - 0.5) * 0.2, 0, 1);
                foreach (var a in aspects)
                {
                    if (a.Kind == AspectKind.Measurement)
                    {
                        db.Add(SkillsMark.Create(trade.Id, entries[i].Id, a.Id, Guid.Empty, judges[0].Id, (int)(Math.Round(ability * a.MaxCenti / 50) * 50), end));
                        continue;
                    }
                    // Each judge gives b or b − 1: the spread stays within 1, so the trade signs off.
                    var b = Math.Clamp((int)Math.Round(ability * 3), 1, 3);
                    foreach (var j in judges) db.Add(SkillsMark.Create(trade.Id, entries[i].Id, a.Id, j.Id, j.Id, (b - (rng.NextDouble() < 0.3 ? 1 : 0)) * 100, end));
                }
            }
            trade.SignOff(end.AddDays(1), "demo", judging.AppealHours);
            stage.Close(end.AddDays(3), "demo");
        }
    }
}
