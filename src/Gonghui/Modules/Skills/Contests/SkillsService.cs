using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Skills.Contests;
using Gonghui.Modules.Skills.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Skills;

public sealed record CreateContestRequest(string? Code, int? Year, string? Name, ContestKind? Kind, DateOnly? StartsOn, bool? MembersOnly, int? MinAge, int? MaxAge,
    Leniency? Leniency, TieRule? TieRule, long? DrawSeed, int? AppealHours);
public sealed record AspectInput(string? Code, string? Name, AspectKind? Kind, decimal? MaxMark);
public sealed record CreateTradeRequest(string? Code, string? Name, string? OccupationCode, int? QuotaPerUnit, int? Stations, int? TitlePlaces, List<AspectInput>? Aspects);
public sealed record AddJudgeRequest(string? Name, Guid? UnitId, Guid? EnterpriseId, string? UserName, bool? Chief);
public sealed record DeclareConflictRequest(Guid? EntryId, string? Reason);
public sealed record RegisterRequest(Guid? MemberId, Guid? UnitId, string? OccupationCode);
public sealed record MarkInput(Guid? EntryId, Guid? AspectId, decimal? Score);
public sealed record SaveMarksRequest(Guid? JudgeId, List<MarkInput>? Marks);
public sealed record AppealRequest(Guid? EntryId, string? Reason);
public sealed record DecideAppealRequest(bool? Upheld, string? Decision);

/// <summary>A trade with its scheme, judges and the entries the caller may see, in start order.</summary>
public sealed record TradeView(SkillsContest Contest, SkillsTrade Trade, IReadOnlyList<SkillsAspect> Aspects, IReadOnlyList<SkillsJudge> Judges, IReadOnlyList<SkillsEntry> Entries);

/// <summary>One judge's marking sheet: the competitors in start order, the aspects, the judge's own marks and the competitors they may not mark.</summary>
public sealed record MarkingSheet(SkillsTrade Trade, SkillsJudge Judge, IReadOnlyList<SkillsAspect> Aspects, IReadOnlyList<SkillsEntry> Entries,
    IReadOnlyDictionary<(Guid Entry, Guid Aspect), int> Marks, IReadOnlyDictionary<Guid, ConflictReason> Conflicts,
    IReadOnlyDictionary<(Guid Entry, Guid Aspect), int> Spreads);

/// <summary>A trade's results: per competitor, in official place order, with the issues that stand in the way of the sign-off.</summary>
public sealed record TradeResults(SkillsContest Contest, SkillsTrade Trade, IReadOnlyList<SkillsAspect> Aspects, IReadOnlyList<SkillsEntry> Entries,
    TradeResult Result, bool Provisional);

public sealed record SaveMarksResult(int Saved, int Changed);

/// <summary>Skills-contest use cases shared by the API and the pages: contests, trades and schemes, judges and conflicts, registration, draw, marking, sign-off, appeals, results.</summary>
internal sealed class SkillsService(GonghuiDb db, CurrentUser me, TimeProvider clock, IServiceProvider services)
{
    public const int MaxMarksPerSave = 5000;
    private DateTimeOffset Now => clock.GetUtcNow();

    // ---- reading ----

    public Task<List<SkillsContest>> ContestsAsync(int? year, CancellationToken ct) =>
        db.Set<SkillsContest>().AsNoTracking().Where(c => year == null || c.Year == year).OrderByDescending(c => c.Year).ThenBy(c => c.Code).ToListAsync(ct);

    public Task<SkillsContest?> ContestAsync(Guid id, CancellationToken ct) => db.Set<SkillsContest>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);

    public Task<List<SkillsTrade>> TradesAsync(Guid contestId, CancellationToken ct) =>
        db.Set<SkillsTrade>().AsNoTracking().Where(t => t.ContestId == contestId).OrderBy(t => t.Code).ToListAsync(ct);

    public async Task<Dictionary<Guid, int>> EntryCountsAsync(Guid contestId, CancellationToken ct) =>
        await db.Set<SkillsEntry>().AsNoTracking().Where(e => e.ContestId == contestId).GroupBy(e => e.TradeId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);

    /// <summary>Entries the caller may see: all of them for contest managers and judges, those entered by units in scope for union staff.</summary>
    internal async Task<IQueryable<SkillsEntry>> EntriesVisibleAsync(CancellationToken ct)
    {
        var q = db.Set<SkillsEntry>().AsNoTracking();
        if (me.Can(Permissions.SkillsManage) || me.Can(Permissions.SkillsMark)) return q;
        return q.InScope(await me.ScopePathAsync(ct), e => e.UnitPath);
    }

    public async Task<Outcome<TradeView>> TradeAsync(Guid id, CancellationToken ct)
    {
        var trade = await db.Set<SkillsTrade>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (trade is null) return Outcome<TradeView>.NotFound();
        var contest = await db.Set<SkillsContest>().AsNoTracking().FirstAsync(c => c.Id == trade.ContestId, ct);
        var aspects = await AspectsAsync(id, ct);
        var judges = await db.Set<SkillsJudge>().AsNoTracking().Where(j => j.TradeId == id).OrderByDescending(j => j.Chief).ThenBy(j => j.Name).ToListAsync(ct);
        var entries = await (await EntriesVisibleAsync(ct)).Where(e => e.TradeId == id).OrderBy(e => e.StartOrder).ThenBy(e => e.Name).ThenBy(e => e.Id).ToListAsync(ct);
        return Outcome<TradeView>.Ok(new TradeView(contest, trade, aspects, judges, entries));
    }

    private Task<List<SkillsAspect>> AspectsAsync(Guid tradeId, CancellationToken ct) =>
        db.Set<SkillsAspect>().AsNoTracking().Where(a => a.TradeId == tradeId).OrderBy(a => a.Position).ToListAsync(ct);

    /// <summary>The trades where the caller is a judge (their marking sheets).</summary>
    public async Task<List<(SkillsTrade Trade, SkillsJudge Judge)>> MyJudgingAsync(CancellationToken ct)
    {
        var user = me.UserId;
        if (user is null) return [];
        var judges = await db.Set<SkillsJudge>().AsNoTracking().Where(j => j.UserId == user).ToListAsync(ct);
        var ids = judges.Select(j => j.TradeId).ToList();
        var trades = await db.Set<SkillsTrade>().AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        return judges.Where(j => trades.ContainsKey(j.TradeId)).Select(j => (trades[j.TradeId], j)).OrderBy(x => x.Item1.Code).ToList();
    }

    /// <summary>The caller's own entries (a worker), newest contest first.</summary>
    public async Task<List<SkillsEntry>> MyEntriesAsync(CancellationToken ct)
    {
        var member = me.MemberId;
        if (member is null) return [];
        return await db.Set<SkillsEntry>().AsNoTracking().Where(e => e.MemberId == member).OrderByDescending(e => e.RegisteredAt).ToListAsync(ct);
    }

    // ---- contests and trades ----

    public async Task<Outcome<SkillsContest>> CreateContestAsync(CreateContestRequest r, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var code = r.Code?.Trim() ?? "";
        if (code.Length is 0 or > 40) errors.Add(("code", "contest.code"));
        if (r.Year is not (>= 2000 and <= 2100)) errors.Add(("year", "contest.year"));
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Trim().Length > 200) errors.Add(("name", "contest.name"));
        if (r.StartsOn is null) errors.Add(("startsOn", "contest.startsOn"));
        if (r.Kind is { } k && !Enum.IsDefined(k)) errors.Add(("kind", "contest.kind"));
        if (r.Leniency is { } l && !Enum.IsDefined(l)) errors.Add(("leniency", "contest.leniency"));
        if (r.TieRule is { } t && !Enum.IsDefined(t)) errors.Add(("tieRule", "contest.tieRule"));
        if (r.MinAge is < 14 or > 100) errors.Add(("minAge", "contest.age"));
        if (r.MaxAge is < 14 or > 100 || (r.MinAge is { } lo && r.MaxAge is { } hi && hi < lo)) errors.Add(("maxAge", "contest.age"));
        if (r.AppealHours is < 0 or > 24 * 30) errors.Add(("appealHours", "contest.appealHours"));
        if (errors.Count == 0 && await db.Set<SkillsContest>().AnyAsync(c => c.Code == code, ct)) errors.Add(("code", "contest.codeTaken"));
        if (errors.Count > 0) return Outcome<SkillsContest>.Invalid(errors);
        var c = SkillsContest.Create(code, r.Year!.Value, r.Name!.Trim(), r.Kind ?? ContestKind.TradeContest, r.StartsOn!.Value, r.MembersOnly ?? true,
            r.MinAge, r.MaxAge, r.Leniency ?? Leniency.ZScore, r.TieRule ?? TieRule.JudgementFirst, r.DrawSeed ?? r.Year!.Value, r.AppealHours ?? 24, Now);
        db.Add(c);
        await db.SaveChangesAsync(ct);
        return Outcome<SkillsContest>.Ok(c);
    }

    /// <summary>Adds a trade with its marking scheme (aspects worth 100 marks in total), in one transaction.</summary>
    public async Task<Outcome<TradeView>> AddTradeAsync(Guid contestId, CreateTradeRequest r, CancellationToken ct)
    {
        if (!await db.Set<SkillsContest>().AnyAsync(c => c.Id == contestId, ct)) return Outcome<TradeView>.NotFound();
        var errors = new List<(string, string)>();
        var code = r.Code?.Trim() ?? "";
        if (code.Length is 0 or > 20) errors.Add(("code", "trade.code"));
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Trim().Length > 100) errors.Add(("name", "trade.name"));
        var occupation = string.IsNullOrWhiteSpace(r.OccupationCode) ? null : r.OccupationCode.Trim();
        if (occupation is not null && !EligibilityRules.IsOccupationCode(occupation)) errors.Add(("occupationCode", "entry.occupationFormat"));
        if (r.QuotaPerUnit is not (>= 1 and <= 1000)) errors.Add(("quotaPerUnit", "trade.quota"));
        if (r.Stations is not (null or (>= 1 and <= 1000))) errors.Add(("stations", "trade.stations"));
        if (r.TitlePlaces is < 0 or > 1000) errors.Add(("titlePlaces", "trade.titlePlaces"));
        var inputs = r.Aspects ?? [];
        var specs = new List<AspectSpec>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var a = inputs[i];
            if (string.IsNullOrWhiteSpace(a.Name) || a.Name.Trim().Length > 200) errors.Add(($"aspects[{i}].name", "scheme.aspectName"));
            var centi = a.MaxMark is { } m ? MarkingScheme.ToCenti(m) : null;
            specs.Add(new AspectSpec(a.Code?.Trim() ?? "", a.Kind ?? (AspectKind)(-1), centi ?? 0));
        }
        errors.AddRange(MarkingScheme.Check(specs));
        if (errors.Count == 0 && await db.Set<SkillsTrade>().AnyAsync(t => t.ContestId == contestId && t.Code == code, ct)) errors.Add(("code", "trade.codeTaken"));
        if (errors.Count > 0) return Outcome<TradeView>.Invalid(errors);
        var trade = SkillsTrade.Create(contestId, code, r.Name!.Trim(), occupation, r.QuotaPerUnit!.Value, r.Stations ?? 20, r.TitlePlaces ?? 3);
        db.Add(trade);
        for (var i = 0; i < specs.Count; i++) db.Add(SkillsAspect.Create(trade.Id, i + 1, specs[i].Code, inputs[i].Name!.Trim(), specs[i].Kind, specs[i].MaxCenti));
        await db.SaveChangesAsync(ct);
        return await TradeAsync(trade.Id, ct);
    }

    // ---- judges and conflicts ----

    public async Task<Outcome<SkillsJudge>> AddJudgeAsync(Guid tradeId, AddJudgeRequest r, CancellationToken ct)
    {
        var trade = await db.Set<SkillsTrade>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == tradeId, ct);
        if (trade is null) return Outcome<SkillsJudge>.NotFound();
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Trim().Length > 100) errors.Add(("name", "judge.name"));
        if (r.UnitId is not { } unit || !await db.UnitRows().AnyAsync(u => u.Id == unit, ct)) errors.Add(("unitId", "judge.unit"));
        Guid? userId = null;
        if (!string.IsNullOrWhiteSpace(r.UserName))
        {
            var user = await services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>().FindByNameAsync(r.UserName.Trim());
            if (user is null) errors.Add(("userName", "judge.user"));
            else if (await db.Set<SkillsJudge>().AnyAsync(j => j.TradeId == tradeId && j.UserId == user.Id, ct)) errors.Add(("userName", "judge.userTaken"));
            else userId = user.Id;
        }
        if (errors.Count > 0) return Outcome<SkillsJudge>.Invalid(errors);
        var judge = SkillsJudge.Create(tradeId, r.Name!.Trim(), r.UnitId!.Value, r.EnterpriseId, userId, r.Chief ?? false);
        db.Add(judge);
        await db.SaveChangesAsync(ct);
        return Outcome<SkillsJudge>.Ok(judge);
    }

    /// <summary>The judge record the caller may act as: their own, or any judge's for a contest manager (entering paper sheets).</summary>
    private async Task<SkillsJudge?> ActingJudgeAsync(Guid tradeId, Guid judgeId, CancellationToken ct)
    {
        var judge = await db.Set<SkillsJudge>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == judgeId && j.TradeId == tradeId, ct);
        if (judge is null) return null;
        return me.Can(Permissions.SkillsManage) || (judge.UserId is { } u && u == me.UserId) ? judge : null;
    }

    public async Task<Outcome<SkillsConflict>> DeclareConflictAsync(Guid tradeId, Guid judgeId, DeclareConflictRequest r, CancellationToken ct)
    {
        var judge = await ActingJudgeAsync(tradeId, judgeId, ct);
        if (judge is null) return Outcome<SkillsConflict>.NotFound();
        var reason = r.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > 200) return Outcome<SkillsConflict>.Invalid("reason", "conflict.reason");
        if (r.EntryId is not { } entryId || !await db.Set<SkillsEntry>().AnyAsync(e => e.Id == entryId && e.TradeId == tradeId, ct))
            return Outcome<SkillsConflict>.Invalid("entryId", "conflict.entry");
        if (await db.Set<SkillsConflict>().AnyAsync(c => c.JudgeId == judgeId && c.EntryId == entryId, ct)) return Outcome<SkillsConflict>.Conflict("conflict.already");
        var c = SkillsConflict.Create(judgeId, entryId, reason, Now);
        db.Add(c);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Scores the judge already gave this competitor no longer count: the declaration takes them away.
        await db.Set<SkillsMark>().Where(m => m.EntryId == entryId && m.JudgeKey == judgeId).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<SkillsConflict>.Ok(c);
    }

    // ---- registration and draw ----

    public async Task<Outcome<SkillsEntry>> RegisterAsync(Guid tradeId, RegisterRequest r, CancellationToken ct)
    {
        var trade = await db.Set<SkillsTrade>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == tradeId, ct);
        if (trade is null) return Outcome<SkillsEntry>.NotFound();
        if (trade.Stage != TradeStage.Registration) return Outcome<SkillsEntry>.Conflict("entry.closed");
        var contest = await db.Set<SkillsContest>().AsNoTracking().FirstAsync(c => c.Id == trade.ContestId, ct);
        if (contest.TeamContestId is not null) return Outcome<SkillsEntry>.Conflict("entry.teamsOnly"); // its entries are the team contest's teams
        var scope = await me.ScopePathAsync(ct);
        var unit = r.UnitId is { } uid ? await db.UnitRows().InScope(scope, u => u.Path).FirstOrDefaultAsync(u => u.Id == uid, ct) : null;
        if (unit is null) return Outcome<SkillsEntry>.Invalid("unitId", "entry.unit");
        var member = r.MemberId is { } mid ? await db.MemberRows().FirstOrDefaultAsync(m => m.Id == mid, ct) : null;
        // The member must belong to a union under the entering unit (which is in the caller's scope).
        if (member is null || !await db.UnitRows().InScope(unit.Path, u => u.Path).AnyAsync(u => u.Id == member.UnionId, ct))
            return Outcome<SkillsEntry>.Invalid("memberId", "entry.member");
        var occupation = string.IsNullOrWhiteSpace(r.OccupationCode) ? null : r.OccupationCode.Trim();
        var born = await BirthDateAsync(member.Id, ct);
        // The unit's quota is counted and the entry inserted under the trade's entries lock, the one the draw takes: two registrations
        // racing for the last place cannot both count the same number of entries, and no entry lands after the draw (without a start order).
        return await db.SerializedAsync(EntriesKey(contest, tradeId), async () =>
        {
            if (await db.Set<SkillsTrade>().AsNoTracking().AnyAsync(t => t.Id == tradeId && t.Stage != TradeStage.Registration, ct))
                return Outcome<SkillsEntry>.Conflict("entry.closed");
            var soFar = await db.Set<SkillsEntry>().CountAsync(e => e.TradeId == tradeId && e.EnteringUnitId == unit.Id, ct);
            var already = await db.Set<SkillsEntry>().AnyAsync(e => e.ContestId == contest.Id && e.MemberId == member.Id, ct);
            var errors = EligibilityRules.Check(
                new EntryTerms(contest.MembersOnly, contest.MinAge, contest.MaxAge, contest.StartsOn, trade.OccupationCode, trade.QuotaPerUnit),
                new Candidate(member.Status == MemberStatus.Active, born, occupation, soFar, already));
            if (errors.Count > 0) return Outcome<SkillsEntry>.Invalid(errors);
            var entry = SkillsEntry.Create(trade, member.Id, member.Name, unit.Id, unit.Path, member.UnionId, member.EnterpriseId, occupation, Now, me.Name);
            db.Add(entry);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException)
            {
                db.Entry(entry).State = EntityState.Detached;
                return Outcome<SkillsEntry>.Invalid("memberId", "entry.duplicate");
            }
            return Outcome<SkillsEntry>.Ok(entry);
        }, ct);
    }

    /// <summary>
    /// The lock (<see cref="KeyedLock"/>, on every node) under which a trade's entries are checked and written and under which its draw
    /// reads them and closes the registration: one per trade; for the trades of a team contest's judging contest, the team contest's own
    /// key (<see cref="TeamEntriesKey"/>), which its team entries, stage marks and closes take, so a team cannot enter after any stage's draw.
    /// </summary>
    internal static string EntriesKey(SkillsContest contest, Guid tradeId) =>
        contest.TeamContestId is { } team ? TeamEntriesKey(team) : $"skills-entries:{tradeId}";

    /// <summary>The lock of a team contest: its team entries, its stages' marks and closes, the draws of its judging trades.</summary>
    internal static string TeamEntriesKey(Guid teamContestId) => "skills:team-contest:" + teamContestId;

    private Task<DateOnly> BirthDateAsync(Guid memberId, CancellationToken ct) =>
        db.MemberBirths().Where(b => b.Id == memberId).Select(b => b.BirthDate).FirstAsync(ct);

    /// <summary>Closes registration and draws start order and stations from the contest's seed.</summary>
    /// <remarks>Under the trade's entries lock (<see cref="EntriesKey"/>), the stage and the entries read inside it: an entry (a member's,
    /// or a team's of a team contest) either lands before the draw and is drawn, or is refused as closed; never one left without a start order.</remarks>
    public async Task<Outcome<TradeView>> DrawAsync(Guid tradeId, CancellationToken ct)
    {
        var found = await db.Set<SkillsTrade>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == tradeId, ct);
        if (found is null) return Outcome<TradeView>.NotFound();
        var contest = await db.Set<SkillsContest>().AsNoTracking().FirstAsync(c => c.Id == found.ContestId, ct);
        var drawn = await db.SerializedAsync(EntriesKey(contest, tradeId), async () =>
        {
            var trade = await db.Set<SkillsTrade>().FirstAsync(t => t.Id == tradeId, ct);
            if (trade.Stage != TradeStage.Registration) return Outcome<int>.Conflict("draw.already");
            var entries = await db.Set<SkillsEntry>().Where(e => e.TradeId == tradeId).ToListAsync(ct);
            if (entries.Count == 0) return Outcome<int>.Conflict("draw.noEntries");
            var byId = entries.ToDictionary(e => e.Id);
            foreach (var slot in DrawRules.Draw(byId.Keys, contest.DrawSeed, trade.Code, trade.Stations)) byId[slot.Entry].Place(slot);
            trade.Drawn(Now);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { return Outcome<int>.Conflict("marks.busy"); }
            return Outcome<int>.Ok(entries.Count);
        }, ct);
        if (!drawn.IsOk)
        {
            db.ChangeTracker.Clear();
            return drawn.As<TradeView>();
        }
        return await TradeAsync(tradeId, ct);
    }

    // ---- marking ----

    public async Task<Outcome<MarkingSheet>> SheetAsync(Guid tradeId, Guid judgeId, CancellationToken ct)
    {
        var trade = await db.Set<SkillsTrade>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == tradeId, ct);
        if (trade is null) return Outcome<MarkingSheet>.NotFound();
        var judge = await ActingJudgeAsync(tradeId, judgeId, ct);
        if (judge is null) return Outcome<MarkingSheet>.NotFound();
        var aspects = await AspectsAsync(tradeId, ct);
        var entries = await db.Set<SkillsEntry>().AsNoTracking().Where(e => e.TradeId == tradeId).OrderBy(e => e.StartOrder).ThenBy(e => e.Id).ToListAsync(ct);
        var all = await db.Set<SkillsMark>().AsNoTracking().Where(m => m.TradeId == tradeId)
            .Select(m => new { m.EntryId, m.AspectId, m.JudgeKey, m.Centi }).ToListAsync(ct);
        var marks = all.Where(m => m.JudgeKey == judgeId || m.JudgeKey == Guid.Empty).ToDictionary(m => (m.EntryId, m.AspectId), m => m.Centi);
        var spreads = all.Where(m => m.JudgeKey != Guid.Empty).GroupBy(m => (m.EntryId, m.AspectId))
            .ToDictionary(g => g.Key, g => MarkRules.Spread(g.Select(m => m.Centi).ToList()));
        var ties = await TiesAsync(judge, ct);
        var conflicts = entries.Select(e => (e.Id, Reason: ConflictRules.Of(ties, e.Ties()))).Where(x => x.Reason is not null)
            .ToDictionary(x => x.Id, x => x.Reason!.Value);
        return Outcome<MarkingSheet>.Ok(new MarkingSheet(trade, judge, aspects, entries, marks, conflicts, spreads));
    }

    private async Task<JudgeTies> TiesAsync(SkillsJudge judge, CancellationToken ct) =>
        new(judge.UnitId, judge.EnterpriseId,
            (await db.Set<SkillsConflict>().AsNoTracking().Where(c => c.JudgeId == judge.Id).Select(c => c.EntryId).ToListAsync(ct)).ToHashSet());

    /// <summary>
    /// Saves a judge's marks (one competitor or a whole sheet) all or nothing: every mark is checked first (the scale, the aspect's
    /// maximum, conflicts, the trade's stage), then written in one SaveChanges guarded by the trade's version, so a sign-off racing
    /// the save wins cleanly and the save answers "locked".
    /// </summary>
    public async Task<Outcome<SaveMarksResult>> SaveMarksAsync(Guid tradeId, SaveMarksRequest r, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try { return await SaveMarksOnceAsync(tradeId, r, ct); }
            catch (DbUpdateException)
            {
                // Another sheet (or the sign-off) moved the trade on first: read again and re-check, a few times.
                db.ChangeTracker.Clear();
                if (attempt >= 3) return Outcome<SaveMarksResult>.Conflict("marks.busy");
            }
        }
    }

    private async Task<Outcome<SaveMarksResult>> SaveMarksOnceAsync(Guid tradeId, SaveMarksRequest r, CancellationToken ct)
    {
        var trade = await db.Set<SkillsTrade>().FirstOrDefaultAsync(t => t.Id == tradeId, ct);
        if (trade is null) return Outcome<SaveMarksResult>.NotFound();
        if (StageRules.MarkingRefusal(trade.Stage) is { } refusal) return Outcome<SaveMarksResult>.Conflict(refusal);
        if (r.JudgeId is not { } judgeId) return Outcome<SaveMarksResult>.Invalid("judgeId", "marks.judge");
        var judge = await ActingJudgeAsync(tradeId, judgeId, ct);
        if (judge is null) return Outcome<SaveMarksResult>.NotFound();
        var inputs = r.Marks ?? [];
        if (inputs.Count == 0) return Outcome<SaveMarksResult>.Invalid("marks", "marks.empty");
        if (inputs.Count > MaxMarksPerSave) return Outcome<SaveMarksResult>.Invalid("marks", "marks.tooMany");
        var aspects = (await AspectsAsync(tradeId, ct)).ToDictionary(a => a.Id);
        var entryIds = inputs.Select(m => m.EntryId).OfType<Guid>().Distinct().ToList();
        var entries = await db.Set<SkillsEntry>().AsNoTracking().Where(e => e.TradeId == tradeId && entryIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var ties = await TiesAsync(judge, ct);
        var errors = new List<(string, string)>();
        var valid = new List<(SkillsEntry Entry, SkillsAspect Aspect, int Centi)>();
        var seen = new HashSet<(Guid, Guid)>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var m = inputs[i];
            if (m.EntryId is not { } eid || !entries.TryGetValue(eid, out var entry)) { errors.Add(($"marks[{i}].entryId", "marks.entry")); continue; }
            if (m.AspectId is not { } aid || !aspects.TryGetValue(aid, out var aspect)) { errors.Add(($"marks[{i}].aspectId", "marks.aspect")); continue; }
            if (!seen.Add((eid, aid))) { errors.Add(($"marks[{i}]", "marks.duplicate")); continue; }
            if (ConflictRules.Of(ties, entry.Ties()) is { } why) { errors.Add(($"marks[{i}].entryId", "marks.conflict." + why)); continue; }
            var centi = m.Score is { } s ? MarkingScheme.ToCenti(s) : null;
            if (centi is null) { errors.Add(($"marks[{i}].score", aspect.Kind == AspectKind.Judgement ? "marks.judgementScale" : "marks.aboveMax")); continue; }
            if (MarkRules.Refusal(aspect.Spec(), centi.Value) is { } code) { errors.Add(($"marks[{i}].score", code)); continue; }
            valid.Add((entry, aspect, centi.Value));
        }
        if (errors.Count > 0) return Outcome<SaveMarksResult>.Invalid(errors);

        var existing = await db.Set<SkillsMark>().Where(x => x.TradeId == tradeId && entryIds.Contains(x.EntryId) && (x.JudgeKey == judgeId || x.JudgeKey == Guid.Empty))
            .ToListAsync(ct);
        var byKey = existing.ToDictionary(x => (x.EntryId, x.AspectId, x.JudgeKey));
        var now = Now;
        int saved = 0, changed = 0;
        foreach (var (entry, aspect, centi) in valid)
        {
            var key = aspect.Kind == AspectKind.Judgement ? judgeId : Guid.Empty;
            if (byKey.TryGetValue((entry.Id, aspect.Id, key), out var mark))
            {
                if (mark.Centi != centi) { mark.Change(centi, judgeId, now); changed++; }
            }
            else { db.Add(SkillsMark.Create(tradeId, entry.Id, aspect.Id, key, judgeId, centi, now)); saved++; }
        }
        trade.Touch();
        await db.SaveChangesAsync(ct);
        return Outcome<SaveMarksResult>.Ok(new SaveMarksResult(saved, changed));
    }

    // ---- results, sign-off, appeals, publication ----

    /// <summary>A trade's results computed from its marks (<see cref="ResultRules.Compute"/>); provisional until published.</summary>
    public async Task<Outcome<TradeResults>> ResultsAsync(Guid tradeId, CancellationToken ct)
    {
        var trade = await db.Set<SkillsTrade>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == tradeId, ct);
        if (trade is null) return Outcome<TradeResults>.NotFound();
        if (trade.Stage != TradeStage.Published && !me.Can(Permissions.SkillsManage)) return Outcome<TradeResults>.Conflict("results.notPublished");
        var contest = await db.Set<SkillsContest>().AsNoTracking().FirstAsync(c => c.Id == trade.ContestId, ct);
        var (aspects, entries, result) = await ComputeAsync(contest, trade, ct);
        return Outcome<TradeResults>.Ok(new TradeResults(contest, trade, aspects, entries, result, trade.Stage != TradeStage.Published));
    }

    /// <summary>Every trade of a contest computed at once (the bench's "full results"): one read of all marks.</summary>
    public async Task<Outcome<List<TradeResults>>> ContestResultsAsync(Guid contestId, CancellationToken ct)
    {
        var contest = await db.Set<SkillsContest>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == contestId, ct);
        if (contest is null) return Outcome<List<TradeResults>>.NotFound();
        if (!me.Can(Permissions.SkillsManage)) return Outcome<List<TradeResults>>.Conflict("results.notPublished");
        var trades = await TradesAsync(contestId, ct);
        var aspects = (await db.Set<SkillsAspect>().AsNoTracking().Where(a => trades.Select(t => t.Id).Contains(a.TradeId)).ToListAsync(ct))
            .GroupBy(a => a.TradeId).ToDictionary(g => g.Key, g => g.OrderBy(a => a.Position).ToList());
        var entries = (await db.Set<SkillsEntry>().AsNoTracking().Where(e => e.ContestId == contestId).ToListAsync(ct))
            .GroupBy(e => e.TradeId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.StartOrder).ThenBy(e => e.Id).ToList());
        var tradeIds = trades.Select(t => t.Id).ToList();
        var marks = await db.Set<SkillsMark>().AsNoTracking().Where(m => tradeIds.Contains(m.TradeId))
            .Select(m => new MarkRow(m.TradeId, m.EntryId, m.AspectId, m.JudgeKey, m.Centi)).ToListAsync(ct);
        var byTrade = marks.GroupBy(m => m.TradeId).ToDictionary(g => g.Key, g => g.ToList());
        var list = new List<TradeResults>();
        foreach (var t in trades)
        {
            var a = aspects.GetValueOrDefault(t.Id) ?? [];
            var e = entries.GetValueOrDefault(t.Id) ?? [];
            list.Add(new TradeResults(contest, t, a, e, Compute(contest, t, a, e, byTrade.GetValueOrDefault(t.Id) ?? []), t.Stage != TradeStage.Published));
        }
        return Outcome<List<TradeResults>>.Ok(list);
    }

    internal sealed record MarkRow(Guid TradeId, Guid EntryId, Guid AspectId, Guid JudgeKey, int Centi);

    internal async Task<(List<SkillsAspect>, List<SkillsEntry>, TradeResult)> ComputeAsync(SkillsContest contest, SkillsTrade trade, CancellationToken ct)
    {
        var aspects = await AspectsAsync(trade.Id, ct);
        var entries = await db.Set<SkillsEntry>().AsNoTracking().Where(e => e.TradeId == trade.Id).OrderBy(e => e.StartOrder).ThenBy(e => e.Id).ToListAsync(ct);
        var marks = await db.Set<SkillsMark>().AsNoTracking().Where(m => m.TradeId == trade.Id)
            .Select(m => new MarkRow(m.TradeId, m.EntryId, m.AspectId, m.JudgeKey, m.Centi)).ToListAsync(ct);
        return (aspects, entries, Compute(contest, trade, aspects, entries, marks));
    }

    private static TradeResult Compute(SkillsContest contest, SkillsTrade trade, List<SkillsAspect> aspects, List<SkillsEntry> entries, List<MarkRow> marks)
    {
        var entryIndex = new Dictionary<Guid, int>(entries.Count);
        for (var i = 0; i < entries.Count; i++) entryIndex[entries[i].Id] = i;
        var aspectIndex = new Dictionary<Guid, int>(aspects.Count);
        for (var i = 0; i < aspects.Count; i++) aspectIndex[aspects[i].Id] = i;
        var judgeIndex = new Dictionary<Guid, int>();
        var scores = new Score[marks.Count];
        var n = 0;
        foreach (var m in marks)
        {
            if (!entryIndex.TryGetValue(m.EntryId, out var e) || !aspectIndex.TryGetValue(m.AspectId, out var a)) continue;
            int j = -1;
            if (m.JudgeKey != Guid.Empty && !judgeIndex.TryGetValue(m.JudgeKey, out j)) judgeIndex[m.JudgeKey] = j = judgeIndex.Count;
            scores[n++] = new Score(e, a, j, m.Centi);
        }
        return ResultRules.Compute(aspects.Select(a => a.Spec()).ToList(), entries.Count, new ArraySegment<Score>(scores, 0, n),
            new ResultOptions(contest.Leniency, contest.TieRule, trade.TitlePlaces));
    }

    /// <summary>Signs the marks off (locks them) when every aspect of every competitor is marked by enough judges and no spread exceeds 1.</summary>
    public async Task<Outcome<SkillsTrade>> SignOffAsync(Guid tradeId, CancellationToken ct)
    {
        var trade = await db.Set<SkillsTrade>().FirstOrDefaultAsync(t => t.Id == tradeId, ct);
        if (trade is null) return Outcome<SkillsTrade>.NotFound();
        if (trade.Stage == TradeStage.Registration) return Outcome<SkillsTrade>.Conflict("marks.notDrawn");
        if (trade.Stage != TradeStage.Drawn) return Outcome<SkillsTrade>.Conflict("signoff.already");
        var contest = await db.Set<SkillsContest>().AsNoTracking().FirstAsync(c => c.Id == trade.ContestId, ct);
        var (aspects, entries, result) = await ComputeAsync(contest, trade, ct);
        if (result.Issues.Count > 0)
        {
            var first = result.Issues[0];
            return Outcome<SkillsTrade>.Conflict("signoff.incomplete", null, result.Issues.Count, entries[first.Entry].Name, aspects[first.Aspect].Code,
                "signoff.issue." + first.Kind);
        }
        trade.SignOff(Now, me.Name, contest.AppealHours);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<SkillsTrade>.Conflict("marks.busy"); }
        return Outcome<SkillsTrade>.Ok(trade);
    }

    public async Task<Outcome<SkillsAppeal>> FileAppealAsync(Guid tradeId, AppealRequest r, CancellationToken ct)
    {
        var trade = await db.Set<SkillsTrade>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == tradeId, ct);
        if (trade is null) return Outcome<SkillsAppeal>.NotFound();
        var entry = r.EntryId is { } eid ? await (await EntriesVisibleAsync(ct)).FirstOrDefaultAsync(e => e.Id == eid && e.TradeId == tradeId, ct) : null;
        if (entry is null) return Outcome<SkillsAppeal>.Invalid("entryId", "appeal.entry");
        var reason = r.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > 1000) return Outcome<SkillsAppeal>.Invalid("reason", "appeal.reason");
        if (StageRules.AppealRefusal(trade.Stage, Now, trade.AppealsCloseAt) is { } refusal) return Outcome<SkillsAppeal>.Conflict(refusal);
        var appeal = SkillsAppeal.File(tradeId, entry.Id, reason, Now, me.Name);
        db.Add(appeal);
        await db.SaveChangesAsync(ct);
        return Outcome<SkillsAppeal>.Ok(appeal);
    }

    public Task<List<SkillsAppeal>> AppealsAsync(Guid tradeId, CancellationToken ct) =>
        db.Set<SkillsAppeal>().AsNoTracking().Where(a => a.TradeId == tradeId).OrderBy(a => a.FiledAt).ToListAsync(ct);

    /// <summary>Decides an appeal; an upheld one reopens the trade's marking for correction (then a new sign-off and a new window).</summary>
    public async Task<Outcome<SkillsAppeal>> DecideAppealAsync(Guid appealId, DecideAppealRequest r, CancellationToken ct)
    {
        var appeal = await db.Set<SkillsAppeal>().FirstOrDefaultAsync(a => a.Id == appealId, ct);
        if (appeal is null) return Outcome<SkillsAppeal>.NotFound();
        if (r.Upheld is null) return Outcome<SkillsAppeal>.Invalid("upheld", "appeal.upheld");
        var decision = r.Decision?.Trim() ?? "";
        if (decision.Length is 0 or > 1000) return Outcome<SkillsAppeal>.Invalid("decision", "appeal.decision");
        if (appeal.Status != AppealStatus.Open) return Outcome<SkillsAppeal>.Conflict("appeal.decided");
        var trade = await db.Set<SkillsTrade>().FirstAsync(t => t.Id == appeal.TradeId, ct);
        appeal.Decide(r.Upheld.Value, decision, Now, me.Name);
        if (r.Upheld.Value && trade.Stage == TradeStage.SignedOff) trade.Reopen();
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<SkillsAppeal>.Conflict("marks.busy"); }
        return Outcome<SkillsAppeal>.Ok(appeal);
    }

    public async Task<Outcome<SkillsTrade>> PublishAsync(Guid tradeId, CancellationToken ct)
    {
        var trade = await db.Set<SkillsTrade>().FirstOrDefaultAsync(t => t.Id == tradeId, ct);
        if (trade is null) return Outcome<SkillsTrade>.NotFound();
        var open = await db.Set<SkillsAppeal>().CountAsync(a => a.TradeId == tradeId && a.Status == AppealStatus.Open, ct);
        if (StageRules.PublishRefusal(trade.Stage, Now, trade.AppealsCloseAt, open) is { } refusal)
            return Outcome<SkillsTrade>.Conflict(refusal, null, trade.AppealsCloseAt is { } c ? BeijingTime.Format(c) : "");
        trade.Publish(Now);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<SkillsTrade>.Conflict("marks.busy"); }
        return Outcome<SkillsTrade>.Ok(trade);
    }
}
