using Gonghui.Modules.Jobs.Applications;
using Gonghui.Modules.Jobs.Campaigns;
using Gonghui.Modules.Jobs.Posts;
using Gonghui.Modules.Jobs.Search;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;

namespace Gonghui.Modules.Jobs;

/// <summary>
/// Employment services (就业服务): employers' job posts with schema.org JobPosting fields and a required salary range, coded by
/// the 2022 occupation classification, reviewed before publishing, grouped by the 春送岗位 campaign and job fairs; the public
/// search, job pages with JSON-LD and the open-data feed; applications, placements and matching (needy workers first).
/// </summary>
public static class JobsModule
{
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddModelConfiguration("Jobs", JobsModel.Configure);
        services.AddScoped<PostHandlers>();
        services.AddScoped<JobSearch>();
        services.AddScoped<ApplicationHandlers>();
        services.AddScoped<CampaignHandlers>();
        services.AddScoped<IIndicatorSource, Indicators.JobsIndicators>();
        services.AddSingleton<IDemoSeeder, Demo.JobsDemoSeeder>();
        services.AddSingleton<IScenarioSeeder, Demo.JobsScenarioSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapJobs(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/jobs").WithTags("Jobs");
        SearchEndpoints.Map(g);
        PostEndpoints.Map(g);
        ApplicationEndpoints.Map(g);
        CampaignEndpoints.Map(g);
        return app;
    }
}
