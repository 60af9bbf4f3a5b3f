using Gonghui.Modules.Hardship.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;

namespace Gonghui.Modules.Hardship;

/// <summary>The needy-worker archive (在档困难职工): files, review, assistance, education grants, precision.</summary>
public static class HardshipModule
{
    /// <summary>Hardship data is for grassroots, district and federation staff in scope, and the evaluator for its sample; not hotline agents.</summary>
    public static readonly string[] Readers = [Roles.FederationAdmin, Roles.DistrictStaff, Roles.GrassrootsStaff, Roles.Evaluator];

    public static IServiceCollection AddHardship(this IServiceCollection services)
    {
        services.AddModelConfiguration("Hardship", HardshipModel.Configure);
        services.AddSingleton(sp => HardshipRuleBook.From(sp.GetRequiredService<IConfiguration>()) with
        {
            CalendarSource = () => sp.GetRequiredService<Gonghui.Platform.Calendars.CalendarService>().Current,
        });
        services.AddScoped<HardshipService>();
        services.AddScoped<Funds.IPaidRecordSource, Assistance.AssistancePaidRecords>();
        services.AddScoped<IHardshipFileLookup, HardshipFileLookup>();
        services.AddSingleton<IDemoSeeder, Demo.HardshipDemoSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapHardship(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/hardship").RequireAuthorization(Permissions.HardshipRead).WithTags("Hardship");
        HardshipEndpoints.Map(api);
        HardshipEndpoints.MapUiPosts(app.MapGroup("/hardship/ui").RequireAuthorization(Permissions.HardshipEdit).ExcludeFromDescription());
        return app;
    }
}
