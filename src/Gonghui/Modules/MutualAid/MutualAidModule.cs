using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.MutualAid.Claims;
using Gonghui.Modules.MutualAid.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;

namespace Gonghui.Modules.MutualAid;

/// <summary>Medical mutual aid (职工医疗互助): yearly plans, enrolment, claims, payout computation, review and payment through the fund ledger.</summary>
public static class MutualAidModule
{
    public static IServiceCollection AddMutualAid(this IServiceCollection services)
    {
        services.AddModelConfiguration("MutualAid", MutualAidModel.Configure);
        // One handler per use case (Plans/, Claims/); endpoints and pages inject the same ones.
        services.AddScoped<ClaimScope>();
        services.AddScoped<Plans.PlanHandlers>();
        services.AddScoped<Plans.Enrolling>();
        services.AddScoped<ClaimFiling>();
        services.AddScoped<ClaimWorkflow>();
        services.AddScoped<Gonghui.Platform.Home.IHomeTasks, Home.MutualAidHomeTasks>();
        services.AddScoped<Funds.Public.IPaidRecordSource, ClaimPaidRecords>();
        services.AddScoped<Gonghui.Platform.Indicators.IIndicatorSource, Indicators.MutualAidIndicators>();
        services.AddScoped<Gonghui.Platform.Indicators.IRollup, PaidRollup>();
        services.AddScoped<IMutualAidClaimLookup, MutualAidClaimLookup>();
        services.AddScoped<ClaimImporter>();
        services.AddSingleton<IDemoSeeder, Demo.MutualAidDemoSeeder>();
        services.AddSingleton<IScenarioSeeder, Demo.MutualAidScenarioSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapMutualAid(this IEndpointRouteBuilder app)
    {
        MutualAidEndpoints.Map(app.MapGroup("/api/v1/mutual-aid").RequireAuthorization(Permissions.ClaimsRead).WithTags("Mutual aid"));
        return app;
    }
}
