using System.Globalization;
using System.Text;
using Gonghui.Platform.Data;
using Gonghui.Platform.Ids;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace Gonghui.Modules.Services.Visits;

/// <summary>Writes imported visits in bulk inside the caller's open transaction, past EF's change tracker; one per provider.</summary>
internal abstract class VisitBulkWriter : IAsyncDisposable
{
    public const string Table = "services_visits";
    public const string Columns = "id, project_id, member_id, union_id, served_on, served_at, channel, place, venue_id, recorded_at, recorded_by";
    public const int ColumnCount = 11;

    /// <summary>The smallest load (estimated rows, ~60 bytes a row) worth setting the indexes aside for; tests lower it to cover that path.</summary>
    internal static long SetAsideMinRows { get; set; } = 50_000;

    /// <summary>A load that is large against the table sets its secondary indexes aside and rebuilds each with one sort at the end.</summary>
    protected static async Task<bool> WorthSettingAsideAsync(System.Data.Common.DbConnection conn, System.Data.Common.DbTransaction? tx, long fileBytes, CancellationToken ct)
    {
        var estimated = fileBytes / 60;
        if (estimated < SetAsideMinRows) return false;
        await using var count = conn.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM {Table}";
        count.Transaction = tx;
        count.CommandTimeout = 0;
        return estimated * 2 >= Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    public abstract Task BeginAsync(string by, DateTimeOffset at, long fileBytes, CancellationToken ct);

    /// <summary>Writes <paramref name="count"/> checked rows; on PostgreSQL their fields are already encoded in <paramref name="copy"/>.</summary>
    public abstract void Write(VisitImporter.CheckedVisit[] rows, int count, PgCopyRows? copy, UuidV7Batch ids);

    /// <summary>Finishes the load before the caller commits (ends the COPY; rebuilds the indexes set aside).</summary>
    public abstract Task CompleteAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();
}

/// <summary>SQLite: the platform's <see cref="SqliteBulkInsert"/>; recorded at and by are bound once. A large load sets both secondary indexes aside.</summary>
internal sealed class SqliteVisitWriter(GonghuiDb db) : VisitBulkWriter
{
    private SqliteBulkInsert? _bulk;

    public override async Task BeginAsync(string by, DateTimeOffset at, long fileBytes, CancellationToken ct)
    {
        var ticks = SqliteBulkInsert.Ticks(at);
        _bulk = await SqliteBulkInsert.BeginAsync(db, Table, Columns, ColumnCount, (conn, tx) => WorthSettingAsideAsync(conn, tx, fileBytes, ct), [],
            (s, o) =>
            {
                s.Null(o + 9); // venue: not from a sheet
                s.Int64(o + 10, ticks);
                s.Text(o + 11, by);
            }, ct);
    }

    public override void Write(VisitImporter.CheckedVisit[] rows, int count, PgCopyRows? copy, UuidV7Batch ids) =>
        _bulk!.Write(rows, count, (SqliteRawStatement s, int o, in VisitImporter.CheckedVisit v) =>
        {
            // EF Core's SQLite mapping: GUIDs as upper-case text, DateOnly as yyyy-MM-dd, DateTimeOffset as binary ticks, enums as integers.
            s.Uuid(o + 1, ids.Next());
            s.Uuid(o + 2, v.Project!.Id);
            s.Uuid(o + 3, v.Member!.Id);
            s.Uuid(o + 4, v.Member.UnionId);
            s.Text(o + 5, _bulk!.Day(v.ServedOn));
            s.Int64(o + 6, SqliteBulkInsert.Ticks(v.ServedAt));
            s.Int64(o + 7, (int)v.Channel);
            s.Text(o + 8, v.Place);
        });

    public override Task CompleteAsync(CancellationToken ct) => _bulk!.CompleteAsync(ct);

    public override ValueTask DisposeAsync()
    {
        _bulk?.Dispose();
        _bulk = null;
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// PostgreSQL: binary COPY into services_visits inside the transaction. The workers encode each row's fields
/// (<see cref="EncodeFields"/>); this writer puts the id in front and the import's constants behind and sends bytes. A large load
/// sets every secondary index aside (the unique one too: its rebuild re-checks every key before the commit).
/// </summary>
internal sealed class PostgresVisitWriter(GonghuiDb db) : VisitBulkWriter
{
    private PgRawCopy? _copy;
    private NpgsqlConnection _conn = null!;
    private SetAsideIndexes? _setAside;
    private byte[] _constants = [];

    /// <summary>project_id … venue_id of <see cref="VisitBulkWriter.Columns"/> in binary COPY format.</summary>
    public static void EncodeFields(PgCopyRows c, in VisitImporter.CheckedVisit v) => c
        .Uuid(v.Project!.Id).Uuid(v.Member!.Id).Uuid(v.Member.UnionId).Date(v.ServedOn).TimestampTz(v.ServedAt).Int32((int)v.Channel).Text(v.Place).Null();

    public override async Task BeginAsync(string by, DateTimeOffset at, long fileBytes, CancellationToken ct)
    {
        _constants = new PgCopyRows(256).TimestampTz(at.ToUniversalTime()).Text(by).Span.ToArray();
        _conn = (NpgsqlConnection)db.Database.GetDbConnection();
        if (await WorthSettingAsideAsync(_conn, null, fileBytes, ct))
            _setAside = await SetAsideIndexes.DropAsync(_conn, null, SetAsideIndexes.PostgresIndexesOf(Table), ct);
        _copy = await PgRawCopy.BeginAsync(_conn, Table, Columns, ct);
    }

    public override void Write(VisitImporter.CheckedVisit[] rows, int count, PgCopyRows? copy, UuidV7Batch ids)
    {
        var w = _copy!.Rows;
        for (var i = 0; i < count; i++)
        {
            ref readonly var v = ref rows[i];
            w.StartRow(ColumnCount).Uuid(ids.Next());
            if (copy is null || v.CopyLength == 0) EncodeFields(w, in v);
            else w.Append(copy.Span.Slice(v.CopyStart, v.CopyLength));
            w.Append(_constants);
            _copy.RowDone();
        }
    }

    public override async Task CompleteAsync(CancellationToken ct)
    {
        if (_copy is null) return;
        await _copy.CompleteAsync(ct);
        await _copy.DisposeAsync();
        _copy = null;
        if (_setAside is null) return;
        await using (var mem = new NpgsqlCommand("SET LOCAL maintenance_work_mem = '256MB'", _conn)) await mem.ExecuteNonQueryAsync(ct);
        await _setAside.RestoreAsync(_conn, null, ct);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_copy is not null) await _copy.DisposeAsync();
        _copy = null;
    }
}
