using System.Globalization;
using System.Runtime.CompilerServices;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace Gonghui.Modules.Organizations.Importing;

/// <summary>Writes validated members in bulk inside the caller's open transaction; one implementation per provider.</summary>
internal interface IMemberBulkWriter : IAsyncDisposable
{
    Task BeginAsync(CancellationToken ct);
    /// <summary>Stages or writes one member; false when the ID number belongs to a member outside the importer's scope.</summary>
    ValueTask<bool> AddAsync(int rowNumber, Member m, CancellationToken ct);
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

/// <summary>SQLite: one prepared INSERT … ON CONFLICT DO UPDATE, parameters re-bound per row, inside the one transaction.</summary>
internal sealed class SqliteMemberWriter(GonghuiDb db, string scope) : IMemberBulkWriter
{
    private static readonly ValueConverter<DateTimeOffset, long> Time = new DateTimeOffsetToBinaryConverter();
    private SqliteCommand? _cmd;
    private SqliteParameter[] _p = [];
    private long _before;
    private int _written;

    public async Task BeginAsync(CancellationToken ct)
    {
        var conn = (SqliteConnection)db.Database.GetDbConnection();
        var tx = (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        await using (var count = new SqliteCommand("SELECT count(*) FROM members", conn, tx))
            _before = (long)(await count.ExecuteScalarAsync(ct))!;
        // Random keys (the ID hash, the phone hash) touch pages all over their indexes: a larger page cache for this
        // connection while it imports (128 MB, reset afterwards) keeps them in memory instead of re-reading the file.
        await using (var pragma = new SqliteCommand("PRAGMA cache_size = -131072", conn, tx))
            await pragma.ExecuteNonQueryAsync(ct);
        _cmd = new SqliteCommand($"""
            INSERT INTO members ({MemberColumns.List})
            VALUES ($id, $name, $idc, $idh, $idm, $sex, $birth, $pc, $ph, $pm, $type, $ent, $union, $joined, $card, $status, $updated)
            ON CONFLICT (id_number_hash) DO UPDATE SET {MemberColumns.UpdateSet}
            WHERE substr((SELECT path FROM org_units WHERE id = members.union_id), 1, length($scope)) = $scope
            """, conn, tx);
        string[] names = ["$id", "$name", "$idc", "$idh", "$idm", "$sex", "$birth", "$pc", "$ph", "$pm", "$type", "$ent", "$union", "$joined", "$card", "$status", "$updated"];
        _p = names.Select(n => _cmd.Parameters.Add(n, SqliteType.Text)).ToArray();
        _cmd.Parameters.AddWithValue("$scope", scope);
        _cmd.Prepare();
    }

    public ValueTask<bool> AddAsync(int rowNumber, Member m, CancellationToken ct)
    {
        var p = _p;
        p[0].Value = m.Id.ToString().ToUpperInvariant(); // EF Core stores Guid as upper-case text on SQLite
        p[1].Value = m.Name;
        p[2].Value = m.IdNumberCipher;
        p[3].Value = m.IdNumberHash;
        p[4].Value = m.IdNumberMasked;
        p[5].Value = (int)m.Sex;
        p[6].Value = m.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        p[7].Value = (object?)m.PhoneCipher ?? DBNull.Value;
        p[8].Value = (object?)m.PhoneHash ?? DBNull.Value;
        p[9].Value = (object?)m.PhoneMasked ?? DBNull.Value;
        p[10].Value = (int)m.EmploymentType;
        p[11].Value = m.EnterpriseId is { } e ? e.ToString().ToUpperInvariant() : DBNull.Value;
        p[12].Value = m.UnionId.ToString().ToUpperInvariant();
        p[13].Value = m.JoinedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        p[14].Value = (object?)m.CardNumber ?? DBNull.Value;
        p[15].Value = (int)m.Status;
        p[16].Value = Time.ConvertToProvider(m.UpdatedAt)!;
        // SQLite is in-process: a synchronous step is cheaper than the async wrapper and blocks nothing but this import.
        var changed = _cmd!.ExecuteNonQuery();
        _written += changed;
        return ValueTask.FromResult(changed == 1);
    }

    public async IAsyncEnumerable<int> OutOfScopeRowsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await Task.CompletedTask;
        yield break; // found row by row in AddAsync
    }

    public async Task<(int Created, int Updated)> MergeAsync(CancellationToken ct)
    {
        await using var count = new SqliteCommand("SELECT count(*) FROM members", _cmd!.Connection, _cmd.Transaction);
        var created = (int)((long)(await count.ExecuteScalarAsync(ct))! - _before);
        return (created, _written - created);
    }

    public ValueTask DisposeAsync()
    {
        if (_cmd is { Connection: { State: System.Data.ConnectionState.Open } conn })
        {
            try
            {
                using var reset = new SqliteCommand("PRAGMA cache_size = -2000", conn, _cmd.Transaction?.Connection is null ? null : _cmd.Transaction);
                reset.ExecuteNonQuery();
            }
            catch (SqliteException) { } // the connection goes back to the pool either way; a larger cache there is harmless
        }
        _cmd?.Dispose();
        _cmd = null;
        return ValueTask.CompletedTask;
    }
}

/// <summary>PostgreSQL: binary COPY into a temp table (dropped at commit), then one INSERT … SELECT … ON CONFLICT DO UPDATE.</summary>
internal sealed class PostgresMemberWriter(GonghuiDb db, string scope) : IMemberBulkWriter
{
    private NpgsqlConnection _conn = null!;
    private NpgsqlBinaryImporter? _copy;

    public async Task BeginAsync(CancellationToken ct)
    {
        _conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var create = new NpgsqlCommand("""
            CREATE TEMP TABLE import_members (
              row_no integer, id uuid, name text, id_number_cipher text, id_number_hash text, id_number_masked text, sex integer,
              birth_date date, phone_cipher text, phone_hash text, phone_masked text, employment_type integer, enterprise_id uuid,
              union_id uuid, joined_on date, card_number text, status integer, updated_at timestamptz) ON COMMIT DROP
            """, _conn))
            await create.ExecuteNonQueryAsync(ct);
        _copy = await _conn.BeginBinaryImportAsync($"COPY import_members (row_no, {MemberColumns.List}) FROM STDIN (FORMAT BINARY)", ct);
    }

    public async ValueTask<bool> AddAsync(int rowNumber, Member m, CancellationToken ct)
    {
        var c = _copy!;
        await c.StartRowAsync(ct);
        await c.WriteAsync(rowNumber, NpgsqlDbType.Integer, ct);
        await c.WriteAsync(m.Id, NpgsqlDbType.Uuid, ct);
        await c.WriteAsync(m.Name, NpgsqlDbType.Text, ct);
        await c.WriteAsync(m.IdNumberCipher, NpgsqlDbType.Text, ct);
        await c.WriteAsync(m.IdNumberHash, NpgsqlDbType.Text, ct);
        await c.WriteAsync(m.IdNumberMasked, NpgsqlDbType.Text, ct);
        await c.WriteAsync((int)m.Sex, NpgsqlDbType.Integer, ct);
        await c.WriteAsync(m.BirthDate, NpgsqlDbType.Date, ct);
        await WriteNullableAsync(c, m.PhoneCipher, ct);
        await WriteNullableAsync(c, m.PhoneHash, ct);
        await WriteNullableAsync(c, m.PhoneMasked, ct);
        await c.WriteAsync((int)m.EmploymentType, NpgsqlDbType.Integer, ct);
        if (m.EnterpriseId is { } e) await c.WriteAsync(e, NpgsqlDbType.Uuid, ct); else await c.WriteNullAsync(ct);
        await c.WriteAsync(m.UnionId, NpgsqlDbType.Uuid, ct);
        await c.WriteAsync(m.JoinedOn, NpgsqlDbType.Date, ct);
        await WriteNullableAsync(c, m.CardNumber, ct);
        await c.WriteAsync((int)m.Status, NpgsqlDbType.Integer, ct);
        await c.WriteAsync(m.UpdatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
        return true;
    }

    private static async ValueTask WriteNullableAsync(NpgsqlBinaryImporter c, string? s, CancellationToken ct)
    {
        if (s is null) await c.WriteNullAsync(ct); else await c.WriteAsync(s, NpgsqlDbType.Text, ct);
    }

    private async Task CompleteCopyAsync(CancellationToken ct)
    {
        if (_copy is null) return;
        await _copy.CompleteAsync(ct);
        await _copy.DisposeAsync();
        _copy = null;
    }

    public async IAsyncEnumerable<int> OutOfScopeRowsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await CompleteCopyAsync(ct);
        if (scope == "/") yield break; // the whole federation: nothing is out of scope
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
        // Inserting in the unique key's order turns the random hash-index inserts (and conflict look-ups) into
        // an ordered walk; the sort gets enough memory for this transaction only.
        await using (var mem = new NpgsqlCommand("SET LOCAL work_mem = '128MB'", _conn))
            await mem.ExecuteNonQueryAsync(ct);
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
        return ((int)r.GetInt64(0), (int)r.GetInt64(1));
    }

    public async ValueTask DisposeAsync()
    {
        if (_copy is not null) await _copy.DisposeAsync(); // an unfinished COPY is cancelled, the transaction rolls back
        _copy = null;
    }
}
