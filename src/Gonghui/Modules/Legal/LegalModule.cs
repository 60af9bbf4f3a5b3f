using Gonghui.Modules.Legal.Cases;
using Gonghui.Modules.Legal.Roster;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;

namespace Gonghui.Modules.Legal;

/// <summary>
/// Legal aid and dispute mediation (法律援助与劳动争议调解): cases on the statute's clocks (劳动争议调解仲裁法), the roster of
/// lawyers and mediators with the conflict check, outcomes with the recovered amounts, statistics.
/// </summary>
public static class LegalModule
{
    public static IServiceCollection AddLegal(this IServiceCollection services)
    {
        services.AddModelConfiguration("Legal", LegalModel.Configure);
        services.AddScoped<CaseHandlers>();
        services.AddScoped<RosterHandlers>();
        services.AddScoped<Fees.FeeHandlers>();
        services.AddScoped<Funds.Public.IPaidRecordSource, Fees.LegalAidFeePaidRecords>();
        services.AddScoped<Public.ILegalCases, LegalCasesPublic>();
        services.AddScoped<Public.ILegalSignals, LegalSignalsReader>();
        services.AddScoped<Gonghui.Platform.Indicators.IIndicatorSource, LegalIndicators>();
        services.AddSingleton<IDemoSeeder, Demo.LegalDemoSeeder>();
        services.AddSingleton<IScenarioSeeder, Demo.LegalScenarioSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapLegal(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/legal").WithTags("Legal aid and mediation");
        CaseEndpoints.Map(g);
        RosterEndpoints.Map(g);
        Fees.FeeEndpoints.Map(g);
        return app;
    }
}
