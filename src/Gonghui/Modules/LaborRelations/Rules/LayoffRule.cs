namespace Gonghui.Modules.LaborRelations.Rules;

/// <summary>What the union was told of a layoff (经济性裁员): the workforce, the workers to be laid off, when it takes effect and when the union was told.</summary>
public sealed record LayoffFacts(int Workforce, int LaidOff, DateOnly EffectiveOn, DateOnly? UnionNotifiedOn);

/// <summary>
/// What Art. 41 says of it: whether it is a reportable mass layoff, the last day the union must have been told, and whether it was told late.
/// <paramref name="ShareBp"/> is the laid-off share of the workforce in basis points.
/// </summary>
public sealed record LayoffAssessment(bool MassLayoff, int ShareBp, DateOnly? NoticeDueBy, bool NoticeLate);

/// <summary>
/// 劳动合同法 第四十一条: a layoff of 20 or more workers, or of fewer than 20 but 10 % or more of the workforce, must be explained to the
/// union (or all workers) 30 days ahead. A pure rule: no clock, no I/O.
/// </summary>
public static class LayoffRule
{
    public const int MassHeadcount = 20;
    public const int MassShareBp = 1_000; // 10 %
    public const int NoticeDays = 30;

    /// <summary>Field errors of a layoff report (field, stable code); empty when it can be recorded.</summary>
    public static IReadOnlyList<(string Field, string Code)> Validate(int? workforce, int? laidOff, DateOnly? effectiveOn, DateOnly? notifiedOn)
    {
        var errors = new List<(string, string)>();
        if (workforce is null) errors.Add(("workforce", "required"));
        else if (workforce is < 1 or > 10_000_000) errors.Add(("workforce", "out-of-range"));
        if (laidOff is null) errors.Add(("laidOff", "required"));
        else if (laidOff < 1) errors.Add(("laidOff", "out-of-range"));
        else if (workforce is >= 1 && laidOff > workforce) errors.Add(("laidOff", "layoff.aboveWorkforce"));
        if (effectiveOn is null) errors.Add(("effectiveOn", "required"));
        if (notifiedOn is { } n && effectiveOn is { } e && n > e.AddYears(1)) errors.Add(("unionNotifiedOn", "out-of-range"));
        return errors;
    }

    public static LayoffAssessment Assess(LayoffFacts f)
    {
        if (f.Workforce < 1 || f.LaidOff < 1 || f.LaidOff > f.Workforce) throw new ArgumentException("Validate the facts first.", nameof(f));
        // ≥ 10 % compared in integers: laidOff / workforce ≥ 1/10 ⇔ 10 × laidOff ≥ workforce.
        var mass = f.LaidOff >= MassHeadcount || 10L * f.LaidOff >= f.Workforce;
        var share = (int)(10_000L * f.LaidOff / f.Workforce);
        DateOnly? due = mass ? f.EffectiveOn.AddDays(-NoticeDays) : null;
        var late = mass && (f.UnionNotifiedOn is not { } told || told > due!.Value);
        return new LayoffAssessment(mass, share, due, late);
    }

    /// <summary>How many units of the layoff signal the report counts: 1, 2 for a mass layoff, 3 when the union was also told late.</summary>
    public static int SignalUnits(LayoffAssessment a) => a.MassLayoff ? (a.NoticeLate ? 3 : 2) : 1;
}
