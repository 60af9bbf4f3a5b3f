using Gonghui.Platform.Calendars;
using System.Text.Json;
using Gonghui.Modules.Hotline.Deadlines;
using Gonghui.Modules.Hotline.Rules;

namespace Gonghui.Modules.Hotline.Requests;

/// <summary>Settings under Gonghui:Hotline.</summary>
public sealed class HotlineOptions
{
    public RateWeights RateWeights { get; set; } = RateWeights.Default;
    /// <summary>API keys accepted by POST /open311/v2/requests.json.</summary>
    public List<string> Open311ApiKeys { get; set; } = [];
    /// <summary>Code of the unit that takes psychological-help requests at any hour.</summary>
    public string CounsellingUnitCode { get; set; } = "PSY";
    /// <summary>Group intake writes into one transaction (group commit). Off = one SaveChanges per request.</summary>
    public bool IntakeBatching { get; set; } = true;
    /// <summary>How often the overdue scan and the outbox loop run (seconds).</summary>
    public int LoopSeconds { get; set; } = 30;
    /// <summary>Optional file with deadline rules replacing the shipped deadline-rules.json.</summary>
    public string? DeadlineRulesFile { get; set; }
    /// <summary>Attachment limits: MaxBytes, MaxFiles, Types (Gonghui:Hotline:Attachments:…).</summary>
    public AttachmentLimits Attachments { get; set; } = new();
    /// <summary>
    /// Categories whose text is never published (Open311 and other public pages): null keeps the defaults
    /// (psych-help, legal-advice, hardship); a configured list replaces them (Gonghui:Hotline:SensitiveCategories:0 …).
    /// </summary>
    public List<string>? SensitiveCategories { get; set; }

    /// <summary>The sensitive categories in force.</summary>
    public IReadOnlyCollection<string> Sensitive => SensitiveCategories is { Count: > 0 } list ? list : Rules.PublicText.DefaultSensitiveCategories;
}

/// <summary>The loaded category taxonomy (categories.json): two levels, Chinese and English names.</summary>
public sealed class CategoryTaxonomy
{
    public sealed record Node(string Code, string Zh, string En, List<Node>? Children);

    public IReadOnlyList<Node> Top { get; }

    public CategoryTaxonomy(IReadOnlyList<Node> top) => Top = top;

    public static CategoryTaxonomy Shipped() =>
        new(JsonSerializer.Deserialize<File>(HotlineData.Read("categories.json"), WorkCalendar.JsonOptions)!.Categories);

    public bool IsValid(string? category, string? sub) =>
        Top.FirstOrDefault(c => c.Code == category) is { } c && (string.IsNullOrEmpty(sub) || (c.Children ?? []).Any(x => x.Code == sub));

    public string Name(string code, bool zh = true)
    {
        foreach (var c in Top)
        {
            if (c.Code == code) return zh ? c.Zh : c.En;
            foreach (var s in c.Children ?? []) if (s.Code == code) return zh ? s.Zh : s.En;
        }
        return code;
    }

    private sealed record File(List<Node> Categories);
}
