using System.Reflection;
using System.Text.RegularExpressions;
using Gonghui.Modules.Funds.Public;
using Gonghui.Tests.Infrastructure;

namespace Gonghui.Tests.Browser;

/// <summary>
/// Issue 14.3, words not codes: the main pages rendered in zh-CN show no raw code. The codes are derived from the code itself —
/// every enum member of the modules (statuses, channels, actions, satisfaction, entry kinds, …), the fund codes and the ledger's
/// source kinds (the modules' <c>SourceType</c> / <c>*Source</c> constants) — so a new enum or fund is covered without editing this test.
/// </summary>
[Collection("browser")]
public sealed class WordsNotCodesBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    internal static IReadOnlySet<string> KnownCodes()
    {
        var types = typeof(Program).Assembly.GetTypes().Where(t => t.Namespace?.StartsWith("Gonghui.Modules.", StringComparison.Ordinal) == true).ToList();
        var codes = types.Where(t => t.IsEnum).SelectMany(Enum.GetNames).ToHashSet(StringComparer.Ordinal);
        codes.UnionWith(FundCodes.All);
        codes.UnionWith(types.SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && (f.Name == "SourceType" || f.Name.EndsWith("Source", StringComparison.Ordinal)))
            .Select(f => (string)f.GetRawConstantValue()!));
        codes.Add("anonymous");
        // Words of two letters or fewer are too short to tell from ordinary text.
        codes.RemoveWhere(c => c.Length < 3);
        return codes;
    }

    private static readonly string[] Pages =
        ["/", "/hotline", "/hotline?status=Closed", "/hotline/rates", "/funds", "/mutual-aid", "/insurance", "/loans", "/fee-refunds", "/hardship", "/hardship/queue", "/venues"];

    [Fact]
    public async Task Main_pages_in_Chinese_show_words_not_codes()
    {
        var codes = KnownCodes();
        Assert.Contains("Portal", codes);
        Assert.Contains("medical-relief", codes);
        Assert.Contains("MutualAidClaim", codes);
        var pattern = new Regex(@"(?<![A-Za-z0-9_-])(" + string.Join("|", codes.OrderByDescending(c => c.Length).Select(Regex.Escape)) + @")(?![A-Za-z0-9_-])");
        var page = await app.SignedInPageAsync("admin");
        var found = new List<string>();
        var urls = new List<string>(Pages);
        // Detail pages: a closed request (its timeline has the return visit and the close) and a fund's ledger.
        foreach (var (list, link) in new[] { ("/hotline?status=Closed", "a[href^='/hotline/requests/']"), ("/funds", "a[href^='/funds/']") })
        {
            await page.GotoAsync(list);
            if (await page.Locator(link).CountAsync() > 0) urls.Add(new Uri(new Uri(app.BaseUrl), await page.Locator(link).First.GetAttributeAsync("href")).PathAndQuery);
        }
        Assert.Equal(Pages.Length + 2, urls.Count);
        foreach (var url in urls)
        {
            await page.GotoAsync(url);
            var text = await page.InnerTextAsync("main");
            found.AddRange(pattern.Matches(text).Select(m => $"{url}: {m.Value} in “{Around(text, m.Index)}”"));
        }
        Assert.True(found.Count == 0, "raw codes on zh-CN pages:\n" + string.Join("\n", found.Distinct().Take(60)));
    }

    private static string Around(string text, int at) => text.Substring(Math.Max(0, at - 20), Math.Min(text.Length - Math.Max(0, at - 20), 50)).ReplaceLineEndings(" ");
}
