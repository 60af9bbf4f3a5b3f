namespace Gonghui.Modules.Jobs;

/// <summary>Marker for the Jobs module's resources (JobsText.resx, JobsText.en.resx; edit JobsText.tsv).</summary>
public sealed class JobsText;
