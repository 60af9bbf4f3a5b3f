namespace Gonghui.Modules.Hotline.Deadlines;

/// <summary>The module's data files (deadline rules, categories), embedded in the assembly.</summary>
internal static class HotlineData
{
    public static string Read(string name)
    {
        using var s = typeof(HotlineData).Assembly.GetManifestResourceStream("Hotline." + name)
            ?? throw new FileNotFoundException($"Embedded hotline data file {name} is missing.");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }
}
