using Gonghui.Platform.Time;
using Gonghui.Tests.Hotline;

namespace Gonghui.Tests.Platform;

/// <summary>The one clock's Beijing helpers: UTC+8 all year, dates that turn at 16:00 UTC.</summary>
public sealed class BeijingTimeTests
{
    private static readonly DateTimeOffset NewYearsEveUtc = new(2026, 12, 31, 16, 30, 0, TimeSpan.Zero); // 00:30 on 1 Jan 2027 in Beijing

    [Fact]
    public void An_instant_after_16_00_UTC_is_already_the_next_day_in_Beijing()
    {
        Assert.Equal(new DateOnly(2027, 1, 1), BeijingTime.DateOf(NewYearsEveUtc));
        Assert.Equal(new DateOnly(2026, 12, 31), BeijingTime.DateOf(NewYearsEveUtc.AddMinutes(-31)));
        Assert.Equal(new DateTime(2027, 1, 1, 0, 30, 0), BeijingTime.ToLocal(NewYearsEveUtc));
        Assert.Equal(TimeSpan.FromHours(8), BeijingTime.ToBeijing(NewYearsEveUtc).Offset);
        Assert.Equal(NewYearsEveUtc, BeijingTime.ToBeijing(NewYearsEveUtc)); // the same instant
    }

    [Fact]
    public void Today_Year_and_Now_come_from_the_injected_clock()
    {
        var clock = new ManualClock(NewYearsEveUtc);
        Assert.Equal(new DateOnly(2027, 1, 1), BeijingTime.Today(clock));
        Assert.Equal(2027, BeijingTime.Year(clock));
        Assert.Equal("2027-01-01T00:30:00+08:00", BeijingTime.FormatIso(BeijingTime.Now(clock)));
        clock.Set(NewYearsEveUtc.AddHours(-1));
        Assert.Equal(2026, BeijingTime.Year(clock));
    }

    [Fact]
    public void Day_month_and_year_boundaries_are_Beijing_midnights_in_UTC()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero), BeijingTime.StartOfDayUtc(new DateOnly(2027, 1, 1)));
        Assert.Equal(TimeSpan.Zero, BeijingTime.StartOfDayUtc(new DateOnly(2027, 1, 1)).Offset);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 16, 0, 0, TimeSpan.Zero), BeijingTime.EndOfDayUtc(new DateOnly(2027, 1, 1)));
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero), BeijingTime.StartOfYearUtc(2027));
        Assert.Equal(new DateTimeOffset(2027, 1, 31, 16, 0, 0, TimeSpan.Zero), BeijingTime.StartOfMonthUtc(2027, 2));
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 4, 0, 0, TimeSpan.Zero), BeijingTime.ToUtc(new DateOnly(2026, 3, 10), new TimeOnly(12, 0)));
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8)), BeijingTime.FromLocal(new DateTime(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Formats_show_Beijing_wall_clock_time()
    {
        Assert.Equal("2027-01-01 00:30", BeijingTime.Format(NewYearsEveUtc));
        Assert.Equal("2027-01-01", BeijingTime.FormatDate(NewYearsEveUtc));
        Assert.Equal("2027-01-01T00:30:00+08:00", BeijingTime.FormatIso(NewYearsEveUtc));
    }

    [Theory]
    [InlineData("2020-07-01T03:00:00Z")]
    [InlineData("2026-01-15T20:45:00Z")]
    [InlineData("1995-06-01T12:00:00Z")]
    public void The_fixed_offset_agrees_with_the_time_zone_database_for_Asia_Shanghai(string utc)
    {
        var t = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        Assert.Equal(TimeZoneInfo.ConvertTime(t, zone).DateTime, BeijingTime.ToLocal(t));
    }
}
