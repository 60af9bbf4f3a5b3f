using System.Globalization;
using System.Runtime.CompilerServices;
using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Organizations.Importing;

/// <summary>A preview's outcome: rows read, what they would do, and the row errors (first ones and the full report).</summary>
public sealed record MemberPreviewResult(long Rows, ImportPreview Preview, int ErrorCount, IReadOnlyList<RowError> Errors, string? ErrorReportPath);

public sealed partial class MemberImporter
{
    /// <summary>
    /// Reads the file as <see cref="ImportAsync"/> would, with the same row checks, and writes nothing: each good row is new,
    /// changes a registered member (old beside new for every field the update would overwrite: name, phone, employment type,
    /// union, enterprise, join date, card number), or changes nothing. Registered members are looked up a batch of rows at a
    /// time by the ID number's keyed hash. A registered member outside the importer's scope is a row error, as in the import.
    /// </summary>
    public async Task<MemberPreviewResult> PreviewAsync(Stream input, string fileName, MemberImportOptions options,
        Action<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        await using var errors = new RowErrorSink(options.ErrorReportPath, text.Localize);
        TabularFile file;
        try { file = TabularFile.Open(input, fileName); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            errors.Add(new RowError(1, "", "import.file.unreadable"));
            return Result(0, new ImportPreview(0, 0, 0, 1, []), errors);
        }
        using var _ = file;
        var headerErrors = new List<RowError>();
        var map = new ColumnMap(file.Headers, Columns.Select(c => (c.Key, c.Names, c.Required)), headerErrors);
        foreach (var e in headerErrors) errors.Add(e);
        if (errors.Count > 0) return Result(0, new ImportPreview(0, 0, 0, 0, []), errors);

        var now = clock.GetUtcNow();
        var units = await db.Set<OrgUnit>().AsNoTracking()
            .Select(u => new UnitRef(u.Id, u.Code, u.Name, u.Path, u.Kind, u.IsClosed))
            .ToDictionaryAsync(u => u.Code, StringComparer.OrdinalIgnoreCase, ct);
        var unitsById = units.Values.ToDictionary(u => u.Id);
        var enterprises = await db.Set<Enterprise>().AsNoTracking()
            .Select(e => new { e.CreditCode, e.Id })
            .ToDictionaryAsync(e => e.CreditCode, e => e.Id, StringComparer.Ordinal, ct);
        var creditCodes = enterprises.ToDictionary(e => e.Value, e => e.Key);
        var ctx = new RowContext(map, units, enterprises, options.ScopePath, BeijingTime.DateOf(now), now, protector, SkipInvalid: true,
            new StrongBox<bool>(true), EncodeCopy: false);

        var seen = new Dictionary<long, int>();
        long rows = 0, added = 0, changed = 0, unchanged = 0;
        var changes = new List<RowChange>();
        await using (var pipeline = ParallelRows<Batch>.Start(file, batch => CheckBatch(batch, ctx), ct))
        {
            await foreach (var (batch, fraction) in pipeline.ReadAllAsync(ct))
            {
                var hashes = batch.Rows.Where(r => r.Member is not null).Select(r => r.Member!.IdNumberHash).ToList();
                var registered = hashes.Count == 0 ? [] : await db.Set<Member>().AsNoTracking()
                    .Where(m => hashes.Contains(m.IdNumberHash))
                    .Select(m => new Registered(m.IdNumberHash, m.IdNumberMasked, m.Name, m.PhoneHash, m.PhoneMasked, m.EmploymentType,
                        m.UnionId, m.EnterpriseId, m.JoinedOn, m.CardNumber))
                    .ToDictionaryAsync(m => m.Hash, StringComparer.Ordinal, ct);
                foreach (var r in batch.Rows)
                {
                    ct.ThrowIfCancellationRequested();
                    rows++;
                    var bad = ReportRowErrors(r, seen, map, errors);
                    if (!bad && r.Member is { } m)
                    {
                        if (!registered.TryGetValue(m.IdNumberHash, out var old)) added++;
                        else if (!unitsById.TryGetValue(old.UnionId, out var oldUnit) || !ScopeFilter.Covers(options.ScopePath, oldUnit.Path))
                            errors.Add(new RowError(r.Row, map.HeaderOf("idNumber"), "import.member.outOfScope"));
                        else if (Differences(old, m, map, unitsById, creditCodes) is { Count: > 0 } diff)
                        {
                            changed++;
                            if (changes.Count < ImportPreview.MaxChanges) changes.Add(new RowChange(r.Row, $"{old.Name}（{old.IdMasked}）", diff));
                        }
                        else unchanged++;
                    }
                    if (rows % ProgressEvery == 0) progress?.Invoke(new ImportProgress(rows, fraction, "reading"));
                }
            }
        }
        if (rows == 0 && errors.Count == 0) errors.Add(new RowError(1, "", "import.file.empty"));
        progress?.Invoke(new ImportProgress(rows, 1, "done"));
        return Result(rows, new ImportPreview(added, changed, unchanged, errors.RejectedRows, changes), errors);
    }

    private static MemberPreviewResult Result(long rows, ImportPreview preview, RowErrorSink errors) =>
        new(rows, preview, errors.Count, errors.First.ToList(), errors.ReportPath);

    private sealed record Registered(string Hash, string IdMasked, string Name, string? PhoneHash, string? PhoneMasked, EmploymentType EmploymentType,
        Guid UnionId, Guid? EnterpriseId, DateOnly JoinedOn, string? CardNumber);

    /// <summary>Every field the update would overwrite with another value, labelled by the file's own column names.</summary>
    private List<FieldChange> Differences(Registered old, Member m, ColumnMap map, Dictionary<Guid, UnitRef> units, Dictionary<Guid, string> creditCodes)
    {
        var diff = new List<FieldChange>();
        string Label(string key) => map.HeaderOf(key) is var h && h != key ? h : Columns.First(c => c.Key == key).Names[0];
        if (old.Name != m.Name) diff.Add(new(Label("name"), old.Name, m.Name));
        if (old.PhoneHash != m.PhoneHash) diff.Add(new(Label("phone"), old.PhoneMasked, m.PhoneMasked));
        if (old.EmploymentType != m.EmploymentType)
            diff.Add(new(Label("employmentType"), text["EmploymentType." + old.EmploymentType], text["EmploymentType." + m.EmploymentType]));
        if (old.UnionId != m.UnionId) diff.Add(new(Label("unionCode"), UnitName(old.UnionId), UnitName(m.UnionId)));
        if (old.EnterpriseId != m.EnterpriseId) diff.Add(new(Label("enterpriseCreditCode"), Credit(old.EnterpriseId), Credit(m.EnterpriseId)));
        if (old.JoinedOn != m.JoinedOn)
            diff.Add(new(Label("joinedOn"), old.JoinedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), m.JoinedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        if (old.CardNumber != m.CardNumber) diff.Add(new(Label("cardNumber"), old.CardNumber, m.CardNumber));
        return diff;

        string? UnitName(Guid id) => units.TryGetValue(id, out var u) ? $"{u.Name}（{u.Code}）" : null;
        string? Credit(Guid? id) => id is { } e && creditCodes.TryGetValue(e, out var c) ? c : null;
    }
}
