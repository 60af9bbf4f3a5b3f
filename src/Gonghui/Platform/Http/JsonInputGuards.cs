using System.Collections;
using System.Text.Json.Serialization.Metadata;
using Gonghui.Platform.Money;

namespace Gonghui.Platform.Http;

/// <summary>
/// Checks every JSON body the API binds, whatever the endpoint, right after it is read: a money property
/// (a <c>long</c> whose name ends in <c>Fen</c>, or a <see cref="Fen"/>) beyond <see cref="Fen.MaxValue"/>, and a
/// list with a <c>null</c> item, are refused with <see cref="BadInputException"/> naming the property (a 400).
/// Installed once on the HTTP JSON options by the platform, so a new request record gets it by being bound.
/// </summary>
public static class JsonInputGuards
{
    public static void Modify(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.Type.Assembly != typeof(JsonInputGuards).Assembly) return;
        var checks = new List<Action<object>>();
        foreach (var p in info.Properties)
        {
            if (p.Get is not { } get) continue;
            var name = p.Name;
            var clr = p.AttributeProvider is System.Reflection.MemberInfo m ? m.Name : name;
            var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            if (t == typeof(long) && clr.EndsWith("Fen", StringComparison.Ordinal))
                checks.Add(o => { if (get(o) is long v) Fen.Check(v, name); });
            else if (t == typeof(Fen))
                checks.Add(o => { if (get(o) is Fen f) Fen.Check(f.Value, name); });
            else if (t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t) && !typeof(IDictionary).IsAssignableFrom(t) && ItemMayBeNull(t))
                checks.Add(o =>
                {
                    if (get(o) is not IEnumerable items) return;
                    var i = 0;
                    foreach (var item in items)
                    {
                        if (item is null) throw new BadInputException($"{name}[{i}]", "A list may not contain null items.", "list.nullItem");
                        i++;
                    }
                });
        }
        if (checks.Count == 0) return;
        var before = info.OnDeserialized;
        info.OnDeserialized = o =>
        {
            before?.Invoke(o);
            foreach (var c in checks) c(o);
        };
    }

    private static bool ItemMayBeNull(Type t)
    {
        var item = t.IsArray ? t.GetElementType()
            : t.GetInterfaces().Append(t).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        return item is null || !item.IsValueType || Nullable.GetUnderlyingType(item) is not null;
    }
}
