using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gonghui.Modules.LaborRelations.Rules;

/// <summary>The kinds of signal a union holds about an enterprise.</summary>
public enum SignalKind
{
    /// <summary>A 12351 request about wage arrears (拖欠工资) naming the enterprise.</summary>
    HotlineWageArrears = 0,
    /// <summary>A 12351 request marked collective (群体性诉求) naming the enterprise.</summary>
    HotlineCollective = 1,
    /// <summary>A legal-aid or mediation case against the enterprise.</summary>
    LegalCase = 2,
    /// <summary>A reported layoff (经济性裁员), weighted by Art. 41.</summary>
    Layoff = 3,
    /// <summary>Arrears of social-insurance contributions (欠缴社保).</summary>
    InsuranceArrears = 4,
    /// <summary>A negative opinion item (负面舆情) about the enterprise.</summary>
    Opinion = 5,
    /// <summary>A collective incident (群体性事件: stoppage, petition, gathering).</summary>
    CollectiveIncident = 6,
}

public enum RiskLevel { Green = 0, Yellow = 1, Orange = 2, Red = 3 }

/// <summary>One kind's weight: points per unit, the window of days (ending on the day scored) its signals count in, and the most units counted.</summary>
public sealed record SignalWeight(SignalKind Kind, int Weight, int WindowDays, int Cap);

/// <summary>One term of a score: the units seen in the window, those counted (capped), the weight and the points.</summary>
public sealed record RiskTerm(SignalKind Kind, int Units, int Counted, int Weight, int WindowDays, int Cap, DateOnly WindowFrom, int Points);

/// <summary>A score that explains itself: its terms (one per kind, in model order), the total and the level.</summary>
public sealed record RiskExplanation(DateOnly AsOf, IReadOnlyList<RiskTerm> Terms, int Score, RiskLevel Level);

/// <summary>
/// The transparent risk score (劳动关系风险评分), as data (<c>Rules/risk-model.json</c>): score = Σ over kinds of weight × min(units in
/// the kind's window, cap); the level is the highest threshold the score reaches. The same model generates the set-based SQL that
/// recomputes every enterprise, and explains one enterprise term by term.
/// </summary>
public sealed record RiskModel(IReadOnlyList<SignalWeight> Weights, int Yellow, int Orange, int Red, RiskLevel AlertFrom)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The model shipped with the module (embedded <c>risk-model.json</c>).</summary>
    public static RiskModel Default { get; } = Load();

    private static RiskModel Load()
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("LaborRelations.risk-model.json")
            ?? throw new FileNotFoundException("Embedded LaborRelations risk-model.json is missing.");
        var m = JsonSerializer.Deserialize<RiskModel>(s, Json) ?? throw new InvalidDataException("risk-model.json is empty.");
        m.Check();
        return m;
    }

    /// <summary>A model is usable: every kind once, positive weights, windows and caps, thresholds rising.</summary>
    public void Check()
    {
        if (Weights.Select(w => w.Kind).Distinct().Count() != Weights.Count || Weights.Count != Enum.GetValues<SignalKind>().Length)
            throw new InvalidDataException("risk-model: every signal kind exactly once.");
        if (Weights.Any(w => w.Weight < 0 || w.WindowDays < 1 || w.Cap < 1)) throw new InvalidDataException("risk-model: weight ≥ 0, window ≥ 1 day, cap ≥ 1.");
        if (!(0 < Yellow && Yellow < Orange && Orange < Red)) throw new InvalidDataException("risk-model: 0 < yellow < orange < red.");
    }

    public SignalWeight WeightOf(SignalKind kind) => Weights.First(w => w.Kind == kind);

    /// <summary>The first day of the kind's window ending on <paramref name="asOf"/> (a window of N days holds asOf and the N − 1 days before).</summary>
    public DateOnly WindowFrom(SignalKind kind, DateOnly asOf) => asOf.AddDays(1 - WeightOf(kind).WindowDays);

    /// <summary>The longest window: signals older than this never count.</summary>
    public int LongestWindow => Weights.Max(w => w.WindowDays);

    public RiskLevel LevelOf(int score) => score >= Red ? RiskLevel.Red : score >= Orange ? RiskLevel.Orange : score >= Yellow ? RiskLevel.Yellow : RiskLevel.Green;

    /// <summary>The score from the units each kind has within its window (kinds absent have none).</summary>
    public RiskExplanation Explain(DateOnly asOf, IReadOnlyDictionary<SignalKind, int> unitsInWindow)
    {
        var terms = Weights.Select(w =>
        {
            var units = unitsInWindow.GetValueOrDefault(w.Kind);
            var counted = Math.Min(units, w.Cap);
            return new RiskTerm(w.Kind, units, counted, w.Weight, w.WindowDays, w.Cap, WindowFrom(w.Kind, asOf), counted * w.Weight);
        }).ToList();
        var score = terms.Sum(t => t.Points);
        return new RiskExplanation(asOf, terms, score, LevelOf(score));
    }

    /// <summary>The same score from dated signals (the in-memory baseline and the rule's tests): each signal counts in its kind's window.</summary>
    public RiskExplanation Explain(DateOnly asOf, IEnumerable<(SignalKind Kind, DateOnly On, int Units)> signals)
    {
        var units = new Dictionary<SignalKind, int>();
        foreach (var (kind, on, n) in signals)
            if (on <= asOf && on >= WindowFrom(kind, asOf)) units[kind] = units.GetValueOrDefault(kind) + n;
        return Explain(asOf, units);
    }
}
