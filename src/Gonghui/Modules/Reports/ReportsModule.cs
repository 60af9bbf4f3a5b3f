using Gonghui.Modules.Reports.Indicators;

namespace Gonghui.Modules.Reports;

/// <summary>
/// Statistics and the annual report (统计与年度报告, issue 19): every figure is an indicator a module defines and computes from
/// its own records (<see cref="Platform.Indicators.IIndicatorSource"/>); this module gathers them for a period and a unit, compares
/// with the previous year, ranks the districts, and publishes the result as the API, the dashboard, XLSX and PDF. It knows no module.
/// </summary>
public static class ReportsModule
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddScoped<ReportBuilder>();
        services.AddSingleton<ReportCache>();
        services.AddScoped<ReportCharts>();
        // The scenario's last demo step (a no-op unless Gonghui:Scenario names the scenario): tops each module up to the review's figures.
        services.AddSingleton<Platform.Data.IDemoSeeder, Scenario.ScenarioYearSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/reports").WithTags("Statistics and the annual report");
        ReportEndpoints.Map(g);
        ReportEndpoints.MapPrint(app);
        ReportCharts.Map(app);
        return app;
    }
}
