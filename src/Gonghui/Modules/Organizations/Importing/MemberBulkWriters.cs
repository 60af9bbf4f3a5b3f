using System.Globalization;
using System.Runtime.CompilerServices;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace Gonghui.Modules.Organizations.Importing;

/// <summary>
/// Writes validated members in bulk inside the caller's open transaction; one implementation per provider.
/// In <em>fresh</em> mode (a large import none of whose ID numbers is in the table yet) the secondary indexes of
/// <c>members</c> are dropped, rows are inserted straight into the table, and the indexes are rebuilt before the
/// transaction commits (transactional DDL on both providers: a failed or killed import restores them).
/// </summary>
internal interface IMemberBulkWriter : IAsyncDisposable
{
    Task BeginAsync(bool fresh, CancellationToken ct);
    bool Fresh { get; }
    /// <summary>Members written in fresh mode so far.</summary>
    int FreshRows { get; }
    /// <summary>Stages or writes one member; false when the ID number belongs to a member outside the importer's scope.
    /// <paramref name="copyFields"/>: on PostgreSQL the member's fields in binary COPY format (<see cref="PostgresMemberWriter.Encode"/>,
    /// done by the importer's workers), empty on SQLite.</summary>
    ValueTask<bool> AddAsync(int rowNumber, Member m, ReadOnlyMemory<byte> copyFields, CancellationToken ct);
    /// <summary>A row matches an existing member: rebuild the indexes and write the rest by upsert.</summary>
    Task LeaveFreshModeAsync(CancellationToken ct);
    /// <summary>Rows whose ID number belongs to a member outside the scope (found after staging, where staging defers the check).</summary>
    IAsyncEnumerable<int> OutOfScopeRowsAsync(CancellationToken ct);
    Task<(int Created, int Updated)> MergeAsync(CancellationToken ct);
}

internal static class MemberColumns
{
    public const string List = "id, name, id_number_cipher, id_number_hash, id_number_masked, sex, birth_date, phone_cipher, phone_hash, phone_masked, employment_type, enterprise_id, union_id, joined_on, card_number, status, updated_at";

    // A re-import updates what the file carries; the member's id and status are kept.
    public const string UpdateSet = """
        name = excluded.name, id_number_cipher = excluded.id_number_cipher, id_number_masked = excluded.id_number_masked,
        sex = excluded.sex, birth_date = excluded.birth_date, phone_cipher = excluded.phone_cipher, phone_hash = excluded.phone_hash,
        phone_masked = excluded.phone_masked, employment_type = excluded.employment_type, enterprise_id = excluded.enterprise_id,
        union_id = excluded.union_id, joined_on = excluded.joined_on, card_number = excluded.card_number, updated_at = excluded.updated_at
        """;
}

/// <summary>
/// SQLite: one prepared INSERT … ON CONFLICT DO UPDATE, parameters re-bound per row, inside the one transaction;
/// in fresh mode a plain INSERT into the table without its secondary indexes, prepared once on the connection's own
/// SQLite handle and bound by position (Microsoft.Data.Sqlite binds each parameter by name, converting the name and
/// searching the statement's list, per row). Multi-row INSERTs were tried and are slower through Microsoft.Data.Sqlite:
/// that name search is linear, so a 64-row statement's 1,088 parameters cost more to bind than 64 one-row steps.
/// </summary>
internal sealed class SqliteMemberWriter(GonghuiDb db, string scope) : IMemberBulkWriter
{
    private static readonly ValueConverter<DateTimeOffset, long> Time = new DateTimeOffsetToBinaryConverter();
    private SqliteConnection _conn = null!;
    private SqliteTransaction _tx = null!;
    private SqliteCommand? _cmd;
    private SqliteParameter[] _p = [];
    private SqliteRawStatement? _insert;
    private SetAsideIndexes? _indexes;
    private long _before;
    private int _written;

    public bool Fresh { get; private set; }
    public int FreshRows { get; private set; }

    private static readonly string[] Names = ["$id", "$name", "$idc", "$idh", "$idm", "$sex", "$birth", "$pc", "$ph", "$pm", "$type", "$ent", "$union", "$joined", "$card", "$status", "$updated"];

    public async Task BeginAsync(bool fresh, CancellationToken ct)
    {
        _conn = (SqliteConnection)db.Database.GetDbConnection();
        _tx = (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        _before = (long)(await Scalar("SELECT count(*) FROM members", ct))!;
        // Random keys (the ID hash, the phone hash) touch pages all over their indexes: a larger page cache for this
        // connection while it imports (128 MB, reset afterwards) keeps them in memory instead of re-reading the file.
        await Exec("PRAGMA cache_size = -131072", ct);
        // (temp_store = MEMORY and sorter helper threads were tried for the index rebuilds: they keep the sort's spill
        // runs in memory, which took a million-row import past 500 MB; the runs go to temporary files instead.)
        if (fresh)
        {
            Fresh = true;
            // Appending to a table without secondary indexes needs little cache; the rebuilds get 64 MB below.
            await Exec("PRAGMA cache_size = -32768", ct);
            _indexes = await SetAsideIndexes.DropAsync(_conn, _tx, SetAsideIndexes.SqliteIndexesOf("members"), ct);
            _insert = SqliteRawStatement.Prepare(_conn, $"INSERT INTO members ({MemberColumns.List}) VALUES ({string.Join(", ", Enumerable.Repeat("?", Names.Length))})");
        }
        _cmd = new SqliteCommand($"""
            INSERT INTO members ({MemberColumns.List})
            VALUES ($id, $name, $idc, $idh, $idm, $sex, $birth, $pc, $ph, $pm, $type, $ent, $union, $joined, $card, $status, $updated)
            ON CONFLICT (id_number_hash) DO UPDATE SET {MemberColumns.UpdateSet}
            WHERE substr((SELECT path FROM org_units WHERE id = members.union_id), 1, length($scope)) = $scope
            """, _conn, _tx);
        _p = Names.Select(n => _cmd.Parameters.Add(n, SqliteType.Text)).ToArray();
        _cmd.Parameters.AddWithValue("$scope", scope);
        if (!fresh) _cmd.Prepare(); // ON CONFLICT needs the unique index: prepared once it is back
    }

    public ValueTask<bool> AddAsync(int rowNumber, Member m, ReadOnlyMemory<byte> copyFields, CancellationToken ct)
    {
        // SQLite is in-process: a synchronous step is cheaper than the async wrapper and blocks nothing but this import.
        if (Fresh)
        {
            InsertRaw(_insert!, m);
            _written++;
            FreshRows++;
            return ValueTask.FromResult(true);
        }
        Bind(_p, 0, m);
        var changed = _cmd!.ExecuteNonQuery();
        _written += changed;
        return ValueTask.FromResult(changed == 1);
    }

    // A few hundred unions and enterprises: their ids' text is made once, not per row.
    private readonly Dictionary<Guid, string> _guidText = [];

    private string Text(Guid g)
    {
        if (!_guidText.TryGetValue(g, out var s) && _guidText.Count < 100_000) _guidText[g] = s = SqliteRawStatement.GuidText(g);
        return s ?? SqliteRawStatement.GuidText(g);
    }

    private void InsertRaw(SqliteRawStatement st, Member m)
    {
        st.Uuid(1, m.Id);
        st.Text(2, m.Name);
        st.Text(3, m.IdNumberCipher);
        st.Text(4, m.IdNumberHash);
        st.Text(5, m.IdNumberMasked);
        st.Int64(6, (int)m.Sex);
        st.Text(7, DateText(m.BirthDate));
        st.Text(8, m.PhoneCipher);
        st.Text(9, m.PhoneHash);
        st.Text(10, m.PhoneMasked);
        st.Int64(11, (int)m.EmploymentType);
        st.Text(12, m.EnterpriseId is { } e ? Text(e) : null);
        st.Text(13, Text(m.UnionId));
        st.Text(14, DateText(m.JoinedOn));
        st.Text(15, m.CardNumber);
        st.Int64(16, (int)m.Status);
        st.Int64(17, (long)Time.ConvertToProvider(m.UpdatedAt)!);
        st.Step();
    }

    private static string DateText(DateOnly d) => string.Create(10, d, static (span, x) => x.TryFormat(span, out _, "yyyy-MM-dd", CultureInfo.InvariantCulture));

    private void Bind(SqliteParameter[] p, int o, Member m)
    {
        p[o + 0].Value = SqliteRawStatement.GuidText(m.Id);
        p[o + 1].Value = m.Name;
        p[o + 2].Value = m.IdNumberCipher;
        p[o + 3].Value = m.IdNumberHash;
        p[o + 4].Value = m.IdNumberMasked;
        p[o + 5].Value = (int)m.Sex;
        p[o + 6].Value = DateText(m.BirthDate);
        p[o + 7].Value = (object?)m.PhoneCipher ?? DBNull.Value;
        p[o + 8].Value = (object?)m.PhoneHash ?? DBNull.Value;
        p[o + 9].Value = (object?)m.PhoneMasked ?? DBNull.Value;
        p[o + 10].Value = (int)m.EmploymentType;
        p[o + 11].Value = m.EnterpriseId is { } e ? Text(e) : DBNull.Value;
        p[o + 12].Value = Text(m.UnionId);
        p[o + 13].Value = DateText(m.JoinedOn);
        p[o + 14].Value = (object?)m.CardNumber ?? DBNull.Value;
        p[o + 15].Value = (int)m.Status;
        p[o + 16].Value = Time.ConvertToProvider(m.UpdatedAt)!;
    }

    public async Task LeaveFreshModeAsync(CancellationToken ct)
    {
        if (!Fresh) return;
        await RebuildIndexesAsync(ct);
        Fresh = false;
        _cmd!.Prepare();
    }

    private async Task RebuildIndexesAsync(CancellationToken ct)
    {
        if (_indexes is not { Count: > 0 }) return;
        // The rebuilds scan the table in order and sort in memory up to the page cache's size: 64 MB keeps the
        // process well under 500 MB (page cache plus sorter) for a million-row first load.
        await Exec("PRAGMA cache_size = -65536", ct);
        await _indexes.RestoreAsync(_conn, _tx, ct);
        await Exec("PRAGMA cache_size = -131072", ct); // back to the upsert path's cache, if rows follow
    }

    public async IAsyncEnumerable<int> OutOfScopeRowsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await Task.CompletedTask;
        yield break; // found row by row in AddAsync (fresh rows are new members: no scope to cross)
    }

    public async Task<(int Created, int Updated)> MergeAsync(CancellationToken ct)
    {
        if (Fresh)
        {
            await RebuildIndexesAsync(ct); // the unique index on the ID hash is re-checked here: a duplicate fails the import
            Fresh = false;
        }
        var created = (int)((long)(await Scalar("SELECT count(*) FROM members", ct))! - _before);
        return (created, _written - created);
    }

    private async Task Exec(string sql, CancellationToken ct)
    {
        await using var c = new SqliteCommand(sql, _conn, _tx) { CommandTimeout = 0 };
        await c.ExecuteNonQueryAsync(ct);
    }

    private async Task<object?> Scalar(string sql, CancellationToken ct)
    {
        await using var c = new SqliteCommand(sql, _conn, _tx);
        return await c.ExecuteScalarAsync(ct);
    }

    public ValueTask DisposeAsync()
    {
        if (_conn is { State: System.Data.ConnectionState.Open })
        {
            try
            {
                using var reset = new SqliteCommand("PRAGMA cache_size = -2000", _conn, _tx.Connection is null ? null : _tx);
                reset.ExecuteNonQuery();
            }
            catch (SqliteException) { } // the connection goes back to the pool either way; a larger cache there is harmless
        }
        _cmd?.Dispose();
        _cmd = null;
        _insert?.Dispose();
        _insert = null;
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// PostgreSQL: binary COPY into a temp table (dropped at commit), then one INSERT … SELECT … ON CONFLICT DO UPDATE;
/// in fresh mode binary COPY straight into <c>members</c> without its secondary indexes, rebuilt before commit.
/// The rows arrive already encoded (<see cref="Encode"/>, on the importer's workers): this writer only sends bytes
/// through Npgsql's raw COPY stream, as a plain COPY would.
/// </summary>
internal sealed class PostgresMemberWriter(GonghuiDb db, string scope) : IMemberBulkWriter
{
    private const int Fields = 17;
    private NpgsqlConnection _conn = null!;
    private PgRawCopy? _copy;
    private SetAsideIndexes? _indexes;
    private bool _staged; // the temp table exists and rows go there
    public bool Fresh { get; private set; }
    public int FreshRows { get; private set; }

    /// <summary>A member's <see cref="MemberColumns.List"/> fields in binary COPY format (no field count: the writer adds it).</summary>
    public static void Encode(PgCopyRows c, Member m) => c
        .Uuid(m.Id).Text(m.Name).Text(m.IdNumberCipher).Text(m.IdNumberHash).Text(m.IdNumberMasked).Int32((int)m.Sex).Date(m.BirthDate)
        .Text(m.PhoneCipher).Text(m.PhoneHash).Text(m.PhoneMasked).Int32((int)m.EmploymentType).Uuid(m.EnterpriseId).Uuid(m.UnionId)
        .Date(m.JoinedOn).Text(m.CardNumber).Int32((int)m.Status).TimestampTz(m.UpdatedAt);

    public async Task BeginAsync(bool fresh, CancellationToken ct)
    {
        _conn = (NpgsqlConnection)db.Database.GetDbConnection();
        if (!fresh)
        {
            await BeginStagingAsync(ct);
            return;
        }
        Fresh = true;
        // Every index of members but the primary key (kept: it is the uuid v7 id, inserted in order). Dropping takes
        // the table's exclusive lock until commit; the rebuilds at the end sort once instead of inserting row by row.
        _indexes = await SetAsideIndexes.DropAsync(_conn, null, SetAsideIndexes.PostgresIndexesOf("members"), ct);
        _copy = await PgRawCopy.BeginAsync(_conn, "members", MemberColumns.List, ct);
    }

    private async Task BeginStagingAsync(CancellationToken ct)
    {
        await ExecAsync("""
            CREATE TEMP TABLE import_members (
              row_no integer, id uuid, name text, id_number_cipher text, id_number_hash text, id_number_masked text, sex integer,
              birth_date date, phone_cipher text, phone_hash text, phone_masked text, employment_type integer, enterprise_id uuid,
              union_id uuid, joined_on date, card_number text, status integer, updated_at timestamptz) ON COMMIT DROP
            """, ct);
        _copy = await PgRawCopy.BeginAsync(_conn, "import_members", $"row_no, {MemberColumns.List}", ct);
        _staged = true;
    }

    public ValueTask<bool> AddAsync(int rowNumber, Member m, ReadOnlyMemory<byte> copyFields, CancellationToken ct)
    {
        var rows = _copy!.Rows;
        if (Fresh)
        {
            rows.StartRow(Fields);
            FreshRows++;
        }
        else rows.StartRow(Fields + 1).Int32(rowNumber);
        if (copyFields.IsEmpty) Encode(rows, m); else rows.Append(copyFields.Span);
        _copy.RowDone();
        return ValueTask.FromResult(true);
    }

    private async Task CompleteCopyAsync(CancellationToken ct)
    {
        if (_copy is null) return;
        await _copy.CompleteAsync(ct);
        await _copy.DisposeAsync();
        _copy = null;
    }
    public async Task LeaveFreshModeAsync(CancellationToken ct)
    {
        if (!Fresh) return;
        await CompleteCopyAsync(ct);
        await RebuildIndexesAsync(ct);
        Fresh = false;
        await BeginStagingAsync(ct);
    }

    private async Task RebuildIndexesAsync(CancellationToken ct)
    {
        if (_indexes is not { Count: > 0 }) return;
        // Sort memory for the rebuilds, for this transaction only.
        await ExecAsync("SET LOCAL maintenance_work_mem = '256MB'", ct);
        await _indexes.RestoreAsync(_conn, null, ct);
    }

    public async IAsyncEnumerable<int> OutOfScopeRowsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await CompleteCopyAsync(ct);
        if (scope == "/" || !_staged) yield break; // the whole federation, or only new members: nothing is out of scope
        await using var cmd = new NpgsqlCommand("""
            SELECT t.row_no FROM import_members t
            JOIN members m ON m.id_number_hash = t.id_number_hash
            JOIN org_units u ON u.id = m.union_id
            WHERE NOT starts_with(u.path, @scope) ORDER BY t.row_no
            """, _conn) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("scope", scope);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) yield return r.GetInt32(0);
    }

    public async Task<(int Created, int Updated)> MergeAsync(CancellationToken ct)
    {
        await CompleteCopyAsync(ct);
        if (Fresh)
        {
            await RebuildIndexesAsync(ct); // the unique index on the ID hash is re-checked here: a duplicate fails the import
            Fresh = false;
        }
        if (!_staged) return (FreshRows, 0);
        // Inserting in the unique key's order turns the random hash-index inserts (and conflict look-ups) into
        // an ordered walk; the sort gets enough memory for this transaction only.
        await ExecAsync("SET LOCAL work_mem = '128MB'", ct);
        await using var cmd = new NpgsqlCommand($"""
            WITH r AS (
              INSERT INTO members ({MemberColumns.List})
              SELECT {MemberColumns.List} FROM import_members ORDER BY id_number_hash
              ON CONFLICT (id_number_hash) DO UPDATE SET {MemberColumns.UpdateSet}
              WHERE starts_with((SELECT path FROM org_units WHERE id = members.union_id), @scope)
              RETURNING (xmax = 0) AS inserted)
            SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM r
            """, _conn) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("scope", scope);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (FreshRows + (int)r.GetInt64(0), (int)r.GetInt64(1));
    }

    private async Task ExecAsync(string sql, CancellationToken ct)
    {
        await using var c = new NpgsqlCommand(sql, _conn) { CommandTimeout = 0 };
        await c.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_copy is not null) await _copy.DisposeAsync(); // an unfinished COPY is cancelled, the transaction rolls back
        _copy = null;
    }
}
