using Gonghui.Platform.Cli;
using Gonghui.Platform.Importing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gonghui.Modules.Organizations.Importing;

/// <summary>Import and export of members: services and endpoints, wired in by <see cref="OrganizationsModule"/>.</summary>
public static class MemberImporting
{
    public static IServiceCollection AddMemberImporting(this IServiceCollection services)
    {
        services.TryAddSingleton<ImportJobs>(); // platform service: other modules' imports may register it too
        services.AddSingleton<ImportLocalizer>();
        services.AddScoped<MemberImporter>();
        return services;
    }

    public static void MapMemberImporting(RouteGroupBuilder api)
    {
        MemberImportEndpoints.Map(api);
        MemberExportEndpoints.Map(api);
    }
}

/// <summary>`gonghui import members FILE [--preview | --update] [--skip-invalid] [--errors OUT.csv]`: the CLI acts for the whole
/// federation; without --update a row naming a registered person is refused; --preview writes nothing and lists what the file would
/// add and change (old beside new).</summary>
public static class MemberImportCli
{
    public static async Task<int> RunAsync(IServiceProvider sp, Command cmd, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        if (cmd.Verb.Length < 3) throw new CliException("import members: FILE is required (CSV in UTF-8 or GB18030, or XLSX).");
        if (cmd.Verb.Length > 3) throw new CliException($"import members: one FILE only, got {cmd.Verb.Length - 2}.");
        var path = cmd.Verb[2];
        if (!File.Exists(path)) throw new CliException($"import members: file not found: {path}");
        if (!path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
            && !path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            throw new CliException("import members: the file must be .csv or .xlsx.");
        if (cmd.Options.TryGetValue("--errors", out var e) && string.IsNullOrWhiteSpace(e))
            throw new CliException("import members: --errors needs a file name.");
        var report = cmd.Option("--errors") ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path) + ".errors.csv");
        if (File.Exists(report)) File.Delete(report); // a stale report from an earlier run must not be mistaken for this one's

        var importer = sp.GetRequiredService<MemberImporter>();
        var text = sp.GetRequiredService<ImportLocalizer>();
        var bar = new ConsoleProgressBar(stderr, interactive: !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error));
        var options = new MemberImportOptions("/", $"cli:{Environment.UserName}", cmd.Flag("--skip-invalid"), report, UpdateExisting: cmd.Flag("--update"));
        await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (cmd.Flag("--preview"))
        {
            if (cmd.Flag("--update")) throw new CliException("import members: --preview and --update go in two runs: preview first, then import with --update.");
            var seen = await importer.PreviewAsync(input, path, options, bar.Report, ct);
            foreach (var err in seen.Errors.Take(20)) stderr.WriteLine($"  row {err.Row}, {err.Column}: {text.Localize(err.Reason)}");
            if (seen.ErrorCount > 20) stderr.WriteLine($"  … {seen.ErrorCount - 20} more");
            if (seen.ErrorReportPath is not null) stderr.WriteLine($"Error report: {seen.ErrorReportPath}");
            var p = seen.Preview;
            stdout.WriteLine($"Preview of {seen.Rows} rows (nothing written): {p.New} new, {p.Changed} changed, {p.Unchanged} unchanged, {p.ErrorRows} with errors.");
            foreach (var c in p.Changes)
                foreach (var f in c.Fields) stdout.WriteLine($"  row {c.Row} {c.Who} {f.Field}: {f.Old ?? "-"} -> {f.New ?? "-"}");
            if (p.ChangesTruncated) stdout.WriteLine($"  … {p.Changed - p.Changes.Count} more changed members");
            return seen.ErrorCount == 0 ? 0 : 1;
        }
        var result = await importer.ImportAsync(input, path, options, bar.Report, ct);

        foreach (var err in result.Errors.Take(20)) stderr.WriteLine($"  row {err.Row}, {err.Column}: {text.Localize(err.Reason)}");
        if (result.ErrorCount > 20) stderr.WriteLine($"  … {result.ErrorCount - 20} more");
        if (result.ErrorReportPath is not null) stderr.WriteLine($"Error report: {result.ErrorReportPath}");
        if (!result.Written)
        {
            stderr.WriteLine($"Nothing was written: {result.Rejected} of {result.Rows} rows have errors. Fix them, or run again with --skip-invalid.");
            return 1;
        }
        stdout.WriteLine($"Imported {result.Rows} rows: {result.Created} created, {result.Updated} updated, {result.Rejected} rejected.");
        return 0;
    }
}
