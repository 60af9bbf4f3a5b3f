using Gonghui.Modules.Innovation.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Calendars;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Innovation.Studios;

public sealed record ApplyStudioRequest(string? Name, StudioKind? Kind, StudioLevel? Level, string? Field, Guid? UnitId, Guid? EnterpriseId,
    Guid? LeaderMemberId, List<Guid>? MemberIds);
public sealed record StudioTransitionRequest(StudioAction? Action, string? Reason);
public sealed record AnnualReviewRequest(int? Year, int? Patents, int? Projects, int? Trainees, long? EconomicBenefitFen);

/// <summary>A studio with what its detail page shows: team, timeline, annual reviews and the steps the caller may take.</summary>
public sealed record StudioDetail(InnovationStudio Studio, IReadOnlyList<StudioMember> Team, IReadOnlyList<StudioEvent> History,
    IReadOnlyList<StudioAnnualReview> Reviews, IReadOnlyList<StudioAction> Actions);

/// <summary>The studio filters of the registry list and page.</summary>
public sealed record StudioFilter(StudioLevel? Level = null, StudioStatus? Status = null, StudioKind? Kind = null, string? District = null, string? Q = null);

public sealed record DistrictRow(string? DistrictCode, string DistrictName, IReadOnlyDictionary<StudioLevel, int> ByLevel, int Total, int Municipal);
public sealed record StudioDashboard(int Year, StudioTargets Targets, Progress Progress, IReadOnlyList<DistrictRow> Districts,
    IReadOnlyDictionary<StudioLevel, int> ByLevel, IReadOnlyList<YearCount> Trend, int Pending);

/// <summary>Studio use cases shared by the API and the pages: apply, review steps, annual review, the registry list and the dashboard.</summary>
internal sealed class StudioService(GonghuiDb db, CurrentUser me, CalendarService calendars, TimeProvider clock)
{
    // SQLite has one writer: workflow steps of this process queue here (PostgreSQL locks the studio's row).
    private static readonly SemaphoreSlim SqliteGate = new(1, 1);

    public DateOnly Today => BeijingTime.Today(clock);

    public ReviewLevel Level =>
        me.IsInRole(Roles.FederationAdmin) ? ReviewLevel.Federation :
        me.IsInRole(Roles.DistrictStaff) ? ReviewLevel.District :
        me.IsInRole(Roles.GrassrootsStaff) ? ReviewLevel.Unit : ReviewLevel.None;

    public async Task<IQueryable<InnovationStudio>> VisibleAsync(CancellationToken ct) =>
        me.IsStaff ? db.Set<InnovationStudio>().AsNoTracking().InScope(await me.ScopePathAsync(ct), s => s.ScopePath, s => s.ScopeDistrict)
                   : db.Set<InnovationStudio>().AsNoTracking().Where(s => false);

    public async Task<InnovationStudio?> StudioAsync(Guid id, CancellationToken ct) => await (await VisibleAsync(ct)).FirstOrDefaultAsync(s => s.Id == id, ct);

    /// <summary>The units in the caller's subtree that may own a studio (open, below the federation), by name.</summary>
    public async Task<List<UnitRow>> OwningUnitsAsync(CancellationToken ct) =>
        await db.UnitRows().InScope(await me.ScopePathAsync(ct), u => u.Path)
            .Where(u => !u.IsClosed && u.Kind != OrgUnitKind.Federation).OrderBy(u => u.Depth).ThenBy(u => u.Name).Take(500).ToListAsync(ct);

    /// <summary>Records an application (status Applied) with its team; the leader is always on the team.</summary>
    public async Task<Outcome<InnovationStudio>> ApplyAsync(ApplyStudioRequest r, CancellationToken ct)
    {
        var ids = (r.MemberIds ?? []).Distinct().ToList();
        var errors = StudioRules.CheckApplication(r.Name, r.Kind, r.Level, r.Field, ids.Count).ToList();
        var scope = await me.ScopePathAsync(ct);
        UnitRow? unit = null;
        if (r.UnitId is null) errors.Add(("unitId", "studio.unitRequired"));
        else
        {
            unit = await db.UnitRows().InScope(scope, u => u.Path).FirstOrDefaultAsync(u => u.Id == r.UnitId, ct);
            if (unit is null || unit.IsClosed || unit.Kind == OrgUnitKind.Federation) errors.Add(("unitId", "studio.unitUnknown"));
        }
        var inScope = db.UnitRows().InScope(scope, u => u.Path).Select(u => u.Id);
        var people = ids.Append(r.LeaderMemberId ?? Guid.Empty).Distinct().ToList();
        var members = await db.MemberRows().Where(m => people.Contains(m.Id) && m.Status == MemberStatus.Active && inScope.Contains(m.UnionId))
            .Select(m => new { m.Id, m.Name }).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        if (r.LeaderMemberId is null || !members.ContainsKey(r.LeaderMemberId.Value)) errors.Add(("leaderMemberId", "studio.leaderUnknown"));
        if (ids.Any(i => !members.ContainsKey(i))) errors.Add(("memberIds", "studio.memberUnknown"));
        EnterpriseRow? firm = null;
        if (r.EnterpriseId is { } eid && (firm = await db.EnterpriseRows().FirstOrDefaultAsync(e => e.Id == eid, ct)) is null)
            errors.Add(("enterpriseId", "studio.enterpriseUnknown"));
        if (errors.Count > 0) return Outcome<InnovationStudio>.Invalid(errors);

        var district = unit!.DistrictCode ?? await DistrictOfAsync(unit.Path, ct);
        var at = clock.GetUtcNow();
        var team = ids.Append(r.LeaderMemberId!.Value).Distinct().ToList();
        var studio = InnovationStudio.Apply(r.Name!.Trim(), r.Kind!.Value, r.Level!.Value, r.Field!.Trim(), unit.Id, unit.Path, district, firm?.Id, firm?.Name,
            r.LeaderMemberId.Value, members[r.LeaderMemberId.Value], team.Count, at, me.Name);
        db.Add(studio);
        db.AddRange(team.Select(m => StudioMember.Of(studio.Id, m, members[m], m == r.LeaderMemberId)));
        db.Add(StudioEvent.Of(studio.Id, null, StudioStatus.Applied, at, me.Name));
        await db.SaveChangesAsync(ct);
        return Outcome<InnovationStudio>.Ok(studio);
    }

    /// <summary>The district code of the district-level union above a unit (path "/BJ/DC/…" → the unit at "/BJ/DC/").</summary>
    private async Task<string?> DistrictOfAsync(string path, CancellationToken ct)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) return null;
        var top = $"/{parts[0]}/{parts[1]}/";
        return await db.UnitRows().Where(u => u.Path == top).Select(u => u.DistrictCode).FirstOrDefaultAsync(ct);
    }

    public async Task<Outcome<StudioDetail>> DetailAsync(Guid id, CancellationToken ct)
    {
        var s = await StudioAsync(id, ct);
        if (s is null) return Outcome<StudioDetail>.NotFound();
        var team = await db.Set<StudioMember>().AsNoTracking().Where(m => m.StudioId == id).OrderByDescending(m => m.IsLeader).ThenBy(m => m.Name).ToListAsync(ct);
        var history = await db.Set<StudioEvent>().AsNoTracking().Where(e => e.StudioId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var reviews = await db.Set<StudioAnnualReview>().AsNoTracking().Where(r => r.StudioId == id).OrderByDescending(r => r.Year).ToListAsync(ct);
        return Outcome<StudioDetail>.Ok(new StudioDetail(s, team, history, reviews, StudioWorkflow.Available(s.Status, Level).ToList()));
    }

    /// <summary>One workflow step under the studio's lock: decided by <see cref="StudioWorkflow"/>, the publicity end from the platform calendar.</summary>
    public async Task<Outcome<InnovationStudio>> TransitionAsync(Guid id, StudioTransitionRequest r, CancellationToken ct)
    {
        if (await StudioAsync(id, ct) is null) return Outcome<InnovationStudio>.NotFound();
        if (r.Action is null || !Enum.IsDefined(r.Action.Value)) return Outcome<InnovationStudio>.Invalid("action", "workflow.action");
        if (r.Reason?.Trim().Length > 500) return Outcome<InnovationStudio>.Invalid("reason", "workflow.reasonLength");
        return await PerStudioAsync(id, async () =>
        {
            var s = await db.Set<InnovationStudio>().FirstAsync(x => x.Id == id, ct);
            var today = Today;
            var verdict = StudioWorkflow.Decide(r.Action.Value, s.Status, Level, today, s.PublicityEndsOn, r.Reason);
            if (!verdict.Ok)
                return verdict.Error == StudioWorkflow.ReasonRequired ? Outcome<InnovationStudio>.Invalid("reason", verdict.Error)
                    : verdict.Error == StudioWorkflow.PublicityRunning ? Outcome<InnovationStudio>.Conflict(verdict.Error, null, s.PublicityEndsOn?.ToString("yyyy-MM-dd"))
                    : Outcome<InnovationStudio>.Conflict(verdict.Error!);
            var end = r.Action == StudioAction.FederationApprove ? StudioWorkflow.PublicityEnd(today, calendars.Current) : (DateOnly?)null;
            var at = clock.GetUtcNow();
            s.Apply(r.Action.Value, verdict.To!.Value, today, end, r.Reason, at);
            db.Add(StudioEvent.Of(s.Id, r.Action, s.Status, at, me.Name, string.IsNullOrWhiteSpace(r.Reason) ? null : r.Reason.Trim()));
            await db.SaveChangesAsync(ct);
            return Outcome<InnovationStudio>.Ok(s);
        }, ct);
    }

    /// <summary>Records a recognised studio's outputs for a year (one review per studio and year).</summary>
    public async Task<Outcome<StudioAnnualReview>> ReviewAsync(Guid id, AnnualReviewRequest r, CancellationToken ct)
    {
        var s = await StudioAsync(id, ct);
        if (s is null) return Outcome<StudioAnnualReview>.NotFound();
        var errors = StudioRules.CheckReview(r.Year, r.Patents, r.Projects, r.Trainees, r.EconomicBenefitFen, s.RecognisedOn, Today.Year).ToList();
        if (errors.Count > 0) return Outcome<StudioAnnualReview>.Invalid(errors);
        if (s.Status != StudioStatus.Recognised) return Outcome<StudioAnnualReview>.Conflict("review.notRecognised");
        if (await db.Set<StudioAnnualReview>().AnyAsync(x => x.StudioId == id && x.Year == r.Year, ct)) return Outcome<StudioAnnualReview>.Conflict("review.exists", null, r.Year);
        var review = StudioAnnualReview.Of(id, new AnnualOutputs(r.Year!.Value, r.Patents!.Value, r.Projects!.Value, r.Trainees!.Value, r.EconomicBenefitFen!.Value),
            clock.GetUtcNow(), me.Name);
        db.Add(review);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.Entry(review).State = EntityState.Detached; return Outcome<StudioAnnualReview>.Conflict("review.exists", null, r.Year); }
        return Outcome<StudioAnnualReview>.Ok(review);
    }

    /// <summary>Studios in scope by name (keyset on (name, id)), filtered: a district's scope is equality on the studio's district, so
    /// each filter's index (district, [level|status,] name, id) serves the slice in order.</summary>
    public async Task<Slice<InnovationStudio>> ListAsync(StudioFilter f, KeysetRequest request, CancellationToken ct)
    {
        var q = await VisibleAsync(ct);
        if (f.Level is { } level) q = q.Where(s => s.Level == level);
        if (f.Status is { } status) q = q.Where(s => s.Status == status);
        if (f.Kind is { } kind) q = q.Where(s => s.Kind == kind);
        if (!string.IsNullOrWhiteSpace(f.District)) q = q.Where(s => s.DistrictCode == f.District);
        if (!string.IsNullOrWhiteSpace(f.Q)) q = q.Where(s => s.Name.Contains(f.Q) || s.LeaderName.Contains(f.Q));
        return await q.SliceAsync(request, s => s.Name, s => s.Id, descending: false, rows => rows, s => s.Name, s => s.Id, ct);
    }

    /// <summary>Progress to the 2025 targets in the caller's subtree: recognised studios by district and level, the yearly trend and the projection.</summary>
    public async Task<StudioDashboard> DashboardAsync(int? year, CancellationToken ct)
    {
        var y = year ?? Today.Year;
        var q = await VisibleAsync(ct);
        var now = await q.Where(s => s.Status == StudioStatus.Recognised && s.RecognisedYear <= y)
            .GroupBy(s => new { s.DistrictCode, s.Level }).Select(g => new { g.Key.DistrictCode, g.Key.Level, N = g.Count() }).ToListAsync(ct);
        // Revoked later than the year asked for: still recognised at that year's end.
        var revokedLater = await q.Where(s => s.Status == StudioStatus.Revoked && s.RecognisedYear <= y && s.RevokedYear > y)
            .GroupBy(s => new { s.DistrictCode, s.Level }).Select(g => new { g.Key.DistrictCode, g.Key.Level, N = g.Count() }).ToListAsync(ct);
        var cells = now.Concat(revokedLater).GroupBy(c => (c.DistrictCode, c.Level)).ToDictionary(g => g.Key, g => g.Sum(c => c.N));
        var recognised = await q.Where(s => s.RecognisedYear != null).GroupBy(s => new { Y = s.RecognisedYear!.Value, s.Level })
            .Select(g => new { g.Key.Y, g.Key.Level, N = g.Count() }).ToListAsync(ct);
        var revoked = await q.Where(s => s.RevokedYear != null).GroupBy(s => new { Y = s.RevokedYear!.Value, s.Level })
            .Select(g => new { g.Key.Y, g.Key.Level, N = g.Count() }).ToListAsync(ct);
        var pending = await q.CountAsync(s => s.Status == StudioStatus.Applied || s.Status == StudioStatus.UnitReviewed
            || s.Status == StudioStatus.DistrictReviewed || s.Status == StudioStatus.InPublicity, ct);

        var from = recognised.Count == 0 ? y : Math.Min(y, recognised.Min(r => r.Y));
        var trend = TargetProgress.Cumulative(recognised.Select(r => (r.Y, TargetProgress.IsMunicipalOrAbove(r.Level), r.N)),
            revoked.Select(r => (r.Y, TargetProgress.IsMunicipalOrAbove(r.Level), r.N)), from, y);
        var total = cells.Values.Sum();
        var municipal = cells.Where(c => TargetProgress.IsMunicipalOrAbove(c.Key.Level)).Sum(c => c.Value);
        var targets = StudioTargets.Of2025;
        var districts = cells.GroupBy(c => c.Key.DistrictCode)
            .Select(g => new DistrictRow(g.Key, Gonghui.Modules.Organizations.Public.BeijingDistricts.NameOf(g.Key) ?? g.Key ?? "—",
                g.ToDictionary(c => c.Key.Level, c => c.Value), g.Sum(c => c.Value), g.Where(c => TargetProgress.IsMunicipalOrAbove(c.Key.Level)).Sum(c => c.Value)))
            .OrderByDescending(d => d.Total).ThenBy(d => d.DistrictCode).ToList();
        var byLevel = Enum.GetValues<StudioLevel>().ToDictionary(l => l, l => cells.Where(c => c.Key.Level == l).Sum(c => c.Value));
        return new StudioDashboard(y, targets, TargetProgress.Compute(targets, y, trend, total, municipal), districts, byLevel, trend, pending);
    }

    /// <summary>
    /// Runs a step serialised per studio. PostgreSQL: one transaction that first bumps the studio's row (a row lock held to
    /// commit), committed only on success. SQLite: one writer per process.
    /// </summary>
    private async Task<Outcome<T>> PerStudioAsync<T>(Guid id, Func<Task<Outcome<T>>> body, CancellationToken ct)
    {
        if (db.IsNpgsql())
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Set<InnovationStudio>().Where(s => s.Id == id).ExecuteUpdateAsync(x => x.SetProperty(s => s.LockVersion, s => s.LockVersion + 1), ct);
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
