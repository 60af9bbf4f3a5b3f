namespace Gonghui.Modules.FeeRefunds;

/// <summary>Marker for the FeeRefunds module's UI strings.</summary>
public sealed class FeeRefundsText;
