using System.Globalization;
using System.Text;
using Gonghui.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gonghui.Modules.Organizations.Shared;

/// <summary>Small helpers the registry pages share: query strings, dates, reading a handler's typed result.</summary>
internal static class RegistryUi
{
    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Yuan(long fen) => (fen / 100m).ToString("#,##0.##", CultureInfo.InvariantCulture);

    public static string Url(string path, params (string Key, object? Value)[] query)
    {
        var sb = new StringBuilder(path);
        var first = true;
        foreach (var (k, v) in query)
        {
            var text = v switch { null => null, Guid g => g.ToString(), _ => Convert.ToString(v, CultureInfo.InvariantCulture) };
            if (string.IsNullOrEmpty(text)) continue;
            sb.Append(first ? '?' : '&').Append(k).Append('=').Append(Uri.EscapeDataString(text));
            first = false;
        }
        return sb.ToString();
    }


    /// <summary>Field errors of a 400 from a handler, by field name; a 409's detail under the empty key.</summary>
    public static Dictionary<string, string> Errors(IResult result) => result switch
    {
        ValidationProblem vp => vp.ProblemDetails.Errors.ToDictionary(e => e.Key, e => e.Value.FirstOrDefault() ?? "", StringComparer.OrdinalIgnoreCase),
        ProblemHttpResult p => new(StringComparer.OrdinalIgnoreCase) { [""] = p.ProblemDetails.Detail ?? p.ProblemDetails.Title ?? "" },
        _ => new(StringComparer.OrdinalIgnoreCase),
    };

    /// <summary>Answers 404 while still rendering the page's own not-found text (the status-code page would replace it).</summary>
    public static void NotFound(HttpContext? http, Microsoft.AspNetCore.Components.NavigationManager nav)
    {
        if (http is null || http.Response.HasStarted) return;
        if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        nav.NotFound();
    }

    public static Guid? ParseGuid(string? s) => Guid.TryParse(s, out var g) ? g : null;
}
