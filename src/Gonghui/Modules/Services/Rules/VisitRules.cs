using System.Globalization;

namespace Gonghui.Modules.Services.Rules;

/// <summary>How a service reached the member.</summary>
public enum VisitChannel { OnSite = 1, Online = 2, Phone = 3, HomeVisit = 4, QrSignIn = 5 }

/// <summary>The rules of a service visit (服务人次): when it may be recorded, how a sheet's cells read, and what counts as the same visit.</summary>
public static class VisitRules
{
    public const int PlaceMax = 200;

    /// <summary>The channel words a unit's sheet may use (Chinese first, the English names too); empty means on site.</summary>
    private static readonly Dictionary<string, VisitChannel> ChannelWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["现场"] = VisitChannel.OnSite, ["线下"] = VisitChannel.OnSite, ["线上"] = VisitChannel.Online, ["网上"] = VisitChannel.Online,
        ["电话"] = VisitChannel.Phone, ["上门"] = VisitChannel.HomeVisit, ["入户"] = VisitChannel.HomeVisit, ["扫码"] = VisitChannel.QrSignIn,
        ["扫码签到"] = VisitChannel.QrSignIn,
        ["OnSite"] = VisitChannel.OnSite, ["Online"] = VisitChannel.Online, ["Phone"] = VisitChannel.Phone, ["HomeVisit"] = VisitChannel.HomeVisit,
        ["QrSignIn"] = VisitChannel.QrSignIn,
    };

    /// <summary>The channel a cell names; an empty cell is on site; null for a word it does not know.</summary>
    public static VisitChannel? ParseChannel(string? cell) =>
        string.IsNullOrWhiteSpace(cell) ? VisitChannel.OnSite : ChannelWords.TryGetValue(cell.Trim(), out var c) ? c : null;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyyMMdd", "yyyy.M.d"];
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd H:mm", "yyyy/M/d H:mm", "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>
    /// The Beijing date and, when the cell has one, the clock time of a "served at" cell ("2020-07-15", "2020/7/15 9:30", "20200715");
    /// false for anything else. Dates and times are Beijing time as the unit wrote them.
    /// </summary>
    public static bool TryParseWhen(string? cell, out DateOnly date, out TimeOnly? time)
    {
        date = default;
        time = null;
        if (string.IsNullOrWhiteSpace(cell)) return false;
        var s = cell.Trim();
        // The common shape first, without the format machinery: yyyy-MM-dd.
        if (s.Length == 10 && s[4] == '-' && s[7] == '-' && Digits(s, 0, 4, out var y) && Digits(s, 5, 2, out var m) && Digits(s, 8, 2, out var d))
        {
            if (m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(Math.Clamp(y, 1, 9999), m) || y < 1) return false;
            date = new DateOnly(y, m, d);
            return true;
        }
        if (DateOnly.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;
        if (DateTime.TryParseExact(s, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt))
        {
            date = DateOnly.FromDateTime(dt);
            time = TimeOnly.FromDateTime(dt);
            return true;
        }
        return false;
    }

    private static bool Digits(string s, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            var c = s[i];
            if (c is < '0' or > '9') return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    /// <summary>
    /// Why a visit on <paramref name="servedOn"/> may not be recorded against a project of <paramref name="projectYear"/> in
    /// <paramref name="status"/> (a code), or null: not in the future, within the project's year, and only while the project is delivered.
    /// </summary>
    public static string? Check(DateOnly servedOn, DateOnly today, int projectYear, ProjectStatus status)
    {
        if (servedOn > today) return "visit.future";
        if (servedOn.Year != projectYear) return "visit.outsideYear";
        if (!ProjectRules.TakesVisits(status)) return "visit.projectNotDelivering";
        return null;
    }

    /// <summary>
    /// One member, one project, one Beijing day = one visit: the key a file's rows and the table's unique index
    /// (project_id, served_on, member_id) share, packed exactly into 64 bits for the importer's in-memory set from the
    /// project's and the member's numbers within the import (up to 2^20 projects and 2^28 members) and the day since 2000-01-01.
    /// </summary>
    public static ulong PackKey(int projectIndex, int memberIndex, DateOnly servedOn)
    {
        if ((uint)projectIndex >= 1u << 20) throw new ArgumentOutOfRangeException(nameof(projectIndex));
        if ((uint)memberIndex >= 1u << 28) throw new ArgumentOutOfRangeException(nameof(memberIndex));
        var day = servedOn.DayNumber - Epoch;
        if ((uint)day >= 1u << 16) throw new ArgumentOutOfRangeException(nameof(servedOn));
        return (ulong)projectIndex << 44 | (ulong)memberIndex << 16 | (uint)day;
    }

    private static readonly int Epoch = new DateOnly(2000, 1, 1).DayNumber;
}
