using System.Globalization;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.ModelWorkers.Pages;

/// <summary>How the model-worker pages show and read values.</summary>
internal static class MwFormat
{
    public static string Money(long fen) => new Gonghui.Platform.Money.Fen(fen).ToString();
    public static string District(string? code) => Gonghui.Modules.Organizations.Public.BeijingDistricts.NameOf(code) ?? code ?? "—";
    public static string When(DateTimeOffset? at) => at is { } a ? BeijingTime.Format(a) : "—";
    public static string Slot(DateTimeOffset? start, DateTimeOffset? end) =>
        start is { } s && end is { } e ? $"{BeijingTime.Format(s)}–{BeijingTime.ToLocal(e):HH:mm}" : "—";
    public static string Hours(TimeOnly opens, TimeOnly closes, Rules.OpenDays days) =>
        $"{Rules.ReadingRoomRules.DaysZh(days)} {opens.ToString("HH:mm", CultureInfo.InvariantCulture)}–{closes.ToString("HH:mm", CultureInfo.InvariantCulture)}";
    public static string Meters(int m) => m < 1000 ? $"{m} m" : (m / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " km";
    public static string Mark(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);
    public static int? Int(string? s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
    public static long? Yuan(string? s) => Gonghui.Platform.Money.Fen.TryParseYuan(s, out var f) ? f.Value : null;
    public static DateOnly? Date(string? s) => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    /// <summary>A "yyyy-MM-ddTHH:mm" local (Beijing) input → the instant.</summary>
    public static DateTimeOffset? Local(string? s) =>
        DateTime.TryParseExact(s, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? BeijingTime.FromLocal(d) : null;
}
