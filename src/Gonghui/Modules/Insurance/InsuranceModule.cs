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
        services.AddScoped<InsuranceService>();
        services.AddScoped<ClaimQueues>();
        services.AddScoped<Gonghui.Platform.Home.IHomeTasks, Home.InsuranceHomeTasks>();
        services.AddScoped<Funds.Public.IPaidRecordSource, Claims.ClaimPaidRecords>();
        services.AddScoped<Claims.InsuranceClaimImporter>();
        services.AddSingleton<IDemoSeeder, Demo.InsuranceDemoSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapInsurance(this IEndpointRouteBuilder app)
    {
        // Workers read their own claims; everything else needs staff (set per endpoint).
        InsuranceEndpoints.Map(app.MapGroup("/api/v1/insurance").WithTags("Accident insurance"));
        return app;
    }
}
