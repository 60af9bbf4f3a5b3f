using Gonghui.Platform.Data;

namespace Gonghui.Modules.Skills;

/// <summary>Skills contests (职业技能竞赛, 职工技协杯): trades and marking schemes, registration by units, the draw, WorldSkills-style judging with leniency correction, sign-off, appeals and results.</summary>
public static class SkillsModule
{
    public static IServiceCollection AddSkills(this IServiceCollection services)
    {
        services.AddModelConfiguration("Skills", SkillsModel.Configure);
        services.AddScoped<SkillsService>();
        services.AddScoped<Craftsmen.CraftsmenService>();
        services.AddScoped<TeamContests.TeamContestService>();
        services.AddScoped<Certificates.ContestCertificates>();
        services.AddScoped<Gonghui.Platform.Printing.ICertificateRegister, Certificates.ContestCertificateRegister>(); // the public check of JS… numbers
        services.AddScoped<Funds.Public.IPaidRecordSource, Craftsmen.CraftsmanPaidRecords>();
        services.AddScoped<Gonghui.Platform.Indicators.IIndicatorSource, Indicators.SkillsIndicators>();
        services.AddSingleton<IDemoSeeder, Demo.SkillsDemoSeeder>();
        services.AddSingleton<IDemoSeeder, Demo.CraftsmenDemoSeeder>();
        services.AddSingleton<IDemoSeeder, Demo.TeamContestDemoSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapSkills(this IEndpointRouteBuilder app)
    {
        SkillsEndpoints.Map(app.MapGroup("/api/v1/skills").WithTags("Skills contests"));
        Craftsmen.CraftsmenEndpoints.Map(app.MapGroup("/api/v1/skills").WithTags("Great Craftsman selection"));
        TeamContests.TeamContestEndpoints.Map(app.MapGroup("/api/v1/skills").WithTags("Team and key-project labour contests"));
        Certificates.CertificateEndpoints.Map(app.MapGroup("/api/v1/skills").WithTags("Skills contests"));
        return app;
    }
}
