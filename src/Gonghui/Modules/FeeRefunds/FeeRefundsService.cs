using Gonghui.Modules.FeeRefunds.Rules;
using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Money;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;

namespace Gonghui.Modules.FeeRefunds;

/// <summary>One refund's outcome in a batch; <see cref="Code"/> is the stable error code (e.g. payment.secondApproverRequired), <see cref="Message"/> its text.</summary>
public sealed record BatchItemResult(Guid Id, string Outcome, string? Message, string? Code = null);

/// <summary>Fee records, refund computation, batch approval and payment through the fund ledger; scoped by the firm's district.</summary>
internal sealed class FeeRefundsService(GonghuiDb db, CurrentUser me, IFundLedger ledger, TimeProvider clock, IConfiguration config)
{
    public const string SourceType = "UnionFeeRefund";

    /// <summary>The unit whose fee-refund fund pays a firm: the district union of its grassroots union, else of its registered district, else the federation.</summary>
    public async Task<UnitRow> FundingUnitAsync(EnterpriseRow e, CancellationToken ct)
    {
        if (e.GrassrootsUnionId is { } u)
        {
            var path = await db.UnitRows().Where(x => x.Id == u).Select(x => x.Path).FirstOrDefaultAsync(ct);
            if (path is not null)
            {
                var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
                var top = "/" + string.Join("/", parts.Take(Math.Min(2, parts.Length))) + "/";
                var unit = await db.UnitRows().FirstOrDefaultAsync(x => x.Path == top, ct);
                if (unit is not null) return unit;
            }
        }
        return await db.UnitRows().Where(x => x.Depth == 1 && x.DistrictCode == e.DistrictCode).FirstOrDefaultAsync(ct)
               ?? await db.UnitRows().FirstAsync(x => x.Depth == 0, ct);
    }

    public async Task<IQueryable<UnionFeeRefund>> RefundsInScopeAsync(CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var units = db.UnitRows().InScope(scope, u => u.Path).Select(u => u.Id);
        return db.Set<UnionFeeRefund>().Where(r => units.Contains(r.FundingUnitId));
    }

    public async Task<bool> EnterpriseInScopeAsync(EnterpriseRow e, CancellationToken ct) => await me.CoversAsync((await FundingUnitAsync(e, ct)).Path, ct);

    /// <summary>A firm with its fee records and refunds, oldest year first; null when unknown or its funding unit is outside the caller's subtree.</summary>
    public async Task<(EnterpriseRow Firm, List<FeeRecord> Fees, List<UnionFeeRefund> Refunds)?> FirmAsync(Guid enterpriseId, CancellationToken ct)
    {
        var e = await db.EnterpriseRows().FirstOrDefaultAsync(x => x.Id == enterpriseId, ct);
        if (e is null || !await EnterpriseInScopeAsync(e, ct)) return null;
        var fees = await db.Set<FeeRecord>().AsNoTracking().Where(f => f.EnterpriseId == e.Id).OrderBy(f => f.Year).ToListAsync(ct);
        var refunds = await db.Set<UnionFeeRefund>().AsNoTracking().Where(r => r.EnterpriseId == e.Id).OrderBy(r => r.Year).ToListAsync(ct);
        return (e, fees, refunds);
    }

    /// <summary>The units that fund refunds within the caller's subtree (federation and districts), for the batch page's filter.</summary>
    public async Task<List<UnitRow>> FundingUnitsInScopeAsync(CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        return await db.UnitRows().InScope(scope, u => u.Path).Where(u => u.Depth <= 1 && u.Kind != OrgUnitKind.ServiceUnit)
            .OrderBy(u => u.Depth).ThenBy(u => u.Path).ToListAsync(ct);
    }

    /// <summary>Whether a refund policy exists.</summary>
    public Task<bool> PolicyExistsAsync(Guid id, CancellationToken ct) => db.Set<RefundPolicy>().AnyAsync(p => p.Id == id, ct);

    /// <summary>Adds or corrects a fee record; refunds already approved are not touched.</summary>
    public async Task<string?> RecordFeeAsync(string creditCode, int year, long payrollFen, long? feeFen, SizeClass? size, CancellationToken ct)
    {
        var e = await db.EnterpriseRows().FirstOrDefaultAsync(x => x.CreditCode == creditCode, ct);
        if (e is null || !await EnterpriseInScopeAsync(e, ct)) return "fee.creditCode";
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
            if (!firms.TryGetValue(r.Code, out var e) || !await EnterpriseInScopeAsync(e, ct)) { errors.Add(new(r.Row, "统一社会信用代码", "fee.creditCode")); continue; }
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

    /// <summary>Computes (or recomputes, until approved) the refund due for every fee record in scope within the policy's years.</summary>
    public async Task<(int Due, int Ineligible)> ComputeAsync(Guid policyId, CancellationToken ct)
    {
        var policy = await db.Set<RefundPolicy>().AsNoTracking().FirstAsync(p => p.Id == policyId, ct);
        var rules = policy.Rules();
        // Fee years around the policy are computed too, so a firm's page explains why a year is not refunded.
        var fees = await db.Set<FeeRecord>().AsNoTracking().Where(f => f.Year >= policy.FromYear - 1 && f.Year <= policy.ToYear + 1).ToListAsync(ct);
        var firmIds = fees.Select(f => f.EnterpriseId).Distinct().ToList();
        var firms = new Dictionary<Guid, EnterpriseRow>();
        foreach (var chunk in firmIds.Chunk(500))
            foreach (var e in await db.EnterpriseRows().Where(e => chunk.Contains(e.Id)).ToListAsync(ct)) firms[e.Id] = e;
        var existing = (await db.Set<UnionFeeRefund>().Where(r => r.PolicyId == policyId).ToListAsync(ct)).ToDictionary(r => (r.EnterpriseId, r.Year));
        var now = clock.GetUtcNow();
        int due = 0, ineligible = 0;
        var funding = new Dictionary<Guid, UnitRow>();
        foreach (var f in fees)
        {
            if (!firms.TryGetValue(f.EnterpriseId, out var e)) continue;
            if (!funding.TryGetValue(e.Id, out var unit)) funding[e.Id] = unit = await FundingUnitAsync(e, ct);
            if (!await me.CoversAsync(unit.Path, ct)) continue;
            var d = RefundRules.Compute(rules, f.Year, f.FeeFen, f.SizeClass, e.SizeClass);
            if (existing.TryGetValue((e.Id, f.Year), out var r))
            {
                if (r.Status is RefundStatus.Approved or RefundStatus.Paid) continue;
                r.Recompute(d, f.FeeFen, now);
            }
            else db.Add(UnionFeeRefund.Create(policyId, e.Id, e.Name, unit.Id, d, f.FeeFen, now));
            if (d.Eligible) due++; else ineligible++;
        }
        await db.SaveChangesAsync(ct);
        return (due, ineligible);
    }

    public async Task<List<BatchItemResult>> ApproveAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var results = new List<BatchItemResult>();
        foreach (var id in ids.Distinct())
        {
            var r = await (await RefundsInScopeAsync(ct)).FirstOrDefaultAsync(x => x.Id == id, ct);
            if (r is null) { results.Add(new(id, "NotFound", "refund.notFound")); continue; }
            if (r.Status is RefundStatus.Approved or RefundStatus.Paid) { results.Add(new(id, "AlreadyDone", "refund.already")); continue; }
            if (r.Status != RefundStatus.Due) { results.Add(new(id, "Conflict", "refund.notDue")); continue; }
            var l = await ledger.CommitAsync(FundCodes.FeeRefund, r.FundingUnitId, r.Year, new Fen(r.AmountFen), new SourceRef(SourceType, r.Id), $"fee-refund:commit:{r.Id}", ct);
            if (!l.IsOk) { results.Add(new(id, "Conflict", l.Code == LedgerCodes.InsufficientBudget ? "refund.insufficientBudget" : "refund.ledgerRefused")); continue; }
            r.Approve(l.Value, me.Name, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            results.Add(new(id, "Done", null));
        }
        return results;
    }

    public async Task<List<BatchItemResult>> PayAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var results = new List<BatchItemResult>();
        foreach (var id in ids.Distinct())
        {
            var r = await (await RefundsInScopeAsync(ct)).FirstOrDefaultAsync(x => x.Id == id, ct);
            if (r is null) { results.Add(new(id, "NotFound", "refund.notFound")); continue; }
            if (r.Status == RefundStatus.Paid) { results.Add(new(id, "AlreadyDone", "refund.already")); continue; }
            if (r.Status != RefundStatus.Approved) { results.Add(new(id, "Conflict", "refund.notApproved")); continue; }
            // Four-eyes: above the threshold the person who approved the refund may not also pay it.
            if (!FourEyes.Allows(r.AmountFen, FourEyes.ThresholdFen(config), r.ApprovedBy, me.Name)) { results.Add(new(id, "Conflict", FourEyes.Code)); continue; }
            var l = await ledger.PayAsync(FundCodes.FeeRefund, r.FundingUnitId, r.Year, new Fen(r.AmountFen), new SourceRef(SourceType, r.Id), $"fee-refund:pay:{r.Id}", ct);
            if (!l.IsOk) { results.Add(new(id, "Conflict", l.Code == LedgerCodes.InsufficientBudget ? "refund.insufficientBudget" : "refund.ledgerRefused")); continue; }
            r.MarkPaid(l.Value, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            results.Add(new(id, "Done", null));
        }
        return results;
    }

    /// <summary>Approves or pays a batch; with a key, a retry returns the remembered answer (null results: the key was used for the other action).</summary>
    public async Task<(List<BatchItemResult>? Results, bool Replayed)> BatchAsync(string action, IReadOnlyCollection<Guid> ids, string? key, CancellationToken ct)
    {
        if (key is not null && await db.Set<FeeRefundBatchKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Key == key, ct) is { } seen)
            return seen.Action == action ? (System.Text.Json.JsonSerializer.Deserialize<List<BatchItemResult>>(seen.ResultJson, UnionFeeRefund.JsonOptions), true) : (null, false);
        var results = action == "approve" ? await ApproveAsync(ids, ct) : await PayAsync(ids, ct);
        if (key is null) return (results, false);
        db.Add(FeeRefundBatchKey.Of(key, action, System.Text.Json.JsonSerializer.Serialize(results, UnionFeeRefund.JsonOptions), clock.GetUtcNow()));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); } // a simultaneous retry stored it first; every item was idempotent anyway
        return (results, false);
    }
}
