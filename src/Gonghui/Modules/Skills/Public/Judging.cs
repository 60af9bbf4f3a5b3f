using Gonghui.Modules.Skills.Rules;

namespace Gonghui.Modules.Skills.Public;

/// <summary>How a panel's leniency is corrected (docs/skills.md, "Leniency correction"): none, z-score per judge and criterion, or trimmed mean.</summary>
public enum JudgingCorrection { None = 0, ZScore = 1, TrimmedMean = 2 }

/// <summary>How equal totals are ordered (docs/skills.md, "Totals, ranks, ties"): shared, judgement total first, or criteria in order.</summary>
public enum JudgingTieRule { Shared = 0, JudgementFirst = 1, CriterionOrder = 2 }

/// <summary>One judged criterion of another module's scheme: its code and maximum in centimarks (the maxima add up to 100 marks = 10,000).</summary>
public sealed record JudgedCriterion(string Code, int MaxCenti);

/// <summary>One judge's score on one criterion of one entry (indexes into the caller's lists), in centi-scores: 0, 100, 200 or 300.</summary>
public readonly record struct JudgeScore(int Entry, int Criterion, int Judge, int Centi);

/// <summary>An entry's totals (rounded to 0.01 mark) raw and standardised, both ranks, the official place and the largest spread between its judges.</summary>
public sealed record JudgedEntry(int Entry, decimal RawTotal, decimal StdTotal, int RawRank, int StdRank, int Place, int MaxSpread);

/// <summary>A round's results; <paramref name="OpenCells"/> counts (entry, criterion) cells still missing scores, too few judges or a spread over 1.</summary>
public sealed record JudgingResult(IReadOnlyList<JudgedEntry> Entries, int OpenCells, int ScoresUsed);

/// <summary>Where a judge comes from, for the conflict rule: their unit, their enterprise, the entries they declared a conflict with.</summary>
public sealed record JudgeOrigin(Guid UnitId, Guid? EnterpriseId, IReadOnlySet<Guid> DeclaredEntries);

/// <summary>Where an entry comes from: the entering unit, the speaker's own union and enterprise.</summary>
public sealed record EntryOrigin(Guid EntryId, Guid EnteringUnitId, Guid UnionId, Guid? EnterpriseId);

/// <summary>
/// The skills contests' judging, offered to other modules' contests (the speech contest 八小时约定): the WorldSkills
/// judgement scale (each judge scores a criterion 0–3, mark = mean ÷ 3 × max), the conflict-of-interest rule (回避), the
/// leniency correction and the tie rule — the very functions the skills contests run (<c>Skills/Rules</c>), not a copy.
/// </summary>
public static class Judging
{
    /// <summary>The fewest judges per criterion for a sign-off, and the largest spread that stands unresolved.</summary>
    public const int MinJudges = ResultRules.MinJudges;
    public const int MaxSpread = MarkRules.MaxSpread;
    public const int TotalCenti = MarkingScheme.TotalCenti;

    /// <summary>The scheme's problems (field, code: keys the skills texts word): no criteria, bad codes or maxima, a total other than 100.</summary>
    public static IReadOnlyList<(string Field, string Code)> CheckScheme(IReadOnlyList<JudgedCriterion> criteria) =>
        MarkingScheme.Check(Aspects(criteria));

    /// <summary>Why a score cannot be entered ("marks.judgementScale"), or null: a whole score 0, 1, 2 or 3.</summary>
    public static string? ScoreRefusal(int centi) => MarkRules.Refusal(new AspectSpec("x", AspectKind.Judgement, 100), centi);

    /// <summary>Whether a judge must stand aside for an entry, and why ("sameUnit", "sameEnterprise", "declared"); null when they may score it.</summary>
    public static string? Conflict(JudgeOrigin judge, EntryOrigin entry) =>
        ConflictRules.Of(new JudgeTies(judge.UnitId, judge.EnterpriseId, judge.DeclaredEntries),
            new CompetitorTies(entry.EntryId, entry.EnteringUnitId, entry.UnionId, entry.EnterpriseId)) switch
        {
            ConflictReason.SameUnit => "sameUnit",
            ConflictReason.SameEnterprise => "sameEnterprise",
            ConflictReason.Declared => "declared",
            _ => null,
        };

    /// <summary>Totals, ranks and places of <paramref name="entries"/> entries from the scores alone, as the skills contests compute a trade.</summary>
    public static JudgingResult Compute(IReadOnlyList<JudgedCriterion> criteria, int entries, IReadOnlyList<JudgeScore> scores,
        JudgingCorrection correction, JudgingTieRule tie)
    {
        var result = ResultRules.Compute(Aspects(criteria), entries,
            scores.Select(s => new Score(s.Entry, s.Criterion, s.Judge, s.Centi)).ToList(),
            new ResultOptions((Leniency)(int)correction, (TieRule)(int)tie, 0));
        var open = result.Issues.Select(i => (i.Entry, i.Aspect)).Distinct().Count();
        return new JudgingResult(
            result.Entries.Select(e => new JudgedEntry(e.Entry, e.RawTotal, e.StdTotal, e.RawRank, e.StdRank, e.Place, e.MaxSpread)).ToList(),
            open, result.ScoresUsed);
    }

    private static List<AspectSpec> Aspects(IReadOnlyList<JudgedCriterion> criteria) =>
        criteria.Select(c => new AspectSpec(c.Code, AspectKind.Judgement, c.MaxCenti)).ToList();
}
