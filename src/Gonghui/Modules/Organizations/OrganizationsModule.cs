using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Shared;
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
        services.AddModelConfiguration("Organizations", OrganizationsModel.Configure);
        services.AddScoped<IOrgPathLookup>(sp => new OrgPathLookup(sp.GetRequiredService<GonghuiDb>));
        services.AddScoped<RegistryScope>();
        services.AddScoped<Public.IOrgUnitDirectory, OrgUnitDirectory>();
        services.AddScoped<RegistryHandlers>();
        services.AddScoped<RegistryText>();
        services.AddSingleton(sp => SizeThresholds.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<IDemoSeeder, Demo.OrganizationsDemoSeeder>();
        services.AddSingleton<IDemoSeeder, Demo.RegistryDemoSeeder>();
        services.AddMemberImporting();
        return services;
    }

    public static IEndpointRouteBuilder MapOrganizations(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Permissions.RegistryRead);
        OrgUnitEndpoints.Map(api.MapGroup("/orgs").WithTags("Organisations"));
        EnterpriseEndpoints.Map(api.MapGroup("/enterprises").WithTags("Enterprises"));
        MemberEndpoints.Map(api.MapGroup("/members").WithTags("Members"));
        app.MapGet("/api/v1/me", MemberEndpoints.Me).RequireAuthorization(Permissions.SelfService).WithTags("Members");
        Importing.MemberImporting.MapMemberImporting(api);
        return app;
    }
}

// The context is resolved when a path is asked for: every request builds CurrentUser, few ask for its scope.
internal sealed class OrgPathLookup(Func<GonghuiDb> db) : IOrgPathLookup
{
    public OrgPathLookup(GonghuiDb db) : this(() => db) { }

    public Task<string?> PathOfAsync(Guid unitId, CancellationToken ct = default) =>
        db().Set<OrgUnit>().Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
}
