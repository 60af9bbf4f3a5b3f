using Gonghui.Modules.FeeRefunds.Rules;
using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Money;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;

namespace Gonghui.Modules.FeeRefunds.Refunds;

/// <summary>Fee records (会费缴纳记录): one added or corrected, or the fee-collection spreadsheet imported; refunds already approved are not touched.</summary>
internal sealed class FeeRecords(GonghuiDb db, RefundScope scope)
{
    /// <summary>Adds or corrects a fee record; refunds already approved are not touched.</summary>
    public async Task<string?> RecordFeeAsync(string creditCode, int year, long payrollFen, long? feeFen, SizeClass? size, CancellationToken ct)
    {
        var e = await db.EnterpriseRows().FirstOrDefaultAsync(x => x.CreditCode == creditCode, ct);
        if (e is null || !await scope.EnterpriseInScopeAsync(e, ct)) return "fee.creditCode";
        var existing = await db.Set<FeeRecord>().FirstOrDefaultAsync(f => f.EnterpriseId == e.Id && f.Year == year, ct);
        if (existing is null) db.Add(FeeRecord.Create(e.Id, year, payrollFen, feeFen, size));
        else existing.Correct(payrollFen, feeFen, size);
        await db.SaveChangesAsync(ct);
        return null;
    }

    public static readonly (string Key, string[] Names, bool Required)[] FeeColumns =
    [
        ("creditCode", ["统一社会信用代码", "信用代码", "creditCode"], true),
        ("year", ["年度", "year"], true),
        ("payroll", ["工资总额", "payroll"], true),
        ("fee", ["会费", "工会经费", "fee"], false),
        ("size", ["企业规模", "size"], false),
    ];

    public static bool TryParseSize(string? s, out SizeClass? size)
    {
        size = null;
        if (string.IsNullOrWhiteSpace(s)) return true;
        switch (s.Trim())
        {
            case "大型": size = SizeClass.Large; return true;
            case "中型": size = SizeClass.Medium; return true;
            case "小型": size = SizeClass.Small; return true;
            case "微型": size = SizeClass.Micro; return true;
        }
        if (Enum.TryParse<SizeClass>(s.Trim(), true, out var c) && Enum.IsDefined(c)) { size = c; return true; }
        return false;
    }

    /// <summary>Imports the fee-collection spreadsheet; nothing is written from a file with errors unless asked to skip them.</summary>
    public async Task<(int Imported, List<RowError> Errors)> ImportFeesAsync(Stream stream, string fileName, bool skipBadRows, CancellationToken ct)
    {
        var errors = new List<RowError>();
        using var file = TabularFile.Open(stream, fileName);
        var map = new ColumnMap(file.Headers, FeeColumns, errors);
        if (errors.Count > 0) return (0, errors);
        var rows = new List<(int Row, string Code, int Year, long Payroll, long? Fee, SizeClass? Size)>();
        var seen = new HashSet<(string, int)>();
        foreach (var row in file.Rows())
        {
            var before = errors.Count;
            var code = (map.Get(row, "creditCode") ?? "").ToUpperInvariant();
            if (!Platform.Ids.CreditCode.IsValid(code)) errors.Add(new(row.RowNumber, "统一社会信用代码", "fee.creditCode"));
            if (!int.TryParse(map.Get(row, "year"), out var year) || year is < 2000 or > 2100) errors.Add(new(row.RowNumber, "年度", "fee.year"));
            if (!Fen.TryParseYuan(map.Get(row, "payroll"), out var payroll) || payroll.Value < 0) errors.Add(new(row.RowNumber, "工资总额", "fee.payroll"));
            long? fee = null;
            var feeText = map.Get(row, "fee");
            if (!string.IsNullOrWhiteSpace(feeText)) { if (Fen.TryParseYuan(feeText, out var f) && f.Value >= 0) fee = f.Value; else errors.Add(new(row.RowNumber, "会费", "fee.fee")); }
            if (!TryParseSize(map.Get(row, "size"), out var size)) errors.Add(new(row.RowNumber, "企业规模", "fee.size"));
            if (errors.Count > before) continue;
            if (!seen.Add((code, year))) { errors.Add(new(row.RowNumber, "统一社会信用代码", "fee.duplicate")); continue; }
            rows.Add((row.RowNumber, code, year, payroll.Value, fee, size));
        }
        var codes = rows.Select(r => r.Code).Distinct().ToList();
        var firms = new Dictionary<string, EnterpriseRow>();
        foreach (var chunk in codes.Chunk(500))
            foreach (var e in await db.EnterpriseRows().Where(e => chunk.Contains(e.CreditCode)).ToListAsync(ct)) firms[e.CreditCode] = e;
        var good = new List<(EnterpriseRow E, int Year, long Payroll, long? Fee, SizeClass? Size)>();
        foreach (var r in rows)
        {
            if (!firms.TryGetValue(r.Code, out var e) || !await scope.EnterpriseInScopeAsync(e, ct)) { errors.Add(new(r.Row, "统一社会信用代码", "fee.creditCode")); continue; }
            good.Add((e, r.Year, r.Payroll, r.Fee, r.Size));
        }
        if (errors.Count > 0 && !skipBadRows) return (0, errors.OrderBy(e => e.Row).ToList());
        var ids = good.Select(g => g.E.Id).Distinct().ToList();
        var existing = new Dictionary<(Guid, int), FeeRecord>();
        foreach (var chunk in ids.Chunk(500))
            foreach (var f in await db.Set<FeeRecord>().Where(f => chunk.Contains(f.EnterpriseId)).ToListAsync(ct)) existing[(f.EnterpriseId, f.Year)] = f;
        foreach (var g in good)
        {
            if (existing.TryGetValue((g.E.Id, g.Year), out var f)) f.Correct(g.Payroll, g.Fee, g.Size);
            else db.Add(FeeRecord.Create(g.E.Id, g.Year, g.Payroll, g.Fee, g.Size));
        }
        await db.SaveChangesAsync(ct);
        return (good.Count, errors.OrderBy(e => e.Row).ToList());
    }
}
