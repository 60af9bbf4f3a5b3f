using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Organizations.Importing;

/// <summary>What an import may touch and how: the importer's scope path ("/" for the federation CLI), who is acting, the policy.</summary>
public sealed record MemberImportOptions(string ScopePath, string Actor, bool SkipInvalid, string? ErrorReportPath = null);

/// <summary>The outcome: rows read, members created and updated, rows rejected, the first errors and where the full report is.</summary>
public sealed record MemberImportResult(long Rows, int Created, int Updated, int Rejected, int ErrorCount, bool Written,
    IReadOnlyList<RowError> Errors, string? ErrorReportPath);

/// <summary>
/// Imports members from CSV or XLSX in one transaction: streams the file, validates each row with <see cref="MemberRules"/>
/// plus union, enterprise, scope and in-file duplicate checks, and bulk-upserts by the ID number's keyed hash
/// (PostgreSQL: binary COPY into a temp table, then one INSERT … ON CONFLICT; SQLite: one prepared upsert re-bound per row).
/// Memory stays bounded: only the unit and enterprise look-ups and a set of the ID numbers seen are kept.
/// </summary>
public sealed class MemberImporter(GonghuiDb db, PersonalDataProtector protector, TimeProvider clock, ImportLocalizer text)
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

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
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
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Shanghai).DateTime);
        var scope = options.ScopePath;
        var units = await db.Set<OrgUnit>().AsNoTracking()
            .Select(u => new UnitRef(u.Id, u.Code, u.Path, u.Kind, u.IsClosed))
            .ToDictionaryAsync(u => u.Code, StringComparer.OrdinalIgnoreCase, ct);
        var enterprises = await db.Set<Enterprise>().AsNoTracking()
            .Select(e => new { e.CreditCode, e.Id })
            .ToDictionaryAsync(e => e.CreditCode, e => e.Id, StringComparer.Ordinal, ct);
        // The first 17 digits identify an ID number (the 18th is their check character): a long per row, not a string.
        var seen = new Dictionary<long, int>();

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await using IMemberBulkWriter writer = db.IsNpgsql() ? new PostgresMemberWriter(db, scope) : new SqliteMemberWriter(db, scope);
            await writer.BeginAsync(ct);

            long rows = 0;
            var fieldErrors = new List<FieldError>();
            foreach (var row in file.Rows())
            {
                ct.ThrowIfCancellationRequested();
                rows++;
                fieldErrors.Clear();
                var fields = MemberRules.Validate(map.Get(row, "name"), map.Get(row, "idNumber"), map.Get(row, "phone"),
                    map.Get(row, "employmentType"), map.Get(row, "joinedOn"), map.Get(row, "cardNumber"), fieldErrors, today);
                var bad = fieldErrors.Count > 0;
                foreach (var fe in fieldErrors) errors.Add(new RowError(row.RowNumber, map.HeaderOf(fe.Field), fe.Code));

                var unionId = Guid.Empty;
                var unionCode = map.Get(row, "unionCode");
                var unionError = unionCode is null ? "import.union.required"
                    : !units.TryGetValue(unionCode, out var unit) || !unit.Path.StartsWith(scope, StringComparison.Ordinal) ? "import.union.notFound"
                    : unit.Kind != OrgUnitKind.GrassrootsUnion ? "import.union.notGrassroots"
                    : unit.IsClosed ? "import.union.closed"
                    : null;
                if (unionError is null) unionId = units[unionCode!].Id;
                else { bad = true; errors.Add(new RowError(row.RowNumber, map.HeaderOf("unionCode"), unionError)); }

                Guid? enterpriseId = null;
                var credit = map.Get(row, "enterpriseCreditCode");
                if (credit is not null)
                {
                    if (!CreditCode.TryParse(credit, out var code, out var creditError)) { bad = true; errors.Add(new RowError(row.RowNumber, map.HeaderOf("enterpriseCreditCode"), creditError)); }
                    else if (!enterprises.TryGetValue(code, out var eid)) { bad = true; errors.Add(new RowError(row.RowNumber, map.HeaderOf("enterpriseCreditCode"), "import.enterprise.notFound")); }
                    else enterpriseId = eid;
                }

                if (fields is not null)
                {
                    var key = long.Parse(fields.Id.Number.AsSpan(0, 17));
                    if (seen.TryGetValue(key, out var firstRow)) { bad = true; errors.Add(new RowError(row.RowNumber, map.HeaderOf("idNumber"), $"import.duplicate|{firstRow}")); }
                    else seen[key] = row.RowNumber;
                }

                // Once a row is bad and the file is all-or-nothing, keep validating (to report every error) but stop writing.
                if (!bad && (options.SkipInvalid || errors.Count == 0))
                {
                    var m = new Member { UnionId = unionId, EnterpriseId = enterpriseId, Status = MemberStatus.Active, UpdatedAt = now };
                    MemberRules.ApplyPersonalData(m, fields!, protector);
                    if (!await writer.AddAsync(row.RowNumber, m, ct))
                        errors.Add(new RowError(row.RowNumber, map.HeaderOf("idNumber"), "import.member.outOfScope"));
                }
                if (rows % ProgressEvery == 0) progress?.Invoke(new ImportProgress(rows, file.Progress, "reading"));
            }

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
                await AuditAsync(options, fileName, "import-rejected", rows, 0, 0, errors.RejectedRows, ct);
                progress?.Invoke(new ImportProgress(rows, 1, "done"));
                return Rejected(rows, errors);
            }

            var (created, updated) = await writer.MergeAsync(ct);
            await AuditAsync(options, fileName, "import", rows, created, updated, errors.RejectedRows, ct);
            await tx.CommitAsync(ct);
            progress?.Invoke(new ImportProgress(rows, 1, "done"));
            return new MemberImportResult(rows, created, updated, errors.RejectedRows, errors.Count, true, errors.First.ToList(), errors.ReportPath);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static MemberImportResult Rejected(long rows, RowErrorSink errors) =>
        new(rows, 0, 0, errors.RejectedRows, errors.Count, false, errors.First.ToList(), errors.ReportPath);

    private Task AuditAsync(MemberImportOptions o, string fileName, string action, long rows, int created, int updated, int rejected, CancellationToken ct) =>
        db.SaveChangesWithAuditAsync(
        [
            AuditTrail.Custom(o.Actor, action, "MemberImport", Path.GetFileName(fileName) is { Length: > 80 } f ? f[..80] : Path.GetFileName(fileName),
                null, new { file = Path.GetFileName(fileName), rows, created, updated, rejected, skipInvalid = o.SkipInvalid, scope = o.ScopePath },
                clock.GetUtcNow()),
        ], ct);

    private sealed record UnitRef(Guid Id, string Code, string Path, OrgUnitKind Kind, bool IsClosed);
}
