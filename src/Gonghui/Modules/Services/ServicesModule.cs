using Gonghui.Modules.Services.Campaigns;
using Gonghui.Modules.Services.Projects;
using Gonghui.Modules.Services.Statistics;
using Gonghui.Modules.Services.Visits;
using Gonghui.Platform.Data;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Indicators;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gonghui.Modules.Services;

/// <summary>
/// Member services (会员服务): service projects under the three-tier rules (四季歌, 五送), the visits they deliver (服务人次: recorded,
/// scanned or imported in bulk), and the seasonal campaigns (送清凉, 冬送温暖, 秋送助学) with their target lists and gifts.
/// </summary>
public static class ServicesModule
{
    public static IServiceCollection AddServices(this IServiceCollection services)
    {
        services.AddModelConfiguration("Services", ServicesModel.Configure);
        services.TryAddSingleton<ImportJobs>();
        services.AddScoped<ProjectHandlers>();
        services.AddScoped<VisitHandlers>();
        services.AddScoped<VisitImporter>();
        services.AddScoped<VisitSignIn>();
        services.AddScoped<CampaignHandlers>();
        services.AddScoped<ServiceStats>();
        services.AddScoped<Funds.Public.IPaidRecordSource, ProjectPaidRecords>();
        services.AddScoped<Funds.Public.IPaidRecordSource, GiftPaidRecords>();
        services.AddScoped<IIndicatorSource, ServicesIndicators>();
        services.AddScoped<IRollup, VisitRollup>();
        services.AddScoped<Public.IServiceProjectLookup, ServiceProjectLookup>();
        services.AddSingleton<IDemoSeeder, Demo.ServicesDemoSeeder>();
        services.AddSingleton<IScenarioSeeder, Demo.ServicesScenarioSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapServices(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/services").WithTags("Member services");
        ProjectEndpoints.Map(g);
        VisitEndpoints.Map(g);
        CampaignEndpoints.Map(g);
        return app;
    }
}
