using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Insurance.Claims;
using Gonghui.Modules.Insurance.Schemes;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Money;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Insurance.Claims;

/// <summary>A claim's decisions: review, approve (ledger commitment), pay (ledger payment), reject — serialised per insured person.</summary>
internal sealed class ClaimWorkflow(GonghuiDb db, CurrentUser me, InsuranceScope scope, IFundLedger ledger, TimeProvider clock, IConfiguration config)
{
    // SQLite has one writer: approvals and payments of this process queue here (the per-person lock of PostgreSQL is a row lock).
    private static readonly SemaphoreSlim SqliteGate = new(1, 1);

    /// <summary>A reviewer has checked the documents: the claim goes to approval.</summary>
    public async Task<Outcome<AccidentClaim>> ReviewAsync(Guid id, string? key, string? note, CancellationToken ct)
    {
        var seen = await scope.ClaimAsync(id, ct);
        if (seen is null || !me.IsStaff) return Outcome<AccidentClaim>.NotFound();
        if (note?.Trim().Length > 500) return Outcome<AccidentClaim>.Invalid("note", "claim.reasonLength");
        return await PerPersonAsync(seen.CoverId, async () =>
        {
            var claim = await db.Set<AccidentClaim>().FirstAsync(c => c.Id == id, ct);
            if (claim.Status != AccidentClaimStatus.Submitted)
                return key is not null && claim.ReviewKey == key ? Outcome<AccidentClaim>.Ok(claim, true) : Outcome<AccidentClaim>.Conflict("claim.notSubmitted");
            var at = clock.GetUtcNow();
            claim.Review(key ?? $"review:{claim.Id}", me.Name, at);
            db.Add(AccidentClaimEvent.Of(claim.Id, ClaimEventKind.Reviewed, at, me.Name, string.IsNullOrWhiteSpace(note) ? null : note.Trim()));
            await db.SaveChangesAsync(ct);
            return Outcome<AccidentClaim>.Ok(claim);
        }, ct);
    }

    /// <summary>
    /// Under the insured person's lock: recomputes against what the person was granted so far, reserves the payout in the funding
    /// unit's accident fund (ledger commitment), counts it against the person's caps and approves — all or nothing.
    /// </summary>
    public async Task<Outcome<AccidentClaim>> ApproveAsync(Guid id, string? key, CancellationToken ct)
    {
        var seen = await scope.ClaimAsync(id, ct);
        if (seen is null || !me.IsStaff) return Outcome<AccidentClaim>.NotFound();
        return await PerPersonAsync(seen.CoverId, async () =>
        {
            var claim = await db.Set<AccidentClaim>().FirstAsync(c => c.Id == id, ct);
            if (claim.Status != AccidentClaimStatus.Reviewed)
                return key is not null && claim.ApproveKey == key ? Outcome<AccidentClaim>.Ok(claim, true)
                    : Outcome<AccidentClaim>.Conflict(claim.Status == AccidentClaimStatus.Submitted ? "claim.notReviewed" : "claim.notOpen");
            var cover = await db.Set<InsuranceCover>().FirstAsync(c => c.Id == claim.CoverId, ct);
            var scheme = await db.Set<InsuranceScheme>().AsNoTracking().FirstAsync(s => s.Id == claim.SchemeId, ct);
            var payout = AccidentPayoutRules.Compute(scheme.Schedule(), scheme.Terms(), claim.Facts, cover.Position());
            if (!payout.Covered) return Outcome<AccidentClaim>.Conflict(payout.Refusal!, payout.Lines[0].Arg);
            if (payout.AmountFen <= 0) return Outcome<AccidentClaim>.Conflict("claim.nothingToPay");
            // The ledger key is derived from the claim: a retry, with or without a header, never reserves twice.
            var r = await ledger.CommitAsync(FundCodes.Accident, claim.FundingUnitId, claim.Year, new Fen(payout.AmountFen), new SourceRef(AccidentClaim.SourceType, claim.Id), $"insurance:commit:{claim.Id}", ct);
            if (r.Code == LedgerCodes.InsufficientBudget) return Outcome<AccidentClaim>.Conflict("claim.insufficientBudget");
            if (!r.IsOk) return Outcome<AccidentClaim>.Conflict("claim.ledgerRefused");
            var at = clock.GetUtcNow();
            // Entities change only after the ledger call, so the one audited save below is the transaction's last write.
            claim.Approve(payout, r.Value, key ?? $"approve:{claim.Id}", me.Name, at);
            cover.Grant(payout.MedicalFen, payout.BenefitFen);
            db.Add(AccidentClaimEvent.Of(claim.Id, ClaimEventKind.Approved, at, me.Name, null, payout.AmountFen));
            await db.SaveChangesAsync(ct);
            return Outcome<AccidentClaim>.Ok(claim);
        }, ct);
    }

    /// <summary>Pays an approved claim through the ledger (releasing its commitment); a claim is never paid twice.</summary>
    public async Task<Outcome<AccidentClaim>> PayAsync(Guid id, string? key, CancellationToken ct)
    {
        var seen = await scope.ClaimAsync(id, ct);
        if (seen is null || !me.IsStaff) return Outcome<AccidentClaim>.NotFound();
        return await PerPersonAsync(seen.CoverId, async () =>
        {
            var claim = await db.Set<AccidentClaim>().FirstAsync(c => c.Id == id, ct);
            if (claim.Status != AccidentClaimStatus.Approved)
                return key is not null && claim.PayKey == key ? Outcome<AccidentClaim>.Ok(claim, true) : Outcome<AccidentClaim>.Conflict(claim.Status == AccidentClaimStatus.Paid ? "claim.alreadyPaid" : "claim.notApproved");
            // Four-eyes: above the threshold the person who approved the claim may not also pay it.
            if (!FourEyes.Allows(claim.PayoutFen, FourEyes.ThresholdFen(config), claim.DecidedBy, me.Name)) return Outcome<AccidentClaim>.Conflict(FourEyes.Code);
            var r = await ledger.PayAsync(FundCodes.Accident, claim.FundingUnitId, claim.Year, new Fen(claim.PayoutFen), new SourceRef(AccidentClaim.SourceType, claim.Id), $"insurance:pay:{claim.Id}", ct);
            if (r.Code == LedgerCodes.InsufficientBudget) return Outcome<AccidentClaim>.Conflict("claim.insufficientBudget");
            if (!r.IsOk) return Outcome<AccidentClaim>.Conflict("claim.ledgerRefused");
            var at = clock.GetUtcNow();
            claim.MarkPaid(r.Value, key ?? $"pay:{claim.Id}", at);
            db.Add(AccidentClaimEvent.Of(claim.Id, ClaimEventKind.Paid, at, me.Name, null, claim.PayoutFen));
            await db.SaveChangesAsync(ct);
            return Outcome<AccidentClaim>.Ok(claim);
        }, ct);
    }

    public async Task<Outcome<AccidentClaim>> RejectAsync(Guid id, string? reason, CancellationToken ct)
    {
        var seen = await scope.ClaimAsync(id, ct);
        if (seen is null || !me.IsStaff) return Outcome<AccidentClaim>.NotFound();
        if (string.IsNullOrWhiteSpace(reason)) return Outcome<AccidentClaim>.Invalid("reason", "claim.reasonRequired");
        if (reason.Trim().Length > 500) return Outcome<AccidentClaim>.Invalid("reason", "claim.reasonLength");
        return await PerPersonAsync(seen.CoverId, async () =>
        {
            var claim = await db.Set<AccidentClaim>().FirstAsync(c => c.Id == id, ct);
            if (!claim.IsOpen) return Outcome<AccidentClaim>.Conflict("claim.notOpen");
            var at = clock.GetUtcNow();
            claim.Reject(reason, me.Name, at);
            db.Add(AccidentClaimEvent.Of(claim.Id, ClaimEventKind.Rejected, at, me.Name, reason.Trim()));
            await db.SaveChangesAsync(ct);
            return Outcome<AccidentClaim>.Ok(claim);
        }, ct);
    }

    /// <summary>
    /// Runs a decision serialised per insured person. PostgreSQL: one transaction that first bumps the person's cover row
    /// (a row lock held to commit; the ledger joins the transaction), committed only on success. SQLite: one writer per
    /// process, the ledger keyed by the claim so a retry after a failure in between completes the same decision.
    /// </summary>
    private async Task<Outcome<AccidentClaim>> PerPersonAsync(Guid coverId, Func<Task<Outcome<AccidentClaim>>> body, CancellationToken ct)
    {
        if (db.IsNpgsql())
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Set<InsuranceCover>().Where(c => c.Id == coverId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LockVersion, c => c.LockVersion + 1), ct);
            var result = await body();
            if (result.IsOk && !result.Replayed) await tx.CommitAsync(ct);
            else await tx.RollbackAsync(ct);
            return result;
        }
        await SqliteGate.WaitAsync(ct);
        try { return await body(); }
        finally { SqliteGate.Release(); }
    }
}
