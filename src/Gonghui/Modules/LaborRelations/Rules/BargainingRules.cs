namespace Gonghui.Modules.LaborRelations.Rules;

/// <summary>集体合同 kinds: the comprehensive agreement, the special (专项) agreements, and the 2020 action-plan agreement (保企业保就业保稳定).</summary>
public enum AgreementKind { Comprehensive = 0, Wage = 1, WomenWorkers = 2, LaborSafety = 3, ActionPlan = 4 }

/// <summary>Who the agreement binds: one enterprise, an industry (行业性) or an area (区域性: a park, a street, a building).</summary>
public enum AgreementLevel { Enterprise = 0, Industry = 1, Regional = 2 }

/// <summary>How it was bargained: the regular procedure, or the 2020 plan's flexible forms (应急协商, 一事一议).</summary>
public enum AgreementForm { Regular = 0, Emergency = 1, PerMatter = 2 }

/// <summary>协商中 → 已签订 (signed by both chief representatives) → 已报送 (filed with the labour authority; in force 15 days later unless it objects) → 已续订.</summary>
public enum AgreementStatus { Negotiating = 0, Signed = 1, Filed = 2, Renewed = 3 }

/// <summary>Reminders sent for an agreement, in order (the stage reached is stored, so none is sent twice).</summary>
public enum ReminderStage { None = 0, RenewalWindow = 1, ThirtyDays = 2, Expired = 3 }

/// <summary>
/// The statute's figures (集体合同规定, 劳动和社会保障部令第22号, 2004) as data, each with its article; and Beijing's monthly minimum wage by date
/// (劳动合同法 第五十五条: an agreement's wage standards may not be below it).
/// </summary>
public static class BargainingStatute
{
    /// <summary>Art. 32: the party asked to bargain answers in writing within 20 days of receiving the request.</summary>
    public const int ResponseDays = 20;
    /// <summary>Art. 19 (and 24): each side has at least 3 representatives, in equal numbers.</summary>
    public const int MinRepresentatives = 3;
    /// <summary>Art. 38: the term is generally 1 to 3 years; we refuse more than 3.</summary>
    public const int MaxTermYears = 3;
    /// <summary>Art. 38: within 3 months before expiry either side may ask to renew or sign anew.</summary>
    public const int RenewalWindowMonths = 3;
    /// <summary>Art. 42: the employer files the text with the labour authority within 10 days of the chief representatives' signatures.</summary>
    public const int FilingDays = 10;
    /// <summary>Art. 47: no objection from the authority within 15 days of receiving the text, and the agreement is in force.</summary>
    public const int ReviewDays = 15;
    /// <summary>A second reminder this many days before expiry (the platform's choice, not the statute's).</summary>
    public const int LastReminderDays = 30;

    /// <summary>
    /// Beijing's monthly minimum wage in fen, by the date it took effect, as data (embedded <c>Rules/minimum-wage.json</c>, each step with the
    /// 北京市人力资源和社会保障局 notice it comes from). Oldest first; checked on load (dates rising, amounts positive).
    /// </summary>
    public static readonly IReadOnlyList<(DateOnly From, long Fen)> BeijingMinimumWage = LoadMinimumWage();

    private sealed record WageStep(DateOnly From, long Fen, string? Source);
    private sealed record WageTable(string Region, List<WageStep> Steps);

    private static IReadOnlyList<(DateOnly From, long Fen)> LoadMinimumWage()
    {
        using var s = System.Reflection.Assembly.GetExecutingAssembly().GetManifestResourceStream("LaborRelations.minimum-wage.json")
            ?? throw new FileNotFoundException("Embedded LaborRelations minimum-wage.json is missing.");
        var t = System.Text.Json.JsonSerializer.Deserialize<WageTable>(s, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))
            ?? throw new InvalidDataException("minimum-wage.json is empty.");
        return ParseSteps(t.Steps.Select(x => (x.From, x.Fen, x.Source)));
    }

    /// <summary>Checks a minimum-wage table: at least one step, dates strictly rising, amounts positive and not falling, a source on each.</summary>
    public static IReadOnlyList<(DateOnly From, long Fen)> ParseSteps(IEnumerable<(DateOnly From, long Fen, string? Source)> steps)
    {
        var list = steps.ToList();
        if (list.Count == 0) throw new InvalidDataException("minimum-wage: no steps.");
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Fen <= 0) throw new InvalidDataException($"minimum-wage: step {i + 1} has no positive amount.");
            if (string.IsNullOrWhiteSpace(list[i].Source)) throw new InvalidDataException($"minimum-wage: step {i + 1} names no source.");
            if (i > 0 && list[i].From <= list[i - 1].From) throw new InvalidDataException($"minimum-wage: step {i + 1} is not after step {i}.");
            if (i > 0 && list[i].Fen < list[i - 1].Fen) throw new InvalidDataException($"minimum-wage: step {i + 1} falls below step {i}.");
        }
        return list.Select(x => (x.From, x.Fen)).ToList();
    }

    /// <summary>The minimum wage in force on <paramref name="on"/>, or null before the first known figure.</summary>
    public static long? MinimumWageOn(DateOnly on)
    {
        long? fen = null;
        foreach (var (from, amount) in BeijingMinimumWage)
            if (from <= on) fen = amount;
        return fen;
    }
}

/// <summary>What signing needs: dates, the term, the workers' congress vote, the representatives, the wage figures.</summary>
public sealed record SigningFacts(DateOnly? SignedOn, DateOnly? StartsOn, DateOnly? ExpiresOn, int? CongressTotal, int? CongressPresent, int? CongressFor,
    int? UnionReps, int? EmployerReps, int? WorkersCovered, int? WageIncreaseBp, long? MinimumWageFen, AgreementKind Kind);

/// <summary>Pure rules of collective bargaining (no I/O): the statute's checks and deadlines, reminders and renewal.</summary>
public static class BargainingRules
{
    /// <summary>Art. 32: the answer to a bargaining request is due by this day (the day of receipt not counted).</summary>
    public static DateOnly ResponseDue(DateOnly requestedOn) => requestedOn.AddDays(BargainingStatute.ResponseDays);

    /// <summary>Art. 42: the signed text is due at the labour authority by this day.</summary>
    public static DateOnly FilingDue(DateOnly signedOn) => signedOn.AddDays(BargainingStatute.FilingDays);

    /// <summary>Art. 47: in force from the later of its start and the 15th day after filing (when the authority raised no objection).</summary>
    public static DateOnly EffectiveOn(DateOnly filedOn, DateOnly startsOn)
    {
        var deemed = filedOn.AddDays(BargainingStatute.ReviewDays);
        return deemed > startsOn ? deemed : startsOn;
    }

    /// <summary>Art. 38: the first day either side may ask to renew.</summary>
    public static DateOnly RenewalWindowOpens(DateOnly expiresOn) => expiresOn.AddMonths(-BargainingStatute.RenewalWindowMonths);

    /// <summary>Art. 36: at least two thirds of the congress (or the workforce) present, and more than half of all its members for.</summary>
    public static bool CongressPasses(int total, int present, int votesFor) => 3L * present >= 2L * total && 2L * votesFor > total;

    /// <summary>The checks of the signing step (field, code); empty when the agreement may be signed.</summary>
    public static IReadOnlyList<(string Field, string Code)> ValidateSigning(SigningFacts f, DateOnly today)
    {
        var e = new List<(string, string)>();
        if (f.SignedOn is not { } signed) e.Add(("signedOn", "required"));
        else if (signed > today) e.Add(("signedOn", "date.future"));
        if (f.StartsOn is null) e.Add(("startsOn", "required"));
        if (f.ExpiresOn is null) e.Add(("expiresOn", "required"));
        if (f.StartsOn is { } s && f.ExpiresOn is { } x)
        {
            if (x <= s) e.Add(("expiresOn", "agreement.expiresBeforeStart"));
            else if (x > s.AddYears(BargainingStatute.MaxTermYears)) e.Add(("expiresOn", "agreement.term"));
        }
        if (f.UnionReps is not { } ur || ur < BargainingStatute.MinRepresentatives || ur > 1000) e.Add(("unionReps", "agreement.reps"));
        if (f.EmployerReps is not { } er || er < BargainingStatute.MinRepresentatives || er > 1000) e.Add(("employerReps", "agreement.reps"));
        else if (f.UnionReps is { } u && u != er) e.Add(("employerReps", "agreement.repsEqual"));
        if (f.CongressTotal is not { } total || total < 1 || total > 1_000_000) e.Add(("congressTotal", "out-of-range"));
        if (f.CongressPresent is not { } present || present < 0 || (f.CongressTotal is { } t1 && present > t1)) e.Add(("congressPresent", "out-of-range"));
        if (f.CongressFor is not { } votes || votes < 0 || (f.CongressPresent is { } p1 && votes > p1)) e.Add(("congressFor", "out-of-range"));
        if (e.Count == 0 && !CongressPasses(f.CongressTotal!.Value, f.CongressPresent!.Value, f.CongressFor!.Value))
            e.Add((3L * f.CongressPresent!.Value < 2L * f.CongressTotal!.Value ? "congressPresent" : "congressFor",
                3L * f.CongressPresent.Value < 2L * f.CongressTotal.Value ? "agreement.quorum" : "agreement.majority"));
        if (f.WorkersCovered is not { } w || w < 1 || w > 10_000_000) e.Add(("workersCovered", "out-of-range"));
        if (f.WageIncreaseBp is { } bp && (bp < -5_000 || bp > 10_000)) e.Add(("wageIncreaseBp", "out-of-range"));
        if (f.Kind == AgreementKind.Wage && f.WageIncreaseBp is null) e.Add(("wageIncreaseBp", "agreement.wageFigure"));
        if (f.MinimumWageFen is { } min)
        {
            if (min < 0) e.Add(("minimumWageFen", "out-of-range"));
            else if (BargainingStatute.MinimumWageOn(f.StartsOn ?? today) is { } legal && min < legal) e.Add(("minimumWageFen", "agreement.belowMinimumWage"));
        }
        return e;
    }

    /// <summary>
    /// The reminder due on <paramref name="today"/> for an agreement that has had <paramref name="sent"/>: expired (the day after expiry), 30 days
    /// before, or the Art. 38 renewal window (3 months before); null when nothing new is due. A later stage supersedes earlier unsent ones.
    /// </summary>
    public static ReminderStage? ReminderDue(DateOnly expiresOn, DateOnly today, ReminderStage sent)
    {
        var due = today > expiresOn ? ReminderStage.Expired
            : today >= expiresOn.AddDays(-BargainingStatute.LastReminderDays) ? ReminderStage.ThirtyDays
            : today >= RenewalWindowOpens(expiresOn) ? ReminderStage.RenewalWindow
            : ReminderStage.None;
        return due > sent ? due : null;
    }

    /// <summary>Whether an agreement is in force on a day (filed, its effective day reached, not yet expired; a renewed one until its expiry).</summary>
    public static bool InForce(AgreementStatus status, DateOnly? effectiveOn, DateOnly? expiresOn, DateOnly on) =>
        status is AgreementStatus.Filed or AgreementStatus.Renewed && effectiveOn <= on && expiresOn >= on;

    /// <summary>A round's offers must lie between −50 % and +100 %; the gap between the sides in basis points.</summary>
    public static int? OfferGap(int? unionOfferBp, int? employerOfferBp) => unionOfferBp is { } u && employerOfferBp is { } m ? u - m : null;

    /// <summary>Workers-weighted mean of wage increases in basis points (agreements without a figure are left out); null when none has one.</summary>
    public static int? WeightedIncreaseBp(IEnumerable<(int Workers, int? IncreaseBp)> rows)
    {
        long w = 0, s = 0;
        foreach (var (workers, bp) in rows)
            if (bp is { } b) { w += workers; s += (long)workers * b; }
        return w == 0 ? null : (int)Math.Round((double)s / w, MidpointRounding.AwayFromZero);
    }
}
