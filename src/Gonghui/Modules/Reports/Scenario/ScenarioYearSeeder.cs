using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Reports.Indicators;
using Gonghui.Modules.Reports.Rules;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Reports.Scenario;

/// <summary>
/// The last step of a scenario (configuration Gonghui:Scenario = beijing-2020, set by <c>gonghui scenario</c>; a no-op with the
/// plain demo): computes the 2020 report for the city from what the demo seeders wrote, and asks each module's
/// <see cref="IScenarioSeeder"/> to add the 2020 records that are missing to reach the review's figures at the scale
/// (<see cref="SeedFigures"/>; for "over" 1 % above). A figure already above its target is left as it is (the check reports it).
/// </summary>
internal sealed class ScenarioYearSeeder(IConfiguration config, ILogger<ScenarioYearSeeder> log) : IDemoSeeder
{
    public const string Setting = "Gonghui:Scenario";
    public const int Year = 2020;

    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        if (config[Setting] != ScenarioCli.Name) return;
        var scale = config.GetValue("Gonghui:Demo:Scale", 1.0);
        var db = sp.GetRequiredService<GonghuiDb>();
        var root = await db.UnitRows().AsNoTracking().Where(u => u.ParentId == null).Select(u => new ReportUnit(u.Id, u.Name, u.Path)).FirstOrDefaultAsync(ct);
        if (root is null) return;
        var builder = sp.GetRequiredService<ReportBuilder>();
        var report = await builder.BuildForAsync(new ReportPeriod(Year, null, null), root, withDistricts: false, ct);
        var computed = report.Parts.SelectMany(p => p.Figures).ToDictionary(f => f.Key, f => f.Value);
        var targets = SeedFigures.All.ToDictionary(s => s.Key, s => s.Scaled(scale).Target);
        foreach (var module in sp.GetServices<IScenarioSeeder>())
        {
            var missing = module.Keys.Where(targets.ContainsKey).ToDictionary(k => k, k => Math.Max(0, targets[k] - computed.GetValueOrDefault(k)));
            if (missing.Values.All(v => v == 0)) continue;
            log.LogInformation("Scenario {Year}: {Module} adds {Missing}", Year, module.GetType().Name,
                string.Join(", ", missing.Where(m => m.Value > 0).Select(m => $"{m.Key} +{m.Value}")));
            await module.AddAsync(sp, Year, missing, ct);
        }
    }
}
