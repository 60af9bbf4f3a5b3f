using System.Globalization;

namespace Gonghui.Modules.LaborRelations.Rules;

/// <summary>The opinion items' categories and how their fields are read (by hand and from a file alike); pure.</summary>
public static class OpinionRules
{
    /// <summary>Category codes, in report order.</summary>
    public static readonly IReadOnlyList<string> Categories = ["wage-arrears", "layoff", "social-insurance", "contract", "hours", "safety", "collective", "other"];

    private static readonly Dictionary<string, string> CategoryNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["欠薪"] = "wage-arrears", ["拖欠工资"] = "wage-arrears", ["裁员"] = "layoff", ["社保"] = "social-insurance", ["社会保险"] = "social-insurance",
        ["劳动合同"] = "contract", ["工时加班"] = "hours", ["加班"] = "hours", ["安全生产"] = "safety", ["群体事件"] = "collective", ["群体性事件"] = "collective", ["其他"] = "other",
    };

    private static readonly Dictionary<string, string> SentimentNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["负面"] = "Negative", ["negative"] = "Negative", ["中性"] = "Neutral", ["neutral"] = "Neutral", ["正面"] = "Positive", ["positive"] = "Positive",
    };

    /// <summary>A category code from its code or Chinese name, or null.</summary>
    public static string? Category(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (Categories.Contains(t, StringComparer.OrdinalIgnoreCase)) return t.ToLowerInvariant();
        return CategoryNames.GetValueOrDefault(t);
    }

    /// <summary>Negative, Neutral or Positive from 负面/中性/正面 or the English word, or null.</summary>
    public static string? Sentiment(string? text) => string.IsNullOrWhiteSpace(text) ? null : SentimentNames.GetValueOrDefault(text.Trim());

    private static readonly string[] TimeFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm", "yyyy/M/d H:mm:ss", "yyyy-MM-dd", "yyyy/M/d"];

    /// <summary>A Beijing local time from the usual spreadsheet forms (a date alone is midnight), or null.</summary>
    public static DateTime? LocalTime(string? text) =>
        DateTime.TryParseExact(text?.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>是/否, yes/no, true/false, 1/0; empty is no; anything else null.</summary>
    public static bool? YesNo(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "否" or "no" or "false" or "0" => false,
        "是" or "yes" or "true" or "1" => true,
        _ => null,
    };

    /// <summary>The key that makes an item the same item when a file is given twice: source, title and minute.</summary>
    public static string DedupKey(string source, string title, DateTime local) => $"{source.Trim()}|{title.Trim()}|{local:yyyyMMddHHmm}";
}
