using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.LaborRelations.Signals;

/// <summary>
/// One signal about an enterprise (风险信号): what kind, on which Beijing date, how many units it counts (a mass layoff counts more),
/// where it came from (a hotline request, a legal case, a layoff report, an opinion item, staff) and the district union whose scope
/// holds it. The risk score is a set-based aggregate over these rows. (<see cref="Source"/>, <see cref="SourceRef"/>) is unique, so
/// taking signals from the hotline and legal aid again adds nothing twice.
/// </summary>
public sealed class RiskSignal : IAudited
{
    private RiskSignal() { }

    public Guid Id { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public string EnterpriseName { get; private set; } = "";
    public SignalKind Kind { get; private set; }
    public DateOnly OccurredOn { get; private set; }
    public int Units { get; private set; } = 1;
    /// <summary>hotline, legal, layoff, opinion, staff.</summary>
    public string Source { get; private set; } = "";
    public string SourceRef { get; private set; } = "";
    public string? Note { get; private set; }
    /// <summary>The district union's organisation path ("/BJ/DC/"), or the root's when the district has none.</summary>
    public string ScopePath { get; private set; } = "";
    /// <summary>GB/T 2260 district code of the enterprise.</summary>
    public string DistrictCode { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public static RiskSignal Of(Guid id, Guid enterpriseId, string enterpriseName, SignalKind kind, DateOnly on, int units, string source, string sourceRef,
        string? note, string scopePath, string districtCode, DateTimeOffset at, string by) => new()
    {
        Id = id, EnterpriseId = enterpriseId, EnterpriseName = enterpriseName, Kind = kind, OccurredOn = on, Units = units, Source = source, SourceRef = sourceRef,
        Note = note, ScopePath = scopePath, DistrictCode = districtCode, CreatedAt = at, CreatedBy = by,
    };
}

/// <summary>A layoff reported to the union (裁员报告) with what Art. 41 says of it.</summary>
public sealed class LayoffReport : IAudited
{
    private LayoffReport() { }

    public Guid Id { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public string EnterpriseName { get; private set; } = "";
    public int Workforce { get; private set; }
    public int LaidOff { get; private set; }
    public DateOnly EffectiveOn { get; private set; }
    public DateOnly? UnionNotifiedOn { get; private set; }
    public bool MassLayoff { get; private set; }
    public DateOnly? NoticeDueBy { get; private set; }
    public bool NoticeLate { get; private set; }
    public string? Reason { get; private set; }
    public string ScopePath { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public static LayoffReport Of(Guid id, Guid enterpriseId, string enterpriseName, LayoffFacts f, LayoffAssessment a, string? reason, string scopePath, DateTimeOffset at, string by) => new()
    {
        Id = id, EnterpriseId = enterpriseId, EnterpriseName = enterpriseName, Workforce = f.Workforce, LaidOff = f.LaidOff, EffectiveOn = f.EffectiveOn, UnionNotifiedOn = f.UnionNotifiedOn,
        MassLayoff = a.MassLayoff, NoticeDueBy = a.NoticeDueBy, NoticeLate = a.NoticeLate, Reason = reason, ScopePath = scopePath, CreatedAt = at, CreatedBy = by,
    };
}

public enum Sentiment { Negative = 0, Neutral = 1, Positive = 2 }

/// <summary>
/// An opinion item (舆情): where it appeared, when, its sentiment, the enterprise (when it names one), category and industry, and whether
/// it is a major incident with how it was handled. A negative item about an enterprise is also a signal.
/// </summary>
public sealed class OpinionItem : IAudited
{
    private OpinionItem() { }

    public Guid Id { get; private set; }
    public string Source { get; private set; } = "";
    public string Title { get; private set; } = "";
    public DateTimeOffset PublishedAt { get; private set; }
    /// <summary>Beijing date of <see cref="PublishedAt"/>: the reports group by it.</summary>
    public DateOnly PublishedOn { get; private set; }
    public Sentiment Sentiment { get; private set; }
    public string Category { get; private set; } = "";
    public string? Industry { get; private set; }
    public Guid? EnterpriseId { get; private set; }
    public string? EnterpriseName { get; private set; }
    public string DistrictCode { get; private set; } = "";
    public string ScopePath { get; private set; } = "";
    public bool Major { get; private set; }
    public string? Handling { get; private set; }
    /// <summary>A stable key (source + title + time) so an imported file given twice adds nothing twice.</summary>
    public string DedupKey { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public static OpinionItem Of(Guid id, string source, string title, DateTimeOffset publishedAt, DateOnly publishedOn, Sentiment sentiment, string category,
        string? industry, Guid? enterpriseId, string? enterpriseName, string districtCode, string scopePath, bool major, string? handling, string dedupKey,
        DateTimeOffset at, string by) => new()
    {
        Id = id, Source = source, Title = title, PublishedAt = publishedAt, PublishedOn = publishedOn, Sentiment = sentiment, Category = category, Industry = industry,
        EnterpriseId = enterpriseId, EnterpriseName = enterpriseName, DistrictCode = districtCode, ScopePath = scopePath, Major = major, Handling = handling,
        DedupKey = dedupKey, CreatedAt = at, CreatedBy = by,
    };

    public void RecordHandling(string handling) => Handling = handling;
}
