using Gonghui.Modules.FeeRefunds.Demo;
using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Gonghui.Modules.FeeRefunds.Policies;
using Gonghui.Modules.FeeRefunds.Refunds;

namespace Gonghui.Modules.FeeRefunds;

/// <summary>Union-fee refunds to small and micro firms (工会经费返还): fee records, the policy as data, refunds due, batch approval and payment through the ledger.</summary>
public static class FeeRefundsModule
{
    public static IServiceCollection AddFeeRefunds(this IServiceCollection services)
    {
        services.AddModelConfiguration("FeeRefunds", FeeRefundsModel.Configure);
        // One handler per use case (Refunds/); endpoints and pages inject the same ones.
        services.AddScoped<RefundScope>();
        services.AddScoped<FeeRecords>();
        services.AddScoped<RefundComputation>();
        services.AddScoped<RefundBatches>();
        services.AddScoped<Gonghui.Platform.Home.IHomeTasks, Home.FeeRefundsHomeTasks>();
        services.AddScoped<RefundPolicyEditor>();
        services.AddScoped<Funds.Public.IPaidRecordSource, RefundPaidRecords>();
        services.AddScoped<Gonghui.Platform.Indicators.IIndicatorSource, Indicators.FeeRefundsIndicators>();
        services.AddSingleton<IDemoSeeder, FeeRefundsDemoSeeder>();
        services.AddSingleton<IScenarioSeeder, FeeRefundsScenarioSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapFeeRefunds(this IEndpointRouteBuilder app)
    {
        FeeRefundsEndpoints.Map(app.MapGroup("/api/v1/fee-refunds").RequireAuthorization(Permissions.FeeRefundsRead).WithTags("Fee refunds"));
        return app;
    }
}
