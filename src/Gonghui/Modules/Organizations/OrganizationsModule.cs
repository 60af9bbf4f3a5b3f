using Gonghui.Modules.Organizations.Importing;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Organizations;

/// <summary>Organisation units, enterprises and members: the registry every other module builds on.</summary>
public static class OrganizationsModule
{
    public static IServiceCollection AddOrganizations(this IServiceCollection services)
    {
        services.AddScoped<IOrgPathLookup, OrgPathLookup>();
        services.AddSingleton<IDemoSeeder, Demo.OrganizationsDemoSeeder>();
        services.AddMemberImporting();
        return services;
    }

    public static IEndpointRouteBuilder MapOrganizations(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Staff);
        OrgUnitEndpoints.Map(api.MapGroup("/orgs").WithTags("Organisations"));
        Importing.MemberImporting.MapMemberImporting(api);
        return app;
    }
}

internal sealed class OrgPathLookup(GonghuiDb db) : IOrgPathLookup
{
    public Task<string?> PathOfAsync(Guid unitId, CancellationToken ct = default) =>
        db.Set<OrgUnit>().Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
}
