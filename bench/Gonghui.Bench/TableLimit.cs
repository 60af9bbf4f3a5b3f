using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gonghui.Bench;

/// <summary>
/// The limit a bulk load is measured against, in the same run on the same machine: the rows a load left in a table, loaded
/// again into a copy of that table (same columns, same indexes, the secondary indexes set aside during the load and rebuilt
/// before the commit with the importers' memory for sorting, as the importers do). PostgreSQL: a plain binary COPY of the rows (exported to memory beforehand);
/// SQLite: one prepared INSERT per row in one transaction, reading the rows back on the same connection.
/// <see cref="PrepareAsync"/> does the set-up and returns the load to time.
/// </summary>
internal static class TableLimit
{
    public static Task<Func<Task<long>>> PrepareAsync(DbConnection conn, string table) => conn switch
    {
        NpgsqlConnection pg => PgAsync(pg, table),
        SqliteConnection sqlite => SqliteAsync(sqlite, table),
        _ => throw new NotSupportedException(conn.GetType().Name),
    };

    private static async Task<Func<Task<long>>> PgAsync(NpgsqlConnection conn, string table)
    {
        var buffer = new MemoryStream();
        await using (var export = await conn.BeginRawBinaryCopyAsync($"COPY {table} TO STDOUT (FORMAT BINARY)")) await export.CopyToAsync(buffer);
        await using (var cmd = new NpgsqlCommand($"CREATE TABLE {table}_limit (LIKE {table} INCLUDING ALL)", conn)) await cmd.ExecuteNonQueryAsync();
        var indexes = new List<(string Name, string Def)>();
        await using (var cmd = new NpgsqlCommand($"SELECT indexname, indexdef FROM pg_indexes WHERE tablename = '{table}_limit' AND indexname NOT IN " +
                                                 $"(SELECT conname FROM pg_constraint WHERE conrelid = '{table}_limit'::regclass AND contype = 'p')", conn))
        await using (var rd = await cmd.ExecuteReaderAsync())
            while (await rd.ReadAsync()) indexes.Add((rd.GetString(0), rd.GetString(1)));
        long rows;
        await using (var cmd = new NpgsqlCommand($"SELECT COUNT(*) FROM {table}", conn)) rows = (long)(await cmd.ExecuteScalarAsync())!;
        return async () =>
        {
            await using var tx = await conn.BeginTransactionAsync();
            foreach (var (name, _) in indexes) await using (var c = new NpgsqlCommand($"DROP INDEX \"{name}\"", conn, tx)) await c.ExecuteNonQueryAsync();
            buffer.Position = 0;
            var sw = System.Diagnostics.Stopwatch.StartNew();
            await using (var w = await conn.BeginRawBinaryCopyAsync($"COPY {table}_limit FROM STDIN (FORMAT BINARY)")) await buffer.CopyToAsync(w);
            var copied = sw.Elapsed;
            // The rebuilds sort in memory, as the importers' do (the default 64 MB spills to temporary files).
            await using (var c = new NpgsqlCommand("SET LOCAL maintenance_work_mem = '256MB'", conn, tx)) await c.ExecuteNonQueryAsync();
            foreach (var (_, def) in indexes) await using (var c = new NpgsqlCommand(def, conn, tx)) await c.ExecuteNonQueryAsync();
            var rebuilt = sw.Elapsed;
            await tx.CommitAsync();
            Console.WriteLine($"      limit: COPY {copied.TotalSeconds:N2} s, {indexes.Count} indexes rebuilt {(rebuilt - copied).TotalSeconds:N2} s, commit {(sw.Elapsed - rebuilt).TotalSeconds:N2} s");
            return rows;
        };
    }

    private static async Task<Func<Task<long>>> SqliteAsync(SqliteConnection conn, string table)
    {
        async Task<List<string>> Strings(string sql)
        {
            var list = new List<string>();
            await using var c = conn.CreateCommand();
            c.CommandText = sql;
            await using var rd = await c.ExecuteReaderAsync();
            while (await rd.ReadAsync()) list.Add(rd.GetString(0));
            return list;
        }
        var create = (await Strings($"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{table}'")).Single();
        var indexSql = await Strings($"SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = '{table}' AND sql IS NOT NULL");
        var cols = await Strings($"SELECT name FROM pragma_table_info('{table}') ORDER BY cid");
        await using (var c = conn.CreateCommand())
        {
            c.CommandText = create.Replace($"CREATE TABLE \"{table}\"", $"CREATE TABLE \"{table}_limit\"");
            await c.ExecuteNonQueryAsync();
        }
        return async () =>
        {
            await using var tx = (SqliteTransaction)await conn.BeginTransactionAsync();
            await using var insert = conn.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = $"INSERT INTO {table}_limit ({string.Join(", ", cols.Select(c => "\"" + c + "\""))}) VALUES ({string.Join(", ", cols.Select((_, i) => "$c" + i))})";
            var ps = cols.Select((_, i) => insert.Parameters.Add(new SqliteParameter("$c" + i, null))).ToArray();
            insert.Prepare();
            await using var read = conn.CreateCommand();
            read.Transaction = tx;
            read.CommandText = $"SELECT {string.Join(", ", cols.Select(c => "\"" + c + "\""))} FROM {table}";
            long rows = 0;
            await using (var rd = await read.ExecuteReaderAsync())
                while (await rd.ReadAsync())
                {
                    for (var i = 0; i < ps.Length; i++) ps[i].Value = rd.GetValue(i);
                    insert.ExecuteNonQuery();
                    rows++;
                }
            foreach (var sql in indexSql)
            {
                await using var c = conn.CreateCommand();
                c.Transaction = tx;
                c.CommandText = sql.Replace("CREATE INDEX \"", "CREATE INDEX \"limit_").Replace("CREATE UNIQUE INDEX \"", "CREATE UNIQUE INDEX \"limit_")
                    .Replace($" ON \"{table}\"", $" ON \"{table}_limit\"");
                await c.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
            return rows;
        };
    }
}
