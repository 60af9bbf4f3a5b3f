using Gonghui.Modules.Hardship.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Money;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Hardship.Pages;

/// <summary>How the hardship pages show dates, money and districts (Beijing time, ¥, district names).</summary>
internal static class HardshipFormat
{
    public static string Date(DateTimeOffset? t) => t is { } v ? BeijingTime.FormatDate(v) : "—";
    public static string Time(DateTimeOffset t) => BeijingTime.Format(t);
    public static string Money(long fen) => new Fen(fen).ToString();
    public static string District(string? code) =>
        System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("en")
            ? BeijingDistricts.All.FirstOrDefault(d => d.Code == code).NameEn ?? code ?? ""
            : BeijingDistricts.NameOf(code) ?? code ?? "";
    public static string Percent(int? bp) => bp is { } b ? $"{b / 100}.{b % 100:00}%" : "—";
    public static long? ParseYuan(string? s) => Fen.TryParseYuan(s, out var f) && f.Value >= 0 ? f.Value : null;
}
