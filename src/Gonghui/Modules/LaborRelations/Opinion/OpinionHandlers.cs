using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Modules.LaborRelations.Signals;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.LaborRelations.Opinion;

/// <summary>An opinion item entered by staff.</summary>
public sealed record OpinionInput(string? Source, string? Title, DateTime? PublishedAt, Sentiment? Sentiment, string? Category, string? Industry,
    Guid? EnterpriseId, string? DistrictCode, bool? Major, string? Handling);

public sealed record OpinionDto(Guid Id, string Source, string Title, DateTimeOffset PublishedAt, Sentiment Sentiment, string Category, string? Industry,
    Guid? EnterpriseId, string? EnterpriseName, string DistrictCode, bool Major, string? Handling);

/// <summary>An import's answer: rows written, and each bad row with its line number, column and reason.</summary>
public sealed record OpinionImportResult(int Created, IReadOnlyList<RowError> Errors, bool Rejected);

/// <summary>
/// Opinion items (舆情): entered by staff or imported from CSV/XLSX through the platform's reader, or from an RSS 2.0 feed file. A negative item about an enterprise
/// is also a risk signal (major: 2 units). An import checks every row first and writes nothing when one is bad, unless the caller
/// asks to skip bad rows; the items and their signals go in one SaveChanges.
/// </summary>
public sealed class OpinionHandlers(GonghuiDb db, LaborScope scope)
{
    public const int MaxRows = 20_000;

    public static OpinionDto ToDto(OpinionItem o) => new(o.Id, o.Source, o.Title, o.PublishedAt, o.Sentiment, o.Category, o.Industry, o.EnterpriseId,
        o.EnterpriseName, o.DistrictCode, o.Major, o.Handling);

    public static readonly (string Key, string[] Names, bool Required)[] Columns =
    [
        ("source", ["来源", "source"], true),
        ("title", ["标题", "title"], true),
        ("publishedAt", ["时间", "发布时间", "publishedAt", "time"], true),
        ("sentiment", ["倾向", "情感倾向", "sentiment"], true),
        ("category", ["类别", "category"], true),
        ("industry", ["行业", "industry"], false),
        ("enterprise", ["企业", "企业名称或信用代码", "enterprise"], false),
        ("district", ["区", "区划代码", "district"], false),
        ("major", ["重大", "major"], false),
        ("handling", ["处置情况", "handling"], false),
    ];

    public const string TemplateCsv = "来源,标题,时间,倾向,类别,行业,企业,区划代码,重大,处置情况\r\n" +
                                      "微博,某物流公司拖欠快递员工资,2020-06-01 09:30,负面,欠薪,交通运输业,,110101,否,\r\n";

    public async Task<Outcome<OpinionItem>> RecordAsync(OpinionInput input, CancellationToken ct)
    {
        var errors = new List<(string Field, string Code)>();
        var source = input.Source?.Trim() ?? "";
        var title = input.Title?.Trim() ?? "";
        if (source.Length is 0 or > 100) errors.Add(("source", source.Length == 0 ? "required" : "too-long"));
        if (title.Length is 0 or > 300) errors.Add(("title", title.Length == 0 ? "required" : "too-long"));
        if (input.PublishedAt is null) errors.Add(("publishedAt", "required"));
        else if (BeijingTime.FromLocal(input.PublishedAt.Value) > scope.Now) errors.Add(("publishedAt", "date.future"));
        if (input.Sentiment is not { } sentiment || !Enum.IsDefined(sentiment)) errors.Add(("sentiment", "required"));
        var category = OpinionRules.Category(input.Category);
        if (category is null) errors.Add(("category", "opinion.category"));
        if (input.Industry?.Length > 100) errors.Add(("industry", "too-long"));
        if (input.Handling?.Length > 1000) errors.Add(("handling", "too-long"));
        EnterpriseHome? e = null;
        if (input.EnterpriseId is { } eid && (e = await scope.VisibleEnterpriseAsync(eid, ct)) is null) errors.Add(("enterpriseId", "enterprise.unknown"));
        var district = e?.DistrictCode ?? input.DistrictCode?.Trim();
        if (string.IsNullOrEmpty(district) || BeijingDistricts.All.All(d => d.Code != district)) errors.Add(("districtCode", "district.unknown"));
        if (errors.Count > 0) return Outcome<OpinionItem>.Invalid(errors);
        var path = e?.ScopePath ?? (await scope.DistrictUnionAsync(district!, ct)).Path;
        if (!ScopeFilter.Covers(await scope.ScopeAsync(ct), path) && e is null) return Outcome<OpinionItem>.Invalid("districtCode", "district.outOfScope");
        var local = input.PublishedAt!.Value;
        var item = Item(source, title, local, input.Sentiment!.Value, category!, SignalHandlers.Trim(input.Industry), e, district!, path, input.Major ?? false,
            SignalHandlers.Trim(input.Handling));
        if (await db.Set<OpinionItem>().AnyAsync(o => o.DedupKey == item.DedupKey, ct)) return Outcome<OpinionItem>.Conflict("opinion.duplicate");
        db.Add(item);
        if (SignalOf(item) is { } s) db.Add(s);
        await db.SaveChangesAsync(ct);
        return Outcome<OpinionItem>.Ok(item);
    }

    private OpinionItem Item(string source, string title, DateTime local, Sentiment sentiment, string category, string? industry, EnterpriseHome? e, string district,
        string path, bool major, string? handling)
    {
        var at = BeijingTime.FromLocal(local).ToUniversalTime();
        return OpinionItem.Of(Guid.CreateVersion7(), source, title, at, DateOnly.FromDateTime(local), sentiment, category, industry, e?.Id, e?.Name, district, path, major,
            handling, OpinionRules.DedupKey(source, title, local), scope.Now, scope.Me.Name);
    }

    private RiskSignal? SignalOf(OpinionItem o) => o.Sentiment == Sentiment.Negative && o.EnterpriseId is { } eid
        ? RiskSignal.Of(Guid.CreateVersion7(), eid, o.EnterpriseName ?? "", SignalKind.Opinion, o.PublishedOn, o.Major ? 2 : 1, SignalHandlers.SourceOpinion,
            o.Id.ToString(), o.Title.Length > 100 ? o.Title[..100] : o.Title, o.ScopePath, o.DistrictCode, scope.Now, scope.Me.Name)
        : null;

    /// <summary>Items in scope published in [from, to), newest first (at most <paramref name="limit"/>).</summary>
    public async Task<IReadOnlyList<OpinionItem>> ListAsync(DateOnly from, DateOnly to, Sentiment? sentiment, int limit, CancellationToken ct)
    {
        var q = db.Set<OpinionItem>().AsNoTracking().InScope(await scope.ScopeAsync(ct), o => o.ScopePath).Where(o => o.PublishedOn >= from && o.PublishedOn < to);
        if (sentiment is { } s) q = q.Where(o => o.Sentiment == s);
        return await q.OrderByDescending(o => o.PublishedAt).ThenByDescending(o => o.Id).Take(Math.Clamp(limit, 1, 500)).ToListAsync(ct);
    }

    public async Task<Outcome<OpinionItem>> RecordHandlingAsync(Guid id, string? handling, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(handling) || handling.Length > 1000) return Outcome<OpinionItem>.Invalid("handling", string.IsNullOrWhiteSpace(handling) ? "required" : "too-long");
        var o = await db.Set<OpinionItem>().InScope(await scope.ScopeAsync(ct), x => x.ScopePath).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (o is null) return Outcome<OpinionItem>.NotFound();
        o.RecordHandling(handling.Trim());
        await db.SaveChangesAsync(ct);
        return Outcome<OpinionItem>.Ok(o);
    }

    /// <summary>A row of an import, whatever the file: its position (line number), its fields by column key, and the column's name in the file.</summary>
    private sealed record ImportRow(int Number, Func<string, string?> Get, Func<string, string> Column);

    /// <summary>True for the file names read as an RSS 2.0 feed rather than a spreadsheet.</summary>
    public static bool IsFeed(string fileName) =>
        fileName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".rss", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads every row (a CSV/XLSX line, or an RSS 2.0 &lt;item&gt;), checks it, and writes all good rows in one SaveChanges, or none when any row
    /// is bad and <paramref name="skipBadRows"/> is false. <paramref name="defaultDistrict"/> is the district of feed items that name neither
    /// an enterprise nor a district.
    /// </summary>
    public async Task<OpinionImportResult> ImportAsync(Stream stream, string fileName, bool skipBadRows, CancellationToken ct, string? defaultDistrict = null)
    {
        if (IsFeed(fileName))
        {
            var feed = RssFeed.Read(stream);
            if (feed.Error is not null) return new(0, [new RowError(feed.ErrorLine ?? 1, "", feed.Error)], true);
            if (feed.Items.Count == 0) return new(0, [new RowError(1, "item", "rss.noItems")], true);
            var fallback = string.IsNullOrWhiteSpace(defaultDistrict) ? null : defaultDistrict.Trim();
            return await ImportRowsAsync(feed.Items.Select(i => new ImportRow(i.Line,
                k => i.Get(k) is { Length: > 0 } v ? v : k == "district" && i.Get("enterprise") is not { Length: > 0 } ? fallback : null, i.ElementOf)), skipBadRows, ct);
        }
        var errors = new List<RowError>();
        using var file = TabularFile.Open(stream, fileName);
        var map = new ColumnMap(file.Headers, Columns, errors);
        if (errors.Count > 0) return new(0, errors, true);
        return await ImportRowsAsync(file.Rows().Select(row => new ImportRow(row.RowNumber, k => map.Get(row, k), map.HeaderOf)), skipBadRows, ct);
    }

    private async Task<OpinionImportResult> ImportRowsAsync(IEnumerable<ImportRow> rows, bool skipBadRows, CancellationToken ct)
    {
        var errors = new List<RowError>();
        var myScope = await scope.ScopeAsync(ct);
        var items = new List<(int Row, OpinionItem Item, string TitleColumn)>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var firmCache = new Dictionary<string, EnterpriseHome?>(StringComparer.Ordinal);
        var rowErrors = new List<RowError>();
        foreach (var row in rows)
        {
            if (items.Count + errors.Count >= MaxRows) { errors.Add(new(row.Number, "", "import.tooManyRows")); break; }
            rowErrors.Clear();
            var r = row.Number;
            var Col = row.Column;
            var source = row.Get("source") ?? "";
            var title = row.Get("title") ?? "";
            if (source.Length is 0 or > 100) rowErrors.Add(new(r, Col("source"), source.Length == 0 ? "required" : "too-long"));
            if (title.Length is 0 or > 300) rowErrors.Add(new(r, Col("title"), title.Length == 0 ? "required" : "too-long"));
            var local = OpinionRules.LocalTime(row.Get("publishedAt"));
            if (local is null) rowErrors.Add(new(r, Col("publishedAt"), "opinion.time"));
            else if (BeijingTime.FromLocal(local.Value) > scope.Now) rowErrors.Add(new(r, Col("publishedAt"), "date.future"));
            var sentimentText = OpinionRules.Sentiment(row.Get("sentiment"));
            if (sentimentText is null) rowErrors.Add(new(r, Col("sentiment"), "opinion.sentiment"));
            var category = OpinionRules.Category(row.Get("category"));
            if (category is null) rowErrors.Add(new(r, Col("category"), "opinion.category"));
            var major = OpinionRules.YesNo(row.Get("major"));
            if (major is null) rowErrors.Add(new(r, Col("major"), "import.yesNo"));
            var industry = row.Get("industry");
            if (industry?.Length > 100) rowErrors.Add(new(r, Col("industry"), "too-long"));
            var handling = row.Get("handling");
            if (handling?.Length > 1000) rowErrors.Add(new(r, Col("handling"), "too-long"));
            EnterpriseHome? e = null;
            if (row.Get("enterprise") is { Length: > 0 } firm)
            {
                if (!firmCache.TryGetValue(firm, out e)) firmCache[firm] = e = await FindEnterpriseAsync(firm, ct);
                if (e is null) rowErrors.Add(new(r, Col("enterprise"), "enterprise.unknown"));
            }
            var district = e?.DistrictCode ?? row.Get("district");
            if (e is null && (string.IsNullOrEmpty(district) || BeijingDistricts.All.All(d => d.Code != district))) rowErrors.Add(new(r, Col("district"), "district.unknown"));
            string? path = null;
            if (rowErrors.Count == 0)
            {
                path = e?.ScopePath ?? (await scope.DistrictUnionAsync(district!, ct)).Path;
                if (!ScopeFilter.Covers(myScope, path) && !(e is not null && ScopeFilter.Covers(myScope, e.UnionPath))) rowErrors.Add(new(r, Col(e is null ? "district" : "enterprise"), "district.outOfScope"));
            }
            if (rowErrors.Count > 0) { errors.AddRange(rowErrors); continue; }
            var item = Item(source, title, local!.Value, Enum.Parse<Sentiment>(sentimentText!), category!, industry, e, district!, path!, major!.Value,
                string.IsNullOrWhiteSpace(handling) ? null : handling);
            if (!keys.Add(item.DedupKey)) { errors.Add(new(r, Col("title"), "import.duplicateInFile")); continue; }
            items.Add((r, item, Col("title")));
        }
        // Items imported before (the same source, title and minute) are duplicates, never written twice.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in items.Select(x => x.Item.DedupKey).Chunk(500))
            seen.UnionWith(await db.Set<OpinionItem>().AsNoTracking().Where(o => chunk.Contains(o.DedupKey)).Select(o => o.DedupKey).ToListAsync(ct));
        var fresh = new List<OpinionItem>();
        foreach (var (r, item, titleColumn) in items)
        {
            if (seen.Contains(item.DedupKey)) errors.Add(new(r, titleColumn, "import.duplicate"));
            else fresh.Add(item);
        }
        errors.Sort((a, b) => a.Row.CompareTo(b.Row));
        if (errors.Count > 0 && !skipBadRows) return new(0, errors, true);
        foreach (var item in fresh)
        {
            db.Add(item);
            if (SignalOf(item) is { } s) db.Add(s);
        }
        if (fresh.Count > 0) await db.SaveChangesAsync(ct);
        return new(fresh.Count, errors, false);
    }

    /// <summary>An enterprise by its unified social credit code (18 characters) or its exact registered name.</summary>
    private async Task<EnterpriseHome?> FindEnterpriseAsync(string text, CancellationToken ct)
    {
        var t = text.Trim();
        var id = await db.EnterpriseRows().Where(e => e.CreditCode == t.ToUpperInvariant() || e.Name == t).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
        return id is { } v ? await scope.EnterpriseAsync(v, ct) : null;
    }
}
