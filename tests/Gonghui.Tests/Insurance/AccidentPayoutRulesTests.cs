using Gonghui.Modules.Insurance;

namespace Gonghui.Tests.Insurance;

/// <summary>The accident-insurance payout rule: each outcome, combinations, caps across claims, cover dates, COVID-19 and family members.</summary>
public class AccidentPayoutRulesTests
{
    private static readonly PayoutSchedule S = AccidentPayoutRules.Schedule2020;
    private static readonly SchemeTerms Terms = new(AccidentCauses.All, new DateOnly(2020, 1, 20));
    private static readonly InsuredPosition Member = InsuredPosition.Fresh(new(2020, 1, 1), new(2020, 12, 31));
    private static readonly InsuredPosition Family = InsuredPosition.Fresh(new(2020, 1, 1), new(2020, 12, 31), family: true);
    private static readonly DateOnly On = new(2020, 6, 1);

    private static AccidentFacts Facts(long medicalFen = 0, int? grade = null, bool death = false, string cause = AccidentCauses.Traffic, DateOnly? on = null) =>
        new(on ?? On, cause, medicalFen, grade, death);

    private static AccidentPayout Pay(AccidentFacts f, InsuredPosition? p = null, PayoutSchedule? s = null, SchemeTerms? t = null) =>
        AccidentPayoutRules.Compute(s ?? S, t ?? Terms, f, p ?? Member);

    [Theory]
    [InlineData(10_000_00, 7_920_00)]       // (10,000 − 100) × 80 %
    [InlineData(1_000_00, 720_00)]          // (1,000 − 100) × 80 %
    [InlineData(100_00, 0)]                 // exactly the deductible
    [InlineData(50_00, 0)]                  // below the deductible
    [InlineData(100_01, 0)]                 // 1 fen × 80 % rounds down to 0
    [InlineData(100_02, 1)]                 // 2 fen × 80 % = 1.6 → 1 fen
    [InlineData(29_100_00, 23_200_00)]      // (29,000 × 80 % = 23,200) exactly the medical cap
    [InlineData(29_100_01, 23_200_00)]      // a fen more is capped
    [InlineData(500_000_00, 23_200_00)]     // far above the medical cap
    public void Medical_expenses_are_reimbursed_above_the_deductible_up_to_the_medical_cap(long medicalFen, long expected)
    {
        var p = Pay(Facts(medicalFen));
        Assert.True(p.Covered);
        Assert.Equal(expected, p.AmountFen);
        Assert.Equal(expected, p.MedicalFen);
        Assert.Equal(0, p.BenefitFen);
        Assert.Equal("payout.total", p.Lines[^1].Code);
        Assert.Equal(expected, p.Lines[^1].AmountFen);
    }

    [Theory]
    [InlineData(1, 200_000_00)]
    [InlineData(2, 180_000_00)]
    [InlineData(3, 160_000_00)]
    [InlineData(4, 140_000_00)]
    [InlineData(5, 120_000_00)]
    [InlineData(6, 100_000_00)]
    [InlineData(7, 80_000_00)]
    [InlineData(8, 60_000_00)]
    [InlineData(9, 40_000_00)]
    [InlineData(10, 20_000_00)]
    public void Disability_pays_the_grade_share_of_the_sum_insured(int grade, long expected)
    {
        var p = Pay(Facts(grade: grade));
        Assert.Equal(expected, p.AmountFen);
        Assert.Equal(expected, p.BenefitFen);
        var line = Assert.Single(p.Lines, l => l.Code == "payout.disability");
        Assert.Equal(grade.ToString(), line.Arg);
        Assert.Equal(S.SumInsuredFen, line.BaseFen);
    }

    [Theory]
    [InlineData(1, 100_000_00)]
    [InlineData(5, 60_000_00)]
    [InlineData(10, 10_000_00)]
    public void A_family_member_is_insured_at_the_family_sum_insured(int grade, long expected) =>
        Assert.Equal(expected, Pay(Facts(grade: grade), Family).AmountFen);

    [Fact]
    public void Death_pays_the_sum_insured()
    {
        var p = Pay(Facts(death: true));
        Assert.Equal(200_000_00, p.AmountFen);
        Assert.Contains(p.Lines, l => l.Code == "payout.death" && l.AmountFen == 200_000_00);
    }

    [Fact]
    public void Death_of_a_family_member_pays_the_family_sum_insured() => Assert.Equal(100_000_00, Pay(Facts(death: true), Family).AmountFen);

    [Fact]
    public void A_scheme_without_family_cover_refuses_a_family_claim()
    {
        var p = Pay(Facts(medicalFen: 10_000_00), Family, S with { FamilySumInsuredFen = 0 });
        Assert.False(p.Covered);
        Assert.Equal("refusal.familyNotCovered", p.Refusal);
        Assert.Equal(0, p.AmountFen);
    }

    [Fact]
    public void Medical_and_disability_combine()
    {
        var p = Pay(Facts(medicalFen: 10_000_00, grade: 3));
        Assert.Equal(7_920_00 + 160_000_00, p.AmountFen);
        Assert.Equal(7_920_00, p.MedicalFen);
        Assert.Equal(160_000_00, p.BenefitFen);
    }

    [Fact]
    public void Medical_and_death_reach_exactly_the_223200_yuan_cap()
    {
        var p = Pay(Facts(medicalFen: 60_000_00, death: true));
        Assert.Equal(223_200_00, p.AmountFen);
        Assert.Equal(22_320_000, S.PerPersonCapFen);
        Assert.DoesNotContain(p.Lines, l => l.Code == "payout.personCap");
    }

    [Fact]
    public void Death_after_a_disability_payout_pays_what_is_left_of_the_sum_insured()
    {
        var p = Pay(Facts(death: true), Member with { GrantedFen = 60_000_00, SumInsuredUsedFen = 60_000_00 });
        Assert.Equal(140_000_00, p.AmountFen);
        Assert.Contains(p.Lines, l => l.Code == "payout.sumInsuredUsed" && l.AmountFen == -60_000_00);
    }

    [Fact]
    public void Disability_never_pays_more_than_the_sum_insured_over_several_claims()
    {
        var p = Pay(Facts(grade: 5), Member with { GrantedFen = 190_000_00, SumInsuredUsedFen = 190_000_00 });
        Assert.Equal(10_000_00, p.AmountFen);
    }

    [Fact]
    public void The_medical_cap_counts_earlier_claims()
    {
        var p = Pay(Facts(medicalFen: 10_000_00), Member with { GrantedFen = 20_000_00, MedicalGrantedFen = 20_000_00 });
        Assert.Equal(3_200_00, p.AmountFen);
        Assert.Contains(p.Lines, l => l.Code == "payout.medicalCap" && l.BaseFen == 3_200_00 && l.AmountFen == 3_200_00 - 7_920_00);
    }

    [Fact]
    public void The_medical_cap_once_used_pays_nothing_more_for_medical_expenses()
    {
        var p = Pay(Facts(medicalFen: 5_000_00), Member with { GrantedFen = 23_200_00, MedicalGrantedFen = 23_200_00 });
        Assert.Equal(0, p.AmountFen);
        Assert.True(p.Covered);
    }

    private static readonly PayoutSchedule Tight = S with { PerPersonCapFen = 90_000_00 };

    [Fact]
    public void The_per_person_cap_is_reached_mid_claim_and_cuts_the_sum_insured_part_first()
    {
        // 60,000 granted before; grade 7 (80,000) + medical 7,920: only 30,000 left of the 90,000 cap.
        var p = Pay(Facts(medicalFen: 10_000_00, grade: 7), Member with { GrantedFen = 60_000_00, SumInsuredUsedFen = 60_000_00 }, Tight);
        Assert.Equal(30_000_00, p.AmountFen);
        Assert.Equal(7_920_00, p.MedicalFen);
        Assert.Equal(30_000_00 - 7_920_00, p.BenefitFen);
        var cap = Assert.Single(p.Lines, l => l.Code == "payout.personCap");
        Assert.Equal(30_000_00 - 87_920_00, cap.AmountFen);
        Assert.Equal("9000000", cap.Arg);
    }

    [Fact]
    public void The_cap_cuts_medical_too_when_the_sum_insured_part_is_not_enough()
    {
        var p = Pay(Facts(medicalFen: 10_000_00, grade: 10), Member with { GrantedFen = 85_000_00 }, Tight);
        Assert.Equal(5_000_00, p.AmountFen);
        Assert.Equal(0, p.BenefitFen);
        Assert.Equal(5_000_00, p.MedicalFen);
    }

    [Fact]
    public void Once_the_cap_is_reached_every_further_claim_pays_nothing()
    {
        var p = Pay(Facts(medicalFen: 10_000_00, grade: 1), Member with { GrantedFen = 223_200_00, MedicalGrantedFen = 23_200_00, SumInsuredUsedFen = 200_000_00 });
        Assert.Equal(0, p.AmountFen);
    }

    [Fact]
    public void Several_claims_in_a_row_never_exceed_the_cap()
    {
        var claims = new[] { Facts(grade: 8), Facts(medicalFen: 15_000_00), Facts(grade: 6), Facts(medicalFen: 20_000_00), Facts(grade: 9), Facts(death: true), Facts(medicalFen: 1_000_00) };
        var pos = Member;
        long total = 0;
        var paid = new List<long>();
        foreach (var f in claims)
        {
            var p = Pay(f, pos, Tight);
            paid.Add(p.AmountFen);
            total += p.AmountFen;
            pos = pos with { GrantedFen = pos.GrantedFen + p.AmountFen, MedicalGrantedFen = pos.MedicalGrantedFen + p.MedicalFen, SumInsuredUsedFen = pos.SumInsuredUsedFen + p.BenefitFen };
        }
        Assert.Equal(90_000_00, total);
        // 60,000 (grade 8); 11,920 medical; grade 6 (100,000) cut to 18,080; nothing after.
        Assert.Equal([60_000_00, 11_920_00, 18_080_00, 0, 0, 0, 0], paid);
    }

    [Fact]
    public void The_2020_cap_holds_over_many_claims_of_every_kind()
    {
        var pos = Member;
        var rng = new Random(7);
        long total = 0;
        for (var i = 0; i < 200; i++)
        {
            var roll = rng.Next(4);
            var f = Facts(medicalFen: rng.Next(0, 5_000_000) + (roll == 3 ? 0 : 1), grade: roll == 1 ? 1 + rng.Next(10) : null, death: roll == 2 && rng.Next(10) == 0);
            var p = Pay(f, pos);
            Assert.True(p.AmountFen >= 0);
            Assert.Equal(p.AmountFen, p.MedicalFen + p.BenefitFen);
            total += p.AmountFen;
            pos = pos with { GrantedFen = pos.GrantedFen + p.AmountFen, MedicalGrantedFen = pos.MedicalGrantedFen + p.MedicalFen, SumInsuredUsedFen = pos.SumInsuredUsedFen + p.BenefitFen };
            Assert.True(pos.MedicalGrantedFen <= S.MedicalCapFen);
            Assert.True(pos.SumInsuredUsedFen <= S.SumInsuredFen);
        }
        Assert.True(total <= 223_200_00);
    }

    [Theory]
    [InlineData(2019, 12, 31)]
    [InlineData(2021, 1, 1)]
    public void An_accident_outside_the_cover_period_is_not_covered(int y, int m, int d)
    {
        var p = Pay(Facts(medicalFen: 10_000_00, on: new DateOnly(y, m, d)));
        Assert.False(p.Covered);
        Assert.Equal("refusal.notCovered", p.Refusal);
        Assert.Equal(0, p.AmountFen);
        Assert.Equal("2020-01-01 – 2020-12-31", p.Lines[0].Arg);
    }

    [Fact]
    public void A_member_enrolled_mid_year_is_not_covered_before_the_cover_starts()
    {
        var late = InsuredPosition.Fresh(new(2020, 7, 1), new(2020, 12, 31));
        Assert.Equal("refusal.notCovered", Pay(Facts(medicalFen: 10_000_00, on: new(2020, 6, 30)), late).Refusal);
        Assert.True(Pay(Facts(medicalFen: 10_000_00, on: new(2020, 7, 1)), late).Covered);
    }

    [Fact]
    public void Covid_with_onset_before_the_scheme_date_is_refused_with_the_date()
    {
        var p = Pay(Facts(medicalFen: 30_000_00, cause: AccidentCauses.Covid19, on: new(2020, 1, 19)));
        Assert.False(p.Covered);
        Assert.Equal("refusal.covidBeforeDate", p.Refusal);
        Assert.Equal("2020-01-20", p.Lines[0].Arg);
    }

    [Theory]
    [InlineData(1, 20)]
    [InlineData(3, 1)]
    [InlineData(12, 31)]
    public void Covid_from_the_scheme_date_on_is_a_covered_accident(int m, int d)
    {
        var p = Pay(Facts(medicalFen: 30_000_00, cause: AccidentCauses.Covid19, on: new(2020, m, d)));
        Assert.True(p.Covered);
        Assert.Equal(23_200_00, p.AmountFen);
    }

    [Fact]
    public void Covid_death_of_a_front_line_workers_family_member_is_covered()
    {
        var p = Pay(Facts(medicalFen: 10_000_00, death: true, cause: AccidentCauses.Covid19, on: new(2020, 2, 10)), Family);
        Assert.Equal(7_920_00 + 100_000_00, p.AmountFen);
    }

    [Fact]
    public void A_scheme_without_a_covid_date_does_not_cover_covid()
    {
        var p = Pay(Facts(medicalFen: 10_000_00, cause: AccidentCauses.Covid19), t: new SchemeTerms(AccidentCauses.All, null));
        Assert.Equal("refusal.covidNotCovered", p.Refusal);
    }

    [Fact]
    public void A_cause_the_scheme_does_not_list_is_refused()
    {
        var p = Pay(Facts(medicalFen: 10_000_00, cause: AccidentCauses.Sports), t: new SchemeTerms([AccidentCauses.Traffic, AccidentCauses.Fall], null));
        Assert.Equal("refusal.causeNotCovered", p.Refusal);
        Assert.Equal(AccidentCauses.Sports, p.Lines[0].Arg);
    }

    [Theory]
    [InlineData("plague", 100, null, false, "cause", "claim.cause")]
    [InlineData("traffic", -1, null, false, "medicalFen", "claim.medical")]
    [InlineData("traffic", 0, 0, false, "disabilityGrade", "claim.grade")]
    [InlineData("traffic", 0, 11, false, "disabilityGrade", "claim.grade")]
    [InlineData("traffic", 0, 3, true, "disabilityGrade", "claim.deathWithDisability")]
    [InlineData("traffic", 0, null, false, "medicalFen", "claim.noOutcome")]
    public void Invalid_facts_name_the_field(string cause, long medical, int? grade, bool death, string field, string code)
    {
        var e = AccidentPayoutRules.Validate(new AccidentFacts(On, cause, medical, grade, death));
        Assert.Equal((field, code), e);
    }

    [Theory]
    [InlineData("traffic", 1, null, false)]
    [InlineData("covid-19", 0, 10, false)]
    [InlineData("fall", 0, null, true)]
    [InlineData("off-duty-work", 500, 1, false)]
    public void Valid_facts_pass(string cause, long medical, int? grade, bool death) =>
        Assert.Null(AccidentPayoutRules.Validate(new AccidentFacts(On, cause, medical, grade, death)));

    [Fact]
    public void Schedules_are_validated()
    {
        Assert.Null(S.Validate());
        Assert.Equal("scheme.sumInsured", (S with { SumInsuredFen = 0 }).Validate());
        Assert.Equal("scheme.medicalRatio", (S with { MedicalRatioBp = 10_001 }).Validate());
        Assert.Equal("scheme.disabilityGrades", (S with { DisabilityBp = [10000, 9000] }).Validate());
        Assert.Equal("scheme.disabilityGrades", (S with { DisabilityBp = [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000] }).Validate());
        Assert.Equal("scheme.perPersonCap", (S with { PerPersonCapFen = 0 }).Validate());
    }

    [Fact]
    public void Grades_round_trip_as_text()
    {
        var text = PayoutSchedule.FormatGrades(S.DisabilityBp);
        Assert.Equal("10000;9000;8000;7000;6000;5000;4000;3000;2000;1000", text);
        Assert.True(PayoutSchedule.TryParseGrades(text, out var back));
        Assert.Equal(S.DisabilityBp, back);
        Assert.False(PayoutSchedule.TryParseGrades("100;x", out _));
    }
}
