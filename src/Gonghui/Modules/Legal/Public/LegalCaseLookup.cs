namespace Gonghui.Modules.Legal.Public;

/// <summary>A legal case as another module may show it: its number, type, status and next deadline; no personal data.</summary>
public sealed record LegalCaseRef(Guid Id, string Number, string Type, bool Closed, DateOnly? NextDue);

/// <summary>What a 12351 request hands to legal aid when staff open a case from it (the caller becomes the worker).</summary>
public sealed record HotlineCaseSeed(Guid HotlineRequestId, string WorkerName, string? WorkerPhone, string? EmployerName, string Summary, DateOnly ReceivedOn);

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
