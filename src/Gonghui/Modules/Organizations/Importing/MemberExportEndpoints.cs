using System.Globalization;
using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniExcel = MiniExcelLibs.MiniExcel;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Modules.Organizations.Importing;

/// <summary>Exports the caller's members (scope-limited, ID and phone masked) as XLSX or CSV, streamed and audited.</summary>
internal static class MemberExportEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/members/export", Export).RequireAuthorization(Permissions.MembersImport).WithTags("Members");

    private sealed record Row(string Name, string IdMasked, Sex Sex, DateOnly BirthDate, string? PhoneMasked, EmploymentType EmploymentType,
        string UnionCode, string UnionName, string? CreditCode, string? EnterpriseName, DateOnly JoinedOn, string? CardNumber, MemberStatus Status);

    internal static async Task<Results<FileStreamHttpResult, PushStreamHttpResult, ValidationProblem, NotFound>> Export(
        GonghuiDb db, CurrentUser me, PersonalDataProtector protector, ImportLocalizer t, TimeProvider clock,
        Shared.RegistryScope registry, string? format, string? q, Guid? unionId, Guid? enterpriseId, string? employmentType, string? status, CancellationToken ct)
    {
        var fmt = (format ?? "xlsx").ToLowerInvariant();
        var errors = new Dictionary<string, string[]>();
        if (fmt is not ("xlsx" or "csv")) errors["format"] = [t["Export.Format"]];
        EmploymentType? type = null;
        if (!string.IsNullOrWhiteSpace(employmentType))
        {
            if (MemberRules.TryParseEmploymentType(employmentType, out var et)) type = et;
            else errors["employmentType"] = [t["member.employmentType.invalid"]];
        }
        MemberStatus? st = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<MemberStatus>(status, true, out var s) && Enum.IsDefined(s)) st = s;
            else errors["status"] = [t["Export.Filter"]];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var scope = await me.ScopePathAsync(ct);
        var unitPath = scope;
        if (unionId is { } uid)
        {
            var path = await db.Set<OrgUnit>().Where(u => u.Id == uid).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (!ScopeFilter.Covers(scope, path)) return TypedResults.NotFound();
            unitPath = path;
        }

        // The member list's own filters, so the export always matches what the list shows; unionId here takes the subtree.
        var members = Members.MemberEndpoints.Filter(await registry.MembersAsync(ct), protector, q, null, enterpriseId, type, st);
        var query =
            from m in members
            join u in db.Set<OrgUnit>().InScope(unitPath, u => u.Path) on m.UnionId equals u.Id
            from e in db.Set<Enterprise>().Where(e => e.Id == m.EnterpriseId).DefaultIfEmpty()
            orderby u.Code, m.Name, m.Id
            select new Row(m.Name, m.IdNumberMasked, m.Sex, m.BirthDate, m.PhoneMasked, m.EmploymentType, u.Code, u.Name,
                e == null ? null : e.CreditCode, e == null ? null : e.Name, m.JoinedOn, m.CardNumber, m.Status);

        var count = await query.CountAsync(ct);
        await db.SaveChangesWithAuditAsync(
        [
            AuditTrail.Custom(me.Name, "export", "MemberExport", fmt, null,
                new { format = fmt, q, unionId, employmentType = type?.ToString(), status = st?.ToString(), scope, count }, clock.GetUtcNow()),
        ], ct);

        string[] headers =
        [
            t["Export.Name"], t["Export.IdNumber"], t["Export.Sex"], t["Export.BirthDate"], t["Export.Phone"], t["Export.EmploymentType"],
            t["Export.UnionCode"], t["Export.UnionName"], t["Export.CreditCode"], t["Export.Enterprise"], t["Export.JoinedOn"],
            t["Export.CardNumber"], t["Export.Status"],
        ];
        // Enum and date texts are looked up once, not per row.
        var sexes = Enum.GetValues<Sex>().ToDictionary(v => v, v => t["Sex." + v]);
        var types = Enum.GetValues<EmploymentType>().ToDictionary(v => v, v => t["EmploymentType." + v]);
        var statuses = Enum.GetValues<MemberStatus>().ToDictionary(v => v, v => t["MemberStatus." + v]);
        string?[] Cells(Row r) =>
        [
            r.Name, r.IdMasked, sexes[r.Sex], Date(r.BirthDate), r.PhoneMasked, types[r.EmploymentType], r.UnionCode, r.UnionName,
            r.CreditCode, r.EnterpriseName, Date(r.JoinedOn), r.CardNumber, statuses[r.Status],
        ];

        var stamp = BeijingTime.Now(clock).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        if (fmt == "csv")
        {
            return TypedResults.Stream(
                body => Csv.WriteAsync(body, headers, query.AsAsyncEnumerable().Select(Cells), ct),
                "text/csv; charset=utf-8", $"members-{stamp}.csv");
        }

        // MiniExcel writes a workbook row by row; a temporary file (deleted on close) keeps memory flat and the response seekable.
        var tmp = Path.Combine(Path.GetTempPath(), $"gonghui-export-{Guid.NewGuid():N}.xlsx");
        try
        {
            await Task.Run(() => MiniExcel.SaveAs(tmp, query.AsEnumerable().Select(r =>
            {
                var cells = Cells(r);
                var d = new Dictionary<string, object?>(headers.Length);
                for (var i = 0; i < headers.Length; i++) d[headers[i]] = cells[i];
                return d;
            })), ct);
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
        var stream = new FileStream(tmp, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        return TypedResults.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"members-{stamp}.xlsx");
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
