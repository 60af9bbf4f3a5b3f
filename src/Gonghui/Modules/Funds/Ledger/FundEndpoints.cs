using Gonghui.Modules.Funds.Ledger;
using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Money;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Funds.Ledger;

public sealed record FundBalanceDto(string FundCode, Guid OrgUnitId, string UnitName, string UnitPath, int Year, long BudgetFen, long CommittedFen, long PaidFen, long AvailableFen);
public sealed record FundDetailDto(FundBalanceDto Balance, Slice<LedgerEntryView> Entries);
public sealed record AllocateBudgetRequest(string? FundCode, Guid? OrgUnitId, int? Year, long? AmountFen);
public sealed record ReverseRequest(string? Reason);
/// <summary>What a posting answered: the entry written (201) or, for a repeat of the same request, the entry written the first time (200).</summary>
public sealed record LedgerPostingDto(Guid EntryId, bool AlreadyDone);

internal static class FundEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";
    /// <summary>The stable code of an allocation refused because the parent unit's available budget is too small.</summary>
    public const string ExceedsParentBudget = "funds.allocation.exceedsParentBudget";

    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/", () => TypedResults.Ok(FundCodes.All));
        g.MapGet("/balances", Balances);
        g.MapGet("/{fundCode}/{unitId:guid}/{year:int}", Detail);
        g.MapPost("/allocations", Allocate).RequireAuthorization(Permissions.FundsAllocate);
        g.MapPost("/entries/{id:guid}/reversal", Reverse).RequireAuthorization(Permissions.FundsReverse);
        g.MapGet("/reconciliation", Reconcile).RequireAuthorization(Permissions.AuditRead);
    }

    internal static FundBalanceDto ToDto(FundBalance b, UnitRow u) =>
        new(b.FundCode, b.OrgUnitId, u.Name, u.Path, b.Year, b.Budget.Value, b.Committed.Value, b.Paid.Value, b.Available.Value);

    /// <summary>Balances of every fund of every unit in the caller's subtree for a year; narrowed by fund and unit.</summary>
    public static async Task<Results<Ok<List<FundBalanceDto>>, ValidationProblem>> Balances(int? year, string? fund, Guid? unitId, GonghuiDb db, FundLedger ledger, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var y = year ?? BeijingTime.Year(clock); // the budget year is the calendar year in Beijing
        var errors = new Api.Errors();
        if (fund is not null && !FundCodes.IsKnown(fund)) errors.Add("fund", "Unknown fund.");
        if (errors.Any) return errors.Problem();
        var scope = await me.ScopePathAsync(ct);
        var unitIds = await db.Set<LedgerAccount>().AsNoTracking().Where(a => a.Year == y).Select(a => a.OrgUnitId).Distinct()
            .Join(db.UnitRows().InScope(scope, u => u.Path), id => id, u => u.Id, (id, u) => u).ToListAsync(ct);
        if (unitId is not null) unitIds = unitIds.Where(u => u.Id == unitId).ToList();
        var units = unitIds.ToDictionary(u => u.Id);
        var balances = await ledger.BalancesAsync(y, units.Keys, ct);
        return TypedResults.Ok(balances.Where(b => fund is null || b.FundCode == fund)
            .Select(b => ToDto(b, units[b.OrgUnitId])).OrderBy(b => b.UnitPath, StringComparer.Ordinal).ThenBy(b => b.FundCode, StringComparer.Ordinal).ToList());
    }

    public static async Task<Results<Ok<FundDetailDto>, NotFound, ValidationProblem>> Detail(string fundCode, Guid unitId, int year, string? after, string? before, int? limit,
        GonghuiDb db, FundLedger ledger, CurrentUser me, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        if (!FundCodes.IsKnown(fundCode)) return TypedResults.NotFound();
        var unit = await UnitInScopeAsync(db, me, unitId, ct);
        if (unit is null) return TypedResults.NotFound();
        var balance = await ledger.BalanceAsync(fundCode, unitId, year, ct);
        return TypedResults.Ok(new FundDetailDto(ToDto(balance, unit), await ledger.EntriesAsync(fundCode, unitId, year, request, ct)));
    }

    /// <summary>Grants budget to a unit. The federation allocates anywhere; a district allocates to units below it.</summary>
    public static async Task<Results<Created<LedgerPostingDto>, Ok<LedgerPostingDto>, ValidationProblem, NotFound, ProblemHttpResult>> Allocate(
        AllocateBudgetRequest body, [FromHeader(Name = IdempotencyHeader)] string? key, GonghuiDb db, FundLedger ledger, CurrentUser me, IStringLocalizer<FundsText> t, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!FundCodes.IsKnown(body.FundCode)) errors.Add("fundCode", "Choose a known fund.");
        if (body.OrgUnitId is null) errors.Add("orgUnitId", "The unit is required.");
        if (body.Year is null or < 2000 or > 2100) errors.Add("year", "The year must be between 2000 and 2100.");
        if (body.AmountFen is null or <= 0) errors.Add("amountFen", "The amount must be more than zero.");
        if (string.IsNullOrWhiteSpace(key) || key.Length > FundLedger.MaxKeyLength) errors.Add(IdempotencyHeader, "An Idempotency-Key header of 1 to 200 characters is required.");
        if (errors.Any) return errors.Problem();
        if (!me.IsInRole(Roles.FederationAdmin) && !me.IsInRole(Roles.DistrictStaff)) return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Only federation and district staff allocate budgets.");
        var unit = await UnitInScopeAsync(db, me, body.OrgUnitId!.Value, ct);
        if (unit is null) return TypedResults.NotFound();
        if (!me.IsInRole(Roles.FederationAdmin) && unit.Id == me.OrgUnitId) return Api.Conflict("A district cannot allocate budget to itself; the federation does.");
        // Budget flows down the tree: the federation root is granted budget from outside; any other unit's allocation is
        // drawn from its parent's available budget in the same transaction, and refused beyond it.
        var amount = new Fen(body.AmountFen!.Value);
        if (unit.ParentId is not { } parent)
            return Posted(await ledger.AllocateBudgetAsync(body.FundCode!, unit.Id, body.Year!.Value, amount, "alloc:" + key, ct), t);
        var r = await ledger.AllocateFromParentAsync(body.FundCode!, parent, unit.Id, body.Year!.Value, amount, "alloc:" + key, ct);
        if (r.Code == LedgerCodes.InsufficientBudget)
            r = Outcome<Guid>.Conflict(ExceedsParentBudget, r.Detail) with { Title = ExceedsParentBudget };
        return Posted(r, t);
    }

    public static async Task<Results<Created<LedgerPostingDto>, Ok<LedgerPostingDto>, ValidationProblem, NotFound, ProblemHttpResult>> Reverse(
        Guid id, ReverseRequest body, [FromHeader(Name = IdempotencyHeader)] string? key, GonghuiDb db, FundLedger ledger, CurrentUser me, IStringLocalizer<FundsText> t, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (string.IsNullOrWhiteSpace(body.Reason)) errors.Add("reason", "A reason is required.");
        if (string.IsNullOrWhiteSpace(key) || key.Length > FundLedger.MaxKeyLength) errors.Add(IdempotencyHeader, "An Idempotency-Key header of 1 to 200 characters is required.");
        if (errors.Any) return errors.Problem();
        var entry = await ledger.EntryAsync(id, ct);
        if (entry is null || await UnitInScopeAsync(db, me, entry.OrgUnitId, ct) is null) return TypedResults.NotFound();
        return Posted(await ledger.ReverseAsync(id, body.Reason!, "rev:" + key, ct), t);
    }

    public static async Task<Ok<ReconciliationReport>> Reconcile(int? year, FundLedger ledger, CancellationToken ct) =>
        TypedResults.Ok(await ledger.ReconcileAsync(year, ct));

    /// <summary>A posting as HTTP: 201 with the new entry, 200 for a repeat, 409 with the ledger's code and reason, 404.</summary>
    private static Results<Created<LedgerPostingDto>, Ok<LedgerPostingDto>, ValidationProblem, NotFound, ProblemHttpResult> Posted(Outcome<Guid> o, IStringLocalizer<FundsText> t) =>
        o.ToCreatedResult(id => $"/api/v1/funds/entries/{id}", id => new LedgerPostingDto(id, o.Replayed), t);

    internal static async Task<UnitRow?> UnitInScopeAsync(GonghuiDb db, CurrentUser me, Guid unitId, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        return await db.UnitRows().InScope(scope, u => u.Path).FirstOrDefaultAsync(u => u.Id == unitId, ct);
    }
}
