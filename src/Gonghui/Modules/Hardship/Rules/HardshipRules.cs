using Gonghui.Platform.Calendars;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gonghui.Modules.Hardship.Rules;

public enum HardshipGrade { DeepHardship = 1, RelativeHardship = 2, AccidentHardship = 3 }

public enum HardshipCause
{
    SeriousIllness = 1, Disability = 2, ChildEducation = 3, Unemployment = 4, Accident = 5, Disaster = 6, SingleParent = 7,
    LowWage = 8, ElderlyCare = 9, Other = 99,
}

public enum AssistanceType { WarmthCash = 1, WarmthGoods = 2, EducationGrant = 3, MedicalRelief = 4, EmploymentHelp = 5, SummerRelief = 6 }

public enum SchoolStage { Primary = 1, Secondary = 2, Vocational = 3, Undergraduate = 4, Postgraduate = 5 }

/// <summary>A poverty line for one year and district ("*" = every district), per person per month, in fen.</summary>
public sealed record PovertyLine(int Year, string District, long MinimumLiving, long LowIncome);

/// <summary>The standard for one assistance type: fund, amount by grade, how often.</summary>
public sealed record AssistanceStandard(AssistanceType Type, string Fund, Dictionary<HardshipGrade, long> Amounts, int? PerYear, int? PerChildPerSchoolYear);

public sealed record DocumentLimits(long MaxBytes, string[] Types);

/// <summary>The hardship rule book, loaded from data (hardship-rules.json or the file Gonghui:Hardship:RulesFile names).</summary>
public sealed record HardshipRuleBook(
    PovertyLine[] Lines,
    int AccidentIncomeMultiplePercent,
    HardshipCause[] AccidentCauses,
    int EnrolmentNoticeDays,
    int ExitNoticeWorkingDays,
    int FollowUpMonths,
    int VisitIntervalMonths,
    int ReverifyMonths,
    long HouseholdCapPerYear,
    AssistanceStandard[] Assistance,
    Dictionary<SchoolStage, long> EducationStandards,
    int SampleSizePerDistrict,
    DocumentLimits Documents)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>The line for a year and district: a district's own line wins over the city-wide "*" line.</summary>
    public PovertyLine? LineFor(int year, string? district) =>
        Lines.FirstOrDefault(l => l.Year == year && l.District == district) ?? Lines.FirstOrDefault(l => l.Year == year && l.District == "*");

    public AssistanceStandard? StandardFor(AssistanceType type) => Assistance.FirstOrDefault(a => a.Type == type);

    /// <summary>The platform's working-day calendar (notice periods count working days on it); the shipped one unless the host supplies its own.</summary>
    [JsonIgnore] public Func<WorkCalendar>? CalendarSource { get; init; }
    public WorkCalendar Calendar => CalendarSource?.Invoke() ?? WorkCalendar.Shipped();

    public static HardshipRuleBook Parse(string json)
    {
        var book = JsonSerializer.Deserialize<HardshipRuleBook>(json, Options) ?? throw new InvalidOperationException("Empty hardship rules.");
        var problems = new List<string>();
        if (book.Lines is null || book.Lines.Length == 0) problems.Add("lines: at least one poverty line is required");
        else
            foreach (var l in book.Lines)
                if (l.MinimumLiving <= 0 || l.LowIncome < l.MinimumLiving) problems.Add($"lines {l.Year}/{l.District}: need 0 < minimumLiving <= lowIncome");
        if (book.EnrolmentNoticeDays < 1) problems.Add("enrolmentNoticeDays must be 1 or more");
        if (book.ExitNoticeWorkingDays < 5) problems.Add("exitNoticeWorkingDays must be at least 5 (policy minimum)");
        if (book.FollowUpMonths < 6) problems.Add("followUpMonths must be at least 6 (policy minimum)");
        if (book.Assistance is null || book.Assistance.Length == 0) problems.Add("assistance: standards are required");
        if (problems.Count > 0) throw new InvalidOperationException("Hardship rules are invalid: " + string.Join("; ", problems));
        return book;
    }

    /// <summary>The rules shipped with the platform (embedded hardship-rules.json).</summary>
    public static HardshipRuleBook Default => _default ??= LoadEmbedded();
    private static HardshipRuleBook? _default;

    private static HardshipRuleBook LoadEmbedded()
    {
        var asm = typeof(HardshipRuleBook).Assembly;
        var name = asm.GetManifestResourceNames().Single(n => n.EndsWith("hardship-rules.json", StringComparison.Ordinal));
        using var s = asm.GetManifestResourceStream(name)!;
        using var r = new StreamReader(s);
        return Parse(r.ReadToEnd());
    }

    public static HardshipRuleBook From(IConfiguration config)
    {
        var file = config["Gonghui:Hardship:RulesFile"];
        return string.IsNullOrWhiteSpace(file) ? Default : Parse(File.ReadAllText(file));
    }
}
