using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Modules.LaborRelations.Signals;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.LaborRelations.Organizing;

public sealed record DriveInput(string? Name, DriveKind? Kind, DriveStep? Step, string? DistrictCode, DateOnly? StartsOn, DateOnly? EndsOn, int? TargetFirms,
    int? TargetMembers, IReadOnlyList<Guid>? EnterpriseIds, string? Note);

public sealed record DriveDto(Guid Id, string Name, DriveKind Kind, DriveStep Step, string? DistrictCode, DateOnly StartsOn, DateOnly EndsOn, int TargetFirms,
    int TargetMembers, int ListedFirms, string? Note);

public sealed record MonthPoint(int Year, int Month, int FirmsOrganized, int MembersJoined);

public sealed record UnorganizedFirm(Guid Id, string Name, string DistrictCode, int Employees);

/// <summary>A drive, its progress counted from the registry, the months of its period, and the largest firms still without a union.</summary>
public sealed record DriveProgressDto(DriveDto Drive, DateOnly CountedFrom, DateOnly CountedTo, DriveProgress Progress, int? FirmsBp, int? MembersBp,
    IReadOnlyList<MonthPoint> Series, IReadOnlyList<UnorganizedFirm> Unorganized);

/// <summary>
/// Organizing drives (建会入会): targets by district, kind and step, and progress counted from the registry through Organizations.Public —
/// enterprises whose union was founded in the drive's period (non-public ones for a non-public drive, the listed ones for a park, building or
/// platform drive) and members who joined in it (dispatch workers for a dispatch drive), month by month.
/// </summary>
public sealed class OrganizingHandlers(GonghuiDb db, LaborScope scope)
{
    public DateOnly Today => scope.Today;

    /// <summary>The registry id of the enterprise with this credit code (the drive form takes codes), or null.</summary>
    public Task<Guid?> EnterpriseIdAsync(string code, CancellationToken ct) => scope.EnterpriseIdByCodeAsync(code, ct);

    private async Task<IQueryable<OrganizingDrive>> VisibleAsync(CancellationToken ct) =>
        db.Set<OrganizingDrive>().InScope(await scope.ScopeAsync(ct), d => d.ScopePath);

    private static DriveDto ToDto(OrganizingDrive d, int listed) => new(d.Id, d.Name, d.Kind, d.Step, d.DistrictCode, d.StartsOn, d.EndsOn, d.TargetFirms, d.TargetMembers,
        listed, d.Note);

    public async Task<Outcome<DriveDto>> CreateAsync(DriveInput input, CancellationToken ct)
    {
        var ids = input.EnterpriseIds?.Distinct().ToList() ?? [];
        var e = OrganizingRules.Validate(input.Name, input.Kind, input.StartsOn, input.EndsOn, input.TargetFirms, input.TargetMembers, ids.Count).ToList();
        if (input.Step is { } st && !Enum.IsDefined(st)) e.Add(("step", "out-of-range"));
        if (input.Note?.Length > 500) e.Add(("note", "too-long"));
        var district = string.IsNullOrWhiteSpace(input.DistrictCode) ? null : input.DistrictCode.Trim();
        if (district is not null && BeijingDistricts.NameOf(district) is null) e.Add(("districtCode", "district.unknown"));
        if (e.Count > 0) return Outcome<DriveDto>.Invalid(e);
        var mine = await scope.ScopeAsync(ct);
        string path;
        if (district is null)
        {
            path = await db.UnitRows().Where(u => u.ParentId == null).Select(u => u.Path).FirstAsync(ct);
            if (!ScopeFilter.Covers(mine, path)) return Outcome<DriveDto>.Invalid("districtCode", "required");
        }
        else
        {
            path = (await scope.DistrictUnionAsync(district, ct)).Path;
            if (!ScopeFilter.Covers(mine, path)) return Outcome<DriveDto>.Invalid("districtCode", "district.outOfScope");
        }
        if (ids.Count > 0)
        {
            var found = 0;
            foreach (var chunk in ids.Chunk(500))
                found += await db.EnterpriseRows().CountAsync(x => chunk.Contains(x.Id) && (district == null || x.DistrictCode == district), ct);
            if (found != ids.Count) return Outcome<DriveDto>.Invalid("enterpriseIds", "enterprise.unknown");
        }
        var d = OrganizingDrive.Of(Guid.CreateVersion7(), input.Name!.Trim(), input.Kind!.Value, input.Step ?? DriveStep.Comprehensive, district, path, input.StartsOn!.Value,
            input.EndsOn!.Value, input.TargetFirms!.Value, input.TargetMembers!.Value, SignalHandlers.Trim(input.Note), scope.Now, scope.Me.Name);
        db.Add(d);
        db.AddRange(ids.Select(id => DriveFirm.Of(d.Id, id)));
        await db.SaveChangesAsync(ct);
        return Outcome<DriveDto>.Ok(ToDto(d, ids.Count));
    }

    public async Task<IReadOnlyList<DriveProgressDto>> ListAsync(CancellationToken ct)
    {
        var drives = await (await VisibleAsync(ct)).AsNoTracking().OrderByDescending(d => d.StartsOn).ThenBy(d => d.Id).Take(100).ToListAsync(ct);
        var list = new List<DriveProgressDto>(drives.Count);
        foreach (var d in drives) list.Add(await ProgressOfAsync(d, withDetail: false, ct));
        return list;
    }

    public async Task<DriveProgressDto?> GetAsync(Guid id, CancellationToken ct)
    {
        var d = await (await VisibleAsync(ct)).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return d is null ? null : await ProgressOfAsync(d, withDetail: true, ct);
    }

    private async Task<DriveProgressDto> ProgressOfAsync(OrganizingDrive d, bool withDetail, CancellationToken ct)
    {
        var (from, to) = OrganizingRules.CountingPeriod(d.StartsOn, d.EndsOn, scope.Today);
        var listed = db.Set<DriveFirm>().Where(x => x.DriveId == d.Id).Select(x => x.EnterpriseId);
        var listedCount = await listed.CountAsync(ct);
        var firms = db.EnterpriseUnionFacts();
        if (d.DistrictCode is { } dc) firms = firms.Where(f => f.DistrictCode == dc);
        if (listedCount > 0) firms = firms.Where(f => listed.Contains(f.Id));
        if (d.Kind == DriveKind.NonPublicFirms) firms = firms.Where(f => f.NonPublic);
        var founded = firms.Where(f => f.UnionFoundedOn >= from && f.UnionFoundedOn <= to);
        var organized = await founded.CountAsync(ct);
        var without = await firms.CountAsync(f => f.UnionFoundedOn == null || f.UnionFoundedOn > to, ct);
        var firmIds = firms.Select(f => (Guid?)f.Id);
        var joins = db.MemberJoinFacts().Where(m => m.JoinedOn >= from && m.JoinedOn <= to && firmIds.Contains(m.EnterpriseId));
        if (d.Kind == DriveKind.DispatchWorkers) joins = joins.Where(m => m.Dispatch);
        var joined = await joins.CountAsync(ct);
        var progress = new DriveProgress(organized, d.TargetFirms, joined, d.TargetMembers, without);
        IReadOnlyList<MonthPoint> series = [];
        IReadOnlyList<UnorganizedFirm> unorganized = [];
        if (withDetail && from <= to)
        {
            var byFirm = await founded.GroupBy(f => new { f.UnionFoundedOn!.Value.Year, f.UnionFoundedOn.Value.Month })
                .Select(g => new { g.Key.Year, g.Key.Month, N = g.Count() }).ToListAsync(ct);
            var byMember = await joins.GroupBy(m => new { m.JoinedOn.Year, m.JoinedOn.Month }).Select(g => new { g.Key.Year, g.Key.Month, N = g.Count() }).ToListAsync(ct);
            var points = new List<MonthPoint>();
            for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1))
                points.Add(new MonthPoint(m.Year, m.Month, byFirm.Where(x => x.Year == m.Year && x.Month == m.Month).Sum(x => x.N),
                    byMember.Where(x => x.Year == m.Year && x.Month == m.Month).Sum(x => x.N)));
            series = points;
            unorganized = await firms.Where(f => f.UnionFoundedOn == null || f.UnionFoundedOn > to).OrderByDescending(f => f.Employees).ThenBy(f => f.Id).Take(20)
                .Select(f => new UnorganizedFirm(f.Id, f.Name, f.DistrictCode, f.Employees)).ToListAsync(ct);
        }
        return new DriveProgressDto(ToDto(d, listedCount), from, to, progress, progress.FirmsBp, progress.MembersBp, series, unorganized);
    }
}
