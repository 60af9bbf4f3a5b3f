using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gonghui.Modules.Funds;
using Gonghui.Modules.MutualAid.Plans;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Money;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.MutualAid.Claims;

/// <summary>One parsed row of a claims spreadsheet.</summary>
public sealed record ClaimRow(int Row, string IdNumber, string? Name, DateOnly AdmittedOn, string Hospital, string? Diagnosis, Bill Bill);

/// <summary>The columns of a claims spreadsheet (中文 or English headers) and the pure per-row parse.</summary>
public static class ClaimRowParser
{
    public static readonly (string Key, string[] Names, bool Required)[] Columns =
    [
        ("idNumber", ["身份证号", "身份证号码", "idNumber", "ID number"], true),
        ("name", ["姓名", "name"], false),
        ("admittedOn", ["入院日期", "就诊日期", "admittedOn"], true),
        ("hospital", ["医院", "医疗机构", "hospital"], true),
        ("diagnosis", ["诊断", "diagnosis"], false),
        ("total", ["医疗总费用", "总费用", "total"], true),
        ("insuranceCovered", ["医保统筹支付", "医保支付", "insuranceCovered"], true),
        ("selfPaid", ["个人自付", "selfPaid"], true),
    ];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy/MM/dd", "yyyyMMdd", "yyyy-M-d", "yyyy.M.d"];

    public static ClaimRow? Parse(TabularRow row, ColumnMap map, List<RowError> errors)
    {
        var before = errors.Count;
        var id = map.Get(row, "idNumber") ?? "";
        if (!ResidentId.TryParse(id, out var info, out _)) errors.Add(new(row.RowNumber, "身份证号", "claim.idNumber"));
        DateOnly admitted = default;
        var dateText = map.Get(row, "admittedOn") ?? "";
        if (!DateOnly.TryParseExact(dateText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out admitted)
            && !(DateTime.TryParse(dateText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt) && (admitted = DateOnly.FromDateTime(dt)) != default))
            errors.Add(new(row.RowNumber, "入院日期", "claim.date"));
        var hospital = map.Get(row, "hospital") ?? "";
        if (hospital.Length is 0 or > 200) errors.Add(new(row.RowNumber, "医院", "claim.hospitalRequired"));
        Fen total = default, insured = default, self = default;
        if (!Fen.TryParseYuan(map.Get(row, "total"), out total)) errors.Add(new(row.RowNumber, "医疗总费用", "claim.amount"));
        if (!Fen.TryParseYuan(map.Get(row, "insuranceCovered"), out insured)) errors.Add(new(row.RowNumber, "医保统筹支付", "claim.amount"));
        if (!Fen.TryParseYuan(map.Get(row, "selfPaid"), out self)) errors.Add(new(row.RowNumber, "个人自付", "claim.amount"));
        if (errors.Count > before) return null;
        var bill = new Bill(total.Value, insured.Value, self.Value);
        if (PayoutRules.ValidateBill(bill) is { } e) { errors.Add(new(row.RowNumber, "医疗总费用", e)); return null; }
        var diagnosis = map.Get(row, "diagnosis");
        return new ClaimRow(row.RowNumber, info.Number, map.Get(row, "name"), admitted, hospital, string.IsNullOrWhiteSpace(diagnosis) ? null : diagnosis[..Math.Min(200, diagnosis.Length)], bill);
    }

    /// <summary>A stable key per (plan, member, admission, hospital, bill) so a file imported twice is refused row by row.</summary>
    public static string ImportRef(Guid planId, string idHash, ClaimRow r)
    {
        var text = $"{planId:N}|{idHash}|{r.AdmittedOn:yyyyMMdd}|{r.Hospital}|{r.Bill.TotalFen}|{r.Bill.SelfPaidFen}";
        return "imp:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
    }
}

public sealed record ImportErrorDto(int Row, string Column, string Reason);
public sealed record ClaimImportResultDto(int Imported, bool Rejected, int ErrorCount, IReadOnlyList<ImportErrorDto> Errors);

/// <summary>Bulk claim intake from a hospital's or unit's spreadsheet: every row checked; nothing written from a file with errors unless asked to skip them.</summary>
internal sealed class ClaimImporter(GonghuiDb db, CurrentUser me, MutualAidService svc, PersonalDataProtector protector, TimeProvider clock)
{
    public async Task<(int Imported, List<RowError> Errors)> ImportAsync(Guid planId, Stream stream, string fileName, bool skipBadRows, CancellationToken ct)
    {
        var errors = new List<RowError>();
        var plan = await db.Set<MutualAidPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null) { errors.Add(new(0, "planId", "claim.planUnknown")); return (0, errors); }
        using var file = TabularFile.Open(stream, fileName);
        var map = new ColumnMap(file.Headers, ClaimRowParser.Columns, errors);
        if (errors.Count > 0) return (0, errors);
        var rows = new List<ClaimRow>();
        foreach (var row in file.Rows())
        {
            if (ClaimRowParser.Parse(row, map, errors) is { } r) rows.Add(r);
            if (rows.Count + errors.Count > 50_000) { errors.Add(new(row.RowNumber, "", "import.tooManyRows")); break; }
        }

        var units = svc.UnitsInScope(await me.ScopePathAsync(ct)).Select(u => u.Id);
        var hashes = rows.Select(r => protector.Hash(r.IdNumber)).ToArray();
        var members = new Dictionary<string, (Guid Id, string Name, Guid UnionId)>();
        foreach (var chunk in hashes.Distinct().Chunk(500))
        {
            var found = await db.Set<Member>().AsNoTracking().Where(m => chunk.Contains(m.IdNumberHash) && units.Contains(m.UnionId))
                .Select(m => new { m.Id, m.Name, m.UnionId, m.IdNumberHash }).ToListAsync(ct);
            foreach (var m in found) members[m.IdNumberHash] = (m.Id, m.Name, m.UnionId);
        }
        var memberIds = members.Values.Select(m => m.Id).ToList();
        var enrolments = new Dictionary<Guid, DateOnly>();
        var granted = new Dictionary<Guid, long>();
        foreach (var chunk in memberIds.Chunk(500))
        {
            foreach (var e in await db.Set<MutualAidEnrolment>().AsNoTracking().Where(e => e.PlanId == planId && chunk.Contains(e.MemberId)).Select(e => new { e.MemberId, e.CoverStart }).ToListAsync(ct))
                enrolments[e.MemberId] = e.CoverStart;
            foreach (var g in await db.Set<MutualAidClaim>().Where(c => c.PlanId == planId && chunk.Contains(c.MemberId) && (c.Status == ClaimStatus.Approved || c.Status == ClaimStatus.Paid))
                         .GroupBy(c => c.MemberId).Select(g => new { g.Key, Sum = g.Sum(c => c.PayoutFen) }).ToListAsync(ct))
                granted[g.Key] = g.Sum;
        }
        var refs = rows.Select((r, i) => ClaimRowParser.ImportRef(planId, hashes[i], r)).ToList();
        var existing = new HashSet<string>();
        foreach (var chunk in refs.Chunk(500))
            existing.UnionWith(await db.Set<MutualAidClaim>().Where(c => c.ImportRef != null && chunk.Contains(c.ImportRef)).Select(c => c.ImportRef!).ToListAsync(ct));

        var rules = plan.Rules();
        var today = svc.Today;
        var now = clock.GetUtcNow();
        var funding = new Dictionary<Guid, Guid>();
        var claims = new List<MutualAidClaim>();
        var seen = new HashSet<string>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            if (!members.TryGetValue(hashes[i], out var m)) { errors.Add(new(r.Row, "身份证号", "claim.memberUnknown")); continue; }
            if (!enrolments.TryGetValue(m.Id, out var coverStart)) { errors.Add(new(r.Row, "身份证号", "claim.notEnrolled")); continue; }
            if (r.AdmittedOn > today) { errors.Add(new(r.Row, "入院日期", "claim.admittedOnFuture")); continue; }
            if (EnrolmentRules.CanClaim(plan.Year, coverStart, r.AdmittedOn) is { } dateError) { errors.Add(new(r.Row, "入院日期", dateError)); continue; }
            if (existing.Contains(refs[i]) || !seen.Add(refs[i])) { errors.Add(new(r.Row, "", "claim.duplicate")); continue; }
            // The preview counts earlier rows of the same file towards the member's yearly cap; approval recomputes anyway.
            var payout = PayoutRules.Compute(rules, r.Bill, granted.GetValueOrDefault(m.Id));
            granted[m.Id] = granted.GetValueOrDefault(m.Id) + payout.AmountFen;
            if (!funding.TryGetValue(m.UnionId, out var fu)) funding[m.UnionId] = fu = await svc.FundingUnitAsync(m.UnionId, ct);
            claims.Add(MutualAidClaim.File(plan.Id, plan.Year, m.Id, m.Name, m.UnionId, fu, r.AdmittedOn, r.Hospital, r.Diagnosis, r.Bill, payout, now, me.Name, refs[i]));
        }
        if (errors.Count > 0 && !skipBadRows) return (0, errors);
        db.AddRange(claims);
        await db.SaveChangesAsync(ct);
        return (claims.Count, errors);
    }
}

internal static class ClaimImportEndpoint
{
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
        await using var s = new MemoryStream();
        await file!.CopyToAsync(s, ct);
        s.Position = 0;
        var (n, rowErrors) = await importer.ImportAsync(planId, s, file.FileName, skip, ct);
        var dto = new ClaimImportResultDto(n, rowErrors.Count > 0 && !skip, rowErrors.Count,
            rowErrors.Take(1000).Select(e => new ImportErrorDto(e.Row, e.Column, t[e.Reason].ResourceNotFound ? e.Reason : t[e.Reason])).ToList());
        return dto.Rejected ? TypedResults.UnprocessableEntity(dto) : TypedResults.Ok(dto);
    }
}
