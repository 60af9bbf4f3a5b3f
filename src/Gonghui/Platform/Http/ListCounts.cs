using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Caching.Memory;

namespace Gonghui.Platform.Http;

/// <summary>
/// The capped count of a list's first slice, kept for a short while per database, scope and filters, so that the first page of a
/// busy list does not count up to <see cref="Keyset.CountCap"/> rows on every request (issue 13.4: "no exact COUNT(*) per page; an
/// estimate or a cached count, labelled as such").
/// <para>
/// The count query is tagged; <see cref="ListCountInterceptor"/> keys its result by the connection's database and the command's SQL
/// and parameter values (so the caller's scope and filters), keeps it <see cref="Lifetime"/>, and drops it as soon as this node saves
/// a change to any entity the list reads (<see cref="ListCountInvalidator"/>). Writes that bypass SaveChanges (bulk imports, another
/// node) show after at most <see cref="Lifetime"/>. A slice whose count was not taken for it says so: <see cref="Slice{T}.TotalIsCached"/>.
/// </para>
/// </summary>
public static class ListCounts
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>Off: every first slice counts (the `lists` bench measures both ways in one run).</summary>
    public static bool Enabled { get; set; } = true;
    internal const string Tag = "keyset-count";

    internal static readonly MemoryCache Cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });
    // Per database (data source and name) and entity type: apps and test fixtures in one process do not disturb each other.
    private static readonly ConcurrentDictionary<(string Db, Type Type), long> Generations = new();
    internal static readonly AsyncLocal<Pending?> Current = new();

    /// <summary>What the interceptor needs to know about the count in flight, and what it tells back (a reference, so it flows back).</summary>
    internal sealed class Pending(IReadOnlyCollection<Type> types)
    {
        public IReadOnlyCollection<Type> Types { get; } = types;
        /// <summary>The generations of <see cref="Types"/> in the command's database, read just before the count runs.</summary>
        public (Type Type, long Generation)[] Reads { get; set; } = [];
        public bool Cached { get; set; }
    }

    internal sealed record Entry(string Db, int Count, (Type Type, long Generation)[] Reads)
    {
        public bool Fresh => Reads.All(r => GenerationOf(Db, r.Type) == r.Generation);
    }

    internal static string DbKey(DbConnection? c) => c is null ? "" : c.DataSource + "|" + c.Database;

    /// <summary>Called for the entity types a save changed in a database: counts over them are taken again.</summary>
    public static void Changed(string db, IEnumerable<Type> types)
    {
        foreach (var t in types) Generations.AddOrUpdate((db, t), 1, (_, g) => g + 1);
    }

    internal static long GenerationOf(string db, Type t) => Generations.TryGetValue((db, t), out var g) ? g : 0;

    /// <summary>The count of <paramref name="query"/> up to <see cref="Keyset.CountCap"/> + 1 rows: (total capped at the cap, exact, cached).</summary>
    public static async Task<(int Total, bool Exact, bool Cached)> CappedCountAsync<T>(IQueryable<T> query, CancellationToken ct)
    {
        if (!Enabled)
        {
            var n = await query.Take(Keyset.CountCap + 1).CountAsync(ct);
            return (Math.Min(n, Keyset.CountCap), n <= Keyset.CountCap, false);
        }
        // The interceptor reads the generations just before the count runs: a save that lands during the count makes the kept result stale at once.
        var pending = new Pending(EntityTypes(query.Expression));
        var outer = Current.Value;
        Current.Value = pending;
        try
        {
            var total = await query.Take(Keyset.CountCap + 1).TagWith(Tag).CountAsync(ct);
            var exact = total <= Keyset.CountCap;
            return (exact ? total : Keyset.CountCap, exact, pending.Cached);
        }
        finally { Current.Value = outer; }
    }

    /// <summary>The entity types a query reads: its roots and those of sub-queries it captured (e.g. the units in scope).</summary>
    internal static HashSet<Type> EntityTypes(Expression e)
    {
        var v = new RootFinder();
        v.Visit(e);
        return v.Types;
    }

    private sealed class RootFinder : ExpressionVisitor
    {
        public readonly HashSet<Type> Types = [];
        private int _depth;

        protected override Expression VisitExtension(Expression node)
        {
            if (node is EntityQueryRootExpression root) { Types.Add(root.EntityType.ClrType); return node; }
            return base.VisitExtension(node);
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            // A captured IQueryable (a closure's field) is a sub-query: visit its expression too.
            if (_depth < 8 && typeof(IQueryable).IsAssignableFrom(node.Type) && TryRead(node, out var value) && value is IQueryable q) return Nested(q, node);
            return base.VisitMember(node);
        }

        protected override Expression VisitConstant(ConstantExpression node) =>
            _depth < 8 && node.Value is IQueryable q && q.Expression != node ? Nested(q, node) : node;

        private Expression Nested(IQueryable q, Expression node)
        {
            _depth++;
            Visit(q.Expression);
            _depth--;
            return node;
        }

        private static bool TryRead(MemberExpression m, out object? value)
        {
            value = null;
            object? target = null;
            if (m.Expression is ConstantExpression c) target = c.Value;
            else if (m.Expression is MemberExpression inner) { if (!TryRead(inner, out target)) return false; }
            else if (m.Expression is not null) return false;
            switch (m.Member)
            {
                case FieldInfo f: value = f.GetValue(target); return true;
                case PropertyInfo p when p.GetIndexParameters().Length == 0: value = p.GetValue(target); return true;
                default: return false;
            }
        }
    }
}

/// <summary>
/// Answers a tagged list count from <see cref="ListCounts"/> when a fresh one is kept, and keeps the ones it lets through. EF reads a
/// count through a data reader: a kept count is answered with a one-row reader, and a counted one is read here and handed on the same way.
/// </summary>
public sealed class ListCountInterceptor : DbCommandInterceptor
{
    public static readonly ListCountInterceptor Instance = new();

    private static string? KeyOf(DbCommand command)
    {
        if (ListCounts.Current.Value is null || !command.CommandText.Contains(ListCounts.Tag, StringComparison.Ordinal)) return null;
        var sb = new StringBuilder(command.Connection?.DataSource).Append('|').Append(command.Connection?.Database).Append('\n').Append(command.CommandText);
        foreach (DbParameter p in command.Parameters) sb.Append('\n').Append(p.ParameterName).Append('=').Append(Format(p.Value));
        return sb.ToString();
    }

    private static string Format(object? v) => v switch
    {
        null or DBNull => "∅",
        string s => s,
        System.Collections.IEnumerable e => "[" + string.Join(",", e.Cast<object?>().Select(Format)) + "]",
        _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static DbDataReader OneRow(int count)
    {
        var table = new System.Data.DataTable();
        table.Columns.Add("count", typeof(int));
        table.Rows.Add(count);
        return table.CreateDataReader();
    }

    private static InterceptionResult<DbDataReader> Lookup(DbCommand command, InterceptionResult<DbDataReader> result)
    {
        if (KeyOf(command) is not { } key) return result;
        var pending = ListCounts.Current.Value!;
        if (!ListCounts.Cache.TryGetValue(key, out ListCounts.Entry? hit) || !hit!.Fresh)
        {
            var db = ListCounts.DbKey(command.Connection);
            pending.Reads = pending.Types.Select(t => (t, ListCounts.GenerationOf(db, t))).ToArray();
            return result;
        }
        pending.Cached = true;
        return InterceptionResult<DbDataReader>.SuppressWithResult(OneRow(hit.Count));
    }

    private static DbDataReader Keep(DbCommand command, DbDataReader reader, int count)
    {
        reader.Dispose();
        if (ListCounts.Current.Value is { } pending && KeyOf(command) is { } key)
            ListCounts.Cache.Set(key, new ListCounts.Entry(ListCounts.DbKey(command.Connection), count, pending.Reads), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = ListCounts.Lifetime, Size = 1 });
        return OneRow(count);
    }

    private static bool Ours(DbCommand command) => ListCounts.Current.Value is { Cached: false } && command.CommandText.Contains(ListCounts.Tag, StringComparison.Ordinal);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Lookup(command, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken ct = default) => ValueTask.FromResult(Lookup(command, result));

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        if (!Ours(command) || !result.Read()) return result;
        return Keep(command, result, result.GetInt32(0));
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken ct = default)
    {
        if (!Ours(command)) return result;
        if (!await result.ReadAsync(ct)) return result;
        var count = result.GetInt32(0);
        await result.DisposeAsync();
        return Keep(command, result, count);
    }
}

/// <summary>Tells <see cref="ListCounts"/> which entity types a save changed, before and after it (a count taken in between is dropped too).</summary>
public sealed class ListCountInvalidator : SaveChangesInterceptor
{
    public static readonly ListCountInvalidator Instance = new();
    private static readonly ConditionalWeakTable<DbContext, HashSet<Type>> Saving = new();

    private static string DbOf(DbContext db) => ListCounts.DbKey(db.Database.GetDbConnection());

    private static void Before(DbContext? db)
    {
        if (db is null) return;
        var types = db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Metadata.ClrType).ToHashSet();
        if (types.Count == 0) return;
        ListCounts.Changed(DbOf(db), types);
        Saving.AddOrUpdate(db, types);
    }

    private static void After(DbContext? db)
    {
        if (db is null || !Saving.TryGetValue(db, out var types)) return;
        Saving.Remove(db);
        ListCounts.Changed(DbOf(db), types);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Before(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Before(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        After(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        After(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => After(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        After(eventData.Context);
        return Task.CompletedTask;
    }
}
