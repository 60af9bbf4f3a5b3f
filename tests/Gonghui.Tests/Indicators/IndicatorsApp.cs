using System.Net.Http.Headers;
using System.Net.Http.Json;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Time;
using Gonghui.Tests.Hotline;
using Gonghui.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Indicators;

/// <summary>
/// The platform for the indicator tests, on a hand-moved clock that starts on 1 June of this year (demo data and ledger budgets are
/// of the clock's year). Each test moves the clock on to a day of its own, which no demo record and no other test has touched, so a
/// figure for that day is exact; the indicator test classes of one engine share one app (a collection) and so run one after another.
/// </summary>
public interface IIndicatorsApp
{
    ManualClock Clock { get; }
}

public sealed class SqliteIndicatorsApp : SqliteApp, IIndicatorsApp
{
    public ManualClock Clock { get; } = IndicatorsClock.Start();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class PostgresIndicatorsApp : PostgresApp, IIndicatorsApp
{
    public ManualClock Clock { get; } = IndicatorsClock.Start();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public static class IndicatorsClock
{
    /// <summary>12:00 Beijing time on 1 June of the current year: months of fresh days before the year ends.</summary>
    public static ManualClock Start() => new(BeijingTime.ToUtc(new DateOnly(DateTime.UtcNow.Year, 6, 1), new TimeOnly(12, 0)));
}

public static class IndicatorsCollections
{
    public const string Sqlite = "indicators-sqlite";
    public const string Postgres = "indicators-postgres";
}

[CollectionDefinition(IndicatorsCollections.Sqlite)]
public sealed class SqliteIndicatorsCollection : ICollectionFixture<SqliteIndicatorsApp>;

[CollectionDefinition(IndicatorsCollections.Postgres)]
public sealed class PostgresIndicatorsCollection : ICollectionFixture<PostgresIndicatorsApp>;

/// <summary>What every module's indicator test needs: a fresh day, clients with tokens of the app's clock, unit paths, and the figures.</summary>
public abstract class IndicatorTests<TApp>(TApp app) where TApp : GonghuiApp, IIndicatorsApp
{
    protected TApp App => app;
    protected ManualClock Clock => app.Clock;
    protected DateOnly Today => BeijingTime.Today(app.Clock);
    protected DateTimeOffset Now => app.Clock.GetUtcNow();

    /// <summary>Moves the clock to noon of a day after every day used so far, and answers it.</summary>
    protected DateOnly FreshDay()
    {
        var next = Today.AddDays(2);
        app.Clock.Set(BeijingTime.ToUtc(next, new TimeOnly(12, 0)));
        return next;
    }

    /// <summary>The period of one Beijing day.</summary>
    protected static IndicatorQuery Day(DateOnly day, string scope) => new(day, day.AddDays(1), scope);

    /// <summary>A client with a token issued now by the app's clock (tokens cached by the fixture expire when the clock moves on).</summary>
    protected async Task<HttpClient> ClientAsync(string user)
    {
        var res = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = GonghuiApp.Password });
        res.EnsureSuccessStatusCode();
        var token = (await res.Content.ReadFromJsonAsync<TokenBody>())!.AccessToken;
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed record TokenBody(string AccessToken);

    protected Task<string> PathOfAsync(string unitCode) =>
        app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Code == unitCode).Select(u => u.Path).SingleAsync());

    protected Task<Guid> UnitIdAsync(string unitCode) =>
        app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync());

    /// <summary>The figures of the registered source <typeparamref name="TSource"/> for the query, by key.</summary>
    protected async Task<Figures> FiguresAsync<TSource>(IndicatorQuery query) where TSource : IIndicatorSource
    {
        using var scope = app.Services.CreateScope();
        var source = scope.ServiceProvider.GetServices<IIndicatorSource>().OfType<TSource>().Single();
        var values = await source.ComputeAsync(query, TestContext.Current.CancellationToken);
        Assert.Equal(source.Definitions.Select(d => d.Key), values.Select(v => v.Key));
        return new Figures(values.ToDictionary(v => v.Key));
    }
}

/// <summary>Computed figures by key, with the asserts the tests make.</summary>
public sealed class Figures(IReadOnlyDictionary<string, IndicatorValue> values)
{
    public IndicatorValue this[string key] => values[key];

    /// <summary>The figure is <paramref name="expected"/> over records (no flag).</summary>
    public void Is(string key, long expected)
    {
        var v = values[key];
        Assert.True(v.Value == expected && v.Flag is null, $"{key}: expected {expected}, got {v.Value} (flag {v.Flag ?? "none"})");
    }

    /// <summary>The figure has no records behind it: flagged, never a silent zero.</summary>
    public void IsNoData(string key)
    {
        var v = values[key];
        Assert.True(v is { Value: 0, Flag: IndicatorValues.NoData }, $"{key}: expected no-data, got {v.Value} (flag {v.Flag ?? "none"})");
    }

    /// <summary>Every figure is flagged no-data.</summary>
    public void AllNoData()
    {
        foreach (var key in values.Keys) IsNoData(key);
    }

    public long Value(string key) => values[key].Value;
}
