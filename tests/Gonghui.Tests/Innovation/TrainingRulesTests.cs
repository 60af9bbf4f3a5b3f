using Gonghui.Modules.Innovation.Rules;

namespace Gonghui.Tests.Innovation;

public sealed class TrainingRulesTests
{
    private static readonly DateOnly Today = new(2020, 6, 1);

    [Fact]
    public void Good_institutions_and_courses_have_no_errors_and_bad_fields_are_named()
    {
        Assert.Empty(TrainingRules.CheckInstitution("北京工业技师学院", InstitutionKind.College));
        Assert.Equal(["name", "kind"], TrainingRules.CheckInstitution("x", (InstitutionKind)0).Select(e => e.Field));
        Assert.Empty(TrainingRules.CheckCourse("数控加工技能提升班", Today, Today.AddDays(10), 40, 30));
        Assert.Equal(["title", "endsOn", "hours", "capacity"], TrainingRules.CheckCourse("", Today, Today.AddDays(-1), 0, 0).Select(e => e.Field));
        Assert.Equal(["startsOn"], TrainingRules.CheckCourse("数控加工", null, Today, 40, 30).Select(e => e.Field));
    }

    [Fact]
    public void Enrolment_needs_a_seat_a_running_course_and_no_second_place()
    {
        Assert.Null(TrainingRules.CanEnrol(30, 29, Today, Today, false));
        Assert.Equal("enrolment.full", TrainingRules.CanEnrol(30, 30, Today, Today, false));
        Assert.Equal("enrolment.courseOver", TrainingRules.CanEnrol(30, 0, Today.AddDays(-1), Today, false));
        Assert.Equal("enrolment.already", TrainingRules.CanEnrol(30, 30, Today.AddDays(-1), Today, true));
    }

    [Theory]
    [InlineData(0, 40, 0, false)]
    [InlineData(31, 40, 77, false)]
    [InlineData(32, 40, 80, true)]
    [InlineData(40, 40, 100, true)]
    [InlineData(50, 40, 100, true)]
    [InlineData(5, 0, 0, false)]
    public void A_certificate_needs_eighty_percent_attendance(int attended, int hours, int percent, bool earns)
    {
        Assert.Equal(percent, TrainingRules.AttendancePercent(attended, hours));
        Assert.Equal(earns, TrainingRules.EarnsCertificate(attended, hours));
    }

    [Fact]
    public void Certificate_numbers_carry_the_year_and_the_enrolments_random_part()
    {
        var id = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
        Assert.Equal("PX20201D2E3F4A5B", TrainingRules.CertificateNumber(2020, id));
        Assert.NotEqual(TrainingRules.CertificateNumber(2020, Guid.CreateVersion7()), TrainingRules.CertificateNumber(2020, Guid.CreateVersion7()));
    }
}
