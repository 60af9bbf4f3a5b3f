namespace Gonghui.Modules.Reports.Rules;

/// <summary>
/// The figures the federation published for 2020 (DESIGN.md §6, from the review in shared/source/), keyed by the indicator that
/// computes each, with how precisely the review states it: "exact", "about" to the digits it prints (3.96亿元 → to the million
/// yuan), or "over". Money in fen. Volumes scale with the scenario (--scale); <see cref="SeedFigure.Fixed"/> figures (a contest's
/// trades and winners) do not. The scenario command and the fidelity test compare the computed 2020 report with these.
/// </summary>
public static class SeedFigures
{
    private const long Yuan = 100;

    public static readonly IReadOnlyList<SeedFigure> All =
    [
        SeedFigure.About("hotline.requests", 87_000, 1_000),                          // 8.7万件
        SeedFigure.Exact("services.projects", 1_740),
        SeedFigure.About("services.visits", 4_773_700, 100),                           // 477.37万人次
        SeedFigure.About("mutualaid.payouts", 2_633_700, 100),                         // 263.37万人次
        SeedFigure.About("mutualaid.amount", 358_000_000 * Yuan, 1_000_000 * Yuan),   // 3.58亿元
        SeedFigure.About("venues.workers-homes", 14_000, 1_000),                       // 1.4万个
        SeedFigure.About("venues.warm-stations", 19_000, 1_000),                       // 1.9万个
        SeedFigure.Exact("venues.mother-baby-rooms", 2_325),
        SeedFigure.Exact("venues.map.service-stations", 356),
        SeedFigure.Exact("venues.map.public-workers-homes", 36),
        SeedFigure.Exact("venues.map.warm-stations", 266),
        SeedFigure.Exact("hardship.education.children", 190),
        SeedFigure.About("hardship.education.amount", 1_307_000 * Yuan, 1_000 * Yuan), // 130.7万元
        SeedFigure.About("hardship.warmth", 396_000_000 * Yuan, 1_000_000 * Yuan),    // 3.96亿元
        SeedFigure.About("feerefunds.firms", 22_100, 100),                             // 2.21万家
        SeedFigure.About("feerefunds.amount", 349_000_000 * Yuan, 1_000_000 * Yuan),  // 3.49亿元
        SeedFigure.Exact("loans.firms", 31),
        SeedFigure.About("loans.firms.amount", 8_480_000 * Yuan, 10_000 * Yuan),      // 848万元
        SeedFigure.About("legal.cases", 11_000, 1_000),                                // 1.1万件
        SeedFigure.About("legal.recovered", 150_000_000 * Yuan, 10_000_000 * Yuan),   // 1.5亿元
        SeedFigure.Exact("jobs.employers", 1_760),
        SeedFigure.Over("jobs.posts", 110_000),                                        // 11万余个
        SeedFigure.Fixed("skills.trades", 27),
        SeedFigure.Fixed("skills.craftsmen", 30),
        SeedFigure.Fixed("skills.craftsmen.nominees", 30),
        SeedFigure.Exact("labor.cultivated-firms", 73),
        SeedFigure.Exact("services.campaigns.archived-needy", 415),
        SeedFigure.Exact("services.campaigns.needy", 545),
        SeedFigure.Exact("services.campaigns.front-line", 15_399),
        SeedFigure.About("culture.quiz-takers", 600_000, 10_000),                      // 近60万
        SeedFigure.About("culture.recitation-works", 1_500, 100),                      // 约1500部
    ];
}
