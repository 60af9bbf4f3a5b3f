using Gonghui.Modules.Reports.Indicators;
using Gonghui.Platform.Indicators;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Reports.Export;

/// <summary>
/// The report as a workbook (MiniExcel): a cover sheet, then one sheet per part with every figure as a number (counts as
/// integers, money in yuan with two decimals, rates as fractions), its previous-year value, the change, and its definition;
/// then a sheet of the district rankings when the report has them.
/// </summary>
public static class ReportXlsx
{
    public static object? Number(IndicatorUnit unit, long? v) => v is not { } x ? null : unit switch
    {
        IndicatorUnit.Fen => x / 100m,
        IndicatorUnit.BasisPoints => x / 10_000m,
        _ => (object)x,
    };

    public static async Task<MemoryStream> WriteAsync(IndicatorReportDto r, IStringLocalizer<ReportsText> L, CancellationToken ct)
    {
        var sheets = new Dictionary<string, object>
        {
            [L["Xlsx.Cover"]] = new List<Dictionary<string, object?>>
            {
                new() { [L["Xlsx.Item"]] = L["Xlsx.Unit"].Value, [L["Xlsx.Value"]] = r.Unit.Name },
                new() { [L["Xlsx.Item"]] = L["Xlsx.Period"].Value, [L["Xlsx.Value"]] = $"{r.From:yyyy-MM-dd} – {r.To.AddDays(-1):yyyy-MM-dd}" },
                new() { [L["Xlsx.Item"]] = L["Xlsx.HasData"].Value, [L["Xlsx.Value"]] = r.HasData ? L["Yes"].Value : L["NoData"].Value },
            },
        };
        foreach (var part in r.Parts)
        {
            sheets[Sheet(part.Title)] = part.Figures.Select(f => new Dictionary<string, object?>
            {
                [L["Xlsx.Key"]] = f.Key,
                [L["Xlsx.Item"]] = f.Name,
                [L["Xlsx.Value"]] = f.Flag is null ? Number(f.Unit, f.Value) : null,
                [L["Xlsx.UnitOfMeasure"]] = L["Unit." + f.Unit].Value,
                [L["Xlsx.Previous"]] = Number(f.Unit, f.Previous),
                [L["Xlsx.Change"]] = f.ChangeBp is { } c ? c / 10_000m : null,
                [L["Xlsx.Flag"]] = f.Flag is null ? null : L["Flag." + f.Flag].Value,
                [L["Xlsx.Definition"]] = f.Definition,
            }).ToList();
        }
        var ranked = r.Parts.SelectMany(p => p.Figures).Where(f => f.Districts.Count > 0).ToList();
        if (ranked.Count > 0)
            sheets[L["Xlsx.Districts"]] = ranked.SelectMany(f => f.Districts.Select(d => new Dictionary<string, object?>
            {
                [L["Xlsx.Key"]] = f.Key, [L["Xlsx.Item"]] = f.Name, [L["Xlsx.District"]] = d.Name, [L["Xlsx.Value"]] = Number(f.Unit, d.Value), [L["Xlsx.Rank"]] = d.Rank,
            })).ToList();
        var ms = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(ms, sheets, cancellationToken: ct);
        ms.Position = 0;
        return ms;
    }

    /// <summary>A sheet name Excel accepts: at most 31 characters, none of []:*?/\.</summary>
    private static string Sheet(string name)
    {
        var clean = new string(name.Select(c => "[]:*?/\\".Contains(c) ? ' ' : c).ToArray()).Trim();
        return clean.Length > 31 ? clean[..31] : clean.Length == 0 ? "part" : clean;
    }
}
