using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Platform.Data.Bulk;

/// <summary>
/// One statement run for many rows of arguments in the open transaction (<c>$1</c>, <c>$2</c>… numbered parameters; a Guid is bound as
/// EF Core stores it: upper-case text on SQLite, uuid on PostgreSQL). SQLite: prepared once, re-executed per row; PostgreSQL: batches
/// of 1,000 statements, one round trip each. The roll-ups' writer (<c>Platform/Indicators/Rollups.cs</c>): their upserts
/// (<c>INSERT … ON CONFLICT … DO UPDATE</c>, the same text on both engines). With <c>returns</c> each row's statement answers one integer (its RETURNING), in order.
/// </summary>
internal sealed class RollupStatements(GonghuiDb db, DbTransaction tx)
{
    private const int Batch = 1000;

    /// <summary>From this many people touched in one call (the seeders, a rebuild) <see cref="MarkSharedAsync"/> sets the flags per
    /// partition in one statement each, not per person.</summary>
    internal const int SetBasedFrom = 64;

    /// <summary>
    /// The <c>shared</c> flag of a roll-up's per-person rows (one row per person and union, its count of paid records in
    /// <paramref name="countColumn"/>): true on each row of a person who has paid records under more than one union in the partition (a
    /// year; a year and a kind), the correction the distinct counts subtract. Set for the people touched (<paramref name="touched"/>: the
    /// partition's values then the person's id, in <paramref name="partition"/> order then <paramref name="person"/>): one statement per
    /// person for a few, one per partition for many (<see cref="SetBasedFrom"/>), writing only the rows whose flag changes.
    /// </summary>
    public async Task MarkSharedAsync(string table, string[] partition, string person, string countColumn, IReadOnlyCollection<object[]> touched, CancellationToken ct)
    {
        if (touched.Count == 0) return;
        var k = partition.Length;
        string Where(string alias) => string.Join(" AND ", partition.Select((c, i) => $"{alias}{c} = ${i + 1}"));
        if (touched.Count < SetBasedFrom)
        {
            var one = $"UPDATE {table} SET shared = ((SELECT COUNT(*) FROM {table} o WHERE {Where("o.")} AND o.{person} = ${k + 1} AND o.{countColumn} > 0) > 1) "
                + $"WHERE {Where("")} AND {person} = ${k + 1}";
            await RunAsync(one, touched.ToList(), returns: false, ct);
            return;
        }
        var ofPartition = $"UPDATE {table} SET shared = NOT shared WHERE {Where("")} AND shared <> ({person} IN "
            + $"(SELECT o.{person} FROM {table} o WHERE {Where("o.")} AND o.{countColumn} > 0 GROUP BY o.{person} HAVING COUNT(*) > 1))";
        var partitions = touched.Select(t => t[..k]).DistinctBy(p => string.Join('\u001f', p)).ToList();
        await RunAsync(ofPartition, partitions, returns: false, ct);
    }

    public async Task<int[]> RunAsync(string sql, IReadOnlyList<object[]> rows, bool returns, CancellationToken ct)
    {
        var result = new int[rows.Count];
        if (rows.Count == 0) return result;
        var conn = db.Database.GetDbConnection();
        if (conn is Npgsql.NpgsqlConnection pg)
        {
            for (var start = 0; start < rows.Count; start += Batch)
            {
                await using var batch = new Npgsql.NpgsqlBatch(pg, (Npgsql.NpgsqlTransaction)tx);
                var end = Math.Min(rows.Count, start + Batch);
                for (var i = start; i < end; i++)
                {
                    var cmd = new Npgsql.NpgsqlBatchCommand(sql);
                    foreach (var a in rows[i]) cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = a });
                    batch.BatchCommands.Add(cmd);
                }
                if (!returns) { await batch.ExecuteNonQueryAsync(ct); continue; }
                await using var reader = await batch.ExecuteReaderAsync(ct);
                for (var i = start; i < end; i++)
                {
                    if (!await reader.ReadAsync(ct)) throw new InvalidOperationException("RETURNING gave no row.");
                    result[i] = reader.GetInt32(0);
                    await reader.NextResultAsync(ct);
                }
            }
            return result;
        }
        await using var command = (SqliteCommand)conn.CreateCommand();
        command.Transaction = (SqliteTransaction)tx;
        command.CommandText = System.Text.RegularExpressions.Regex.Replace(sql, @"\$(\d+)", "@p$1");
        var width = rows[0].Length;
        var ps = new SqliteParameter[width];
        for (var j = 0; j < width; j++) ps[j] = command.Parameters.Add(new SqliteParameter("@p" + (j + 1), null));
        command.Prepare();
        for (var i = 0; i < rows.Count; i++)
        {
            for (var j = 0; j < width; j++) ps[j].Value = rows[i][j] is Guid g ? g.ToString().ToUpperInvariant() : rows[i][j];
            if (returns) result[i] = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            else command.ExecuteNonQuery();
        }
        return result;
    }
}
