using System.Text;
using Gonghui.Platform.Http;
using Gonghui.Platform.Text;
using Microsoft.Extensions.Localization;

namespace Gonghui.Platform.Charts;

/// <summary>
/// The downloads of one chart, mapped once for every chart: <c>{path}.svg</c> (the markup the page inlines) and
/// <c>{path}.xlsx</c> (the table's figures as numbers). Both call the same handler as the page, in the caller's scope, and
/// declare the chart's one permission. The PNG is drawn in the browser from the page's SVG (wwwroot/js/charts.js).
/// </summary>
public static class ChartEndpoints
{
    /// <summary>Maps the chart's downloads. <paramref name="build"/> is the module's handler; bad query values answer 400 naming the field.</summary>
    public static void MapChart<TSource>(this IEndpointRouteBuilder app, string path, string permission,
        Func<TSource, IQueryCollection, CancellationToken, Task<Outcome<ChartData>>> build) where TSource : notnull
    {
        app.MapGet(path + ".svg", async (HttpContext ctx, TSource source, IStringLocalizer<SharedText> t, CancellationToken ct) =>
        {
            var o = await build(source, ctx.Request.Query, ct);
            if (!o.IsOk) return (IResult)o.ToProblem(t);
            return Results.File(Encoding.UTF8.GetBytes(ChartSvg.Render(o.Value!)), "image/svg+xml", o.Value!.Name + ".svg");
        }).RequireAuthorization(permission).WithTags("Charts");
        app.MapGet(path + ".xlsx", async (HttpContext ctx, TSource source, IStringLocalizer<SharedText> t, CancellationToken ct) =>
        {
            var o = await build(source, ctx.Request.Query, ct);
            if (!o.IsOk) return (IResult)o.ToProblem(t);
            return Results.File(await ChartXlsx.WriteAsync(o.Value!, UnitWord(o.Value!.Unit, t), ct), ChartXlsx.ContentType, o.Value!.Name + ".xlsx");
        }).RequireAuthorization(permission).WithTags("Charts");
    }

    /// <summary>The unit a spreadsheet column names after the series (元, 比率); none for counts.</summary>
    public static string? UnitWord(ChartUnit unit, IStringLocalizer<SharedText> t) => unit switch
    {
        ChartUnit.Fen => t["Chart.Unit.Fen"].Value,
        ChartUnit.Fraction => t["Chart.Unit.Fraction"].Value,
        _ => null,
    };

    /// <summary>An optional whole-number query value; false (and the outcome to answer) when it is present but not a number in range.</summary>
    public static bool TryInt(IQueryCollection q, string name, int min, int max, out int? value, out Outcome<ChartData> invalid)
    {
        value = null;
        invalid = default!;
        var s = q[name].ToString();
        if (s.Length == 0) return true;
        if (int.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= min && v <= max)
        {
            value = v;
            return true;
        }
        invalid = Outcome<ChartData>.Invalid(name, "chart.number", min, max);
        return false;
    }

    /// <summary>The chart's year: from 2000 to 2100.</summary>
    public static Outcome<ChartData>? CheckYear(int year) =>
        year is < 2000 or > 2100 ? Outcome<ChartData>.Invalid("year", "chart.number", 2000, 2100) : null;
}
