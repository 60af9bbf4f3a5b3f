using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Modules.LaborRelations.Signals;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.LaborRelations.Risk;

/// <summary>A disposal step: the note (what was found, what was done, the result's account), the result when closing, the version read.</summary>
public sealed record AlertStepInput(string? Note, AlertClosure? Result, int? Version);

public sealed record AlertDto(Guid Id, Guid EnterpriseId, string EnterpriseName, string DistrictCode, RiskLevel Level, int Score, AlertState State, DateOnly RaisedOn,
    DateOnly VerifyBy, int Escalation, DateOnly? EscalatedOn, string? VerifyNote, string? ActionNote, AlertClosure? Result, string? ResultNote, DateOnly? ClosedOn, int Version);

public sealed record AlertEventDto(DateTimeOffset At, string Actor, string Action, string? Note);

public sealed record AlertDetail(AlertDto Alert, IReadOnlyList<AlertEventDto> Timeline, RiskExplanation Explanation);

public sealed record ScoreDto(Guid EnterpriseId, string EnterpriseName, string DistrictCode, int Score, RiskLevel Level, DateOnly AsOf);

/// <summary>Filters of the alert list.</summary>
public sealed record AlertFilter(AlertState? State = null, bool OpenOnly = false, bool EscalatedOnly = false, RiskLevel? Level = null);

/// <summary>
/// The alerts of the caller's scope and their disposal: verify → act → close with a result, or escalate. A step checks the state machine
/// (<see cref="AlertWorkflow"/>) and the version the caller read (409 when someone else moved the alert first).
/// </summary>
public sealed class AlertHandlers(GonghuiDb db, LaborScope scope, RiskEngine engine)
{
    public static AlertDto ToDto(RiskAlert a) => new(a.Id, a.EnterpriseId, a.EnterpriseName, a.DistrictCode, a.Level, a.Score, a.State, a.RaisedOn, a.VerifyBy,
        a.Escalation, a.EscalatedOn, a.VerifyNote, a.ActionNote, a.Result, a.ResultNote, a.ClosedOn, a.Version);

    private async Task<IQueryable<RiskAlert>> VisibleAsync(CancellationToken ct) =>
        db.Set<RiskAlert>().InScope(await scope.ScopeAsync(ct), a => a.ScopePath);

    public async Task<IReadOnlyList<RiskAlert>> ListAsync(AlertFilter f, int limit, CancellationToken ct)
    {
        var q = (await VisibleAsync(ct)).AsNoTracking();
        if (f.State is { } s) q = q.Where(a => a.State == s);
        if (f.OpenOnly) q = q.Where(a => a.State != AlertState.Closed);
        if (f.EscalatedOnly) q = q.Where(a => a.Escalation > 0);
        if (f.Level is { } l) q = q.Where(a => a.Level == l);
        return await q.OrderByDescending(a => a.Level).ThenByDescending(a => a.Score).ThenBy(a => a.Id).Take(Math.Clamp(limit, 1, 500)).ToListAsync(ct);
    }

    public async Task<AlertDetail?> GetAsync(Guid id, CancellationToken ct)
    {
        var a = await (await VisibleAsync(ct)).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return null;
        var events = await db.Set<RiskAlertEvent>().AsNoTracking().Where(e => e.AlertId == id).OrderBy(e => e.Id)
            .Select(e => new AlertEventDto(e.At, e.Actor, e.Action, e.Note)).ToListAsync(ct);
        return new AlertDetail(ToDto(a), events, await engine.ExplainAsync(a.EnterpriseId, ct));
    }

    public async Task<Outcome<RiskAlert>> StepAsync(Guid id, AlertAction action, AlertStepInput input, CancellationToken ct)
    {
        var a = await (await VisibleAsync(ct)).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return Outcome<RiskAlert>.NotFound();
        if (input.Version is { } v && v != a.Version) return Outcome<RiskAlert>.Conflict("alert.version", null, a.Version);
        if (!AlertWorkflow.Can(a.State, action, a.Escalation)) return Outcome<RiskAlert>.Conflict("alert.state", null, a.State.ToString());
        var note = SignalHandlers.Trim(input.Note);
        if (note?.Length > 1000) return Outcome<RiskAlert>.Invalid("note", "too-long");
        if (action is AlertAction.Verify or AlertAction.Act or AlertAction.Escalate && note is null) return Outcome<RiskAlert>.Invalid("note", "required");
        if (action == AlertAction.Close && AlertWorkflow.WhyNotClose(a.State, input.Result, note) is { } why)
            return Outcome<RiskAlert>.Invalid(why == "alert.noteRequired" ? "note" : "result", why);
        a.Apply(action, note, action == AlertAction.Close ? input.Result : null, scope.Today);
        db.Add(new RiskAlertEvent { AlertId = a.Id, At = scope.Now, Actor = scope.Me.Name, Action = action.ToString().ToLowerInvariant(),
            Note = action == AlertAction.Close ? $"{input.Result}: {note}" : note });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<RiskAlert>.Conflict("alert.version", null, a.Version); }
        return Outcome<RiskAlert>.Ok(a);
    }

    /// <summary>The highest scores in scope (at most <paramref name="limit"/>), optionally of one level.</summary>
    public async Task<IReadOnlyList<ScoreDto>> TopAsync(RiskLevel? level, int limit, CancellationToken ct)
    {
        var q = db.Set<RiskScore>().AsNoTracking().InScope(await scope.ScopeAsync(ct), s => s.ScopePath);
        if (level is { } l) q = q.Where(s => s.Level == l);
        return await q.OrderByDescending(s => s.Score).ThenBy(s => s.EnterpriseId).Take(Math.Clamp(limit, 1, 500))
            .Select(s => new ScoreDto(s.EnterpriseId, s.EnterpriseName, s.DistrictCode, s.Score, s.Level, s.AsOf)).ToListAsync(ct);
    }

    /// <summary>Enterprises in scope by level (those without a score row are green and not counted here).</summary>
    public async Task<IReadOnlyDictionary<RiskLevel, int>> LevelsAsync(CancellationToken ct) =>
        await db.Set<RiskScore>().AsNoTracking().InScope(await scope.ScopeAsync(ct), s => s.ScopePath).GroupBy(s => s.Level)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, ct);
}
