using System.Globalization;
using Gonghui.Modules.Reports.Indicators;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Money;

namespace Gonghui.Modules.Reports.Pages;

/// <summary>How the pages and the PDF write a figure: counts with separators, money as 亿元/万元/元 (yuan in English), rates as percentages.</summary>
public static class ReportFormat
{
    private static bool Zh => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    public static string Value(IndicatorUnit unit, long v) => unit switch
    {
        IndicatorUnit.Fen => Zh ? new Fen(v).ToReportString() : (v / 100m).ToString("#,0.00", CultureInfo.InvariantCulture) + " yuan",
        IndicatorUnit.BasisPoints => (v / 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%",
        _ => v.ToString("#,0", CultureInfo.InvariantCulture),
    };

    public static string Change(long? bp) => bp is not { } c ? "—" : (c > 0 ? "+" : "") + (c / 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string ChangeClass(long? bp) => bp switch { null or 0 => "flat", > 0 => "up", _ => "down" };

    public static string Anchor(PartDto p) => "part-" + p.Key;
}
