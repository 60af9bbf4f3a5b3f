using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Hardship.Assistance;
using Gonghui.Modules.Hardship.Campaigns;
using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Precision;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Money;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;


namespace Gonghui.Modules.Hardship.Assistance;

public sealed record AssistanceInput(AssistanceType? Type, long? AmountFen, DateOnly? On, Guid? ChildMemberId, string? Goods, string? HandedOverBy, string? Note);

public sealed record AssistanceView(Guid Id, AssistanceType Type, long AmountFen, DateOnly On, string Fund, Guid? ChildMemberId, string? Goods, string HandedOverBy,
    string? Note, AssistanceStatus Status, Guid? LedgerEntryId, DateTimeOffset? PaidAt);

/// <summary>Assistance on a file: approval against the caps of the rule book, and payment through the fund ledger.</summary>
public sealed class AssistanceHandlers(HardshipScope scope, GonghuiDb db, CurrentUser me, IServiceProvider services)
{
    private ActorLevel Level => scope.Level;
    private DateTimeOffset Now => scope.Now;
    private HardshipRuleBook rules => scope.Rules;
    public const string LedgerUnavailable = "assistance.ledgerUnavailable";
    public const string InsufficientBudget = "assistance.insufficientBudget";
    public const string LedgerRefused = "assistance.ledgerRefused";
    public const string Concurrent = HardshipScope.Concurrent;
    public const string SourceType = "HardshipAssistance";

    private Task<IQueryable<HardshipFile>> ScopedFilesAsync(CancellationToken ct) => scope.ScopedFilesAsync(ct);

    // ---------------------------------------------------------------- assistance and payment

    public async Task<Outcome<AssistanceView>> ApproveAssistanceAsync(Guid fileId, AssistanceInput input, string? idempotencyKey, CancellationToken ct, Guid? applicationId = null)
    {
        var file = await (await ScopedFilesAsync(ct)).FirstOrDefaultAsync(f => f.Id == fileId, ct);
        if (file is null) return Outcome<AssistanceView>.NotFound();
        if (!string.IsNullOrEmpty(idempotencyKey))
        {
            var again = await db.Set<HardshipAssistance>().AsNoTracking().FirstOrDefaultAsync(a => a.IdempotencyKey == idempotencyKey && a.FileId == fileId, ct);
            if (again is not null) return Outcome<AssistanceView>.Ok(View(again));
        }
        if (input.Type is not { } type) return Outcome<AssistanceView>.Invalid("type", "field.required");
        if (input.AmountFen is not { } amount) return Outcome<AssistanceView>.Invalid("amountFen", "field.required");
        if (string.IsNullOrWhiteSpace(input.HandedOverBy)) return Outcome<AssistanceView>.Invalid("handedOverBy", "field.required");
        var today = BeijingTime.DateOf(Now);
        var on = input.On ?? today;
        if (on > today) return Outcome<AssistanceView>.Invalid("on", "field.dateInFuture");
        if (input.ChildMemberId is { } child
            && !await db.Set<HouseholdMember>().AnyAsync(m => m.Id == child && m.FileId == fileId && (m.Relation == Relation.Child || m.Relation == Relation.Grandchild), ct))
            return Outcome<AssistanceView>.Invalid("childMemberId", "assistance.notAChildOfHousehold");

        var history = (await db.Set<HardshipAssistance>().AsNoTracking().Where(a => a.FileId == fileId && a.Status != AssistanceStatus.Cancelled)
            .Select(a => new { a.Type, a.AmountFen, a.On, a.ChildMemberId }).ToListAsync(ct))
            .Select(a => new PriorAssistance(a.Type, a.AmountFen, a.On, a.ChildMemberId?.ToString("N")));
        var decision = AssistanceRules.Check(new AssistanceRequest(type, file.Grade, file.Status, amount, on, input.ChildMemberId?.ToString("N")), history, rules);
        if (!decision.Ok) return Outcome<AssistanceView>.Conflict(decision.Refusal!, new Fen(decision.StandardFen).ToString());

        var a = HardshipAssistance.Approve(fileId, type, amount, on, decision.Fund!, input.ChildMemberId, input.Goods?.Trim(), input.HandedOverBy.Trim(),
            input.Note?.Trim(), string.IsNullOrEmpty(idempotencyKey) ? null : idempotencyKey, applicationId, me.Name, Now);
        db.Add(a);
        // Serialises assistance per household: a concurrent approval of the same file fails its version check instead of slipping past the cap.
        file.Bump(Now);
        if (type is AssistanceType.WarmthCash or AssistanceType.WarmthGoods)
            file.RecordVisit(HardshipWorkflow.LocalNoon(on), rules, Now);
        db.Add(HardshipEvent.Create(fileId, Now, me.Name, "Assistance", null, null, $"{type} {new Fen(amount)} {input.Goods}".Trim()));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<AssistanceView>.Conflict(Concurrent); }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var again = string.IsNullOrEmpty(idempotencyKey) ? null
                : await db.Set<HardshipAssistance>().AsNoTracking().FirstOrDefaultAsync(x => x.IdempotencyKey == idempotencyKey && x.FileId == fileId, ct);
            return again is null ? Outcome<AssistanceView>.Conflict(Concurrent) : Outcome<AssistanceView>.Ok(View(again));
        }
        return Outcome<AssistanceView>.Ok(View(a));
    }

    internal static AssistanceView View(HardshipAssistance a) =>
        new(a.Id, a.Type, a.AmountFen, a.On, a.Fund, a.ChildMemberId, a.Goods, a.HandedOverBy, a.Note, a.Status, a.LedgerEntryId, a.PaidAt);

    /// <summary>
    /// Pays an approved piece of assistance through the fund ledger. The ledger pays a source at most once and the
    /// idempotency key is derived from the record, so a retry or a concurrent second request never pays twice. One transaction
    /// holds the ledger's payment (it joins), the record marked paid and the report's roll-up (<see cref="AssistanceRollup"/>).
    /// </summary>
    public async Task<Outcome<AssistanceView>> PayAsync(Guid assistanceId, CancellationToken ct)
    {
        var scoped = await ScopedFilesAsync(ct);
        var a = await db.Set<HardshipAssistance>().FirstOrDefaultAsync(x => x.Id == assistanceId && scoped.Any(f => f.Id == x.FileId), ct);
        if (a is null) return Outcome<AssistanceView>.NotFound();
        if (a.Status == AssistanceStatus.Paid) return Outcome<AssistanceView>.Ok(View(a));
        // A reversed payment is not paid again under the same record (the ledger would only replay the reversed entry).
        if (a.Status is AssistanceStatus.Cancelled or AssistanceStatus.Reversed) return Outcome<AssistanceView>.Conflict(HardshipWorkflow.IllegalTransition);
        // Four-eyes: above the threshold the person who approved the assistance (CreatedBy) may not also pay it.
        if (!FourEyes.Allows(a.AmountFen, FourEyes.ThresholdFen(services.GetRequiredService<IConfiguration>()), a.CreatedBy, me.Name))
            return Outcome<AssistanceView>.Conflict(FourEyes.Code);
        var file = await db.Set<HardshipFile>().AsNoTracking().FirstAsync(f => f.Id == a.FileId, ct);
        var ledger = services.GetService<IFundLedger>();
        if (ledger is null) return Outcome<AssistanceView>.Conflict(LedgerUnavailable);
        var source = new SourceRef(SourceType, a.Id);
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var result = await ledger.PayAsync(a.Fund, file.DistrictUnitId, a.Year, new Fen(a.AmountFen), source, $"hardship-assistance:{a.Id:N}", ct);
        if (!result.IsOk)
        {
            if (tx is not null) await tx.RollbackAsync(ct);
            // A concurrent request for the same record may have won the race inside the ledger: its payment, and the record marked
            // paid in the same transaction, are ours.
            if (tx is not null && result.Code == LedgerCodes.Refused && await ledger.PaymentOfAsync(source, ct) is { } won && won.Amount.Value == a.AmountFen)
                return await PaidViewAsync(a.Id, ct);
            return result.Code == LedgerCodes.InsufficientBudget
                ? Outcome<AssistanceView>.Conflict(InsufficientBudget, result.Detail)
                : Outcome<AssistanceView>.Conflict(LedgerRefused, result.Detail);
        }
        a.MarkPaid(result.Value, Now);
        db.Add(HardshipEvent.Create(a.FileId, Now, me.Name, "Paid", null, null, $"{a.Type} {new Fen(a.AmountFen)} ({a.Fund})"));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) when (tx is not null)
        {
            // The status is the record's concurrency token: a concurrent payment marked it paid (and moved the roll-up) first; the
            // ledger replayed its payment to us. Ours moves nothing.
            await tx.RollbackAsync(ct);
            return await PaidViewAsync(a.Id, ct);
        }
        await AssistanceRollup.ApplyAsync(db, [AssistanceChange.Paid(a, file.OrgUnitId)], ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return Outcome<AssistanceView>.Ok(View(a));
    }

    private async Task<Outcome<AssistanceView>> PaidViewAsync(Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return Outcome<AssistanceView>.Ok(View(await db.Set<HardshipAssistance>().AsNoTracking().FirstAsync(x => x.Id == id, ct)));
    }
}
