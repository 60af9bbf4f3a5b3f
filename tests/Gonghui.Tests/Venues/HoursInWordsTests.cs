using Gonghui.Modules.Venues.Listing;
using Gonghui.Modules.Venues.Pages;
using Gonghui.Modules.Venues.Rules;
using Gonghui.Platform.Time;
using Microsoft.Extensions.Localization;

namespace Gonghui.Tests.Venues;

/// <summary>
/// Opening hours in words (issue 14.6): days with the same hours run together, OSM syntax never shown, and where the hours
/// stand now ("今日营业至 18:00", "已打烊") from <see cref="OpenStatus"/>, a pure function of the hours and the local time.
/// </summary>
public sealed class HoursInWordsTests
{
    private sealed class Words : IStringLocalizer
    {
        // The module's own zh-CN text, read from the .tsv the resx files are made from: the tests read what pages show.
        private static readonly Dictionary<string, string> Zh = File.ReadAllLines(Path.Combine(Root(), "src/Gonghui/Modules/Venues/VenuesText.tsv"))
            .Select(l => l.Split('\t')).Where(p => p.Length >= 2).ToDictionary(p => p[0], p => p[1]);
        public LocalizedString this[string name] => new(name, Zh.GetValueOrDefault(name, name), !Zh.ContainsKey(name));
        public LocalizedString this[string name, params object[] arguments] => this[name];
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => Zh.Select(kv => new LocalizedString(kv.Key, kv.Value));

        private static string Root()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gonghui.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Gonghui.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    private static readonly Words W = new();
    private static OpeningHours H(string text) => OpeningHours.TryParse(text, out var e) ?? throw new ArgumentException(e);
    // 2026-12-07 is a Monday.
    private static DateTime At(string local) => DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("Mo-Fr 09:00-18:00", "周一至周五 9:00–18:00；周六、周日 不开放")]
    [InlineData("Mo-Fr 08:00-20:00; Sa,Su 10:00-16:00", "周一至周五 8:00–20:00；周六、周日 10:00–16:00")]
    [InlineData("Mo-Su 06:00-22:00", "周一至周日 6:00–22:00")]
    [InlineData("Mo-Fr 09:00-12:00,14:00-18:00", "周一至周五 9:00–12:00、14:00–18:00；周六、周日 不开放")]
    [InlineData("Mo-Su 20:00-24:00", "周一至周日 20:00–24:00")]
    [InlineData("Mo,We 09:00-17:00", "周一 9:00–17:00；周二 不开放；周三 9:00–17:00；周四至周日 不开放")]
    [InlineData("24/7", "24小时开放")]
    [InlineData("", "—")]
    [InlineData("not hours", "not hours")]
    public void Hours_read_as_words(string osm, string expected) => Assert.Equal(expected, HoursInWords.Of(osm, W));

    [Theory]
    // Open, closing later today (the issue's own example).
    [InlineData("Mo-Fr 09:00-18:00", "2026-12-07 10:00", true, "今日营业至 18:00")]
    [InlineData("Mo-Fr 09:00-18:00", "2026-12-07 09:00", true, "今日营业至 18:00")]   // opening minute counts
    [InlineData("Mo-Fr 09:00-18:00", "2026-12-07 17:59", true, "今日营业至 18:00")]
    [InlineData("Mo-Fr 09:00-18:00", "2026-12-07 18:00", false, "明日 9:00 开门")]   // closing minute does not
    [InlineData("Mo-Fr 09:00-18:00", "2026-12-07 08:59", false, "今日 9:00 开门")]
    [InlineData("Mo-Fr 09:00-18:00", "2026-12-11 19:00", false, "周一 9:00 开门")]   // Friday evening: Monday next
    [InlineData("Mo-Fr 09:00-18:00", "2026-12-12 12:00", false, "周一 9:00 开门")]   // Saturday
    [InlineData("Mo-Fr 09:00-18:00", "2026-12-13 12:00", false, "明日 9:00 开门")]   // Sunday
    // Split shifts: the lunch break is closed, the afternoon follows.
    [InlineData("Mo-Fr 09:00-12:00,14:00-18:00", "2026-12-07 13:00", false, "今日 14:00 开门")]
    [InlineData("Mo-Fr 09:00-12:00,14:00-18:00", "2026-12-07 11:00", true, "今日营业至 12:00")]
    // Past midnight: open until the next day, and still open after midnight on the shift of the day before.
    [InlineData("Mo-Su 18:00-02:00", "2026-12-07 23:00", true, "营业至次日 2:00")]
    [InlineData("Mo-Su 18:00-02:00", "2026-12-08 01:30", true, "今日营业至 2:00")]
    [InlineData("Mo-Su 18:00-02:00", "2026-12-08 02:00", false, "今日 18:00 开门")]
    [InlineData("Mo-Su 20:00-24:00", "2026-12-07 21:00", true, "今日营业至 24:00")]
    [InlineData("Mo-Su 20:00-00:00", "2026-12-07 21:00", true, "今日营业至 24:00")]
    // Touching openings merge into one: a night and a morning shift, or every day round the clock.
    [InlineData("Mo-Su 00:00-06:00,22:00-24:00", "2026-12-07 23:00", true, "营业至次日 6:00")]
    [InlineData("Mo-Su 00:00-24:00", "2026-12-07 12:00", true, "营业中")]
    [InlineData("24/7", "2026-12-07 03:00", true, "24小时开放")]
    // Dated exceptions: a holiday closes the day; a 24/7 venue closed one day closes at that midnight.
    [InlineData("Mo-Fr 09:00-18:00; 2026-12-08 off", "2026-12-07 19:00", false, "周三 9:00 开门")]
    [InlineData("Mo-Fr 09:00-18:00; 2026-12-07 10:00-14:00", "2026-12-07 12:00", true, "今日营业至 14:00")]
    [InlineData("Mo-Fr 09:00-18:00; 2026-12-07 10:00-14:00", "2026-12-07 09:30", false, "今日 10:00 开门")]
    [InlineData("24/7; 2026-12-09 off", "2026-12-07 12:00", true, "营业至周三 0:00")]
    [InlineData("24/7; 2026-12-07 off", "2026-12-07 12:00", false, "明日 0:00 开门")]
    // Never open in the coming week.
    [InlineData("2026-12-25 09:00-12:00", "2026-12-07 12:00", false, "近期不开放")]
    public void Where_the_hours_stand_now(string osm, string local, bool open, string words)
    {
        var hours = H(osm);
        Assert.Equal(open, OpenStatus.At(hours, At(local)).IsOpen);
        Assert.Equal(hours.IsOpenAt(At(local)), OpenStatus.At(hours, At(local)).IsOpen); // agrees with the map's filter
        Assert.Equal(words, HoursInWords.Now(hours, At(local), W));
        Assert.Equal(open ? (hours.Is24Hours ? "24小时开放" : "营业中") : "已打烊", HoursInWords.Mark(hours, At(local), W));
    }

    [Fact]
    public void The_issue_example_reads_as_written()
    {
        Assert.Equal("周一至周五 9:00–18:00；周六、周日 不开放，今日营业至 18:00",
            HoursInWords.WithToday("Mo-Fr 09:00-18:00", At("2026-12-07 10:00"), W));
        Assert.Equal("24小时开放", HoursInWords.WithToday("24/7", At("2026-12-07 10:00"), W));
        Assert.Equal("—", HoursInWords.WithToday("", At("2026-12-07 10:00"), W));
        Assert.Equal("not hours", HoursInWords.WithToday("not hours", At("2026-12-07 10:00"), W));
    }

    [Fact]
    public void Closing_and_opening_times_are_exact_instants()
    {
        var s = OpenStatus.At(H("Mo-Su 18:00-02:00"), At("2026-12-07 23:00"));
        Assert.Equal(At("2026-12-08 02:00"), s.ClosesAt);
        Assert.Null(s.OpensAt);
        var c = OpenStatus.At(H("Mo-Fr 09:00-18:00"), At("2026-12-12 12:00"));
        Assert.False(c.IsOpen);
        Assert.Equal(At("2026-12-14 09:00"), c.OpensAt);
        Assert.Null(c.ClosesAt);
        var always = OpenStatus.At(H("24/7"), At("2026-12-07 12:00"));
        Assert.True(always.IsOpen);
        Assert.Null(always.ClosesAt); // no end within the horizon
    }

    [Fact]
    public void Agrees_with_the_map_filter_at_every_quarter_hour_of_a_fortnight()
    {
        string[] samples = ["Mo-Fr 09:00-18:00", "Mo-Su 18:00-02:00", "Sa-Mo 22:00-06:00", "Mo-Fr 09:00-12:00,14:00-18:00; 2026-12-10 off",
                            "24/7; 2026-12-09 off", "Mo-Su 00:00-06:00,22:00-24:00", "Tu 23:00-01:00; We 01:00-03:00"];
        foreach (var text in samples)
        {
            var hours = H(text);
            for (var t = At("2026-12-06 00:00"); t < At("2026-12-20 00:00"); t = t.AddMinutes(15))
            {
                var s = OpenStatus.At(hours, t);
                Assert.True(hours.IsOpenAt(t) == s.IsOpen, $"{text} at {t:yyyy-MM-dd HH:mm}");
                if (s.ClosesAt is { } c) Assert.True(c > t && !hours.IsOpenAt(c), $"{text} at {t:yyyy-MM-dd HH:mm}: closes at {c}");
                if (s.OpensAt is { } o) Assert.True(o > t && hours.IsOpenAt(o) && !hours.IsOpenAt(o.AddMinutes(-1)), $"{text} at {t:yyyy-MM-dd HH:mm}: opens at {o}");
            }
        }
    }

    [Fact]
    public void A_page_reads_the_moment_from_the_injected_clock_in_Beijing_time()
    {
        // 02:00 UTC on Monday 7 December is 10:00 in Beijing.
        var clock = new Gonghui.Tests.Hotline.ManualClock(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
        var local = BeijingTime.ToLocal(clock.GetUtcNow());
        Assert.Equal("今日营业至 18:00", HoursInWords.Now(H("Mo-Fr 09:00-18:00"), local, W));
    }
}
