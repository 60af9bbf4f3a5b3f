namespace Gonghui.Platform.Data;

/// <summary>A module's demo data; seeders run in registration order when the platform starts with --demo.</summary>
public interface IDemoSeeder
{
    Task SeedAsync(IServiceProvider services, CancellationToken ct);
}

/// <summary>Runs the registered demo seeders in order.</summary>
public sealed class DemoSeeding(IEnumerable<IDemoSeeder> seeders)
{
    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        foreach (var s in seeders) await s.SeedAsync(services, ct);
    }
}

/// <summary>Migrates the database at start and, in demo mode, loads the demo data.</summary>
internal sealed class DatabaseInitializer(IServiceProvider root, IConfiguration config, ILogger<DatabaseInitializer> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        using var scope = root.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
        await DataModule.MigrateAsync(db, ct);
        if (config.GetValue<bool>("Gonghui:Demo"))
        {
            log.LogInformation("Loading demo data");
            await scope.ServiceProvider.GetRequiredService<DemoSeeding>().RunAsync(scope.ServiceProvider, ct);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

