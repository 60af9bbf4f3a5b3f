using Gonghui.Modules.Hardship.Public;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hardship.Files;

/// <summary>The needy members of a scope for other modules' campaign lists (<see cref="IHardshipRoster"/>).</summary>
internal sealed class HardshipRoster(GonghuiDb db, TimeProvider clock) : IHardshipRoster
{
    public async Task<IReadOnlyList<NeedyMember>> NeedyMembersAsync(string scopePath, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var units = db.UnitRows().InScope(scopePath, u => u.Path).Select(u => u.Id);
        var rows = await db.Set<HardshipFile>().AsNoTracking()
            .Where(f => f.MemberId != null && units.Contains(f.OrgUnitId))
            .Where(f => f.Status != FileStatus.Rejected && (f.Status != FileStatus.Exited || f.FollowUpUntil >= now))
            .Select(f => new { MemberId = f.MemberId!.Value, f.OrgUnitId, f.Status })
            .ToListAsync(ct);
        return rows.Select(r => new NeedyMember(r.MemberId, r.OrgUnitId, IsArchived(r.Status))).ToList();
    }

    public IQueryable<Guid> ArchivedMemberIds() =>
        db.Set<HardshipFile>().Where(f => f.MemberId != null
            && (f.Status == FileStatus.Active || f.Status == FileStatus.ExitProposed || f.Status == FileStatus.ExitInNotice)).Select(f => f.MemberId!.Value);

    /// <summary>In the archive (在档): active, or an exit proposed or in its notice period but not yet approved.</summary>
    private static bool IsArchived(FileStatus s) => s is FileStatus.Active or FileStatus.ExitProposed or FileStatus.ExitInNotice;
}
