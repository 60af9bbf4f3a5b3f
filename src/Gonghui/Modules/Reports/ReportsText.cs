namespace Gonghui.Modules.Reports;

/// <summary>Marker for the Reports module's resources (ReportsText.resx, ReportsText.en.resx; edit ReportsText.tsv).</summary>
public sealed class ReportsText;
