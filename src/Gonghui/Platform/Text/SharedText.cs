using System.Resources;

[assembly: NeutralResourcesLanguage("zh-CN")]

namespace Gonghui.Platform.Text;

/// <summary>Marker for the shell's and platform's UI strings (SharedText.resx is zh-CN, SharedText.en.resx English).</summary>
public sealed class SharedText;
