using System.Collections.Concurrent;
using System.Globalization;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Services.Projects;
using Gonghui.Modules.Services.Rules;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Security;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Services.Visits;

/// <summary>Who imports and how: the caller's scope (the projects the sheet may name), the name audited, whether bad rows are skipped.</summary>
public sealed record VisitImportOptions(string ScopePath, string Actor, bool SkipBadRows, string? ErrorReportPath = null);

/// <summary>
/// What an import did: rows read, visits written, rows skipped as already recorded (same member, project and Beijing day), every row
/// error counted and the first kept; <see cref="Written"/> is false when the file was refused (nothing was written).
/// </summary>
public sealed record VisitImportResult(long Rows, long Imported, long Duplicates, int ErrorCount, int RejectedRows, IReadOnlyList<RowError> Errors, bool Written,
    string? ErrorReportPath);

/// <summary>
/// Bulk import of a unit's visit sheet (服务人次台账) through the platform's importer path, the same as the member import's:
/// <see cref="ParallelRows{T}"/> reads the file while workers parse and check each row (resident ID, one keyed hash per person,
/// project code, date, channel, place) and, on PostgreSQL, encode its binary COPY fields; the one writer takes rows in file order,
/// drops duplicates (one member, one project, one Beijing day: a row already in the table or earlier in the file is skipped and
/// counted, not an error, so a re-sent sheet adds nothing) and writes in one transaction — binary COPY on PostgreSQL, prepared
/// multi-row INSERTs on SQLite — with the secondary index set aside and rebuilt for a large load. A row error (bad ID, unknown
/// member or project, a date in the future or outside the project's year) refuses the whole file unless bad rows are skipped:
/// nothing half-written. One audit entry records the import with the rows' count and digest.
/// </summary>
public sealed class VisitImporter(GonghuiDb db, PersonalDataProtector protector, TimeProvider clock)
{
    public const int KeepErrors = 1000;
    private const int BatchSize = 1024;

    /// <summary>The sheet's columns: key, accepted headers (Chinese first), required.</summary>
    public static readonly (string Key, string[] Names, bool Required)[] Columns =
    [
        ("idNumber", ["身份证号", "公民身份号码", "IdNumber"], true),
        ("project", ["项目编号", "ProjectCode"], true),
        ("servedAt", ["服务时间", "服务日期", "ServedAt"], true),
        ("place", ["服务地点", "地点", "Place"], false),
        ("channel", ["服务方式", "渠道", "Channel"], false),
    ];

    /// <summary>Told each phase's end (name, seconds since the previous one): the benchmark prints them.</summary>
    public Action<string, TimeSpan>? OnPhase { get; set; }

    private long _phaseAt;

    private void Phase(string name)
    {
        if (OnPhase is null) return;
        var now = Environment.TickCount64;
        OnPhase(name, TimeSpan.FromMilliseconds(now - _phaseAt));
        _phaseAt = now;
    }

    internal sealed class ImportProject(int index, Guid id, int year, ProjectStatus status)
    {
        public readonly int Index = index;
        public readonly Guid Id = id;
        public readonly int Year = year;
        public readonly ProjectStatus Status = status;
    }

    internal sealed class ImportMember(int index, Guid id, Guid unionId)
    {
        public readonly int Index = index;
        public readonly Guid Id = id;
        public readonly Guid UnionId = unionId;
    }

    /// <summary>One row after the workers: its error, or its member, project, key and where its COPY fields are.</summary>
    internal struct CheckedVisit
    {
        public int Row;
        public RowError? Error;
        public ImportMember? Member;
        public ImportProject? Project;
        public DateOnly ServedOn;
        public DateTimeOffset ServedAt;
        public VisitChannel Channel;
        public string? Place;
        public ulong Key;
        public int CopyStart, CopyLength;
    }

    internal sealed record VisitBatch(CheckedVisit[] Rows, PgCopyRows? Copy);

    private sealed record Context(Dictionary<string, ImportProject> Projects, Dictionary<UInt128, ImportMember> Members, PersonalDataProtector Protector,
        DateOnly Today, ConcurrentDictionary<long, ImportMember?> ByIdNumber, int IdColumn, int ProjectColumn, int WhenColumn, int PlaceColumn, int ChannelColumn,
        string IdHeader, string ProjectHeader, string WhenHeader, string PlaceHeader, string ChannelHeader, bool EncodeCopy)
    {
        private readonly ConcurrentBag<PgCopyRows> _buffers = [];
        public PgCopyRows? Rent() => !EncodeCopy ? null : _buffers.TryTake(out var b) ? b : new PgCopyRows(BatchSize * 120);
        public void Release(VisitBatch b)
        {
            if (b.Copy is not { } c) return;
            c.Clear();
            _buffers.Add(c);
        }
    }

    public async Task<VisitImportResult> ImportAsync(Stream stream, string fileName, VisitImportOptions options, Action<ImportProgress>? progress, CancellationToken ct)
    {
        _phaseAt = Environment.TickCount64;
        await using var sink = new RowErrorSink(options.ErrorReportPath, s => s, KeepErrors);
        using var file = TabularFile.Open(stream, fileName);
        var headerErrors = new List<RowError>();
        var map = new ColumnMap(file.Headers, Columns, headerErrors);
        if (headerErrors.Count > 0)
        {
            foreach (var e in headerErrors) sink.Add(e);
            return new VisitImportResult(0, 0, 0, sink.Count, sink.RejectedRows, sink.First, false, sink.ReportPath);
        }
        var now = clock.GetUtcNow();
        long rows = 0, written = 0, duplicates = 0;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // One import at a time (SQLite's transaction holds the write lock already): the existing keys read below stay true until the commit.
            if (db.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtextextended('services-visits-import', 0))", ct);
            var projects = await ProjectsAsync(options.ScopePath, ct);
            var (members, memberList) = await MembersAsync(ct);
            Phase("projects and members loaded");
            var seen = await ExistingKeysAsync(projects, memberList, stream.CanSeek ? stream.Length / 60 : 0, ct);
            Phase("existing visits loaded");
            var context = new Context(projects.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase), members, protector, BeijingTime.Today(clock),
                new ConcurrentDictionary<long, ImportMember?>(ParallelRows<VisitBatch>.Workers, 1024),
                map.IndexOf("idNumber"), map.IndexOf("project"), map.IndexOf("servedAt"), map.IndexOf("place"), map.IndexOf("channel"),
                map.HeaderOf("idNumber"), map.HeaderOf("project"), map.HeaderOf("servedAt"), map.HeaderOf("place"), map.HeaderOf("channel"), db.IsNpgsql());
            await using var writer = db.IsNpgsql() ? (VisitBulkWriter)new PostgresVisitWriter(db) : new SqliteVisitWriter(db);
            await writer.BeginAsync(options.Actor, now, stream.CanSeek ? stream.Length : 0, ct);
            var ids = new UuidV7Batch(clock);
            using var digest = new RowDigest();
            var accepted = new CheckedVisit[BatchSize];
            var months = new Dictionary<(Guid, int), long>(); // the visits written per project and month, for the report's roll-up
            await using (var pipeline = ParallelRows<VisitBatch>.Start(file, batch => Check(batch, context), ct, BatchSize))
            {
                await foreach (var (batch, fraction) in pipeline.ReadAllAsync(ct))
                {
                    var n = 0;
                    foreach (ref readonly var v in batch.Rows.AsSpan())
                    {
                        rows++;
                        if (v.Error is { } error) { sink.Add(error); continue; }
                        if (!seen.Add(v.Key)) { duplicates++; continue; }
                        accepted[n++] = v;
                    }
                    progress?.Invoke(new ImportProgress(rows, fraction, "reading"));
                    if (n == 0 || (sink.Count > 0 && !options.SkipBadRows)) { context.Release(batch); continue; }
                    writer.Write(accepted, n, batch.Copy, ids);
                    for (var i = 0; i < n; i++)
                    {
                        ref readonly var c = ref accepted[i];
                        var month = (c.Project!.Id, Statistics.VisitRollup.MonthOf(c.ServedOn));
                        months[month] = months.GetValueOrDefault(month) + 1;
                        digest.Add(c.Project!.Id).Add(c.Member!.Id).Add((long)c.ServedOn.DayNumber).Add((long)c.Channel).Add(c.Place ?? "").EndRow();
                    }
                    context.Release(batch);
                    written += n;
                }
            }
            if (sink.Count > 0 && !options.SkipBadRows)
            {
                await writer.DisposeAsync();
                await tx.RollbackAsync(ct);
                progress?.Invoke(new ImportProgress(rows, 1, "done"));
                return new VisitImportResult(rows, 0, duplicates, sink.Count, sink.RejectedRows, sink.First, false, sink.ReportPath);
            }
            Phase("rows written");
            progress?.Invoke(new ImportProgress(rows, 1, "saving"));
            await writer.CompleteAsync(ct);
            Phase("indexes rebuilt");
            await Statistics.VisitRollup.ApplyMonthsAsync(db, months, ct);
            Phase("roll-up moved");
            await db.SaveChangesWithAuditAsync([AuditTrail.Custom(options.Actor, "import", "ServiceVisitImport", Path.GetFileName(fileName), null,
                new { file = Path.GetFileName(fileName), rowsRead = rows, rowsWritten = written, duplicatesSkipped = duplicates, errors = sink.Count, rowsSha256 = digest.Finish() },
                now)], ct);
            await tx.CommitAsync(ct);
            Phase("committed");
            if (written >= RefreshStatisticsAfter)
            {
                // A large load leaves the planner's statistics stale and, on PostgreSQL, no visibility map (no index-only scans
                // until a VACUUM): the year's statistics then read the heap and choose poor plans. VACUUM cannot run in a transaction.
                await db.Database.ExecuteSqlRawAsync(db.IsNpgsql() ? "VACUUM (ANALYZE) services_visits" : "ANALYZE services_visits", ct);
                Phase("analyzed");
            }
            progress?.Invoke(new ImportProgress(rows, 1, "done"));
            return new VisitImportResult(rows, written, duplicates, sink.Count, sink.RejectedRows, sink.First, true, sink.ReportPath);
        }
        finally { await db.Database.CloseConnectionAsync(); }
    }

    /// <summary>Rows written by one import after which the table's planner statistics (and PostgreSQL's visibility map) are refreshed.</summary>
    public const int RefreshStatisticsAfter = 100_000;

    /// <summary>Everything about a row that does not depend on other rows, on a worker.</summary>
    private static VisitBatch Check(TabularRow[] rows, Context c)
    {
        var copy = c.Rent();
        var result = new CheckedVisit[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            ref var v = ref result[i];
            var row = rows[i];
            v.Row = row.RowNumber;
            var idText = ColumnMap.Get(row, c.IdColumn);
            if (!ResidentId.TryParse(idText, out var info, out _)) { v.Error = new RowError(v.Row, c.IdHeader, string.IsNullOrEmpty(idText) ? "visit.idNumberRequired" : "visit.idNumberInvalid"); continue; }
            var code = ColumnMap.Get(row, c.ProjectColumn);
            if (string.IsNullOrEmpty(code) || !c.Projects.TryGetValue(code, out var project)) { v.Error = new RowError(v.Row, c.ProjectHeader, "visit.projectUnknown"); continue; }
            if (!VisitRules.TryParseWhen(ColumnMap.Get(row, c.WhenColumn), out var day, out var time)) { v.Error = new RowError(v.Row, c.WhenHeader, "visit.servedAtInvalid"); continue; }
            if (VisitRules.Check(day, c.Today, project.Year, project.Status) is { } rule) { v.Error = new RowError(v.Row, c.WhenHeader, rule); continue; }
            if (VisitRules.ParseChannel(ColumnMap.Get(row, c.ChannelColumn)) is not { } channel) { v.Error = new RowError(v.Row, c.ChannelHeader, "visit.channelUnknown"); continue; }
            var place = ColumnMap.Get(row, c.PlaceColumn);
            if (place is { Length: > VisitRules.PlaceMax }) { v.Error = new RowError(v.Row, c.PlaceHeader, "visit.placeTooLong"); continue; }
            // The keyed hash once per person in the file: later rows of the same person find the member by the ID number itself.
            var idKey = IdKey(info.Number);
            if (!c.ByIdNumber.TryGetValue(idKey, out var member))
                member = c.ByIdNumber.GetOrAdd(idKey, c.Members.GetValueOrDefault(HexKey(c.Protector.Hash(info.Number))));
            if (member is null) { v.Error = new RowError(v.Row, c.IdHeader, "visit.memberUnknown"); continue; }
            v.Member = member;
            v.Project = project;
            v.ServedOn = day;
            v.ServedAt = BeijingTime.ToUtc(day, time ?? new TimeOnly(12, 0));
            v.Channel = channel;
            v.Place = string.IsNullOrEmpty(place) ? null : place;
            v.Key = VisitRules.PackKey(project.Index, member.Index, day);
            if (copy is null) continue;
            v.CopyStart = copy.Length;
            PostgresVisitWriter.EncodeFields(copy, in v);
            v.CopyLength = copy.Length - v.CopyStart;
        }
        return new VisitBatch(result, copy);
    }

    /// <summary>An 18-character resident ID as a number: 17 digits and the check character (0–9 or X).</summary>
    internal static long IdKey(string id)
    {
        long v = 0;
        for (var i = 0; i < 17; i++) v = v * 10 + (id[i] - '0');
        return v * 11 + (id[17] == 'X' ? 10 : id[17] - '0');
    }

    /// <summary>The first 128 bits of a lower-case hex hash, as a dictionary key.</summary>
    internal static UInt128 HexKey(string hex)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (hex.Length < 32 || Convert.FromHexString(hex.AsSpan(0, 32), bytes, out _, out _) != System.Buffers.OperationStatus.Done) return UInt128.Zero;
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>The projects the caller's sheet may name: in scope, by code (only those taking visits pass the row check).</summary>
    private async Task<Dictionary<string, ImportProject>> ProjectsAsync(string scope, CancellationToken ct)
    {
        var list = await db.Set<ServiceProject>().AsNoTracking().InScope(scope, p => p.ScopePath)
            .Select(p => new { p.Code, p.Id, p.Year, p.Status }).ToListAsync(ct);
        return list.Select((p, i) => (p.Code, Project: new ImportProject(i, p.Id, p.Year, p.Status))).ToDictionary(x => x.Code, x => x.Project, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Every active member of the registry by the keyed hash of their ID number (a project may serve members of any unit: a district's
    /// service station serves whoever comes), streamed into a dictionary; each gets a number for the dedupe key.
    /// </summary>
    private async Task<(Dictionary<UInt128, ImportMember>, Dictionary<Guid, ImportMember>)> MembersAsync(CancellationToken ct)
    {
        var byHash = new Dictionary<UInt128, ImportMember>();
        var list = new Dictionary<Guid, ImportMember>();
        await foreach (var m in db.MemberRows().Where(m => m.Status == MemberStatus.Active).Select(m => new { m.Id, m.UnionId, m.IdNumberHash })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            var key = HexKey(m.IdNumberHash);
            if (key == UInt128.Zero) continue;
            var member = new ImportMember(list.Count, m.Id, m.UnionId);
            list[m.Id] = member;
            byHash[key] = member;
        }
        return (byHash, list);
    }

    /// <summary>The dedupe keys of the visits already recorded for the projects that take visits, so a re-sent row is skipped.</summary>
    private async Task<HashSet<ulong>> ExistingKeysAsync(Dictionary<string, ImportProject> projects, Dictionary<Guid, ImportMember> members, long expectedRows, CancellationToken ct)
    {
        var open = projects.Values.Where(p => ProjectRules.TakesVisits(p.Status)).ToDictionary(p => p.Id);
        var seen = new HashSet<ulong>((int)Math.Min(50_000_000, Math.Max(1024, expectedRows)));
        if (open.Count == 0) return seen;
        var ids = open.Keys.ToList();
        if (!await db.Set<ServiceVisit>().AnyAsync(v => ids.Contains(v.ProjectId), ct)) return seen;
        await foreach (var v in db.Set<ServiceVisit>().AsNoTracking().Where(v => ids.Contains(v.ProjectId)).Select(v => new { v.ProjectId, v.MemberId, v.ServedOn })
                           .AsAsyncEnumerable().WithCancellation(ct))
            // A visit of a member no longer active cannot clash with a row of this file (its row fails the member check).
            if (members.TryGetValue(v.MemberId, out var m)) seen.Add(VisitRules.PackKey(open[v.ProjectId].Index, m.Index, v.ServedOn));
        return seen;
    }
}
