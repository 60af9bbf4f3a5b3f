using Gonghui.Platform.Data.Bulk;
using Gonghui.Modules.Culture.Public;
using Gonghui.Modules.Culture.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;

namespace Gonghui.Modules.Culture;

/// <summary>Workers' culture: the reading quiz (读书知识竞赛), recitation works (云诵读) and honest likes (<see cref="ILikes"/>, also the speech contest's audience vote).</summary>
public static class CultureModule
{
    public static IServiceCollection AddCulture(this IServiceCollection services)
    {
        services.AddModelConfiguration("Culture", CultureModel.Configure);
        services.AddMemoryCache();
        services.AddOptions<LikeRules>().BindConfiguration("Gonghui:Culture:Likes");
        services.AddScoped<Participants.ParticipantLookup>();
        services.AddScoped<Quiz.BankHandlers>();
        services.AddScoped<Quiz.QuizHandlers>();
        services.AddScoped<Quiz.Attempts>();
        services.AddScoped<Quiz.QuizRanking>();
        services.AddScoped<Quiz.QuizCertificates>();
        services.AddScoped<Gonghui.Platform.Printing.ICertificateRegister, Quiz.QuizCertificateRegister>(); // the public check of YD… numbers
        services.AddScoped<ILikes, Likes.Likes>();
        services.AddGroupCommit<Likes.LikeWriter>(); // likes and answer saves: one transaction per batch of concurrent writes
        services.AddGroupCommit<Quiz.AnswerWriter>();
        services.AddSingleton<Recitations.MediaProbe>();
        services.AddScoped<Recitations.RecitationHandlers>();
        services.AddScoped<IIndicatorSource, Indicators.CultureIndicators>();
        services.AddScoped<IRollup, Quiz.TakerRollup>(); // the quiz takers' roll-up (gonghui rollups rebuild --name culture)
        services.AddSingleton<IDemoSeeder, Demo.CultureDemoSeeder>();
        services.AddSingleton<IScenarioSeeder, Demo.CultureScenarioSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapCulture(this IEndpointRouteBuilder app)
    {
        Quiz.QuizEndpoints.Map(app.MapGroup("/api/v1/culture").WithTags("Culture: reading quiz"));
        Recitations.RecitationEndpoints.Map(app.MapGroup("/api/v1/culture").WithTags("Culture: recitation works"));
        return app;
    }
}
