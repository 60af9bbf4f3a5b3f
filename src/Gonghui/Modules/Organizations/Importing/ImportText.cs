using Gonghui.Platform.Text;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Organizations.Importing;

/// <summary>Marker for the import/export resource (ImportText.tsv → ImportText.resx, ImportText.en.resx).</summary>
public sealed class ImportText;

/// <summary>Puts import error codes into words: "code" or "code|arg|arg", looked up in ImportText, then SharedText.</summary>
public sealed class ImportLocalizer(IStringLocalizer<ImportText> text, IStringLocalizer<SharedText> shared)
{
    public string this[string key] => Localize(key);

    public string Localize(string code)
    {
        var parts = code.Split('|');
        var s = text[parts[0]];
        var template = s.ResourceNotFound ? shared[parts[0]] : s;
        return parts.Length == 1 ? template.Value : string.Format(template.Value, parts[1..]);
    }
}
