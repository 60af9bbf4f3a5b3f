using System.Net.Http.Headers;
using System.Net.Http.Json;
using Gonghui.Platform.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gonghui.Tests.Infrastructure;

/// <summary>
/// The real platform over real HTTP (in-memory transport) against a real database: a fresh SQLite file or a fresh
/// PostgreSQL database on the server ./test.sh starts. Demo data is loaded at a small scale.
/// </summary>
public abstract class GonghuiApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "gonghui-demo";
    private readonly Dictionary<string, string> _tokens = new();
    private readonly SemaphoreSlim _tokenLock = new(1, 1);

    public abstract DatabaseProvider Provider { get; }
    protected string DataDir { get; } = Directory.CreateTempSubdirectory("gonghui-test-").FullName;
    protected abstract string ConnectionString { get; }

    /// <summary>Extra configuration a fixture wants (key, value).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Gonghui:DataDir", DataDir);
        builder.UseSetting("Gonghui:Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Gonghui", ConnectionString);
        builder.UseSetting("Gonghui:Demo", "true");
        builder.UseSetting("Gonghui:Demo:Scale", "0.01");
        builder.UseSetting("Gonghui:Security:EncryptionKey", Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));
        builder.UseSetting("Gonghui:Security:HashKey", Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray()));
        // Every test client comes from one address: the per-address sign-in throttle would let one test's wrong passwords
        // (or a fuzzer's) delay every other sign-in. SignInThrottleTests tests that limit on its own.
        builder.UseSetting("Gonghui:Security:SignIn:AddressFreeFailures", "100000");
        foreach (var (k, v) in ExtraSettings) builder.UseSetting(k, v);
    }

    public virtual ValueTask InitializeAsync()
    {
        _ = Services; // start the host: migrations and demo data run now
        return ValueTask.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        // The data folder (SQLite file, uploads, keys) goes with the app; pooled SQLite handles are closed first.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDir, recursive: true); }
        catch (IOException) { } // test.sh removes the run's temporary folder in any case
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>A client signed in with a bearer token as the given demo account.</summary>
    public async Task<HttpClient> ClientAsync(string user)
    {
        // ClientOptions.BaseAddress: the in-memory server's, or the real socket's for a BrowserApp (Kestrel on a loopback port).
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(user));
        return client;
    }

    public async Task<string> TokenAsync(string user)
    {
        await _tokenLock.WaitAsync();
        try
        {
            if (_tokens.TryGetValue(user, out var t)) return t;
            var anon = CreateClient();
            var res = await anon.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = Password });
            res.EnsureSuccessStatusCode();
            var body = await res.Content.ReadFromJsonAsync<TokenBody>();
            return _tokens[user] = body!.AccessToken;
        }
        finally { _tokenLock.Release(); }
    }

    private sealed record TokenBody(string AccessToken, DateTimeOffset ExpiresAt);

    /// <summary>Runs code against the app's database in a fresh scope.</summary>
    public async Task<T> WithDbAsync<T>(Func<GonghuiDb, Task<T>> action)
    {
        using var scope = Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<GonghuiDb>());
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> action)
    {
        using var scope = Services.CreateScope();
        await action(scope.ServiceProvider);
    }
}

public class SqliteApp : GonghuiApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    protected override string ConnectionString => $"Data Source={Path.Combine(DataDir, "gonghui.db")}";
}

public class PostgresApp : GonghuiApp
{
    private readonly string _database = "gonghui_test_" + Guid.NewGuid().ToString("N")[..12];
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;

    protected override string ConnectionString => new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _database }.ConnectionString;

    /// <summary>The PostgreSQL server ./test.sh starts; a test run without it fails loudly rather than skipping.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("GONGHUI_TEST_PG")
        ?? throw new InvalidOperationException("GONGHUI_TEST_PG is not set: run the tests with ./test.sh, which starts a PostgreSQL server.");

    public override async ValueTask InitializeAsync()
    {
        await using (var conn = new NpgsqlConnection(ServerConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(ServerConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
