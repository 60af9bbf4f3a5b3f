using Gonghui.Modules.Culture.Quiz;
using Gonghui.Modules.Culture.Recitations;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Culture.Indicators;

/// <summary>
/// The culture figures of the annual report: quiz takers and published recitation works. The takers of whole Beijing months of one year
/// (a year, a quarter, a month) are read from the roll-up the first attempts keep on write (<see cref="TakerRollup"/>); any other period
/// from the attempts (<see cref="RawAsync"/>). The same figures either way (<c>CultureRollupTests</c>).
/// </summary>
internal sealed class CultureIndicators(GonghuiDb db) : IIndicatorSource, IIndicatorBaseline
{
    public const string QuizTakers = "culture.quiz-takers";
    public const string RecitationWorks = "culture.recitation-works";

    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new(QuizTakers, ReportParts.SkillsCulture, "读书知识竞赛参与人数", "Reading-quiz takers", IndicatorUnit.Count,
            "Distinct accounts (a member, or a worker with a verified phone) that started a first attempt at any reading quiz on a Beijing date " +
            "in the period, counted for the unit their attempt counts for (the member's union), within the scope.", "/culture/quizzes"),
        new(RecitationWorks, ReportParts.SkillsCulture, "云诵读发布作品数", "Published recitation works", IndicatorUnit.Count,
            "Recitation works (audio or video) published after moderation on a Beijing date in the period, by the unit named on the work, within the scope.",
            "/culture/works?from={from}&to={to}&unit={unit}"),
    ];

    /// <summary>The definition's records: first attempts started on a Beijing date of the period (the one filter of the raw computations).</summary>
    private IQueryable<QuizAttempt> FirstAttemptsIn(DateOnly from, DateOnly to) =>
        db.Set<QuizAttempt>().AsNoTracking().Where(a => a.Number == 1 && a.StartedOn >= from && a.StartedOn < to);

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery query, CancellationToken ct)
    {
        var takers = TakerPeriods.Of(query.From, query.To) is { } period
            ? await RolledTakersAsync(period, query.ScopePath, ct)
            : await RawTakersAsync(query, ct);
        return
        [
            IndicatorValues.Count(QuizTakers, takers), // none in the period and scope: no-data, not a silent zero
            await RecitationWorksAsync(query, ct),
        ];
    }

    /// <summary>The figures counted from the attempts themselves (any period; the roll-up's reference in the tests).</summary>
    internal async Task<IReadOnlyList<IndicatorValue>> RawAsync(IndicatorQuery query, CancellationToken ct) =>
        [IndicatorValues.Count(QuizTakers, await RawTakersAsync(query, ct)), await RecitationWorksAsync(query, ct)];

    private Task<int> RawTakersAsync(IndicatorQuery query, CancellationToken ct) =>
        FirstAttemptsIn(query.From, query.To).InScope(query.ScopePath, a => a.UnitPath).Select(a => a.UserId).Distinct().CountAsync(ct);

    /// <summary>
    /// The distinct takers of whole months of one year in the scope from the roll-up (<see cref="TakerRollup"/>): for the year, a quarter or a
    /// month, the units' counts less the accounts counted under two units of the scope; for any other months, the accounts of the rows.
    /// </summary>
    private async Task<long> RolledTakersAsync((int Year, int Months) p, string scope, CancellationToken ct)
    {
        var (year, months) = p;
        var rows = db.Set<QuizTaker>().AsNoTracking().Where(t => t.Year == year && (t.Months & months) != 0).InScope(scope, t => t.UnitPath);
        if (!TakerPeriods.Counted.Contains(months)) return await rows.Select(t => t.UserId).Distinct().CountAsync(ct);
        var counted = await db.Set<QuizTakerCount>().AsNoTracking().Where(c => c.Year == year && c.Months == months).InScope(scope, c => c.UnitPath)
            .SumAsync(c => (long)c.Takers, ct);
        var twice = await rows.Where(t => t.Shared).GroupBy(_ => 1).Select(g => new { Rows = g.Count(), Distinct = g.Select(t => t.UserId).Distinct().Count() })
            .SingleOrDefaultAsync(ct);
        return counted - ((twice?.Rows ?? 0) - (twice?.Distinct ?? 0));
    }

    /// <summary>
    /// One read of the parent's takers and one of its published works, each grouped by the district whose subtree holds the unit: whole months
    /// of one year from the roll-up, other periods from the first attempts (<see cref="RawByDistrictAsync"/>).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        if (TakerPeriods.Of(query.From, query.To) is not { } p) return await RawByDistrictAsync(query, ct);
        var (year, months) = p;
        var rows = db.Set<QuizTaker>().AsNoTracking().Where(t => t.Year == year && (t.Months & months) != 0);
        Dictionary<string, long> takers;
        if (!TakerPeriods.Counted.Contains(months))
            takers = await rows.GroupByBranch(query.ParentPath, t => t.UnitPath).Select(g => new { g.Key, N = g.Select(t => t.UserId).Distinct().Count() })
                .ToDictionaryAsync(x => x.Key, x => (long)x.N, ct);
        else
        {
            var counted = await db.Set<QuizTakerCount>().AsNoTracking().Where(c => c.Year == year && c.Months == months)
                .GroupByBranch(query.ParentPath, c => c.UnitPath).Select(g => new { g.Key, N = g.Sum(c => (long)c.Takers) })
                .ToDictionaryAsync(x => x.Key, x => x.N, ct);
            var twice = await rows.Where(t => t.Shared).GroupByBranch(query.ParentPath, t => t.UnitPath)
                .Select(g => new { g.Key, Extra = g.Count() - g.Select(t => t.UserId).Distinct().Count() })
                .ToDictionaryAsync(x => x.Key, x => x.Extra, ct);
            takers = counted.ToDictionary(kv => kv.Key, kv => kv.Value - twice.GetValueOrDefault(kv.Key));
        }
        return Combine(query, takers, await WorksByDistrictAsync(query, ct));
    }

    /// <summary>One read of the parent's first attempts of the period, grouped by district (any period; the roll-up's reference in the tests).</summary>
    internal async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> RawByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        var takers = await FirstAttemptsIn(query.From, query.To)
            .GroupByBranch(query.ParentPath, a => a.UnitPath).Select(g => new { g.Key, N = g.Select(a => a.UserId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Key, x => (long)x.N, ct);
        return Combine(query, takers, await WorksByDistrictAsync(query, ct));
    }

    /// <summary>The published works of the period, grouped by district (1,500 a year at full scale: read from the works themselves).</summary>
    private Task<Dictionary<string, int>> WorksByDistrictAsync(DistrictQuery query, CancellationToken ct) =>
        db.Set<RecitationWork>().AsNoTracking()
            .PublishedBetween(query.From, query.To)
            .GroupByBranch(query.ParentPath, w => w.UnitPath).Select(g => new { g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);

    private static IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>> Combine(DistrictQuery query, Dictionary<string, long> takers, Dictionary<string, int> works) =>
        query.DistrictPaths.ToDictionary(d => d, d => (IReadOnlyList<IndicatorValue>)
            [IndicatorValues.Count(QuizTakers, takers.GetValueOrDefault(d)), IndicatorValues.Count(RecitationWorks, works.GetValueOrDefault(d))], StringComparer.Ordinal);

    private sealed class Tally { public readonly HashSet<Guid> Takers = []; public int Works; }

    /// <summary>
    /// The baseline (<see cref="IIndicatorBaseline"/>): every first attempt of the period streamed into memory and its account kept in a set per
    /// district and for the parent, under the attempt's unit path; the published works of the period counted the same way.
    /// </summary>
    public async Task<BaselineFigures> FromRowsAsync(DistrictQuery query, CancellationToken ct)
    {
        var tally = new BaselineTally<Tally>(query);
        await foreach (var a in FirstAttemptsIn(query.From, query.To).Select(a => new { a.UserId, a.UnitPath }).AsAsyncEnumerable().WithCancellation(ct))
            tally.Add(a.UnitPath, a.UserId, static (t, user) => t.Takers.Add(user));
        await foreach (var path in db.Set<RecitationWork>().AsNoTracking()
                           .Where(w => w.Status == WorkStatus.Published && w.PublishedOn >= query.From && w.PublishedOn < query.To).Select(w => w.UnitPath)
                           .AsAsyncEnumerable().WithCancellation(ct))
            tally.Add(path, 0, static (t, _) => t.Works++);
        return tally.Figures(t => [IndicatorValues.Count(QuizTakers, t.Takers.Count), IndicatorValues.Count(RecitationWorks, t.Works)]);
    }

    private async Task<IndicatorValue> RecitationWorksAsync(IndicatorQuery query, CancellationToken ct)
    {
        var works = db.Set<RecitationWork>().AsNoTracking();
        var n = await works.PublishedBetween(query.From, query.To)
            .InScope(query.ScopePath, w => w.UnitPath).CountAsync(ct);
        return IndicatorValues.Count(RecitationWorks, n);
    }
}
