using System.Diagnostics;
using System.Globalization;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Reports.Indicators;
using Gonghui.Modules.Reports.Rules;
using Gonghui.Platform.Cli;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Reports.Scenario;

/// <summary>
/// <c>gonghui scenario beijing-2020 --scale S [--data-dir DIR] [--check]</c> (issue 19.1): generates the federation's 2020 year
/// into an empty database with every module's seeder at scale S (1.0 = the review's figures; 0.01 for tests), with a progress
/// line per module, then counts the records, computes the 2020 report for the city and prints each published figure of
/// DESIGN.md §6 beside the computed one (<see cref="SeedFigures"/>). With --check a figure that does not match exits 1.
/// </summary>
public static class ScenarioCli
{
    public const string Name = "beijing-2020";

    public static async Task<int> RunAsync(IServiceProvider sp, GonghuiDb db, Command cmd, TextWriter @out, TextWriter err)
    {
        if (cmd.Verb.Length < 2 || cmd.Verb[1] != Name) throw new CliException($"scenario: the only scenario is {Name} (gonghui scenario {Name} --scale 0.01).");
        var scaleText = cmd.Option("--scale") ?? "1.0";
        if (!double.TryParse(scaleText, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) || scale <= 0 || scale > 1.0)
            throw new CliException($"scenario: --scale must be a number above 0 and at most 1.0 (was '{scaleText}').");
        var configured = sp.GetRequiredService<IConfiguration>().GetValue<double?>("Gonghui:Demo:Scale");
        if (configured is not { } c || Math.Abs(c - scale) > 1e-12) throw new CliException("scenario: the scale did not reach the seeders (pass --scale on the command line).");
        if (await db.UnitRows().AnyAsync())
            throw new CliException("scenario: this database already holds data; generate the year into a new one (--data-dir NEW_FOLDER).");

        @out.WriteLine($"Generating {Name} at scale {scale.ToString(CultureInfo.InvariantCulture)} ({sp.GetRequiredService<DatabaseSettings>().Provider}).");
        var total = Stopwatch.StartNew();
        var progress = new ConsoleProgress(@out);
        await sp.GetRequiredService<DemoSeeding>().RunAsync(sp, CancellationToken.None, progress);
        var seeding = total.Elapsed;

        var records = await CountRecordsAsync(db);
        @out.WriteLine($"Generated {records:N0} records in {seeding.TotalSeconds:0.0} s = {records / Math.Max(0.001, seeding.TotalSeconds):N0} records/s.");

        var root = await db.UnitRows().AsNoTracking().Where(u => u.ParentId == null).Select(u => new ReportUnit(u.Id, u.Name, u.Path)).SingleAsync();
        var builder = sp.GetRequiredService<ReportBuilder>();
        var watch = Stopwatch.StartNew();
        var report = await builder.BuildForAsync(ReportRules.ReadPeriod(2020, null, null).Period!, root, withDistricts: false, CancellationToken.None);
        @out.WriteLine($"All {report.Parts.Sum(p => p.Figures.Count)} indicators for the city, 2020: {watch.ElapsedMilliseconds} ms.");

        var figures = report.Parts.SelectMany(p => p.Figures).ToDictionary(f => f.Key);
        var mismatches = 0;
        @out.WriteLine();
        @out.WriteLine($"{"figure",-34} {"published (scaled)",20} {"computed",20}  match");
        foreach (var seed in SeedFigures.All)
        {
            var s = seed.Scaled(scale);
            if (!figures.TryGetValue(seed.Key, out var f))
            {
                @out.WriteLine($"{seed.Key,-34} {Describe(s),20} {"(no indicator yet)",20}  -");
                continue;
            }
            var ok = f.Flag is null && s.Matches(f.Value);
            if (!ok) mismatches++;
            @out.WriteLine($"{seed.Key,-34} {Describe(s),20} {(f.Flag ?? f.Value.ToString("N0", CultureInfo.InvariantCulture)),20}  {(ok ? "yes" : "NO")}");
        }
        @out.WriteLine($"Total {total.Elapsed.TotalSeconds:0.0} s; {mismatches} figure(s) off.");
        return cmd.Flag("--check") && mismatches > 0 ? 1 : 0;
    }

    private static string Describe(SeedFigure s) => s.Kind switch
    {
        SeedKind.Exact => s.Value.ToString("N0", CultureInfo.InvariantCulture),
        SeedKind.Over => "> " + s.Value.ToString("N0", CultureInfo.InvariantCulture),
        _ => "≈ " + s.Value.ToString("N0", CultureInfo.InvariantCulture) + " ±" + (s.Granularity / 2).ToString("N0", CultureInfo.InvariantCulture),
    };

    /// <summary>Rows in every table of the model (each module's and the platform's).</summary>
    private static async Task<long> CountRecordsAsync(GonghuiDb db)
    {
        long n = 0;
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync();
        foreach (var t in db.Model.GetEntityTypes().Select(e => (Table: e.GetTableName(), Schema: e.GetSchema())).Where(t => t.Table is not null).Distinct())
        {
            await using var command = conn.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM {(t.Schema is null ? "" : "\"" + t.Schema + "\".")}\"{t.Table}\"";
            n += Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        return n;
    }

    /// <summary>One line per module: "[ 3/14] Hotline ..." then its time, and a bar of the modules done.</summary>
    private sealed class ConsoleProgress(TextWriter @out) : IProgress<DemoStep>
    {
        public void Report(DemoStep s)
        {
            var done = s.Elapsed is null ? s.Step - 1 : s.Step;
            var bar = new string('#', done * 20 / s.Count).PadRight(20, '.');
            @out.WriteLine(s.Elapsed is { } e
                ? $"[{bar}] {s.Step,2}/{s.Count} {s.Module} done in {e.TotalSeconds:0.0} s"
                : $"[{bar}] {s.Step,2}/{s.Count} {s.Module} ...");
        }
    }
}
