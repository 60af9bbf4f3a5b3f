using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Loans.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Money;
using Gonghui.Platform.Notifications;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Loans.Applications;

/// <summary>
/// A loan's life after the application: approval (ledger commit), rejection, disbursement (ledger payment, four-eyes above the
/// threshold) and repayments (back to the fund as budget); each once per idempotency key.
/// </summary>
internal sealed class LoanWorkflow(GonghuiDb db, CurrentUser me, IFundLedger ledger, TimeProvider clock, IConfiguration config, LoanQueries queries)
{
    private const string SourceType = LoanQueries.SourceType;
    private DateOnly Today => queries.Today;

    /// <summary>A refusal (409) with its stable code, which is also the problem's title for loan clients.</summary>
    private static Outcome<Loan> Refused(string code) => Outcome<Loan>.Conflict(code) with { Title = code };

    private Task<Loan?> FindAsync(Guid id, bool track, CancellationToken ct) => queries.FindAsync(id, track, ct);

    /// <summary>A retry with a key already used for this loan and action answers with the current state; a key used elsewhere is a conflict.</summary>
    private async Task<Outcome<Loan>?> ReplayAsync(Loan l, string action, string? key, CancellationToken ct)
    {
        if (key is null) return null;
        var seen = await db.Set<LoanIdempotencyKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Key == key, ct);
        if (seen is null) return null;
        return seen.LoanId == l.Id && seen.Action == action ? Outcome<Loan>.Ok(l, replayed: true) : Refused("loan.keyReused");
    }

    public async Task<Outcome<Loan>> ApproveAsync(Guid id, string? key, CancellationToken ct, DateTimeOffset? at = null)
    {
        var l = await FindAsync(id, track: true, ct);
        if (l is null) return Outcome<Loan>.NotFound();
        if (await ReplayAsync(l, "approve", key, ct) is { } replay) return replay;
        if (l.Status != LoanStatus.Applied) return Refused("loan.notApplied");
        var now = at ?? clock.GetUtcNow();
        var year = BeijingTime.DateOf(now).Year;
        // The ledger key is derived from the loan, so a retry (with or without a header) never reserves twice.
        var r = await ledger.CommitAsync(FundCodes.Loan, l.FundingUnitId, year, new Fen(l.AmountFen), new SourceRef(SourceType, l.Id), $"loan:commit:{l.Id}", ct);
        if (r.Code == LedgerCodes.InsufficientBudget) return Refused("loan.insufficientBudget");
        if (!r.IsOk) return Refused("loan.ledgerRefused");
        l.Approve(r.Value, year);
        db.Add(LoanEvent.Of(l.Id, "approved", now, me.Name, l.AmountFen));
        if (key is not null) db.Add(LoanIdempotencyKey.Of(key, l.Id, "approve", now));
        return await SaveOrReplayAsync(l, "approve", key, ct);
    }

    public async Task<Outcome<Loan>> RejectAsync(Guid id, string? reason, CancellationToken ct)
    {
        var l = await FindAsync(id, track: true, ct);
        if (l is null) return Outcome<Loan>.NotFound();
        if (string.IsNullOrWhiteSpace(reason)) return Outcome<Loan>.Invalid("reason", "loan.reasonRequired");
        if (reason.Trim().Length > 500) return Outcome<Loan>.Invalid("reason", "loan.reasonLength");
        if (l.Status != LoanStatus.Applied) return Refused("loan.notApplied");
        l.Reject(reason.Trim());
        db.Add(LoanEvent.Of(l.Id, "rejected", clock.GetUtcNow(), me.Name, null, reason.Trim()));
        return await SaveOrReplayAsync(l, "reject", null, ct);
    }

    /// <summary>Pays the loan out through the ledger; <paramref name="on"/> is the disbursement date (today by default, never in the future).</summary>
    public async Task<Outcome<Loan>> DisburseAsync(Guid id, string? key, DateOnly? on, CancellationToken ct, DateTimeOffset? at = null)
    {
        var l = await FindAsync(id, track: true, ct);
        if (l is null) return Outcome<Loan>.NotFound();
        if (await ReplayAsync(l, "disburse", key, ct) is { } replay) return replay;
        var today = at is { } a ? BeijingTime.DateOf(a) : Today;
        var date = on ?? today;
        if (date > today) return Outcome<Loan>.Invalid("on", "loan.dateFuture");
        if (l.Status != LoanStatus.Approved) return Refused("loan.notApproved");
        if (date < BeijingTime.DateOf(l.AppliedAt)) return Outcome<Loan>.Invalid("on", "loan.dateBeforeApplied");
        // Four-eyes: above the threshold the person who approved the loan (its "approved" event) may not also disburse it.
        var threshold = FourEyes.ThresholdFen(config);
        if (l.AmountFen > threshold)
        {
            var approver = await db.Set<LoanEvent>().Where(e => e.LoanId == l.Id && e.Kind == "approved").OrderByDescending(e => e.At).Select(e => e.Actor).FirstOrDefaultAsync(ct);
            if (!FourEyes.Allows(l.AmountFen, threshold, approver, me.Name)) return Refused(FourEyes.Code);
        }
        var now = at ?? clock.GetUtcNow();
        var r = await ledger.PayAsync(FundCodes.Loan, l.FundingUnitId, l.FundYear ?? date.Year, new Fen(l.AmountFen), new SourceRef(SourceType, l.Id), $"loan:pay:{l.Id}", ct);
        if (r.Code == LedgerCodes.InsufficientBudget) return Refused("loan.insufficientBudget");
        if (!r.IsOk) return Refused("loan.ledgerRefused");
        l.Disburse(r.Value, date);
        db.Add(LoanEvent.Of(l.Id, "disbursed", now, me.Name, l.AmountFen, date.ToString("yyyy-MM-dd")));
        if (key is not null) db.Add(LoanIdempotencyKey.Of(key, l.Id, "disburse", now));
        return await SaveOrReplayAsync(l, "disburse", key, ct);
    }

    /// <summary>
    /// Records a repayment once per key. It may not exceed the early-payoff amount as of its date; paying that amount in full
    /// repays the loan. The money returns to the funding unit's loan fund as budget (ledger allocation keyed by the repayment).
    /// </summary>
    public async Task<Outcome<Loan>> RepayAsync(Guid id, long? amountFen, DateOnly? on, string? key, CancellationToken ct, DateTimeOffset? at = null)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 150) return Outcome<Loan>.Invalid("Idempotency-Key", "loan.keyRequired");
        if (amountFen is null or <= 0) return Outcome<Loan>.Invalid("amountFen", "loan.amount");
        var l = await FindAsync(id, track: true, ct);
        if (l is null) return Outcome<Loan>.NotFound();
        var now = at ?? clock.GetUtcNow();
        var today = BeijingTime.DateOf(now);
        var seen = await db.Set<LoanRepayment>().AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, ct);
        if (seen is not null)
        {
            if (seen.LoanId != l.Id) return Refused("loan.keyReused");
            await ReturnToFundAsync(l, seen, ct); // finishes a first attempt that stopped before the ledger
            return Outcome<Loan>.Ok(l, replayed: true);
        }
        if (l.Status != LoanStatus.Disbursed) return Refused("loan.notDisbursed");
        var date = on ?? today;
        if (date > today) return Outcome<Loan>.Invalid("on", "loan.dateFuture");
        if (date < l.DisbursedOn) return Outcome<Loan>.Invalid("on", "loan.dateBeforeDisbursed");
        var payoff = LoanRules.EarlyPayoff(l.Schedule(), l.RepaidFen, date);
        if (amountFen > payoff) return Outcome<Loan>.Invalid("amountFen", "loan.overpaid");
        l.Repay(amountFen.Value, payoff, date);
        var rep = LoanRepayment.Create(l.Id, date, amountFen.Value, key, me.Name, now);
        db.Add(rep);
        db.Add(LoanEvent.Of(l.Id, "repayment", now, me.Name, amountFen, date.ToString("yyyy-MM-dd")));
        if (l.Status == LoanStatus.Repaid) db.Add(LoanEvent.Of(l.Id, "repaid", now.AddMilliseconds(1), me.Name, l.RepaidFen)); // after the repayment that completes it
        var saved = await SaveOrReplayAsync(l, "repay", key, ct);
        if (saved.IsOk && !saved.Replayed) await ReturnToFundAsync(l, rep, ct);
        return saved;
    }

    /// <summary>
    /// Saves a state change. When a simultaneous request changed the loan first (version check) or recorded the same key
    /// (unique index), the loan is re-read: the same key answers as a replay, anything else is a conflict to retry.
    /// </summary>
    private async Task<Outcome<Loan>> SaveOrReplayAsync(Loan l, string action, string? key, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome<Loan>.Ok(l);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var fresh = await FindAsync(l.Id, track: false, ct);
            if (fresh is null) return Outcome<Loan>.NotFound();
            var done = key is not null && (action == "repay"
                ? await db.Set<LoanRepayment>().AnyAsync(r => r.Key == key && r.LoanId == l.Id, ct)
                : await db.Set<LoanIdempotencyKey>().AnyAsync(k => k.Key == key && k.LoanId == l.Id && k.Action == action, ct));
            return done ? Outcome<Loan>.Ok(fresh, replayed: true) : Refused("loan.concurrent");
        }
    }

    private Task<Outcome<Guid>> ReturnToFundAsync(Loan l, LoanRepayment r, CancellationToken ct) =>
        ledger.AllocateBudgetAsync(FundCodes.Loan, l.FundingUnitId, r.On.Year, new Fen(r.AmountFen), $"loan:repay:{r.Id}", ct);
}
