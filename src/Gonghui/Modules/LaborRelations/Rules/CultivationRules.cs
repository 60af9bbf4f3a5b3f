namespace Gonghui.Modules.LaborRelations.Rules;

/// <summary>培育中 → 已认定 (recognised as a harmonious employer, perhaps made a typical example) or 退出培育.</summary>
public enum CultivationStatus { Cultivating = 0, Recognized = 1, Withdrawn = 2 }

/// <summary>An item's result in a legal health check (法治体检): compliant, a minor problem, a major problem.</summary>
public enum ItemVerdict { Compliant = 0, Minor = 1, Major = 2 }

/// <summary>One item of the legal health-check checklist, the law it checks and its weight in the 100-point score.</summary>
public sealed record CheckItem(string Key, string NameZh, string NameEn, string Law, int Weight);

/// <summary>An item as a lawyer team found it.</summary>
public sealed record ItemFinding(string Key, ItemVerdict Result, string? Note, DateOnly? RectifyBy);

/// <summary>What recognition needs, and what the firm has.</summary>
public sealed record RecognitionFacts(int? LatestScore, int OpenFindings, bool OpenAlert, int MonthsCultivated);

/// <summary>
/// Harmonious-employer cultivation (和谐劳动关系企业培育) as data and pure functions: the legal health-check checklist filled by the lawyer team,
/// its score (a compliant item counts its weight, a minor problem half, a major none), rectification deadlines, and the review's criteria
/// for recognition. See docs/labor-relations.md.
/// </summary>
public static class CultivationRules
{
    public static readonly IReadOnlyList<CheckItem> Checklist =
    [
        new("contracts", "劳动合同依法订立", "Written labour contracts signed", "劳动合同法 第十条、第八十二条", 15),
        new("hours", "工时与加班符合规定", "Working hours and overtime within the law", "劳动法 第三十六条、第四十一条", 10),
        new("wages", "工资按时足额支付且不低于最低工资", "Wages paid in full, on time, not below the minimum", "劳动法 第四十八条、第五十条", 15),
        new("insurance", "社会保险足额缴纳", "Social insurance paid in full", "社会保险法 第五十八条、第六十条", 15),
        new("rules", "规章制度经职代会或全体职工讨论", "Workplace rules made with the workers' congress", "劳动合同法 第四条", 10),
        new("congress", "职工代表大会与厂务公开", "Workers' congress and open management", "工会法 第六条", 10),
        new("bargaining", "开展集体协商、签订集体合同", "Collective bargaining and an agreement", "劳动合同法 第五十一条", 10),
        new("safety", "劳动安全卫生与职业病防护", "Safety and occupational health", "安全生产法、职业病防治法", 10),
        new("mediation", "设立劳动争议调解委员会", "A labour-dispute mediation committee", "劳动争议调解仲裁法 第十条", 5),
    ];

    /// <summary>Review criteria (the platform's, as data): the latest check scores at least this, every finding is rectified, no open alert.</summary>
    public const int RecognitionScore = 80;
    /// <summary>…and the firm has been cultivated at least this many months.</summary>
    public const int MinMonths = 6;
    /// <summary>A finding's rectification deadline lies within a year of the check.</summary>
    public const int MaxRectifyDays = 365;

    public static int MaxScore => Checklist.Sum(i => i.Weight);

    /// <summary>The check's score: Σ weight (compliant) + weight / 2 (minor), items not given counting as major.</summary>
    public static int Score(IEnumerable<ItemFinding> findings)
    {
        var by = findings.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Last().Result);
        var score = 0;
        foreach (var item in Checklist)
            if (by.TryGetValue(item.Key, out var r)) score += r switch { ItemVerdict.Compliant => item.Weight, ItemVerdict.Minor => item.Weight / 2, _ => 0 };
        return score;
    }

    /// <summary>The checks of a health check (field, code): every item once, known keys, a deadline for each problem within a year after the check.</summary>
    public static IReadOnlyList<(string Field, string Code)> ValidateCheck(DateOnly? checkedOn, DateOnly enrolledOn, DateOnly today, IReadOnlyList<ItemFinding>? items)
    {
        var e = new List<(string, string)>();
        if (checkedOn is not { } on) e.Add(("checkedOn", "required"));
        else if (on > today) e.Add(("checkedOn", "date.future"));
        else if (on < enrolledOn) e.Add(("checkedOn", "check.beforeEnrolment"));
        if (items is null || items.Count == 0) { e.Add(("items", "required")); return e; }
        for (var i = 0; i < items.Count; i++)
        {
            var f = items[i];
            if (Checklist.All(c => c.Key != f.Key)) e.Add(($"items[{i}].key", "check.unknownItem"));
            else if (items.Take(i).Any(x => x.Key == f.Key)) e.Add(($"items[{i}].key", "check.duplicateItem"));
            if (!Enum.IsDefined(f.Result)) e.Add(($"items[{i}].result", "out-of-range"));
            if (f.Note?.Length > 500) e.Add(($"items[{i}].note", "too-long"));
            if (f.Result != ItemVerdict.Compliant)
            {
                if (f.RectifyBy is not { } by) e.Add(($"items[{i}].rectifyBy", "check.deadlineRequired"));
                else if (checkedOn is { } c && (by <= c || by > c.AddDays(MaxRectifyDays))) e.Add(($"items[{i}].rectifyBy", "check.deadlineRange"));
            }
        }
        var missing = Checklist.Where(c => items.All(f => f.Key != c.Key)).Select(c => c.Key).ToList();
        if (missing.Count > 0) e.Add(("items", "check.incomplete"));
        return e;
    }

    /// <summary>Why a firm may not be recognised yet (codes; empty when it may).</summary>
    public static IReadOnlyList<string> RecognitionBlockers(RecognitionFacts f)
    {
        var r = new List<string>();
        if (f.LatestScore is not { } s) r.Add("cultivation.noCheck");
        else if (s < RecognitionScore) r.Add("cultivation.score");
        if (f.OpenFindings > 0) r.Add("cultivation.openFindings");
        if (f.OpenAlert) r.Add("cultivation.openAlert");
        if (f.MonthsCultivated < MinMonths) r.Add("cultivation.tooSoon");
        return r;
    }

    /// <summary>Whole months from <paramref name="from"/> to <paramref name="to"/> (15 Mar → 14 Sep is 5, → 15 Sep is 6).</summary>
    public static int MonthsBetween(DateOnly from, DateOnly to)
    {
        var m = (to.Year - from.Year) * 12 + to.Month - from.Month;
        if (to.Day < from.Day) m--;
        return Math.Max(0, m);
    }

    /// <summary>Whether a finding is overdue on a day: not rectified and past its deadline.</summary>
    public static bool Overdue(DateOnly? rectifyBy, DateOnly? rectifiedOn, DateOnly today) => rectifiedOn is null && rectifyBy is { } by && today > by;

    /// <summary>Cultivated during [from, to): enrolled before the end and neither recognised nor withdrawn before the start.</summary>
    public static bool CultivatedIn(DateOnly enrolledOn, DateOnly? endedOn, DateOnly from, DateOnly to) => enrolledOn < to && (endedOn is null || endedOn >= from);
}
