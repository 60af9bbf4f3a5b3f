using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Gonghui.Platform.Data;

/// <summary>
/// One statement prepared on a <see cref="SqliteConnection"/>'s own native handle, bound by 1-based position and stepped
/// for its effect: the engine's fastest insert path for bulk writers (Microsoft.Data.Sqlite binds by name, converting the
/// name and searching the statement's parameter list, per parameter and row). Runs in whatever transaction the
/// connection has open. Every failing native call throws a <see cref="SqliteException"/> carrying SQLite's message,
/// result code and extended result code (a UNIQUE violation: 19 / 2067). Binding and stepping allocate nothing beyond
/// what SQLitePCL does for a text or blob value. Dispose finalizes the statement.
/// </summary>
internal sealed class SqliteRawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;

    private SqliteRawStatement(sqlite3 db, sqlite3_stmt stmt)
    {
        _db = db;
        _stmt = stmt;
    }

    /// <summary>Prepares <paramref name="sql"/> (positional <c>?</c> parameters) on the open connection's handle.</summary>
    public static SqliteRawStatement Prepare(SqliteConnection conn, string sql)
    {
        var db = conn.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var rc = raw.sqlite3_prepare_v2(db, sql, out var stmt);
        if (rc != raw.SQLITE_OK)
        {
            var e = Error(db, rc);
            stmt.Dispose();
            throw e;
        }
        return new SqliteRawStatement(db, stmt);
    }

    /// <summary>Binds text, or NULL when <paramref name="value"/> is null.</summary>
    public void Text(int position, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_stmt, position) : raw.sqlite3_bind_text16(_stmt, position, value.AsSpan()));

    /// <summary>
    /// Binds text from UTF-16 as it is, allocating nothing: SQLite copies it and converts it to the database's UTF-8 itself
    /// (binding a string through SQLitePCL's UTF-8 overload allocates a byte array per value).
    /// </summary>
    public void Text(int position, ReadOnlySpan<char> value) => Check(raw.sqlite3_bind_text16(_stmt, position, value));

    /// <summary>Binds a Guid as EF Core stores it on SQLite (upper-case hyphenated text), formatted on the stack.</summary>
    public void Uuid(int position, Guid value)
    {
        Span<char> text = stackalloc char[36];
        FormatGuid(value, text);
        Text(position, text);
    }

    public void Int64(int position, long value) => Check(raw.sqlite3_bind_int64(_stmt, position, value));

    public void Double(int position, double value) => Check(raw.sqlite3_bind_double(_stmt, position, value));

    /// <summary>Binds a blob, or NULL when <paramref name="value"/> is null.</summary>
    public void Blob(int position, byte[]? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_stmt, position) : raw.sqlite3_bind_blob(_stmt, position, value));

    public void Null(int position) => Check(raw.sqlite3_bind_null(_stmt, position));

    /// <summary>
    /// Binds an already-boxed provider value as Microsoft.Data.Sqlite would: null or DBNull as NULL; string as text; the
    /// integer types and bool as integers; double and float as reals; byte[] as a blob; a Guid as upper-case text (EF
    /// Core's SQLite mapping). False, binding nothing, for a value of another type.
    /// </summary>
    public bool Value(int position, object? value)
    {
        switch (value)
        {
            case null or DBNull: Null(position); return true;
            case string x: Text(position, x); return true;
            case long x: Int64(position, x); return true;
            case int x: Int64(position, x); return true;
            case short x: Int64(position, x); return true;
            case byte x: Int64(position, x); return true;
            case bool x: Int64(position, x ? 1 : 0); return true;
            case double x: Double(position, x); return true;
            case float x: Double(position, x); return true;
            case byte[] x: Blob(position, x); return true;
            case Guid x: Uuid(position, x); return true;
            default: return false;
        }
    }

    /// <summary>Runs the statement once, resets it for the next row (bindings are kept) and throws if it failed.</summary>
    public void Step()
    {
        var rc = raw.sqlite3_step(_stmt);
        raw.sqlite3_reset(_stmt); // with a v2-prepared statement the failing step's message and codes stay on the handle
        if (rc is not (raw.SQLITE_DONE or raw.SQLITE_ROW)) Throw(rc);
    }

    /// <summary>Rows the last completed step inserted, updated or deleted (0 for an INSERT … ON CONFLICT DO NOTHING that met its row).</summary>
    public int Changes => raw.sqlite3_changes(_db);

    /// <summary>A Guid as EF Core stores it on SQLite by default: upper-case hyphenated text (one string per call).</summary>
    public static string GuidText(Guid g) => string.Create(36, g, static (span, id) => FormatGuid(id, span));

    private static void FormatGuid(Guid g, Span<char> span)
    {
        g.TryFormat(span, out _, "D");
        for (var i = 0; i < span.Length; i++) if (span[i] is >= 'a' and <= 'f') span[i] = (char)(span[i] - 32);
    }

    public void Dispose() => _stmt.Dispose(); // sqlite3_finalize; a second call does nothing

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) Throw(rc);
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private void Throw(int rc) => throw Error(_db, rc);

    private static SqliteException Error(sqlite3 db, int rc) =>
        new(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
}
