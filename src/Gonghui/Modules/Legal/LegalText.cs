namespace Gonghui.Modules.Legal;

/// <summary>Marker for the Legal module's resources (LegalText.resx, LegalText.en.resx; edit LegalText.tsv).</summary>
public sealed class LegalText;
