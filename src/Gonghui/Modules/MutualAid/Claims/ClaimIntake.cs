using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Gonghui.Modules.MutualAid.Plans;
using Gonghui.Platform.Audit;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.MutualAid.Claims;

public sealed record ImportErrorDto(int Row, string Column, string Reason);
public sealed record ClaimImportResultDto(int Imported, bool Rejected, int ErrorCount, IReadOnlyList<ImportErrorDto> Errors);

/// <summary>What an intake did: claims written, every row error counted, the first <see cref="ClaimImporter.KeepErrors"/> kept.</summary>
public sealed record ClaimImportResult(int Imported, int ErrorCount, IReadOnlyList<RowError> Errors, bool Rejected);

/// <summary>An enrolled member in the importer's scope, found by the keyed hash of their ID number.</summary>
internal sealed class IntakeMember(Guid id, string name, Guid unionId, Guid fundingUnitId, DateOnly coverStart, UInt128 hashHi, UInt128 hashLo)
{
    /// <summary>The keyed hash of the ID number (HMAC-SHA256) as two halves; the import key is built from it.</summary>
    public readonly UInt128 HashHi = hashHi, HashLo = hashLo;
    public readonly Guid Id = id;
    public readonly string Name = name;
    public readonly Guid UnionId = unionId;
    public readonly Guid FundingUnitId = fundingUnitId;
    public readonly DateOnly CoverStart = coverStart;
    /// <summary>Granted this plan year so far, plus the previews of earlier rows of the same file.</summary>
    public long Granted;
    /// <summary>On PostgreSQL, the member's fields of every claim row (member_id … funding_unit_id) in binary COPY format,
    /// encoded by the first worker that meets the member (two may race: both write the same bytes).</summary>
    public byte[]? CopyFields;
}

/// <summary>One claim ready to be written: the row's bill and its computed preview payout.</summary>
internal struct ClaimRecord
{
    public Guid Id;
    public IntakeMember Member;
    public DateOnly AdmittedOn;
    public string Hospital;
    public string? Diagnosis;
    public long TotalFen, InsuranceCoveredFen, SelfPaidFen, PayoutFen, GrantedBeforeFen;
    public string ImportRef;
    /// <summary>On PostgreSQL, the row's binary COPY fields that do not depend on earlier rows, encoded by a worker:
    /// member through self-paid (<see cref="PostgresClaimWriter.EncodeMiddle"/>) and the import key.</summary>
    public ReadOnlyMemory<byte> CopyMiddle, CopyImportRef;
}

/// <summary>
/// Bulk claim intake from a hospital's or unit's spreadsheet (the import endpoint and the benchmark use this one path).
/// Streams the file through <see cref="ParallelRows{T}"/>: the workers parse and check each row, find its member (one
/// HMAC per person), compute its import key and, on PostgreSQL, encode its COPY fields, on every core; the caller's
/// thread takes the rows in file order, refuses duplicates, computes each payout (the member's yearly cap counted across
/// the file, so in order) and writes batches in one transaction — binary COPY on PostgreSQL, prepared multi-row INSERTs
/// on SQLite. Every row is checked; a file with errors writes nothing (the transaction is rolled back) unless
/// asked to skip bad rows. A row imported before (same plan, member, admission, hospital and bill) is a duplicate, so a
/// re-intake never counts a claim twice; the unique index on import_ref guards concurrent intakes.
/// </summary>
internal sealed class ClaimImporter(GonghuiDb db, CurrentUser me, PersonalDataProtector protector, TimeProvider clock)
{
    public const int KeepErrors = 1000;
    private const int BatchSize = 1024;

    /// <summary>Told the end of each phase of an intake (name, wall seconds since the previous one): the benchmark prints them.</summary>
    internal Action<string, TimeSpan>? OnPhase { get; set; }

    private TimeSpan _phaseAt;

    private void Phase(string name)
    {
        if (OnPhase is null) return;
        var now = TimeSpan.FromTicks(Environment.TickCount64 * TimeSpan.TicksPerMillisecond);
        OnPhase(name, now - _phaseAt);
        _phaseAt = now;
    }

    public async Task<ClaimImportResult> ImportAsync(Guid planId, Stream stream, string fileName, bool skipBadRows, CancellationToken ct)
    {
        _phaseAt = TimeSpan.FromTicks(Environment.TickCount64 * TimeSpan.TicksPerMillisecond);
        var errors = new ErrorList();
        var plan = await db.Set<MutualAidPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null) { errors.Add(new(0, "planId", "claim.planUnknown")); return errors.Result(0, true); }
        using var file = TabularFile.Open(stream, fileName);
        var headerErrors = new List<RowError>();
        var map = new ColumnMap(file.Headers, ClaimRowParser.Columns, headerErrors);
        if (headerErrors.Count > 0) { foreach (var e in headerErrors) errors.Add(e); return errors.Result(0, true); }

        var scope = await me.ScopePathAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // SQLite's transaction takes the write lock at once (BEGIN IMMEDIATE); on PostgreSQL a lock per plan does the same for
            // intakes of the plan. So a second intake of the plan waits, then reads this one's rows among the existing ones.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (db.IsNpgsql()) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"mutual-aid-intake:" + planId.ToString()}, 0))", ct);
            var members = await EnrolledMembersAsync(plan, scope, ct);
            Phase("enrolled members loaded");
            var refs = await ExistingRefsAsync(planId, stream.CanSeek ? (int)Math.Min(stream.Length / 80, 20_000_000) : 0, ct);
            Phase("existing rows loaded");
            var context = new IntakeContext(plan, new ClaimRowParser.Layout(map), members, protector, BeijingTime.Today(clock),
                new ConcurrentDictionary<long, IntakeMember?>(ParallelRows<IntakeBatch>.Workers, Math.Max(31, members.Count)),
                db.IsNpgsql(), Encoding.ASCII.GetBytes(plan.Id.ToString("N")));
            await using var writer = db.IsNpgsql() ? (ClaimBulkWriter)new PostgresClaimWriter(db) : new SqliteClaimWriter(db);
            await writer.BeginAsync(plan, me.Name, clock.GetUtcNow(), stream.CanSeek ? stream.Length : 0, ct);
            var written = 0;
            using var digest = new RowDigest();
            var rules = plan.Rules();
            var ids = new UuidV7Batch();
            var unknown = new List<(int Row, string Hash)>();
            var records = new ClaimRecord[BatchSize];
            await using (var pipeline = ParallelRows<IntakeBatch>.Start(file, rows => CheckBatch(rows, context), ct, BatchSize))
            {
                await foreach (var (batch, _) in pipeline.ReadAllAsync(ct))
                {
                    // In file order, as one thread reading the file would: errors, duplicates, the yearly cap.
                    var n = 0;
                    foreach (ref readonly var p in batch.Rows.AsSpan())
                    {
                        if (p.Errors is not null) { errors.AddRange(p.Errors); continue; }
                        if (p.Member is not { } m) { unknown.Add((p.Row, p.UnknownHash!)); errors.CountPending(); continue; }
                        if (!refs.Add(p.RefKey)) { errors.Add(new(p.Row, "", "claim.duplicate")); continue; }
                        // The preview counts earlier rows of the same file towards the member's yearly cap; approval recomputes anyway.
                        var bill = p.Claim!.Bill;
                        var before = m.Granted;
                        var payout = PayoutRules.Amount(rules, bill, before);
                        m.Granted += payout;
                        records[n++] = new ClaimRecord
                        {
                            Id = ids.Next(), Member = m, AdmittedOn = p.Claim.AdmittedOn, Hospital = p.Claim.Hospital, Diagnosis = p.Claim.Diagnosis,
                            TotalFen = bill.TotalFen, InsuranceCoveredFen = bill.InsuranceCoveredFen, SelfPaidFen = bill.SelfPaidFen,
                            PayoutFen = payout, GrantedBeforeFen = before, ImportRef = p.ImportRef!,
                            CopyMiddle = batch.Slice(p.CopyMiddle), CopyImportRef = batch.Slice(p.CopyImportRef),
                        };
                    }
                    // A refused file writes nothing: keep reading to report every error, stop writing.
                    if (n == 0 || (errors.Count > 0 && !skipBadRows)) { context.Release(batch); continue; }
                    await writer.WriteAsync(records, n, ct);
                    for (var i = 0; i < n; i++)
                    {
                        ref readonly var c = ref records[i];
                        digest.Add(c.Id).Add(c.Member.Id).Add((long)c.AdmittedOn.DayNumber).Add(c.Hospital).Add(c.TotalFen)
                            .Add(c.InsuranceCoveredFen).Add(c.SelfPaidFen).Add(c.PayoutFen).Add(c.ImportRef).EndRow();
                    }
                    context.Release(batch); // the writer has copied its COPY fields: the buffer goes back to the workers
                    written += n;
                }
            }
            errors.Unresolved = unknown;
            if (errors.Count > 0 && !skipBadRows)
            {
                await writer.DisposeAsync(); // cancels an open COPY
                await tx.RollbackAsync(ct);
                await ResolveUnknownAsync(errors, scope, ct);
                return errors.Result(0, true);
            }
            Phase("rows written");
            await writer.CompleteAsync(ct);
            Phase("indexes rebuilt");
            await ResolveUnknownAsync(errors, scope, ct);
            // The rows went in by bulk writer, past the per-entity audit: one entry with their count and digest instead.
            await db.SaveChangesWithAuditAsync([AuditTrail.Custom(me.Name, "import", "MutualAidClaimImport", planId.ToString(), null,
                new { file = Path.GetFileName(fileName), plan = planId, rowsWritten = written, rowsSha256 = digest.Finish(), errors = errors.Count },
                clock.GetUtcNow())], ct);
            await tx.CommitAsync(ct);
            Phase("committed");
            return errors.Result(written, false);
        }
        finally { await db.Database.CloseConnectionAsync(); }
    }

    /// <summary>What the workers share: read-only but for <see cref="ByIdNumber"/>, a concurrent cache of ID number → member,
    /// and the COPY buffers the writer hands back.</summary>
    private sealed record IntakeContext(MutualAidPlan Plan, ClaimRowParser.Layout Columns, Dictionary<UInt128, IntakeMember> Members,
        PersonalDataProtector Protector, DateOnly Today, ConcurrentDictionary<long, IntakeMember?> ByIdNumber, bool EncodeCopy, byte[] PlanIdN)
    {
        // A batch's COPY fields take ~200 KB: allocated afresh, each would land on the large-object heap and bring on
        // full collections; a handful circulate between the workers and the writer instead.
        private readonly ConcurrentBag<PgCopyRows> _buffers = [];

        public PgCopyRows? RentCopy(int capacity) => !EncodeCopy ? null : _buffers.TryTake(out var b) ? b : new PgCopyRows(capacity);

        /// <summary>The writer is done with <paramref name="batch"/>: its COPY buffer can be filled again.</summary>
        public void Release(IntakeBatch batch)
        {
            if (batch.Copy is not { } b) return;
            b.Clear();
            _buffers.Add(b);
        }
    }

    /// <summary>One row after the workers: its errors, or its member (null: unknown, with the ID hash), claim and import key;
    /// on PostgreSQL where its COPY fields are in the batch's buffer.</summary>
    private struct CheckedClaim
    {
        public int Row;
        public List<RowError>? Errors;
        public IntakeMember? Member;
        public string? UnknownHash;
        public ClaimRow? Claim;
        public string? ImportRef;
        public UInt128 RefKey;
        public (int Start, int Length) CopyMiddle, CopyImportRef;
    }

    private sealed record IntakeBatch(CheckedClaim[] Rows, PgCopyRows? Copy)
    {
        public ReadOnlyMemory<byte> Slice((int Start, int Length) s) => Copy is null ? default : Copy.Slice(s.Start, s.Length);
    }

    /// <summary>Everything about a row that does not depend on earlier rows (the same checks, in the same order, as before).</summary>
    private static IntakeBatch CheckBatch(TabularRow[] rows, IntakeContext c)
    {
        var copy = c.RentCopy(rows.Length * 200);
        var result = new CheckedClaim[rows.Length];
        List<RowError>? rowErrors = null; // stays empty while rows are good; a bad row keeps it
        for (var i = 0; i < rows.Length; i++)
        {
            ref var p = ref result[i];
            p.Row = rows[i].RowNumber;
            rowErrors ??= new List<RowError>(0);
            var r = ClaimRowParser.Parse(rows[i], c.Columns, rowErrors);
            if (r is null) { p.Errors = rowErrors; rowErrors = null; continue; }
            // The HMAC is computed once per person in the file: a member's later claims find it by the ID number itself.
            var idKey = IdKey(r.IdNumber);
            if (!c.ByIdNumber.TryGetValue(idKey, out var m))
                m = c.ByIdNumber.GetOrAdd(idKey, c.Members.GetValueOrDefault(HexKey(c.Protector.Hash(r.IdNumber), 0)));
            if (m is null) { p.UnknownHash = c.Protector.Hash(r.IdNumber); continue; }
            if (r.AdmittedOn > c.Today) { p.Errors = [new(r.Row, "入院日期", "claim.admittedOnFuture")]; continue; }
            if (EnrolmentRules.CanClaim(c.Plan.Year, m.CoverStart, r.AdmittedOn) is { } dateError) { p.Errors = [new(r.Row, "入院日期", dateError)]; continue; }
            (p.ImportRef, p.RefKey) = ClaimRowParser.ImportRefFast(c.PlanIdN, m.HashHi, m.HashLo, r);
            p.Member = m;
            p.Claim = r;
            if (copy is null) continue;
            var start = copy.Length;
            PostgresClaimWriter.EncodeMiddle(copy, m, r);
            p.CopyMiddle = (start, copy.Length - start);
            start = copy.Length;
            copy.Text(p.ImportRef);
            p.CopyImportRef = (start, copy.Length - start);
        }
        return new IntakeBatch(result, copy);
    }

    /// <summary>A normalised 18-character resident ID number as a number: its 17 digits and the check character (0–9 or X).</summary>
    internal static long IdKey(string id)
    {
        long v = 0;
        for (var i = 0; i < 17; i++) v = v * 10 + (id[i] - '0');
        return v * 11 + (id[17] == 'X' ? 10 : id[17] - '0');
    }

    /// <summary>The first 128 bits of a lower-case hex string from offset, as a dictionary key.</summary>
    internal static UInt128 HexKey(string hex, int offset)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (Convert.FromHexString(hex.AsSpan(offset, 32), bytes, out _, out _) != System.Buffers.OperationStatus.Done)
            throw new FormatException($"'{hex.Substring(offset, 32)}' is not 32 hexadecimal digits.");
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>Every member in scope enrolled in the plan, by ID hash, with the funding unit and what they were already granted this plan year.</summary>
    private async Task<Dictionary<UInt128, IntakeMember>> EnrolledMembersAsync(MutualAidPlan plan, string scope, CancellationToken ct)
    {
        // The funding unit is the district or industry union at depth 1 above the member's union (the unit itself above that).
        var tops = await db.UnitRows().Where(u => u.Depth <= 1).Select(u => new { u.Path, u.Id }).ToDictionaryAsync(u => u.Path, u => u.Id, ct);
        var unions = await db.UnitRows().InScope(scope, u => u.Path).Select(u => new { u.Id, u.Path }).ToListAsync(ct);
        var funding = new Dictionary<Guid, Guid>(unions.Count);
        foreach (var u in unions)
        {
            if (tops.TryGetValue(RegistryQueries.FundingPathOf(u.Path), out var f)) funding[u.Id] = f;
        }
        var granted = new Dictionary<Guid, long>();
        await foreach (var t in db.Set<MemberYearTotal>().AsNoTracking().Where(t => t.PlanId == plan.Id).Select(t => new { t.MemberId, t.GrantedFen }).AsAsyncEnumerable().WithCancellation(ct))
            granted[t.MemberId] = t.GrantedFen;
        // Claims granted before the member's accumulator row was opened (it opens on the first approval).
        await foreach (var g in db.Set<MutualAidClaim>().AsNoTracking().Where(c => (c.Status == ClaimStatus.Approved || c.Status == ClaimStatus.Paid) && c.PlanId == plan.Id)
                           .GroupBy(c => c.MemberId).Select(g => new { g.Key, Sum = g.Sum(c => c.PayoutFen) }).AsAsyncEnumerable().WithCancellation(ct))
            granted.TryAdd(g.Key, g.Sum);
        Phase("units and year-to-date loaded");

        // A year's plan has hundreds of thousands of members: read them with one plain reader (no materialiser per row)
        // into a dictionary sized once.
        var enrolled = await db.Set<MutualAidEnrolment>().CountAsync(e => e.PlanId == plan.Id, ct);
        var result = new Dictionary<UInt128, IntakeMember>(enrolled);
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandTimeout = 0;
        cmd.CommandText = "SELECT m.id, m.name, m.union_id, m.id_number_hash, e.cover_start FROM mutual_aid_enrolments e JOIN members m ON m.id = e.member_id WHERE e.plan_id = @plan";
        var p = cmd.CreateParameter();
        p.ParameterName = "@plan";
        p.Value = db.IsNpgsql() ? plan.Id : SqliteRawStatement.GuidText(plan.Id); // EF's SQLite mapping stores GUIDs as upper-case text
        cmd.Parameters.Add(p);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var unionId = r.GetGuid(2);
            if (!funding.TryGetValue(unionId, out var f)) continue; // out of scope
            var hash = r.GetString(3);
            if (hash.Length < 64) continue;
            var id = r.GetGuid(0);
            var hi = HexKey(hash, 0);
            result[hi] = new IntakeMember(id, r.GetString(1), unionId, f, r.GetFieldValue<DateOnly>(4), hi, HexKey(hash, 32)) { Granted = granted.GetValueOrDefault(id) };
        }
        return result;
    }

    /// <summary>A row whose member was not found: a member in scope who is not enrolled, or no member in scope at all.</summary>
    private async Task ResolveUnknownAsync(ErrorList errors, string scope, CancellationToken ct)
    {
        var rows = errors.Unresolved;
        if (rows.Count == 0) return;
        var known = new HashSet<string>();
        foreach (var chunk in rows.Take(KeepErrors).Select(r => r.Hash).Distinct().Chunk(500))
            known.UnionWith(await (from m in db.MemberRows()
                                   join u in db.UnitRows().InScope(scope, u => u.Path) on m.UnionId equals u.Id
                                   where chunk.Contains(m.IdNumberHash)
                                   select m.IdNumberHash).ToListAsync(ct));
        foreach (var (row, hash) in rows.Take(KeepErrors))
            errors.AddResolved(new(row, "身份证号", known.Contains(hash) ? "claim.notEnrolled" : "claim.memberUnknown"));
    }

    /// <summary>The plan's import keys so far; sized for the file's rows too (every row's key joins the set), so it never regrows.</summary>
    private async Task<HashSet<UInt128>> ExistingRefsAsync(Guid planId, int expectedRows, CancellationToken ct)
    {
        var existing = await db.Set<MutualAidClaim>().CountAsync(c => c.PlanId == planId && c.ImportRef != null, ct);
        var set = new HashSet<UInt128>(existing + expectedRows);
        await foreach (var r in db.Set<MutualAidClaim>().AsNoTracking().Where(c => c.PlanId == planId && c.ImportRef != null).Select(c => c.ImportRef!).AsAsyncEnumerable().WithCancellation(ct))
            if (r.StartsWith("imp:", StringComparison.Ordinal) && r.Length >= 36) set.Add(HexKey(r, 4));
        return set;
    }

    /// <summary>Row errors in file order as found: counted all, the first <see cref="KeepErrors"/> kept. Thread-safe.</summary>
    private sealed class ErrorList
    {
        private readonly List<RowError> _first = [];
        private int _count;
        public int Count => Volatile.Read(ref _count);
        /// <summary>Rows whose member is not among the plan's enrolled members in scope; told apart (unknown / not enrolled) at the end.</summary>
        public List<(int Row, string Hash)> Unresolved = [];

        public void CountPending() => Interlocked.Increment(ref _count);

        public void AddResolved(RowError e)
        {
            lock (_first) if (_first.Count < KeepErrors) _first.Add(e);
        }

        public void Add(RowError e)
        {
            lock (_first)
            {
                _count++;
                if (_first.Count < KeepErrors) _first.Add(e);
            }
        }

        public void AddRange(List<RowError> es) { foreach (var e in es) Add(e); }

        public ClaimImportResult Result(int imported, bool rejected)
        {
            lock (_first) return new(imported, _count, _first.OrderBy(e => e.Row).ToList(), rejected && _count > 0);
        }
    }
}

internal static class ClaimImportEndpoint
{
    public const long MaxUploadBytes = 512L * 1024 * 1024;

    /// <summary>multipart/form-data: file, planId, skipBadRows. 422 with the row errors when the file is refused.</summary>
    public static async Task<IResult> Import(HttpRequest request, ClaimImporter importer, IStringLocalizer<MutualAidText> t, CancellationToken ct)
    {
        if (!request.HasFormContentType) return new Platform.Http.Api.Errors().Add("file", "Send multipart/form-data with a file.").Problem();
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        var errors = new Platform.Http.Api.Errors();
        if (file is null || file.Length == 0) errors.Add("file", "A CSV or XLSX file is required.");
        if (!Guid.TryParse(form["planId"], out var planId)) errors.Add("planId", t["claim.planRequired"]);
        if (errors.Any) return errors.Problem();
        var skip = string.Equals(form["skipBadRows"], "true", StringComparison.OrdinalIgnoreCase) || form["skipBadRows"] == "on";
        // The form reader buffers large uploads to disk; the importer streams from there (seekable, so the encoding is sniffed).
        await using var s = file!.OpenReadStream();
        var r = await importer.ImportAsync(planId, s, file.FileName, skip, ct);
        var dto = new ClaimImportResultDto(r.Imported, r.Rejected, r.ErrorCount,
            r.Errors.Select(e => new ImportErrorDto(e.Row, e.Column, t[e.Reason].ResourceNotFound ? e.Reason : t[e.Reason])).ToList());
        return dto.Rejected ? TypedResults.UnprocessableEntity(dto) : TypedResults.Ok(dto);
    }
}
