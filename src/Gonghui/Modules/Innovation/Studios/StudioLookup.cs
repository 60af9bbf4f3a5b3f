using Gonghui.Modules.Innovation.Public;
using Gonghui.Modules.Innovation.Rules;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Innovation.Studios;

internal sealed class StudioLookup(GonghuiDb db) : IStudioLookup
{
    public Task<StudioRef?> FindAsync(Guid id, CancellationToken ct) =>
        db.Set<InnovationStudio>().AsNoTracking().Where(s => s.Id == id)
            .Select(s => new StudioRef(s.Id, s.Name, s.Level.ToString(), s.Status == StudioStatus.Recognised, s.UnitId)).FirstOrDefaultAsync(ct);
}
