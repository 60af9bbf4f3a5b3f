using System.Globalization;
using System.Text;
using Gonghui.Modules.MutualAid.Plans;
using Gonghui.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace Gonghui.Modules.MutualAid.Claims;

/// <summary>Writes intake claims in bulk inside the caller's open transaction, bypassing EF change tracking; one per provider.</summary>
internal abstract class ClaimBulkWriter : IAsyncDisposable
{
    /// <summary>The columns written, in the order of <see cref="ClaimRecord"/> plus the per-intake constants.</summary>
    public const string Columns = "id, plan_id, year, member_id, member_name, union_id, funding_unit_id, admitted_on, hospital, diagnosis, total_fen, "
                                  + "insurance_covered_fen, self_paid_fen, payout_fen, granted_before_fen, status, submitted_at, submitted_by, import_ref";
    public const int ColumnCount = 19;

    /// <summary>The smallest intake (estimated rows) worth setting the indexes aside for; tests lower it to cover that path.</summary>
    internal static long SetAsideMinRows { get; set; } = 50_000;

    /// <summary>
    /// A large intake into a table that is small compared with it sets the secondary indexes aside and rebuilds them once
    /// at the end (one sort each beats millions of random B-tree inserts). About 90 bytes a row in a typical file.
    /// </summary>
    protected static async Task<bool> WorthSettingAsideAsync(System.Data.Common.DbConnection conn, System.Data.Common.DbTransaction? tx, long fileBytes, CancellationToken ct)
    {
        var estimated = fileBytes / 90;
        if (estimated < SetAsideMinRows) return false;
        await using var count = conn.CreateCommand();
        count.CommandText = "SELECT count(*) FROM mutual_aid_claims";
        count.Transaction = tx;
        count.CommandTimeout = 0;
        return estimated * 2 >= Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// SQLite: indexes kept while a large intake writes: their keys arrive in order or in a few hundred clusters — (status,
    /// submitted_at) is the same for every row of an intake, union_id has one cluster per grassroots union — so each
    /// insert lands on a page already in the cache, which costs less than scanning the table to rebuild them. The
    /// random keys (member, import key) are set aside and rebuilt with one sort each. PostgreSQL sets every secondary
    /// index aside: there the one COPY backend is what the intake waits for, and an index kept is work for it on every
    /// row, while the rebuilds sort on parallel workers (measured, 1,000,000 claims: writing 6.3 → 4.5 s, rebuilding
    /// 1.9 → 2.6 s, the server's CPU per claim 8.5 → 7.6 µs; docs/performance.md).
    /// </summary>
    protected static readonly string[] KeptIndexes = ["ix_mutual_aid_claims_status_submitted_at", "ix_mutual_aid_claims_union_id"];

    public abstract Task BeginAsync(MutualAidPlan plan, string by, DateTimeOffset at, long fileBytes, CancellationToken ct);
    public abstract ValueTask WriteAsync(ClaimRecord[] rows, int count, CancellationToken ct);
    /// <summary>Finishes the intake before the caller commits (PostgreSQL: ends the COPY; SQLite: rebuilds indexes it set aside).</summary>
    public abstract Task CompleteAsync(CancellationToken ct);
    public abstract ValueTask DisposeAsync();
}

/// <summary>
/// SQLite: the platform's <see cref="SqliteBulkInsert"/> in the one transaction; plan, year, status and submitted at and by are
/// bound once. A large intake into a table that is small compared with it sets the random-key indexes aside (see
/// <see cref="ClaimBulkWriter.KeptIndexes"/>); the rebuild of the unique import_ref index re-checks every key, and the whole
/// intake is one transaction holding SQLite's single write lock, so nothing else can write in between.
/// </summary>
internal sealed class SqliteClaimWriter(GonghuiDb db) : ClaimBulkWriter
{
    private SqliteBulkInsert? _bulk;

    public override async Task BeginAsync(MutualAidPlan plan, string by, DateTimeOffset at, long fileBytes, CancellationToken ct)
    {
        var planId = SqliteRawStatement.GuidText(plan.Id);
        var ticks = SqliteBulkInsert.Ticks(at);
        _bulk = await SqliteBulkInsert.BeginAsync(db, "mutual_aid_claims", Columns, ColumnCount, (conn, tx) => WorthSettingAsideAsync(conn, tx, fileBytes, ct),
            KeptIndexes, (s, o) =>
            {
                s.Text(o + 2, planId); s.Int64(o + 3, plan.Year); s.Int64(o + 16, (int)ClaimStatus.Submitted); s.Int64(o + 17, ticks); s.Text(o + 18, by);
            }, ct);
    }

    public override ValueTask WriteAsync(ClaimRecord[] rows, int count, CancellationToken ct)
    {
        _bulk!.Write(rows, count, Bind);
        return ValueTask.CompletedTask;
    }

    private void Bind(SqliteRawStatement s, int o, in ClaimRecord c)
    {
        // EF Core's SQLite mapping: GUIDs as upper-case text, DateOnly as yyyy-MM-dd, DateTimeOffset as binary ticks. Positions are 1-based.
        // Positions 2, 3, 16, 17 and 18 (plan, year, status, submitted at and by) were bound when the statement was prepared.
        s.Uuid(o + 1, c.Id);
        s.Uuid(o + 4, c.Member.Id); s.Text(o + 5, c.Member.Name); s.Uuid(o + 6, c.Member.UnionId);
        s.Uuid(o + 7, c.Member.FundingUnitId); s.Text(o + 8, _bulk!.Day(c.AdmittedOn)); s.Text(o + 9, c.Hospital);
        s.Text(o + 10, c.Diagnosis); // NULL when there is none
        s.Int64(o + 11, c.TotalFen); s.Int64(o + 12, c.InsuranceCoveredFen);
        s.Int64(o + 13, c.SelfPaidFen); s.Int64(o + 14, c.PayoutFen); s.Int64(o + 15, c.GrantedBeforeFen);
        s.Text(o + 19, c.ImportRef);
    }

    public override Task CompleteAsync(CancellationToken ct) => _bulk!.CompleteAsync(ct);

    public override ValueTask DisposeAsync()
    {
        _bulk?.Dispose();
        _bulk = null;
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// PostgreSQL: binary COPY straight into mutual_aid_claims inside the transaction. A large intake sets the secondary indexes
/// aside (all of them here, see <see cref="ClaimBulkWriter.KeptIndexes"/>) (dropping takes the table's exclusive lock until commit; the rebuild of the unique import_ref index
/// re-checks every key, and the intake's own transaction rolls back if it fails). The importer's workers encode what
/// each row does not share with earlier rows (<see cref="EncodeMiddle"/>, the import key); this writer adds the id, the
/// payout and the intake's constants, and sends bytes through Npgsql's raw COPY stream.
/// </summary>
internal sealed class PostgresClaimWriter(GonghuiDb db) : ClaimBulkWriter
{
    private PgRawCopy? _copy;
    private NpgsqlConnection _conn = null!;
    private SetAsideIndexes? _setAside;
    private byte[] _planYear = [], _constants = [];

    /// <summary>member_id … self_paid_fen of <see cref="ClaimBulkWriter.Columns"/> in binary COPY format; the member's four
    /// fields are encoded once per member (<see cref="IntakeMember.CopyFields"/>).</summary>
    public static void EncodeMiddle(PgCopyRows c, IntakeMember m, ClaimRow r) => c
        .Append(m.CopyFields ??= MemberFields(m)).Date(r.AdmittedOn).Text(r.Hospital).Text(r.Diagnosis)
        .Int64(r.Bill.TotalFen).Int64(r.Bill.InsuranceCoveredFen).Int64(r.Bill.SelfPaidFen);

    private static byte[] MemberFields(IntakeMember m) =>
        new PgCopyRows(64 + 3 * m.Name.Length).Uuid(m.Id).Text(m.Name).Uuid(m.UnionId).Uuid(m.FundingUnitId).Span.ToArray();

    public override async Task BeginAsync(MutualAidPlan plan, string by, DateTimeOffset at, long fileBytes, CancellationToken ct)
    {
        var both = new PgCopyRows(256);
        _planYear = both.Uuid(plan.Id).Int32(plan.Year).Span.ToArray();
        both.Clear();
        _constants = both.Int32((int)ClaimStatus.Submitted).TimestampTz(at.ToUniversalTime()).Text(by).Span.ToArray();
        var conn = _conn = (NpgsqlConnection)db.Database.GetDbConnection();
        if (await WorthSettingAsideAsync(conn, null, fileBytes, ct))
            _setAside = await SetAsideIndexes.DropAsync(conn, null, SetAsideIndexes.PostgresIndexesOf("mutual_aid_claims"), ct); // all of them: see KeptIndexes
        _copy = await PgRawCopy.BeginAsync(conn, "mutual_aid_claims", Columns, ct);
    }

    public override ValueTask WriteAsync(ClaimRecord[] rows, int count, CancellationToken ct)
    {
        var w = _copy!.Rows;
        for (var i = 0; i < count; i++)
        {
            ref readonly var c = ref rows[i];
            w.StartRow(ColumnCount).Uuid(c.Id).Append(_planYear);
            if (c.CopyMiddle.IsEmpty) EncodeMiddle(w, c);
            else w.Append(c.CopyMiddle.Span);
            w.Int64(c.PayoutFen).Int64(c.GrantedBeforeFen).Append(_constants);
            if (c.CopyImportRef.IsEmpty) w.Text(c.ImportRef); else w.Append(c.CopyImportRef.Span);
            _copy.RowDone();
        }
        return ValueTask.CompletedTask;
    }

    private static void EncodeMiddle(PgCopyRows w, in ClaimRecord c) => w
        .Uuid(c.Member.Id).Text(c.Member.Name).Uuid(c.Member.UnionId).Uuid(c.Member.FundingUnitId).Date(c.AdmittedOn).Text(c.Hospital)
        .Text(c.Diagnosis).Int64(c.TotalFen).Int64(c.InsuranceCoveredFen).Int64(c.SelfPaidFen);

    public override async Task CompleteAsync(CancellationToken ct)
    {
        if (_copy is null) return;
        await _copy.CompleteAsync(ct);
        await _copy.DisposeAsync();
        _copy = null;
        if (_setAside is null) return;
        // The rebuilds sort in memory rather than in temporary files (the default 64 MB spills at a few hundred thousand rows).
        await using (var mem = new NpgsqlCommand("SET LOCAL maintenance_work_mem = '256MB'", _conn)) await mem.ExecuteNonQueryAsync(ct);
        await _setAside.RestoreAsync(_conn, null, ct);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_copy is not null) await _copy.DisposeAsync(); // an unfinished COPY is cancelled; the transaction rolls back
        _copy = null;
    }
}
