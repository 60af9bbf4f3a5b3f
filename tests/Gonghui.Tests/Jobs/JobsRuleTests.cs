using System.Text.Json;
using Gonghui.Modules.Jobs.Posts;
using Gonghui.Modules.Jobs.Rules;

namespace Gonghui.Tests.Jobs;

/// <summary>The occupation classification as shipped, the post rules and the JSON-LD a job page carries.</summary>
public sealed class JobsRuleTests
{
    private static readonly Occupations O = Occupations.Current;
    private static readonly HashSet<string> Districts = ["110101", "110105"];
    private static readonly DateOnly Today = new(2026, 12, 6);

    private static PostInput Good() => new(Guid.NewGuid(), "焊工（长期）", "负责钢结构焊接。", "6-18-02-04", EmploymentType.FullTime, new SalaryInput(800_000, 1_200_000), 3,
        "110105", "北京市朝阳区建国路1号", 39.91, 116.45, Today.AddDays(30), null);

    [Fact]
    public void The_classification_ships_with_its_groups_and_the_counts_docs_state()
    {
        // docs/jobs.md states these (the edition announces 8 / 79 / 449 / 1,636; the transcription has one small group and three detailed entries more).
        Assert.Equal(8, O.CountOf(OccupationLevel.Major));
        Assert.Equal(79, O.CountOf(OccupationLevel.Medium));
        Assert.Equal(450, O.CountOf(OccupationLevel.Small));
        Assert.Equal(1639, O.CountOf(OccupationLevel.Detailed));
        Assert.All(O.All.Where(o => o.Parent is not null), o => Assert.NotNull(O.Find(o.Parent)));
        Assert.Equal(["6", "6-18", "6-18-02", "6-18-02-04"], O.Lineage("6-18-02-04").Select(o => o.Code));
        Assert.Equal("焊工", O.Find("6-18-02-04")!.Name);
        Assert.Equal("1-02-04", O.Find("1-02-04")!.Code); // 监察机关负责人: new in the 2022 edition
    }

    [Fact]
    public void A_post_carries_a_leaf_code_and_a_group_finds_it_by_prefix()
    {
        Assert.True(O.IsLeaf("6-18-02-04"));
        Assert.False(O.IsLeaf("6-18-02"));           // a small group with detailed occupations
        Assert.True(O.IsLeaf("2-01-99"));            // "其他…" small group without any
        Assert.False(O.IsLeaf("9-99-99-99"));
        Assert.Equal("6-18", Occupations.GroupOf("6-18-02-04", OccupationLevel.Medium));
        Assert.Equal(OccupationLevel.Small, Occupations.LevelOf("6-18-02"));
        Assert.Equal(4, Occupations.Closeness("6-18-02-04", "6-18-02-04"));
        Assert.Equal(2, Occupations.Closeness("6-18-01-01", "6-18-02-04"));
        Assert.Equal(0, Occupations.Closeness("4-03-02-01", "6-18-02-04"));
        Assert.Equal("6-18-02-04", O.LeafNamed("焊工"));
        Assert.Null(O.LeafNamed("不存在的工种"));
    }

    [Fact]
    public void A_good_post_passes_and_its_groups_are_derived()
    {
        Assert.Empty(PostRules.Validate(Good(), Today, O, Districts, out var f));
        Assert.Equal(800_000, f!.SalaryMinFen);
    }

    [Theory]
    [InlineData("noSalary", "baseSalary", "salary.required")]
    [InlineData("noMax", "baseSalary.maxFen", "salary.required")]
    [InlineData("minOverMax", "baseSalary.maxFen", "salary.minOverMax")]
    [InlineData("zero", "baseSalary.minFen", "salary.range")]
    [InlineData("unknownCode", "occupationCode", "occupation.unknown")]
    [InlineData("groupCode", "occupationCode", "occupation.notLeaf")]
    [InlineData("headcount", "headcount", "headcount.range")]
    [InlineData("outside", "lat", "location.outside")]
    [InlineData("past", "validThrough", "validThrough.past")]
    [InlineData("far", "validThrough", "validThrough.tooFar")]
    [InlineData("district", "districtCode", "district.unknown")]
    [InlineData("title", "title", "required")]
    public void Bad_content_is_named_by_field_and_code(string kind, string field, string code)
    {
        var g = Good();
        var input = kind switch
        {
            "noSalary" => g with { BaseSalary = null },
            "noMax" => g with { BaseSalary = new SalaryInput(800_000, null) },
            "minOverMax" => g with { BaseSalary = new SalaryInput(1_300_000, 1_200_000) },
            "zero" => g with { BaseSalary = new SalaryInput(0, 1_200_000) },
            "unknownCode" => g with { OccupationCode = "6-99-99-98" },
            "groupCode" => g with { OccupationCode = "6-18" },
            "headcount" => g with { Headcount = 0 },
            "outside" => g with { Lat = 31.23, Lng = 121.47 },
            "past" => g with { ValidThrough = Today.AddDays(-1) },
            "far" => g with { ValidThrough = Today.AddDays(400) },
            "district" => g with { DistrictCode = "310101" },
            _ => g with { Title = "  " },
        };
        var errors = PostRules.Validate(input, Today, O, Districts, out var f);
        Assert.Null(f);
        Assert.Contains((field, code), errors);
    }

    [Fact]
    public void Keyword_terms_are_the_bigrams_of_title_and_employer_apart()
    {
        var terms = Gonghui.Modules.Jobs.Search.JobPostTerm.Of(Guid.NewGuid(), "电焊 工", "北京焊工", DateTimeOffset.UnixEpoch, "110105").Select(t => t.Term).ToList();
        Assert.Equal(["电焊", "北京", "京焊", "焊工"], terms);   // no term over the space, none across title and employer, each once
        Assert.Empty(Gonghui.Modules.Jobs.Search.JobPostTerm.Grams("焊"));
    }

    [Fact]
    public void The_distance_box_holds_the_circle()
    {
        var (dLat, dLng, scale) = PostRules.Box(39.9, 10_000);
        Assert.InRange(dLat, 0.0899, 0.0900);
        Assert.InRange(dLng, 0.1170, 0.1174);
        Assert.InRange(scale, 0.766, 0.768);
    }

    [Fact]
    public void JSON_LD_has_the_required_and_recommended_JobPosting_fields()
    {
        var p = new PublicPost(Guid.NewGuid(), "焊工</script><script>alert(1)", "描述", "北京某某公司", "91110105MA00000000", "6-18-02-04", "焊工", EmploymentType.FullTime,
            800_000, 1_200_050, 3, 1, "110105", "朝阳区", "建国路1号", 39.91, 116.45, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), true, null);
        var script = JobPostingLd.Script(p, "https://example.org/jobs/1");
        Assert.DoesNotContain("</script>", script); // safe inside a script element
        var ld = JsonDocument.Parse(script).RootElement;
        Assert.Equal("JobPosting", ld.GetProperty("@type").GetString());
        Assert.Equal("2026-12-01", ld.GetProperty("datePosted").GetString());
        Assert.Equal("2026-12-31T23:59:59+08:00", ld.GetProperty("validThrough").GetString());
        Assert.Equal("FULL_TIME", ld.GetProperty("employmentType").GetString());
        Assert.Equal("北京某某公司", ld.GetProperty("hiringOrganization").GetProperty("name").GetString());
        Assert.Equal("CN", ld.GetProperty("jobLocation").GetProperty("address").GetProperty("addressCountry").GetString());
        var value = ld.GetProperty("baseSalary").GetProperty("value");
        Assert.Equal("CNY", ld.GetProperty("baseSalary").GetProperty("currency").GetString());
        Assert.Equal(8000m, value.GetProperty("minValue").GetDecimal());
        Assert.Equal(12000.5m, value.GetProperty("maxValue").GetDecimal());
        Assert.Equal("MONTH", value.GetProperty("unitText").GetString());
        Assert.Equal(2, ld.GetProperty("totalJobOpenings").GetInt32());
    }
}
