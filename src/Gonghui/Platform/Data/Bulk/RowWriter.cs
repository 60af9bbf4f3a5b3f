using System.Buffers;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gonghui.Platform.Data.Bulk;

/// <summary>
/// Inserts new rows of mapped entities in one transaction without the change tracker, together with the audit entries
/// SaveChanges would have written for them (same actor, action "create", same snapshot text, same hash chain). Columns,
/// names and value conversions come from the context's EF model, so a property added to an entity is written (and
/// audited) without touching this class. SQLite: one prepared INSERT per table re-executed per row; PostgreSQL: multi-row
/// INSERTs with positional parameters, one round trip per table and chunk. A platform service: the hotline intake's group
/// commit uses it, and any module writing many new audited rows at once should.
/// </summary>
internal static class RowWriter
{
    /// <summary>
    /// Writes <paramref name="rows"/> (in order; each with the name audited as its author) and their audit entries, in a transaction of
    /// its own, or in the caller's when one is open (a scenario step: all its writes commit together or not at all).
    /// </summary>
    public static async Task InsertAsync(GonghuiDb db, IReadOnlyList<(object Row, string Actor)> rows, DateTimeOffset now, CancellationToken ct)
    {
        var map = Map.For(db);
        var audit = new List<AuditEntry>();
        foreach (var (row, actor) in rows)
            if (row is IAudited) audit.Add(map.Table(row.GetType()).Created(row, actor, now));

        var npgsql = db.IsNpgsql();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // The audit chain has one writer at a time (the same gate and lock SaveChanges takes).
            await AuditTrail.Gate.WaitAsync(ct);
            try
            {
                await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
                var tx = own ?? db.Database.CurrentTransaction!;
                if (npgsql) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AuditTrail.PgLockKey})", ct);
                var conn = db.Database.GetDbConnection();
                var dbTx = tx.GetDbTransaction();
                var (lastSeq, lastHash) = await map.LastAuditAsync(conn, dbTx, ct);
                AuditTrail.Chain(db, audit, lastSeq, lastHash);
                // Tables in the order their first row comes (the request before its timeline and outbox rows), audit last.
                foreach (var group in rows.Select(r => r.Row).Concat(audit).GroupBy(r => r.GetType()))
                {
                    var table = map.Table(group.Key);
                    var list = group.ToList();
                    if (npgsql) await table.InsertManyAsync(conn, dbTx, list, ct);
                    else table.InsertEach((SqliteConnection)conn, dbTx, list);
                }
                if (own is not null) await own.CommitAsync(ct);
                // These rows bypass SaveChanges, so tell the list counts as its interceptor would: a new hotline request shows in
                // its lists' and the home page's counts at once, not after the counts' cache lifetime.
                Http.ListCounts.Changed(Http.ListCounts.DbKey(conn), rows.Select(r => r.Row.GetType()).Distinct().ToList());
            }
            finally
            {
                AuditTrail.Gate.Release();
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Runs one statement per row of arguments in ONE transaction and answers each row's count of rows affected (in order): the
    /// group commit of conditional writes whose callers each need their own outcome (a like inserted or already there, an answer
    /// saved or refused). <paramref name="sql"/> names its parameters <c>$1</c>, <c>$2</c>, … (a parameter may recur); arguments are
    /// provider values as EF Core stores them (on SQLite a Guid is bound as upper-case text, a time is the caller's converted value;
    /// on PostgreSQL a time is a UTC <see cref="DateTimeOffset"/>), null for NULL. SQLite: the statement prepared once on the
    /// connection's handle, bound by position and stepped per row; PostgreSQL: every row's statement in one batch, one round trip.
    /// Not audited: for rows that are not <see cref="IAudited"/>.
    /// </summary>
    public static async Task<int[]> ExecuteEachAsync(GonghuiDb db, string sql, IReadOnlyList<object?[]> rows, CancellationToken ct)
    {
        var affected = new int[rows.Count];
        if (rows.Count == 0) return affected;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var conn = db.Database.GetDbConnection();
            if (conn is Npgsql.NpgsqlConnection pg)
            {
                await using var batch = new Npgsql.NpgsqlBatch(pg, (Npgsql.NpgsqlTransaction)tx.GetDbTransaction());
                foreach (var args in rows)
                {
                    var cmd = new Npgsql.NpgsqlBatchCommand(sql);
                    foreach (var a in args) cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = a ?? DBNull.Value });
                    batch.BatchCommands.Add(cmd);
                }
                await batch.ExecuteNonQueryAsync(ct);
                for (var i = 0; i < rows.Count; i++) affected[i] = batch.BatchCommands[i].RecordsAffected;
            }
            else
            {
                // SQLite numbers parameters ?1, ?2, … (the same number may recur, bound once).
                using var stmt = SqliteRawStatement.Prepare((SqliteConnection)conn, SqliteNumbered.GetOrAdd(sql, s => System.Text.RegularExpressions.Regex.Replace(s, @"\$(\d+)", "?$1")));
                for (var i = 0; i < rows.Count; i++)
                {
                    var args = rows[i];
                    for (var j = 0; j < args.Length; j++)
                        if (!stmt.Value(j + 1, args[j])) throw new NotSupportedException($"Parameter ${j + 1}: {args[j]!.GetType().Name}");
                    stmt.Step();
                    affected[i] = stmt.Changes;
                }
            }
            await tx.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return affected;
    }

    private static readonly ConcurrentDictionary<string, string> SqliteNumbered = new(StringComparer.Ordinal);

    /// <summary>The audit entry written for a new row (what SaveChanges would write when the row is added).</summary>
    public static AuditEntry AuditOfNew(GonghuiDb db, object row, string actor, DateTimeOffset now) =>
        Map.For(db).Table(row.GetType()).Created(row, actor, now);

    /// <summary>The tables of one model (one per provider context), built once.</summary>
    private sealed class Map(IModel model, ISqlGenerationHelper sql)
    {
        private static readonly ConcurrentDictionary<IModel, Map> Maps = new();
        private readonly ConcurrentDictionary<Type, Table> _tables = new();

        public static Map For(GonghuiDb db) =>
            Maps.GetOrAdd(db.Model, m => new Map(m, db.GetService<ISqlGenerationHelper>()));

        public Table Table(Type clr) => _tables.GetOrAdd(clr, t => new Table(
            model.FindEntityType(t) ?? throw new InvalidOperationException($"{t.Name} is not mapped."), sql));

        private string? _lastAuditSql;

        /// <summary>The audit chain's last link (sequence number and hash), or the genesis when the trail is empty.</summary>
        public async Task<(long Seq, string Hash)> LastAuditAsync(DbConnection conn, DbTransaction tx, CancellationToken ct)
        {
            if (_lastAuditSql is null)
            {
                var t = model.FindEntityType(typeof(AuditEntry))!;
                var seq = sql.DelimitIdentifier(t.FindProperty(nameof(AuditEntry.Seq))!.GetColumnName());
                var hash = sql.DelimitIdentifier(t.FindProperty(nameof(AuditEntry.Hash))!.GetColumnName());
                _lastAuditSql = $"SELECT {seq}, {hash} FROM {sql.DelimitIdentifier(t.GetTableName()!, t.GetSchema())} ORDER BY {seq} DESC LIMIT 1";
            }
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = _lastAuditSql;
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditEntry.Genesis);
        }
    }

    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter)
    {
        public object? Get(object entity) => Getter.GetClrValueUsingContainingEntity(entity);

        public object ToProvider(object? value) =>
            value is null ? DBNull.Value : (Mapping.Converter is { } c ? c.ConvertToProvider(value) : value) ?? DBNull.Value;
    }

    private sealed class Table
    {
        private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        private readonly IEntityType _type;
        private readonly Column[] _insert;
        private readonly Column[] _snapshot;
        private readonly IProperty[] _key;
        private readonly string _head;
        private readonly string _insertOne;
        private readonly string _insertPositional;

        public Table(IEntityType type, ISqlGenerationHelper sql)
        {
            _type = type;
            var table = type.GetTableName() ?? throw new InvalidOperationException($"{type.Name} has no table.");
            var all = type.GetProperties().Select(p => p.IsShadowProperty()
                    ? throw new NotSupportedException($"{type.ClrType.Name}.{p.Name} is a shadow property.")
                    : new Column(p, p.GetColumnName(), p.GetRelationalTypeMapping(), p.GetGetter())).ToArray();
            // Store-generated integer keys (identity) are left to the database, as SaveChanges does.
            _insert = all.Where(c => !(c.Property.ValueGenerated == ValueGenerated.OnAdd && (c.Property.ClrType == typeof(long) || c.Property.ClrType == typeof(int)))).ToArray();
            // The audit snapshot lists every property by name in ordinal order (AuditTrail's format).
            _snapshot = all.OrderBy(c => c.Property.Name, StringComparer.Ordinal).ToArray();
            _key = type.FindPrimaryKey()!.Properties.ToArray();
            _head = $"INSERT INTO {sql.DelimitIdentifier(table, type.GetSchema())} ({string.Join(", ", _insert.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ";
            _insertOne = _head + "(" + string.Join(", ", _insert.Select((_, i) => "@p" + i)) + ")";
            _insertPositional = _head + "(" + string.Join(", ", _insert.Select(_ => "?")) + ")";
        }

        /// <summary>The audit entry SaveChanges writes for this row when it is added.</summary>
        public AuditEntry Created(object entity, string actor, DateTimeOffset now)
        {
            var buffer = new ArrayBufferWriter<byte>(2048);
            using (var w = new Utf8JsonWriter(buffer, JsonOptions))
            {
                w.WriteStartObject();
                foreach (var c in _snapshot)
                {
                    var v = c.Get(entity);
                    var s = v is DateTimeOffset d ? d.UtcDateTime.ToString("O") : v?.ToString();
                    if (s is null) w.WriteNull(c.Property.Name);
                    else w.WriteString(c.Property.Name, s);
                }
                w.WriteEndObject();
            }
            var id = string.Join(",", _key.Select(p => p.GetGetter().GetClrValueUsingContainingEntity(entity)?.ToString()));
            return new AuditEntry { At = now, Actor = actor, Action = "create", EntityType = _type.ClrType.Name, EntityId = id, After = Encoding.UTF8.GetString(buffer.WrittenSpan) };
        }

        private Bind[]? _binds;

        /// <summary>How a column's provider value is handed to SQLite, decided once from EF's parameter for it.</summary>
        private enum Bind { Unsupported, Value, GuidText, GuidBlob }

        /// <summary>
        /// SQLite: one statement prepared on the connection's handle, bound by position and stepped per row (the engine's
        /// fastest insert path; binding by name looks every parameter up on every row). Values are bound as
        /// Microsoft.Data.Sqlite binds them (GUIDs as upper-case text where EF maps them to TEXT); a column of another
        /// kind falls back to a prepared SqliteCommand.
        /// </summary>
        public void InsertEach(SqliteConnection conn, DbTransaction tx, List<object> rows)
        {
            _binds ??= _insert.Select(c =>
            {
                using var probe = new SqliteCommand();
                var p = (SqliteParameter)c.Mapping.CreateParameter(probe, "p", null, true);
                var provider = Nullable.GetUnderlyingType(c.Mapping.Converter?.ProviderClrType ?? c.Mapping.ClrType) ?? c.Mapping.Converter?.ProviderClrType ?? c.Mapping.ClrType;
                if (provider == typeof(Guid)) return p.SqliteType == SqliteType.Blob ? Bind.GuidBlob : Bind.GuidText;
                return provider == typeof(string) || provider == typeof(long) || provider == typeof(int) || provider == typeof(short) || provider == typeof(byte)
                       || provider == typeof(bool) || provider == typeof(double) || provider == typeof(float) || provider == typeof(byte[])
                    ? Bind.Value : Bind.Unsupported;
            }).ToArray();
            if (_binds.Contains(Bind.Unsupported)) { InsertEachCommand(conn, tx, rows); return; }

            using var stmt = SqliteRawStatement.Prepare(conn, _insertPositional);
            foreach (var row in rows)
            {
                for (var i = 0; i < _insert.Length; i++)
                {
                    var v = _insert[i].ToProvider(_insert[i].Get(row));
                    // Value binds a Guid as upper-case text; a column EF maps to a blob gets its bytes.
                    if (v is Guid g && _binds[i] == Bind.GuidBlob) stmt.Blob(i + 1, g.ToByteArray());
                    else if (!stmt.Value(i + 1, v))
                        throw new NotSupportedException($"{_type.ClrType.Name}.{_insert[i].Property.Name}: {v.GetType().Name}");
                }
                stmt.Step();
            }
        }

        private void InsertEachCommand(DbConnection conn, DbTransaction tx, List<object> rows)
        {
            using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = _insertOne;
            var ps = new DbParameter[_insert.Length];
            for (var i = 0; i < ps.Length; i++)
            {
                ps[i] = _insert[i].Mapping.CreateParameter(cmd, "@p" + i, null, _insert[i].Property.IsNullable);
                cmd.Parameters.Add(ps[i]);
            }
            cmd.Prepare();
            foreach (var row in rows)
            {
                for (var i = 0; i < ps.Length; i++) ps[i].Value = _insert[i].ToProvider(_insert[i].Get(row));
                cmd.ExecuteNonQuery();
            }
        }

        /// <summary>PostgreSQL: multi-row INSERTs with positional parameters (no SQL rewriting by the driver).</summary>
        public async Task InsertManyAsync(DbConnection conn, DbTransaction tx, List<object> rows, CancellationToken ct)
        {
            var perStatement = Math.Max(1, 30_000 / _insert.Length);
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - start);
                await using var cmd = conn.CreateCommand();
                cmd.Transaction = tx;
                var sb = new StringBuilder(_head, _head.Length + count * _insert.Length * 7);
                var n = 0;
                for (var r = 0; r < count; r++)
                {
                    var row = rows[start + r];
                    sb.Append(r == 0 ? "(" : ", (");
                    for (var i = 0; i < _insert.Length; i++)
                    {
                        if (i > 0) sb.Append(", ");
                        sb.Append('$').Append(++n);
                        var p = _insert[i].Mapping.CreateParameter(cmd, "", _insert[i].Get(row), _insert[i].Property.IsNullable);
                        p.ParameterName = "";
                        cmd.Parameters.Add(p);
                    }
                    sb.Append(')');
                }
                cmd.CommandText = sb.ToString();
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }
    }
}
