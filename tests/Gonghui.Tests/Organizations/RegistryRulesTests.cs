using Gonghui.Modules.Organizations.Demo;
using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Ids;
using Microsoft.Extensions.Configuration;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Tests.Organizations;

/// <summary>Pure rules of the registry: size classes, the unit tree, and the deterministic people generator.</summary>
public sealed class RegistryRulesTests
{
    private const long Wan = 10_000 * 100; // 1万元 in fen

    [Theory]
    [InlineData(1000, 40_000, SizeClass.Large)]
    [InlineData(5000, 100_000, SizeClass.Large)]
    [InlineData(999, 40_000, SizeClass.Medium)]      // one person short of large
    [InlineData(1000, 39_999, SizeClass.Medium)]     // revenue short of large
    [InlineData(300, 2_000, SizeClass.Medium)]
    [InlineData(299, 2_000, SizeClass.Small)]
    [InlineData(300, 1_999, SizeClass.Small)]
    [InlineData(20, 300, SizeClass.Small)]
    [InlineData(19, 300, SizeClass.Micro)]
    [InlineData(20, 299, SizeClass.Micro)]
    [InlineData(0, 0, SizeClass.Micro)]
    [InlineData(100_000, 0, SizeClass.Micro)]        // many people, no revenue: both floors must be met
    public void Default_thresholds_classify_by_employees_and_revenue(int employees, long revenueWan, SizeClass expected) =>
        Assert.Equal(expected, SizeThresholds.Default.Classify(employees, revenueWan * Wan));

    [Fact]
    public void Thresholds_come_from_configuration_and_missing_values_keep_the_defaults()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gonghui:Enterprises:SizeThresholds:Small:MinEmployees"] = "10",
            ["Gonghui:Enterprises:SizeThresholds:Small:MinRevenueFen"] = "100",
        }).Build();
        var t = SizeThresholds.FromConfiguration(config);
        Assert.Equal(new SizeThreshold(10, 100), t.Small);
        Assert.Equal(SizeThresholds.Default.Large, t.Large);
        Assert.Equal(SizeClass.Small, t.Classify(10, 100));
        Assert.Equal(SizeClass.Micro, SizeThresholds.Default.Classify(10, 100));
    }

    [Theory]
    [InlineData(OrgUnitKind.Federation, OrgUnitKind.DistrictUnion, true)]
    [InlineData(OrgUnitKind.Federation, OrgUnitKind.IndustryUnion, true)]
    [InlineData(OrgUnitKind.DistrictUnion, OrgUnitKind.GrassrootsUnion, true)]
    [InlineData(OrgUnitKind.IndustryUnion, OrgUnitKind.GrassrootsUnion, true)]
    [InlineData(OrgUnitKind.Federation, OrgUnitKind.GrassrootsUnion, false)]
    [InlineData(OrgUnitKind.GrassrootsUnion, OrgUnitKind.GrassrootsUnion, false)]
    [InlineData(OrgUnitKind.DistrictUnion, OrgUnitKind.DistrictUnion, false)]
    [InlineData(OrgUnitKind.GrassrootsUnion, OrgUnitKind.DistrictUnion, false)]
    [InlineData(OrgUnitKind.Federation, OrgUnitKind.ServiceUnit, true)]
    [InlineData(OrgUnitKind.ServiceUnit, OrgUnitKind.GrassrootsUnion, false)]
    [InlineData(OrgUnitKind.ServiceUnit, OrgUnitKind.ServiceUnit, false)]
    [InlineData(OrgUnitKind.DistrictUnion, OrgUnitKind.ServiceUnit, false)]
    [InlineData(OrgUnitKind.IndustryUnion, OrgUnitKind.ServiceUnit, false)]
    public void Tree_rules_say_which_kind_sits_under_which(OrgUnitKind parent, OrgUnitKind child, bool allowed) =>
        Assert.Equal(allowed, OrgTreeRules.CanContain(parent, child));

    [Theory]
    [InlineData(OrgUnitKind.DistrictUnion, true)]
    [InlineData(OrgUnitKind.IndustryUnion, true)]
    [InlineData(OrgUnitKind.ServiceUnit, false)]
    [InlineData(OrgUnitKind.Federation, false)]
    [InlineData(OrgUnitKind.GrassrootsUnion, false)]
    public void Only_district_and_industry_unions_are_district_level_unions(OrgUnitKind kind, bool expected) =>
        Assert.Equal(expected, OrgTreeRules.IsDistrictLevelUnion(kind));

    [Fact]
    public void Generated_people_are_valid_deterministic_and_unique()
    {
        var ids = new HashSet<string>();
        var today = new DateOnly(2026, 1, 1);
        for (var i = 0; i < 20_000; i++)
        {
            var p = PeopleGenerator.Generate(i);
            Assert.True(ResidentId.TryParse(p.IdNumber, out var info, out var error), $"{p.IdNumber}: {error}");
            Assert.Equal(p.BirthDate, info.BirthDate);
            Assert.Equal(p.Sex, info.Sex);
            Assert.InRange(p.BirthDate.Year, 1960, 2004);
            Assert.True(MobilePhone.TryParse(p.Phone, out _), p.Phone);
            Assert.InRange(p.Name.Length, 2, 4);
            Assert.True(p.JoinedOn <= PeopleGenerator.AsOf && p.JoinedOn >= p.BirthDate.AddYears(18));
            Assert.True(ids.Add(p.IdNumber), $"duplicate {p.IdNumber} at {i}");
            var errors = new List<FieldError>();
            Assert.NotNull(MemberRules.Validate(p.Name, p.IdNumber, p.Phone, p.EmploymentType.ToString(), p.JoinedOn.ToString("yyyy-MM-dd"), p.CardNumber, errors, today));
        }
        Assert.Equal(PeopleGenerator.Generate(12345), PeopleGenerator.Generate(12345));
        Assert.NotEqual(PeopleGenerator.Generate(12345).Name + PeopleGenerator.Generate(12345).Phone,
            PeopleGenerator.Generate(12345, seed: 7).Name + PeopleGenerator.Generate(12345, seed: 7).Phone);
        Assert.Equal(PeopleGenerator.Range(100, 3).ToList(), [PeopleGenerator.Generate(100), PeopleGenerator.Generate(101), PeopleGenerator.Generate(102)]);
    }

    [Fact]
    public void Generated_people_mix_employment_types_regions_and_sexes()
    {
        var people = PeopleGenerator.Range(0, 5000).ToList();
        Assert.InRange(people.Count(p => p.EmploymentType == EmploymentType.Regular), 3000, 3900);
        Assert.InRange(people.Count(p => p.EmploymentType == EmploymentType.DispatchWorker), 500, 1100);
        Assert.InRange(people.Count(p => p.EmploymentType == EmploymentType.FlexibleWorker), 500, 1100);
        Assert.InRange(people.Count(p => p.IdNumber.StartsWith("11")), 3200, 4100);
        Assert.InRange(people.Count(p => p.Sex == Sex.Male), 2200, 2800);
        Assert.True(people.Select(p => p.Name).Distinct().Count() > 1500);
    }
}
