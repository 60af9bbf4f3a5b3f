using Gonghui.Modules.MutualAid.Claims;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.MutualAid;

/// <summary>A mutual-aid claim as other modules may see it: year, status, payout and the member's union (no personal data).</summary>
public sealed record MutualAidClaimRef(Guid Id, int Year, string Status, long PayoutFen, string UnitName, string UnitPath);

/// <summary>Finds a mutual-aid claim by id within a scope path, for links from other modules (the hotline).</summary>
public interface IMutualAidClaimLookup
{
    Task<MutualAidClaimRef?> FindAsync(Guid claimId, string scopePath, CancellationToken ct);
}

internal sealed class MutualAidClaimLookup(GonghuiDb db) : IMutualAidClaimLookup
{
    public async Task<MutualAidClaimRef?> FindAsync(Guid claimId, string scopePath, CancellationToken ct)
    {
        var row = await (from c in db.Set<MutualAidClaim>().AsNoTracking()
                         join u in db.Set<OrgUnit>().AsNoTracking() on c.UnionId equals u.Id
                         where c.Id == claimId && u.Path.StartsWith(scopePath)
                         select new { c.Id, c.Year, c.Status, c.PayoutFen, u.Name, u.Path }).FirstOrDefaultAsync(ct);
        return row is null ? null : new MutualAidClaimRef(row.Id, row.Year, row.Status.ToString(), row.PayoutFen, row.Name, row.Path);
    }
}
