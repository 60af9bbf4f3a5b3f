using System.Data.Common;

namespace Gonghui.Platform.Data;

/// <summary>
/// A table's secondary indexes, dropped for a bulk load and rebuilt (one sort each) before the commit. DDL is
/// transactional on SQLite and PostgreSQL, so a refused or killed load leaves the table and its indexes as they were.
/// </summary>
internal sealed class SetAsideIndexes
{
    private readonly List<(string Name, string Sql)> _indexes = [];

    public int Count => _indexes.Count;

    /// <summary>
    /// Every index of <paramref name="table"/> that SQLite did not create itself (primary key and UNIQUE constraints stay),
    /// but those named in <paramref name="keep"/> (indexes whose keys a bulk load appends in order cost little to keep).
    /// </summary>
    public static string SqliteIndexesOf(string table, params string[] keep) =>
        $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = '{table}' AND sql IS NOT NULL" + Except("name", keep);

    /// <summary>Every index of <paramref name="table"/> but the primary key, those behind constraints and those named in <paramref name="keep"/>.</summary>
    public static string PostgresIndexesOf(string table, params string[] keep) => $"""
        SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = '{table}'::regclass AND NOT i.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
        """ + Except("c.relname", keep);

    private static string Except(string column, string[] names) =>
        names.Length == 0 ? "" : $" AND {column} NOT IN ({string.Join(", ", names.Select(n => "'" + n.Replace("'", "''") + "'"))})";

    /// <summary>Lists the indexes with <paramref name="listSql"/> (name, definition) and drops them.</summary>
    public static async Task<SetAsideIndexes> DropAsync(DbConnection conn, DbTransaction? tx, string listSql, CancellationToken ct)
    {
        var set = new SetAsideIndexes();
        await using (var list = Command(conn, tx, listSql))
        await using (var r = await list.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) set._indexes.Add((r.GetString(0), r.GetString(1)));
        foreach (var (name, _) in set._indexes) await ExecAsync(conn, tx, $"DROP INDEX \"{name}\"", ct);
        return set;
    }

    /// <summary>Re-creates the dropped indexes; a second call does nothing.</summary>
    public async Task RestoreAsync(DbConnection conn, DbTransaction? tx, CancellationToken ct)
    {
        foreach (var (_, sql) in _indexes) await ExecAsync(conn, tx, sql, ct);
        _indexes.Clear();
    }

    private static DbCommand Command(DbConnection conn, DbTransaction? tx, string sql)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        cmd.CommandTimeout = 0;
        return cmd;
    }

    private static async Task ExecAsync(DbConnection conn, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = Command(conn, tx, sql);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
