using Gonghui.Modules.Insurance;

namespace Gonghui.Tests.Insurance;

/// <summary>A new scheme's terms and payout schedule checked field by field (the scheme page and POST /schemes share the rule).</summary>
public class SchemeRulesTests
{
    private static readonly DateOnly From = new(2020, 1, 1), To = new(2020, 12, 31);
    private static readonly int[] Grades = [10000, 9000, 8000, 7000, 6000, 5000, 4000, 3000, 2000, 1000];

    private static IReadOnlyList<(string Field, string Code)> Check(string? code = "2021-ACC", int? year = 2020, string? name = "意外险", DateOnly? from = null, DateOnly? to = null,
        DateOnly? covid = null, string[]? causes = null, long? sum = 200_000_00, long? family = 100_000_00, long? deductible = 100_00, int? ratio = 8000, long? medicalCap = 23_200_00,
        int[]? grades = null, long? cap = 223_200_00, bool noDates = false) =>
        SchemeRules.Check(code, year, name, noDates ? from : from ?? From, noDates ? to : to ?? To, covid, causes ?? ["traffic", "covid-19"], sum, family, deductible, ratio, medicalCap,
            grades ?? Grades, cap);

    [Fact]
    public void The_2020_programme_is_valid() => Assert.Empty(Check(covid: new DateOnly(2020, 1, 20)));

    [Fact]
    public void A_scheme_without_covid_cover_and_without_family_amounts_is_valid() => Assert.Empty(Check(causes: ["fall"], family: null, deductible: null, medicalCap: null));

    [Theory]
    [InlineData("code")]
    [InlineData("year")]
    [InlineData("name")]
    [InlineData("coverTo")]
    [InlineData("causes")]
    [InlineData("covidFrom")]
    [InlineData("covidAfterEnd")]
    [InlineData("sumInsuredFen")]
    [InlineData("familySumInsuredFen")]
    [InlineData("medicalDeductibleFen")]
    [InlineData("medicalRatioBp")]
    [InlineData("medicalRatioHigh")]
    [InlineData("medicalCapFen")]
    [InlineData("disabilityCount")]
    [InlineData("disabilityIncreasing")]
    [InlineData("disabilityOver100")]
    [InlineData("perPersonCapFen")]
    public void Each_wrong_field_is_named_with_its_code(string wrong)
    {
        var (errors, field, code) = wrong switch
        {
            "code" => (Check(code: " "), "code", "scheme.code"),
            "year" => (Check(year: 1999), "year", "scheme.year"),
            "name" => (Check(name: new string('名', 201)), "name", "scheme.name"),
            "coverTo" => (Check(to: new DateOnly(2019, 12, 31)), "coverTo", "scheme.period"),
            "causes" => (Check(causes: ["traffic", "meteor"]), "causes", "scheme.causes"),
            "covidFrom" => (Check(causes: ["traffic"], covid: new DateOnly(2020, 1, 20)), "covidFrom", "scheme.covidCause"),
            "covidAfterEnd" => (Check(covid: new DateOnly(2021, 1, 20)), "covidFrom", "scheme.covidDate"),
            "sumInsuredFen" => (Check(sum: 0), "sumInsuredFen", "scheme.sumInsured"),
            "familySumInsuredFen" => (Check(family: -1), "familySumInsuredFen", "scheme.familySumInsured"),
            "medicalDeductibleFen" => (Check(deductible: -1), "medicalDeductibleFen", "scheme.medicalDeductible"),
            "medicalRatioBp" => (Check(ratio: null), "medicalRatioBp", "scheme.medicalRatio"),
            "medicalRatioHigh" => (Check(ratio: 10_001), "medicalRatioBp", "scheme.medicalRatio"),
            "medicalCapFen" => (Check(medicalCap: -1), "medicalCapFen", "scheme.medicalCap"),
            "disabilityCount" => (Check(grades: [10000, 9000]), "disabilityBp", "scheme.disabilityGrades"),
            "disabilityIncreasing" => (Check(grades: [10000, 9000, 8000, 7000, 6000, 5000, 4000, 3000, 1000, 2000]), "disabilityBp", "scheme.disabilityGrades"),
            "disabilityOver100" => (Check(grades: [10001, 9000, 8000, 7000, 6000, 5000, 4000, 3000, 2000, 1000]), "disabilityBp", "scheme.disabilityGrades"),
            "perPersonCapFen" => (Check(cap: 0), "perPersonCapFen", "scheme.perPersonCap"),
            _ => throw new ArgumentOutOfRangeException(nameof(wrong)),
        };
        Assert.Equal((field, code), Assert.Single(errors));
    }

    [Fact]
    public void Missing_dates_name_both_ends_of_the_period()
    {
        var errors = Check(noDates: true);
        Assert.Contains(("coverFrom", "scheme.period"), errors);
        Assert.Contains(("coverTo", "scheme.period"), errors);
    }

    [Fact]
    public void Every_wrong_field_is_reported_at_once()
    {
        var errors = SchemeRules.Check(null, null, null, null, null, null, [], null, null, null, null, null, null, null);
        Assert.Equal(["code", "year", "name", "coverFrom", "coverTo", "causes", "sumInsuredFen", "medicalRatioBp", "disabilityBp", "perPersonCapFen"], errors.Select(e => e.Field));
    }
}
