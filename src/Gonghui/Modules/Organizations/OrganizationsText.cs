namespace Gonghui.Modules.Organizations;

/// <summary>Marker for the registry's UI and error strings (OrganizationsText.tsv → resx).</summary>
public sealed class OrganizationsText;
