using System.Reflection;
using NetArchTest.Rules;

namespace Gonghui.Tests.Architecture;

/// <summary>Modules meet only through public types; the platform knows modules only where it composes them.</summary>
public class ModuleBoundaryTests
{
    private static readonly Assembly App = typeof(Gonghui.Platform.PlatformModule).Assembly;

    private static IEnumerable<string> ModuleNamespaces() =>
        App.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith("Gonghui.Modules.", StringComparison.Ordinal))
            .Select(n => string.Join('.', n.Split('.').Take(3))).Distinct().Order();

    [Fact]
    public void There_are_modules_to_check() => Assert.Contains("Gonghui.Modules.Organizations", ModuleNamespaces());

    [Fact]
    public void A_module_uses_no_internal_type_of_another_module()
    {
        var failures = new List<string>();
        foreach (var module in ModuleNamespaces())
        {
            var foreignInternals = App.GetTypes()
                .Where(t => t.Namespace is { } ns && ns.StartsWith("Gonghui.Modules.", StringComparison.Ordinal)
                            && !(ns == module || ns.StartsWith(module + ".", StringComparison.Ordinal))
                            && !t.IsNested && !t.IsPublic && !t.Name.StartsWith('<'))
                .Select(t => t.FullName!).ToArray();
            if (foreignInternals.Length == 0) continue;
            var result = Types.InAssembly(App).That().ResideInNamespace(module).ShouldNot().HaveDependencyOnAny(foreignInternals).GetResult();
            if (!result.IsSuccessful) failures.AddRange(result.FailingTypeNames ?? []);
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void Platform_depends_on_modules_only_where_it_composes_them()
    {
        // GonghuiDb applies the configurations each module registers and names none; the migrations (and their design-time
        // factories, which register the modules like Program does) snapshot the model; the CLI offers module verbs.
        var result = Types.InAssembly(App).That().ResideInNamespace("Gonghui.Platform")
            .And().DoNotResideInNamespace("Gonghui.Platform.Data.Migrations")
            .And().DoNotResideInNamespace("Gonghui.Platform.Cli")
            .ShouldNot().HaveDependencyOn("Gonghui.Modules").GetResult();
        Assert.True(result.IsSuccessful, "Platform types depending on modules: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Entities_do_not_depend_on_the_web_layer()
    {
        var result = Types.InAssembly(App).That().ImplementInterface(typeof(Gonghui.Platform.Audit.IAudited))
            .ShouldNot().HaveDependencyOnAny("Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore").GetResult();
        Assert.True(result.IsSuccessful, "Entities depending on ASP.NET Core or EF Core: " + string.Join(", ", result.FailingTypeNames ?? []));
    }
}
