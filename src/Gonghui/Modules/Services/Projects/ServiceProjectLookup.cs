using Gonghui.Modules.Services.Rules;
using Microsoft.EntityFrameworkCore;

using Gonghui.Modules.Services.Public;

namespace Gonghui.Modules.Services.Projects;

internal sealed class ServiceProjectLookup(ProjectHandlers projects) : IServiceProjectLookup
{
    public async Task<ServiceProjectRef?> FindVisibleAsync(string idOrCode, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(idOrCode)) return null;
        var key = idOrCode.Trim();
        var byId = Guid.TryParse(key, out var id);
        var code = key.ToUpperInvariant();
        var p = await (await projects.VisibleAsync(ct)).Where(x => byId ? x.Id == id : x.Code == code)
            .Select(x => new { x.Id, x.Code, x.Name, x.Year, x.Status }).FirstOrDefaultAsync(ct);
        return p is null ? null : new ServiceProjectRef(p.Id, p.Code, p.Name, p.Year, ProjectRules.TakesVisits(p.Status));
    }
}
