using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Claims;
using Gonghui.Modules.Culture;
using Gonghui.Modules.Culture.Likes;
using Gonghui.Modules.Culture.Public;
using Gonghui.Modules.Culture.Quiz;
using Gonghui.Modules.Culture.Recitations;
using Gonghui.Modules.Culture.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gonghui.Bench;

/// <summary>
/// Scenario "culture" (issue 18): (1) quiz answer saves through the real API (PUT per answer) on loopback Kestrel, req/s and p99,
/// against the bare SQL insert rate into the same table in the same run; (2) likes through the real API with every like sent twice
/// at once (a double click on two connections), then a check that exactly one like per member per work was counted, over 1,500
/// published works; (3) the per-unit quiz ranking over 600,000 attempts, against the bare SQL GROUP BY. SQLite always; PostgreSQL
/// too when GONGHUI_BENCH_PG names a server.
/// </summary>
public static class CultureBench
{
    private static readonly IReadOnlyList<ModelConfiguration> Modules = global::Program.AddModules(new ServiceCollection()).ModelConfigurations();

    public static readonly Scenario Scenario = new("culture",
        "reading quiz answer saves (HTTP) vs bare SQL inserts, likes (HTTP, double clicks, exactly one per member per work), unit ranking over 600,000 attempts [--answers N --accounts K --works W --attempts A --only sqlite|postgres --skip-http --skip-ranking]",
        RunAsync);

    private sealed class BenchActor : IAuditActor { public string Name => "bench"; }

    private static string Load => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    // One converter for every row: a new converter compiles its expression on first use (~0.1 ms), which made the SQLite
    // baselines of the first runs slower than the statement itself.
    private static readonly DateTimeOffsetToBinaryConverter SqliteTime = new();

    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name, int dflt) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : dflt; }
        string? Str(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
        var answers = Arg("--answers", 20_000);
        var accounts = Arg("--accounts", 32);
        var works = Arg("--works", 1_500);
        var likers = Arg("--likers", 16);
        var attempts = Arg("--attempts", 600_000);
        var only = Str("--only");
        var providers = new List<(DatabaseProvider Provider, string? Pg)> { (DatabaseProvider.Sqlite, null) };
        var pg = Environment.GetEnvironmentVariable("GONGHUI_BENCH_PG");
        if (!string.IsNullOrEmpty(pg)) providers.Add((DatabaseProvider.PostgreSQL, pg));
        else Console.WriteLine("(PostgreSQL skipped: set GONGHUI_BENCH_PG to a server connection string to include it)");
        if (only is not null) providers.RemoveAll(p => !p.Provider.ToString().StartsWith(only, StringComparison.OrdinalIgnoreCase));
        Console.WriteLine($"culture: {Environment.ProcessorCount} cores, load average {Load}");
        foreach (var (provider, server) in providers)
        {
            Console.WriteLine($"\n== {provider}");
            if (!args.Contains("--skip-http")) await HttpAsync(provider, server, answers, accounts, works, likers);
            if (!args.Contains("--skip-ranking")) await RankingAsync(provider, server, attempts);
        }
        return 0;
    }

    private sealed record Token(string AccessToken);
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerOptions.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
    private sealed record Stats(double Rps, double P50, double P99, int Failures);

    private static async Task<string> NewDatabaseAsync(string server)
    {
        var name = "gonghui_bench_cu_" + Guid.NewGuid().ToString("N")[..8];
        await using var c = new NpgsqlConnection(server);
        await c.OpenAsync();
        await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c).ExecuteNonQueryAsync();
        return name;
    }

    private static async Task DropDatabaseAsync(string server, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(server);
        await c.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", c).ExecuteNonQueryAsync();
    }

    /// <summary>Runs the calls with one keep-alive connection per caller; each caller sends its own list in order.</summary>
    private static async Task<Stats> LoadAsync(IReadOnlyList<RawHttpClient> clients, IReadOnlyList<IReadOnlyList<Func<RawHttpClient, Task<bool>>>> calls)
    {
        var n = calls.Sum(c => c.Count);
        var lat = new double[n];
        var offsets = new int[calls.Count];
        for (var i = 1; i < calls.Count; i++) offsets[i] = offsets[i - 1] + calls[i - 1].Count;
        var failures = 0;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients.Count).Select(async c =>
        {
            await Task.Yield();
            for (var j = 0; j < calls[c].Count; j++)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (!await calls[c][j](clients[c])) Interlocked.Increment(ref failures);
                lat[offsets[c] + j] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }
        }));
        sw.Stop();
        Array.Sort(lat);
        return new Stats(n / sw.Elapsed.TotalSeconds, lat[n / 2], lat[Math.Min(n - 1, (int)(n * 0.99))], failures);
    }

    private static async Task HttpAsync(DatabaseProvider provider, string? server, int answers, int accounts, int workCount, int likers)
    {
        var dir = Directory.CreateTempSubdirectory("gonghui-bench-culture-").FullName;
        string? pgDb = null;
        var cs = $"Data Source={Path.Combine(dir, "gonghui.db")}";
        if (server is not null)
        {
            pgDb = await NewDatabaseAsync(server);
            cs = new NpgsqlConnectionStringBuilder(server) { Database = pgDb, MaxPoolSize = 200 }.ConnectionString;
        }
        var port = Latencies.FreePort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "Gonghui", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gonghui:DataDir"] = dir, ["Gonghui:Database:Provider"] = provider.ToString(), ["ConnectionStrings:Gonghui"] = cs,
            ["Gonghui:Demo"] = "true", ["Gonghui:Demo:Scale"] = "0.01", ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning", ["urls"] = $"http://127.0.0.1:{port}",
            ["Gonghui:Security:EncryptionKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["Gonghui:Security:HashKey"] = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray()),
            ["Gonghui:Security:SignIn:AddressFreeFailures"] = "100000",
            // Every bench like comes from 127.0.0.1: the address rule would flag them all (the check below counts rows, not flags).
            ["Gonghui:Culture:Likes:IpMaxLikes"] = "100000000",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPlatform();
        global::Program.AddModules(builder.Services);
        var app = builder.Build();
        app.UsePlatform();
        app.MapCulture();
        await app.StartAsync();
        var clients = new List<RawHttpClient>();
        try
        {
            // Worker accounts with a verified phone (no member record needed), each with its own token.
            var names = Enumerable.Range(0, Math.Max(accounts, likers)).Select(i => $"bench{i:000}").ToList();
            using (var scope = app.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
                var root = await db.UnitRows().Where(u => u.ParentId == null).Select(u => u.Id).FirstAsync();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
                foreach (var name in names)
                {
                    var u = new AppUser { UserName = name, DisplayName = name, OrgUnitId = root, PhoneNumber = "13900000000", PhoneNumberConfirmed = true };
                    var r = await users.CreateAsync(u, "gonghui-demo");
                    if (!r.Succeeded) throw new InvalidOperationException(string.Join("; ", r.Errors.Select(e => e.Description)));
                    await users.AddToRoleAsync(u, Roles.Worker);
                }
            }
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var tokens = new List<string>();
            foreach (var name in names)
                tokens.Add((await (await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = name, password = "gonghui-demo" })).Content.ReadFromJsonAsync<Token>())!.AccessToken);

            // (1) Answer saves: each account starts an attempt of the demo quiz and saves answers in turn over its drawn questions.
            http.DefaultRequestHeaders.Authorization = new("Bearer", tokens[0]);
            var quiz = (await http.GetFromJsonAsync<List<QuizDto>>("/api/v1/culture/quizzes/open"))!.First();
            var calls = new List<IReadOnlyList<Func<RawHttpClient, Task<bool>>>>();
            var attemptIds = new List<Guid>();
            for (var c = 0; c < accounts; c++)
            {
                using var req = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/culture/quizzes/{quiz.Id}/attempts");
                req.Headers.Authorization = new("Bearer", tokens[c]);
                var view = (await (await http.SendAsync(req)).Content.ReadFromJsonAsync<AttemptView>(Json))!;
                attemptIds.Add(view.Id);
                var list = new List<Func<RawHttpClient, Task<bool>>>();
                for (var j = 0; j < answers / accounts; j++)
                {
                    var q = view.Questions[j % view.Questions.Count];
                    var body = System.Text.Encoding.UTF8.GetBytes($"{{\"choice\":\"{(q.Kind == QuestionKind.TrueFalse ? (j % 2 == 0 ? "T" : "F") : (j % 2 == 0 ? "A" : "B"))}\"}}");
                    var path = $"/api/v1/culture/attempts/{view.Id}/answers/{q.Id}";
                    list.Add(async cl => await cl.PutAsync(path, body) == 204);
                }
                calls.Add(list);
                clients.Add(await RawHttpClient.ConnectAsync(port, tokens[c]));
            }
            // Warm-up: one round per connection.
            await LoadAsync(clients, calls.Select(l => (IReadOnlyList<Func<RawHttpClient, Task<bool>>>)l.Take(20).ToList()).ToList());
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var saves = await LoadAsync(clients, calls);
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / Math.Max(1, calls.Sum(c => c.Count));
            Console.WriteLine($"answer saves (PUT per answer, {accounts} connections): {calls.Sum(c => c.Count):N0} in {calls.Sum(c => c.Count) / saves.Rps:0.0} s = {saves.Rps:N0} req/s; " +
                              $"p50 {saves.P50:0.0} ms, p99 {saves.P99:0.0} ms; failures {saves.Failures}; CPU {cpuMs:0.00} ms per request (client + server); load average {Load}");
            foreach (var c in clients) c.Dispose();
            clients.Clear();

            var baseline = await BareInsertsAsync(app.Services, accounts, answers);
            Console.WriteLine($"baseline: bare SQL single-row INSERT into culture_answers, {accounts} connections, autocommit: {answers:N0} in {answers / baseline:0.0} s = {baseline:N0} rows/s; load average {Load}");
            var batchedAnswers = await BareBatchedAnswersAsync(app.Services, accounts, answers);
            Console.WriteLine($"baseline: bare batched conditional upserts (the AnswerWriter's statement, {accounts} per transaction, one writer, no HTTP): {answers:N0} = {batchedAnswers:N0} rows/s; load average {Load}");
            Console.WriteLine($"answer saves / bare inserts: {saves.Rps / baseline:0.00}x; / bare batched: {saves.Rps / batchedAnswers:0.00}x (target ≥ 2,000 req/s and p99 ≤ 50 ms: {(saves.Rps >= 2000 && saves.P99 <= 50 ? "met" : "missed")})");

            // (2) Likes: 1,500 published works; every like is sent twice at the same moment on two connections of the same account.
            var workIds = new List<Guid>();
            using (var scope = app.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
                var unit = await db.UnitRows().Where(u => u.ParentId == null).Select(u => new { u.Id, u.Path }).FirstAsync();
                var now = DateTimeOffset.UtcNow;
                for (var i = 0; i < workCount; i++)
                {
                    var w = RecitationWork.Upload($"作品{i}", "", Guid.NewGuid(), null, "职工", unit.Id, unit.Path, MediaKind.Audio, new string('a', 64), "audio/mpeg", 1, 2000,
                        null, now);
                    w.Decide(true, null, "bench", now);
                    db.Add(w);
                    workIds.Add(w.Id);
                }
                await db.SaveChangesAsync();
                await scope.ServiceProvider.GetRequiredService<ILikes>().EnsureCampaignAsync(RecitationHandlers.CampaignId, "recitation", "云诵读", now.AddDays(30), default);
            }
            var likeCalls = new List<IReadOnlyList<Func<RawHttpClient, Task<bool>>>>();
            for (var c = 0; c < likers; c++)
                for (var twin = 0; twin < 2; twin++)
                {
                    clients.Add(await RawHttpClient.ConnectAsync(port, tokens[c]));
                    likeCalls.Add(workIds.Select(w => (Func<RawHttpClient, Task<bool>>)(async cl => await cl.PostAsync($"/api/v1/culture/works/{w}/like", []) == 200)).ToList());
                }
            var likeCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var likes = await LoadAsync(clients, likeCalls);
            var likeCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - likeCpu0).TotalMilliseconds / Math.Max(1, likeCalls.Sum(l => l.Count));
            long rows, distinct;
            using (var scope = app.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
                rows = await db.Set<ItemLike>().LongCountAsync();
                distinct = await db.Set<ItemLike>().Select(l => new { l.ItemId, l.VoterKey }).Distinct().LongCountAsync();
            }
            var expected = (long)likers * workCount;
            Console.WriteLine($"likes ({likers} members x {workCount:N0} works, each like sent twice at once on {clients.Count} connections): {likeCalls.Sum(l => l.Count):N0} requests = {likes.Rps:N0} req/s; " +
                              $"p50 {likes.P50:0.0} ms, p99 {likes.P99:0.0} ms; failures {likes.Failures}; CPU {likeCpuMs:0.00} ms per request (client + server); likes stored {rows:N0}, distinct (work, member) {distinct:N0}, expected {expected:N0}: " +
                              $"{(rows == expected && distinct == expected ? "exactly one per member per work" : "MISMATCH")}; target ≥ 5,000 req/s: {(likes.Rps >= 5000 ? "met" : "missed")}; load average {Load}");
            var bareLikes = await BareLikesAsync(app.Services, likers, workCount);
            Console.WriteLine($"baseline: bare SQL INSERT … ON CONFLICT DO NOTHING into culture_likes, the same {likers * 2} connections (each pair the same voter and items), autocommit: " +
                              $"{(long)likers * 2 * workCount:N0} statements = {bareLikes:N0} statements/s; likes / bare: {likes.Rps / bareLikes:0.00}x; load average {Load}");
            var batchedLikes = await BareBatchedLikesAsync(app.Services, likers, workCount);
            Console.WriteLine($"baseline: bare batched INSERT … ON CONFLICT DO NOTHING (the LikeWriter's statement, {likers * 2} per transaction, one writer, no HTTP, each key twice): " +
                              $"{(long)likers * 2 * workCount:N0} statements = {batchedLikes:N0} statements/s; likes / bare batched: {likes.Rps / batchedLikes:0.00}x; load average {Load}");
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
            if (pgDb is not null) await DropDatabaseAsync(server!, pgDb);
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    /// <summary>The limit: single-row INSERTs of new answers with a prepared statement, autocommit, the same number of connections; rows/s.</summary>
    private static async Task<double> BareInsertsAsync(IServiceProvider services, int connections, int n)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
        var npgsql = db.Database.IsNpgsql();
        var cs = db.Database.GetConnectionString()!;
        var attempt = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
        {
            await Task.Yield();
            await using DbConnection conn = npgsql ? new NpgsqlConnection(cs) : new Microsoft.Data.Sqlite.SqliteConnection(cs);
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "INSERT INTO culture_answers (attempt_id, question_id, choice, answered_at) VALUES (@a, @q, @c, @t)";
            DbParameter P(string name) { var p = cmd.CreateParameter(); p.ParameterName = name; cmd.Parameters.Add(p); return p; }
            var pa = P("@a"); var pq = P("@q"); var pc = P("@c"); var pt = P("@t");
            // Npgsql prepares only parameters whose type is known: give them their first values before preparing.
            pa.Value = npgsql ? attempt : attempt.ToString().ToUpperInvariant();
            pq.Value = npgsql ? Guid.Empty : Guid.Empty.ToString().ToUpperInvariant();
            pc.Value = "A";
            pt.Value = npgsql ? at : SqliteTime.ConvertToProvider(at)!;
            await cmd.PrepareAsync();
            for (var i = c; i < n; i += connections)
            {
                pa.Value = npgsql ? attempt : attempt.ToString().ToUpperInvariant();
                var q = Guid.NewGuid();
                pq.Value = npgsql ? q : q.ToString().ToUpperInvariant();
                pc.Value = "A";
                pt.Value = npgsql ? at : SqliteTime.ConvertToProvider(at)!;
                await cmd.ExecuteNonQueryAsync();
            }
        }));
        return n / sw.Elapsed.TotalSeconds;
    }

    /// <summary>The like's limit: the same one-row INSERT … ON CONFLICT DO NOTHING the API sends, prepared, autocommit, two connections
    /// per voter sending the same (item, voter) keys at once (half the statements insert nothing); statements/s.</summary>
    private static async Task<double> BareLikesAsync(IServiceProvider services, int voters, int items)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
        var npgsql = db.Database.IsNpgsql();
        var cs = db.Database.GetConnectionString()!;
        var campaign = Guid.NewGuid();
        var itemIds = Enumerable.Range(0, items).Select(_ => Guid.NewGuid()).ToArray();
        var at = DateTimeOffset.UtcNow;
        object G(Guid g) => npgsql ? g : g.ToString().ToUpperInvariant();
        object T(DateTimeOffset t) => npgsql ? t : SqliteTime.ConvertToProvider(t)!;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, voters * 2).Select(async c =>
        {
            await Task.Yield();
            var voter = new Guid(c / 2, 7, 7, new byte[8]);
            await using DbConnection conn = npgsql ? new NpgsqlConnection(cs) : new Microsoft.Data.Sqlite.SqliteConnection(cs);
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "INSERT INTO culture_likes (id, campaign_id, item_id, voter_key, user_id, member_id, ip_hash, \"at\", account_seen_at, flag) " +
                              "VALUES (@i, @c, @w, @v, @v, NULL, 'bench', @t, NULL, NULL) ON CONFLICT (item_id, voter_key) DO NOTHING";
            DbParameter P(string name, object value) { var p = cmd.CreateParameter(); p.ParameterName = name; p.Value = value; cmd.Parameters.Add(p); return p; }
            var pi = P("@i", G(Guid.NewGuid())); P("@c", G(campaign)); var pw = P("@w", G(itemIds[0])); P("@v", G(voter)); P("@t", T(at));
            await cmd.PrepareAsync();
            foreach (var item in itemIds)
            {
                pi.Value = G(Guid.CreateVersion7());
                pw.Value = G(item);
                await cmd.ExecuteNonQueryAsync();
            }
        }));
        return (double)voters * 2 * items / sw.Elapsed.TotalSeconds;
    }

    /// <summary>The limit once the app batches: the AnswerWriter's conditional upsert, <paramref name="perBatch"/> rows per transaction (as many as
    /// there are connections, the most the app can gather), one writer, no HTTP; rows/s. Into a fresh unsubmitted attempt.</summary>
    private static async Task<double> BareBatchedAnswersAsync(IServiceProvider services, int perBatch, int n)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
        var pg = db.Database.IsNpgsql();
        var attempt = await db.Set<QuizAttempt>().AsNoTracking().Where(a => a.SubmittedAt == null).Select(a => a.Id).FirstAsync();
        var at = DateTimeOffset.UtcNow;
        object T(DateTimeOffset t) => pg ? t : SqliteTime.ConvertToProvider(t)!;
        const string sql = "INSERT INTO culture_answers (attempt_id, question_id, choice, answered_at) SELECT $1, $2, $3, $4 " +
                           "WHERE EXISTS (SELECT 1 FROM culture_attempts WHERE id = $1 AND submitted_at IS NULL AND deadline_at >= $5) " +
                           "ON CONFLICT (attempt_id, question_id) DO UPDATE SET choice = excluded.choice, answered_at = excluded.answered_at";
        var sw = Stopwatch.StartNew();
        for (var done = 0; done < n; done += perBatch)
        {
            var rows = Enumerable.Range(0, Math.Min(perBatch, n - done)).Select(_ => new object?[] { attempt, Guid.NewGuid(), "A", T(at), T(at.AddHours(-1)) }).ToList();
            await RowWriter.ExecuteEachAsync(db, sql, rows, default);
        }
        return n / sw.Elapsed.TotalSeconds;
    }

    /// <summary>The likes' limit once the app batches: the LikeWriter's statement, <paramref name="voters"/> × 2 rows per transaction (each key twice,
    /// as the double clicks send them), one writer, no HTTP; statements/s.</summary>
    private static async Task<double> BareBatchedLikesAsync(IServiceProvider services, int voters, int items)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
        var pg = db.Database.IsNpgsql();
        var campaign = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow;
        object T(DateTimeOffset t) => pg ? t : SqliteTime.ConvertToProvider(t)!;
        const string sql = "INSERT INTO culture_likes (id, campaign_id, item_id, voter_key, user_id, member_id, ip_hash, \"at\", account_seen_at, flag) " +
                           "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL) ON CONFLICT (item_id, voter_key) DO NOTHING";
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < items; i++)
        {
            var item = Guid.NewGuid();
            var rows = new List<object?[]>(voters * 2);
            for (var v = 0; v < voters; v++)
            {
                var voter = new Guid(v, 9, 9, new byte[8]);
                for (var twin = 0; twin < 2; twin++) rows.Add([Guid.CreateVersion7(), campaign, item, voter, voter, null, "bench", T(at), null]);
            }
            await RowWriter.ExecuteEachAsync(db, sql, rows, default);
        }
        return (double)voters * 2 * items / sw.Elapsed.TotalSeconds;
    }

    private sealed class RootPath : IOrgPathLookup
    {
        public Task<string?> PathOfAsync(Guid unitId, CancellationToken ct = default) => Task.FromResult<string?>("/BJ/");
    }

    /// <summary>600,000 attempts over 16 districts x 250 units, loaded in bulk; the ranking timed at both levels against the bare GROUP BY.</summary>
    private static async Task RankingAsync(DatabaseProvider provider, string? server, int attempts)
    {
        var dir = Directory.CreateTempSubdirectory("gonghui-bench-culture-rank-").FullName;
        string? pgDb = null;
        Func<GonghuiDb> newDb;
        if (server is null)
            newDb = () => new SqliteGonghuiDb(new DbContextOptionsBuilder<SqliteGonghuiDb>().UseSqlite($"Data Source={Path.Combine(dir, "bench.db")}")
                .UseModelConfigurations(Modules).Options, new BenchActor(), TimeProvider.System);
        else
        {
            pgDb = await NewDatabaseAsync(server);
            var cs = new NpgsqlConnectionStringBuilder(server) { Database = pgDb }.ConnectionString;
            newDb = () => new PostgresGonghuiDb(new DbContextOptionsBuilder<PostgresGonghuiDb>().UseNpgsql(cs).UseModelConfigurations(Modules).Options,
                new BenchActor(), TimeProvider.System);
        }
        try
        {
            Guid quizId;
            var load = Stopwatch.StartNew();
            await using (var db = newDb())
            {
                await DataModule.MigrateAsync(db);
                var at = new DateTimeOffset(2020, 4, 23, 0, 0, 0, TimeSpan.Zero);
                var bank = QuestionBank.Create("bench", "bench", at);
                var quiz = ReadingQuiz.Create("bench", bank.Id, 20, 900, 3, at, at.AddDays(14), at);
                quizId = quiz.Id;
                await HardshipBench.BulkAsync(db, [bank]);
                await HardshipBench.BulkAsync(db, [quiz]);
                var rng = new Random(600);
                var drawn = QuizAttempt.EncodeDrawn(Enumerable.Range(0, 20).Select(_ => new DrawnQuestion(Guid.NewGuid(), QuestionKind.Single, 4)).ToList());
                var districts = BeijingDistricts.All.Select(d => d.Slug).ToArray();
                IEnumerable<QuizAttempt> Rows()
                {
                    for (var i = 0; i < attempts; i++)
                    {
                        var d = districts[i % districts.Length];
                        var u = rng.Next(250);
                        var started = at.AddSeconds(rng.Next(14 * 86400));
                        var score = rng.Next(101);
                        yield return QuizAttempt.Loaded(Guid.CreateVersion7(), quizId, i % 7 == 6 ? 2 : 1, Guid.NewGuid(), null, new Guid(u, (short)(i % districts.Length), 0, new byte[8]),
                            $"/BJ/{d}/{d}{u:0000}/", started, started.AddSeconds(900), i % 20 == 0 ? null : started.AddSeconds(600), score / 5, score, drawn);
                    }
                }
                await HardshipBench.BulkAsync(db, Rows());
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
            }
            Console.WriteLine($"loaded {attempts:N0} attempts in {load.Elapsed.TotalSeconds:N1} s");
            var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, Roles.FederationAdmin),
                new Claim(GonghuiClaims.OrgUnit, Guid.NewGuid().ToString())], "bench", ClaimTypes.Name, ClaimTypes.Role));
            async Task<(double P50, double Max, int Rows)> TimeAsync(Func<GonghuiDb, Task<int>> run)
            {
                var times = new List<double>();
                var rows = 0;
                for (var i = 0; i < 7; i++)
                {
                    await using var db = newDb();
                    var sw = Stopwatch.StartNew();
                    rows = await run(db);
                    if (i >= 2) times.Add(sw.Elapsed.TotalMilliseconds);
                }
                times.Sort();
                return (times[times.Count / 2], times[^1], rows);
            }
            var bare = await TimeAsync(async db =>
            {
                var conn = db.Database.GetDbConnection();
                await conn.OpenAsync();
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = "SELECT district, count(*) FROM culture_attempts WHERE quiz_id = @q GROUP BY district";
                var p = cmd.CreateParameter();
                p.ParameterName = "@q";
                p.Value = db.Database.IsNpgsql() ? quizId : quizId.ToString().ToUpperInvariant();
                cmd.Parameters.Add(p);
                await using var r = await cmd.ExecuteReaderAsync();
                var n = 0;
                while (await r.ReadAsync()) n++;
                return n;
            });
            Console.WriteLine($"baseline: bare SQL GROUP BY district over {attempts:N0} attempts: p50 {bare.P50:N0} ms, max {bare.Max:N0} ms ({bare.Rows} rows)");
            foreach (var level in new[] { RankingLevel.District, RankingLevel.Unit })
            {
                var t = await TimeAsync(async db =>
                {
                    var me = new CurrentUser(new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = principal } }, new RootPath());
                    var o = await new QuizRanking(db, me).RankAsync(quizId, level, 1000, default);
                    return o.Value!.Count;
                });
                Console.WriteLine($"unit ranking by {level} over {attempts:N0} attempts: p50 {t.P50:N0} ms, max {t.Max:N0} ms ({t.Rows} rows), {t.P50 / Math.Max(0.01, bare.P50):0.0}x the bare GROUP BY; " +
                                  $"target ≤ 1 s: {(t.Max <= 1000 ? "met" : "missed")}; load average {Load}");
            }
        }
        finally
        {
            if (pgDb is not null) await DropDatabaseAsync(server!, pgDb);
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }
}
