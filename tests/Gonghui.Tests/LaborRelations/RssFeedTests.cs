using System.Text;
using Gonghui.Modules.LaborRelations.Rules;

namespace Gonghui.Tests.LaborRelations;

/// <summary>Reading an RSS 2.0 feed into opinion-item fields (pure): dates, sources, categories, extension elements, refused files.</summary>
public sealed class RssFeedTests
{
    private static RssRead Read(string xml) => RssFeed.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

    [Theory]
    [InlineData("Mon, 01 Jun 2020 09:30:00 +0800", "2020-06-01T01:30:00Z")]
    [InlineData("01 Jun 2020 09:30 +0800", "2020-06-01T01:30:00Z")]
    [InlineData("Tue, 02 Jun 2020 01:00:00 GMT", "2020-06-02T01:00:00Z")]
    [InlineData("Tue, 02 Jun 20 01:00:00 UT", "2020-06-02T01:00:00Z")]
    [InlineData("Mon, 01 Jun 2020 21:30:00 EST", "2020-06-02T02:30:00Z")]
    [InlineData("Mon, 01 Jun 2020 09:30:00", "2020-06-01T01:30:00Z")] // no zone: Beijing time
    [InlineData("2020-06-01T09:30:00+08:00", "2020-06-01T01:30:00Z")]
    public void Publication_dates_are_read_as_rfc_822_or_iso_8601(string text, string utc) =>
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), RssFeed.ParseDate(text));

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("Mon, 31 Feb 2020 09:30:00 +0800")]
    [InlineData("Mon, 01 Foo 2020 09:30:00 +0800")]
    [InlineData("Mon, 01 Jun 2020 09:30:00 XYZ")]
    [InlineData("Mon, 01 Jun 2020 09:30:00 +2500")]
    public void Unreadable_dates_are_null(string text) => Assert.Null(RssFeed.ParseDate(text));

    [Fact]
    public void Items_take_the_channels_title_as_source_and_their_categories_as_sentiment_and_category()
    {
        var r = Read("""
            <rss version="2.0" xmlns:x="urn:x"><channel>
            <item><title>A</title><pubDate>Mon, 01 Jun 2020 09:30:00 +0800</pubDate><category>欠薪</category><category>负面</category><x:district>110101</x:district></item>
            <item><title>B</title><source url="u">微博</source><x:sentiment>中性</x:sentiment><x:industry>制造业</x:industry><description><p>html</p></description><x:creditCode>91110000000000000X</x:creditCode></item>
            <title>监测平台</title>
            </channel></rss>
            """);
        Assert.Null(r.Error);
        Assert.Equal(2, r.Items.Count);
        Assert.Equal((2, "A", "监测平台", "channel/title", "2020-06-01 09:30:00", "负面", "欠薪", "110101", "x:district"),
            (r.Items[0].Line, r.Items[0].Get("title"), r.Items[0].Get("source"), r.Items[0].ElementOf("source"), r.Items[0].Get("publishedAt"), r.Items[0].Get("sentiment"),
                r.Items[0].Get("category"), r.Items[0].Get("district"), r.Items[0].ElementOf("district")));
        Assert.Equal(("微博", "中性", "其他", "制造业", "91110000000000000X"), (r.Items[1].Get("source"), r.Items[1].Get("sentiment"), r.Items[1].Get("category"),
            r.Items[1].Get("industry"), r.Items[1].Get("enterprise")));
        Assert.Null(r.Items[1].Get("publishedAt"));
    }

    [Fact]
    public void An_unreadable_time_is_kept_as_written_so_the_row_check_names_it() =>
        Assert.Equal("soon", Read("<rss version=\"2.0\"><channel><item><title>A</title><pubDate>soon</pubDate></item></channel></rss>").Items[0].Get("publishedAt"));

    [Fact]
    public void Malformed_files_dtds_and_other_formats_are_refused_with_a_line()
    {
        var a = Read("<rss version=\"2.0\">\n<channel>\n<item><title>x</item></channel></rss>");
        Assert.Equal(3, a.ErrorLine);
        Assert.Equal("rss.malformed", a.Error);
        Assert.Equal("rss.malformed", Read("<!DOCTYPE rss [<!ENTITY e \"boom\">]><rss version=\"2.0\"><channel><item><title>&e;</title></item></channel></rss>").Error);
        Assert.Equal("rss.notRss", Read("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry/></feed>").Error);
        Assert.Equal("rss.notRss", Read("<rss version=\"0.91\"><channel/></rss>").Error);
        Assert.Empty(Read("<rss version=\"2.0\"><channel><title>t</title></channel></rss>").Items);
    }
}
