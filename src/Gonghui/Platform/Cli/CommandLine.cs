using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Platform.Cli;

/// <summary>A parsed command line: the verb words, our own options, and what is passed on to the host.</summary>
public sealed record Command(string[] Verb, Dictionary<string, string?> Options, string[] HostArgs)
{
    public string? Option(string name) => Options.TryGetValue(name, out var v) ? v : null;
    public bool Flag(string name) => Options.ContainsKey(name);
}

/// <summary>The CLI verbs: serve (default), migrate, admin create, audit verify, import members.</summary>
public static class CommandLine
{
    // Options we own; anything else (--urls, --environment, Key=Value) goes to the ASP.NET Core host.
    private static readonly HashSet<string> OwnFlags = ["--demo", "--skip-invalid", "--update", "--preview", "--help", "--check", "--bench", "--existing"];
    private static readonly HashSet<string> OwnValued = ["--data-dir", "--user", "--password", "--org-code", "--org-name", "--errors",
        "--name", "--years", "--classes", "--share", "--cap", "--reason", "--scale", "--out"];

    public static Command Parse(string[] args)
    {
        var verb = new List<string>();
        var options = new Dictionary<string, string?>();
        var host = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (OwnFlags.Contains(a)) options[a] = null;
            else if (OwnValued.Contains(a) && i + 1 < args.Length) options[a] = args[++i];
            else if (a.StartsWith("--")) { host.Add(a); if (i + 1 < args.Length && !args[i + 1].StartsWith("--")) host.Add(args[++i]); }
            else if (a.Contains('=')) host.Add(a);
            else verb.Add(a);
        }
        if (options.ContainsKey("--data-dir")) host.Add($"--Gonghui:DataDir={options["--data-dir"]}");
        if (options.ContainsKey("--demo")) host.Add("--Gonghui:Demo=true");
        // The scenario generates its year with the demo seeders at its scale; they read the scale from configuration.
        if (options.TryGetValue("--scale", out var scale)) host.Add($"--Gonghui:Demo:Scale={scale}");
        // ... and its last step tops the modules up to the review's figures only when the configuration names the scenario.
        if (verb is ["scenario", var scenarioName, ..]) host.Add($"--Gonghui:Scenario={scenarioName}");
        return new Command(verb.Count == 0 ? ["serve"] : verb.ToArray(), options, host.ToArray());
    }

    public static async Task<int> RunAsync(WebApplication app, Command cmd)
    {
        if (cmd.Flag("--help")) { PrintHelp(); return 0; }
        try
        {
            return cmd.Verb switch
            {
                ["serve"] => await ServeAsync(app),
                ["migrate"] => await WithDb(app, async (sp, db) => { await DataModule.MigrateAsync(db); Console.WriteLine("Database is up to date."); return 0; }),
                ["admin", "create"] => await WithDb(app, (sp, db) => AdminCreateAsync(sp, db, cmd)),
                ["audit", "verify"] => await AuditVerifyCli.RunAsync(app.Services, Console.Out, Console.Error),
                ["import", "members", ..] => await WithDb(app, (sp, db) => Modules.Organizations.Importing.MemberImportCli.RunAsync(sp, cmd, Console.Out, Console.Error)),
                ["scenario", ..] => await WithDb(app, (sp, db) => Modules.Reports.Scenario.ScenarioCli.RunAsync(sp, db, cmd, Console.Out, Console.Error)),
                ["rollups", ..] => await WithDb(app, (sp, db) => Indicators.RollupCli.RunAsync(sp, cmd, Console.Out)),
                ["fee-refunds", "policy", ..] => await WithDb(app, (sp, db) => Modules.FeeRefunds.Policies.RefundPolicyCli.RunAsync(sp, cmd, Console.Out, Console.Error)),
                _ => Unknown(cmd),
            };
        }
        catch (CliException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }

    private static int Unknown(Command cmd)
    {
        Console.Error.WriteLine($"Unknown command: {string.Join(' ', cmd.Verb)}");
        PrintHelp();
        return 2;
    }

    private static void PrintHelp() => Console.WriteLine("""
        gonghui [serve] [--demo] [--data-dir DIR] [--urls URL]   run the platform (default)
        gonghui migrate                                           apply database migrations
        gonghui admin create --user NAME --password PW [--org-code BJ --org-name 北京市总工会]
        gonghui audit verify                                      check the audit trail (read-only): OK, broken link, or truncation
        gonghui import members FILE [--preview | --update] [--skip-invalid] [--errors OUT.csv]
        gonghui scenario beijing-2020 [--scale 0.01..1.0] [--data-dir NEW] [--check] [--bench]   generate the 2020 year, check the report against the review, [time the reports]
        gonghui rollups rebuild [--name mutualaid|services]       recompute the report's roll-ups from their records (an older database; the safety net)
        gonghui fee-refunds policy list | history CODE | set CODE [--name N] [--years 2020-2021] [--classes Small,Micro] [--share 100] [--cap YUAN|none] --reason R
        """);

    public static async Task<int> WithDb(WebApplication app, Func<IServiceProvider, GonghuiDb, Task<int>> action)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
        await DataModule.MigrateAsync(db);
        return await action(scope.ServiceProvider, db);
    }

    private static async Task<int> ServeAsync(WebApplication app)
    {
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        Console.WriteLine();
        Console.WriteLine($"Gonghui 工会 is running ({settings.Provider}).");
        foreach (var a in addresses) Console.WriteLine($"  Open {a} in a browser.");
        if (app.Configuration.GetValue<bool>("Gonghui:Demo"))
        {
            Console.WriteLine("  Demo accounts (password gonghui-demo): admin (federation), dongcheng, xicheng (district), dc-grassroots, agent (hotline), counsellor, fundofficer, auditor, evaluator, worker (member)");
        }
        Console.WriteLine("  Press Ctrl+C to stop.");
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static async Task<int> AdminCreateAsync(IServiceProvider sp, GonghuiDb db, Command cmd)
    {
        var user = cmd.Option("--user") ?? throw new CliException("admin create: --user NAME is required.");
        var password = cmd.Option("--password") ?? throw new CliException("admin create: --password PASSWORD is required (8 characters or more).");
        var root = await db.Set<OrgUnit>().FirstOrDefaultAsync(u => u.ParentId == null);
        if (root is null)
        {
            root = OrgUnit.CreateRoot(cmd.Option("--org-code") ?? "BJ", cmd.Option("--org-name") ?? "北京市总工会", sp.GetRequiredService<TimeProvider>().GetUtcNow());
            db.Add(root);
            await db.SaveChangesAsync();
        }
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var roles = sp.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        await EnsureRolesAsync(roles);
        var account = new AppUser { UserName = user, DisplayName = user, OrgUnitId = root.Id };
        var created = await users.CreateAsync(account, password);
        if (!created.Succeeded) throw new CliException("admin create: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(account, Roles.FederationAdmin);
        Console.WriteLine($"Created federation admin '{user}' at {root.Name}.");
        return 0;
    }

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole<Guid>> roles)
    {
        foreach (var r in Roles.All)
            if (!await roles.RoleExistsAsync(r)) await roles.CreateAsync(new IdentityRole<Guid>(r));
    }
}

/// <summary>A user error on the command line: printed as it is, exit code 2.</summary>
public sealed class CliException(string message) : Exception(message);
