namespace Gonghui.Modules.Organizations.Public;

/// <summary>Beijing's 16 districts (GB/T 2260 codes), used by the demo federation and the district pickers.</summary>
public static class BeijingDistricts
{
    public static readonly (string Code, string Slug, string Name, string NameEn)[] All =
    [
        ("110101", "DC", "东城区", "Dongcheng"), ("110102", "XC", "西城区", "Xicheng"), ("110105", "CY", "朝阳区", "Chaoyang"),
        ("110106", "FT", "丰台区", "Fengtai"), ("110107", "SJS", "石景山区", "Shijingshan"), ("110108", "HD", "海淀区", "Haidian"),
        ("110109", "MTG", "门头沟区", "Mentougou"), ("110111", "FS", "房山区", "Fangshan"), ("110112", "TZ", "通州区", "Tongzhou"),
        ("110113", "SY", "顺义区", "Shunyi"), ("110114", "CP", "昌平区", "Changping"), ("110115", "DX", "大兴区", "Daxing"),
        ("110116", "HR", "怀柔区", "Huairou"), ("110117", "PG", "平谷区", "Pinggu"), ("110118", "MY", "密云区", "Miyun"),
        ("110119", "YQ", "延庆区", "Yanqing"),
    ];

    public static string? NameOf(string? code) => All.FirstOrDefault(d => d.Code == code).Name;
}
