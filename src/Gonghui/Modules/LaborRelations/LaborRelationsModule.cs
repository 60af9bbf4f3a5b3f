using Gonghui.Modules.LaborRelations.Bargaining;
using Gonghui.Modules.LaborRelations.Cultivation;
using Gonghui.Modules.LaborRelations.Opinion;
using Gonghui.Modules.LaborRelations.Organizing;
using Gonghui.Modules.LaborRelations.Reports;
using Gonghui.Modules.LaborRelations.Risk;
using Gonghui.Modules.LaborRelations.Signals;
using Gonghui.Platform.Data;

namespace Gonghui.Modules.LaborRelations;

/// <summary>
/// Labour-relations monitoring and early warning (劳动关系监测预警): signals per enterprise (hotline, legal aid, layoffs under Art. 41,
/// social-insurance arrears, opinion items, collective incidents), a transparent risk score, alerts with their disposal and escalation,
/// the weekly brief for the tripartite partners and the opinion reports; collective bargaining, harmonious-employer
/// cultivation with legal health checks, and organizing drives. See docs/labor-relations.md.
/// </summary>
public static class LaborRelationsModule
{
    public static IServiceCollection AddLaborRelations(this IServiceCollection services)
    {
        services.AddModelConfiguration("LaborRelations", LaborRelationsModel.Configure);
        services.AddScoped<LaborScope>();
        services.AddScoped<SignalHandlers>();
        services.AddScoped<OpinionHandlers>();
        services.AddScoped<RiskEngine>();
        services.AddScoped<AlertHandlers>();
        services.AddScoped<ReportHandlers>();
        services.AddScoped<BargainingHandlers>();
        services.AddScoped<CultivationHandlers>();
        services.AddScoped<OrganizingHandlers>();
        services.AddScoped<GrantHandlers>();
        services.AddScoped<Gonghui.Modules.Funds.Public.IPaidRecordSource, DriveGrantPaidRecords>();
        services.AddHostedService<BargainingReminderLoop>();
        services.AddScoped<Gonghui.Platform.Indicators.IIndicatorSource, LaborIndicators>();
        services.AddSingleton<IDemoSeeder, Demo.LaborRelationsDemoSeeder>();
        services.AddSingleton<IDemoSeeder, Demo.RightsDemoSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapLaborRelations(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/labor-relations").WithTags("Labour relations");
        SignalEndpoints.Map(g);
        OpinionEndpoints.Map(g);
        RiskEndpoints.Map(g);
        ReportEndpoints.Map(g);
        BargainingEndpoints.Map(g);
        CultivationEndpoints.Map(g);
        OrganizingEndpoints.Map(g);
        ReportEndpoints.MapPages(app);
        return app;
    }
}
