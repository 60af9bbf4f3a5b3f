using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Security;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Modules.Organizations.Importing;

/// <summary>What an import may touch and how: the importer's scope path ("/" for the federation CLI), who is acting, the policy.</summary>
/// <remarks>
/// FreshBulkFromBytes: from this file size on (default 4 MB, about 50,000 CSV rows), when the registry holds no more members
/// than the file has rows, an import checks the ID numbers against the ones already registered and, while none matches,
/// writes straight into <c>members</c> with the secondary indexes dropped and rebuilt before commit.
/// 0 always does (whatever the registry's size); <see cref="long.MaxValue"/> never does.
/// </remarks>
/// <remarks>
/// UpdateExisting: a row whose ID number is already registered updates that member (name, phone, union, …). When false (the
/// web form's and the CLI's default: an import adds people and never silently overwrites one) such a row is refused with its
/// row number, code <c>import.member.exists</c>, and the user may choose the update mode explicitly.
/// </remarks>
public sealed record MemberImportOptions(string ScopePath, string Actor, bool SkipInvalid, string? ErrorReportPath = null,
    long FreshBulkFromBytes = MemberImportOptions.DefaultFreshBulkFromBytes, bool UpdateExisting = true)
{
    public const long DefaultFreshBulkFromBytes = 4L << 20;
}

/// <summary>The outcome: rows read, members created and updated, rows rejected, the first errors and where the full report is.</summary>
/// <remarks>FreshRows: members inserted straight into the table (fresh mode, indexes rebuilt at the end); 0 otherwise.</remarks>
public sealed record MemberImportResult(long Rows, int Created, int Updated, int Rejected, int ErrorCount, bool Written,
    IReadOnlyList<RowError> Errors, string? ErrorReportPath, int FreshRows = 0);

/// <summary>
/// Imports members from CSV or XLSX in one transaction: streams the file, validates each row with <see cref="MemberRules"/>
/// plus union, enterprise, scope and in-file duplicate checks, and bulk-upserts by the ID number's keyed hash
/// (PostgreSQL: binary COPY into a temp table, then one INSERT … ON CONFLICT; SQLite: one prepared upsert re-bound per row).
/// Memory stays bounded: only the unit and enterprise look-ups and a set of the ID numbers seen are kept.
/// </summary>
public sealed partial class MemberImporter(GonghuiDb db, PersonalDataProtector protector, TimeProvider clock, ImportLocalizer text)
{
    public static readonly (string Key, string[] Names, bool Required)[] Columns =
    [
        ("name", ["姓名", "name"], true),
        ("idNumber", ["身份证号", "身份证号码", "公民身份号码", "idNumber", "id_number"], true),
        ("phone", ["手机号", "手机号码", "phone", "mobile"], false),
        ("employmentType", ["用工类型", "employmentType", "employment_type"], false),
        ("unionCode", ["工会代码", "基层工会代码", "unionCode", "union_code"], true),
        ("enterpriseCreditCode", ["统一社会信用代码", "enterpriseCreditCode", "creditCode"], false),
        ("joinedOn", ["入会日期", "joinedOn", "joined_on"], false),
        ("cardNumber", ["会员卡号", "cardNumber", "card_number"], false),
    ];

    private const int ProgressEvery = 2000;

    public async Task<MemberImportResult> ImportAsync(Stream input, string fileName, MemberImportOptions options,
        Action<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        await using var errors = new RowErrorSink(options.ErrorReportPath, text.Localize);
        TabularFile file;
        try { file = TabularFile.Open(input, fileName); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            errors.Add(new RowError(1, "", "import.file.unreadable"));
            return Rejected(0, errors);
        }
        using var _ = file;

        var headerErrors = new List<RowError>();
        var map = new ColumnMap(file.Headers, Columns.Select(c => (c.Key, c.Names, c.Required)), headerErrors);
        foreach (var e in headerErrors) errors.Add(e);
        if (errors.Count > 0) return Rejected(0, errors);

        var now = clock.GetUtcNow();
        var today = BeijingTime.DateOf(now);
        var scope = options.ScopePath;
        var units = await db.Set<OrgUnit>().AsNoTracking()
            .Select(u => new UnitRef(u.Id, u.Code, u.Name, u.Path, u.Kind, u.IsClosed))
            .ToDictionaryAsync(u => u.Code, StringComparer.OrdinalIgnoreCase, ct);
        var enterprises = await db.Set<Enterprise>().AsNoTracking()
            .Select(e => new { e.CreditCode, e.Id })
            .ToDictionaryAsync(e => e.CreditCode, e => e.Id, StringComparer.Ordinal, ct);
        // The first 17 digits identify an ID number (the 18th is their check character): a long per row, not a string.
        // Sized for the file (about 80 bytes a CSV row) so the writer's loop never stops to rehash it.
        var seen = new Dictionary<long, int>(input.CanSeek ? (int)Math.Min(input.Length / 80, 8_000_000) : 0);

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await using IMemberBulkWriter writer = db.IsNpgsql() ? new PostgresMemberWriter(db, scope) : new SqliteMemberWriter(db, scope);
            // A large file may be a first load: the registered ID numbers' hash prefixes (8 bytes each) tell, row by row,
            // that a member is new, so it can be inserted without a look-up or an index update.
            // Only when the file is about as large as the registry or larger (80 bytes a CSV row): rebuilding the indexes
            // over the whole table must cost less than maintaining them row by row. Bounds the key set's memory too.
            HashSet<ulong>? existing = null;
            if (input.CanSeek && input.Length >= options.FreshBulkFromBytes
                && (options.FreshBulkFromBytes == 0 || await CountMembersAsync(ct) <= input.Length / 80))
                existing = await ExistingIdKeysAsync(ct);
            // Adding only: the registered ID numbers' hash prefixes tell which rows name a registered person. (Two different
            // numbers share a 64-bit prefix with a chance of about 1 in 10^8 over a registry of millions: such a row is refused
            // as registered and can be imported in the update mode.)
            var registered = options.UpdateExisting ? null : existing ?? await ExistingIdKeysAsync(ct);
            var begun = false;

            long rows = 0;
            using var digest = new RowDigest();
            // Parsing, validation, encryption, hashing and (on PostgreSQL) the COPY encoding run on every core, a batch per
            // worker; this loop takes the batches in file order, so duplicate detection, error order and the writes are
            // exactly as if the file were read row by row, and it only decides and sends bytes.
            var writing = new StrongBox<bool>(true);
            var ctx = new RowContext(map, units, enterprises, scope, today, now, protector, options.SkipInvalid, writing, EncodeCopy: db.IsNpgsql());
            await using (var pipeline = ParallelRows<Batch>.Start(file, batch => CheckBatch(batch, ctx), ct))
            {
                await foreach (var (batch, fraction) in pipeline.ReadAllAsync(ct))
                {
                    if (!begun)
                    {
                        // Fresh mode when the first batch has no registered member; a later match leaves it (indexes rebuilt then).
                        // An all-or-nothing file that is already wrong in its first batch will write nothing: no need to drop anything.
                        await writer.BeginAsync(existing is not null && (options.SkipInvalid || batch.Rows.All(r => r.Errors is null))
                            && !batch.Rows.Any(r => r.Member is not null && existing.Contains(r.HashKey)), ct);
                        begun = true;
                    }
                    foreach (var r in batch.Rows)
                    {
                        ct.ThrowIfCancellationRequested();
                        rows++;
                        var bad = ReportRowErrors(r, seen, map, errors);
                        if (!bad && registered is not null && r.Member is not null && registered.Contains(r.HashKey))
                        {
                            bad = true;
                            errors.Add(new RowError(r.Row, map.HeaderOf("idNumber"), "import.member.exists"));
                        }
                        // Once a row is bad and the file is all-or-nothing, keep validating (to report every error) but stop writing.
                        if (!bad && (options.SkipInvalid || errors.Count == 0) && r.Member is { } m)
                        {
                            if (writer.Fresh && existing!.Contains(r.HashKey)) await writer.LeaveFreshModeAsync(ct);
                            if (!await writer.AddAsync(r.Row, m, batch.CopyFields(r), ct))
                                errors.Add(new RowError(r.Row, map.HeaderOf("idNumber"), "import.member.outOfScope"));
                            else
                            {
                                // No per-row audit entry for a bulk load: the import's entry carries a digest of the rows.
                                digest.Add(r.Row).Add(m.IdNumberHash).Add(m.Name).Add(m.UnionId).Add(m.EnterpriseId ?? Guid.Empty)
                                    .Add((long)m.EmploymentType).Add((long)m.JoinedOn.DayNumber).Add(m.CardNumber).EndRow();
                            }
                        }
                        if (errors.Count > 0 && !options.SkipInvalid) writing.Value = false;
                        if (rows % ProgressEvery == 0) progress?.Invoke(new ImportProgress(rows, fraction, "reading"));
                    }
                }
            }

            if (!begun) await writer.BeginAsync(false, ct);
            progress?.Invoke(new ImportProgress(rows, 1, "saving"));
            if (options.SkipInvalid || errors.Count == 0)
            {
                await foreach (var r in writer.OutOfScopeRowsAsync(ct))
                    errors.Add(new RowError(r, map.HeaderOf("idNumber"), "import.member.outOfScope"));
            }
            if (rows == 0 && errors.Count == 0) errors.Add(new RowError(1, "", "import.file.empty"));

            if (errors.Count > 0 && !options.SkipInvalid)
            {
                await writer.DisposeAsync(); // ends an unfinished COPY before the rollback
                await tx.RollbackAsync(ct);
                await AuditAsync(options, fileName, "import-rejected", rows, 0, 0, errors.RejectedRows, null, ct);
                progress?.Invoke(new ImportProgress(rows, 1, "done"));
                return Rejected(rows, errors);
            }

            var freshRows = writer.FreshRows;
            var (created, updated) = await writer.MergeAsync(ct);
            await AuditAsync(options, fileName, "import", rows, created, updated, errors.RejectedRows, digest, ct);
            await tx.CommitAsync(ct);
            progress?.Invoke(new ImportProgress(rows, 1, "done"));
            return new MemberImportResult(rows, created, updated, errors.RejectedRows, errors.Count, true, errors.First.ToList(), errors.ReportPath, freshRows);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Adds a checked row's own errors and, when its ID number repeats an earlier row of the file, the repeat (the
    /// first row is remembered in <paramref name="seen"/>); true when the row is wrong. The import and its preview share it.</summary>
    private static bool ReportRowErrors(Checked r, Dictionary<long, int> seen, ColumnMap map, RowErrorSink errors)
    {
        var bad = r.Errors is not null;
        if (bad) foreach (var e in r.Errors!) errors.Add(e);
        if (r.IdKey is not { } key) return bad;
        if (seen.TryGetValue(key, out var firstRow)) { errors.Add(new RowError(r.Row, map.HeaderOf("idNumber"), $"import.duplicate|{firstRow}")); return true; }
        seen[key] = r.Row;
        return bad;
    }

    /// <summary>The first 8 bytes of the ID number's keyed hash (hex in the table): enough to tell "certainly new".</summary>
    private static ulong IdKeyOf(Member m) => ulong.Parse(m.IdNumberHash.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    private async Task<long> CountMembersAsync(CancellationToken ct)
    {
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandText = "SELECT count(*) FROM members";
        cmd.CommandTimeout = 0;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private async Task<HashSet<ulong>> ExistingIdKeysAsync(CancellationToken ct)
    {
        var keys = new HashSet<ulong>();
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandText = "SELECT substr(id_number_hash, 1, 16) FROM members";
        cmd.CommandTimeout = 0;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            keys.Add(ulong.Parse(r.GetString(0), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        return keys;
    }

    private static MemberImportResult Rejected(long rows, RowErrorSink errors) =>
        new(rows, 0, 0, errors.RejectedRows, errors.Count, false, errors.First.ToList(), errors.ReportPath);

    /// <summary>rowsWritten and rowsSha256 (RowDigest over row number, ID-number hash, name, union, enterprise, employment
    /// type, joined-on day and card number of each row handed to the registry, in file order) stand in for per-row entries.</summary>
    private Task AuditAsync(MemberImportOptions o, string fileName, string action, long rows, int created, int updated, int rejected,
        RowDigest? digest, CancellationToken ct) =>
        db.SaveChangesWithAuditAsync(
        [
            AuditTrail.Custom(o.Actor, action, "MemberImport", Path.GetFileName(fileName) is { Length: > 80 } f ? f[..80] : Path.GetFileName(fileName),
                null, new
                {
                    file = Path.GetFileName(fileName), rows, created, updated, rejected, skipInvalid = o.SkipInvalid, scope = o.ScopePath,
                    rowsWritten = digest?.Rows ?? 0, rowsSha256 = digest?.Finish(),
                },
                clock.GetUtcNow()),
        ], ct);

    private sealed record UnitRef(Guid Id, string Code, string Name, string Path, OrgUnitKind Kind, bool IsClosed);

    private sealed record RowContext(ColumnMap Map, Dictionary<string, UnitRef> Units, Dictionary<string, Guid> Enterprises, string Scope,
        DateOnly Today, DateTimeOffset Now, PersonalDataProtector Protector, bool SkipInvalid, StrongBox<bool> Writing, bool EncodeCopy);

    /// <summary>One checked row: its errors, or the member ready to write; IdKey is the ID number's first 17 digits,
    /// HashKey the first 8 bytes of its keyed hash; CopyStart/CopyLength its fields in the batch's COPY encoding.</summary>
    private sealed record Checked(int Row, List<RowError>? Errors, long? IdKey, Member? Member, ulong HashKey, int CopyStart, int CopyLength);

    /// <summary>A batch of checked rows; on PostgreSQL with the binary COPY fields of each member, encoded by the worker.</summary>
    private sealed record Batch(Checked[] Rows, PgCopyRows? Copy)
    {
        public ReadOnlyMemory<byte> CopyFields(Checked r) => Copy is null ? default : Copy.Slice(r.CopyStart, r.CopyLength);
    }

    private static Batch CheckBatch(TabularRow[] rows, RowContext ctx)
    {
        var copy = ctx.EncodeCopy ? new PgCopyRows(rows.Length * 400) : null;
        var result = new Checked[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var r = Check(rows[i], ctx);
            if (r.Member is { } m)
            {
                var start = copy?.Length ?? 0;
                if (copy is not null) PostgresMemberWriter.Encode(copy, m);
                r = r with { HashKey = IdKeyOf(m), CopyStart = start, CopyLength = (copy?.Length ?? 0) - start };
            }
            result[i] = r;
        }
        return new Batch(result, copy);
    }

    /// <summary>Everything about a row that does not depend on other rows: field rules, union, enterprise, and the encryption.</summary>
    private static Checked Check(TabularRow row, RowContext ctx)
    {
        var map = ctx.Map;
        var fieldErrors = new List<FieldError>();
        var fields = MemberRules.Validate(map.Get(row, "name"), map.Get(row, "idNumber"), map.Get(row, "phone"),
            map.Get(row, "employmentType"), map.Get(row, "joinedOn"), map.Get(row, "cardNumber"), fieldErrors, ctx.Today);
        List<RowError>? errors = null;
        foreach (var fe in fieldErrors) (errors ??= []).Add(new RowError(row.RowNumber, map.HeaderOf(fe.Field), fe.Code));

        var unionCode = map.Get(row, "unionCode");
        UnitRef? unit = null;
        var unionError = unionCode is null ? "import.union.required"
            : !ctx.Units.TryGetValue(unionCode, out unit) || !ScopeFilter.Covers(ctx.Scope, unit.Path) ? "import.union.notFound"
            : unit.Kind != OrgUnitKind.GrassrootsUnion ? "import.union.notGrassroots"
            : unit.IsClosed ? "import.union.closed"
            : null;
        if (unionError is not null) (errors ??= []).Add(new RowError(row.RowNumber, map.HeaderOf("unionCode"), unionError));

        Guid? enterpriseId = null;
        var credit = map.Get(row, "enterpriseCreditCode");
        if (credit is not null)
        {
            if (!CreditCode.TryParse(credit, out var code, out var creditError)) (errors ??= []).Add(new RowError(row.RowNumber, map.HeaderOf("enterpriseCreditCode"), creditError));
            else if (!ctx.Enterprises.TryGetValue(code, out var eid)) (errors ??= []).Add(new RowError(row.RowNumber, map.HeaderOf("enterpriseCreditCode"), "import.enterprise.notFound"));
            else enterpriseId = eid;
        }

        long? key = fields is null ? null : long.Parse(fields.Id.Number.AsSpan(0, 17), CultureInfo.InvariantCulture);
        Member? member = null;
        if (errors is null && ctx.Writing.Value)
        {
            member = new Member { UnionId = unit!.Id, EnterpriseId = enterpriseId, Status = MemberStatus.Active, UpdatedAt = ctx.Now };
            MemberRules.ApplyPersonalData(member, fields!, ctx.Protector);
        }
        return new Checked(row.RowNumber, errors, key, member, 0, 0, 0);
    }
}
