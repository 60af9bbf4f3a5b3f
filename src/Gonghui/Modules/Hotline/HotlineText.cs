namespace Gonghui.Modules.Hotline;

/// <summary>Marker for the hotline module's UI strings (HotlineText.tsv → resx).</summary>
public sealed class HotlineText;
