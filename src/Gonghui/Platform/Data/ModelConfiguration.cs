using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Gonghui.Platform.Data;

/// <summary>
/// One module's part of the EF model (its tables, keys, indexes, conversions), registered by the module's
/// <c>Add&lt;Name&gt;()</c> with <see cref="ModelConfigurationRegistration.AddModelConfiguration"/>. <see cref="GonghuiDb"/>
/// applies the configurations it is given, in registration order, after the platform's own tables; it names no module.
/// </summary>
public sealed record ModelConfiguration(string Module, Action<ModelBuilder> Configure);

public static class ModelConfigurationRegistration
{
    /// <summary>Registers <paramref name="configure"/> as <paramref name="module"/>'s part of the EF model.</summary>
    public static IServiceCollection AddModelConfiguration(this IServiceCollection services, string module, Action<ModelBuilder> configure)
    {
        services.AddSingleton(new ModelConfiguration(module, configure));
        return services;
    }

    /// <summary>The configurations registered in <paramref name="services"/>, in registration order (no provider built).</summary>
    public static IReadOnlyList<ModelConfiguration> ModelConfigurations(this IServiceCollection services) =>
        services.Where(d => d.ServiceType == typeof(ModelConfiguration) && d.ImplementationInstance is ModelConfiguration)
            .Select(d => (ModelConfiguration)d.ImplementationInstance!).ToArray();

    /// <summary>Hands <paramref name="configurations"/> to the context built from these options.</summary>
    public static DbContextOptionsBuilder UseModelConfigurations(this DbContextOptionsBuilder options, IEnumerable<ModelConfiguration> configurations)
    {
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new ModelConfigurationsExtension(configurations.ToArray()));
        // Every context of the app's model can run a keyset list (Http.Keyset seeks with row values).
        return options.UseRowValues();
    }

    /// <inheritdoc cref="UseModelConfigurations(DbContextOptionsBuilder, IEnumerable{ModelConfiguration})"/>
    public static DbContextOptionsBuilder<TContext> UseModelConfigurations<TContext>(this DbContextOptionsBuilder<TContext> options,
        IEnumerable<ModelConfiguration> configurations) where TContext : DbContext
    {
        ((DbContextOptionsBuilder)options).UseModelConfigurations(configurations);
        return options;
    }
}

/// <summary>
/// Carries the module configurations in the context options. Two option sets with the same configurations share EF's
/// internal services (and so the built model); different sets get their own, so a model is never reused for another.
/// </summary>
internal sealed class ModelConfigurationsExtension(IReadOnlyList<ModelConfiguration> configurations) : IDbContextOptionsExtension
{
    public IReadOnlyList<ModelConfiguration> Configurations { get; } = configurations;

    public DbContextOptionsExtensionInfo Info => field ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services) { }

    public void Validate(IDbContextOptions options) { }

    private sealed class ExtensionInfo(ModelConfigurationsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        private new ModelConfigurationsExtension Extension => (ModelConfigurationsExtension)base.Extension;

        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "Modules=" + string.Join(",", Extension.Configurations.Select(c => c.Module)) + " ";

        public override int GetServiceProviderHashCode()
        {
            var hash = new HashCode();
            foreach (var c in Extension.Configurations) { hash.Add(c.Module); hash.Add(c.Configure); }
            return hash.ToHashCode();
        }

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) =>
            other is ExtensionInfo o && o.Extension.Configurations.SequenceEqual(Extension.Configurations);

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["Gonghui:Modules"] = string.Join(",", Extension.Configurations.Select(c => c.Module));
    }
}
