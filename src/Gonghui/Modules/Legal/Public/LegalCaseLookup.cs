namespace Gonghui.Modules.Legal.Public;

/// <summary>
/// A legal case as another module may show it: its number, type, status and next deadline, and the organisation path of the
/// union handling it (so a link to it is shown only to those whose scope covers it); no personal data.
/// </summary>
public sealed record LegalCaseRef(Guid Id, string Number, string Type, bool Closed, DateOnly? NextDue, string ScopePath = "");

/// <summary>What a 12351 request hands to legal aid when staff open a case from it (the caller becomes the worker).</summary>
/// <paramref name="EmployerId"/> is the registry's enterprise when the request named one (labour-relations signals count cases by it).
public sealed record HotlineCaseSeed(Guid HotlineRequestId, string WorkerName, string? WorkerPhone, string? EmployerName, string Summary, DateOnly ReceivedOn,
    Guid? EmployerId = null);

/// <summary>The Legal module's narrow interface: the cases opened from a hotline request, and opening one from it.</summary>
public interface ILegalCases
{
    /// <summary>The cases opened from <paramref name="hotlineRequestId"/> that the caller may see.</summary>
    Task<IReadOnlyList<LegalCaseRef>> ForHotlineRequestAsync(Guid hotlineRequestId, CancellationToken ct);

    /// <summary>
    /// Opens a consultation case from a hotline request in the caller's unit (or answers the one already opened from it):
    /// staff then add the claims and dates on the case page. Null when the caller may not open cases.
    /// </summary>
    Task<LegalCaseRef?> OpenFromHotlineAsync(HotlineCaseSeed seed, CancellationToken ct);
}
