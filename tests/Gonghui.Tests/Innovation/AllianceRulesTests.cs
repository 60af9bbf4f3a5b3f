using Gonghui.Modules.Innovation.Rules;

namespace Gonghui.Tests.Innovation;

public sealed class AllianceRulesTests
{
    [Fact]
    public void A_good_alliance_and_need_have_no_errors()
    {
        Assert.Empty(AllianceRules.CheckAlliance("京津冀轨道交通创新联盟", AllianceKind.CrossRegion, null));
        Assert.Empty(AllianceRules.CheckNeed("北京城建集团", "盾构机刀盘磨损预测", "刀盘磨损导致频繁停机换刀,需要在线预测磨损量。"));
    }

    [Fact]
    public void Each_bad_field_is_named()
    {
        Assert.Equal(["name", "kind", "description"], AllianceRules.CheckAlliance(" ", (AllianceKind)7, new string('字', 1001)).Select(e => e.Field));
        Assert.Equal(["enterprise", "title", "problem"], AllianceRules.CheckNeed("", "x", "太短").Select(e => e.Field));
    }

    [Fact]
    public void An_alliance_spans_what_its_kind_promises()
    {
        (string?, string, string)[] oneDistrict = [("110101", "智能制造", "A"), ("110101", "新能源", "B")];
        Assert.False(AllianceRules.Span(AllianceKind.CrossRegion, oneDistrict).SpansItsKind);
        Assert.True(AllianceRules.Span(AllianceKind.CrossIndustry, oneDistrict).SpansItsKind);
        Assert.True(AllianceRules.Span(AllianceKind.SupplyChain, oneDistrict).SpansItsKind);
        (string?, string, string)[] oneFirm = [("110101", "智能制造", "A"), ("110105", "智能制造", "A")];
        var span = AllianceRules.Span(AllianceKind.CrossFirm, oneFirm);
        Assert.False(span.SpansItsKind);
        Assert.Equal(new AllianceSpan(2, 2, 1, 1, false), span);
        Assert.True(AllianceRules.Span(AllianceKind.CrossRegion, oneFirm).SpansItsKind);
        Assert.False(AllianceRules.Span(AllianceKind.CrossIndustry, []).SpansItsKind);
    }

    [Fact]
    public void A_closed_need_takes_no_offers()
    {
        Assert.True(AllianceRules.TakesOffers(NeedStatus.Open));
        Assert.True(AllianceRules.TakesOffers(NeedStatus.Matched));
        Assert.False(AllianceRules.TakesOffers(NeedStatus.Closed));
    }
}

/// <summary>The shared projects of an alliance (pure rules).</summary>
public sealed class SharedProjectRulesTests
{
    [Fact]
    public void A_project_names_its_title_and_each_studios_contribution()
    {
        Assert.Empty(AllianceRules.CheckProject("装配式桥梁快速施工", null, "提供工艺"));
        Assert.Equal(["title", "summary", "contribution"], AllianceRules.CheckProject("x", new string('字', 2001), " ").Select(e => e.Field));
        Assert.Equal(["contribution"], AllianceRules.CheckContribution(new string('字', 501)).Select(e => e.Field));
        Assert.Empty(AllianceRules.CheckContribution("设备"));
    }

    [Theory]
    [InlineData(SharedProjectStatus.Planned, SharedProjectStatus.Active, 2, null)]
    [InlineData(SharedProjectStatus.Planned, SharedProjectStatus.Active, 1, "shared.needsPartners")]
    [InlineData(SharedProjectStatus.Active, SharedProjectStatus.Suspended, 2, null)]
    [InlineData(SharedProjectStatus.Suspended, SharedProjectStatus.Active, 2, null)]
    [InlineData(SharedProjectStatus.Active, SharedProjectStatus.Completed, 2, null)]
    [InlineData(SharedProjectStatus.Planned, SharedProjectStatus.Completed, 2, "shared.illegalTransition")]
    [InlineData(SharedProjectStatus.Suspended, SharedProjectStatus.Completed, 2, "shared.illegalTransition")]
    [InlineData(SharedProjectStatus.Completed, SharedProjectStatus.Active, 2, "shared.illegalTransition")]
    [InlineData(SharedProjectStatus.Active, SharedProjectStatus.Planned, 2, "shared.illegalTransition")]
    [InlineData(SharedProjectStatus.Active, SharedProjectStatus.Active, 2, "shared.illegalTransition")]
    public void Status_moves(SharedProjectStatus from, SharedProjectStatus to, int studios, string? refusal) =>
        Assert.Equal(refusal, AllianceRules.Move(from, to, studios));

    [Fact]
    public void A_completed_project_takes_no_more_studios()
    {
        Assert.False(AllianceRules.TakesStudios(SharedProjectStatus.Completed));
        Assert.True(AllianceRules.TakesStudios(SharedProjectStatus.Suspended));
        Assert.True(AllianceRules.TakesStudios(SharedProjectStatus.Planned));
    }
}
