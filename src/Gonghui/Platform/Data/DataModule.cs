using Gonghui.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Platform.Data;

public enum DatabaseProvider { Sqlite, PostgreSQL }

/// <summary>Database settings: Gonghui:Database:Provider and ConnectionStrings:Gonghui; the SQLite file lives in the data folder.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string DataDir)
{
    public static DatabaseSettings From(IConfiguration config)
    {
        var dataDir = Path.GetFullPath(config["Gonghui:DataDir"] ?? "data");
        var providerText = config["Gonghui:Database:Provider"] ?? "Sqlite";
        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
            throw new InvalidOperationException($"Gonghui:Database:Provider must be Sqlite or PostgreSQL, not '{providerText}'.");
        var cs = config.GetConnectionString("Gonghui");
        if (string.IsNullOrWhiteSpace(cs))
        {
            if (provider == DatabaseProvider.PostgreSQL)
                throw new InvalidOperationException("ConnectionStrings:Gonghui is required for PostgreSQL.");
            cs = $"Data Source={Path.Combine(dataDir, "gonghui.db")}";
        }
        return new DatabaseSettings(provider, cs, dataDir);
    }
}

public static class DataModule
{
    public static IServiceCollection AddGonghuiData(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        // The audit chain's head outside the database (needs the PersonalDataProtector the platform registers).
        services.AddSingleton(sp => new AuditCheckpoint(sp.GetRequiredService<DatabaseSettings>(),
            sp.GetRequiredService<Security.PersonalDataProtector>(), sp.GetService<ILogger<AuditCheckpoint>>()));
        services.AddSingleton<AuditCheckpointInterceptor>();
        // The options are built once, not per request scope (they depend on no scoped service). They carry the modules'
        // EF model configurations (each module's Add<Name>() registers its own; GonghuiDb applies them).
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(settings.DataDir);
            services.AddDbContext<GonghuiDb, SqliteGonghuiDb>((sp, o) => o.UseSqlite(settings.ConnectionString, s => s.CommandTimeout(300))
                .AddInterceptors(sp.GetRequiredService<AuditCheckpointInterceptor>(), Http.ListCountInvalidator.Instance, Http.ListCountInterceptor.Instance)
                .UseModelConfigurations(sp.GetServices<ModelConfiguration>()), optionsLifetime: ServiceLifetime.Singleton);
        }
        else
        {
            services.AddDbContext<GonghuiDb, PostgresGonghuiDb>((sp, o) => o.UseNpgsql(settings.ConnectionString, s => s.CommandTimeout(300))
                .AddInterceptors(sp.GetRequiredService<AuditCheckpointInterceptor>(), RowClaimInterceptor.Instance, Http.ListCountInvalidator.Instance, Http.ListCountInterceptor.Instance)
                .UseModelConfigurations(sp.GetServices<ModelConfiguration>()), optionsLifetime: ServiceLifetime.Singleton);
        }
        return services;
    }

    /// <summary>Applies the provider's migrations; on SQLite also turns on WAL so readers do not block the writer.</summary>
    public static async Task MigrateAsync(GonghuiDb db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (!db.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}
