using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gonghui.Platform.Data;

/// <summary>Binds one row's own fields into a multi-row statement, at 1-based offset <paramref name="o"/> (the row's first column is o + 1).</summary>
internal delegate void SqliteRowBinder<T>(SqliteRawStatement s, int o, in T row);

/// <summary>
/// The SQLite side of a module's bulk writer (mutual-aid claim intake, service-visit import), one way for all: inside the caller's
/// open transaction, past EF's change tracker, prepared multi-row INSERTs (<see cref="RowsPerStatement"/> rows a statement, and a
/// one-row statement for the tail) bound by position through <see cref="SqliteRawStatement"/>; what is the same for every row of
/// the load is bound once when the statements are prepared (a reset statement keeps its bindings). A load that is large against
/// the table sets the secondary indexes aside (all but <c>kept</c>) and rebuilds each with one sort at the end, with a helper
/// thread and a larger cache; the page cache is set back when the load is disposed.
/// </summary>
internal sealed class SqliteBulkInsert : IDisposable
{
    public const int RowsPerStatement = 32;
    private static readonly ValueConverter<DateTimeOffset, long> Time = new DateTimeOffsetToBinaryConverter();

    private readonly GonghuiDb _db;
    private readonly SqliteConnection _conn;
    private readonly SqliteTransaction _tx;
    private readonly int _columns;
    private SqliteRawStatement? _many, _one;
    private SetAsideIndexes? _setAside;
    private readonly Dictionary<int, string> _days = [];

    private SqliteBulkInsert(GonghuiDb db, int columns)
    {
        _db = db;
        _conn = (SqliteConnection)db.Database.GetDbConnection();
        _tx = (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        _columns = columns;
    }

    /// <summary>EF Core's SQLite form of a <see cref="DateTimeOffset"/>: binary ticks.</summary>
    public static long Ticks(DateTimeOffset at) => (long)Time.ConvertToProvider(at)!;

    /// <summary>
    /// Starts a load into <paramref name="table"/> (<paramref name="columns"/>, comma-separated, <paramref name="columnCount"/> of them):
    /// a 64 MB page cache, the secondary indexes but <paramref name="kept"/> set aside when <paramref name="worthSettingAside"/> says so,
    /// and the statements prepared with <paramref name="constants"/> bound at each row's offset.
    /// </summary>
    public static async Task<SqliteBulkInsert> BeginAsync(GonghuiDb db, string table, string columns, int columnCount,
        Func<SqliteConnection, SqliteTransaction, Task<bool>> worthSettingAside, string[] kept, Action<SqliteRawStatement, int> constants, CancellationToken ct)
    {
        var b = new SqliteBulkInsert(db, columnCount);
        await b.ExecAsync("PRAGMA cache_size = -65536", ct);
        if (await worthSettingAside(b._conn, b._tx))
            b._setAside = await SetAsideIndexes.DropAsync(b._conn, b._tx, SetAsideIndexes.SqliteIndexesOf(table, kept), ct);
        b._many = b.Prepare(table, columns, RowsPerStatement, constants);
        b._one = b.Prepare(table, columns, 1, constants);
        return b;
    }

    private SqliteRawStatement Prepare(string table, string columns, int rows, Action<SqliteRawStatement, int> constants)
    {
        var sql = new StringBuilder($"INSERT INTO {table} ({columns}) VALUES ");
        var one = "(" + string.Join(",", Enumerable.Repeat("?", _columns)) + ")";
        for (var r = 0; r < rows; r++) sql.Append(r > 0 ? "," : "").Append(one);
        var s = SqliteRawStatement.Prepare(_conn, sql.ToString());
        for (var r = 0; r < rows; r++) constants(s, r * _columns);
        return s;
    }

    /// <summary>Writes the first <paramref name="count"/> of <paramref name="rows"/>, each bound by <paramref name="bind"/>.</summary>
    public void Write<T>(T[] rows, int count, SqliteRowBinder<T> bind)
    {
        var i = 0;
        for (; i + RowsPerStatement <= count; i += RowsPerStatement)
        {
            for (var r = 0; r < RowsPerStatement; r++) bind(_many!, r * _columns, in rows[i + r]);
            _many!.Step();
        }
        for (; i < count; i++)
        {
            bind(_one!, 0, in rows[i]);
            _one!.Step();
        }
    }

    /// <summary>EF Core's SQLite form of a <see cref="DateOnly"/> (yyyy-MM-dd), made once per day of the load.</summary>
    public string Day(DateOnly d)
    {
        if (!_days.TryGetValue(d.DayNumber, out var s)) _days[d.DayNumber] = s = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return s;
    }

    /// <summary>Finishes the load before the caller commits: rebuilds the indexes set aside, sorting with a helper thread and a larger cache.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        if (_setAside is null) return;
        await ExecAsync("PRAGMA threads = 2", ct);
        await ExecAsync("PRAGMA cache_size = -262144", ct);
        await _setAside.RestoreAsync(_conn, _tx, ct);
    }

    private async Task ExecAsync(string sql, CancellationToken ct)
    {
        await using var cmd = new SqliteCommand(sql, _conn, _tx) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public void Dispose()
    {
        _many?.Dispose();
        _one?.Dispose();
        _many = _one = null;
        try
        {
            // Inside the transaction if it is still open (a refused file is disposed before its rollback).
            using var reset = new SqliteCommand("PRAGMA cache_size = -2000; PRAGMA threads = 0", _conn, _db.Database.CurrentTransaction?.GetDbTransaction() as SqliteTransaction);
            if (_conn.State == System.Data.ConnectionState.Open) reset.ExecuteNonQuery();
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException) { } // the connection goes back to the pool either way; a larger cache there is harmless
    }
}
