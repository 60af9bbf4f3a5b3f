using Gonghui.Modules.Funds.Public;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Loans;

/// <summary>
/// Loans as paid records for the fund ledger: a disbursed or repaid loan was paid out in full. Reversing a disbursement marks
/// the loan reversed; a loan with repayments refuses (the repayments went back to the fund as budget and must be undone first).
/// </summary>
internal sealed class LoanPaidRecords(GonghuiDb db, TimeProvider clock) : IPaidRecordSource
{
    public string SourceType => LoansModule.SourceType;
    public string Module => "Loans";

    public IQueryable<PaidRecordRow> PaidRecords() =>
        db.Set<Loan>().AsNoTracking().Where(l => l.Status == LoanStatus.Disbursed || l.Status == LoanStatus.Repaid)
            .Select(l => new PaidRecordRow { Id = l.Id, AmountFen = l.AmountFen, Year = l.FundYear ?? 0 });

    public async Task<string?> PaymentReversedAsync(Guid recordId, Guid reversalEntryId, string reason, CancellationToken ct)
    {
        var loan = await db.Set<Loan>().FirstOrDefaultAsync(l => l.Id == recordId, ct);
        if (loan is null || loan.Status is not (LoanStatus.Disbursed or LoanStatus.Repaid)) return null;
        if (loan.RepaidFen != 0 || loan.Status == LoanStatus.Repaid) return "The loan has repayments; a disbursement with repayments cannot be reversed.";
        var at = clock.GetUtcNow();
        loan.MarkReversed(reversalEntryId, reason, at);
        db.Add(LoanEvent.Of(loan.Id, "reversed", at, db.Actor.Name, loan.AmountFen, reason));
        await db.SaveChangesAsync(ct);
        return null;
    }
}
