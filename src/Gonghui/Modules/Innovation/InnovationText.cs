using Gonghui.Platform.Http;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Innovation;

/// <summary>Marker for the Innovation module's resources (InnovationText.resx, InnovationText.en.resx; edit InnovationText.tsv).</summary>
public sealed class InnovationText;

/// <summary>The wording of the module's outcomes for pages (the endpoints word them with the same texts).</summary>
internal static class InnovationWords
{
    /// <summary>The message of a failed use case; "not found" when it found nothing.</summary>
    internal static string Message<T>(Outcome<T> o, IStringLocalizer<InnovationText> t) => o.ErrorText(t, "notFound")!;
}
