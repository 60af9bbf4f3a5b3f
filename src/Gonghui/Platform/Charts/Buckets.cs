using System.Linq.Expressions;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Platform.Charts;

/// <summary>
/// Figures over time computed in the database: rows are put into buckets [b0, b1), [b1, b2), … by a CASE expression on
/// their date and grouped by it, so a chart of 12 months reads 12 figures, never the rows. Works on both engines (dates
/// compare as the column's own mapping: ticks on SQLite, timestamptz on PostgreSQL).
/// </summary>
public static class Buckets
{
    /// <summary>The bucket index of a row: 0 for [b0, b1), …, n−1 for [b(n−1), bn). Only meaningful for rows <see cref="Within"/> the bounds.</summary>
    public static Expression<Func<T, int>> Index<T, TKey>(Expression<Func<T, TKey>> key, IReadOnlyList<TKey> bounds)
    {
        if (bounds.Count < 2) throw new ArgumentException("At least one bucket (two bounds) is needed.", nameof(bounds));
        Expression body = Expression.Constant(bounds.Count - 2);
        for (var i = bounds.Count - 2; i >= 1; i--)
            body = Expression.Condition(Expression.LessThan(key.Body, Expression.Constant(bounds[i], typeof(TKey))), Expression.Constant(i - 1), body);
        return Expression.Lambda<Func<T, int>>(body, key.Parameters);
    }

    /// <summary>The rows from the first bound (inclusive) to the last (exclusive).</summary>
    public static Expression<Func<T, bool>> Within<T, TKey>(Expression<Func<T, TKey>> key, IReadOnlyList<TKey> bounds) =>
        Expression.Lambda<Func<T, bool>>(Expression.AndAlso(
            Expression.GreaterThanOrEqual(key.Body, Expression.Constant(bounds[0], typeof(TKey))),
            Expression.LessThan(key.Body, Expression.Constant(bounds[^1], typeof(TKey)))), key.Parameters);

    /// <summary>The number of rows in each bucket (zero where none).</summary>
    public static async Task<long[]> CountAsync<T, TKey>(IQueryable<T> rows, Expression<Func<T, TKey>> key, IReadOnlyList<TKey> bounds, CancellationToken ct)
    {
        var found = await rows.Where(Within(key, bounds)).GroupBy(Index(key, bounds)).Select(g => new { g.Key, N = g.LongCount() }).ToListAsync(ct);
        var result = new long[bounds.Count - 1];
        foreach (var f in found) result[f.Key] = f.N;
        return result;
    }

    /// <summary>The sum of a value over the rows of each bucket (zero where none).</summary>
    public static async Task<long[]> SumAsync<T, TKey>(IQueryable<T> rows, Expression<Func<T, TKey>> key, IReadOnlyList<TKey> bounds,
        Expression<Func<T, long>> value, CancellationToken ct)
    {
        var found = await rows.Where(Within(key, bounds)).GroupBy(Index(key, bounds), value).Select(g => new { g.Key, S = g.Sum() }).ToListAsync(ct);
        var result = new long[bounds.Count - 1];
        foreach (var f in found) result[f.Key] = f.S;
        return result;
    }

    /// <summary>The 13 bounds of a year's months in Beijing time, as UTC instants (1 Jan … 1 Jan of the next year).</summary>
    public static DateTimeOffset[] MonthsOf(int year) =>
        [.. Enumerable.Range(1, 12).Select(m => BeijingTime.StartOfMonthUtc(year, m)), BeijingTime.StartOfYearUtc(year + 1)];

    /// <summary>The 13 bounds of a year's months as dates.</summary>
    public static DateOnly[] MonthDatesOf(int year) => [.. Enumerable.Range(1, 12).Select(m => new DateOnly(year, m, 1)), new DateOnly(year + 1, 1, 1)];

    /// <summary>The month labels of a chart over a year in the caller's language: 1月 … 12月, Jan … Dec.</summary>
    public static string[] MonthLabels() =>
        [.. Enumerable.Range(1, 12).Select(m => System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal)
            ? $"{m}月" : System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(m))];
}
