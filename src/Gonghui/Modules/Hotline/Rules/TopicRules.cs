using System.Globalization;

namespace Gonghui.Modules.Hotline.Rules;

/// <summary>Rules of a monthly topic (每月一题): its month, title, target and closing summary.</summary>
public static class TopicRules
{
    /// <summary>"2026-11" → (2026, 11); null when not a month between 2000-01 and 2099-12.</summary>
    public static (int Year, int Month)? ParseMonth(string? s)
    {
        if (s is null || !DateOnly.TryParseExact(s.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return null;
        return d.Year is >= 2000 and <= 2099 ? (d.Year, d.Month) : null;
    }

    public static string Month(int year, int month) => $"{year:0000}-{month:00}";

    /// <summary>Field errors for promoting an alert: (field, message).</summary>
    public static IEnumerable<(string Field, string Message)> Validate(string? month, string? title, string? target, Guid? leadUnitId)
    {
        if (ParseMonth(month) is null) yield return ("month", "month must be yyyy-MM (2000–2099).");
        if (string.IsNullOrWhiteSpace(title)) yield return ("title", "title is required.");
        else if (title.Trim().Length > 200) yield return ("title", "title must be at most 200 characters.");
        if (string.IsNullOrWhiteSpace(target)) yield return ("target", "target is required (what counts as done).");
        else if (target.Trim().Length > 1000) yield return ("target", "target must be at most 1000 characters.");
        if (leadUnitId is null) yield return ("leadUnitId", "leadUnitId is required.");
    }

    public static IEnumerable<(string Field, string Message)> ValidateText(string field, string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) yield return (field, $"{field} is required.");
        else if (text.Trim().Length > max) yield return (field, $"{field} must be at most {max} characters.");
    }
}
