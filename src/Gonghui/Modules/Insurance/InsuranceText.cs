namespace Gonghui.Modules.Insurance;

/// <summary>Marker for the Insurance module's resources (InsuranceText.resx, InsuranceText.en.resx; edit InsuranceText.tsv).</summary>
public sealed class InsuranceText;
