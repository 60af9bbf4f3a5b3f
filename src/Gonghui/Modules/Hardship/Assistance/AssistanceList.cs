using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hardship.Assistance;

/// <summary>
/// A piece of assistance as the assistance list shows it: the file (number, worker, ID masked as every hardship list shows it, district,
/// grassroots union), what was given, when, from which fund, to which child (education grants), and its status.
/// </summary>
public sealed record AssistanceRow(Guid Id, Guid FileId, string FileNo, string WorkerName, string WorkerIdMasked, string DistrictCode, string UnitName,
    AssistanceType Type, long AmountFen, DateOnly On, string Fund, string? ChildName, AssistanceStatus Status, DateTimeOffset? PaidAt);

/// <summary>
/// The assistance list's filters: a type (<see cref="AssistanceList.Warmth"/> for both warmth types, as hardship.warmth counts them, or one
/// <see cref="AssistanceType"/>) and the report's drill-down (period by the assistance date, unit by the file's grassroots union).
/// </summary>
public sealed record AssistanceListFilter(string? Type, DrillFilter Drill);

/// <summary>
/// The assistance records of the files in the caller's scope (<see cref="HardshipScope.ScopedFilesAsync"/>: grassroots, district and federation
/// staff; others see none), newest assistance date first: the report's drill-down for the hardship assistance figures.
/// </summary>
public sealed class AssistanceList(HardshipScope scope, GonghuiDb db, CurrentUser me)
{
    /// <summary>The list's page size.</summary>
    public const int PageSize = 50;

    /// <summary>The type filter's value for both warmth types (WarmthCash and WarmthGoods), what hardship.warmth counts.</summary>
    public const string Warmth = "Warmth";

    /// <summary>
    /// The list's filters, checked: the drill-down's (<c>to</c> not after <c>from</c>, a <c>unit</c> outside the caller's scope) and a <c>type</c>
    /// that is neither <see cref="Warmth"/> nor an assistance type, each an error naming its field. Null when there is an error.
    /// </summary>
    public async Task<AssistanceListFilter?> FilterAsync(DateOnly? from, DateOnly? to, Guid? unit, string? type, Api.Errors errors, CancellationToken ct)
    {
        string? kind = null;
        if (!string.IsNullOrWhiteSpace(type))
        {
            var t = type.Trim();
            if (string.Equals(t, Warmth, StringComparison.OrdinalIgnoreCase)) kind = Warmth;
            else if (Enum.TryParse<AssistanceType>(t, ignoreCase: true, out var one) && Enum.IsDefined(one) && !int.TryParse(t, out _)) kind = one.ToString();
            else errors.Add("type", "type must be Warmth or an assistance type (" + string.Join(", ", Enum.GetNames<AssistanceType>()) + ").");
        }
        var drill = await DrillFilter.ForCallerAsync(db, me, from, to, unit, errors, ct);
        return drill is null || errors.Any ? null : new AssistanceListFilter(kind, drill);
    }

    /// <summary>
    /// The records of <see cref="Query"/>, newest assistance date first on (date, id) (index (on, id)), <see cref="PageSize"/> a page unless
    /// asked otherwise; the worker's name as the file list shows it, the ID number masked.
    /// </summary>
    public async Task<Slice<AssistanceRow>> ListAsync(AssistanceListFilter f, KeysetRequest request, CancellationToken ct)
    {
        var files = db.Set<HardshipFile>().AsNoTracking();
        var units = db.UnitRows().AsNoTracking();
        var members = db.Set<HouseholdMember>().AsNoTracking();
        return await (await QueryAsync(f, ct)).SliceAsync(request, a => a.On, a => a.Id, descending: true,
            rows => from a in rows
                    join file in files on a.FileId equals file.Id
                    join u in units on file.OrgUnitId equals u.Id
                    join m in members on a.ChildMemberId equals (Guid?)m.Id into children
                    from child in children.DefaultIfEmpty()
                    select new AssistanceRow(a.Id, a.FileId, file.FileNo, file.WorkerName, file.WorkerIdMasked, file.DistrictCode, u.Name, a.Type, a.AmountFen,
                        a.On, a.Fund, child == null ? null : child.Name, a.Status, a.PaidAt),
            r => r.On, r => r.Id, ct);
    }

    /// <summary>
    /// The records the list shows: on files in the caller's scope; with a period, those Paid whose assistance date falls in it; with a unit, those
    /// on files of the unions in its subtree; with a type, of that type. With the report's period and unit this is the filter of
    /// <c>HardshipIndicators</c> (paid, assistance date in the period, the file's union in the subtree), so the list counts the records behind
    /// hardship.assistance, hardship.warmth.households (type Warmth) and the education grants (type EducationGrant).
    /// </summary>
    internal async Task<IQueryable<HardshipAssistance>> QueryAsync(AssistanceListFilter f, CancellationToken ct)
    {
        var inScope = (await scope.ScopedFilesAsync(ct)).Select(x => x.Id);
        var q = db.Set<HardshipAssistance>().AsNoTracking().Where(a => inScope.Contains(a.FileId));
        var drill = f.Drill;
        if (drill.From is not null || drill.To is not null) q = q.Where(a => a.Status == AssistanceStatus.Paid);
        if (drill.From is { } from) q = q.Where(a => a.On >= from);
        if (drill.To is { } to) q = q.Where(a => a.On < to);
        if (drill.UnitPath is { } path)
        {
            var units = db.UnitRows().InScope(path, u => u.Path).Select(u => u.Id);
            var unitFiles = db.Set<HardshipFile>().Where(x => units.Contains(x.OrgUnitId)).Select(x => x.Id);
            q = q.Where(a => unitFiles.Contains(a.FileId));
        }
        if (f.Type == Warmth) q = q.Where(a => a.Type == AssistanceType.WarmthCash || a.Type == AssistanceType.WarmthGoods);
        else if (f.Type is { } t)
        {
            var one = Enum.Parse<AssistanceType>(t);
            q = q.Where(a => a.Type == one);
        }
        return q;
    }
}
