namespace Gonghui.Modules.Services;

/// <summary>Marker for the Services module's resources (ServicesText.resx, ServicesText.en.resx; edit ServicesText.tsv).</summary>
public sealed class ServicesText;
