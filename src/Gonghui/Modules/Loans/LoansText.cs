namespace Gonghui.Modules.Loans;

/// <summary>Marker for the Loans module's UI strings.</summary>
public sealed class LoansText;
