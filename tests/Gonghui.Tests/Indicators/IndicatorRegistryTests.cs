using System.Text;
using System.Text.RegularExpressions;
using Gonghui.Platform.Indicators;
using Gonghui.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Indicators;

/// <summary>
/// Every registered <see cref="IIndicatorSource"/>, whatever module it comes from: well-formed definitions with keys unique across
/// sources, one value per definition from <c>ComputeAsync</c>, flagged (never a silent zero) where there are no records.
/// </summary>
public abstract partial class IndicatorRegistryTests<TApp>(TApp app) : IndicatorTests<TApp>(app) where TApp : GonghuiApp, IIndicatorsApp
{
    [GeneratedRegex(@"^[a-z]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$")]
    private static partial Regex KeyShape();

    [Fact]
    public async Task Every_source_defines_well_formed_figures_with_unique_keys_and_computes_one_value_for_each()
    {
        using var scope = App.Services.CreateScope();
        var sources = scope.ServiceProvider.GetServices<IIndicatorSource>().ToList();
        Assert.True(sources.Count >= 10, $"only {sources.Count} indicator sources registered");
        var keys = new HashSet<string>();
        var ct = TestContext.Current.CancellationToken;
        foreach (var source in sources)
        {
            var name = source.GetType().Name;
            Assert.NotEmpty(source.Definitions);
            foreach (var d in source.Definitions)
            {
                Assert.True(keys.Add(d.Key), $"{name}: key {d.Key} defined twice");
                Assert.True(KeyShape().IsMatch(d.Key), $"{name}: key {d.Key} is not dotted lower-case");
                Assert.True(ReportParts.All.Contains(d.Part), $"{name}: {d.Key} has unknown part {d.Part}");
                Assert.False(string.IsNullOrWhiteSpace(d.NameZh), $"{name}: {d.Key} has no Chinese name");
                Assert.Contains(d.NameZh, c => c >= '\u4e00' && c <= '\u9fff');
                Assert.False(string.IsNullOrWhiteSpace(d.NameEn), $"{name}: {d.Key} has no English name");
                Assert.True(d.Definition.Trim().Length >= 20, $"{name}: {d.Key} has no real definition");
                Assert.True(Enum.IsDefined(d.Unit), $"{name}: {d.Key} has no known unit");
                Assert.True(d.DrillHref is null || d.DrillHref.StartsWith('/'), $"{name}: {d.Key} drill link {d.DrillHref} is not a local path");
            }

            var year = await source.ComputeAsync(IndicatorQuery.Year(BeijingYear, "/BJ/"), ct);
            Assert.Equal(source.Definitions.Select(d => d.Key), year.Select(v => v.Key));
            Assert.All(year, v => Assert.True(v.Value >= 0, $"{v.Key} is negative"));
            Assert.All(year, v => Assert.True(v.Flag is null or IndicatorValues.NoData, $"{v.Key} has unknown flag {v.Flag}"));

            // A scope that holds nothing: every figure is flagged, none is a bare zero.
            var nothing = await source.ComputeAsync(IndicatorQuery.Year(BeijingYear, "/NO-SUCH-UNIT/"), ct);
            Assert.Equal(source.Definitions.Select(d => d.Key), nothing.Select(v => v.Key));
            Assert.All(nothing, v => Assert.True(v is { Value: 0, Flag: IndicatorValues.NoData }, $"{v.Key}: {v.Value} flag {v.Flag ?? "none"} for an empty scope"));
        }
    }

    private int BeijingYear => Today.Year;
}

[Collection(IndicatorsCollections.Sqlite)]
public sealed class IndicatorRegistryTests_Sqlite(SqliteIndicatorsApp app) : IndicatorRegistryTests<SqliteIndicatorsApp>(app)
{
    /// <summary>
    /// docs/indicators.md is printed from the definitions: this test fails when it differs and prints the expected text;
    /// <c>UPDATE_DOCS=1</c> rewrites the file instead (e.g. <c>UPDATE_DOCS=1 ./test.sh --filter IndicatorRegistryTests_Sqlite</c>).
    /// </summary>
    [Fact]
    public void Docs_indicators_md_is_the_printed_definitions()
    {
        using var scope = App.Services.CreateScope();
        var expected = IndicatorDocs.Render(scope.ServiceProvider.GetServices<IIndicatorSource>());
        var path = Path.Combine(IndicatorDocs.RepoRoot(), "docs", "indicators.md");
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
            return;
        }
        var actual = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        Assert.True(actual == expected,
            "docs/indicators.md differs from the indicator definitions; rewrite it with UPDATE_DOCS=1 ./test.sh --filter IndicatorRegistryTests_Sqlite, or replace it with:\n\n" + expected);
    }
}

[Collection(IndicatorsCollections.Postgres)]
public sealed class IndicatorRegistryTests_Postgres(PostgresIndicatorsApp app) : IndicatorRegistryTests<PostgresIndicatorsApp>(app);

/// <summary>Prints docs/indicators.md from the registered sources: one table per report part, in report order.</summary>
public static class IndicatorDocs
{
    private static readonly Dictionary<string, string> PartTitles = new()
    {
        [ReportParts.Hotline] = "Hotline 12351 and answer-on-receipt (热线与接诉即办)",
        [ReportParts.Hardship] = "Hardship, warmth and education grants (困难职工帮扶、送温暖、金秋助学)",
        [ReportParts.Services] = "Member services and seasonal campaigns (会员服务)",
        [ReportParts.Money] = "Money: mutual aid, insurance, refunds, loans, innovation fund (资金)",
        [ReportParts.Rights] = "Rights: legal aid, labour relations, bargaining, organizing (维权)",
        [ReportParts.SkillsCulture] = "Skills, innovation and culture (技能、创新、文化)",
        [ReportParts.Organisation] = "Organisation, members and venues (组织、会员、阵地)",
    };

    public static string Render(IEnumerable<IIndicatorSource> sources)
    {
        var rows = sources.SelectMany(s => s.Definitions.Select(d => (Module: ModuleOf(s), Def: d))).ToList();
        var sb = new StringBuilder();
        sb.Append("# Indicators: the figures of the annual report\n\n");
        sb.Append("Generated from the `IIndicatorSource` definitions of the modules (`Modules/<Name>/Indicators/`); do not edit by hand.\n");
        sb.Append("`IndicatorRegistryTests_Sqlite` fails when this file differs from the code; `UPDATE_DOCS=1 ./test.sh --filter IndicatorRegistryTests_Sqlite`\n");
        sb.Append("rewrites it. How a module defines and computes its figures: [architecture.md](architecture.md), \"Indicators\".\n\n");
        sb.Append("Every figure is computed in SQL for a period [from, to) of Beijing dates and an organisation scope (a unit's subtree).\n");
        sb.Append("Units: **count** of records (or people, firms), **fen** (分; reports show 元/万元/亿元), **bp** = basis points (1/10,000; 9,876 bp = 98.76%).\n");
        sb.Append("A figure with no records behind it in the period and scope is flagged `no-data` (value 0) rather than reported as a plain zero.\n");
        sb.Append("Drill-down: the list page of the records behind the figure.\n");
        foreach (var part in ReportParts.All)
        {
            var inPart = rows.Where(r => r.Def.Part == part).ToList();
            if (inPart.Count == 0) continue;
            sb.Append($"\n## {PartTitles.GetValueOrDefault(part, part)}\n\n");
            sb.Append("| key | 名称 | name | unit | module | definition | drill-down |\n");
            sb.Append("|---|---|---|---|---|---|---|\n");
            foreach (var (module, d) in inPart)
                sb.Append($"| `{d.Key}` | {Cell(d.NameZh)} | {Cell(d.NameEn)} | {UnitOf(d.Unit)} | {module} | {Cell(d.Definition)} | {(d.DrillHref is null ? "—" : $"`{d.DrillHref}`")} |\n");
        }
        return sb.ToString();
    }

    private static string UnitOf(IndicatorUnit u) => u switch { IndicatorUnit.Count => "count", IndicatorUnit.Fen => "fen", _ => "bp" };

    private static string Cell(string text) => text.Replace("|", "\\|").ReplaceLineEndings(" ");

    private static string ModuleOf(IIndicatorSource s)
    {
        var parts = (s.GetType().Namespace ?? "").Split('.');
        var i = Array.IndexOf(parts, "Modules");
        return i >= 0 && i + 1 < parts.Length ? parts[i + 1] : s.GetType().Name;
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gonghui.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Gonghui.slnx not found above " + AppContext.BaseDirectory);
    }
}
