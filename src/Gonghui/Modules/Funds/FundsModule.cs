using Gonghui.Modules.Funds.Ledger;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;

namespace Gonghui.Modules.Funds;

/// <summary>The fund ledger (a public service every money-moving module uses), fund pages and the funds API.</summary>
public static class FundsModule
{
    public static IServiceCollection AddFunds(this IServiceCollection services)
    {
        services.AddModelConfiguration("Funds", FundsModel.Configure);
        services.AddScoped<FundLedger>();
        services.AddScoped<Public.IFundLedger>(sp => sp.GetRequiredService<FundLedger>());
        services.AddScoped<Public.ApprovedPayments>();
        services.AddScoped<FundHandlers>();
        services.AddScoped<FundCharts>();
        services.AddSingleton<Gonghui.Platform.Data.IDemoSeeder, Demo.FundsDemoSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapFunds(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/funds").RequireAuthorization(Permissions.FundsRead).WithTags("Funds");
        FundEndpoints.Map(api);
        VoucherEndpoints.Map(api);
        VoucherEndpoints.MapPrint(app);
        FundCharts.Map(app);
        return app;
    }
}
