using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Culture.Quiz;

public enum RankingLevel { District = 0, Unit = 1 }

/// <summary>One unit's participation in a quiz: people who started, attempts submitted, their average score (percent, one decimal).</summary>
public sealed record UnitRanking(int Rank, string Key, string Name, int Participants, int Submitted, double AverageScore);

/// <summary>Per-unit participation and ranking of a quiz within the caller's scope, aggregated in SQL (one GROUP BY over the attempts).</summary>
public sealed class QuizRanking(GonghuiDb db, CurrentUser me)
{
    /// <summary>Ranked by participants, then average score; by district union (city staff) or by the participants' own unit.</summary>
    public async Task<Outcome<IReadOnlyList<UnitRanking>>> RankAsync(Guid quizId, RankingLevel level, int top, CancellationToken ct)
    {
        if (!await db.Set<ReadingQuiz>().AnyAsync(q => q.Id == quizId, ct)) return Outcome<IReadOnlyList<UnitRanking>>.NotFound();
        var scope = await me.ScopePathAsync(ct);
        var attempts = db.Set<QuizAttempt>().AsNoTracking().Where(a => a.QuizId == quizId).InScope(scope, a => a.UnitPath, a => a.District);
        var rows = level == RankingLevel.District
            ? await attempts.GroupBy(a => a.District).Select(g => new Row(g.Key, null, g.Count(a => a.Number == 1), g.Count(a => a.SubmittedAt != null),
                g.Average(a => (double?)a.Score))).ToListAsync(ct)
            : await attempts.GroupBy(a => a.UnitId).Select(g => new Row(null, g.Key, g.Count(a => a.Number == 1), g.Count(a => a.SubmittedAt != null),
                g.Average(a => (double?)a.Score))).ToListAsync(ct);
        var ranked = rows.OrderByDescending(r => r.Participants).ThenByDescending(r => r.Average ?? 0).ThenBy(r => r.Path ?? r.Unit.ToString())
            .Take(Math.Clamp(top, 1, 1000)).ToList();
        var names = await NamesAsync(ranked, ct);
        return Outcome<IReadOnlyList<UnitRanking>>.Ok(ranked.Select((r, i) =>
        {
            var key = r.Path ?? r.Unit!.Value.ToString();
            return new UnitRanking(i + 1, key, names.GetValueOrDefault(key, key), r.Participants, r.Submitted, Math.Round(r.Average ?? 0, 1));
        }).ToList());
    }

    private sealed record Row(string? Path, Guid? Unit, int Participants, int Submitted, double? Average);

    private async Task<Dictionary<string, string>> NamesAsync(List<Row> rows, CancellationToken ct)
    {
        var paths = rows.Where(r => r.Path is not null).Select(r => r.Path!).ToList();
        var units = rows.Where(r => r.Unit is not null).Select(r => r.Unit!.Value).ToList();
        var found = await db.UnitRows().Where(u => paths.Contains(u.Path) || units.Contains(u.Id)).Select(u => new { u.Id, u.Path, u.Name }).ToListAsync(ct);
        var names = new Dictionary<string, string>();
        foreach (var u in found) { names[u.Path] = u.Name; names[u.Id.ToString()] = u.Name; }
        return names;
    }
}
