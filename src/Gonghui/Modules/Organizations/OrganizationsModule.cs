using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Shared;
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
        services.AddScoped<RegistryScope>();
        services.AddScoped<RegistryText>();
        services.AddSingleton(sp => SizeThresholds.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddAuthorizationBuilder().AddPolicy(RegistryPolicies.Editor, p => p.RequireRole(RegistryPolicies.EditorRoles));
        services.AddSingleton<IDemoSeeder, Demo.OrganizationsDemoSeeder>();
        services.AddSingleton<IDemoSeeder, Demo.RegistryDemoSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapOrganizations(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Staff);
        OrgUnitEndpoints.Map(api.MapGroup("/orgs").WithTags("Organisations"));
        EnterpriseEndpoints.Map(api.MapGroup("/enterprises").WithTags("Enterprises"));
        MemberEndpoints.Map(api.MapGroup("/members").WithTags("Members"));
        app.MapGet("/api/v1/me", MemberEndpoints.Me).RequireAuthorization(Policies.Worker).WithTags("Members");
        return app;
    }
}

internal sealed class OrgPathLookup(GonghuiDb db) : IOrgPathLookup
{
    public Task<string?> PathOfAsync(Guid unitId, CancellationToken ct = default) =>
        db.Set<OrgUnit>().Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
}
