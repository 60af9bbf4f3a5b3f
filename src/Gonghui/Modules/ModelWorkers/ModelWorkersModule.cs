using Gonghui.Modules.ModelWorkers.Contest;
using Gonghui.Modules.ModelWorkers.Lectures;
using Gonghui.Modules.ModelWorkers.Public;
using Gonghui.Modules.ModelWorkers.ReadingRooms;
using Gonghui.Modules.ModelWorkers.Register;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;

namespace Gonghui.Modules.ModelWorkers;

/// <summary>
/// Model workers and workers' culture (劳模工作与职工书屋): the register of model and advanced workers with their care and
/// allowances, the lecture programme 百位劳模宣讲, workers' reading rooms and their demonstration-point selection, and the
/// speech contest 八小时约定 judged with the skills contests' judging.
/// </summary>
public static class ModelWorkersModule
{
    public static IServiceCollection AddModelWorkers(this IServiceCollection services)
    {
        services.AddModelConfiguration("ModelWorkers", ModelWorkersModel.Configure);
        services.AddScoped<RegisterService>();
        services.AddScoped<LectureService>();
        services.AddScoped<ReadingRoomService>();
        services.AddScoped<ContestService>();
        services.AddScoped<AudienceVote>();
        services.AddScoped<IModelWorkerLookup, ModelWorkerLookup>();
        services.AddScoped<IReadingRoomMap, ReadingRooms.ReadingRoomMap>();
        services.AddScoped<Funds.Public.IPaidRecordSource, CarePaidRecords>();
        services.AddScoped<IIndicatorSource, Reports.ModelWorkerIndicators>();
        services.AddSingleton<IDemoSeeder, Demo.ModelWorkersDemoSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapModelWorkers(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/model-workers").WithTags("Model workers");
        LectureEndpoints.Map(api);
        ReadingRoomEndpoints.Map(api);
        ContestEndpoints.Map(api);
        RegisterEndpoints.Map(api);
        return app;
    }
}
