using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Reports.Indicators;
using Gonghui.Modules.Reports.Rules;
using Gonghui.Modules.Reports.Scenario;
using Gonghui.Platform.Cli;
using Gonghui.Platform.Data;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Reports;

/// <summary>
/// Issue 19.4 at the test scale: the demo year the seeders generate at 0.01 (the test apps' Gonghui:Demo:Scale) computes back
/// to the review's 2020 figures, scaled. Every published figure either reproduces, or is listed in <see cref="NotYetReproduced"/>
/// with the reason; a listed figure that starts to match must leave the list.
/// </summary>
public sealed class ReportFidelityTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const double Scale = 0.01;

    /// <summary>
    /// Published figures the test-scale year does not reproduce yet, each with why (issue 19.1: the seeders are not yet generated
    /// to the review's figures). Only shrinks: a figure on this list that starts to match fails the test until it is removed.
    /// </summary>
    private static readonly Dictionary<string, string> NotYetReproduced = new()
    {
        ["hotline.requests"] = "the hotline demo's requests are dated this year, not 2020",
        ["services.projects"] = "the services demo rounds 1,740 × 0.01 up and adds this year's demo projects",
        ["services.visits"] = "4.77M visits are generated in the bench only",
        ["mutualaid.payouts"] = "the mutual-aid demo pays a sample, not 2.63M × scale",
        ["mutualaid.amount"] = "as mutualaid.payouts",
        ["venues.workers-homes"] = "venues carry no 2020 date (a stock figure counted at the period end from the creation date)",
        ["venues.warm-stations"] = "as venues.workers-homes",
        ["venues.mother-baby-rooms"] = "as venues.workers-homes",
        ["venues.map.service-stations"] = "as venues.workers-homes",
        ["venues.map.public-workers-homes"] = "as venues.workers-homes",
        ["venues.map.warm-stations"] = "as venues.workers-homes",
        ["hardship.education.amount"] = "the demo's grants are flat amounts, not the review's total",
        ["hardship.warmth"] = "the warmth demo pays a sample",
        ["feerefunds.firms"] = "the refund demo's batches are not paid in 2020",
        ["feerefunds.amount"] = "as feerefunds.firms",
        ["loans.firms"] = "the loans demo lends to two firms at every scale",
        ["loans.firms.amount"] = "as loans.firms",
        ["legal.recovered"] = "the legal demo recovers about 140M × scale, not 150M",
        ["jobs.employers"] = "the jobs demo posts from 1,760 × scale employers rounded down",
        ["jobs.posts"] = "the jobs demo seeds 6,000 posts at scale 1 (110,000 in the bench)",
        ["skills.trades"] = "a stock figure: the trades are not scaled",
        ["skills.craftsmen"] = "the 大工匠 selection has no ledger of winners yet (issue 15)",
        ["skills.craftsmen.nominees"] = "as skills.craftsmen",
        ["services.summer.archived-needy"] = "the services module publishes it as services.campaigns.archived-needy: align the keys",
        ["services.summer.needy"] = "as services.summer.archived-needy",
        ["services.summer.frontline"] = "as services.summer.archived-needy",
        ["culture.quiz-takers"] = "the 600,000 takers are generated in the bench only",
        ["culture.recitation-works"] = "the 1,500 works are generated in the bench only",
    };

    private async Task<IndicatorReportDto> Report2020Async()
    {
        IndicatorReportDto? report = null;
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GonghuiDb>();
            var root = await db.UnitRows().AsNoTracking().Where(u => u.ParentId == null).Select(u => new ReportUnit(u.Id, u.Name, u.Path)).SingleAsync();
            report = await sp.GetRequiredService<ReportBuilder>().BuildForAsync(ReportRules.ReadPeriod(2020, null, null).Period!, root, false, default);
        });
        return report!;
    }

    [Fact]
    public async Task The_2020_report_reproduces_the_review_at_the_test_scale()
    {
        var figures = (await Report2020Async()).Parts.SelectMany(p => p.Figures).ToDictionary(f => f.Key);
        var off = new List<string>();
        foreach (var seed in SeedFigures.All)
        {
            var s = seed.Scaled(Scale);
            var matches = figures.TryGetValue(seed.Key, out var f) && f.Flag is null && s.Matches(f.Value);
            var computed = f is null ? "no indicator" : $"{f.Value} {f.Flag}";
            if (NotYetReproduced.ContainsKey(seed.Key))
            {
                if (matches) off.Add($"{seed.Key} matches now ({computed}): remove it from NotYetReproduced");
                continue;
            }
            if (!matches) off.Add($"{seed.Key}: published {seed.Value} → {s.Kind} {s.Value} (±{s.Granularity / 2}) at {Scale}, computed {computed}");
        }
        Assert.True(SeedFigures.All.Count - NotYetReproduced.Count >= 2, "at least the figures reproduced today stay reproduced");
        Assert.True(off.Count == 0, "Figures off the review:\n" + string.Join("\n", off));
    }

    [Fact]
    public async Task The_scenario_command_refuses_bad_arguments_and_a_database_with_data()
    {
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GonghuiDb>();
            async Task<string> Refused(params string[] args) =>
                (await Assert.ThrowsAsync<CliException>(() => ScenarioCli.RunAsync(sp, db, CommandLine.Parse(args), TextWriter.Null, TextWriter.Null))).Message;
            Assert.Contains("only scenario is beijing-2020", await Refused("scenario", "shanghai-2020", "--scale", "0.01"));
            Assert.Contains("only scenario is beijing-2020", await Refused("scenario"));
            Assert.Contains("--scale must be", await Refused("scenario", "beijing-2020", "--scale", "0"));
            Assert.Contains("--scale must be", await Refused("scenario", "beijing-2020", "--scale", "2"));
            Assert.Contains("--scale must be", await Refused("scenario", "beijing-2020", "--scale", "abc"));
            Assert.Contains("did not reach the seeders", await Refused("scenario", "beijing-2020", "--scale", "0.5"));
            Assert.Contains("already holds data", await Refused("scenario", "beijing-2020", "--scale", "0.01"));
        });
        Assert.Equal(["--Gonghui:Demo:Scale=0.01"], CommandLine.Parse(["scenario", "beijing-2020", "--scale", "0.01"]).HostArgs);
    }
}
