using Gonghui.Modules.Innovation.Alliances;
using Gonghui.Modules.Innovation.Awards;
using Gonghui.Modules.Innovation.Public;
using Gonghui.Modules.Innovation.Rules;
using Gonghui.Modules.Innovation.Studios;
using Gonghui.Modules.Innovation.Training;
using Gonghui.Platform.Data;

namespace Gonghui.Modules.Innovation;

/// <summary>Workers' innovation (职工创新): studios and their recognition, annual reviews, progress to the 2025 targets, patent and project awards paid through the innovation fund, alliances and the training alliance.</summary>
public static class InnovationModule
{
    public static IServiceCollection AddInnovation(this IServiceCollection services)
    {
        services.AddModelConfiguration("Innovation", InnovationModel.Configure);
        services.AddSingleton(sp => AwardRuleBook.From(sp.GetRequiredService<IConfiguration>()));
        services.AddScoped<StudioService>();
        services.AddScoped<AwardService>();
        services.AddScoped<AllianceService>();
        services.AddScoped<TrainingService>();
        services.AddScoped<TrainingCertificates>();
        services.AddScoped<Gonghui.Platform.Printing.ICertificateRegister, TrainingCertificateRegister>(); // the public check of PX… numbers
        services.AddScoped<Mine.MyInnovation>();
        services.AddScoped<Gonghui.Platform.Indicators.IIndicatorSource, Indicators.InnovationIndicators>();
        services.AddScoped<IStudioLookup, StudioLookup>();
        services.AddScoped<Funds.Public.IPaidRecordSource, PatentAwardPaidRecords>();
        services.AddScoped<Funds.Public.IPaidRecordSource, ProjectAwardPaidRecords>();
        services.AddSingleton<IDemoSeeder, Demo.InnovationDemoSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapInnovation(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/innovation").WithTags("Innovation");
        StudioEndpoints.Map(api);
        AwardEndpoints.Map(api);
        AllianceEndpoints.Map(api);
        TrainingEndpoints.Map(api);
        Mine.MyInnovationEndpoints.Map(api);
        return app;
    }
}
