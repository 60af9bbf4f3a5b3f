using Gonghui.Modules.Culture.Quiz;
using Gonghui.Modules.Culture.Recitations;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Culture.Indicators;

/// <summary>The culture figures of the annual report: quiz takers and published recitation works.</summary>
internal sealed class CultureIndicators(GonghuiDb db) : IIndicatorSource
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
            "/culture/works"),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery query, CancellationToken ct)
    {
        var takers = await db.Set<QuizAttempt>().AsNoTracking()
            .Where(a => a.Number == 1 && a.StartedOn >= query.From && a.StartedOn < query.To).InScope(query.ScopePath, a => a.UnitPath)
            .Select(a => a.UserId).Distinct().CountAsync(ct);
        var works = await RecitationWorksAsync(query, ct);
        return
        [
            IndicatorValues.Count(QuizTakers, takers), // none in the period and scope: no-data, not a silent zero
            works,
        ];
    }

    /// <summary>One read of the parent's first attempts and one of its published works, each grouped by the district whose subtree holds the unit.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        var takers = await db.Set<QuizAttempt>().AsNoTracking()
            .Where(a => a.Number == 1 && a.StartedOn >= query.From && a.StartedOn < query.To)
            .GroupByBranch(query.ParentPath, a => a.UnitPath).Select(g => new { g.Key, N = g.Select(a => a.UserId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var works = await db.Set<RecitationWork>().AsNoTracking()
            .Where(w => w.Status == WorkStatus.Published && w.PublishedOn >= query.From && w.PublishedOn < query.To)
            .GroupByBranch(query.ParentPath, w => w.UnitPath).Select(g => new { g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return query.DistrictPaths.ToDictionary(d => d, d => (IReadOnlyList<IndicatorValue>)
            [IndicatorValues.Count(QuizTakers, takers.GetValueOrDefault(d)), IndicatorValues.Count(RecitationWorks, works.GetValueOrDefault(d))], StringComparer.Ordinal);
    }

    private async Task<IndicatorValue> RecitationWorksAsync(IndicatorQuery query, CancellationToken ct)
    {
        var works = db.Set<RecitationWork>().AsNoTracking();
        var n = await works.Where(w => w.Status == WorkStatus.Published && w.PublishedOn >= query.From && w.PublishedOn < query.To)
            .InScope(query.ScopePath, w => w.UnitPath).CountAsync(ct);
        return IndicatorValues.Count(RecitationWorks, n);
    }
}
