using Gonghui.Modules.Funds.Public;

namespace Gonghui.Modules.Legal.Fees;

/// <summary>
/// A legal-aid fee (法律援助律师费): what the union pays a roster lawyer for a case, an <see cref="ApprovedPayment"/> from the legal-aid
/// fund of the case's district union (source <see cref="FeeHandlers.PaymentSource"/>).
/// </summary>
public sealed class LegalAidFee : ApprovedPayment
{
    private LegalAidFee() { }

    public Guid CaseId { get; private set; }
    /// <summary>The roster entry paid (the lawyer who took the case).</summary>
    public Guid LawyerId { get; private set; }
    public string? Note { get; private set; }

    public static LegalAidFee Approve(Guid id, Guid caseId, string scopePath, Guid lawyerId, Guid fundUnitId, int year, long amountFen, string? note, string by,
        DateTimeOffset at)
    {
        var f = new LegalAidFee { CaseId = caseId, LawyerId = lawyerId, Note = note };
        f.Approve(id, scopePath, fundUnitId, year, amountFen, by, at);
        return f;
    }
}
