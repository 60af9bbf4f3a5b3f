using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;

namespace Gonghui.Platform.Scope;

/// <summary>
/// The one scope filter. Organisation units carry a materialised path ("/BJ/DC/0042/"); a caller's scope is their
/// unit's path, and a row lies within the scope when its path starts with it. Every scope check — in a query or in
/// memory — goes through here; the architecture tests forbid hand-written <c>Path.StartsWith</c> elsewhere.
/// In queries the check becomes <c>path LIKE 'prefix%'</c> (EF Core's StartsWith translation with the scope as a
/// parameter), which SQLite and PostgreSQL serve from an index on the path column.
/// </summary>
public static class ScopeFilter
{
    /// <summary>Whether <paramref name="path"/> lies within <paramref name="scopePath"/> (the scope's own node included).
    /// Usable inside <see cref="WhereScoped{T}"/> predicates, where it becomes the same SQL as <see cref="InScope{T}"/>.</summary>
    public static bool Covers(string scopePath, [NotNullWhen(true)] string? path) =>
        path is not null && path.StartsWith(scopePath, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="path"/> lies strictly below <paramref name="scopePath"/> (the node itself excluded).</summary>
    public static bool StrictlyCovers(string scopePath, [NotNullWhen(true)] string? path) => Covers(scopePath, path) && path!.Length > scopePath.Length;

    /// <summary>The rows whose organisation path (picked by <paramref name="path"/>: a column of any name, or one reached
    /// through a navigation) lies within <paramref name="scopePath"/>.</summary>
    public static IQueryable<T> InScope<T>(this IQueryable<T> query, string scopePath, Expression<Func<T, string?>> path) =>
        query.Where(Within(scopePath, path));

    /// <summary>
    /// A predicate that may combine scope checks with other conditions: each <see cref="Covers"/> call in it becomes
    /// the translatable prefix test, e.g. <c>q.WhereScoped(r =&gt; ScopeFilter.Covers(scope, r.ScopePath) || coUnits.Any(c =&gt; c.RequestId == r.Id))</c>.
    /// <para>
    /// It also scopes rows by their owner's path, in another table, as a correlated EXISTS:
    /// <c>visits.WhereScoped(v =&gt; projects.Any(p =&gt; p.Id == v.ProjectId &amp;&amp; ScopeFilter.Covers(scope, p.ScopePath)))</c>. The usual form,
    /// <c>q.Where(v =&gt; ownersInScope.Select(p =&gt; p.Id).Contains(v.ProjectId))</c> (<c>IN (subquery)</c>), lets the database start from the
    /// owners and read their rows by an index on the owner's key: best for a count or a total. For a list walked in the order of another
    /// index and cut by a limit, the EXISTS is a probe of the owner per row walked, which keeps the walk the plan: SQLite without statistics
    /// drives an IN from the owner's index and sorts every row in scope before the limit (the service visits' list, docs/services.md).
    /// </para>
    /// </summary>
    public static IQueryable<T> WhereScoped<T>(this IQueryable<T> query, Expression<Func<T, bool>> predicate) =>
        query.Where(Translatable(predicate));

    /// <summary>
    /// The district of a path: its prefix one level below the root ("/BJ/DC/" for "/BJ/DC/DC0001/" and for "/BJ/DC/" itself), i.e.
    /// the depth-1 unit (district, industry or service union) whose subtree holds it; null for the root ("/BJ/") and for anything
    /// that is not a path. A table whose lists are scoped by district stores it beside the path (kept equal to
    /// <c>DistrictOf(path)</c> whenever the path is set) and filters with <see cref="InScope{T}(IQueryable{T}, string, Expression{Func{T, string?}}, Expression{Func{T, string?}})"/>.
    /// </summary>
    public static string? DistrictOf(string? path)
    {
        if (path is null || path.Length < 2 || path[0] != '/') return null;
        var rootEnd = path.IndexOf('/', 1);
        if (rootEnd < 0) return null;
        var districtEnd = path.IndexOf('/', rootEnd + 1);
        return districtEnd < 0 ? null : path[..(districtEnd + 1)];
    }

    /// <summary>
    /// <see cref="InScope{T}(IQueryable{T}, string, Expression{Func{T, string?}})"/> for a table that also stores each row's
    /// <see cref="DistrictOf"/> its path in an indexed column (<paramref name="district"/>): when the scope is a district, the filter is
    /// equality on that column, which an index (district, sort key, id) serves in the list's order — a path prefix cannot, so a
    /// district's newest-first list would otherwise gather and sort the whole district. Below a district the prefix is kept and
    /// the district's equality added; the root (and a scope that is no path) keep the prefix alone. Same rows either way.
    /// </summary>
    /// <param name="scopeHoldsNoUnits">The scope's unit can hold no unit below it (a grassroots union): its subtree is its own node,
    /// so the filter is equality on the path, which an index (path, sort key, id) serves in order.</param>
    public static IQueryable<T> InScope<T>(this IQueryable<T> query, string scopePath, Expression<Func<T, string?>> path, Expression<Func<T, string?>> district,
        bool scopeHoldsNoUnits = false)
    {
        var d = DistrictOf(scopePath);
        if (d is null) return query.InScope(scopePath, path);
        if (d.Length == scopePath.Length) return query.Where(Equal(district, d));
        return scopeHoldsNoUnits ? query.Where(Equal(path, scopePath)) : query.Where(Equal(district, d)).InScope(scopePath, path);
    }

    /// <summary>
    /// The branch of <paramref name="parentPath"/> that holds <paramref name="path"/>: the path of the unit one level below the parent
    /// whose subtree holds it ("/BJ/DC/" for parent "/BJ/" and "/BJ/DC/DC0001/"), or the parent itself for the parent's own node.
    /// <paramref name="path"/> must lie within the parent. The same as <see cref="BranchKey{T}"/> computes in SQL.
    /// </summary>
    public static string BranchOf(string parentPath, string path)
    {
        var end = path.IndexOf('/', parentPath.Length);
        return end < 0 ? parentPath : path[..(end + 1)];
    }

    /// <summary>
    /// <see cref="BranchOf"/> as an expression EF Core translates (<c>substr</c> and <c>instr</c> on SQLite, <c>substring</c> and <c>strpos</c>
    /// on PostgreSQL), for grouping the rows within a parent by its branches in one query: the rankings of a report's districts read
    /// each source's records once (<see cref="GroupByBranch{T}"/>) instead of once per district.
    /// </summary>
    public static Expression<Func<T, string>> BranchKey<T>(string parentPath, Expression<Func<T, string?>> path)
    {
        Expression<Func<int>> captured = () => parentPath.Length;
        var n = captured.Body;
        var p = path.Body;
        // path.Substring(0, n + path.Substring(n).IndexOf("/") + 1)
        var rest = Expression.Call(p, SubstringFrom, n);
        var slash = Expression.Call(rest, IndexOfString, Expression.Constant("/"));
        var length = Expression.Add(Expression.Add(n, slash), Expression.Constant(1));
        return Expression.Lambda<Func<T, string>>(Expression.Call(p, SubstringRange, Expression.Constant(0), length), path.Parameters);
    }

    /// <summary>The rows within <paramref name="parentPath"/> grouped by the branch (<see cref="BranchOf"/>) that holds each one's path.</summary>
    public static IQueryable<IGrouping<string, T>> GroupByBranch<T>(this IQueryable<T> query, string parentPath, Expression<Func<T, string?>> path) =>
        query.InScope(parentPath, path).GroupBy(BranchKey(parentPath, path));

    private static readonly System.Reflection.MethodInfo SubstringFrom = typeof(string).GetMethod(nameof(string.Substring), [typeof(int)])!;
    private static readonly System.Reflection.MethodInfo SubstringRange = typeof(string).GetMethod(nameof(string.Substring), [typeof(int), typeof(int)])!;
    private static readonly System.Reflection.MethodInfo IndexOfString = typeof(string).GetMethod(nameof(string.IndexOf), [typeof(string)])!;

    private static Expression<Func<T, bool>> Equal<T>(Expression<Func<T, string?>> column, string value) =>
        Expression.Lambda<Func<T, bool>>(Expression.Equal(column.Body, ScopeParameter(value)), column.Parameters);

    /// <summary>The filter as an expression, for a caller that composes it itself.</summary>
    public static Expression<Func<T, bool>> Within<T>(string scopePath, Expression<Func<T, string?>> path) =>
        Expression.Lambda<Func<T, bool>>(Prefix(path.Body, ScopeParameter(scopePath)), path.Parameters);

    /// <summary><paramref name="predicate"/> with every <see cref="Covers"/> / <see cref="StrictlyCovers"/> call rewritten
    /// into string comparisons EF Core translates.</summary>
    public static Expression<TDelegate> Translatable<TDelegate>(Expression<TDelegate> predicate) =>
        (Expression<TDelegate>)new CoversRewriter().Visit(predicate);

    // path.StartsWith(scope): EF Core turns a parameter prefix into LIKE with the wildcards in the value escaped.
    private static Expression Prefix(Expression path, Expression scope) =>
        Expression.Call(path, StartsWith, scope);

    // A captured value, not a constant, so that EF Core sends it as a parameter and caches one plan for every scope.
    private static Expression ScopeParameter(string scopePath)
    {
        Expression<Func<string>> captured = () => scopePath;
        return captured.Body;
    }

    private static readonly System.Reflection.MethodInfo StartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
    private static readonly System.Reflection.MethodInfo CoversMethod = typeof(ScopeFilter).GetMethod(nameof(Covers))!;
    private static readonly System.Reflection.MethodInfo StrictlyCoversMethod = typeof(ScopeFilter).GetMethod(nameof(StrictlyCovers))!;

    private sealed class CoversRewriter : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method == CoversMethod)
                return Prefix(Visit(node.Arguments[1]), Visit(node.Arguments[0]));
            if (node.Method == StrictlyCoversMethod)
            {
                var scope = Visit(node.Arguments[0]);
                var path = Visit(node.Arguments[1]);
                return Expression.AndAlso(Prefix(path, scope), Expression.NotEqual(path, scope));
            }
            return base.VisitMethodCall(node);
        }
    }
}
