using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Culture.Quiz;

/// <summary>
/// An account's first attempts of one Beijing year under one unit path: <see cref="Months"/> has bit m−1 set for each month m with a
/// first attempt (of any quiz). <see cref="Shared"/>: the account has first attempts under more than one unit that year (rare: a member
/// who moved), the correction of the distinct count. Rows are only ever added and bits only ever set: first attempts are never deleted.
/// </summary>
public sealed class QuizTaker
{
    private QuizTaker() { }
    public int Year { get; private set; }
    public Guid UserId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public int Months { get; private set; }
    public bool Shared { get; private set; }
}

/// <summary>
/// The accounts with a first attempt under one unit path in a period of one Beijing year: the whole year, a quarter or a month, named by
/// the period's months as a bit set (<see cref="TakerPeriods"/>): the <see cref="QuizTaker"/> rows whose <c>Months</c> meet it.
/// </summary>
public sealed class QuizTakerCount
{
    private QuizTakerCount() { }
    public int Year { get; private set; }
    public int Months { get; private set; }
    public string UnitPath { get; private set; } = "";
    public int Takers { get; private set; }
}

/// <summary>Periods of whole Beijing months within one year as month bit sets (bit m−1 for month m), and which of them the roll-up counts.</summary>
public static class TakerPeriods
{
    public const int Year = 0xFFF;

    /// <summary>The periods <see cref="QuizTakerCount"/> keeps: the year, its four quarters, its twelve months.</summary>
    public static readonly int[] Counted = [Year, .. Enumerable.Range(0, 4).Select(q => 7 << (3 * q)), .. Enumerable.Range(0, 12).Select(m => 1 << m)];

    /// <summary>The period [from, to) as (year, months) when it is whole months within one year, else null (a day, a week, across a new year).</summary>
    public static (int Year, int Months)? Of(DateOnly from, DateOnly to)
    {
        if (from.Day != 1 || to.Day != 1 || to <= from) return null;
        var last = to.AddDays(-1);
        if (last.Year != from.Year) return null;
        var mask = 0;
        for (var m = from.Month; m <= last.Month; m++) mask |= 1 << (m - 1);
        return (from.Year, mask);
    }
}

/// <summary>
/// Culture's roll-up of the first attempts (issue 19, the report at full scale), read by <see cref="Indicators.CultureIndicators"/> for the
/// distinct quiz takers:
/// <list type="bullet">
/// <item><c>culture_quiz_takers</c> (<see cref="QuizTaker"/>): one row per (year, account, unit path) with the months of its first attempts,
/// flagged <c>shared</c> when the account has rows under two unit paths that year;</item>
/// <item><c>culture_quiz_taker_counts</c> (<see cref="QuizTakerCount"/>): per (year, period, unit path) the accounts of that unit with a
/// first attempt in the period, for the year, each quarter and each month.</item>
/// </list>
/// The distinct takers of such a period in a scope = the sum of the units' counts − (rows − distinct accounts) of the shared rows in the
/// scope that meet the period: exact, and the shared rows are a handful. Any other set of whole months of one year counts the accounts of
/// the <see cref="QuizTaker"/> rows that meet it.
/// <para>
/// Kept by <see cref="ApplyAsync"/> in the transaction that writes the attempts, on every path that writes first attempts: the start of an
/// attempt (<see cref="Attempts.StartAsync"/>), the demo and the scenario seeders (their bulk inserts, folded once per quiz).
/// <see cref="RebuildAsync"/> recomputes it from the attempts (<c>gonghui rollups rebuild</c>). Folding is set-based SQL over the attempts
/// (a union of month bits, so folding the same attempts twice changes nothing).
/// </para>
/// </summary>
internal sealed class TakerRollup(GonghuiDb db) : IRollup
{
    public string Name => "culture";

    /// <summary>The first attempts to fold: one attempt, one quiz's, or all.</summary>
    public enum Source { Attempt, Quiz, All }

    // The first attempts chosen, per (year, account, unit path) with the union of their months' bits. The year and month of the Beijing date
    // column: text 'yyyy-mm-dd' on SQLite, a date on PostgreSQL.
    private static string Chosen(bool pg, Source source)
    {
        var (year, month) = pg
            ? ("CAST(EXTRACT(YEAR FROM a.started_on) AS integer)", "CAST(EXTRACT(MONTH FROM a.started_on) AS integer)")
            : ("CAST(substr(a.started_on, 1, 4) AS INTEGER)", "CAST(substr(a.started_on, 6, 2) AS INTEGER)");
        var filter = source switch { Source.Attempt => "a.id = {0}", Source.Quiz => "a.quiz_id = {0}", _ => "TRUE" };
        return $"(SELECT {year} AS year, a.user_id AS user_id, a.unit_path AS unit_path, CAST(SUM(DISTINCT 1 << ({month} - 1)) AS integer) AS months "
               + $"FROM culture_attempts a WHERE a.number = 1 AND {filter} GROUP BY {year}, a.user_id, a.unit_path)";
    }

    private static readonly string Periods = "(" + string.Join(" UNION ALL ", TakerPeriods.Counted.Select(p => $"SELECT {p} AS months")) + ")";

    private static string[] Statements(bool pg, Source source)
    {
        var d = Chosen(pg, source);
        const string same = "d.year = t.year AND d.user_id = t.user_id AND d.unit_path = t.unit_path";
        return
        [
            // 1. Every (year, account, unit path) present, at no months yet (set below in this transaction).
            $"INSERT INTO culture_quiz_takers (year, user_id, unit_path, months, shared) SELECT d.year, d.user_id, d.unit_path, 0, FALSE FROM {d} d WHERE TRUE "
            + "ON CONFLICT (year, user_id, unit_path) DO NOTHING",
            // 2. PostgreSQL: the rows locked, so a concurrent start by the same account reads the months this one sets (SQLite: one writer;
            //    a rebuild starts from nothing).
            pg && source != Source.All ? $"SELECT 1 FROM culture_quiz_takers t WHERE (t.year, t.user_id, t.unit_path) IN (SELECT d.year, d.user_id, d.unit_path FROM {d} d) "
                 + "ORDER BY t.year, t.user_id, t.unit_path FOR UPDATE" : "",
            // 3. Each counted period that a row enters (it had no month of the period and now has one) adds the account to its unit's count
            //    (in key order: two starts in one unit at once lock the counts in the same order).
            $"INSERT INTO culture_quiz_taker_counts (year, months, unit_path, takers) SELECT t.year, p.months, t.unit_path, COUNT(*) FROM culture_quiz_takers t "
            + $"JOIN {d} d ON {same} CROSS JOIN {Periods} p WHERE (t.months & p.months) = 0 AND (d.months & p.months) <> 0 GROUP BY t.year, p.months, t.unit_path "
            + "ORDER BY t.year, p.months, t.unit_path ON CONFLICT (year, months, unit_path) DO UPDATE SET takers = culture_quiz_taker_counts.takers + excluded.takers",
            // 4. The months set.
            $"UPDATE culture_quiz_takers SET months = culture_quiz_takers.months | d.months FROM {d} d WHERE d.year = culture_quiz_takers.year "
            + "AND d.user_id = culture_quiz_takers.user_id AND d.unit_path = culture_quiz_takers.unit_path AND (culture_quiz_takers.months | d.months) <> culture_quiz_takers.months",
            // 5. An account now under more than one unit path in a year: all its rows of that year flagged.
            "UPDATE culture_quiz_takers SET shared = TRUE WHERE shared = FALSE AND (year, user_id) IN (SELECT t.year, t.user_id FROM culture_quiz_takers t "
            + $"WHERE (t.year, t.user_id) IN (SELECT d.year, d.user_id FROM {d} d) GROUP BY t.year, t.user_id HAVING COUNT(*) > 1)",
        ];
    }

    /// <summary>
    /// Folds first attempts already written (one attempt, one quiz's, or all: <paramref name="key"/> is the attempt's or the quiz's id) into
    /// the roll-up, in the caller's open transaction (the one that writes them: the roll-up commits or rolls back with them). Set-based: five
    /// statements whatever the number of attempts; folding attempts already folded changes nothing.
    /// </summary>
    public static async Task ApplyAsync(GonghuiDb db, Source source, Guid? key, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("The culture roll-up moves in the transaction of the attempts it summarises; none is open.");
        var pg = db.IsNpgsql();
        if ((source == Source.All) != (key is null)) throw new ArgumentException("An attempt's or a quiz's id, or none for all.", nameof(key));
        object[] args = key is not { } k ? [] : [pg ? k : k.ToString().ToUpperInvariant()]; // SQLite stores a Guid as upper-case text
        foreach (var sql in Statements(pg, source))
            if (sql.Length > 0) await db.Database.ExecuteSqlRawAsync(sql, args, ct);
    }

    /// <summary>Deletes the roll-up and recomputes it from every first attempt, in one transaction.</summary>
    public async Task<long> RebuildAsync(CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Set<QuizTakerCount>().ExecuteDeleteAsync(ct);
        await db.Set<QuizTaker>().ExecuteDeleteAsync(ct);
        await ApplyAsync(db, Source.All, null, ct);
        var n = await db.Set<QuizAttempt>().LongCountAsync(a => a.Number == 1, ct);
        await tx.CommitAsync(ct);
        return n;
    }
}
