using Gonghui.Modules.Venues.Pages;
using Microsoft.Extensions.Localization;

namespace Gonghui.Tests.Venues;

/// <summary>Opening hours in words on the staff list (issue 14.6): days with the same hours run together, OSM syntax never shown.</summary>
public sealed class HoursInWordsTests
{
    private sealed class Words : IStringLocalizer
    {
        private static readonly Dictionary<string, string> Zh = new()
        {
            ["Day.Monday"] = "周一", ["Day.Tuesday"] = "周二", ["Day.Wednesday"] = "周三", ["Day.Thursday"] = "周四", ["Day.Friday"] = "周五",
            ["Day.Saturday"] = "周六", ["Day.Sunday"] = "周日", ["Hours.Through"] = "至", ["Hours.And"] = "、", ["Hours.Sep"] = "；",
            ["Venue.ClosedDay"] = "不开放", ["Map.H24"] = "24小时开放",
        };
        public LocalizedString this[string name] => new(name, Zh.GetValueOrDefault(name, name), !Zh.ContainsKey(name));
        public LocalizedString this[string name, params object[] arguments] => this[name];
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => Zh.Select(kv => new LocalizedString(kv.Key, kv.Value));
    }

    [Theory]
    [InlineData("Mo-Fr 09:00-18:00", "周一至周五 09:00-18:00；周六、周日 不开放")]
    [InlineData("Mo-Fr 08:00-20:00; Sa,Su 10:00-16:00", "周一至周五 08:00-20:00；周六、周日 10:00-16:00")]
    [InlineData("24/7", "24小时开放")]
    [InlineData("", "—")]
    [InlineData("not hours", "not hours")]
    public void Hours_read_as_words(string osm, string expected) => Assert.Equal(expected, HoursInWords.Of(osm, new Words()));
}
