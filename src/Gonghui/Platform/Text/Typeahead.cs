using Microsoft.Extensions.Localization;

namespace Gonghui.Platform.Text;

/// <summary>The attributes that turn a large select (units, enterprises, members) into a type-ahead (wwwroot/js/typeahead.js).</summary>
/// <remarks>Splat them on the select: <c>&lt;select id="unit" name="unit" @attributes="Typeahead.Units(T)"&gt;</c>. The script's
/// words come from the page as <c>data-text-*</c> attributes (as every script's do), so they follow the page's language.</remarks>
public static class Typeahead
{
    public static IReadOnlyDictionary<string, object> Units(IStringLocalizer<SharedText> t) => Of(t, "Unit");

    public static IReadOnlyDictionary<string, object> Enterprises(IStringLocalizer<SharedText> t) => Of(t, "Enterprise");

    public static IReadOnlyDictionary<string, object> Members(IStringLocalizer<SharedText> t) => Of(t, "Member");

    private static Dictionary<string, object> Of(IStringLocalizer<SharedText> t, string kind) => new()
    {
        ["data-typeahead"] = kind.ToLowerInvariant(),
        ["data-text-search"] = t["Typeahead.Search"].Value,
        ["data-text-choose"] = t["Typeahead.Choose." + kind].Value,
    };
}
