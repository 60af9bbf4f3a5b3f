namespace Gonghui.Modules.LaborRelations;

/// <summary>Marker for the LaborRelations module's resources (LaborRelationsText.resx, .en.resx; edit LaborRelationsText.tsv).</summary>
public sealed class LaborRelationsText;
