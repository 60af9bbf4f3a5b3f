namespace Gonghui.Platform.Data;

/// <summary>A module's demo data; seeders run in registration order when the platform starts with --demo.</summary>
public interface IDemoSeeder
{
    Task SeedAsync(IServiceProvider services, CancellationToken ct);
}

/// <summary>One seeder starting (<see cref="Elapsed"/> null) or done.</summary>
public sealed record DemoStep(int Step, int Count, string Module, TimeSpan? Elapsed);

/// <summary>Runs the registered demo seeders in order, saying which one runs: a first start takes a few minutes.</summary>
public sealed class DemoSeeding(IEnumerable<IDemoSeeder> seeders, ILogger<DemoSeeding> log)
{
    /// <summary>Runs every seeder; <paramref name="progress"/> (the scenario command's progress bar) hears each start and end.</summary>
    public async Task RunAsync(IServiceProvider services, CancellationToken ct, IProgress<DemoStep>? progress = null)
    {
        var all = seeders.ToList();
        for (var i = 0; i < all.Count; i++)
        {
            var name = all[i].GetType().Name.Replace("DemoSeeder", "").Replace("Seeder", "");
            log.LogInformation("Demo data {Step}/{Count}: {Module}", i + 1, all.Count, name);
            progress?.Report(new DemoStep(i + 1, all.Count, name, null));
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await all[i].SeedAsync(services, ct);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            log.LogInformation("Demo data {Step}/{Count}: {Module} done in {Seconds:0.0} s", i + 1, all.Count, name, elapsed.TotalSeconds);
            progress?.Report(new DemoStep(i + 1, all.Count, name, elapsed));
        }
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
            log.LogInformation("Loading demo data (the first start on a new data folder takes a few minutes; later starts skip it)");
            await scope.ServiceProvider.GetRequiredService<DemoSeeding>().RunAsync(scope.ServiceProvider, ct);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

