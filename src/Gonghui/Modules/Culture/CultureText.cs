namespace Gonghui.Modules.Culture;

/// <summary>Marker for the Culture module's resources (CultureText.resx, CultureText.en.resx; edit CultureText.tsv).</summary>
public sealed class CultureText;
