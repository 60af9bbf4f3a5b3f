using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Reports.Indicators;
using Gonghui.Modules.Reports.Rules;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Reports.Scenario;

/// <summary>
/// The last step of a scenario (configuration Gonghui:Scenario = beijing-2020, set by <c>gonghui scenario</c>; a no-op with the
/// plain demo): computes the 2020 report for the city from what the demo seeders wrote, and asks each module's
/// <see cref="IScenarioSeeder"/> to add the 2020 records that are missing to reach the review's figures at the scale
/// (<see cref="SeedFigures"/>; for "over" 1 % above). A figure already above its target is left as it is (the check reports it).
/// Each module's step is one unit of work (<see cref="RunStepAsync"/>): its records, its ledger postings and an audit mark saying
/// the step is done commit together, or nothing of it does; <see cref="ScenarioState"/> reads the marks back.
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
            await RunStepAsync(sp, db, module, Year, missing, ct);
        }
        // The mark of a finished run: a later `gonghui scenario` on this database says it holds a whole year.
        await db.SaveChangesWithAuditAsync([AuditTrail.Custom(ScenarioState.Actor, ScenarioState.DoneAction, ScenarioState.EntityType,
            $"{ScenarioCli.Name}:{Year}", null, new { scale }, sp.GetRequiredService<TimeProvider>().GetUtcNow())], ct);
    }

    /// <summary>
    /// One module's step as one transaction: the seeder's writes (entities, <c>RowWriter</c> rows, the fund ledger's postings — all join
    /// the open transaction) and the audit mark <see cref="ScenarioState.StepAction"/> naming the module commit together. A step that
    /// throws (or is cancelled) is rolled back whole: no payment without its record, no mark.
    /// </summary>
    internal static async Task RunStepAsync(IServiceProvider sp, GonghuiDb db, IScenarioSeeder module, int year, IReadOnlyDictionary<string, long> missing, CancellationToken ct)
    {
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                await module.AddAsync(sp, year, missing, ct);
                await db.SaveChangesWithAuditAsync([AuditTrail.Custom(ScenarioState.Actor, ScenarioState.StepAction, ScenarioState.EntityType,
                    ScenarioState.StepId(year, module), null, missing, now)], ct);
                await tx.CommitAsync(ct);
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw; // the transaction is rolled back as it is disposed
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>
/// What a database holds of the scenario, read from the audit marks its run leaves: one per module step done
/// (<see cref="StepAction"/>, written in the step's own transaction) and one when the whole run finished (<see cref="DoneAction"/>).
/// </summary>
internal sealed record ScenarioState(bool HasData, bool Done, IReadOnlyList<string> StepsDone)
{
    public const string Actor = "system:scenario";
    public const string EntityType = "Scenario";
    public const string StepAction = "scenario.step";
    public const string DoneAction = "scenario.done";

    public static string StepId(int year, IScenarioSeeder module) => $"{ScenarioCli.Name}:{year}:{module.GetType().Name}";

    public static async Task<ScenarioState> ReadAsync(GonghuiDb db, CancellationToken ct)
    {
        var hasData = await db.UnitRows().AnyAsync(ct);
        var marks = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == EntityType).OrderBy(a => a.Seq)
            .Select(a => new { a.Action, a.EntityId }).ToListAsync(ct);
        return new ScenarioState(hasData, marks.Any(m => m.Action == DoneAction),
            marks.Where(m => m.Action == StepAction).Select(m => m.EntityId[(m.EntityId.LastIndexOf(':') + 1)..]).ToList());
    }
}
