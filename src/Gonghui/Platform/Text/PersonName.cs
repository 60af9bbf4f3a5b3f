namespace Gonghui.Platform.Text;

/// <summary>A person's name as a public list prints it (公示名单): the family name and one * per other character (张*, 王*明 → 王**, 欧阳**).</summary>
public static class PersonName
{
    public static string Mask(string? name)
    {
        var n = (name ?? "").Trim();
        if (n.Length == 0) return "—";
        var keep = n.Length >= 4 ? 2 : 1; // a four-character name most often has a two-character family name (欧阳, 司马)
        return n[..keep] + new string('*', Math.Max(1, n.Length - keep));
    }
}
