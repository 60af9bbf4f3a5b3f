namespace Gonghui.Modules.MutualAid;

/// <summary>Marker for the MutualAid module's UI strings (MutualAidText.resx zh-CN, MutualAidText.en.resx English).</summary>
public sealed class MutualAidText;
