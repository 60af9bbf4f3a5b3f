using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Skills.Contests;
using Gonghui.Modules.Skills.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Skills.TeamContests;

/// <param name="Aspects">A marking scheme (aspects worth 100 marks) makes the contest judged per judge: each stage is a trade of a
/// judging skills contest with this scheme, marked by its judges under the skills rules; without it the federation enters one mark per team
/// and stage.</param>
/// <param name="Leniency">Judged contests: the leniency correction of each stage's results (default z-score).</param>
/// <param name="TieRule">Judged contests: how equal totals within a stage are ordered (the cumulative ranking keeps its own declared rule).</param>
public sealed record CreateTeamContestRequest(int? Year, string? Name, TeamContestKind? Kind, string? Project, CumulativeRule? Rule, int? MinTeamSize, int? MaxTeamSize,
    List<StageInput?>? Stages, List<AspectInput>? Aspects = null, Leniency? Leniency = null, TieRule? TieRule = null, int? AppealHours = null);
public sealed record EnterTeamRequest(string? Name, Guid? UnitId, List<Guid?>? MemberIds);
public sealed record TeamMarkInput(Guid? TeamId, decimal? Mark);
public sealed record MarkStageRequest(List<TeamMarkInput?>? Marks);

/// <param name="TradeId">The trade that judges the stage (judged contests): its judges, marking sheets, sign-off and results are the skills contest's.</param>
public sealed record TeamStageView(Guid Id, int Position, string Name, DateOnly StartsOn, DateOnly EndsOn, int WeightPercent, bool Closed, DateTimeOffset? ClosedAt,
    Guid? TradeId = null, TradeStage? TradeStage = null);
public sealed record TeamView(Guid Id, string Name, Guid UnitId, string UnitName, IReadOnlyList<string> Members);
/// <summary>A team's line: its mark and place in each stage (null when not marked), its cumulative total (marks, or points) and rank.</summary>
public sealed record StandingView(Guid TeamId, string Team, string UnitName, IReadOnlyList<decimal?> StageMarks, IReadOnlyList<int?> StagePlaces, decimal Total, int Rank);
public sealed record TeamContestView(Guid Id, int Year, string Name, TeamContestKind Kind, string? Project, CumulativeRule Rule, int MinTeamSize, int MaxTeamSize,
    IReadOnlyList<TeamStageView> Stages, IReadOnlyList<TeamView> Teams, IReadOnlyList<StandingView> Standings, bool Provisional, Guid? JudgingContestId = null);

/// <summary>A stage as a team's member sees it: the team's mark and place once the stage is closed (final), nothing while it runs.</summary>
public sealed record MyTeamStage(string Name, DateOnly StartsOn, DateOnly EndsOn, int WeightPercent, bool Closed, decimal? Mark, int? Place);
/// <summary>A team contest the caller is in (我的比赛): the team, its members, each stage, and the cumulative rank and total once every stage is closed.</summary>
public sealed record MyTeamContest(Guid ContestId, int Year, string Contest, TeamContestKind Kind, string? Project, CumulativeRule Rule, Guid TeamId, string Team,
    string UnitName, IReadOnlyList<string> Members, IReadOnlyList<MyTeamStage> Stages, bool Final, int? Rank, decimal? Total, int Teams);

/// <summary>
/// Team contests and staged key-project labour contests, shared by the API and the pages: the federation declares the contest,
/// its stages and the cumulative rule; units enter teams of their members; each stage's marks are entered and closed in turn;
/// the cumulative ranking is computed by <see cref="TeamContestRules.Cumulative"/> (provisional while a stage is open).
/// </summary>
internal sealed class TeamContestService(GonghuiDb db, CurrentUser me, TimeProvider clock, SkillsService skills)
{
    /// <summary>One lock per team contest (<see cref="SkillsService.TeamEntriesKey"/>): team entries, stage marks and closes, and the draws of
    /// its judging trades check and write under it, so a team cannot enter after the draw or the first close, nor a close count the teams
    /// while one enters.</summary>
    private static string ContestKey(Guid contestId) => SkillsService.TeamEntriesKey(contestId);

    public async Task<Slice<TeamContest>> ListAsync(int? year, KeysetRequest request, CancellationToken ct)
    {
        var q = db.Set<TeamContest>().AsNoTracking();
        if (year is not null) q = q.Where(c => c.Year == year);
        return await q.SliceAsync(request, c => c.CreatedAt, c => c.Id, descending: true, rows => rows, c => c.CreatedAt, c => c.Id, ct);
    }

    public async Task<Outcome<TeamContestView>> CreateAsync(CreateTeamContestRequest r, CancellationToken ct)
    {
        var errors = new List<(string Field, string Code)>();
        var today = BeijingTime.Today(clock);
        if (r.Year is not { } year || year < 2000 || year > today.Year + 1) errors.Add(("year", "teamContest.year"));
        if ((r.Name?.Trim().Length ?? 0) is < 2 or > 200) errors.Add(("name", "teamContest.name"));
        if (r.Kind is null || !Enum.IsDefined(r.Kind.Value)) errors.Add(("kind", "teamContest.kind"));
        else if (r.Kind == TeamContestKind.KeyProject && (r.Project?.Trim().Length ?? 0) is < 2 or > 200) errors.Add(("project", "teamContest.project"));
        if (r.Project?.Trim().Length > 200) errors.Add(("project", "teamContest.project"));
        if (!TeamContestRules.ValidSizes(r.MinTeamSize, r.MaxTeamSize)) errors.Add(("maxTeamSize", "teamContest.sizes"));
        errors.AddRange(TeamContestRules.CheckStages(r.Stages, r.Rule));
        if (errors.Count > 0) return Outcome<TeamContestView>.Invalid(errors.Distinct());
        var c = TeamContest.Create(r.Year!.Value, r.Name!.Trim(), r.Kind!.Value, string.IsNullOrWhiteSpace(r.Project) ? null : r.Project.Trim(), r.Rule!.Value,
            r.MinTeamSize!.Value, r.MaxTeamSize!.Value, clock.GetUtcNow(), me.Name);
        db.Add(c);
        var stages = new List<TeamContestStage>();
        for (var i = 0; i < r.Stages!.Count; i++)
        {
            var s = r.Stages[i]!;
            stages.Add(TeamContestStage.Of(c.Id, i + 1, s.Name!.Trim(), s.StartsOn!.Value, s.EndsOn!.Value, s.WeightPercent!.Value));
        }
        db.AddRange(stages);
        if (r.Aspects is not { Count: > 0 })
        {
            await db.SaveChangesAsync(ct);
            return await DetailAsync(c.Id, ct);
        }
        // Judged per judge: a skills contest with one trade per stage, through the skills use cases (their checks name the same fields:
        // aspects[i].…, leniency, tieRule, appealHours), all in one transaction: a bad scheme writes nothing.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var judging = await skills.CreateContestAsync(new CreateContestRequest("TC-" + c.Id.ToString("N"), c.Year, c.Name, ContestKind.LabourContest,
            stages[0].StartsOn, true, null, null, r.Leniency ?? Leniency.ZScore, r.TieRule ?? TieRule.JudgementFirst, c.Year, r.AppealHours ?? 24), ct);
        if (!judging.IsOk) return Abandon(judging.As<TeamContestView>());
        judging.Value!.JudgeTeamsOf(c.Id);
        c.JudgedBy(judging.Value.Id);
        foreach (var stage in stages)
        {
            var trade = await skills.AddTradeAsync(judging.Value.Id, new CreateTradeRequest("S" + stage.Position, stage.Name, null, 1, TeamContestRules.JudgedStations, 0, r.Aspects), ct);
            if (!trade.IsOk) return Abandon(trade.As<TeamContestView>());
            stage.JudgedBy(trade.Value!.Trade.Id);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await DetailAsync(c.Id, ct);
    }

    /// <summary>A judged contest's set-up failed: the transaction rolls back when disposed; the tracked rows go with it.</summary>
    private Outcome<TeamContestView> Abandon(Outcome<TeamContestView> failure)
    {
        db.ChangeTracker.Clear();
        return failure;
    }

    public async Task<Outcome<TeamContestView>> DetailAsync(Guid id, CancellationToken ct)
    {
        var c = await db.Set<TeamContest>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Outcome<TeamContestView>.NotFound();
        var stages = await db.Set<TeamContestStage>().AsNoTracking().Where(s => s.ContestId == id).OrderBy(s => s.Position).ToListAsync(ct);
        var teams = await db.Set<ContestTeam>().AsNoTracking().Where(t => t.ContestId == id).OrderBy(t => t.RegisteredAt).ThenBy(t => t.Id).ToListAsync(ct);
        var members = (await db.Set<ContestTeamMember>().AsNoTracking().Where(m => m.ContestId == id).OrderBy(m => m.Name).ToListAsync(ct)).ToLookup(m => m.TeamId);
        var stageIds = stages.Select(s => s.Id).ToList();
        var marks = (await db.Set<TeamStageMark>().AsNoTracking().Where(m => stageIds.Contains(m.StageId)).ToListAsync(ct))
            .ToDictionary(m => (m.StageId, m.TeamId), m => m.Centi);
        var trades = new Dictionary<Guid, TradeStage>();
        if (c.JudgingContestId is { } judgingId)
        {
            // Judged: a stage's mark per team is its trade's official total (standardised when the contest corrects leniency), once signed off.
            var judging = await db.Set<SkillsContest>().AsNoTracking().FirstAsync(x => x.Id == judgingId, ct);
            var tradeIds = stages.Select(s => s.TradeId).OfType<Guid>().ToList();
            foreach (var trade in await db.Set<SkillsTrade>().AsNoTracking().Where(t => tradeIds.Contains(t.Id)).ToListAsync(ct))
            {
                trades[trade.Id] = trade.Stage;
                if (!TeamContestRules.JudgedFinal(trade.Stage)) continue;
                var stage = stages.First(s => s.TradeId == trade.Id);
                var (_, entries, result) = await skills.ComputeAsync(judging, trade, ct);
                foreach (var row in result.Entries)
                    if (entries[row.Entry].TeamId is { } team)
                        marks[(stage.Id, team)] = TeamContestRules.JudgedCenti(judging.Leniency, row.RawTotal, row.StdTotal);
            }
        }
        var grid = teams.Select(t => (IReadOnlyList<int?>)stages.Select(s => marks.TryGetValue((s.Id, t.Id), out var m) ? m : (int?)null).ToList()).ToList();
        var rows = TeamContestRules.Cumulative(c.Rule, stages.Select(s => s.WeightPercent).ToList(), grid);
        var standings = rows.Select(r => new StandingView(teams[r.Team].Id, teams[r.Team].Name, teams[r.Team].UnitName,
            grid[r.Team].Select(m => m is { } v ? TeamContestRules.FromCenti(v) : (decimal?)null).ToList(), r.StagePlaces,
            c.Rule == CumulativeRule.WeightedSum ? TeamContestRules.FromCenti(r.Total) : r.Total, r.Rank)).ToList();
        return Outcome<TeamContestView>.Ok(new TeamContestView(c.Id, c.Year, c.Name, c.Kind, c.Project, c.Rule, c.MinTeamSize, c.MaxTeamSize,
            stages.Select(s => new TeamStageView(s.Id, s.Position, s.Name, s.StartsOn, s.EndsOn, s.WeightPercent, s.ClosedAt is not null, s.ClosedAt,
                s.TradeId, s.TradeId is { } t && trades.TryGetValue(t, out var ts) ? ts : null)).ToList(),
            teams.Select(t => new TeamView(t.Id, t.Name, t.UnitId, t.UnitName, members[t.Id].Select(m => m.Name).ToList())).ToList(),
            standings, stages.Any(s => s.ClosedAt is null), c.JudgingContestId));
    }

    /// <summary>
    /// The team contests the caller (a worker) is in, newest first: their team, its members, and per stage the team's mark and place once
    /// the stage is closed; the cumulative rank and total once every stage is closed. Nothing of a stage still running (its marks may change).
    /// </summary>
    public async Task<List<MyTeamContest>> MineAsync(CancellationToken ct)
    {
        if (me.MemberId is not { } member) return [];
        var teams = await db.Set<ContestTeamMember>().AsNoTracking().Where(m => m.MemberId == member).Select(m => new { m.ContestId, m.TeamId }).Take(50).ToListAsync(ct);
        var list = new List<MyTeamContest>();
        foreach (var t in teams)
        {
            var o = await DetailAsync(t.ContestId, ct);
            if (!o.IsOk) continue;
            var v = o.Value!;
            var team = v.Teams.First(x => x.Id == t.TeamId);
            var line = v.Standings.First(x => x.TeamId == t.TeamId);
            var stages = v.Stages.Select((s, i) => new MyTeamStage(s.Name, s.StartsOn, s.EndsOn, s.WeightPercent, s.Closed,
                s.Closed ? line.StageMarks[i] : null, s.Closed ? line.StagePlaces[i] : null)).ToList();
            list.Add(new MyTeamContest(v.Id, v.Year, v.Name, v.Kind, v.Project, v.Rule, team.Id, team.Name, team.UnitName, team.Members, stages,
                !v.Provisional, v.Provisional ? null : line.Rank, v.Provisional ? null : line.Total, v.Teams.Count));
        }
        return list.OrderByDescending(x => x.Year).ThenBy(x => x.Contest).ToList();
    }

    /// <summary>
    /// A unit of the caller's subtree enters a team of its members (each in a union under that unit, each in no other team of the
    /// contest), while the first stage is not closed. Under a per-contest keyed lock (PostgreSQL advisory lock; SQLite one writer) so two
    /// teams racing for the same member give one team and one 409 (<see cref="KeyedLock"/>).
    /// </summary>
    public async Task<Outcome<TeamContestView>> EnterTeamAsync(Guid contestId, EnterTeamRequest r, CancellationToken ct)
    {
        var c = await db.Set<TeamContest>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == contestId, ct);
        if (c is null) return Outcome<TeamContestView>.NotFound();
        var errors = TeamContestRules.CheckTeam(r.Name, r.MemberIds, c.MinTeamSize, c.MaxTeamSize);
        var scope = await me.ScopePathAsync(ct);
        var unit = r.UnitId is { } uid ? await db.UnitRows().InScope(scope, u => u.Path).FirstOrDefaultAsync(u => u.Id == uid, ct) : null;
        if (unit is null) errors.Add(("unitId", "team.unit"));
        if (errors.Count > 0) return Outcome<TeamContestView>.Invalid(errors);
        var ids = r.MemberIds!.Select(m => m!.Value).ToList();
        var owner = unit!;
        var unitsBelow = db.UnitRows().InScope(owner.Path, u => u.Path).Select(u => u.Id);
        var found = await db.MemberRows().Where(m => ids.Contains(m.Id) && m.Status == MemberStatus.Active && unitsBelow.Contains(m.UnionId))
            .Select(m => new { m.Id, m.Name, m.EnterpriseId }).ToListAsync(ct);
        if (found.Count != ids.Count)
        {
            var first = ids.FindIndex(i => found.All(f => f.Id != i));
            return Outcome<TeamContestView>.Invalid($"memberIds[{first}]", "team.memberOutside");
        }
        // The team's enterprise, for the judges' conflicts: the one all its members work for, if they share one.
        var firms = found.Select(m => m.EnterpriseId).Distinct().ToList();
        var enterprise = firms.Count == 1 ? firms[0] : null;

        // Whether entries are still open is read under the contest's lock, the one the close of a stage and the draw of a judging trade
        // take: a team either enters before them (and is drawn, or must be marked before the close) or is refused.
        var entered = await db.SerializedAsync(ContestKey(contestId), async () =>
        {
            var stages = await db.Set<TeamContestStage>().AsNoTracking().Where(s => s.ContestId == contestId).OrderBy(s => s.Position).ToListAsync(ct);
            if (stages[0].ClosedAt is not null) return Outcome<Guid>.Conflict("team.registrationClosed");
            // Judged: the team enters every stage's trade; entries close when any stage is drawn (the first draw's start order is the teams').
            var tradeIds = stages.Select(s => s.TradeId).OfType<Guid>().ToList();
            var trades = await db.Set<SkillsTrade>().AsNoTracking().Where(t => tradeIds.Contains(t.Id)).ToListAsync(ct);
            if (trades.Any(t => t.Stage != TradeStage.Registration)) return Outcome<Guid>.Conflict("team.registrationClosed");
            var taken = await db.Set<ContestTeamMember>().AsNoTracking().Where(m => m.ContestId == contestId && ids.Contains(m.MemberId))
                .Select(m => m.Name).FirstOrDefaultAsync(ct);
            if (taken is not null) return Outcome<Guid>.Conflict("team.memberTaken", null, taken);
            var team = ContestTeam.Enter(contestId, r.Name!.Trim(), owner.Id, owner.Name, owner.Path, clock.GetUtcNow(), me.Name);
            db.Add(team);
            foreach (var m in found) db.Add(ContestTeamMember.Of(contestId, team.Id, m.Id, m.Name));
            foreach (var trade in trades) db.Add(SkillsEntry.ForTeam(trade, team.Id, team.Name, owner.Id, owner.Path, enterprise, team.RegisteredAt, me.Name));
            await db.SaveChangesAsync(ct);
            return Outcome<Guid>.Ok(team.Id);
        }, ct);
        if (!entered.IsOk) return entered.As<TeamContestView>();
        return await DetailAsync(contestId, ct);
    }

    /// <summary>Enters (or replaces) teams' marks in a stage: all or nothing; the stage must have started and not be closed.</summary>
    public async Task<Outcome<TeamContestView>> MarkStageAsync(Guid contestId, Guid stageId, MarkStageRequest r, CancellationToken ct)
    {
        var stage = await db.Set<TeamContestStage>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == stageId && s.ContestId == contestId, ct);
        if (stage is null) return Outcome<TeamContestView>.NotFound();
        if (stage.TradeId is not null) return Outcome<TeamContestView>.Conflict("stage.judged"); // its judges mark it, on their sheets
        if (r.Marks is null || r.Marks.Count == 0) return Outcome<TeamContestView>.Invalid("marks", "marks.required");
        var teams = await db.Set<ContestTeam>().AsNoTracking().Where(t => t.ContestId == contestId).Select(t => t.Id).ToListAsync(ct);
        var errors = new List<(string Field, string Code)>();
        var seen = new HashSet<Guid>();
        var values = new List<(Guid Team, int Centi)>();
        for (var i = 0; i < r.Marks.Count; i++)
        {
            var m = r.Marks[i];
            if (m?.TeamId is not { } team || !teams.Contains(team)) { errors.Add(($"marks[{i}].teamId", "mark.team")); continue; }
            if (!seen.Add(team)) { errors.Add(($"marks[{i}].teamId", "mark.duplicate")); continue; }
            if (TeamContestRules.ToCenti(m.Mark) is not { } centi) { errors.Add(($"marks[{i}].mark", "mark.value")); continue; }
            values.Add((team, centi));
        }
        if (errors.Count > 0) return Outcome<TeamContestView>.Invalid(errors);
        // Marks, closes and team entries take the contest's keyed lock: a close never lands between a check and its save.
        var saved = await db.SerializedAsync(ContestKey(contestId), async () =>
        {
            var closed = await db.Set<TeamContestStage>().AsNoTracking().AnyAsync(s => s.Id == stageId && s.ClosedAt != null, ct);
            if (TeamContestRules.CanMark(BeijingTime.Today(clock), stage.StartsOn, closed) is { } refusal)
                return Outcome<int>.Conflict(refusal, null, stage.Name, stage.StartsOn.ToString("yyyy-MM-dd"));
            var at = clock.GetUtcNow();
            var existing = await db.Set<TeamStageMark>().Where(x => x.StageId == stageId).ToDictionaryAsync(x => x.TeamId, ct);
            foreach (var (team, centi) in values)
                if (existing.TryGetValue(team, out var mark)) mark.Replace(centi, at, me.Name);
                else db.Add(TeamStageMark.Of(stageId, team, centi, at, me.Name));
            await db.SaveChangesAsync(ct);
            return Outcome<int>.Ok(values.Count);
        }, ct);
        if (!saved.IsOk) return saved.As<TeamContestView>();
        return await DetailAsync(contestId, ct);
    }

    /// <summary>Closes a stage's marks: after its last day, every team marked, the stages before it closed.</summary>
    public async Task<Outcome<TeamContestView>> CloseStageAsync(Guid contestId, Guid stageId, CancellationToken ct)
    {
        if (!await db.Set<TeamContestStage>().AnyAsync(s => s.Id == stageId && s.ContestId == contestId, ct)) return Outcome<TeamContestView>.NotFound();
        var closed = await db.SerializedAsync(ContestKey(contestId), async () =>
        {
            var stages = await db.Set<TeamContestStage>().Where(s => s.ContestId == contestId).OrderBy(s => s.Position).ToListAsync(ct);
            var stage = stages.First(s => s.Id == stageId);
            var teams = await db.Set<ContestTeam>().CountAsync(t => t.ContestId == contestId, ct);
            int marked;
            if (stage.TradeId is { } tradeId)
            {
                // Judged: the stage closes on its trade's sign-off (every team marked by enough judges, no spread above 1, marks locked).
                var trade = await db.Set<SkillsTrade>().AsNoTracking().FirstAsync(t => t.Id == tradeId, ct);
                if (stage.ClosedAt is null && !TeamContestRules.JudgedFinal(trade.Stage)) return Outcome<int>.Conflict("stage.notSignedOff", null, stage.Name);
                marked = teams;
            }
            else marked = await db.Set<TeamStageMark>().CountAsync(m => m.StageId == stageId, ct);
            var earlierOpen = stages.Any(s => s.Position < stage.Position && s.ClosedAt is null);
            if (TeamContestRules.CanClose(BeijingTime.Today(clock), stage.EndsOn, stage.ClosedAt is not null, teams - marked, earlierOpen) is { } refusal)
                return Outcome<int>.Conflict(refusal, null, stage.Name, stage.EndsOn.ToString("yyyy-MM-dd"), teams - marked);
            stage.Close(clock.GetUtcNow(), me.Name);
            await db.SaveChangesAsync(ct);
            return Outcome<int>.Ok(stage.Position);
        }, ct);
        if (!closed.IsOk) return closed.As<TeamContestView>();
        return await DetailAsync(contestId, ct);
    }
}
