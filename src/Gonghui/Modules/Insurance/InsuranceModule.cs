using Gonghui.Modules.Funds.Public;
using Gonghui.Platform.Data;
using Gonghui.Modules.Insurance.Claims;

namespace Gonghui.Modules.Insurance;

/// <summary>Accident insurance (非工伤意外伤害险): schemes, cover per person, claims, payout schedule, review and payment through the fund ledger.</summary>
public static class InsuranceModule
{
    public static IServiceCollection AddInsurance(this IServiceCollection services)
    {
        services.AddModelConfiguration("Insurance", InsuranceModel.Configure);
        services.AddScoped<InsuranceScope>();
        services.AddScoped<Schemes.SchemeHandlers>();
        services.AddScoped<Schemes.Enrolling>();
        services.AddScoped<ClaimFiling>();
        services.AddScoped<ClaimWorkflow>();
        services.AddScoped<ClaimQueues>();
        services.AddScoped<Gonghui.Platform.Home.IHomeTasks, Home.InsuranceHomeTasks>();
        services.AddScoped<Funds.Public.IPaidRecordSource, Claims.ClaimPaidRecords>();
        services.AddScoped<Gonghui.Platform.Indicators.IIndicatorSource, Indicators.InsuranceIndicators>();
        services.AddScoped<Claims.InsuranceClaimImporter>();
        services.AddSingleton<IDemoSeeder, Demo.InsuranceDemoSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapInsurance(this IEndpointRouteBuilder app)
    {
        // Workers read their own claims; everything else needs staff (set per endpoint).
        var g = app.MapGroup("/api/v1/insurance").WithTags("Accident insurance");
        Schemes.SchemeEndpoints.Map(g);
        ClaimEndpoints.Map(g);
        return app;
    }
}
