using System.Collections.Frozen;

namespace Gonghui.Modules.Jobs.Rules;

/// <summary>The level of an entry of the 2022 classification: 大类, 中类, 小类, 细类 (an occupation).</summary>
public enum OccupationLevel { Major = 1, Medium = 2, Small = 3, Detailed = 4 }

/// <summary>One entry of the classification: its code ("6-18-01-01"), level and Chinese name.</summary>
public sealed record Occupation(string Code, OccupationLevel Level, string Name)
{
    /// <summary>The code of the group one level up ("6-18-01" for "6-18-01-01"), null for a major group.</summary>
    public string? Parent => Level == OccupationLevel.Major ? null : Code[..Code.LastIndexOf('-')];
}

/// <summary>
/// The 2022 Occupational Classification of the PRC (职业分类大典 2022), shipped as data (occupations-2022.tsv, its source named
/// in the file's header and in docs/jobs.md). A post carries a <em>leaf</em> code: a detailed occupation (细类), or a small group
/// that lists no detailed occupations (the "其他…" groups ending in 99). A code's prefix is its group: searching by "6-18"
/// finds every post whose code lies in that medium group.
/// </summary>
public sealed class Occupations
{
    private readonly FrozenDictionary<string, Occupation> _byCode;
    private readonly FrozenDictionary<string, string> _leafByName;
    private readonly FrozenSet<string> _leaves;

    public IReadOnlyList<Occupation> All { get; }

    private Occupations(IReadOnlyList<Occupation> all)
    {
        All = all;
        _byCode = all.ToFrozenDictionary(o => o.Code, StringComparer.Ordinal);
        var parents = all.Select(o => o.Parent).OfType<string>().ToHashSet(StringComparer.Ordinal);
        _leaves = all.Where(o => o.Level >= OccupationLevel.Small && !parents.Contains(o.Code)).Select(o => o.Code).ToFrozenSet(StringComparer.Ordinal);
        _leafByName = all.Where(o => _leaves.Contains(o.Code)).GroupBy(o => o.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First().Code, StringComparer.Ordinal);
    }

    /// <summary>The classification embedded in the assembly (read once).</summary>
    public static Occupations Current { get; } = Load();

    private static Occupations Load()
    {
        using var stream = typeof(Occupations).Assembly.GetManifestResourceStream("Jobs.occupations-2022.tsv")
            ?? throw new InvalidOperationException("The occupation classification (Jobs.occupations-2022.tsv) is not embedded.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Reads the data file's format: code, level, name separated by tabs; lines starting with # are comments.</summary>
    public static Occupations Parse(string text)
    {
        var all = new List<Occupation>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var parts = line.TrimEnd('\r').Split('\t');
            if (parts.Length != 3 || !int.TryParse(parts[1], out var level) || level is < 1 or > 4)
                throw new FormatException($"Bad occupation line: {line}");
            all.Add(new Occupation(parts[0], (OccupationLevel)level, parts[2]));
        }
        return new Occupations(all);
    }

    public Occupation? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var o) ? o : null;

    /// <summary>True for a code a post may carry (a detailed occupation, or a small group without detailed occupations).</summary>
    public bool IsLeaf(string? code) => code is not null && _leaves.Contains(code);

    /// <summary>True for any code of the classification at any level (a search filter may name a group).</summary>
    public bool Exists(string? code) => code is not null && _byCode.ContainsKey(code);

    /// <summary>The leaf whose name is exactly <paramref name="name"/> (a contest trade "焊工" → "6-18-02-04"), if one is.</summary>
    public string? LeafNamed(string? name) => name is not null && _leafByName.TryGetValue(name.Trim(), out var c) ? c : null;

    /// <summary>The entry's name and its groups' names, top down.</summary>
    public IReadOnlyList<Occupation> Lineage(string code)
    {
        var list = new List<Occupation>();
        for (var o = Find(code); o is not null; o = Find(o.Parent)) list.Insert(0, o);
        return list;
    }

    public IEnumerable<Occupation> Children(string? parent) =>
        parent is null ? All.Where(o => o.Level == OccupationLevel.Major) : All.Where(o => o.Parent == parent);

    public int CountOf(OccupationLevel level) => All.Count(o => o.Level == level);

    /// <summary>The level of a code from its shape alone ("6" major, "6-18" medium, "6-18-01" small, "6-18-01-01" detailed).</summary>
    public static OccupationLevel LevelOf(string code) => (OccupationLevel)(code.Count(c => c == '-') + 1);

    /// <summary>The code's group at <paramref name="level"/> ("6-18-01-01" at Medium → "6-18").</summary>
    public static string GroupOf(string code, OccupationLevel level)
    {
        var parts = code.Split('-');
        return string.Join('-', parts.Take(Math.Min((int)level, parts.Length)));
    }

    /// <summary>How close two leaf codes are: 4 same occupation, 3 same small group, 2 same medium group, 1 same major, 0 none.</summary>
    public static int Closeness(string a, string b)
    {
        var pa = a.Split('-');
        var pb = b.Split('-');
        var n = 0;
        while (n < pa.Length && n < pb.Length && pa[n] == pb[n]) n++;
        return n;
    }
}
