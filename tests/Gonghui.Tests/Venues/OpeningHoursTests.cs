using Gonghui.Modules.Venues;
using Gonghui.Modules.Venues.Listing;

namespace Gonghui.Tests.Venues;

public sealed class OpeningHoursTests
{
    private static OpeningHours Parse(string s) => OpeningHours.TryParse(s, out var e) ?? throw new InvalidOperationException(e);

    // 2026-11-23 is a Monday; 2026-10-01 a Thursday.
    [Theory]
    [InlineData("Mo-Fr 08:00-20:00", "2026-11-23 07:59", false)]
    [InlineData("Mo-Fr 08:00-20:00", "2026-11-23 08:00", true)]
    [InlineData("Mo-Fr 08:00-20:00", "2026-11-23 19:59", true)]
    [InlineData("Mo-Fr 08:00-20:00", "2026-11-23 20:00", false)]
    [InlineData("Mo-Fr 08:00-20:00", "2026-11-28 12:00", false)] // Saturday
    [InlineData("Mo-Su 22:00-06:00", "2026-11-23 23:59", true)]
    [InlineData("Mo-Su 22:00-06:00", "2026-11-24 00:00", true)]  // midnight belongs to yesterday's shift
    [InlineData("Mo-Su 22:00-06:00", "2026-11-24 05:59", true)]
    [InlineData("Mo-Su 22:00-06:00", "2026-11-24 06:00", false)]
    [InlineData("Mo-Su 22:00-06:00", "2026-11-24 21:59", false)]
    [InlineData("Fr 18:00-02:00", "2026-11-28 01:30", true)]    // Saturday 01:30, Friday night's shift
    [InlineData("Fr 18:00-02:00", "2026-11-28 02:00", false)]
    [InlineData("Fr 18:00-02:00", "2026-11-23 01:30", false)]   // Monday 01:30: Sunday had no shift
    [InlineData("Mo-Su 08:00-24:00", "2026-11-23 23:59", true)]
    [InlineData("Mo-Su 08:00-24:00", "2026-11-24 00:00", false)]
    [InlineData("Mo-Su 08:00-00:00", "2026-11-23 23:59", true)]
    [InlineData("Mo-Su 08:00-00:00", "2026-11-24 00:00", false)]
    [InlineData("24/7", "2026-11-24 00:00", true)]
    [InlineData("24/7", "2026-11-24 03:17", true)]
    [InlineData("24/7; 2026-10-01 off", "2026-10-01 12:00", false)] // a 24-hour venue closed for the holiday
    [InlineData("24/7; 2026-10-01 off", "2026-10-02 00:00", true)]
    [InlineData("Mo-Fr 09:00-17:00; 2026-10-01 off", "2026-10-01 10:00", false)]
    [InlineData("Mo-Fr 09:00-17:00; 2026-10-01 off", "2026-10-02 10:00", true)]
    [InlineData("Mo-Fr 09:00-17:00; 2026-10-03 10:00-14:00", "2026-10-03 11:00", true)] // Saturday special opening (调休)
    [InlineData("Mo-Fr 09:00-17:00; 2026-10-03 10:00-14:00", "2026-10-03 15:00", false)]
    [InlineData("Mo-Su 20:00-02:00; 2026-10-01 off", "2026-10-01 01:00", true)]  // the evening before still runs past midnight
    [InlineData("Mo-Su 20:00-02:00; 2026-10-01 off", "2026-10-01 21:00", false)]
    [InlineData("Mo-Su 20:00-02:00; 2026-10-01 off", "2026-10-02 01:00", false)] // the holiday had no evening shift
    [InlineData("Mo-Fr 08:00-12:00,14:00-18:00", "2026-11-23 13:00", false)]
    [InlineData("Mo-Fr 08:00-12:00,14:00-18:00", "2026-11-23 14:30", true)]
    [InlineData("Sa-Mo 10:00-16:00", "2026-11-23 11:00", true)]  // Saturday to Monday wraps over Sunday
    [InlineData("Sa-Mo 10:00-16:00", "2026-11-24 11:00", false)]
    public void Open_at_local_times(string hours, string local, bool open)
    {
        var at = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(open, Parse(hours).IsOpenAt(at));
    }

    [Fact]
    public void Instants_are_judged_in_Shanghai_time()
    {
        var h = Parse("Mo-Fr 09:00-17:00");
        // 2026-11-23 01:30 UTC is 09:30 Monday in Shanghai; 2026-11-23 09:30 UTC is 17:30 there.
        Assert.True(h.IsOpenAt(new DateTimeOffset(2026, 11, 23, 1, 30, 0, TimeSpan.Zero)));
        Assert.False(h.IsOpenAt(new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero)));
        // Sunday 23:30 UTC is Monday 07:30 in Shanghai: not yet open.
        Assert.False(h.IsOpenAt(new DateTimeOffset(2026, 11, 22, 23, 30, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Mo-Fr")]
    [InlineData("Xx 08:00-10:00")]
    [InlineData("Mo 25:00-26:00")]
    [InlineData("Mo 08:00-08:00")]
    [InlineData("Mo 8-10")]
    [InlineData("2026-02-30 off")]
    [InlineData("Mo 24:00-08:00")]
    public void Invalid_hours_are_rejected(string text) => Assert.Null(OpeningHours.TryParse(text, out _));

    [Theory]
    [InlineData("Mo-Fr 08:00-20:00; Sa,Su 10:00-02:00; 2026-10-01 off", "Mo-Fr 08:00-20:00; Sa,Su 10:00-02:00; 2026-10-01 off")]
    [InlineData("Mo,Tu,We,Th,Fr 09:00-17:00", "Mo-Fr 09:00-17:00")]
    [InlineData("24/7", "24/7")]
    [InlineData("Mo-Su 08:00-00:00", "Mo-Su 08:00-24:00")]
    [InlineData("Mo 09:00-12:00; We 09:00-12:00", "Mo 09:00-12:00; We 09:00-12:00")]
    public void Text_form_round_trips(string input, string canonical)
    {
        Assert.Equal(canonical, Parse(input).ToString());
        Assert.Equal(canonical, Parse(canonical).ToString());
    }
}
