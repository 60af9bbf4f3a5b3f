namespace Gonghui.Modules.Venues;

/// <summary>Marker for the Venues module's UI strings (VenuesText.tsv → resx).</summary>
public sealed class VenuesText;
