using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace Gonghui.Modules.LaborRelations.Rules;

/// <summary>One &lt;item&gt; of a feed as opinion-item fields (keys of the import's columns), with the line it starts on and the element each came from.</summary>
public sealed record RssItem(int Line, IReadOnlyDictionary<string, (string Value, string Element)> Fields)
{
    public string? Get(string key) => Fields.TryGetValue(key, out var f) ? f.Value : null;
    public string ElementOf(string key) => Fields.TryGetValue(key, out var f) ? f.Element : key;
}

/// <summary>A feed read: its items, or why the whole file is refused (line and reason code).</summary>
public sealed record RssRead(IReadOnlyList<RssItem> Items, int? ErrorLine, string? Error);

/// <summary>
/// Reads an RSS 2.0 feed (an uploaded file) into opinion-item fields; pure, no I/O beyond the stream. Per &lt;item&gt;: title; source from
/// &lt;source&gt; or else the channel's title; the time from &lt;pubDate&gt; (RFC 822, turned into Beijing local time; left as written when it
/// cannot be read, so the row check names it); sentiment and category from &lt;category&gt; elements that name one (负面/中性/正面; 欠薪, 裁员, …;
/// no known category is 其他) or from extension elements named <c>sentiment</c> / <c>category</c>; the enterprise (credit code or registered
/// name), district code, industry and major flag from extension elements of those names in any namespace (monitoring services add them).
/// DTDs are refused (no entity expansion).
/// </summary>
public static class RssFeed
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true,
        MaxCharactersInDocument = 50_000_000, Async = false,
    };

    public static RssRead Read(Stream stream)
    {
        var items = new List<RssItem>();
        string? channelTitle = null;
        var pendingSource = new List<Dictionary<string, (string, string)>>();
        try
        {
            using var r = XmlReader.Create(stream, Settings);
            var info = (IXmlLineInfo)r;
            if (!r.ReadToFollowing("rss")) return new([], 1, "rss.notRss");
            if (r.GetAttribute("version") is { } v && !v.StartsWith("2.", StringComparison.Ordinal)) return new([], info.LineNumber, "rss.notRss");
            r.Read();
            while (!r.EOF)
            {
                if (r.NodeType != XmlNodeType.Element) { r.Read(); continue; }
                if (r.LocalName == "title" && r.Depth == 2 && r.NamespaceURI.Length == 0) { channelTitle = r.ReadElementContentAsString().Trim(); continue; }
                if (r.LocalName != "item" || r.NamespaceURI.Length != 0) { r.Read(); continue; }
                var line = info.LineNumber;
                var fields = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
                var categories = new List<string>();
                using (var sub = r.ReadSubtree())
                {
                    sub.Read();
                    sub.Read();
                    while (!sub.EOF)
                    {
                        if (sub.NodeType != XmlNodeType.Element || sub.Depth != 1) { sub.Read(); continue; }
                        var name = sub.LocalName;
                        var plain = sub.NamespaceURI.Length == 0;
                        var qualified = sub.Name;
                        var key = name switch
                        {
                            "title" when plain => "title",
                            "source" when plain => "source",
                            "pubDate" when plain => "publishedAt",
                            "category" when plain => "rss-category",
                            "sentiment" => "sentiment",
                            "category" => "category",
                            "enterprise" or "creditCode" => "enterprise",
                            "district" or "districtCode" => "district",
                            "industry" => "industry",
                            "major" => "major",
                            _ => null,
                        };
                        if (key is null) { sub.Skip(); continue; }
                        var text = sub.ReadElementContentAsString().Trim();
                        if (key == "rss-category") categories.Add(text);
                        else if (key == "publishedAt") fields[key] = (LocalTimeText(text), qualified);
                        else fields[key] = (text, qualified);
                    }
                }
                r.Read();
                if (!fields.ContainsKey("sentiment") && categories.FirstOrDefault(c => OpinionRules.Sentiment(c) is not null) is { } s) fields["sentiment"] = (s, "category");
                if (!fields.ContainsKey("category"))
                    fields["category"] = (categories.FirstOrDefault(c => OpinionRules.Category(c) is not null) ?? "其他", "category");
                pendingSource.Add(fields);
                items.Add(new RssItem(line, fields));
            }
        }
        catch (XmlException e)
        {
            return new([], Math.Max(1, e.LineNumber), "rss.malformed");
        }
        // The channel's title may come after its items; an item without <source> takes it.
        foreach (var f in pendingSource)
            if (!f.ContainsKey("source") && channelTitle is { Length: > 0 }) f["source"] = (channelTitle, "channel/title");
        return new(items, null, null);
    }

    private static readonly Regex Rfc822 = new(
        @"^(?:[A-Za-z]{3},\s*)?(?<d>\d{1,2})\s+(?<mon>[A-Za-z]{3})\s+(?<y>\d{2,4})\s+(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))?\s*(?<z>[+-]\d{4}|[A-Za-z]{1,5})?$",
        RegexOptions.CultureInvariant);

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static readonly Dictionary<string, int> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = 0, ["UT"] = 0, ["UTC"] = 0, ["Z"] = 0, ["EST"] = -5 * 60, ["EDT"] = -4 * 60, ["CST"] = -6 * 60, ["CDT"] = -5 * 60,
        ["MST"] = -7 * 60, ["MDT"] = -6 * 60, ["PST"] = -8 * 60, ["PDT"] = -7 * 60,
    };

    /// <summary>
    /// An RFC 822 date-time (RSS 2.0's pubDate, e.g. <c>Mon, 01 Jun 2020 09:30:00 +0800</c>; also ISO 8601) as an instant; a time without a
    /// zone is taken as Beijing time. Null when it cannot be read.
    /// </summary>
    public static DateTimeOffset? ParseDate(string? text)
    {
        var t = text?.Trim() ?? "";
        if (t.Length == 0) return null;
        var m = Rfc822.Match(t);
        if (m.Success)
        {
            var mon = Array.IndexOf(Months, m.Groups["mon"].Value.ToLowerInvariant()) + 1;
            var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            if (year < 100) year += 2000;
            if (mon < 1) return null;
            int offset;
            var z = m.Groups["z"].Value;
            if (z.Length == 0)
            {
                // no zone: Beijing time, as a Chinese monitoring feed writes it
                try
                {
                    return Gonghui.Platform.Time.BeijingTime.FromLocal(new DateTime(year, mon, int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture),
                        int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["mi"].Value, CultureInfo.InvariantCulture),
                        m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0));
                }
                catch (ArgumentOutOfRangeException) { return null; }
            }
            if (z[0] is '+' or '-') offset = (z[0] == '-' ? -1 : 1) * (int.Parse(z[1..3], CultureInfo.InvariantCulture) * 60 + int.Parse(z[3..5], CultureInfo.InvariantCulture));
            else if (!Zones.TryGetValue(z, out offset)) return null;
            if (Math.Abs(offset) > 14 * 60) return null;
            try
            {
                return new DateTimeOffset(year, mon, int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture),
                    int.Parse(m.Groups["mi"].Value, CultureInfo.InvariantCulture), m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0,
                    TimeSpan.FromMinutes(offset));
            }
            catch (ArgumentOutOfRangeException) { return null; }
        }
        if (DateTimeOffset.TryParseExact(t, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var iso))
            return iso;
        return null;
    }

    /// <summary>The pubDate as Beijing local "yyyy-MM-dd HH:mm:ss" (what the row check reads), or the text as written when unreadable.</summary>
    private static string LocalTimeText(string text) =>
        ParseDate(text) is { } at ? Gonghui.Platform.Time.BeijingTime.ToLocal(at).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : text;
}
