using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Services.Rules;
using Gonghui.Modules.Services.Visits;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Money;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Services.Projects;

/// <summary>A project application: what, for whom, when and for how much.</summary>
public sealed record ApplyProjectInput(string? Name, int? Year, ServiceCategory? Category, TargetGroup? TargetGroup, long? BudgetFen, int? PlannedVisits,
    DateOnly? StartsOn, DateOnly? EndsOn, string? Description);

public sealed record RejectProjectInput(string? Reason);

/// <summary>Acceptance (验收): what was spent (at most the budget; paid through the ledger) and the evaluation score 0–100 with a note.</summary>
public sealed record AcceptProjectInput(long? SpentFen, int? Score, string? Note);

/// <summary>Filters of the project list.</summary>
public sealed record ProjectFilter(int? Year = null, ProjectStatus? Status = null, ServiceCategory? Category = null, ServiceTier? Tier = null, string? Q = null);

/// <summary>A project with its owner's name and its visits so far (counted over the unique index).</summary>
public sealed record ProjectView(ServiceProject Project, string OwnerName, long Visits, long Members);

/// <summary>A list row: the project and its owner's name.</summary>
public sealed record ProjectRow(ServiceProject Project, string OwnerName);

/// <summary>
/// Service projects: apply, decide, deliver and accept under the three-tier rules; the budget is reserved in the ledger on approval
/// and what was spent is paid on acceptance, in the same transaction as the step. Staff see their subtree.
/// </summary>
public sealed class ProjectHandlers(GonghuiDb db, CurrentUser me, IFundLedger ledger, TimeProvider clock)
{
    public const string SourceType = "ServiceProject";

    public DateOnly Today => BeijingTime.Today(clock);

    /// <summary>Projects the caller may see: staff their subtree (by district column or path), nobody else.</summary>
    public async Task<IQueryable<ServiceProject>> VisibleAsync(CancellationToken ct)
    {
        var q = db.Set<ServiceProject>().AsNoTracking();
        if (!me.IsStaff) return q.Where(p => false);
        return q.InScope(await me.ScopePathAsync(ct), p => p.ScopePath, p => p.District);
    }

    public async Task<Slice<ProjectRow>> ListAsync(ProjectFilter f, KeysetRequest request, CancellationToken ct)
    {
        var q = await VisibleAsync(ct);
        if (f.Year is { } year) q = q.Where(p => p.Year == year);
        if (f.Status is { } status) q = q.Where(p => p.Status == status);
        if (f.Category is { } category) q = q.Where(p => p.Category == category);
        if (f.Tier is { } tier) q = q.Where(p => p.Tier == tier);
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var text = f.Q.Trim();
            q = q.Where(p => p.Code == text || p.Name.Contains(text));
        }
        var units = db.UnitRows();
        return await q.SliceAsync(request, p => p.AppliedAt, p => p.Id, descending: true,
            rows => rows.Join(units, p => p.OwnerUnitId, u => u.Id, (p, u) => new ProjectRow(p, u.Name)), r => r.Project.AppliedAt, r => r.Project.Id, ct);
    }

    public async Task<ProjectView?> GetAsync(Guid id, CancellationToken ct)
    {
        var p = await (await VisibleAsync(ct)).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return null;
        var owner = await db.UnitRows().Where(u => u.Id == p.OwnerUnitId).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "";
        var visits = db.Set<ServiceVisit>().Where(v => v.ProjectId == id);
        var count = await visits.LongCountAsync(ct);
        var members = count == 0 ? 0 : await visits.Select(v => v.MemberId).Distinct().LongCountAsync(ct);
        return new ProjectView(p, owner, count, members);
    }

    /// <summary>Apply for a project in the caller's own unit: the tier follows the unit's place in the tree.</summary>
    public async Task<Outcome<ServiceProject>> ApplyAsync(ApplyProjectInput input, CancellationToken ct)
    {
        if (me.OrgUnitId is not { } unitId) return Outcome<ServiceProject>.Conflict("project.noUnit");
        var errors = ProjectRules.Validate(new ProjectDraft(input.Name, input.Year, input.Category, input.TargetGroup, input.BudgetFen, input.PlannedVisits,
            input.StartsOn, input.EndsOn), Today.Year);
        var description = input.Description?.Trim();
        if (description is { Length: > 2000 }) errors.Add(("description", "too-long"));
        if (errors.Count > 0) return Outcome<ServiceProject>.Invalid(errors);
        var unit = await db.UnitRows().Where(u => u.Id == unitId).Select(u => new { u.Path, u.Depth }).FirstOrDefaultAsync(ct);
        if (unit is null) return Outcome<ServiceProject>.Conflict("project.noUnit");
        var p = ServiceProject.Apply(Guid.CreateVersion7(), input.Name!.Trim(), input.Year!.Value, unitId, unit.Path, unit.Depth, input.Category!.Value,
            input.TargetGroup!.Value, string.IsNullOrEmpty(description) ? null : description, input.StartsOn, input.EndsOn, input.BudgetFen!.Value,
            input.PlannedVisits ?? 0, clock.GetUtcNow(), me.Name);
        db.Add(p);
        await db.SaveChangesAsync(ct);
        return Outcome<ServiceProject>.Ok(p);
    }

    /// <summary>Approve: the approving tier (or above) in scope, not the applicant; reserves the budget in the ledger in the same transaction.</summary>
    public Task<Outcome<ServiceProject>> ApproveAsync(Guid id, CancellationToken ct) => DecideAsync(id, ProjectAction.Approve, async p =>
    {
        if (p.BudgetFen == 0) return null;
        var r = await ledger.CommitAsync(p.FundCode, await FundUnitAsync(p, ct), p.Year, new Fen(p.BudgetFen), new SourceRef(SourceType, p.Id),
            $"services:project:commit:{p.Id}", ct);
        if (!r.IsOk) return r.Code == LedgerCodes.InsufficientBudget ? "project.budgetExceeded" : "project.ledgerRefused";
        p.Approved(r.Value);
        return null;
    }, ct);

    public async Task<Outcome<ServiceProject>> RejectAsync(Guid id, RejectProjectInput input, CancellationToken ct)
    {
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > 500) return Outcome<ServiceProject>.Invalid("reason", reason.Length == 0 ? "required" : "too-long");
        return await DecideAsync(id, ProjectAction.Reject, p => { p.Rejected(reason); return Task.FromResult<string?>(null); }, ct);
    }

    /// <summary>Delivery steps are the owner's (its unit or above in scope).</summary>
    public Task<Outcome<ServiceProject>> StartDeliveryAsync(Guid id, CancellationToken ct) => StepAsync(id, ProjectAction.StartDelivery, _ => Task.FromResult<string?>(null), ct);

    public Task<Outcome<ServiceProject>> FinishDeliveryAsync(Guid id, CancellationToken ct) => StepAsync(id, ProjectAction.FinishDelivery, _ => Task.FromResult<string?>(null), ct);

    /// <summary>Acceptance with its evaluation, by the approving tier: pays what was spent (≤ the budget) through the ledger, grades the project.</summary>
    public async Task<Outcome<ServiceProject>> AcceptAsync(Guid id, AcceptProjectInput input, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (input.Score is not { } score || score is < 0 or > 100) errors.Add(("score", input.Score is null ? "required" : "project.scoreRange"));
        var note = input.Note?.Trim();
        if (note is { Length: > 1000 }) errors.Add(("note", "too-long"));
        if (errors.Count > 0) return Outcome<ServiceProject>.Invalid(errors);
        return await DecideAsync(id, ProjectAction.Accept, async p =>
        {
            if (ProjectRules.ValidateSpent(input.SpentFen, p.BudgetFen) is { } spentError) return "spentFen:" + spentError;
            var spent = input.SpentFen!.Value;
            Guid? paid = null;
            if (spent > 0)
            {
                var r = await ledger.PayAsync(p.FundCode, await FundUnitAsync(p, ct), p.Year, new Fen(spent), new SourceRef(SourceType, p.Id),
                    $"services:project:pay:{p.Id}", ct);
                if (!r.IsOk) return r.Code == LedgerCodes.InsufficientBudget ? "project.budgetExceeded" : "project.ledgerRefused";
                paid = r.Value;
            }
            var visits = await db.Set<ServiceVisit>().LongCountAsync(v => v.ProjectId == p.Id, ct);
            p.Evaluate(spent, paid, input.Score!.Value, ProjectRules.Grade(input.Score.Value, visits, p.PlannedVisits), string.IsNullOrEmpty(note) ? null : note);
            return null;
        }, ct);
    }

    /// <summary>The unit whose budget a project spends: the federation for city projects, the district union otherwise.</summary>
    private async Task<Guid> FundUnitAsync(ServiceProject p, CancellationToken ct)
    {
        if (p.Tier == ServiceTier.City) return p.OwnerUnitId;
        var district = p.District;
        return await db.UnitRows().Where(u => u.Path == district).Select(u => u.Id).FirstAsync(ct);
    }

    /// <summary>A step of the approving tier: approve, reject, accept.</summary>
    private async Task<Outcome<ServiceProject>> DecideAsync(Guid id, ProjectAction action, Func<ServiceProject, Task<string?>> effect, CancellationToken ct)
    {
        if (me.OrgUnitId is not { } unitId) return Outcome<ServiceProject>.NotFound();
        var depth = await db.UnitRows().Where(u => u.Id == unitId).Select(u => (int?)u.Depth).FirstOrDefaultAsync(ct);
        return await StepAsync(id, action, async p =>
        {
            // Acceptance is by the approving tier too, and never by the applicant (the project is in scope: StepAsync loaded it so).
            if (ProjectRules.CanDecide(p.Tier, depth ?? int.MaxValue, true, me.Name, p.AppliedBy) is { } refused) return refused;
            return await effect(p);
        }, ct);
    }

    private async Task<Outcome<ServiceProject>> StepAsync(Guid id, ProjectAction action, Func<ServiceProject, Task<string?>> effect, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        if (!me.IsStaff) return Outcome<ServiceProject>.NotFound();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var p = await db.Set<ServiceProject>().InScope(scope, x => x.ScopePath).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return Outcome<ServiceProject>.NotFound();
        if (ProjectRules.Next(p.Status, action) is null) return Outcome<ServiceProject>.Conflict("project.wrongState", null, p.Status.ToString());
        if (await effect(p) is { } code)
        {
            if (code.StartsWith("spentFen:", StringComparison.Ordinal)) return Outcome<ServiceProject>.Invalid("spentFen", code["spentFen:".Length..]);
            return Outcome<ServiceProject>.Conflict(code, null, p.Year);
        }
        p.Apply(action, clock.GetUtcNow(), me.Name);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<ServiceProject>.Conflict("project.changed"); }
        await tx.CommitAsync(ct);
        return Outcome<ServiceProject>.Ok(p);
    }
}
