using System.Diagnostics;
using System.Globalization;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Reports.Export;
using Gonghui.Modules.Reports.Indicators;
using Gonghui.Modules.Reports.Pages;
using Gonghui.Modules.Reports.Rules;
using Gonghui.Platform.Cli;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Printing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Reports.Scenario;

/// <summary>
/// <c>gonghui scenario beijing-2020 --scale S [--data-dir DIR] [--check] [--bench [--out DIR]]</c> (issue 19.1): generates the
/// federation's 2020 year into an empty database with every module's demo seeder at scale S (1.0 = the review's figures; 0.01
/// for tests) and then the scenario's step (<see cref="ScenarioYearSeeder"/>: each module's <see cref="IScenarioSeeder"/> adds the
/// 2020 records still missing), with a progress line per module, then counts the records, computes the 2020 report for the city
/// and prints each published figure of DESIGN.md §6 beside the computed one (<see cref="SeedFigures"/>). With --check a figure
/// that does not match exits 1. With --bench it then times the reports against issue 19's limits (<see cref="BenchAsync"/>).
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
        if (configured is not { } c || Math.Abs(c - scale) > 1e-12 || sp.GetRequiredService<IConfiguration>()[ScenarioYearSeeder.Setting] != Name)
            throw new CliException("scenario: the scale did not reach the seeders (pass --scale on the command line).");
        var existing = cmd.Flag("--existing");
        var hasData = await db.UnitRows().AnyAsync();
        if (hasData && !existing) throw new CliException(await RefusalAsync(db));
        if (!hasData && existing)
            throw new CliException("scenario: --existing needs a database that already holds the generated year; this one is empty.");

        var total = Stopwatch.StartNew();
        var provider = sp.GetRequiredService<DatabaseSettings>().Provider;
        var scaleShown = scale.ToString(CultureInfo.InvariantCulture);
        // --existing: the year already in this database, complete or cut short. Every step adds only what its figures still miss (a
        // complete year gets nothing), so a run cut short is finished here and a complete one is only checked and timed again.
        @out.WriteLine(existing
            ? $"Completing the {Name} year already in this database at scale {scaleShown} ({provider}): only what is missing is added."
            : $"Generating {Name} at scale {scaleShown} ({provider}).");
        var before = existing ? await CountRecordsAsync(db) : 0;
        var progress = new ConsoleProgress(@out);
        try
        {
            await sp.GetRequiredService<DemoSeeding>().RunAsync(sp, CancellationToken.None, progress);
        }
        catch (Exception e) when (e is not CliException)
        {
            var state = await ScenarioState.ReadAsync(db, CancellationToken.None);
            await err.WriteLineAsync($"scenario: generation stopped: {e.GetType().Name}: {e.Message}");
            await err.WriteLineAsync(state.StepsDone.Count == 0
                ? "scenario: no scenario step was done (it stopped in the demo data); the database is incomplete: delete it and generate again into a new one."
                : $"scenario: scenario steps done: {string.Join(", ", state.StepsDone)}. The step that failed left nothing behind (each step is one transaction), "
                  + "but the year is incomplete: finish it with --existing, or generate again into a new database.");
            return 1;
        }
        var seeding = total.Elapsed;
        var records = await CountRecordsAsync(db);
        @out.WriteLine(existing
            ? $"The database holds {records:N0} records ({records - before:N0} added in {seeding.TotalSeconds:0.0} s)."
            : $"Generated {records:N0} records in {seeding.TotalSeconds:0.0} s = {records / Math.Max(0.001, seeding.TotalSeconds):N0} records/s.");

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
        var benchOk = !cmd.Flag("--bench") || await BenchAsync(sp, db, root, cmd.Option("--out"), @out, CancellationToken.None);
        return (cmd.Flag("--check") && mismatches > 0) || !benchOk ? 1 : 0;
    }

    /// <summary>
    /// The reports bench (issue 19, "Scale and speed") on the generated year: the city's report as the page and the exports build
    /// it (every figure, the previous year, each district's figures ranked) ≤ 3 s; one district's ≤ 1 s; XLSX + PDF ≤ 10 s; the
    /// process's peak resident memory during the reports ≤ 1 GB. Each first (cold) and again (warm). Beside them the bare SQL floor:
    /// one COUNT(*) over every table of the model (reading each table once, with no filter), measured in the same run. The load
    /// average is printed with the figures. With --out the XLSX and PDF are written there. False when a limit is missed.
    /// </summary>
    public static async Task<bool> BenchAsync(IServiceProvider sp, GonghuiDb db, ReportUnit root, string? outDir, TextWriter @out, CancellationToken ct)
    {
        var builder = sp.GetRequiredService<ReportBuilder>();
        var L = sp.GetRequiredService<IStringLocalizer<ReportsText>>();
        var period = new ReportPeriod(ScenarioYearSeeder.Year, null, null);
        ResetPeakMemory();
        var allocated = GC.GetTotalAllocatedBytes();
        @out.WriteLine();
        @out.WriteLine($"Reports bench ({sp.GetRequiredService<DatabaseSettings>().Provider}), load average {LoadAverage()}:");
        var ok = true;
        void Line(string what, double ms, double limitMs, string? besides = null)
        {
            var pass = ms <= limitMs;
            ok &= pass;
            @out.WriteLine($"  {what,-44} {ms,9:N0} ms  (limit {limitMs:N0} ms: {(pass ? "ok" : "OVER")}){(besides is null ? "" : "  " + besides)}");
        }

        var floor = Stopwatch.StartNew();
        var records = await CountRecordsAsync(db);
        var floorMs = floor.Elapsed.TotalMilliseconds;
        @out.WriteLine($"  {"bare SQL floor: COUNT(*) of every table",-44} {floorMs,9:N0} ms  ({records:N0} rows)");

        IndicatorReportDto city = null!;
        for (var run = 0; run < 2; run++)
        {
            var w = Stopwatch.StartNew();
            city = await builder.BuildForAsync(period, root, withDistricts: true, ct);
            Line($"city report with district rankings ({(run == 0 ? "cold" : "warm")})", w.Elapsed.TotalMilliseconds, 3000, $"{floorMs / Math.Max(1, w.Elapsed.TotalMilliseconds):P0} of it is the floor");
        }
        await SourceTimesAsync(sp, db, root, period, @out, ct);
        var district = await db.UnitRows().AsNoTracking().Where(u => u.ParentId == root.Id && u.Kind == OrgUnitKind.DistrictUnion).OrderBy(u => u.Path)
            .Select(u => new ReportUnit(u.Id, u.Name, u.Path)).FirstOrDefaultAsync(ct);
        if (district is not null)
            for (var run = 0; run < 2; run++)
            {
                var w = Stopwatch.StartNew();
                await builder.BuildForAsync(period, district, withDistricts: false, ct);
                Line($"district report, {district.Name} ({(run == 0 ? "cold" : "warm")})", w.Elapsed.TotalMilliseconds, 1000);
            }

        // Both exports of one report (ReportExports.BothAsync, as a caller wanting both makes them): the city report with the rankings is
        // built once, then written as XLSX and printed as PDF; neither export computes a figure.
        var exports = Stopwatch.StartNew();
        var both = await ReportExports.BothAsync(builder, sp.GetRequiredService<PdfPrinter>(), L, period, root, ct);
        var bothMs = exports.Elapsed.TotalMilliseconds;
        var xlsx = both.Xlsx;
        var pdf = both.Pdf;
        Line("XLSX + PDF (one report for both)", bothMs, 10_000,
            $"report {both.ReportMs:N0} ms, XLSX {both.XlsxMs:N0} ms, {xlsx.Length / 1024:N0} KB; PDF {(pdf is null ? "unavailable: " + both.PdfWhyNot : $"{both.PdfMs:N0} ms, {pdf.Length / 1024:N0} KB")}");
        if (pdf is null) ok = false;

        var peak = PeakResidentBytes();
        var peakLine = peak is { } p ? $"{p / 1024.0 / 1024:N0} MB" : "unknown (no /proc)";
        var memOk = peak is not { } pk || pk <= 1L << 30;
        ok &= memOk;
        @out.WriteLine($"  {"peak resident memory during the reports",-44} {peakLine,12}  (limit 1,024 MB: {(memOk ? "ok" : "OVER")}); allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / 1024:N0} MB");
        @out.WriteLine($"  figures computed for the city: {city.Parts.Sum(x => x.Figures.Count)}; districts ranked: {city.Parts.SelectMany(x => x.Figures).Max(f => f.Districts.Count)}");
        ok &= await BaselineAsync(sp, db, root, period, @out, ct);
        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
            xlsx.Position = 0;
            await using (var f = File.Create(Path.Combine(outDir, $"gonghui-report-{period.Label}.xlsx"))) await xlsx.CopyToAsync(f, ct);
            if (pdf is not null) await File.WriteAllBytesAsync(Path.Combine(outDir, $"gonghui-report-{period.Label}.pdf"), pdf, ct);
            @out.WriteLine($"  written to {outDir}");
        }
        @out.WriteLine(ok ? "Reports bench: every limit met." : "Reports bench: a limit was missed (see OVER above).");
        return ok;
    }

    /// <summary>
    /// The issue's baseline, after the reports' memory was read: the figures of the sources that read roll-ups (the city and every district)
    /// computed again by loading their records into memory (<see cref="BaselineCheck"/>), timed beside the report's way; a figure that differs
    /// fails the bench.
    /// </summary>
    private static async Task<bool> BaselineAsync(IServiceProvider sp, GonghuiDb db, ReportUnit root, ReportPeriod period, TextWriter @out, CancellationToken ct)
    {
        var q = new DistrictQuery(period.From, period.To, root.Path, await DistrictPathsAsync(db, root, ct));
        var runs = await BaselineCheck.RunAsync(sp.GetServices<IIndicatorSource>(), q, ct);
        @out.WriteLine($"  baseline: the same figures (city and {q.DistrictPaths.Count} districts) from the records loaded into memory, load average {LoadAverage()}:");
        foreach (var r in runs)
            @out.WriteLine($"    {r.Source,-24} {r.Rows,12:N0} rows {r.BaselineMs,9:N0} ms; the report's way {r.ReportMs,7:N0} ms "
                + $"({r.BaselineMs / Math.Max(0.001, r.ReportMs),6:N0}× faster); {(r.Differences.Count == 0 ? "same figures" : $"{r.Differences.Count} DIFFER: " + string.Join("; ", r.Differences.Take(5)))}");
        var rows = runs.Sum(r => r.Rows);
        var baselineMs = runs.Sum(r => r.BaselineMs);
        var reportMs = runs.Sum(r => r.ReportMs);
        @out.WriteLine($"    {"together",-24} {rows,12:N0} rows {baselineMs,9:N0} ms; the report's way {reportMs,7:N0} ms ({baselineMs / Math.Max(0.001, reportMs),6:N0}× faster)");
        return runs.All(r => r.Differences.Count == 0);
    }

    /// <summary>The report's districts: the open district and industry unions below the root, by path.</summary>
    private static Task<List<string>> DistrictPathsAsync(GonghuiDb db, ReportUnit root, CancellationToken ct) =>
        db.UnitRows().AsNoTracking().Where(u => u.ParentId == root.Id && !u.IsClosed
                && (u.Kind == OrgUnitKind.DistrictUnion || u.Kind == OrgUnitKind.IndustryUnion))
            .OrderBy(u => u.Path).Select(u => u.Path).ToListAsync(ct);

    /// <summary>
    /// Each source's share of the city report (warm): its figures for the city, and for every district in one pass, slowest first, so the
    /// bench names the queries to look at.
    /// </summary>
    private static async Task SourceTimesAsync(IServiceProvider sp, GonghuiDb db, ReportUnit root, ReportPeriod period, TextWriter @out, CancellationToken ct)
    {
        var districts = await DistrictPathsAsync(db, root, ct);
        var q = new DistrictQuery(period.From, period.To, root.Path, districts);
        var rows = new List<(string Source, double City, double Districts)>();
        foreach (var source in sp.GetServices<IIndicatorSource>())
        {
            var w = Stopwatch.StartNew();
            await source.ComputeAsync(q.Parent, ct);
            var city = w.Elapsed.TotalMilliseconds;
            w.Restart();
            await source.ComputeByDistrictAsync(q, ct);
            rows.Add((source.GetType().Name, city, w.Elapsed.TotalMilliseconds));
        }
        @out.WriteLine($"  per source (warm; city, then {districts.Count} districts in one call), slowest first:");
        foreach (var r in rows.OrderByDescending(r => r.City + r.Districts))
            @out.WriteLine($"    {r.Source,-32} {r.City,9:N0} ms {r.Districts,9:N0} ms");
    }

    /// <summary>Why a database that holds data is refused, from the run's marks: a whole year, a run cut short, or data of another origin.</summary>
    private static async Task<string> RefusalAsync(GonghuiDb db)
    {
        var state = await ScenarioState.ReadAsync(db, CancellationToken.None);
        if (state.Done)
            return "scenario: this database already holds a generated year (the run finished); generate again into a new one (--data-dir NEW_FOLDER), "
                + "or check and time the year in it with --existing.";
        if (state.StepsDone.Count > 0)
            return $"scenario: this database holds a run that was cut short: scenario steps done: {string.Join(", ", state.StepsDone)}; the step that was running left "
                + "nothing behind (each step is one transaction), but the year is incomplete. Finish it with --existing (each step adds only what its "
                + "figures still miss), or generate into a new one (--data-dir NEW_FOLDER).";
        return "scenario: this database already holds data but no scenario step (a run cut short in the demo data, or data of its own); "
            + "generate the year into a new one (--data-dir NEW_FOLDER), or finish a cut-short year with --existing.";
    }

    private static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
        catch (UnauthorizedAccessException) { return "unknown"; }
    }

    /// <summary>Resets the kernel's peak resident set of this process (Linux: "5" to /proc/self/clear_refs), so the peak measured is the reports'.</summary>
    private static void ResetPeakMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>The peak resident set (VmHWM) in bytes since the last reset; null where /proc is not there.</summary>
    private static long? PeakResidentBytes()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
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
