using Gonghui.Modules.Organizations.Demo;
using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Platform.Ids;

namespace Gonghui.Tests.Organizations;

/// <summary>
/// The demo registry's firm names (also the full-scale scenario's 22,100 small firms): a large registry used up every name of
/// one and two trade names, and the generator then looped for ever. Names must stay unique and keep coming.
/// </summary>
public class DemoRegistryNamesTests
{
    [Fact]
    public void Firm_names_and_credit_codes_stay_unique_past_the_space_of_trade_names()
    {
        var names = new HashSet<string>();
        var codes = new HashSet<string>();
        var rng = new PeopleGenerator.SplitMix(42);
        // 60,000 firms: twice the ~30,000 names that one or two trade names and an industry can make.
        for (var i = 0; i < 60_000; i++)
        {
            var before = names.Count;
            var e = RegistryDemoSeeder.NewEnterprise(ref rng, "110101", names, codes, SizeThresholds.Default);
            Assert.Equal(before + 1, names.Count);
            Assert.StartsWith("北京", e.Name);
            Assert.True(CreditCode.IsValid(e.CreditCode), e.CreditCode);
        }
        Assert.Equal(60_000, codes.Count);
        Assert.Contains(names, n => Array.Exists(["望京", "中关村", "亦庄", "国贸"], p => n.Contains(p, StringComparison.Ordinal)));
    }
}
