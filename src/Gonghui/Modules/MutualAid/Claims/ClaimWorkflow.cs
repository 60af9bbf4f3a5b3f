using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.MutualAid.Claims;
using Gonghui.Modules.MutualAid.Plans;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Money;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.MutualAid.Claims;

/// <summary>A claim's decisions: approval (recomputed against the yearly cap, ledger commit, one transaction), payment (ledger, four-eyes), rejection.</summary>
internal sealed class ClaimWorkflow(GonghuiDb db, CurrentUser me, IFundLedger ledger, TimeProvider clock, IConfiguration config, ClaimScope scope)
{
    private const string SourceType = ClaimScope.SourceType;

    private const int MaxApproveAttempts = 60;

    /// <summary>
    /// Recomputes against what is left of the member's yearly cap, reserves the payout in the funding unit's mutual-aid fund,
    /// and approves — all in one transaction. The member's accumulator moves by a conditional UPDATE on its version: when
    /// another approval of the same member committed in between, this one rolls back and is recomputed against the new total.
    /// </summary>
    public async Task<Outcome<MutualAidClaim>> ApproveAsync(Guid id, string? key, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1) db.ChangeTracker.Clear(); // forget the losing attempt's state
            var claim = await scope.ClaimAsync(id, track: true, ct);
            if (claim is null) return Outcome<MutualAidClaim>.NotFound();
            if (claim.Status != ClaimStatus.Submitted)
                return key is not null && claim.ApproveKey == key ? Outcome<MutualAidClaim>.Ok(claim, replayed: true) : Outcome<MutualAidClaim>.Conflict("claim.notSubmitted");
            var plan = await db.Set<MutualAidPlan>().AsNoTracking().FirstAsync(p => p.Id == claim.PlanId, ct);
            await scope.EnsureYearTotalAsync(claim.MemberId, claim.PlanId, claim.Year, ct);
            Outcome<MutualAidClaim>? done;
            try
            {
                done = await TryApproveAsync(claim, plan, key, ct);
            }
            catch (Exception e) when (IsWriteConflict(e) && attempt < MaxApproveAttempts)
            {
                done = null;
            }
            if (done is not null) return done;
            if (attempt >= MaxApproveAttempts) return Outcome<MutualAidClaim>.Conflict("claim.busy");
            await Task.Delay(Random.Shared.Next(1, 5 + 2 * attempt), ct);
        }
    }

    /// <summary>One attempt; null when another approval of the same member won the race (nothing was written).</summary>
    private async Task<Outcome<MutualAidClaim>?> TryApproveAsync(MutualAidClaim claim, MutualAidPlan plan, string? key, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var total = await db.Set<MemberYearTotal>().AsNoTracking().Where(t => t.PlanId == claim.PlanId && t.MemberId == claim.MemberId)
            .Select(t => new { t.GrantedFen, t.Version }).FirstAsync(ct);
        claim.Recompute(PayoutRules.Compute(plan.Rules(), claim.Bill, total.GrantedFen), total.GrantedFen);
        if (claim.PayoutFen <= 0) { await tx.RollbackAsync(ct); return Outcome<MutualAidClaim>.Conflict("claim.nothingToPay"); }
        var amount = claim.PayoutFen;
        var moved = await db.Set<MemberYearTotal>()
            .Where(t => t.PlanId == claim.PlanId && t.MemberId == claim.MemberId && t.Version == total.Version)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.GrantedFen, t => t.GrantedFen + amount).SetProperty(t => t.Version, t => t.Version + 1), ct);
        if (moved != 1) { await tx.RollbackAsync(ct); return null; }
        // The ledger joins this transaction; its key is derived from the claim, so a retry never reserves twice.
        var r = await ledger.CommitAsync(FundCodes.MutualAid, claim.FundingUnitId, claim.Year, new Fen(amount), new SourceRef(SourceType, claim.Id), $"mutual-aid:commit:{claim.Id}", ct);
        if (r.Code == LedgerCodes.InsufficientBudget) { await tx.RollbackAsync(ct); return Outcome<MutualAidClaim>.Conflict("claim.insufficientBudget"); }
        if (!r.IsOk) { await tx.RollbackAsync(ct); return Outcome<MutualAidClaim>.Conflict("claim.ledgerRefused"); }
        claim.Approve(r.Value, key ?? $"approve:{claim.Id}", me.Name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<MutualAidClaim>.Ok(claim);
    }

    /// <summary>A write that lost a race: SQLite busy/locked, a PostgreSQL serialization failure or deadlock, or a stale EF row version.</summary>
    private static bool IsWriteConflict(Exception e) => e switch
    {
        DbUpdateConcurrencyException => true,
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode is 5 or 6,
        Npgsql.PostgresException p => p.SqlState is "40001" or "40P01",
        DbUpdateException { InnerException: { } inner } => IsWriteConflict(inner),
        _ => false,
    };

    public async Task<Outcome<MutualAidClaim>> PayAsync(Guid id, string? key, CancellationToken ct)
    {
        var claim = await scope.ClaimAsync(id, track: true, ct);
        if (claim is null) return Outcome<MutualAidClaim>.NotFound();
        if (claim.Status != ClaimStatus.Approved)
            return key is not null && claim.PayKey == key ? Outcome<MutualAidClaim>.Ok(claim, replayed: true) : Outcome<MutualAidClaim>.Conflict("claim.notApproved");
        // Four-eyes: above the threshold the person who approved the claim may not also pay it.
        if (!FourEyes.Allows(claim.PayoutFen, FourEyes.ThresholdFen(config), claim.DecidedBy, me.Name)) return Outcome<MutualAidClaim>.Conflict(FourEyes.Code);
        // One transaction: the ledger's payment (it joins), the claim marked paid and the report's roll-up (PaidRollup).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var r = await ledger.PayAsync(FundCodes.MutualAid, claim.FundingUnitId, claim.Year, new Fen(claim.PayoutFen), new SourceRef(SourceType, claim.Id), $"mutual-aid:pay:{claim.Id}", ct);
        if (r.Code == LedgerCodes.InsufficientBudget) { await tx.RollbackAsync(ct); return Outcome<MutualAidClaim>.Conflict("claim.insufficientBudget"); }
        if (!r.IsOk) { await tx.RollbackAsync(ct); return Outcome<MutualAidClaim>.Conflict("claim.ledgerRefused"); }
        claim.MarkPaid(r.Value, key ?? $"pay:{claim.Id}", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await PaidRollup.ApplyAsync(db, [PaidChange.Paid(claim)], ct);
        await tx.CommitAsync(ct);
        return Outcome<MutualAidClaim>.Ok(claim);
    }

    public async Task<Outcome<MutualAidClaim>> RejectAsync(Guid id, string? reason, CancellationToken ct)
    {
        var claim = await scope.ClaimAsync(id, track: true, ct);
        if (claim is null) return Outcome<MutualAidClaim>.NotFound();
        if (string.IsNullOrWhiteSpace(reason)) return Outcome<MutualAidClaim>.Invalid("reason", "claim.reasonRequired");
        if (reason.Trim().Length > 500) return Outcome<MutualAidClaim>.Invalid("reason", "claim.reasonLength");
        if (claim.Status != ClaimStatus.Submitted) return Outcome<MutualAidClaim>.Conflict("claim.notSubmitted");
        claim.Reject(reason, me.Name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Outcome<MutualAidClaim>.Ok(claim);
    }
}
