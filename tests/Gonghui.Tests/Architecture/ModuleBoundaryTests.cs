using System.Reflection;
using NetArchTest.Rules;

namespace Gonghui.Tests.Architecture;

/// <summary>
/// The module contract (docs/architecture.md): modules meet only through each other's <c>Public</c> namespace, with no
/// cycle between them; the platform knows modules only where it composes them; every module has the same shape.
/// Each failure names the source file and the type used.
/// </summary>
public class ModuleBoundaryTests
{
    private static readonly Assembly App = typeof(Gonghui.Platform.PlatformModule).Assembly;

    private static readonly string[] Names =
        ["Culture", "FeeRefunds", "Funds", "Hardship", "Hotline", "Innovation", "Insurance", "Jobs", "LaborRelations", "Legal", "Loans", "MemberCard", "ModelWorkers", "MutualAid", "Organizations", "Reports", "Services", "Skills", "Venues"];

    private static string Repo
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gonghui.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Gonghui.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    private static string ModulesDir => Path.Combine(Repo, "src", "Gonghui", "Modules");

    [Fact]
    public void The_checks_see_every_module_and_its_uses()
    {
        // The module folders and the module namespaces agree, and the graph reader finds known uses (else every check below passes vacuously).
        Assert.Equal(Names, Directory.GetDirectories(ModulesDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(Names, App.GetTypes().Select(t => t.FullName).OfType<string>().Select(ModuleGraph.ModuleOf).OfType<string>().Distinct().Order(StringComparer.Ordinal));
        var graph = ModuleGraph.Modules();
        Assert.Contains("Funds", graph["MutualAid"].Keys);
        Assert.Contains(ModuleGraph.Uses, u => u.FromType.StartsWith("Gonghui.Modules.Hotline.", StringComparison.Ordinal)
                                             && u.ToType.StartsWith("Gonghui.Modules.Hardship.Public.", StringComparison.Ordinal)
                                             && u.File.EndsWith(".razor", StringComparison.Ordinal));
    }

    /// <summary>
    /// Types other modules use although they are not in their module's Public namespace: known debt, listed by name with
    /// the reason. Empty since the registry's look-ups (Organizations.Public) and IFundLedger (Funds.Public) replaced the
    /// last entries; it may only shrink (a test fails when an entry is no longer used across modules). Do not add to it:
    /// put a narrow interface or DTO in the other module's Public/ instead.
    /// </summary>
    private static readonly Dictionary<string, string> NotYetPublic = new();

    [Fact]
    public void A_module_uses_another_module_only_through_its_Public_namespace()
    {
        var reaching = ModuleGraph.Uses
            .Where(u => ModuleGraph.ModuleOf(u.FromType) is { } from && ModuleGraph.ModuleOf(u.ToType) is { } to && from != to
                        && !ModuleGraph.IsPublicSurface(u.ToType) && !NotYetPublic.ContainsKey(u.ToType))
            .Select(u => u.ToString()).Distinct().ToList();
        Assert.True(reaching.Count == 0,
            $"{reaching.Count} uses of another module's internals (move the type to that module's Public/ folder, namespace Gonghui.Modules.<Name>.Public, or add a narrow interface there):\n"
            + string.Join("\n", reaching));
    }

    [Fact]
    public void The_known_debt_only_shrinks()
    {
        var used = ModuleGraph.Uses.Where(u => ModuleGraph.ModuleOf(u.FromType) is { } from && ModuleGraph.ModuleOf(u.ToType) is { } to && from != to)
            .Select(u => u.ToType).ToHashSet();
        var stale = NotYetPublic.Keys.Where(t => !used.Contains(t)).ToList();
        Assert.True(stale.Count == 0, "No longer used across modules, remove from NotYetPublic: " + string.Join(", ", stale));
    }

    [Fact]
    public void There_is_no_cycle_between_modules()
    {
        var graph = ModuleGraph.Modules();
        var cycles = ModuleGraph.Cycles(graph.ToDictionary(g => g.Key, g => g.Value.Keys.AsEnumerable()));
        var message = string.Join("\n", cycles.Select(c => string.Join(" → ", c) + "\n  " + string.Join("\n  ",
            c.Zip(c.Skip(1)).Select(e => $"{e.First} → {e.Second}: {graph[e.First][e.Second][0]}"))));
        Assert.True(cycles.Count == 0, $"Cycles between modules:\n{message}");
    }

    [Fact]
    public void The_cycle_finder_names_a_cycle()
    {
        // The finder itself: a graph with one cycle (and a branch off it) reports exactly that cycle, once.
        var graph = new Dictionary<string, IEnumerable<string>> { ["A"] = ["B"], ["B"] = ["C", "D"], ["C"] = ["A"], ["D"] = [] };
        var cycle = Assert.Single(ModuleGraph.Cycles(graph));
        Assert.Equal(["A", "B", "C", "A"], cycle);
        Assert.Empty(ModuleGraph.Cycles(new Dictionary<string, IEnumerable<string>> { ["A"] = ["B"], ["B"] = ["C"] }));
    }

    [Fact]
    public void Platform_depends_on_no_module_except_where_it_composes_them()
    {
        // The composition root is Program.cs (global namespace), the CLI's verbs and the migrations (their design-time
        // factories register the modules like Program does). Everything else in Platform knows no module.
        var composing = new[] { "Gonghui.Platform.Cli", "Gonghui.Platform.Data.Migrations" };
        var offending = ModuleGraph.Uses
            .Where(u => u.FromType.StartsWith("Gonghui.Platform.", StringComparison.Ordinal)
                        && !composing.Any(c => u.FromType.StartsWith(c + ".", StringComparison.Ordinal))
                        && ModuleGraph.ModuleOf(u.ToType) is not null)
            .Select(u => u.ToString()).ToList();
        Assert.True(offending.Count == 0, "Platform code depending on a module:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void GonghuiDb_names_no_module_type()
    {
        var result = Types.InAssembly(App).That().HaveNameStartingWith("GonghuiDb").Or().HaveNameEndingWith("GonghuiDb")
            .ShouldNot().HaveDependencyOn("Gonghui.Modules").GetResult();
        Assert.True(result.IsSuccessful, "The context depends on a module: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    /// <summary>
    /// Folders a module may lack, with the reason. Keep it short: a new module has all of them. An empty public surface is
    /// a reason for no Public/ only while no other module uses the module (A_module_uses_another_module_only_through_its_Public_namespace).
    /// </summary>
    private static readonly Dictionary<(string Module, string Folder), string> Exempt = new()
    {
        [("FeeRefunds", "Public")] = "no other module uses fee refunds (the ledger reaches it through Funds.Public.IPaidRecordSource)",
        [("Insurance", "Public")] = "no other module uses accident insurance (the ledger reaches it through Funds.Public.IPaidRecordSource)",
        [("Loans", "Public")] = "no other module uses loans (the ledger reaches it through Funds.Public.IPaidRecordSource)",
        [("Venues", "Public")] = "no other module uses venues",
        [("Organizations", "Rules")] = "its pure rules live beside their aggregates (Members/MemberRules.cs, Enterprises/SizeClassifier.cs, Units/OrgTreeRules) until the layout pass",
        [("Organizations", "Pages")] = "its pages live beside their aggregates (Units/, Members/, Enterprises/, Importing/) until the layout pass",
        [("Reports", "Demo")] = "the report has no records of its own: it is computed from the other modules' demo data",
        [("Reports", "Public")] = "no other module uses the report (it reads theirs through Platform.Indicators)",
        [("Funds", "Rules")] = "the ledger has no pure rules apart from its posting logic in Ledger/FundLedger.cs",
    };

    [Fact]
    public void Every_module_has_the_same_shape()
    {
        var missing = new List<string>();
        foreach (var dir in Directory.GetDirectories(ModulesDir).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            var rel = $"src/Gonghui/Modules/{name}";
            if (!File.Exists(Path.Combine(dir, name + "Module.cs"))) missing.Add($"{rel}/{name}Module.cs");
            foreach (var folder in new[] { "Rules", "Pages", "Demo", "Public" })
            {
                if (Exempt.ContainsKey((name, folder))) continue;
                var path = Path.Combine(dir, folder);
                if (!Directory.Exists(path) || !Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories).Any(f => f.EndsWith(".cs") || f.EndsWith(".razor")))
                    missing.Add($"{rel}/{folder}/");
            }
        }
        Assert.True(missing.Count == 0, "Missing from the module layout (docs/architecture.md):\n" + string.Join("\n", missing));
    }

    /// <summary>
    /// Files a module root may hold besides <c>&lt;Name&gt;Module.cs</c>, <c>&lt;Name&gt;Model.cs</c>, <c>&lt;Name&gt;Text.*</c> (and the
    /// Razor <c>_Imports.razor</c> of the module's components), with the
    /// reason. Everything else sits in a folder named for its use case (or Rules/, Pages/, Demo/, Public/). May only shrink.
    /// </summary>
    private static readonly Dictionary<string, string> RootExempt = new()
    {
    };

    [Fact]
    public void A_module_root_holds_only_its_module_model_and_texts()
    {
        var stray = new List<string>();
        foreach (var dir in Directory.GetDirectories(ModulesDir).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            foreach (var file in Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal))
            {
                if (file == name + "Module.cs" || file == name + "Model.cs" || file!.StartsWith(name + "Text.", StringComparison.Ordinal)) continue;
                if (file == "_Imports.razor") continue; // the usings of every component in the module's folders
                if (RootExempt.ContainsKey($"{name}/{file}")) continue;
                stray.Add($"src/Gonghui/Modules/{name}/{file}");
            }
        }
        Assert.True(stray.Count == 0, "Files at a module root that belong in a use-case folder (docs/architecture.md, \"A module\"):\n" + string.Join("\n", stray));
        var stale = RootExempt.Keys.Where(k => !File.Exists(Path.Combine(ModulesDir, k))).ToList();
        Assert.True(stale.Count == 0, "No longer at the module root, remove from RootExempt: " + string.Join(", ", stale));
    }

    [Fact]
    public void Public_types_are_what_other_modules_may_use()
    {
        // A Public namespace holds interfaces, records, enums and the like that other modules see: each is public.
        var hidden = App.GetTypes().Where(t => !t.IsNested && t.FullName is { } n && ModuleGraph.IsPublicSurface(n) && !t.IsPublic
                                              && !t.Name.StartsWith('<'))
            .Select(t => t.FullName!).ToList();
        Assert.True(hidden.Count == 0, "Types in a Public namespace that are not public: " + string.Join(", ", hidden));
    }

    [Fact]
    public void Entities_do_not_depend_on_the_web_layer()
    {
        var result = Types.InAssembly(App).That().ImplementInterface(typeof(Gonghui.Platform.Audit.IAudited))
            .ShouldNot().HaveDependencyOnAny("Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore").GetResult();
        Assert.True(result.IsSuccessful, "Entities depending on ASP.NET Core or EF Core: " + string.Join(", ", result.FailingTypeNames ?? []));
    }
}
