using System.Buffers.Text;
using System.Linq.Expressions;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Platform.Http;

/// <summary>
/// One slice of a keyset-paged list: the items, the opaque cursor of the next and of the previous slice (null at either end)
/// and the number of rows in scope, counted up to <see cref="Keyset.CountCap"/> for the first slice and carried in the cursors;
/// <see cref="TotalIsExact"/> is false when the count stopped at the cap ("1,000+"), so it is a lower bound.
/// <see cref="TotalIsCached"/> is true when the count was not taken for this slice: it was carried from the first slice in the
/// cursor, or reused from a count of the same list (same scope and filters) taken on this node less than
/// <see cref="ListCounts.Lifetime"/> ago with no change saved to the list's tables since (<see cref="ListCounts"/>).
/// </summary>
public sealed record Slice<T>(IReadOnlyList<T> Items, string? Next, string? Previous, int TotalEstimate, bool TotalIsExact, bool TotalIsCached = false)
{
    /// <summary>The same slice with its items mapped (cursors and count unchanged).</summary>
    public Slice<TOut> Map<TOut>(Func<T, TOut> f) => With(Items.Select(f).ToList());

    /// <summary>The same cursors and count with other items (the slice's rows turned into DTOs by an async step, in order).</summary>
    public Slice<TOut> With<TOut>(IReadOnlyList<TOut> items) => new(items, Next, Previous, TotalEstimate, TotalIsExact, TotalIsCached);

    /// <summary>The count as a page shows it: "1000+" when it is a lower bound.</summary>
    public string TotalLabel => TotalIsExact ? TotalEstimate.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{TotalEstimate}+";
}

/// <summary>Where a list request starts: after a cursor, before a cursor, or at the beginning; and how many rows.</summary>
public sealed record KeysetRequest(string? After, string? Before, int Limit);

/// <summary>
/// Keyset ("seek") pagination, the one paging mechanism of every list: rows in a stable order on (sort key, id) with an index
/// behind it; a cursor encodes the boundary row's sort key and id, so a page costs the same at the start and the end of a
/// million rows (no OFFSET, no COUNT(*) over the whole scope per page).
/// </summary>
public static class Keyset
{
    public const int DefaultLimit = 20;
    /// <summary>The first slice counts the rows in scope up to this many; beyond it the list says "at least".</summary>
    public const int CountCap = 1000;

    /// <summary>Validates ?after=, ?before= and ?limit=; a malformed cursor is a 400 naming its field.</summary>
    public static bool TryRequest(string? after, string? before, int? limit, Api.Errors errors, out KeysetRequest request)
    {
        var size = limit ?? DefaultLimit;
        if (size < 1 || size > Api.MaxPageSize) errors.Add("limit", $"limit must be between 1 and {Api.MaxPageSize}.");
        if (!string.IsNullOrEmpty(after) && !string.IsNullOrEmpty(before)) errors.Add("before", "Give after or before, not both.");
        if (!string.IsNullOrEmpty(after) && Decode(after) is null) errors.Add("after", "after is not a cursor from this list.");
        if (!string.IsNullOrEmpty(before) && Decode(before) is null) errors.Add("before", "before is not a cursor from this list.");
        request = new KeysetRequest(NullIfEmpty(after), NullIfEmpty(before), size);
        return !errors.Any;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private sealed record Cursor(JsonElement K, Guid I, int N, bool X);

    /// <summary>
    /// The cursor's key as the list's key type. A time comes back in UTC, as the lists store it: a cursor is the caller's to send, and
    /// Npgsql refuses a <see cref="DateTimeOffset"/> with another offset for a <c>timestamptz</c> parameter (a hand-made cursor with +08:00
    /// would otherwise be a 500).
    /// </summary>
    private static TKey? KeyOf<TKey>(Cursor c)
    {
        var k = c.K.Deserialize<TKey>();
        return k is DateTimeOffset d ? (TKey)(object)d.ToUniversalTime() : k;
    }

    private static Cursor? Decode(string token)
    {
        try
        {
            var bytes = Base64Url.DecodeFromChars(token);
            var c = JsonSerializer.Deserialize<Cursor>(bytes);
            return c is null || c.K.ValueKind == JsonValueKind.Undefined ? null : c;
        }
        catch (Exception e) when (e is FormatException or JsonException) { return null; }
    }

    /// <summary>The cursor of a row (for benches and tests that start in the middle of a list without walking to it).</summary>
    public static string CursorOf<TKey>(TKey key, Guid id, int total = CountCap, bool exact = false) => Encode(key, id, total, exact);

    private static string Encode<TKey>(TKey key, Guid id, int total, bool exact) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Cursor(JsonSerializer.SerializeToElement(key), id, total, exact)));

    private sealed class Box<T>(T value) { public T Value { get; } = value; }

    /// <summary>
    /// One slice of <paramref name="query"/> ordered by (<paramref name="key"/>, <paramref name="id"/>), ascending or descending.
    /// <paramref name="project"/> turns the slice's rows into items (it may join; the order is kept); <paramref name="keyOf"/> and
    /// <paramref name="idOf"/> read an item's sort key and id back for the cursors. The seek is the row comparison
    /// (key, id) &gt; (k, i) (<see cref="Seek"/>), one index range on both SQLite and PostgreSQL.
    /// </summary>
    public static Task<Slice<T>> SliceAsync<TEntity, TKey, T>(this IQueryable<TEntity> query, KeysetRequest request,
        Expression<Func<TEntity, TKey>> key, Expression<Func<TEntity, Guid>> id, bool descending,
        Func<IQueryable<TEntity>, IQueryable<T>> project, Func<T, TKey> keyOf, Func<T, Guid> idOf, CancellationToken ct) =>
        SliceAsync([query], request, key, id, descending, project, keyOf, idOf, ct);

    /// <summary>
    /// One slice of the union of <paramref name="parts"/>, which must be disjoint (no row in two parts): each part is sliced on its
    /// own — the same seek, order and limit, so each runs as an index range scan — and the slices are merged in memory. For a list
    /// whose rows come by two ways that one index cannot serve together (a district's own requests by the district's index, and
    /// the few it co-handles), where one query with OR would walk or sort the whole scope. The count is the sum of the parts'
    /// capped counts. Keys are compared in memory as the databases order them (<see cref="string"/> ordinally).
    /// </summary>
    /// <param name="counted">The same rows as <paramref name="parts"/>, written for the first slice's count instead of them, when the
    /// form that one index walks in the list's order is a slow count: counting the first <see cref="CountCap"/> + 1 rows has no order, so a
    /// database may read them best by another index. E.g. the service visits' walk keeps a district's rows by a correlated EXISTS per row
    /// (the walk of (served_at, id) stays the plan), where its count takes them by <c>project_id IN (the district's projects)</c> from
    /// the unique index (the EXISTS would scan that index until it met enough of the district's rows). Null: the parts are counted.</param>
    public static async Task<Slice<T>> SliceAsync<TEntity, TKey, T>(this IReadOnlyList<IQueryable<TEntity>> parts, KeysetRequest request,
        Expression<Func<TEntity, TKey>> key, Expression<Func<TEntity, Guid>> id, bool descending,
        Func<IQueryable<TEntity>, IQueryable<T>> project, Func<T, TKey> keyOf, Func<T, Guid> idOf, CancellationToken ct,
        IReadOnlyList<IQueryable<TEntity>>? counted = null)
    {
        var backward = request.Before is not null;
        var cursor = request.After is { } a ? Decode(a) : request.Before is { } b ? Decode(b) : null;
        var seekKey = default(TKey);
        // A cursor of another list (its key of another type) starts this list from the beginning.
        try { if (cursor is not null) seekKey = KeyOf<TKey>(cursor); }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentOutOfRangeException) { cursor = null; }
        if (seekKey is null) { cursor = null; backward = false; }
        // Only the first slice counts (capped, and reused for a while per scope and filters); later slices carry its count.
        int total; bool exact, cached;
        if (cursor is not null) (total, exact, cached) = (cursor.N, cursor.X, true);
        else
        {
            (total, exact, cached) = (0, true, true);
            foreach (var part in counted ?? parts)
            {
                var (n, x, c) = await ListCounts.CappedCountAsync(part, ct);
                total += n; exact &= x; cached &= c;
            }
            if (total > CountCap) (total, exact) = (CountCap, false);
        }

        // Walking backwards is walking forwards in the reversed order.
        var ascending = descending == backward;
        // Several parts: each sliced on its own (its own index range, a simple statement) and merged here. One statement
        // (part 1 … LIMIT n+1) UNION ALL (part 2 … LIMIT n+1) ORDER BY … LIMIT n+1 was tried: same plans, one round trip, but on
        // SQLite it cost 1–2 ms more CPU per request than two simple statements (`lists` bench, 2026-12-06).
        var items = new List<T>();
        foreach (var part in parts)
        {
            var rows = part;
            if (cursor is not null) rows = rows.Where(Seek(key, id, seekKey!, cursor.I, ascending));
            var ordered = ascending ? rows.OrderBy(key).ThenBy(id) : rows.OrderByDescending(key).ThenByDescending(id);
            items.AddRange(await project(ordered.Take(request.Limit + 1)).ToListAsync(ct));
        }
        if (parts.Count > 1)
        {
            var keys = typeof(TKey) == typeof(string) ? (IComparer<TKey>)(object)StringComparer.Ordinal : Comparer<TKey>.Default;
            var merged = ascending ? items.OrderBy(keyOf, keys).ThenBy(idOf) : items.OrderByDescending(keyOf, keys).ThenByDescending(idOf);
            items = merged.Take(request.Limit + 1).ToList();
        }
        var more = items.Count > request.Limit;
        if (more) items.RemoveAt(items.Count - 1);
        if (backward) items.Reverse();
        var hasNext = backward ? true : more;
        var hasPrevious = backward ? more : cursor is not null;
        string? Cur(T item) => Encode(keyOf(item), idOf(item), total, exact);
        return new Slice<T>(items,
            hasNext && items.Count > 0 ? Cur(items[^1]) : null,
            hasPrevious && items.Count > 0 ? Cur(items[0]) : null,
            total, exact, cached);
    }

    /// <summary>
    /// One slice of rows already in memory, for the few lists whose order is computed rather than stored (loans by days overdue,
    /// positioned from their schedules): the same cursors, the same 400s and the same walk as <see cref="SliceAsync"/>; the count is exact.
    /// </summary>
    public static Slice<T> SliceOf<T, TKey>(IEnumerable<T> rows, KeysetRequest request, Func<T, TKey> keyOf, Func<T, Guid> idOf, bool descending)
        where TKey : IComparable<TKey>
    {
        var all = rows.ToList();
        var backward = request.Before is not null;
        var cursor = request.After is { } a ? Decode(a) : request.Before is { } b ? Decode(b) : null;
        var seekKey = default(TKey);
        try { if (cursor is not null) seekKey = KeyOf<TKey>(cursor); }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentOutOfRangeException) { cursor = null; }
        if (seekKey is null) { cursor = null; backward = false; }
        var ascending = descending == backward;
        int Compare(T x, TKey k, Guid i) { var c = keyOf(x).CompareTo(k); return c != 0 ? c : idOf(x).CompareTo(i); }
        var ordered = ascending ? all.OrderBy(keyOf).ThenBy(idOf) : all.OrderByDescending(keyOf).ThenByDescending(idOf);
        var beyond = cursor is null ? ordered : ordered.Where(x => ascending ? Compare(x, seekKey!, cursor.I) > 0 : Compare(x, seekKey!, cursor.I) < 0);
        var items = beyond.Take(request.Limit + 1).ToList();
        var more = items.Count > request.Limit;
        if (more) items.RemoveAt(items.Count - 1);
        if (backward) items.Reverse();
        var hasNext = backward || more;
        var hasPrevious = backward ? more : cursor is not null;
        string? Cur(T item) => Encode(keyOf(item), idOf(item), all.Count, true);
        return new Slice<T>(items, hasNext && items.Count > 0 ? Cur(items[^1]) : null, hasPrevious && items.Count > 0 ? Cur(items[0]) : null, all.Count, true);
    }

    /// <summary>
    /// The seek past the cursor as a row comparison, (key, id) &lt; (k, i) walking down and &gt; walking up (<see cref="Data.RowValue"/>):
    /// SQLite and PostgreSQL serve it as one range on an index (…, key, id), where the expanded form
    /// key ≤ k AND (key &lt; k OR id &lt; i) is a range on the key alone that reads and drops every row sharing the cursor's key.
    /// </summary>
    internal static Expression<Func<TEntity, bool>> Seek<TEntity, TKey>(Expression<Func<TEntity, TKey>> key, Expression<Func<TEntity, Guid>> id,
        TKey k, Guid i, bool ascending)
    {
        var p = key.Parameters[0];
        var idBody = new Rebind(id.Parameters[0], p).Visit(id.Body);
        // Captured values (not constants): EF sends them as parameters and keeps one plan for every cursor.
        Expression kv = Expression.Property(Expression.Constant(new Box<TKey>(k)), nameof(Box<TKey>.Value));
        Expression iv = Expression.Property(Expression.Constant(new Box<Guid>(i)), nameof(Box<Guid>.Value));
        var method = (ascending ? Data.RowValue.GreaterThanMethod : Data.RowValue.LessThanMethod).MakeGenericMethod(typeof(TKey));
        return Expression.Lambda<Func<TEntity, bool>>(Expression.Call(method, key.Body, idBody, kv, iv), p);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
