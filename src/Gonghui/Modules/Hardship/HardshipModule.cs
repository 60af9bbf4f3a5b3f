using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Hardship.Assistance;
using Gonghui.Modules.Hardship.Public;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;

namespace Gonghui.Modules.Hardship;

/// <summary>The needy-worker archive (在档困难职工): files, review, assistance, education grants, precision.</summary>
public static class HardshipModule
{
    public static IServiceCollection AddHardship(this IServiceCollection services)
    {
        services.AddModelConfiguration("Hardship", HardshipModel.Configure);
        services.AddSingleton(sp => HardshipRuleBook.From(sp.GetRequiredService<IConfiguration>()) with
        {
            CalendarSource = () => sp.GetRequiredService<Gonghui.Platform.Calendars.CalendarService>().Current,
        });
        services.AddScoped<Files.HardshipScope>();
        services.AddScoped<Files.FileFiling>();
        services.AddScoped<Files.FileQueries>();
        services.AddScoped<Files.FileCharts>();
        services.AddScoped<Files.FileWorkflow>();
        services.AddScoped<Files.FileDocuments>();
        services.AddScoped<AssistanceHandlers>();
        services.AddScoped<AssistanceList>();
        services.AddScoped<Campaigns.CampaignHandlers>();
        services.AddScoped<Precision.PrecisionHandlers>();
        services.AddScoped<Printables.HardshipPrintables>();
        services.AddScoped<Gonghui.Platform.Indicators.IIndicatorSource, Indicators.HardshipIndicators>();
        services.AddScoped<Gonghui.Platform.Indicators.IRollup, Assistance.AssistanceRollup>();
        services.AddScoped<Gonghui.Platform.Home.IHomeTasks, Home.HardshipHomeTasks>();
        services.AddScoped<Funds.Public.IPaidRecordSource, Assistance.AssistancePaidRecords>();
        services.AddScoped<IHardshipFileLookup, Files.HardshipFileLookup>();
        services.AddScoped<IHardshipRoster, Files.HardshipRoster>();
        services.AddSingleton<IDemoSeeder, Demo.HardshipDemoSeeder>();
        services.AddSingleton<IScenarioSeeder, Demo.HardshipScenarioSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapHardship(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/hardship").RequireAuthorization(Permissions.HardshipRead).WithTags("Hardship");
        Files.FileEndpoints.Map(api);
        Assistance.AssistanceEndpoints.Map(api);
        Campaigns.CampaignEndpoints.Map(api);
        Files.FileCharts.Map(app);
        Precision.PrecisionEndpoints.Map(api);
        Printables.PrintableEndpoints.Map(api);
        Printables.PrintableEndpoints.MapPages(app);
        var ui = app.MapGroup("/hardship/ui").RequireAuthorization(Permissions.HardshipEdit).ExcludeFromDescription();
        Files.FileEndpoints.MapUiPosts(ui);
        Campaigns.CampaignEndpoints.MapLetterPost(ui);
        return app;
    }
}
