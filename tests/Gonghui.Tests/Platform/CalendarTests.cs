using Gonghui.Platform.Time;
using System.Net;
using System.Text;
using System.Text.Json;
using Gonghui.Modules.Hotline.Deadlines;
using Gonghui.Modules.Hotline.Endpoints;
using Gonghui.Platform.Calendars;
using Gonghui.Tests.Hotline;
using Gonghui.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Platform;

/// <summary>The working-day calendar as data: the shipped State Council years, validation of uploads, and the flag for years without one.</summary>
public sealed class CalendarRuleTests
{
    private static readonly WorkCalendar Cal = WorkCalendar.Shipped();
    private static DateTimeOffset Bj(string local) => BeijingTime.FromLocal(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Every_year_from_2019_to_2026_ships_and_passes_the_upload_checks()
    {
        var files = WorkCalendar.ShippedFiles().ToList();
        Assert.Equal(Enumerable.Range(2019, 8), files.Select(f => f.Year));
        foreach (var (year, json) in files)
        {
            var (file, errors) = CalendarFile.Parse(json);
            Assert.True(errors.Count == 0, $"{year}: {string.Join(", ", errors)}");
            Assert.Equal(year, file!.Year);
            Assert.True(Cal.Covers(year));
        }
        Assert.False(Cal.Covers(2018));
        Assert.False(Cal.Covers(2027));
    }

    [Theory]
    // 2020: the Spring Festival was extended to 2 February and the worked Saturday 1 February cancelled.
    [InlineData("2020-02-01", false)]
    [InlineData("2020-02-02", false)]
    [InlineData("2020-02-03", true)]
    [InlineData("2020-01-19", true)]
    // 2021: Spring Festival 11–17 February, worked Sunday 7 February and Saturday 20 February.
    [InlineData("2021-02-07", true)]
    [InlineData("2021-02-11", false)]
    [InlineData("2021-02-17", false)]
    [InlineData("2021-02-20", true)]
    [InlineData("2021-09-18", true)]
    [InlineData("2019-05-04", false)]
    [InlineData("2019-05-05", true)]
    [InlineData("2022-04-02", true)]
    [InlineData("2023-09-29", false)]
    [InlineData("2023-10-08", true)]
    [InlineData("2024-02-18", true)]
    [InlineData("2024-06-10", false)]
    [InlineData("2025-01-26", true)]
    [InlineData("2025-02-04", false)]
    [InlineData("2025-02-08", true)]
    [InlineData("2026-02-14", true)]
    [InlineData("2026-02-23", false)]
    // Years without a calendar count Monday to Friday.
    [InlineData("2027-02-08", true)]
    [InlineData("2027-02-06", false)]
    public void Working_days_follow_the_notices(string day, bool working) =>
        Assert.Equal(working, Cal.IsWorkingDay(DateOnly.Parse(day)));

    [Fact]
    public void A_2021_deadline_skips_the_Spring_Festival()
    {
        // Received Tuesday 9 Feb 2021: day 1 is Wed 10 Feb, then 11–17 are holidays, so day 2 is Thu 18 and day 3 Fri 19.
        Assert.Equal(Bj("2021-02-19 17:30"), Cal.AddWorkingDays(Bj("2021-02-09 10:00"), 3));
        // Monday to Friday alone would have said Friday 12 February.
        var weekdaysOnly = WorkCalendar.FromFiles([]);
        Assert.Equal(Bj("2021-02-12 17:30"), weekdaysOnly.AddWorkingDays(Bj("2021-02-09 10:00"), 3));
        // 15 working days: 10, 18, 19, Saturday 20 (worked), 22–26, 1–5 March, and Monday 8 March.
        var policy = DeadlinePolicy.Shipped();
        Assert.Equal(Bj("2021-03-08 17:30"), policy.Due(DeadlineKind.Resolution, "labor-dispute", Urgency.Normal, Bj("2021-02-09 10:00")));
        Assert.False(policy.Uncertain(Bj("2021-02-09 10:00"), Bj("2021-03-08 17:30")));
    }

    [Fact]
    public void A_deadline_reaching_a_year_without_a_calendar_is_uncertain_until_that_year_is_uploaded()
    {
        var received = Bj("2026-12-24 10:00");
        var policy = DeadlinePolicy.Shipped();
        var due = policy.Due(DeadlineKind.Resolution, "labor-dispute", Urgency.Normal, received);
        Assert.Equal(2027, BeijingTime.ToLocal(due).Year);
        Assert.True(policy.Uncertain(received, due));
        Assert.False(policy.Uncertain(received, policy.Due(DeadlineKind.Resolution, "legal-advice", Urgency.Normal, received)));
        Assert.True(new DeadlinePolicy(policy.Rules, WorkCalendar.Shipped()).Uncertain(Bj("2030-03-01 10:00"), Bj("2030-03-05 10:00")));

        var with2027 = WorkCalendar.FromFiles([.. WorkCalendar.ShippedFiles().Select(f => CalendarFile.Parse(f.Json).File!), CalendarFile.Parse(Year2027).File!]);
        Assert.True(with2027.Covers(received, due));
        Assert.False(with2027.IsWorkingDay(new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public void Working_day_helpers_count_strictly_after_the_start()
    {
        Assert.Equal(new DateOnly(2021, 2, 19), Cal.AddWorkingDays(new DateOnly(2021, 2, 9), 3));
        Assert.Equal(3, Cal.WorkingDaysBetween(new DateOnly(2021, 2, 9), new DateOnly(2021, 2, 19)));
        Assert.Equal(0, Cal.WorkingDaysBetween(new DateOnly(2021, 2, 10), new DateOnly(2021, 2, 17)));
    }

    internal const string Year2027 = """{"year":2027,"source":"test","holidays":[{"from":"2027-01-01","to":"2027-01-05","name":"元旦"}],"workdays":["2027-01-09"]}""";

    [Theory]
    [InlineData("""{"year":2027,"holidays":[],"workdays":["2027-01-04"]}""", "workdays[0]", "calendar.workday.notWeekend")]
    [InlineData("""{"year":2027,"holidays":[{"from":"2027-01-01","to":"2027-01-03"},{"from":"2027-01-03","to":"2027-01-03"}],"workdays":[]}""", "holidays[1]", "calendar.date.twice")]
    [InlineData("""{"year":2027,"holidays":[{"from":"2027-01-02","to":"2027-01-02"}],"workdays":["2027-01-02"]}""", "workdays[0]", "calendar.date.twice")]
    [InlineData("""{"year":2027,"holidays":[{"from":"2026-12-31","to":"2027-01-01"}],"workdays":[]}""", "holidays[0]", "calendar.date.outsideYear")]
    [InlineData("""{"year":2027,"holidays":[{"from":"2027-01-03","to":"2027-01-01"}],"workdays":[]}""", "holidays[0].to", "calendar.holiday.order")]
    [InlineData("""{"year":2027,"holidays":[{"from":"2027-01-01","to":"2027-03-01"}],"workdays":[]}""", "holidays[0].to", "calendar.holiday.tooLong")]
    [InlineData("""{"year":2027,"holidays":[null],"workdays":[]}""", "holidays[0]", "calendar.holiday.missing")]
    [InlineData("""{"year":1900,"holidays":[],"workdays":[]}""", "year", "calendar.year.range")]
    [InlineData("""{"year":2027,"holidays":[{"from":"2027-13-01","to":"2027-01-01"}]}""", "holidays[0].from", "calendar.json")]
    [InlineData("""not json""", "body", "calendar.json")]
    [InlineData("""null""", "body", "calendar.empty")]
    public void A_bad_upload_names_the_entry_and_the_reason(string json, string field, string code)
    {
        var (file, errors) = CalendarFile.Parse(json);
        Assert.Null(file);
        Assert.Contains((field, code), errors);
    }
}

public sealed class SqliteCalendarClockApp : SqliteApp, IClockApp
{
    public ManualClock Clock { get; } = new(BeijingTime.FromLocal(new DateTime(2026, 12, 24, 10, 0, 0)).ToUniversalTime());
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class PostgresCalendarClockApp : PostgresApp, IClockApp
{
    public ManualClock Clock { get; } = new(BeijingTime.FromLocal(new DateTime(2026, 12, 24, 10, 0, 0)).ToUniversalTime());
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>Uploading a year through the API, and the hotline flagging deadlines that reach a year without a calendar.</summary>
public abstract class CalendarApiTests<TApp>(TApp app) where TApp : GonghuiApp, IClockApp
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static object Call(string category) => new
    {
        category, urgency = "Normal", description = "日历测试 " + Guid.NewGuid().ToString("N")[..8], callerName = "王师傅",
        phone = "139" + Random.Shared.Next(10000000, 99999999), districtCode = "110101", channel = "Phone",
    };

    [Fact]
    public async Task Staff_other_than_the_federation_administrator_cannot_upload_a_calendar()
    {
        var district = await app.ClientAsync("dongcheng");
        Assert.Equal(HttpStatusCode.Forbidden, (await district.PutAsync("/api/v1/calendars/2027", Body(CalendarRuleTests.Year2027))).StatusCode);
        var agent = await app.ClientAsync("agent");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/calendars")).StatusCode);
    }

    [Fact]
    public async Task A_deadline_in_2027_is_flagged_until_the_2027_calendar_is_uploaded()
    {
        var admin = await app.ClientAsync("admin");
        var agent = await app.ClientAsync("agent");

        var bad = await admin.PutAsync("/api/v1/calendars/2027", Body("""{"year":2027,"holidays":[],"workdays":["2027-01-04","2027-01-09","2027-01-09"]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.ReadJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("workdays[0]", out _));
        Assert.True(errors.TryGetProperty("workdays[2]", out _));
        var mismatch = await admin.PutAsync("/api/v1/calendars/2028", Body(CalendarRuleTests.Year2027));
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);

        var before = await agent.PostJsonAsync("/api/v1/hotline/requests", Call("labor-dispute"));
        Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        var dto = (await before.ReadJsonAsync<RequestDto>())!;
        Assert.Equal(2027, BeijingTime.ToLocal(dto.ResolutionDueAt).Year);
        Assert.True(dto.DeadlineUncertain);
        var shortOne = (await (await agent.PostJsonAsync("/api/v1/hotline/requests", Call("legal-advice"))).ReadJsonAsync<RequestDto>())!;
        Assert.False(shortOne.DeadlineUncertain);

        var ok = await admin.PutAsync("/api/v1/calendars/2027", Body(CalendarRuleTests.Year2027));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var years = (await admin.GetJsonAsync<List<CalendarYearInfo>>("/api/v1/calendars"))!;
        Assert.Equal(CalendarSource.Uploaded, years.Single(y => y.Year == 2027).Source);
        Assert.Equal(CalendarSource.Shipped, years.Single(y => y.Year == 2021).Source);
        Assert.Contains("2027-01-09", await admin.GetStringAsync("/api/v1/calendars/2027"));

        var after = (await (await agent.PostJsonAsync("/api/v1/hotline/requests", Call("labor-dispute"))).ReadJsonAsync<RequestDto>())!;
        Assert.False(after.DeadlineUncertain);
        // Monday to Friday alone gave Thursday 14 January; the uploaded holidays (1–5 January) and the worked Saturday
        // 9 January give Monday 18 January.
        Assert.Equal(BeijingTime.FromLocal(new DateTime(2027, 1, 14, 17, 30, 0)), dto.ResolutionDueAt);
        Assert.Equal(BeijingTime.FromLocal(new DateTime(2027, 1, 18, 17, 30, 0)), after.ResolutionDueAt);
        // The request filed before the upload was recomputed on the new calendar: certain now, and past the holidays.
        var recomputed = (await agent.GetJsonAsync<RequestDetailDto>($"/api/v1/hotline/requests/{dto.Id}"))!.Request;
        Assert.False(recomputed.DeadlineUncertain);
        Assert.Equal(after.ResolutionDueAt, recomputed.ResolutionDueAt);
        Assert.True(app.Services.GetRequiredService<CalendarService>().LastRecomputed >= 1);
        var audited = await app.WithDbAsync(db => Task.FromResult(db.AuditEntries.Count(a => a.EntityType == nameof(CalendarYear) && a.EntityId == "2027")));
        Assert.True(audited >= 1);
    }
}

public sealed class CalendarApiTests_Sqlite(SqliteCalendarClockApp app) : CalendarApiTests<SqliteCalendarClockApp>(app), IClassFixture<SqliteCalendarClockApp>;
public sealed class CalendarApiTests_Postgres(PostgresCalendarClockApp app) : CalendarApiTests<PostgresCalendarClockApp>(app), IClassFixture<PostgresCalendarClockApp>;
