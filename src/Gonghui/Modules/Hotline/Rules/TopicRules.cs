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

    /// <summary>Field errors for promoting an alert: (field, code of <see cref="HotlineCodes"/>, worded by the hotline's texts).</summary>
    public static IEnumerable<(string Field, string Code)> Validate(string? month, string? title, string? target, Guid? leadUnitId)
    {
        if (ParseMonth(month) is null) yield return ("month", HotlineCodes.TopicMonthInvalid);
        if (string.IsNullOrWhiteSpace(title)) yield return ("title", HotlineCodes.TopicTitleRequired);
        else if (title.Trim().Length > 200) yield return ("title", HotlineCodes.TopicTitleTooLong);
        if (string.IsNullOrWhiteSpace(target)) yield return ("target", HotlineCodes.TopicTargetRequired);
        else if (target.Trim().Length > 1000) yield return ("target", HotlineCodes.TopicTargetTooLong);
        if (leadUnitId is null) yield return ("leadUnitId", HotlineCodes.TopicLeadUnitRequired);
    }

    /// <summary>The longest progress note or closing summary.</summary>
    public const int MaxText = 2000;

    /// <summary>A progress note's or a closing summary's field errors: (field, code).</summary>
    public static IEnumerable<(string Field, string Code)> ValidateText(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) yield return (field, HotlineCodes.TopicTextRequired);
        else if (text.Trim().Length > MaxText) yield return (field, HotlineCodes.TopicTextTooLong);
    }
}
