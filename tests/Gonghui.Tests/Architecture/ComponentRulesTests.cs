using System.Reflection;
using System.Text.RegularExpressions;
using Gonghui.Platform.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Tests.Architecture;

/// <summary>
/// Components and pages call their module's handlers and services, the same ones the API endpoints call; they never
/// query or write <see cref="GonghuiDb"/> themselves (issue 13, items 1 and 2). A source scan of every .razor and
/// .razor.cs file under src/Gonghui names file:line; a reflection pass over the compiled components catches an
/// injection the scan could miss (a base class, a property in plain C#, a constructor parameter).
/// </summary>
public class ComponentRulesTests
{
    private static string AppRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gonghui.slnx"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Gonghui.slnx not found above " + AppContext.BaseDirectory), "src", "Gonghui");
    }

    /// <summary>Every component source (.razor and .razor.cs) as (path relative to src/Gonghui with '/' separators, lines).</summary>
    private static readonly IReadOnlyList<(string File, string[] Lines)> Components = LoadComponents();

    private static List<(string, string[])> LoadComponents()
    {
        var root = AppRoot();
        return Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".razor.cs", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, File.ReadAllLines(Path.Combine(root, f))))
            .ToList();
    }

    // The context by name, its factory, or EF's base class: any of them in a component is a component doing data access.
    private static readonly Regex DataAccess = new(@"\bGonghuiDb\b|\bIDbContextFactory\b|\bDbContext\b", RegexOptions.Compiled);

    private static List<string> Offences(IEnumerable<(string File, string[] Lines)> sources) =>
        sources.SelectMany(s => s.Lines.Select((line, i) => (s.File, Line: i + 1, Text: line)))
            .Where(l => DataAccess.IsMatch(l.Text))
            .Select(l => $"src/Gonghui/{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

    [Fact]
    public void The_scan_sees_the_components()
    {
        Assert.Contains(Components, c => c.File == "Modules/Hardship/Pages/NewFile.razor" && c.Lines.Length > 10);
        Assert.True(Components.Count > 50, $"only {Components.Count} component files found under {AppRoot()}");
    }

    [Fact]
    public void The_rule_catches_what_it_should()
    {
        Assert.Matches(DataAccess, "@inject Gonghui.Platform.Data.GonghuiDb Db");
        Assert.Matches(DataAccess, "@inject GonghuiDb Db");
        Assert.Matches(DataAccess, "[Inject] public GonghuiDb Db { get; set; } = null!;");
        Assert.Matches(DataAccess, "@inject IDbContextFactory<GonghuiDb> Factory");
        Assert.Matches(DataAccess, "@inject Microsoft.EntityFrameworkCore.DbContext Db");
        Assert.DoesNotMatch(DataAccess, "@inject HardshipScope S");
        Assert.DoesNotMatch(DataAccess, "@inject GonghuiDbHealth Health");
    }

    [Fact]
    public void No_component_or_page_injects_GonghuiDb()
    {
        var offences = Offences(Components);
        Assert.True(offences.Count == 0,
            "Components and pages never touch GonghuiDb: call the module's handler or service that the API endpoint calls " +
            $"(add a query method there if none serves the page).\n{offences.Count} offence(s):\n" + string.Join("\n", offences));
    }

    [Fact]
    public void No_compiled_component_takes_a_db_context()
    {
        static bool IsDb(Type t) =>
            typeof(DbContext).IsAssignableFrom(t) || (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IDbContextFactory<>));
        const BindingFlags All = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var app = typeof(GonghuiDb).Assembly;
        var offences = app.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetProperties(All).Where(p => IsDb(p.PropertyType)).Select(p => $"{t.FullName}.{p.Name} ({p.PropertyType.Name})")
                .Concat(t.GetFields(All).Where(f => IsDb(f.FieldType)).Select(f => $"{t.FullName}.{f.Name} ({f.FieldType.Name})"))
                .Concat(t.GetConstructors(All).SelectMany(c => c.GetParameters()).Where(p => IsDb(p.ParameterType)).Select(p => $"{t.FullName}({p.Name})")))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(offences.Count == 0, "Components holding a database context (call the module's handler instead):\n" + string.Join("\n", offences));
    }
}
