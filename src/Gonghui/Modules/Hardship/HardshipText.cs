namespace Gonghui.Modules.Hardship;

/// <summary>Marker for the Hardship module's strings (HardshipText.resx, zh-CN; HardshipText.en.resx, English).</summary>
public sealed class HardshipText;
