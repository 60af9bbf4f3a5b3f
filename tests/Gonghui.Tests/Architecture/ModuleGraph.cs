using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Gonghui.Tests.Architecture;

/// <summary>One reference from a type of the app to another type of the app, with the source file it was written in.</summary>
public sealed record TypeUse(string FromType, string ToType, string File)
{
    public override string ToString() => $"{File}: {FromType} uses {ToType}";
}

/// <summary>
/// Every type-to-type reference inside the app assembly (signatures, attributes, base types, method bodies), read from
/// its IL with Mono.Cecil, and the source file of the referring type (from the portable PDB: a Razor component's .razor
/// file, a class's .cs file). Nested and compiler-generated types count as their outermost type.
/// </summary>
public static class ModuleGraph
{
    private static readonly Lazy<IReadOnlyList<TypeUse>> All = new(Read);

    public static IReadOnlyList<TypeUse> Uses => All.Value;

    /// <summary>"Hotline" for a type in Gonghui.Modules.Hotline[.…]; null outside the modules.</summary>
    public static string? ModuleOf(string fullName)
    {
        const string prefix = "Gonghui.Modules.";
        if (!fullName.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var rest = fullName[prefix.Length..];
        var dot = rest.IndexOf('.');
        return dot < 0 ? null : rest[..dot];
    }

    /// <summary>True when <paramref name="fullName"/> is in a module's <c>Public</c> namespace (Gonghui.Modules.X.Public[.…]).</summary>
    public static bool IsPublicSurface(string fullName) =>
        ModuleOf(fullName) is { } m && fullName.StartsWith($"Gonghui.Modules.{m}.Public.", StringComparison.Ordinal);

    /// <summary>The module dependency graph: for each module, the modules it uses, with the uses as evidence.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<TypeUse>>> Modules() =>
        Uses.Select(u => (From: ModuleOf(u.FromType), To: ModuleOf(u.ToType), Use: u))
            .Where(x => x.From is not null && x.To is not null && x.From != x.To)
            .GroupBy(x => x.From!)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, IReadOnlyList<TypeUse>>)g.GroupBy(x => x.To!)
                .ToDictionary(h => h.Key, h => (IReadOnlyList<TypeUse>)h.Select(x => x.Use).ToList()));

    /// <summary>The cycles of a graph, each as the list of its nodes with the first repeated at the end (A → B → A).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IReadOnlyDictionary<string, IEnumerable<string>> graph)
    {
        var cycles = new List<IReadOnlyList<string>>();
        var seen = new HashSet<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
        {
            // Cycles through `start` whose other nodes sort after it: each cycle is reported once.
            var path = new List<string> { start };
            void Walk(string node)
            {
                foreach (var next in (graph.TryGetValue(node, out var n) ? n : []).Order(StringComparer.Ordinal))
                {
                    if (next == start) { cycles.Add([.. path, start]); continue; }
                    if (string.CompareOrdinal(next, start) < 0 || path.Contains(next)) continue;
                    path.Add(next);
                    Walk(next);
                    path.RemoveAt(path.Count - 1);
                }
            }
            if (seen.Add(start)) Walk(start);
        }
        return cycles;
    }

    private static IReadOnlyList<TypeUse> Read()
    {
        var location = typeof(Gonghui.Platform.PlatformModule).Assembly.Location;
        using var assembly = AssemblyDefinition.ReadAssembly(location, new ReaderParameters { ReadSymbols = true });
        var uses = new HashSet<TypeUse>();
        foreach (var type in assembly.MainModule.Types)
        {
            if (string.IsNullOrEmpty(type.Namespace)) continue; // <Module>, anonymous types, Program (the composition root)
            var from = type.FullName;
            var file = SourceFile(type) ?? from;
            var refs = new HashSet<string>(StringComparer.Ordinal);
            Collect(type, refs);
            foreach (var to in refs)
                if (to != from) uses.Add(new TypeUse(from, to, file));
        }
        return uses.OrderBy(u => u.File, StringComparer.Ordinal).ThenBy(u => u.ToType, StringComparer.Ordinal).ToList();
    }

    /// <summary>The outermost declared type's full name (a nested type counts as the type around it).</summary>
    private static string? Outer(TypeReference? t)
    {
        while (t is TypeSpecification spec) t = spec.ElementType;
        if (t is null or GenericParameter) return null;
        while (t.DeclaringType is not null) t = t.DeclaringType;
        return t.Namespace.StartsWith("Gonghui.", StringComparison.Ordinal) ? t.FullName : null;
    }

    private static void Add(TypeReference? t, HashSet<string> refs)
    {
        switch (t)
        {
            case null:
                return;
            case GenericInstanceType g:
                Add(g.ElementType, refs);
                foreach (var a in g.GenericArguments) Add(a, refs);
                return;
            case TypeSpecification spec:
                Add(spec.ElementType, refs);
                return;
        }
        if (Outer(t) is { } name) refs.Add(name);
    }

    private static void Attributes(ICustomAttributeProvider p, HashSet<string> refs)
    {
        if (!p.HasCustomAttributes) return;
        foreach (var a in p.CustomAttributes)
        {
            Add(a.AttributeType, refs);
            foreach (var arg in a.ConstructorArguments) if (arg.Value is TypeReference tr) Add(tr, refs);
        }
    }

    private static void Method(MethodReference m, HashSet<string> refs)
    {
        Add(m.DeclaringType, refs);
        Add(m.ReturnType, refs);
        foreach (var p in m.Parameters) Add(p.ParameterType, refs);
        if (m is GenericInstanceMethod gm) foreach (var a in gm.GenericArguments) Add(a, refs);
    }

    private static void Collect(TypeDefinition type, HashSet<string> refs)
    {
        Attributes(type, refs);
        Add(type.BaseType, refs);
        foreach (var i in type.Interfaces) Add(i.InterfaceType, refs);
        foreach (var gp in type.GenericParameters) foreach (var c in gp.Constraints) Add(c.ConstraintType, refs);
        foreach (var f in type.Fields) { Add(f.FieldType, refs); Attributes(f, refs); }
        foreach (var p in type.Properties) { Add(p.PropertyType, refs); Attributes(p, refs); }
        foreach (var e in type.Events) Add(e.EventType, refs);
        foreach (var m in type.Methods)
        {
            Attributes(m, refs);
            Method(m, refs);
            foreach (var p in m.Parameters) Attributes(p, refs);
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) Add(v.VariableType, refs);
            foreach (var ins in m.Body.Instructions)
            {
                switch (ins.Operand)
                {
                    case TypeReference t: Add(t, refs); break;
                    case MethodReference mr: Method(mr, refs); break;
                    case FieldReference fr: Add(fr.DeclaringType, refs); Add(fr.FieldType, refs); break;
                }
            }
        }
        foreach (var nested in type.NestedTypes) Collect(nested, refs);
    }

    /// <summary>The file the type was written in, relative to the repository (src/Gonghui/…), from the PDB's sequence points.</summary>
    private static string? SourceFile(TypeDefinition type)
    {
        var files = new List<string>();
        void Gather(TypeDefinition t)
        {
            foreach (var m in t.Methods)
                if (m.DebugInformation is { HasSequencePoints: true } d)
                    files.AddRange(d.SequencePoints.Where(s => !s.IsHidden).Select(s => s.Document.Url));
            foreach (var n in t.NestedTypes) Gather(n);
        }
        Gather(type);
        // A Razor component's own file wins over the .razor.cs or generated lines; otherwise the most frequent file.
        var best = files.Where(f => !f.Contains("/obj/", StringComparison.Ordinal)).GroupBy(f => f)
            .OrderByDescending(g => g.Key.EndsWith(".razor", StringComparison.Ordinal)).ThenByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        if (best is null) return null;
        var at = best.Replace('\\', '/').IndexOf("/src/Gonghui/", StringComparison.Ordinal);
        return at < 0 ? best : best[(at + 1)..];
    }
}
