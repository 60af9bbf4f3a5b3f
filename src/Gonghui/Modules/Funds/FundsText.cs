namespace Gonghui.Modules.Funds;

/// <summary>Marker for the Funds module's UI strings (FundsText.resx zh-CN, FundsText.en.resx English).</summary>
public sealed class FundsText;
