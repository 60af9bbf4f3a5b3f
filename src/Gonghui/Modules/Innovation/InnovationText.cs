namespace Gonghui.Modules.Innovation;

/// <summary>Marker for the Innovation module's resources (InnovationText.resx, InnovationText.en.resx; edit InnovationText.tsv).</summary>
public sealed class InnovationText;
