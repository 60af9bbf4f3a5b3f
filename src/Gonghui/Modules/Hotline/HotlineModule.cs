using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Calendars;
using Gonghui.Modules.Hotline.Endpoints;
using Gonghui.Modules.Hotline.Deadlines;
using Gonghui.Modules.Hotline.Open311;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Platform.Data;
using Microsoft.Extensions.Options;

namespace Gonghui.Modules.Hotline;

/// <summary>The 12351 worker hotline run answer-on-receipt (接诉即办): intake, dispatch, deadlines, visits, rates, Open311.</summary>
public static class HotlineModule
{
    public const string DemoOpen311Key = "demo-open311-key";

    public static IServiceCollection AddHotline(this IServiceCollection services)
    {
        services.AddModelConfiguration("Hotline", HotlineModel.Configure);
        services.AddOptions<HotlineOptions>().BindConfiguration("Gonghui:Hotline")
            .PostConfigure<IConfiguration>((o, config) =>
            {
                // A demo installation accepts one well-known Open311 key so the API can be tried at once.
                if (o.Open311ApiKeys.Count == 0 && config.GetValue<bool>("Gonghui:Demo")) o.Open311ApiKeys.Add(DemoOpen311Key);
            });
        services.AddSingleton(sp =>
        {
            var file = sp.GetRequiredService<IOptions<HotlineOptions>>().Value.DeadlineRulesFile;
            var rules = string.IsNullOrEmpty(file) ? DeadlinePolicy.RulesFromJson(HotlineData.Read("deadline-rules.json")) : DeadlinePolicy.RulesFromJson(File.ReadAllText(file));
            var calendars = sp.GetRequiredService<CalendarService>();
            return new DeadlinePolicy(rules, () => calendars.Current);
        });
        services.AddSingleton(_ => CategoryTaxonomy.Shipped());
        services.AddGroupCommit<IntakeWriter>();
        services.AddHostedService<HotlineLoop>();
        services.AddScoped<HotlineService>();
        services.AddScoped<Transitions.RequestTransitions>();
        services.AddScoped<Transitions.IRequestTransition, Transitions.Dispatch>();
        services.AddScoped<Transitions.IRequestTransition, Transitions.Accept>();
        services.AddScoped<Transitions.IRequestTransition, Transitions.Return>();
        services.AddScoped<Transitions.IRequestTransition, Transitions.Contact>();
        services.AddScoped<Transitions.IRequestTransition, Transitions.Progress>();
        services.AddScoped<Transitions.IRequestTransition, Transitions.Resolve>();
        services.AddScoped<Transitions.IRequestTransition, Transitions.Escalate>();
        services.AddScoped<Transitions.IRequestTransition, Transitions.Pause>();
        services.AddScoped<Transitions.IRequestTransition, Transitions.Resume>();
        services.AddScoped<Transitions.IRequestTransition, Transitions.Extend>();
        services.AddScoped<Transitions.IRequestTransition, Transitions.VisitBack>();
        services.AddScoped<Transitions.IRequestTransition, Transitions.Close>();
        services.AddScoped<Transitions.IRequestTransition, Transitions.Reopen>();
        services.AddScoped<Transitions.ApproveExtension>();
        services.AddScoped<Endpoints.HotlineHandlers>();
        services.AddScoped<HotlineRates>();
        services.AddScoped<HotlineDashboardStats>();
        services.AddScoped<HotlineCharts>();
        services.AddScoped<Gonghui.Platform.Home.IHomeTasks, HotlineHomeTasks>();
        services.AddScoped<HotlineReports>();
        services.AddScoped<Gonghui.Platform.Indicators.IIndicatorSource, Indicators.HotlineIndicators>();
        services.AddScoped<OverdueScanner>();
        services.AddScoped<ICalendarChangeListener, DeadlineRefresh>();
        services.AddSingleton<Attachments.AttachmentStore>();
        services.AddScoped<Attachments.HotlineAttachments>();
        services.AddScoped<HotlineMerge>();
        services.AddScoped<HotlineLinks>();
        services.AddScoped<Public.IHotlineSignals, HotlineSignalsReader>();
        services.AddScoped<Topics.HotlineTopics>();
        services.AddScoped<Printables.HotlinePrintables>();
        services.AddSingleton<IDemoSeeder, Demo.HotlineDemoSeeder>();
        services.AddSingleton<IScenarioSeeder, Demo.HotlineScenarioSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapHotline(this IEndpointRouteBuilder app)
    {
        HotlineEndpoints.Map(app);
        Transitions.TransitionEndpoints.Map(app);
        Attachments.AttachmentEndpoints.Map(app);
        MergeEndpoints.Map(app);
        LinkEndpoints.Map(app);
        Topics.TopicEndpoints.Map(app);
        HotlineCharts.Map(app);
        Open311Endpoints.Map(app);
        Printables.PrintableEndpoints.Map(app);
        return app;
    }
}
