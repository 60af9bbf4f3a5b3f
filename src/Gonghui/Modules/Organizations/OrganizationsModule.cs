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
        services.AddScoped<Public.IRegistryScenario, Demo.RegistryScenario>();
        services.AddScoped<RegistryHandlers>();
        services.AddScoped<Gonghui.Platform.Indicators.IIndicatorSource, Indicators.OrganizationsIndicators>();
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
// Every scoped API call asks for its caller's unit path, which changes only when a unit is moved: paths are remembered per process
// for Lifetime (a query saved on every list page), forgotten at once on this node by a move (Forget), and on other nodes after
// Lifetime. Unit ids are version-7 GUIDs, unique across databases, so one process's apps (tests) do not mix.
internal sealed class OrgPathLookup(Func<GonghuiDb> db) : IOrgPathLookup
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, (string Path, long At)> s_paths = new();

    public OrgPathLookup(GonghuiDb db) : this(() => db) { }

    public async Task<string?> PathOfAsync(Guid unitId, CancellationToken ct = default)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        if (s_paths.TryGetValue(unitId, out var hit) && System.Diagnostics.Stopwatch.GetElapsedTime(hit.At, now) < Lifetime) return hit.Path;
        var path = await db().Set<OrgUnit>().AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
        if (path is null) return null;
        if (s_paths.Count > 100_000) s_paths.Clear();
        s_paths[unitId] = (path, now);
        return path;
    }

    /// <summary>Forgets every remembered path: a unit moved (its subtree's paths changed).</summary>
    public static void Forget() => s_paths.Clear();
}
