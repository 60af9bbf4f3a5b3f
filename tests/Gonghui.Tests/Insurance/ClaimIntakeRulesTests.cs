using Gonghui.Modules.Insurance;
using Gonghui.Modules.Insurance.Claims;

namespace Gonghui.Tests.Insurance;

/// <summary>The filing checks shared by single filing and the spreadsheet intake, and the intake's pure helpers.</summary>
public class ClaimIntakeRulesTests
{
    private static readonly DateOnly Today = new(2020, 12, 1);

    [Theory]
    [InlineData("2020-05-06", "traffic", 1000L, null, false, null, null)]
    [InlineData("2020-12-01", "fall", 0L, 3, false, null, null)]
    [InlineData("2020-12-01", "fall", 0L, null, true, null, null)]
    [InlineData(null, "traffic", 1000L, null, false, "accidentOn", "claim.accidentOnRequired")]
    [InlineData("2020-12-02", "traffic", 1000L, null, false, "accidentOn", "claim.accidentOnFuture")]
    [InlineData("2020-05-06", "meteor", 1000L, null, false, "cause", "claim.cause")]
    [InlineData("2020-05-06", "", 1000L, null, false, "cause", "claim.cause")]
    [InlineData("2020-05-06", "traffic", -1L, null, false, "medicalFen", "claim.medical")]
    [InlineData("2020-05-06", "traffic", 0L, 0, false, "disabilityGrade", "claim.grade")]
    [InlineData("2020-05-06", "traffic", 0L, 11, false, "disabilityGrade", "claim.grade")]
    [InlineData("2020-05-06", "traffic", 0L, 2, true, "disabilityGrade", "claim.deathWithDisability")]
    [InlineData("2020-05-06", "traffic", 0L, null, false, "medicalFen", "claim.noOutcome")]
    public void The_facts_of_a_claim_are_checked_before_the_cover(string? on, string cause, long medical, int? grade, bool death, string? field, string? code)
    {
        DateOnly? date = on is null ? null : DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture);
        var e = ClaimFiling.CheckFacts(date, cause, medical, grade, death, null, Today);
        Assert.Equal(field, e?.Field);
        Assert.Equal(code, e?.Code);
    }

    [Fact]
    public void A_description_over_500_characters_is_refused_and_blank_is_none()
    {
        Assert.Equal(("description", "claim.descriptionLength"), ClaimFiling.CheckFacts(Today, "fall", 100, null, false, new string('字', 501), Today));
        Assert.Null(ClaimFiling.CheckFacts(Today, "fall", 100, null, false, new string('字', 500), Today));
        Assert.Null(ClaimFiling.CheckFacts(Today, " fall ", 100, null, false, "   ", Today));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("否", false)]
    [InlineData("No", false)]
    [InlineData("0", false)]
    [InlineData("是", true)]
    [InlineData(" yes ", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("身故", true)]
    [InlineData("也许", null)]
    [InlineData("2", null)]
    public void Death_is_read_as_yes_or_no(string text, bool? expected) => Assert.Equal(expected, InsuranceClaimImporter.ParseYesNo(text));

    [Fact]
    public void The_import_key_is_stable_and_changes_with_every_fact()
    {
        var scheme = Guid.CreateVersion7();
        var cover = Guid.CreateVersion7();
        var f = new AccidentFacts(new DateOnly(2020, 5, 6), "traffic", 1000_00, null, false);
        var key = InsuranceClaimImporter.ImportKey(scheme, cover, f);
        Assert.StartsWith("import:", key);
        Assert.True(key.Length <= 200);
        Assert.Equal(key, InsuranceClaimImporter.ImportKey(scheme, cover, f with { }));
        var variants = new[]
        {
            InsuranceClaimImporter.ImportKey(Guid.CreateVersion7(), cover, f),
            InsuranceClaimImporter.ImportKey(scheme, Guid.CreateVersion7(), f),
            InsuranceClaimImporter.ImportKey(scheme, cover, f with { AccidentOn = new DateOnly(2020, 5, 7) }),
            InsuranceClaimImporter.ImportKey(scheme, cover, f with { Cause = "fall" }),
            InsuranceClaimImporter.ImportKey(scheme, cover, f with { MedicalFen = 1000_01 }),
            InsuranceClaimImporter.ImportKey(scheme, cover, f with { DisabilityGrade = 9 }),
            InsuranceClaimImporter.ImportKey(scheme, cover, f with { Death = true }),
        };
        Assert.DoesNotContain(key, variants);
        Assert.Equal(variants.Length, variants.Distinct().Count());
    }

    [Fact]
    public void The_template_has_every_column_by_its_first_chinese_name()
    {
        var header = InsuranceClaimImporter.TemplateCsv.Split("\r\n")[0].Split(',');
        Assert.Equal(InsuranceClaimImporter.Columns.Select(c => c.Names[0]), header);
        Assert.All(InsuranceClaimImporter.Columns.Where(c => c.Required), c => Assert.Contains(c.Names[0], header));
    }
}
