namespace Gonghui.Platform.Charts;

/// <summary>
/// A chart's figures as a workbook (MiniExcel, as the reports write theirs): one sheet named after the chart, the label
/// column then a column per series, every figure a number (counts as integers, money in yuan, rates as fractions).
/// </summary>
public static class ChartXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The column headings: the label's, then each series' name with its unit when it has one (元, 比率).</summary>
    public static IReadOnlyList<string> Headers(ChartData d, string? unit) =>
        [d.LabelHeader, .. d.Series.Select(s => unit is null ? s.Name : $"{s.Name}（{unit}）")];

    public static async Task<MemoryStream> WriteAsync(ChartData d, string? unit, CancellationToken ct)
    {
        var headers = Headers(d, unit);
        var rows = d.Labels.Select((label, i) =>
        {
            var row = new Dictionary<string, object?> { [headers[0]] = label };
            for (var s = 0; s < d.Series.Count; s++)
                row[headers[s + 1]] = d.Cell(d.Series[s].Values.Count > i ? d.Series[s].Values[i] : null);
            return row;
        }).ToList();
        var ms = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(ms, rows, sheetName: SheetName(d.Title), cancellationToken: ct);
        ms.Position = 0;
        return ms;
    }

    /// <summary>A sheet name Excel accepts: at most 31 characters, none of []:*?/\.</summary>
    public static string SheetName(string name)
    {
        var clean = new string(name.Select(c => "[]:*?/\\".Contains(c) ? ' ' : c).ToArray()).Trim();
        return clean.Length > 31 ? clean[..31] : clean.Length == 0 ? "chart" : clean;
    }
}
