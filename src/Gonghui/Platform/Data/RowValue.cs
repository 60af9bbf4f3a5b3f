using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Platform.Data;

/// <summary>
/// Row-value comparisons in LINQ queries: <c>RowValue.LessThan(r.ReceivedAt, r.Id, k, i)</c> becomes
/// <c>(received_at, id) &lt; (@k, @i)</c> on SQLite (3.15+) and PostgreSQL. Both serve it as ONE range on an index
/// (…, received_at, id) — the keyset seek of <see cref="Http.Keyset"/>. The expanded form
/// <c>key &lt;= k AND (key &lt; k OR id &lt; i)</c> is only a range on the key, so every row sharing the cursor's key is read and
/// dropped (PostgreSQL: "Rows Removed by Filter"); with many rows of one key (a common name, requests entered with the same
/// time) a page reads them all. The values take the type mapping of the column they are compared with (value converters included:
/// DateTimeOffset as ticks on SQLite). Evaluated in memory the methods compare the same way (strings ordinally, as both databases
/// compare these columns).
/// </summary>
public static class RowValue
{
    /// <summary>(<paramref name="key"/>, <paramref name="id"/>) &lt; (<paramref name="k"/>, <paramref name="i"/>).</summary>
    public static bool LessThan<TKey>(TKey key, Guid id, TKey k, Guid i) => Compare(key, id, k, i) < 0;

    /// <summary>(<paramref name="key"/>, <paramref name="id"/>) &gt; (<paramref name="k"/>, <paramref name="i"/>).</summary>
    public static bool GreaterThan<TKey>(TKey key, Guid id, TKey k, Guid i) => Compare(key, id, k, i) > 0;

    private static int Compare<TKey>(TKey key, Guid id, TKey k, Guid i)
    {
        var c = key is string a && k is string b ? string.CompareOrdinal(a, b) : Comparer<TKey>.Default.Compare(key, k);
        return c != 0 ? c : id.CompareTo(i);
    }

    internal static readonly MethodInfo LessThanMethod = typeof(RowValue).GetMethod(nameof(LessThan))!;
    internal static readonly MethodInfo GreaterThanMethod = typeof(RowValue).GetMethod(nameof(GreaterThan))!;

    /// <summary>Registers the translation of <see cref="RowValue"/>'s methods with a context's options (both providers).</summary>
    public static DbContextOptionsBuilder UseRowValues(this DbContextOptionsBuilder options)
    {
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new Extension());
        return options;
    }

    private sealed class Extension : IDbContextOptionsExtension
    {
        public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

        public void ApplyServices(IServiceCollection services) =>
            new EntityFrameworkRelationalServicesBuilder(services).TryAdd<IMethodCallTranslatorPlugin, TranslatorPlugin>();

        public void Validate(IDbContextOptions options) { }

        private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
        {
            public override bool IsDatabaseProvider => false;
            public override string LogFragment => "using row values ";
            public override int GetServiceProviderHashCode() => 0;
            public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;
            public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["Gonghui:RowValues"] = "1";
        }
    }

    private sealed class TranslatorPlugin(ISqlExpressionFactory sql, IRelationalTypeMappingSource mappings) : IMethodCallTranslatorPlugin
    {
        public IEnumerable<IMethodCallTranslator> Translators { get; } = [new Translator(sql, mappings)];
    }

    private sealed class Translator(ISqlExpressionFactory sql, IRelationalTypeMappingSource mappings) : IMethodCallTranslator
    {
        public SqlExpression? Translate(SqlExpression? instance, MethodInfo method, IReadOnlyList<SqlExpression> arguments,
            IDiagnosticsLogger<DbLoggerCategory.Query> logger)
        {
            if (!method.IsGenericMethod || method.DeclaringType != typeof(RowValue)) return null;
            var definition = method.GetGenericMethodDefinition();
            ExpressionType op;
            if (definition == LessThanMethod) op = ExpressionType.LessThan;
            else if (definition == GreaterThanMethod) op = ExpressionType.GreaterThan;
            else return null;
            // The columns keep their own mappings; each value takes its column's (so a cursor's DateTimeOffset is sent as the
            // column stores it, and a Guid as SQLite's upper-case text).
            var key = sql.ApplyDefaultTypeMapping(arguments[0]);
            var id = sql.ApplyDefaultTypeMapping(arguments[1]);
            var k = sql.ApplyTypeMapping(arguments[2], key.TypeMapping);
            var i = sql.ApplyTypeMapping(arguments[3], id.TypeMapping);
            return new SqlBinaryExpression(op, new RowValueExpression([key, id]), new RowValueExpression([k, i]), typeof(bool),
                mappings.FindMapping(typeof(bool)));
        }
    }
}
