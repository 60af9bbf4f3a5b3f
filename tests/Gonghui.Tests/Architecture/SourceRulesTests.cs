using System.Text.RegularExpressions;

namespace Gonghui.Tests.Architecture;

/// <summary>
/// The nevers that a source scan checks (issue 13, item 2): the platform owns the scope filter and the clock, once.
/// Each failure names file:line and the offending text. Comments count too: a commented-out hand-written filter is
/// still one to delete.
/// </summary>
public class SourceRulesTests
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gonghui.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Gonghui.slnx not found above " + AppContext.BaseDirectory);
    }

    private static string AppRoot => Path.Combine(RepoRoot(), "src", "Gonghui");

    /// <summary>Every C# and Razor source of the app, as (path relative to src/Gonghui with '/' separators, lines).</summary>
    internal static IReadOnlyList<(string File, string[] Lines)> Sources { get; } = LoadSources();

    private static List<(string, string[])> LoadSources()
    {
        var root = AppRoot;
        return Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal) && !f.Contains("/Migrations/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, File.ReadAllLines(Path.Combine(root, f))))
            .ToList();
    }

    /// <summary>"file:line: text" for every line matching <paramref name="pattern"/> in a file outside <paramref name="allowedUnder"/>.</summary>
    private static List<string> Offences(Regex pattern, params string[] allowedUnder) =>
        Sources.Where(s => !allowedUnder.Any(a => s.File.StartsWith(a, StringComparison.Ordinal)))
            .SelectMany(s => s.Lines.Select((line, i) => (s.File, Line: i + 1, Text: line)))
            .Where(l => pattern.IsMatch(l.Text))
            .Select(l => $"src/Gonghui/{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

    private static void AssertNone(List<string> offences, string rule) =>
        Assert.True(offences.Count == 0, $"{rule}\n{offences.Count} offence(s):\n" + string.Join("\n", offences));

    [Fact]
    public void The_scan_sees_the_sources() =>
        Assert.Contains(Sources, s => s.File == "Platform/Scope/ScopeFilter.cs" && s.Lines.Length > 10);

    // u.Path.StartsWith(scope), r.ScopePath.StartsWith(…), and a path-like prefix passed to any StartsWith.
    private static readonly Regex HandWrittenScope = new(
        @"Path\??\.StartsWith\(|\.StartsWith\(\s*(?!"")[^,)]*(?:[Ss]cope\w*|\.Path)\s*[,)]", RegexOptions.Compiled);

    [Fact]
    public void No_hand_written_scope_filter_outside_Platform_Scope() =>
        AssertNone(Offences(HandWrittenScope, "Platform/Scope/"),
            "Filter by organisation scope with Gonghui.Platform.Scope.ScopeFilter (query.InScope(scope, x => x.Path), " +
            "query.WhereScoped(x => ScopeFilter.Covers(scope, x.Path) || …), or ScopeFilter.Covers(scope, path) in memory), never Path.StartsWith.");

    // The system clock read directly: DateTime.Now / UtcNow / Today, DateTimeOffset.Now / UtcNow.
    private static readonly Regex SystemClock = new(@"\bDateTime(Offset)?\.(Now|UtcNow|Today)\b", RegexOptions.Compiled);

    [Fact]
    public void No_system_clock_outside_Platform_Time() =>
        AssertNone(Offences(SystemClock, "Platform/Time/"),
            "Read the time from the injected TimeProvider (clock.GetUtcNow(), BeijingTime.Today(clock)), never DateTime.Now/UtcNow or DateTimeOffset.Now/UtcNow: " +
            "a test or demo clock must reach every use.");

    // Beijing time computed by hand: +8 hours, a UTC+8 offset, or the Asia/Shanghai zone looked up again.
    private static readonly Regex HandMadeBeijingTime = new(@"AddHours\(\s*8\s*\)|FromHours\(\s*8\s*\)|Asia/Shanghai|TimeSpan\(\s*8\s*,\s*0\s*,\s*0\s*\)", RegexOptions.Compiled);

    [Fact]
    public void No_hand_made_Beijing_time_outside_Platform_Time() =>
        AssertNone(Offences(HandMadeBeijingTime, "Platform/Time/"),
            "Use Gonghui.Platform.Time.BeijingTime (ToLocal, DateOf, Today(clock), StartOfDayUtc, StartOfYearUtc, Format, FormatIso …) " +
            "instead of AddHours(8), TimeSpan.FromHours(8) or the Asia/Shanghai zone.");

    [Fact]
    public void The_clock_rules_catch_what_they_should()
    {
        Assert.Matches(SystemClock, "var now = DateTimeOffset.UtcNow;");
        Assert.Matches(SystemClock, "DateTime.UtcNow.AddHours(8).Year");
        Assert.Matches(SystemClock, "$\"x-{DateTime.Now:yyyyMMdd}\"");
        Assert.DoesNotMatch(SystemClock, "clock.GetUtcNow()");
        Assert.DoesNotMatch(SystemClock, "DateTimeOffset? NowAt");
        Assert.Matches(HandMadeBeijingTime, "clock.GetUtcNow().UtcDateTime.AddHours(8)");
        Assert.Matches(HandMadeBeijingTime, "t.ToOffset(TimeSpan.FromHours(8))");
        Assert.Matches(HandMadeBeijingTime, "TimeZoneInfo.FindSystemTimeZoneById(\"Asia/Shanghai\")");
        Assert.DoesNotMatch(HandMadeBeijingTime, "TimeSpan.FromHours(18)");
        Assert.DoesNotMatch(HandMadeBeijingTime, "received.AddHours(rule.Amount)");
    }

    [Fact]
    public void The_scope_rule_catches_what_it_should()
    {
        Assert.Matches(HandWrittenScope, "db.Set<OrgUnit>().Where(u => u.Path.StartsWith(scope))");
        Assert.Matches(HandWrittenScope, "r.ScopePath.StartsWith(await me.ScopePathAsync(ct), StringComparison.Ordinal)");
        Assert.Matches(HandWrittenScope, "l.TargetPath?.StartsWith(scope)");
        Assert.Matches(HandWrittenScope, "path.StartsWith(scope, StringComparison.Ordinal)");
        Assert.Matches(HandWrittenScope, "p.StartsWith(d.Path, StringComparison.Ordinal)");
        Assert.DoesNotMatch(HandWrittenScope, "var p = path.StartsWith(\"$.\", StringComparison.Ordinal)");
        Assert.DoesNotMatch(HandWrittenScope, "n.StartsWith(\"Calendars.\", StringComparison.Ordinal)");
    }
}

/// <summary>
/// The UI's text tables (each module's X.tsv, turned into X.resx and X.en.resx by tools/resx.py): .resx names are
/// case-insensitive, so two keys that differ only in case (an error code "shared.status" and a label "Shared.Status")
/// keep one text and drop the other, with only a build warning. Neither may happen.
/// </summary>
public class TextTableTests
{
    private static IEnumerable<string> Tables()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gonghui.slnx"))) dir = dir.Parent;
        var root = Path.Combine(dir!.FullName, "src", "Gonghui");
        return Directory.EnumerateFiles(root, "*.tsv", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && File.Exists(Path.ChangeExtension(f, ".resx")));
    }

    [Fact]
    public void No_two_keys_of_a_text_table_differ_only_in_case()
    {
        var tables = Tables().ToList();
        Assert.True(tables.Count >= 19, $"the scan found only {tables.Count} text tables");
        var clashes = tables.SelectMany(f => File.ReadLines(f)
                .Select((line, i) => (Key: line.Split('\t')[0], Line: i + 1))
                .Where(k => k.Key.Length > 0 && !k.Key.StartsWith('#'))
                .GroupBy(k => k.Key, StringComparer.OrdinalIgnoreCase)
                .Where(g => g.Count() > 1)
                .Select(g => $"{Path.GetFileName(f)}: " + string.Join(", ", g.Select(k => $"'{k.Key}' (line {k.Line})"))))
            .ToList();
        Assert.True(clashes.Count == 0, "keys that .resx would merge:\n" + string.Join("\n", clashes));
    }
}
