using Gonghui.Modules.MutualAid.Claims;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Modules.MutualAid.Public;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.MutualAid.Claims;

internal sealed class MutualAidClaimLookup(GonghuiDb db, CurrentUser me, ClaimScope claims) : IMutualAidClaimLookup
{
    public async Task<MutualAidClaimRef?> FindVisibleAsync(Guid claimId, CancellationToken ct)
    {
        // the mutual-aid pages and API are for staff only, and read claims through the same scoped query
        if (!me.IsStaff) return null;
        var row = await (from c in await claims.ClaimsInScopeAsync(ct)
                         join u in db.UnitRows() on c.UnionId equals u.Id
                         where c.Id == claimId
                         select new { c.Id, c.Year, c.Status, c.PayoutFen, u.Name, u.Path }).FirstOrDefaultAsync(ct);
        return row is null ? null : new MutualAidClaimRef(row.Id, row.Year, row.Status.ToString(), row.PayoutFen, row.Name, row.Path);
    }
}
