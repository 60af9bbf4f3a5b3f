using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Loans.Demo;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Modules.Loans.Applications;
using Gonghui.Modules.Loans.Reminders;

namespace Gonghui.Modules.Loans;

/// <summary>Start-up micro-loans (创业小额贷款): products as data, applications with checks, approval (ledger commit), disbursement (ledger pay), schedule, repayments, overdue, reminders.</summary>
public static class LoansModule
{
    public const string SourceType = "StartupMicroloan";

    public static IServiceCollection AddLoans(this IServiceCollection services)
    {
        services.AddModelConfiguration("Loans", LoansModel.Configure);
        services.AddOptions<LoansOptions>().BindConfiguration("Gonghui:Loans");
        // One handler per use case (Applications/, Reminders/); endpoints and pages inject the same ones.
        services.AddScoped<LoanQueries>();
        services.AddScoped<LoanCharts>();
        services.AddScoped<LoanProducts>();
        services.AddScoped<LoanApplying>();
        services.AddScoped<LoanWorkflow>();
        services.AddScoped<ReminderQueue>();
        services.AddScoped<ReviewQueue>();
        services.AddScoped<Gonghui.Platform.Home.IHomeTasks, Home.LoansHomeTasks>();
        services.AddScoped<Funds.Public.IPaidRecordSource, LoanPaidRecords>();
        services.AddScoped<Gonghui.Platform.Indicators.IIndicatorSource, Indicators.LoansIndicators>();
        services.AddHostedService<LoanReminderLoop>();
        services.AddSingleton<Gonghui.Platform.Data.IDemoSeeder, LoansDemoSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapLoans(this IEndpointRouteBuilder app)
    {
        LoanCharts.Map(app);
        // A worker sees their own loans only; everything else is for staff.
        app.MapGet("/api/v1/loans/mine", LoansEndpoints.Mine).RequireAuthorization(Permissions.SelfService).WithTags("Loans");
        app.MapPost("/api/v1/loans/mine", LoansEndpoints.ApplyMine).RequireAuthorization(Permissions.SelfService).WithTags("Loans");
        LoansEndpoints.Map(app.MapGroup("/api/v1/loans").RequireAuthorization(Permissions.LoansRead).WithTags("Loans"));
        return app;
    }
}

/// <summary>Settings under <c>Gonghui:Loans</c>.</summary>
public sealed class LoansOptions
{
    /// <summary>Reminders go out this many days before an instalment is due.</summary>
    public int ReminderDaysAhead { get; set; } = 3;
    /// <summary>How often the reminder loop wakes (seconds); it queues once per Shanghai day and delivers on every tick.</summary>
    public int LoopSeconds { get; set; } = 600;
}
