using System.Net;
using System.Text;
using System.Text.Json;
using Gonghui.Modules.Culture.Indicators;
using Gonghui.Modules.Culture.Quiz;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Time;
using Gonghui.Tests.Indicators;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Culture;

/// <summary>
/// Culture's roll-up of the quiz takers (TakerRollup) gives the figures the first attempts give: after attempts started through the
/// API (second attempts and a second quiz included), after the roll-up rebuilt from the attempts, and after a bulk fold (the seeders'
/// path) folded twice; for a month, a quarter, the year, other whole months and a day, the city, two districts and every district at
/// once; and an account counted under two units in a year counts once where both are in scope.
/// </summary>
public abstract class CultureRollupTests<TApp>(TApp app) : IndicatorTests<TApp>(app) where TApp : GonghuiApp, IIndicatorsApp
{
    private const string Base = "/api/v1/culture";

    private async Task AssertRollupEqualsAttemptsAsync(DateOnly day, string when)
    {
        var month = new DateOnly(day.Year, day.Month, 1);
        var quarter = new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1);
        var year = new DateOnly(day.Year, 1, 1);
        var districts = await App.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Depth == 1).OrderBy(u => u.Path).Select(u => u.Path).ToListAsync());
        using var scope = App.Services.CreateScope();
        var source = scope.ServiceProvider.GetServices<IIndicatorSource>().OfType<CultureIndicators>().Single();
        var ct = TestContext.Current.CancellationToken;
        var periods = new[]
        {
            (month, month.AddMonths(1)), (quarter, quarter.AddMonths(3)), (year, year.AddYears(1)),
            (new DateOnly(day.Year, 2, 1), new DateOnly(day.Year, 12, 1)), // whole months, not a counted period: the roll-up's rows
            (day, day.AddDays(1)), // a day: the attempts either way
        };
        await RollupAssert.SameAsRecordsAsync(source, source.RawAsync, source.RawByDistrictAsync, periods, districts, when, "attempts", ct);
    }

    private async Task<Guid> QuizAsync(HttpClient admin)
    {
        var b = await admin.PostJsonAsync($"{Base}/banks", new { name = "汇总题库" + Guid.NewGuid().ToString("N")[..6] });
        Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        var bank = JsonDocument.Parse(await b.Content.ReadAsStringAsync()).RootElement.Id();
        var sheet = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(QuizApiTests<TApp>.CleanSheet(6))), "file", "bank.csv" } };
        var imported = await admin.PostAsync($"{Base}/banks/{bank}/import", sheet);
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        var r = await admin.PostJsonAsync($"{Base}/quizzes", new
        {
            title = "汇总测试竞赛", bankId = bank, questionCount = 3, timeLimitSeconds = 600, attemptsPerMember = 2,
            opensAt = Now.AddDays(-1), closesAt = Now.AddDays(30),
        });
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Id();
    }

    private static async Task<(Guid Id, int Number)> StartAsync(HttpClient w, Guid quiz)
    {
        var r = await w.PostAsync($"{Base}/quizzes/{quiz}/attempts", null);
        Assert.True(r.StatusCode == HttpStatusCode.Created, $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        var body = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        return (body.Id(), body.GetProperty("number").GetInt32());
    }

    private async Task<(long City, long Dc, long Xc)> TakersAsync(DateOnly from, DateOnly to)
    {
        async Task<long> Of(string path) => (await FiguresAsync<CultureIndicators>(new IndicatorQuery(from, to, path)))[CultureIndicators.QuizTakers].Value;
        return (await Of("/BJ/"), await Of("/BJ/DC/"), await Of("/BJ/XC/"));
    }

    [Fact]
    public async Task The_roll_up_gives_the_attempts_figures_after_starts_through_the_API_and_a_rebuild()
    {
        var day = FreshDay();
        var admin = await ClientAsync("admin");
        var quizA = await QuizAsync(admin);
        var quizB = await QuizAsync(admin);
        var dc = await CultureTestData.MembersWithAccountsAsync(App, "/BJ/DC/", 2);
        var xc = await CultureTestData.MembersWithAccountsAsync(App, "/BJ/XC/", 1);
        // An account with a verified phone, counted for its own unit: it takes quiz A in a DongCheng union, then moves to a XiCheng one.
        var mover = await CultureTestData.AccountAsync(App, dc[0].UnitId, null, phoneConfirmed: true);
        var month = new DateOnly(day.Year, day.Month, 1);
        var before = await TakersAsync(month, month.AddMonths(1));

        var w0 = await ClientAsync(dc[0].UserName);
        var first = await StartAsync(w0, quizA);
        Assert.Equal(1, first.Number);
        Assert.True((await w0.PostAsync($"{Base}/attempts/{first.Id}/submit", null)).IsSuccessStatusCode);
        Assert.Equal(2, (await StartAsync(w0, quizA)).Number);           // a second attempt: not a first one
        await StartAsync(w0, quizB);                                      // another quiz's first attempt: the same taker
        await StartAsync(await ClientAsync(dc[1].UserName), quizA);
        await StartAsync(await ClientAsync(xc[0].UserName), quizA);
        var m = await ClientAsync(mover.UserName);
        await StartAsync(m, quizA);
        var moverId = await App.WithDbAsync(db => db.Set<AppUser>().Where(u => u.UserName == mover.UserName).Select(u => u.Id).SingleAsync());
        await App.WithDbAsync(db => db.Set<AppUser>().Where(u => u.Id == moverId).ExecuteUpdateAsync(s => s.SetProperty(u => u.OrgUnitId, xc[0].UnitId)));
        App.Services.GetRequiredService<IMemoryCache>().Remove(("culture.participant", moverId));
        await StartAsync(m, quizB);                                       // now under the XiCheng union

        var after = await TakersAsync(month, month.AddMonths(1));
        Assert.Equal((before.City + 4, before.Dc + 3, before.Xc + 2), after); // the mover once in the city, once in each district
        await AssertRollupEqualsAttemptsAsync(day, "after the starts");

        await App.WithScopeAsync(async sp =>
        {
            var n = await sp.GetServices<IRollup>().Single(r => r.Name == "culture").RebuildAsync(TestContext.Current.CancellationToken);
            Assert.True(n >= 6);
        });
        Assert.Equal(after, await TakersAsync(month, month.AddMonths(1)));
        await AssertRollupEqualsAttemptsAsync(day, "after the rebuild");
    }

    [Fact]
    public async Task An_account_under_two_units_in_a_year_counts_once_where_both_are_in_scope()
    {
        // A year no attempt reaches, written as the seeders write (attempts in bulk, then one fold per quiz): an account takes a quiz in March
        // under a DongCheng union, and in May another under a XiCheng one; a second account only in March.
        const int year = 2091;
        var (dcUnit, xcUnit) = ("/BJ/DC/RU2091/", "/BJ/XC/RU2091/");
        var (u, v) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var (march, may) = (BeijingTime.ToUtc(new DateOnly(year, 3, 5), new TimeOnly(10, 0)), BeijingTime.ToUtc(new DateOnly(year, 5, 20), new TimeOnly(23, 30)));
        async Task FoldAsync(params (Guid User, string Unit, DateTimeOffset At, int Number)[] attempts)
        {
            var quiz = Guid.CreateVersion7();
            await App.WithDbAsync(async db =>
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                db.AddRange(attempts.Select(a => QuizAttempt.Loaded(Guid.CreateVersion7(), quiz, a.Number, a.User, null, Guid.CreateVersion7(), a.Unit, a.At,
                    a.At.AddMinutes(15), null, null, null, "")));
                await db.SaveChangesAsync();
                await TakerRollup.ApplyAsync(db, TakerRollup.Source.Quiz, quiz, default);
                await TakerRollup.ApplyAsync(db, TakerRollup.Source.Quiz, quiz, default); // folding the same attempts again changes nothing
                await tx.CommitAsync();
                return 0;
            });
        }
        DateOnly M(int month) => new(year, month, 1);
        async Task AssertAsync(string when, (long, long, long) y, (long, long, long) q1, (long, long, long) q2, (long, long, long) mar, (long, long, long) mayM)
        {
            Assert.Equal(y, await TakersAsync(M(1), M(1).AddYears(1)));
            Assert.Equal(q1, await TakersAsync(M(1), M(4)));
            Assert.Equal(q2, await TakersAsync(M(4), M(7)));
            Assert.Equal(mar, await TakersAsync(M(3), M(4)));
            Assert.Equal(mayM, await TakersAsync(M(5), M(6)));
            using var scope = App.Services.CreateScope();
            var source = scope.ServiceProvider.GetServices<IIndicatorSource>().OfType<CultureIndicators>().Single();
            var byDistrict = await source.ComputeByDistrictAsync(new DistrictQuery(M(1), M(1).AddYears(1), "/BJ/", ["/BJ/DC/", "/BJ/XC/"]), default);
            Assert.Equal((y.Item2, y.Item3), (byDistrict["/BJ/DC/"][0].Value, byDistrict["/BJ/XC/"][0].Value));
            await AssertRollupEqualsAttemptsAsync(new DateOnly(year, 3, 5), when);
            await AssertRollupEqualsAttemptsAsync(new DateOnly(year, 5, 20), when);
        }

        await FoldAsync((u, dcUnit, march, 1), (u, dcUnit, march.AddDays(1), 2), (v, dcUnit, march.AddDays(3), 1));
        await AssertAsync("March", (2, 2, 0), (2, 2, 0), (0, 0, 0), (2, 2, 0), (0, 0, 0));
        await FoldAsync((u, xcUnit, may, 1));
        await FoldAsync((u, dcUnit, march.AddDays(10), 1)); // another quiz in March: the same row
        await AssertAsync("May", (2, 2, 1), (2, 2, 0), (1, 0, 1), (2, 2, 0), (1, 0, 1));
    }
}

[Collection(IndicatorsCollections.Sqlite)]
public sealed class CultureRollupTests_Sqlite(SqliteIndicatorsApp app) : CultureRollupTests<SqliteIndicatorsApp>(app);

[Collection(IndicatorsCollections.Postgres)]
public sealed class CultureRollupTests_Postgres(PostgresIndicatorsApp app) : CultureRollupTests<PostgresIndicatorsApp>(app);
