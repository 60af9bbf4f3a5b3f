using System.Globalization;

namespace Gonghui.Modules.Innovation.Pages;

/// <summary>How the innovation pages show and read values.</summary>
internal static class InnovationFormat
{
    public static string Money(long fen) => new Gonghui.Platform.Money.Fen(fen).ToString();
    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
    public static string District(string? code) => Gonghui.Modules.Organizations.Public.BeijingDistricts.NameOf(code) ?? code ?? "—";

    public static int? Int(string? s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>Yuan text → fen ("12.5" → 1250), exactly; null when it is not an amount.</summary>
    public static long? Yuan(string? s) => Gonghui.Platform.Money.Fen.TryParseYuan(s, out var f) ? f.Value : null;

    public static List<Guid> Ids(string? text) =>
        (text ?? "").Split(['\n', '\r', ',', ' ', '，'], StringSplitOptions.RemoveEmptyEntries).Select(t => Guid.TryParse(t, out var g) ? g : Guid.Empty).ToList();
}
