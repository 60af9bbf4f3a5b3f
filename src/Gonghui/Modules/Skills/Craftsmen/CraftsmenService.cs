using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Skills.Rules;
using Gonghui.Platform.Calendars;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Money;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Skills.Craftsmen;

public sealed record CreateSelectionRequest(int? Year, string? Name, List<string>? Trades);
public sealed record NominateRequest(string? Trade, Guid? MemberId, Guid? UnitId, bool? FrontLine, int? YearsInTrade, bool? Disciplined, bool? FormerWinner, string? Story);
public sealed record ScoreRequest(decimal? Challenge, List<decimal>? Review);
public sealed record ObjectionRequest(string? Note, bool? Upheld);

public sealed record SelectionView(CraftsmanSelection Selection, IReadOnlyList<CraftsmanCandidate> Candidates);

/// <summary>An awarded candidate of an announced selection, as the lists of Great Craftsmen and nominees show one.</summary>
public sealed record AwardedCandidate(Guid Id, Guid SelectionId, int Year, DateOnly? AnnouncedOn, string Trade, Guid MemberId, string Name, Guid UnitId, string Unit,
    CraftsmanAward Award, int? CombinedCenti, int? Rank)
{
    /// <summary>The combined score (challenge and review) in marks.</summary>
    public decimal? Combined => CombinedCenti / 100m;
}

/// <summary>The 北京大工匠 selection use cases: a year's selection, nominations with the eligibility check, scores, the ranked proposal, the committee's decision, the announcement over working days, objections, the final list.</summary>
internal sealed class CraftsmenService(GonghuiDb db, CurrentUser me, TimeProvider clock, CalendarService calendars, IFundLedger ledger, IConfiguration config)
{
    /// <summary>The ledger source type of a 大工匠 or 提名奖 award payment.</summary>
    public const string PaymentSource = "GreatCraftsmanAward";
    private static readonly SemaphoreSlim SqliteGate = new(1, 1);
    private DateTimeOffset Now => clock.GetUtcNow();

    public Task<List<CraftsmanSelection>> SelectionsAsync(CancellationToken ct) =>
        db.Set<CraftsmanSelection>().AsNoTracking().OrderByDescending(s => s.Year).ToListAsync(ct);

    /// <summary>The report's drill-down filters of the awarded lists, checked (a unit out of the caller's scope is an error naming <c>unit</c>).</summary>
    public async Task<DrillFilter?> DrillAsync(DateOnly? from, DateOnly? to, Guid? unit, Api.Errors errors, CancellationToken ct) =>
        await DrillFilter.ForCallerAsync(db, me, from, to, unit, errors, ct);

    /// <summary>
    /// The Great Craftsmen (or the nominees) of the announced selections nominated by units in the caller's scope, by trade (keyset on (trade, id)).
    /// The report's drill-down (issue 19) narrows them as skills.craftsmen and skills.craftsmen.nominees count them: selections announced in its
    /// period (<see cref="AwardedCandidates"/>), candidates of units in its unit's subtree.
    /// </summary>
    public async Task<Slice<AwardedCandidate>> AwardedAsync(CraftsmanAward award, DrillFilter drill, KeysetRequest request, CancellationToken ct)
    {
        var selections = db.Set<CraftsmanSelection>().AsNoTracking();
        var q = db.Set<CraftsmanCandidate>().AsNoTracking().InScope(await me.ScopePathAsync(ct), c => c.UnitPath)
            .AnnouncedBetween(selections, drill.From, drill.To).Where(c => c.Award == award);
        if (drill.UnitPath is { } path) q = q.InScope(path, c => c.UnitPath);
        return await q.SliceAsync(request, c => c.Trade, c => c.Id, descending: false,
            rows => from c in rows
                    join s in selections on c.SelectionId equals s.Id
                    join u in db.UnitRows() on c.UnitId equals u.Id into us
                    from u in us.DefaultIfEmpty()
                    select new AwardedCandidate(c.Id, c.SelectionId, s.Year, s.AnnouncedOn, c.Trade, c.MemberId, c.Name, c.UnitId, u == null ? "" : u.Name,
                        c.Award, c.CombinedCenti, c.Rank),
            c => c.Trade, c => c.Id, ct);
    }

    public async Task<Outcome<SelectionView>> SelectionAsync(Guid id, CancellationToken ct)
    {
        var s = await db.Set<CraftsmanSelection>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return Outcome<SelectionView>.NotFound();
        var candidates = await db.Set<CraftsmanCandidate>().AsNoTracking().Where(c => c.SelectionId == id)
            .OrderBy(c => c.Trade).ThenBy(c => c.Rank == null).ThenBy(c => c.Rank).ThenBy(c => c.Name).ToListAsync(ct);
        return Outcome<SelectionView>.Ok(new SelectionView(s, candidates));
    }

    public async Task<Outcome<CraftsmanSelection>> CreateAsync(CreateSelectionRequest r, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (r.Year is not (>= 2000 and <= 2100)) errors.Add(("year", "contest.year"));
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Trim().Length > 200) errors.Add(("name", "contest.name"));
        var trades = (r.Trades ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToList();
        if (trades.Count is 0 or > 100 || trades.Any(t => t.Length > 50 || t.Contains(';'))) errors.Add(("trades", "craftsman.trades"));
        if (errors.Count == 0 && await db.Set<CraftsmanSelection>().AnyAsync(s => s.Year == r.Year, ct)) errors.Add(("year", "craftsman.yearTaken"));
        if (errors.Count > 0) return Outcome<CraftsmanSelection>.Invalid(errors);
        var s = CraftsmanSelection.Create(r.Year!.Value, r.Name!.Trim(), trades, CraftsmanTerms.Default, Now);
        db.Add(s);
        await db.SaveChangesAsync(ct);
        return Outcome<CraftsmanSelection>.Ok(s);
    }

    /// <summary>A unit in the caller's scope nominates one of its members in a trade; the eligibility rules decide, each failure named.</summary>
    public async Task<Outcome<CraftsmanCandidate>> NominateAsync(Guid selectionId, NominateRequest r, CancellationToken ct)
    {
        var s = await db.Set<CraftsmanSelection>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == selectionId, ct);
        if (s is null) return Outcome<CraftsmanCandidate>.NotFound();
        if (s.Stage != SelectionStage.Nominating) return Outcome<CraftsmanCandidate>.Conflict("craftsman.closed");
        var trade = r.Trade?.Trim() ?? "";
        if (!s.TradeList().Contains(trade)) return Outcome<CraftsmanCandidate>.Invalid("trade", "craftsman.trade");
        var unit = r.UnitId is { } uid ? await db.UnitRows().InScope(await me.ScopePathAsync(ct), u => u.Path).FirstOrDefaultAsync(u => u.Id == uid, ct) : null;
        if (unit is null) return Outcome<CraftsmanCandidate>.Invalid("unitId", "entry.unit");
        var member = r.MemberId is { } mid ? await db.MemberRows().FirstOrDefaultAsync(m => m.Id == mid, ct) : null;
        if (member is null || !await db.UnitRows().InScope(unit.Path, u => u.Path).AnyAsync(u => u.Id == member.UnionId, ct))
            return Outcome<CraftsmanCandidate>.Invalid("memberId", "entry.member");
        if (r.YearsInTrade is not (>= 0 and <= 60)) return Outcome<CraftsmanCandidate>.Invalid("yearsInTrade", "craftsman.years");
        if (await db.Set<CraftsmanCandidate>().AnyAsync(c => c.SelectionId == selectionId && c.MemberId == member.Id, ct))
            return Outcome<CraftsmanCandidate>.Invalid("memberId", "craftsman.duplicate");
        var formerWinner = r.FormerWinner == true || await db.Set<CraftsmanCandidate>().AnyAsync(c => c.MemberId == member.Id && c.Award == CraftsmanAward.GreatCraftsman, ct);
        var refusals = GreatCraftsmanRules.Eligibility(s.Terms(), new Nominee(member.Status == MemberStatus.Active, r.FrontLine == true,
            EligibilityRules.AgeOn(await db.MemberBirths().Where(b => b.Id == member.Id).Select(b => b.BirthDate).FirstAsync(ct), new DateOnly(s.Year, 1, 1)), r.YearsInTrade.Value, formerWinner, r.Disciplined == true));
        if (refusals.Count > 0) return Outcome<CraftsmanCandidate>.Invalid(refusals.Select(code => ("memberId", code)));
        var story = string.IsNullOrWhiteSpace(r.Story) ? null : r.Story.Trim();
        if (story is { Length: > 4000 }) return Outcome<CraftsmanCandidate>.Invalid("story", "craftsman.story");
        var c = CraftsmanCandidate.Nominate(selectionId, trade, member.Id, member.Name, unit.Id, unit.Path, r.FrontLine == true, r.YearsInTrade.Value, story, Now, me.Name);
        db.Add(c);
        await db.SaveChangesAsync(ct);
        return Outcome<CraftsmanCandidate>.Ok(c);
    }

    /// <summary>Records a candidate's challenge contest total and the experts' review scores (0–100 each), then re-ranks the trade.</summary>
    public async Task<Outcome<CraftsmanCandidate>> ScoreAsync(Guid candidateId, ScoreRequest r, CancellationToken ct)
    {
        var c = await db.Set<CraftsmanCandidate>().FirstOrDefaultAsync(x => x.Id == candidateId, ct);
        if (c is null) return Outcome<CraftsmanCandidate>.NotFound();
        var s = await db.Set<CraftsmanSelection>().AsNoTracking().FirstAsync(x => x.Id == c.SelectionId, ct);
        if (s.Stage != SelectionStage.Nominating) return Outcome<CraftsmanCandidate>.Conflict("craftsman.closed");
        var errors = new List<(string, string)>();
        var challenge = r.Challenge is { } ch ? MarkingScheme.ToCenti(ch) : null;
        if (challenge is null or > 100_00) errors.Add(("challenge", "craftsman.score"));
        var review = (r.Review ?? []).Select(MarkingScheme.ToCenti).ToList();
        if (review.Count is 0 or > 50 || review.Any(v => v is null or > 100_00)) errors.Add(("review", "craftsman.score"));
        if (errors.Count > 0) return Outcome<CraftsmanCandidate>.Invalid(errors);
        c.Score(challenge!.Value, review.Select(v => v!.Value));
        await db.SaveChangesAsync(ct);
        await RankTradeAsync(s, c.Trade, ct);
        return Outcome<CraftsmanCandidate>.Ok(c);
    }

    private async Task RankTradeAsync(CraftsmanSelection s, string trade, CancellationToken ct)
    {
        var all = await db.Set<CraftsmanCandidate>().Where(c => c.SelectionId == s.Id && c.Trade == trade).ToListAsync(ct);
        var ranked = GreatCraftsmanRules.Rank(s.Terms(), all.Where(c => c.ChallengeCenti is not null)
            .Select(c => new CraftsmanScores(c.Id, c.ChallengeCenti!.Value / 100m, c.Reviews(), c.Withdrawn))).ToDictionary(x => x.Candidate);
        foreach (var c in all) if (!c.Withdrawn) c.Ranked(ranked.GetValueOrDefault(c.Id));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The committee adopts the proposal: every candidate's award is what the ranking proposed.</summary>
    public async Task<Outcome<SelectionView>> DecideAsync(Guid id, CancellationToken ct)
    {
        var s = await db.Set<CraftsmanSelection>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return Outcome<SelectionView>.NotFound();
        if (s.Stage != SelectionStage.Nominating) return Outcome<SelectionView>.Conflict("craftsman.decided");
        foreach (var c in await db.Set<CraftsmanCandidate>().Where(c => c.SelectionId == id).ToListAsync(ct)) c.Decide();
        s.Decide(me.Name);
        await db.SaveChangesAsync(ct);
        return await SelectionAsync(id, ct);
    }

    /// <summary>Starts the public announcement today; it runs the published number of working days on the platform calendar.</summary>
    public async Task<Outcome<SelectionView>> AnnounceAsync(Guid id, CancellationToken ct)
    {
        var s = await db.Set<CraftsmanSelection>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return Outcome<SelectionView>.NotFound();
        if (s.Stage != SelectionStage.Decided) return Outcome<SelectionView>.Conflict("craftsman.notDecided");
        var today = BeijingTime.Today(clock);
        s.Announce(today, GreatCraftsmanRules.AnnouncementEnds(today, s.AnnouncementWorkingDays, calendars.Current.IsWorkingDay));
        await db.SaveChangesAsync(ct);
        return await SelectionAsync(id, ct);
    }

    /// <summary>An objection during the announcement: upheld, the candidate is withdrawn and the next in the trade is proposed in their place.</summary>
    public async Task<Outcome<CraftsmanCandidate>> ObjectionAsync(Guid candidateId, ObjectionRequest r, CancellationToken ct)
    {
        var c = await db.Set<CraftsmanCandidate>().FirstOrDefaultAsync(x => x.Id == candidateId, ct);
        if (c is null) return Outcome<CraftsmanCandidate>.NotFound();
        var note = r.Note?.Trim() ?? "";
        if (note.Length is 0 or > 1000) return Outcome<CraftsmanCandidate>.Invalid("note", "appeal.reason");
        if (r.Upheld is null) return Outcome<CraftsmanCandidate>.Invalid("upheld", "appeal.upheld");
        var s = await db.Set<CraftsmanSelection>().AsNoTracking().FirstAsync(x => x.Id == c.SelectionId, ct);
        if (s.Stage != SelectionStage.Announcing) return Outcome<CraftsmanCandidate>.Conflict("craftsman.notAnnouncing");
        if (!r.Upheld.Value) return Outcome<CraftsmanCandidate>.Ok(c);
        c.Withdraw(note);
        await db.SaveChangesAsync(ct);
        await RankTradeAsync(s, c.Trade, ct);
        foreach (var other in await db.Set<CraftsmanCandidate>().Where(x => x.SelectionId == s.Id && x.Trade == c.Trade && !x.Withdrawn).ToListAsync(ct)) other.Decide();
        await db.SaveChangesAsync(ct);
        return Outcome<CraftsmanCandidate>.Ok(c);
    }

    /// <summary>After the announcement's last working day: the list is final.</summary>
    public async Task<Outcome<SelectionView>> FinishAsync(Guid id, CancellationToken ct)
    {
        var s = await db.Set<CraftsmanSelection>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return Outcome<SelectionView>.NotFound();
        if (s.Stage != SelectionStage.Announcing) return Outcome<SelectionView>.Conflict("craftsman.notAnnouncing");
        if (BeijingTime.Today(clock) <= s.AnnouncementEndsOn) return Outcome<SelectionView>.Conflict("craftsman.announcementRuns", null, s.AnnouncementEndsOn!.Value.ToString("yyyy-MM-dd"));
        s.Finish();
        await db.SaveChangesAsync(ct);
        return await SelectionAsync(id, ct);
    }

    /// <summary>The unit whose fund pays the awards: the federation (the root of the organisation tree).</summary>
    private Task<Guid> FundUnitAsync(CancellationToken ct) => db.UnitRows().Where(u => u.ParentId == null).Select(u => u.Id).FirstAsync(ct);

    /// <summary>
    /// Pays a 大工匠's or 提名奖's award of the final list through the federation's innovation fund of the selection's year
    /// (<see cref="FundCodes.Innovation"/>, source <see cref="PaymentSource"/>): once per candidate (the ledger key is the
    /// candidate's, so a retry or a concurrent twin posts nothing more), the four-eyes rule against whoever recorded the decision.
    /// </summary>
    public async Task<Outcome<CraftsmanCandidate>> PayAsync(Guid candidateId, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        if (!await db.Set<CraftsmanCandidate>().InScope(scope, c => c.UnitPath).AnyAsync(c => c.Id == candidateId, ct)) return Outcome<CraftsmanCandidate>.NotFound();
        return await LockedAsync(candidateId, async () =>
        {
            var c = await db.Set<CraftsmanCandidate>().FirstAsync(x => x.Id == candidateId, ct);
            var s = await db.Set<CraftsmanSelection>().AsNoTracking().FirstAsync(x => x.Id == c.SelectionId, ct);
            if (s.Stage != SelectionStage.Final) return Outcome<CraftsmanCandidate>.Conflict("craftsman.notFinal");
            if (c.Withdrawn || c.Award == CraftsmanAward.None) return Outcome<CraftsmanCandidate>.Conflict("craftsman.noAward");
            if (c.Paid) return Outcome<CraftsmanCandidate>.Conflict("craftsman.alreadyPaid");
            var amount = GreatCraftsmanRules.AwardFen(s.Terms(), c.Award);
            if (amount <= 0) return Outcome<CraftsmanCandidate>.Conflict("craftsman.noAward");
            if (!FourEyes.Allows(amount, FourEyes.ThresholdFen(config), s.DecidedBy, me.Name)) return Outcome<CraftsmanCandidate>.Conflict(FourEyes.Code);
            var key = $"skills:craftsman:pay:{c.Id}" + (c.ReversalEntryId is { } r ? $":after:{r}" : "");
            var paid = await ledger.PayAsync(FundCodes.Innovation, await FundUnitAsync(ct), s.Year, new Fen(amount), new SourceRef(PaymentSource, c.Id), key, ct);
            if (!paid.IsOk)
                return Outcome<CraftsmanCandidate>.Conflict(paid.Code == LedgerCodes.InsufficientBudget ? "craftsman.budgetExceeded" : "craftsman.ledgerRefused", null, s.Year);
            c.MarkPaid(amount, paid.Value, Now, me.Name);
            await db.SaveChangesAsync(ct);
            return Outcome<CraftsmanCandidate>.Ok(c);
        }, ct);
    }

    /// <summary>Pays every unpaid award of a final selection in the caller's scope; stops at the first refusal (budget, four eyes) and names it.</summary>
    public async Task<Outcome<SelectionView>> PayAllAsync(Guid selectionId, CancellationToken ct)
    {
        var s = await db.Set<CraftsmanSelection>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == selectionId, ct);
        if (s is null) return Outcome<SelectionView>.NotFound();
        if (s.Stage != SelectionStage.Final) return Outcome<SelectionView>.Conflict("craftsman.notFinal");
        var due = await db.Set<CraftsmanCandidate>().AsNoTracking().InScope(await me.ScopePathAsync(ct), c => c.UnitPath)
            .Where(c => c.SelectionId == selectionId && !c.Withdrawn && c.Award != CraftsmanAward.None && (c.PaymentEntryId == null || c.ReversalEntryId != null))
            .OrderBy(c => c.Trade).ThenBy(c => c.Award).Select(c => c.Id).ToListAsync(ct);
        foreach (var id in due)
        {
            var o = await PayAsync(id, ct);
            if (o.IsOk || o.Code == "craftsman.alreadyPaid") continue;
            return o.Code is null ? Outcome<SelectionView>.NotFound() : Outcome<SelectionView>.Conflict(o.Code, o.Detail, [.. o.Args]);
        }
        return await SelectionAsync(selectionId, ct);
    }

    /// <summary>Ledger entries of a candidate's award (the payment and any reversal).</summary>
    public Task<IReadOnlyList<LedgerEntryView>> PaymentEntriesAsync(Guid candidateId, CancellationToken ct) =>
        ledger.EntriesForAsync(new SourceRef(PaymentSource, candidateId), ct);

    /// <summary>
    /// A payment serialised per candidate. PostgreSQL: one transaction that first bumps the candidate's row (held to commit; the
    /// ledger joins it), committed only on success. SQLite: one writer per process; the ledger key is the candidate's.
    /// </summary>
    private async Task<Outcome<T>> LockedAsync<T>(Guid candidateId, Func<Task<Outcome<T>>> body, CancellationToken ct)
    {
        if (db.IsNpgsql())
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Set<CraftsmanCandidate>().Where(c => c.Id == candidateId).ExecuteUpdateAsync(x => x.SetProperty(c => c.LockVersion, c => c.LockVersion + 1), ct);
            var result = await body();
            if (result.IsOk) await tx.CommitAsync(ct);
            else await tx.RollbackAsync(ct);
            return result;
        }
        await SqliteGate.WaitAsync(ct);
        try { return await body(); }
        finally { SqliteGate.Release(); }
    }
}
