using Gonghui.Modules.ModelWorkers.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Skills.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.ModelWorkers.Contest;

public sealed record CreateContestRequest(string? Name, int? Year, int? SemiFinalists, int? Finalists, int? EntriesPerUnit, JudgingCorrection? Correction, JudgingTieRule? Tie);
public sealed record EnterRequest(Guid? MemberId, string? Title, Guid? UnitId);
public sealed record AddJudgeRequest(string? Name, ContestRound? Round, Guid? UnitId, Guid? EnterpriseId);
public sealed record DeclareRequest(Guid? EntryId);
public sealed record ScoreLine(Guid? EntryId, int? Criterion, decimal? Score);
public sealed record SaveScoresRequest(List<ScoreLine>? Scores);

public sealed record ContestView(Guid Id, string Name, int Year, int SemiFinalists, int Finalists, int EntriesPerUnit, JudgingCorrection Correction,
    JudgingTieRule Tie, ContestRound Round, bool Finished, int Entries);
public sealed record EntryView(Guid Id, Guid MemberId, string SpeakerName, string Title, Guid UnitId, string UnitName, ContestRound Reached,
    int? PreliminaryPlace, int? SemiFinalPlace, int? FinalPlace, decimal? FinalTotal, Prize Prize, string? CertificateNo);
public sealed record JudgeView(Guid Id, ContestRound Round, string Name, Guid UnitId, int Declared);
public sealed record ResultRow(Guid EntryId, string SpeakerName, string Title, decimal RawTotal, decimal StdTotal, int RawRank, int StdRank, int Place, int MaxSpread);
public sealed record RoundResults(ContestRound Round, IReadOnlyList<ResultRow> Rows, int OpenCells, int Scores);
public sealed record ContestDetail(ContestView Contest, IReadOnlyList<EntryView> Entries, IReadOnlyList<JudgeView> Judges, RoundResults? Current);
public sealed record Certificate(string ContestName, int Year, string SpeakerName, string UnitName, string Title, Prize Prize, int Place, string CertificateNo);

/// <summary>
/// The speech contest 八小时约定: entries from units, three rounds each judged by its own panel with the skills contests'
/// judging (Skills.Public.Judging: 0–3 judgement scores, conflicts of interest, leniency correction, tie rule), the best going
/// through, prizes and certificates after the final.
/// </summary>
internal sealed class ContestService(GonghuiDb db, CurrentUser me, TimeProvider clock)
{
    private static readonly SemaphoreSlim SqliteGate = new(1, 1);

    public static readonly IReadOnlyList<JudgedCriterion> Criteria = ContestRules.Criteria.Select(c => new JudgedCriterion(c.Code, c.MaxCenti)).ToList();

    private IQueryable<ContestView> Views(IQueryable<SpeechContest> q) => q.Select(c => new ContestView(c.Id, c.Name, c.Year, c.SemiFinalists, c.Finalists,
        c.EntriesPerUnit, c.Correction, c.Tie, c.Round, c.Finished, db.Set<SpeechEntry>().Count(e => e.ContestId == c.Id)));

    public Task<List<ContestView>> ContestsAsync(CancellationToken ct) =>
        Views(db.Set<SpeechContest>().AsNoTracking().OrderByDescending(c => c.Year).ThenBy(c => c.Name).Take(100)).ToListAsync(ct);

    public async Task<Outcome<ContestView>> CreateAsync(CreateContestRequest r, CancellationToken ct)
    {
        var errors = ContestRules.CheckContest(r.Name, r.Year, r.SemiFinalists, r.Finalists, r.EntriesPerUnit, BeijingTime.Today(clock).Year);
        if (r.Correction is { } c && !Enum.IsDefined(c)) errors.Add(("correction", "contest.correction"));
        if (r.Tie is { } t && !Enum.IsDefined(t)) errors.Add(("tie", "contest.tie"));
        if (errors.Count > 0) return Outcome<ContestView>.Invalid(errors);
        var contest = SpeechContest.Create(r.Name!, r.Year!.Value, r.SemiFinalists!.Value, r.Finalists!.Value, r.EntriesPerUnit!.Value,
            r.Correction ?? JudgingCorrection.ZScore, r.Tie ?? JudgingTieRule.JudgementFirst, clock.GetUtcNow());
        db.Add(contest);
        await db.SaveChangesAsync(ct);
        return Outcome<ContestView>.Ok(await Views(db.Set<SpeechContest>().AsNoTracking().Where(x => x.Id == contest.Id)).FirstAsync(ct));
    }

    public const string SetUpClosed = "contest.setUpClosed";

    /// <summary>
    /// Changes a contest's set-up (the same fields and checks as creating it) while its preliminary round is open: afterwards the
    /// places already drawn depend on it (409 <c>contest.setUpClosed</c>). A quota under what a unit has already entered is
    /// refused (400 <c>entriesPerUnit</c>): entries are not withdrawn by an edit.
    /// </summary>
    public async Task<Outcome<ContestView>> UpdateAsync(Guid id, CreateContestRequest r, CancellationToken ct)
    {
        var contest = await db.Set<SpeechContest>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contest is null) return Outcome<ContestView>.NotFound();
        if (contest.Finished || contest.Round != ContestRound.Preliminary) return Outcome<ContestView>.Conflict(SetUpClosed);
        var errors = ContestRules.CheckContest(r.Name, r.Year, r.SemiFinalists, r.Finalists, r.EntriesPerUnit, BeijingTime.Today(clock).Year);
        if (r.Correction is { } c && !Enum.IsDefined(c)) errors.Add(("correction", "contest.correction"));
        if (r.Tie is { } t && !Enum.IsDefined(t)) errors.Add(("tie", "contest.tie"));
        if (r.EntriesPerUnit is { } quota && errors.All(e => e.Field != "entriesPerUnit"))
        {
            var most = await db.Set<SpeechEntry>().Where(e => e.ContestId == id).GroupBy(e => e.UnitId).Select(g => g.Count()).OrderByDescending(n => n).FirstOrDefaultAsync(ct);
            if (quota < most) errors.Add(("entriesPerUnit", "contest.quotaBelowEntries"));
        }
        if (errors.Count > 0) return Outcome<ContestView>.Invalid(errors);
        contest.Edit(r.Name!, r.Year!.Value, r.SemiFinalists!.Value, r.Finalists!.Value, r.EntriesPerUnit!.Value, r.Correction ?? contest.Correction, r.Tie ?? contest.Tie);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<ContestView>.Conflict(SetUpClosed); }
        return Outcome<ContestView>.Ok(await Views(db.Set<SpeechContest>().AsNoTracking().Where(x => x.Id == id)).FirstAsync(ct));
    }

    private IQueryable<EntryView> Entries(IQueryable<SpeechEntry> q) =>
        from e in q
        join u in db.UnitRows() on e.UnitId equals u.Id
        select new EntryView(e.Id, e.MemberId, e.SpeakerName, e.Title, e.UnitId, u.Name, e.Reached, e.PreliminaryPlace, e.SemiFinalPlace, e.FinalPlace,
            e.FinalTotal, e.Prize, e.CertificateNo);

    /// <summary>The contest with the entries in the caller's scope (a manager's scope is the city), the judges and the current round's results.</summary>
    public async Task<Outcome<ContestDetail>> DetailAsync(Guid id, CancellationToken ct)
    {
        var c = await Views(db.Set<SpeechContest>().AsNoTracking().Where(x => x.Id == id)).FirstOrDefaultAsync(ct);
        if (c is null) return Outcome<ContestDetail>.NotFound();
        var entries = await Entries(db.Set<SpeechEntry>().AsNoTracking().Where(e => e.ContestId == id).InScope(await me.ScopePathAsync(ct), e => e.ScopePath)
            .OrderByDescending(e => e.Reached).ThenBy(e => e.FinalPlace ?? e.SemiFinalPlace ?? e.PreliminaryPlace ?? int.MaxValue).ThenBy(e => e.SpeakerName).Take(1000)).ToListAsync(ct);
        var judges = await db.Set<SpeechJudge>().AsNoTracking().Where(j => j.ContestId == id).OrderBy(j => j.Round).ThenBy(j => j.Name).ToListAsync(ct);
        var current = c.Finished ? null : await ResultsOfAsync(id, c.Round, ct);
        return Outcome<ContestDetail>.Ok(new ContestDetail(c, entries, judges.Select(j => new JudgeView(j.Id, j.Round, j.Name, j.UnitId, j.DeclaredEntries.Count)).ToList(), current));
    }

    /// <summary>A unit in scope enters a member of its subtree, within the unit's quota, while the preliminary is open.</summary>
    public async Task<Outcome<EntryView>> EnterAsync(Guid contestId, EnterRequest r, CancellationToken ct)
    {
        var c = await db.Set<SpeechContest>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == contestId, ct);
        if (c is null) return Outcome<EntryView>.NotFound();
        var scope = await me.ScopePathAsync(ct);
        var unitId = r.UnitId ?? me.OrgUnitId;
        var unit = unitId is { } uid ? await db.UnitRows().InScope(scope, u => u.Path).Where(u => u.Id == uid && !u.IsClosed).FirstOrDefaultAsync(ct) : null;
        var member = r.MemberId is { } mid && unit is not null
            ? await (from m in db.MemberRows()
                     join u in db.UnitRows() on m.UnionId equals u.Id
                     where m.Id == mid && m.Status == MemberStatus.Active
                     select new { m.Id, m.Name, m.UnionId, m.EnterpriseId, u.Path }).InScope(unit.Path, x => x.Path).FirstOrDefaultAsync(ct)
            : null;
        var used = unit is null ? 0 : await db.Set<SpeechEntry>().CountAsync(e => e.ContestId == contestId && e.UnitId == unit.Id, ct);
        var errors = ContestRules.CheckEntry(r.Title, used, c.EntriesPerUnit);
        if (unit is null) errors.Add(("unitId", "entry.unit"));
        if (member is null) errors.Add(("memberId", "entry.member"));
        if (errors.Count > 0) return Outcome<EntryView>.Invalid(errors);
        if (c.Round != ContestRound.Preliminary || c.Finished) return Outcome<EntryView>.Conflict("entry.closed");
        if (await db.Set<SpeechEntry>().AnyAsync(e => e.ContestId == contestId && e.MemberId == member!.Id, ct)) return Outcome<EntryView>.Conflict("entry.exists");
        var entry = SpeechEntry.Enter(contestId, member!.Id, member.Name, r.Title!, unit!.Id, unit.Path, member.UnionId, member.EnterpriseId, clock.GetUtcNow(), me.Name);
        db.Add(entry);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.Entry(entry).State = EntityState.Detached; return Outcome<EntryView>.Conflict("entry.exists"); }
        return Outcome<EntryView>.Ok(await Entries(db.Set<SpeechEntry>().AsNoTracking().Where(x => x.Id == entry.Id)).FirstAsync(ct));
    }

    public async Task<Outcome<JudgeView>> AddJudgeAsync(Guid contestId, AddJudgeRequest r, CancellationToken ct)
    {
        var c = await db.Set<SpeechContest>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == contestId, ct);
        if (c is null) return Outcome<JudgeView>.NotFound();
        var e = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Trim().Length > 100) e.Add(("name", "judge.name"));
        if (r.Round is not { } round || !Enum.IsDefined(round)) e.Add(("round", "judge.round"));
        if (r.UnitId is not { } uid || !await db.UnitRows().AnyAsync(u => u.Id == uid, ct)) e.Add(("unitId", "judge.unit"));
        if (r.EnterpriseId is { } eid && !await db.EnterpriseRows().AnyAsync(x => x.Id == eid, ct)) e.Add(("enterpriseId", "judge.enterprise"));
        if (e.Count > 0) return Outcome<JudgeView>.Invalid(e);
        if (c.Finished || r.Round < c.Round) return Outcome<JudgeView>.Conflict("judge.roundClosed");
        var j = SpeechJudge.Of(contestId, r.Round!.Value, r.Name!, r.UnitId!.Value, r.EnterpriseId);
        db.Add(j);
        await db.SaveChangesAsync(ct);
        return Outcome<JudgeView>.Ok(new JudgeView(j.Id, j.Round, j.Name, j.UnitId, 0));
    }

    /// <summary>A judge declares a conflict with an entry: the scores they gave it in this round are removed.</summary>
    public async Task<Outcome<JudgeView>> DeclareAsync(Guid judgeId, DeclareRequest r, CancellationToken ct)
    {
        var j = await db.Set<SpeechJudge>().FirstOrDefaultAsync(x => x.Id == judgeId, ct);
        if (j is null) return Outcome<JudgeView>.NotFound();
        if (r.EntryId is not { } entryId || !await db.Set<SpeechEntry>().AnyAsync(e => e.Id == entryId && e.ContestId == j.ContestId, ct))
            return Outcome<JudgeView>.Invalid("entryId", "judge.entry");
        j.Declare(entryId);
        db.RemoveRange(await db.Set<SpeechScore>().Where(s => s.JudgeId == judgeId && s.EntryId == entryId).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        return Outcome<JudgeView>.Ok(new JudgeView(j.Id, j.Round, j.Name, j.UnitId, j.DeclaredEntries.Count));
    }

    /// <summary>
    /// Saves a judge's scores for the current round, all or nothing: every score a whole 0–3 on a known criterion of an entry in
    /// the round, none for an entry the judge must stand aside from (same unit or enterprise, or declared); guarded by the
    /// contest's version so a save racing the round's close loses (409).
    /// </summary>
    public async Task<Outcome<RoundResults>> SaveScoresAsync(Guid contestId, Guid judgeId, SaveScoresRequest r, CancellationToken ct)
    {
        var c = await db.Set<SpeechContest>().FirstOrDefaultAsync(x => x.Id == contestId, ct);
        var j = await db.Set<SpeechJudge>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == judgeId && x.ContestId == contestId, ct);
        if (c is null || j is null) return Outcome<RoundResults>.NotFound();
        if (r.Scores is null || r.Scores.Count == 0 || r.Scores.Count > 4000) return Outcome<RoundResults>.Invalid("scores", "scores.empty");
        if (c.Finished) return Outcome<RoundResults>.Conflict("scores.finished");
        if (j.Round != c.Round) return Outcome<RoundResults>.Conflict("scores.notThisRound");
        var entries = await db.Set<SpeechEntry>().AsNoTracking().Where(e => e.ContestId == contestId && e.Reached >= c.Round).ToDictionaryAsync(e => e.Id, ct);
        var origin = new JudgeOrigin(j.UnitId, j.EnterpriseId, j.DeclaredEntries);
        var errors = new List<(string, string)>();
        var lines = new List<(Guid Entry, int Criterion, int Centi)>();
        for (var i = 0; i < r.Scores.Count; i++)
        {
            var s = r.Scores[i];
            if (s.EntryId is not { } eid || !entries.TryGetValue(eid, out var entry)) { errors.Add(($"scores[{i}].entryId", "scores.entry")); continue; }
            if (Judging.Conflict(origin, new EntryOrigin(entry.Id, entry.UnitId, entry.UnionId, entry.EnterpriseId)) is { } why) { errors.Add(($"scores[{i}].entryId", "scores.conflict." + why)); continue; }
            if (s.Criterion is not { } k || k < 0 || k >= Criteria.Count) { errors.Add(($"scores[{i}].criterion", "scores.criterion")); continue; }
            if (s.Score is not { } v || v * 100 != decimal.Truncate(v * 100) || Judging.ScoreRefusal((int)(v * 100)) is not null) { errors.Add(($"scores[{i}].score", "scores.scale")); continue; }
            lines.Add((eid, k, (int)(v * 100)));
        }
        if (errors.Count > 0) return Outcome<RoundResults>.Invalid(errors);
        var ids = lines.Select(l => l.Entry).Distinct().ToList();
        var existing = await db.Set<SpeechScore>().Where(s => s.JudgeId == judgeId && s.Round == c.Round && ids.Contains(s.EntryId))
            .ToDictionaryAsync(s => (s.EntryId, s.Criterion), ct);
        foreach (var (entry, criterion, centi) in lines)
            if (existing.TryGetValue((entry, criterion), out var s)) s.Set(centi);
            else { var n = SpeechScore.Of(contestId, c.Round, judgeId, entry, criterion, centi); db.Add(n); existing[(entry, criterion)] = n; }
        c.Touch();
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); return Outcome<RoundResults>.Conflict("scores.concurrent"); }
        return Outcome<RoundResults>.Ok(await ResultsOfAsync(contestId, c.Round, ct));
    }

    /// <summary>The round's results from its scores (the entries that reached it, the round's judges).</summary>
    public async Task<RoundResults> ResultsOfAsync(Guid contestId, ContestRound round, CancellationToken ct)
    {
        var c = await db.Set<SpeechContest>().AsNoTracking().FirstAsync(x => x.Id == contestId, ct);
        var entries = await db.Set<SpeechEntry>().AsNoTracking().Where(e => e.ContestId == contestId && e.Reached >= round).OrderBy(e => e.Id).ToListAsync(ct);
        var judges = await db.Set<SpeechJudge>().AsNoTracking().Where(j => j.ContestId == contestId && j.Round == round).OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(ct);
        var scores = await db.Set<SpeechScore>().AsNoTracking().Where(s => s.ContestId == contestId && s.Round == round)
            .Select(s => new { s.EntryId, s.JudgeId, s.Criterion, s.Centi }).ToListAsync(ct);
        var ei = entries.Select((e, i) => (e.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var ji = judges.Select((j, i) => (j, i)).ToDictionary(x => x.j, x => x.i);
        var result = Judging.Compute(Criteria, entries.Count,
            scores.Where(s => ei.ContainsKey(s.EntryId) && ji.ContainsKey(s.JudgeId)).Select(s => new JudgeScore(ei[s.EntryId], s.Criterion, ji[s.JudgeId], s.Centi)).ToList(),
            c.Correction, c.Tie);
        var rows = result.Entries.Select(r => new ResultRow(entries[r.Entry].Id, entries[r.Entry].SpeakerName, entries[r.Entry].Title, r.RawTotal, r.StdTotal,
            r.RawRank, r.StdRank, r.Place, r.MaxSpread)).OrderBy(r => r.Place).ThenBy(r => r.SpeakerName).ToList();
        return new RoundResults(round, rows, result.OpenCells, result.ScoresUsed);
    }

    /// <summary>
    /// Closes the current round: refused while any entry lacks three judges' scores on a criterion or has a spread over 1; the
    /// places are written, the best go through (ties at the cut go through together); after the final, prizes and certificate numbers.
    /// </summary>
    public async Task<Outcome<ContestView>> CloseRoundAsync(Guid contestId, CancellationToken ct)
    {
        await SqliteGate.WaitAsync(ct);
        try
        {
            var c = await db.Set<SpeechContest>().FirstOrDefaultAsync(x => x.Id == contestId, ct);
            if (c is null) return Outcome<ContestView>.NotFound();
            if (c.Finished) return Outcome<ContestView>.Conflict("round.finished");
            var results = await ResultsOfAsync(contestId, c.Round, ct);
            if (results.Rows.Count == 0) return Outcome<ContestView>.Conflict("round.noEntries");
            if (results.OpenCells > 0) return Outcome<ContestView>.Conflict("round.open", null, results.OpenCells);
            var quota = ContestRules.Advancing(c.Round, c.SemiFinalists, c.Finalists);
            var byId = await db.Set<SpeechEntry>().Where(e => e.ContestId == contestId && e.Reached >= c.Round).ToDictionaryAsync(e => e.Id, ct);
            var placed = results.Rows.Select((r, i) => (i, r.Place)).ToList();
            var through = quota is { } q ? ContestRules.Through(placed, q).ToHashSet() : [];
            var serial = 0;
            for (var i = 0; i < results.Rows.Count; i++)
            {
                var row = results.Rows[i];
                var e = byId[row.EntryId];
                var total = c.Correction == JudgingCorrection.None ? row.RawTotal : row.StdTotal;
                e.Placed(c.Round, row.Place, through.Contains(i), total);
                if (c.Round == ContestRound.Final)
                    e.Award(ContestRules.PrizeFor(row.Place, results.Rows.Count), ContestRules.CertificateNo(c.Year, row.Place, ++serial));
            }
            c.Advance(ContestRules.Next(c.Round));
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { db.ChangeTracker.Clear(); return Outcome<ContestView>.Conflict("scores.concurrent"); }
            return Outcome<ContestView>.Ok(await Views(db.Set<SpeechContest>().AsNoTracking().Where(x => x.Id == contestId)).FirstAsync(ct));
        }
        finally { SqliteGate.Release(); }
    }

    /// <summary>A finalist's certificate (after the final), for an entry in the caller's scope.</summary>
    public async Task<Outcome<Certificate>> CertificateAsync(Guid entryId, CancellationToken ct)
    {
        var e = await Entries(db.Set<SpeechEntry>().AsNoTracking().Where(x => x.Id == entryId).InScope(await me.ScopePathAsync(ct), x => x.ScopePath)).FirstOrDefaultAsync(ct);
        if (e is null) return Outcome<Certificate>.NotFound();
        var c = await db.Set<SpeechContest>().AsNoTracking().Join(db.Set<SpeechEntry>().Where(x => x.Id == entryId), c => c.Id, x => x.ContestId, (c, _) => c).FirstAsync(ct);
        if (!c.Finished || e.Prize == Prize.None || e.FinalPlace is null) return Outcome<Certificate>.Conflict("certificate.none");
        return Outcome<Certificate>.Ok(new Certificate(c.Name, c.Year, e.SpeakerName, e.UnitName, e.Title, e.Prize, e.FinalPlace.Value, e.CertificateNo!));
    }
}
