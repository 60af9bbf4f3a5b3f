using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Legal.Cases;
using Gonghui.Modules.Legal.Roster;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Money;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Legal.Fees;

public sealed record FeeInput(long? AmountFen, Guid? LawyerId, string? Note);

public sealed record FeeDto(Guid Id, Guid CaseId, Guid LawyerId, string? LawyerName, Guid FundUnitId, int Year, long AmountFen, string? Note, PayableState State,
    string ApprovedBy, DateTimeOffset ApprovedAt, string? PaidBy, DateTimeOffset? PaidAt, Guid? CommitmentEntryId, Guid? PaymentEntryId, Guid? ReversalEntryId)
{
    public static FeeDto Of(LegalAidFee f, string? lawyerName) => new(f.Id, f.CaseId, f.LawyerId, lawyerName, f.FundUnitId, f.Year, f.AmountFen, f.Note, f.State,
        f.ApprovedBy, f.ApprovedAt, f.PaidBy, f.PaidAt, f.CommitmentEntryId, f.PaymentEntryId, f.ReversalEntryId);
}

/// <summary>
/// Legal-aid fees through the fund ledger (<see cref="FundCodes.LegalAid"/>): a fee for a case's lawyer is approved (budget reserved in the
/// legal-aid fund of the case's district union for this year) and then paid once, by someone other than the approver above the four-eyes
/// threshold. The fee row and its ledger entry are written in one transaction.
/// </summary>
internal sealed class FeeHandlers(GonghuiDb db, CurrentUser me, TimeProvider clock, IFundLedger ledger, ApprovedPayments payments)
{
    /// <summary>The ledger source type of a legal-aid fee.</summary>
    public const string PaymentSource = "LegalAidFee";

    internal static readonly PaymentKind Kind = new(FundCodes.LegalAid, PaymentSource, "legal:fee", "fee", "Legal");

    private async Task<LegalCase?> CaseAsync(Guid id, CancellationToken ct) =>
        me.IsStaff ? await db.Set<LegalCase>().AsNoTracking().InScope(await me.ScopePathAsync(ct), c => c.ScopePath).FirstOrDefaultAsync(c => c.Id == id, ct) : null;

    public async Task<IReadOnlyList<FeeDto>?> ListAsync(Guid caseId, CancellationToken ct)
    {
        if (await CaseAsync(caseId, ct) is null) return null;
        var rows = await (from f in db.Set<LegalAidFee>().AsNoTracking()
                          where f.CaseId == caseId
                          orderby f.ApprovedAt, f.Id
                          select new { Fee = f, Name = db.Set<Lawyer>().Where(l => l.Id == f.LawyerId).Select(l => l.Name).FirstOrDefault() }).ToListAsync(ct);
        return rows.Select(r => FeeDto.Of(r.Fee, r.Name)).ToList();
    }

    /// <summary>The fund-keeping union above a path: the deepest of the federation and the district and industry unions that covers it.</summary>
    private async Task<Guid> FundUnitAsync(string path, CancellationToken ct)
    {
        var units = await db.UnitRows().Where(u => u.Depth <= 1).Select(u => new { u.Id, u.Path, u.Depth, u.Kind }).ToListAsync(ct);
        return units.Where(u => (u.Depth == 0 || u.Kind.IsDistrictLevelUnion()) && ScopeFilter.Covers(u.Path, path)).OrderByDescending(u => u.Depth).First().Id;
    }

    public async Task<Outcome<FeeDto>> ApproveAsync(Guid caseId, FeeInput input, CancellationToken ct)
    {
        var c = await CaseAsync(caseId, ct);
        if (c is null) return Outcome<FeeDto>.NotFound();
        var errors = new List<(string, string)>();
        if (input.AmountFen is not { } amount || amount < 1 || amount > Fen.MaxValue) errors.Add(("amountFen", "out-of-range"));
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note is { Length: > 500 }) errors.Add(("note", "too-long"));
        var lawyerId = input.LawyerId ?? c.LawyerId;
        var lawyer = lawyerId is { } lid ? await db.Set<Lawyer>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == lid, ct) : null;
        if (lawyerId is null) errors.Add(("lawyerId", "fee.noLawyer"));
        else if (lawyer is null) errors.Add(("lawyerId", "lawyer-unknown"));
        if (errors.Count > 0) return Outcome<FeeDto>.Invalid(errors);
        var unit = await FundUnitAsync(c.ScopePath, ct);
        var year = BeijingTime.Year(clock);
        var fee = LegalAidFee.Approve(Guid.CreateVersion7(), c.Id, c.ScopePath, lawyer!.Id, unit, year, input.AmountFen!.Value, note, me.Name, clock.GetUtcNow());
        return (await payments.ApproveAsync(Kind, fee, ct)).Map(f => FeeDto.Of(f, lawyer.Name));
    }

    /// <summary>Pays an approved fee through the ledger: once (the ledger key is the fee's), the four-eyes rule against its approver.</summary>
    public async Task<Outcome<FeeDto>> PayAsync(Guid feeId, CancellationToken ct)
    {
        if (!me.IsStaff || !await db.Set<LegalAidFee>().InScope(await me.ScopePathAsync(ct), f => f.ScopePath).AnyAsync(f => f.Id == feeId, ct))
            return Outcome<FeeDto>.NotFound();
        var paid = await payments.PayAsync<LegalAidFee>(Kind, feeId, me.Name, clock.GetUtcNow(), ct);
        if (!paid.IsOk) return paid.As<FeeDto>();
        var name = await db.Set<Lawyer>().Where(l => l.Id == paid.Value!.LawyerId).Select(l => l.Name).FirstOrDefaultAsync(ct);
        return Outcome<FeeDto>.Ok(FeeDto.Of(paid.Value!, name));
    }

    /// <summary>The ledger entries of a fee (commitment, payment, any reversal).</summary>
    public async Task<IReadOnlyList<LedgerEntryView>?> EntriesAsync(Guid feeId, CancellationToken ct)
    {
        if (!me.IsStaff || !await db.Set<LegalAidFee>().InScope(await me.ScopePathAsync(ct), f => f.ScopePath).AnyAsync(f => f.Id == feeId, ct)) return null;
        return await ledger.EntriesForAsync(new SourceRef(PaymentSource, feeId), ct);
    }
}

/// <summary>Paid legal-aid fees as paid records for the fund ledger's reconciliation and reversals.</summary>
internal sealed class LegalAidFeePaidRecords(GonghuiDb db) : ApprovedPaymentRecords<LegalAidFee>(db, FeeHandlers.Kind);
