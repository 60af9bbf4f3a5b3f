using Gonghui.Modules.Organizations.Members;
using Gonghui.Platform.Ids;

namespace Gonghui.Modules.Organizations.Demo;

/// <summary>One generated person: every field valid for <see cref="MemberRules"/>.</summary>
public readonly record struct GeneratedPerson(
    string Name, string IdNumber, Sex Sex, DateOnly BirthDate, string Phone,
    EmploymentType EmploymentType, DateOnly JoinedOn, string CardNumber);

/// <summary>
/// Deterministic people for demo data and benchmarks: each person is a pure function of (seed, index), so rows can be
/// generated in any order or in parallel. ID numbers are valid (GB 11643) and unique for indices below
/// <see cref="UniqueIdCapacity"/> under one seed; phones are valid mainland mobiles; card numbers are unique per index.
/// </summary>
public static class PeopleGenerator
{
    public const int DefaultSeed = 20261125;

    private static readonly DateOnly FirstBirth = new(1960, 1, 1);
    private static readonly DateOnly LastBirth = new(2004, 12, 31);
    private static readonly int BirthDays = LastBirth.DayNumber - FirstBirth.DayNumber + 1; // 16,437
    private const int DayStride = 10007; // prime, coprime with BirthDays: (i * stride) mod days is a bijection
    /// <summary>Indices 0 .. UniqueIdCapacity-1 give distinct ID numbers under one seed.</summary>
    public static long UniqueIdCapacity => (long)BirthDays * 1000;

    /// <summary>Joins are never later than this fixed day, so output does not depend on the clock.</summary>
    public static readonly DateOnly AsOf = new(2025, 12, 31);

    // Weighted towards the most common surnames (王李张刘陈 are ~30% of the population).
    private static readonly string[] Surnames =
    [
        "王", "王", "王", "李", "李", "李", "张", "张", "张", "刘", "刘", "陈", "陈", "杨", "杨", "赵", "黄", "周", "吴",
        "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董",
        "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛",
        "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜", "范", "方", "石", "姚", "谭", "廖", "邹",
        "熊", "金", "陆", "郝", "孔", "白", "崔", "康", "毛", "邱", "秦", "江", "史", "顾", "侯", "邵", "孟", "龙", "万",
        "段", "雷", "钱", "汤", "尹", "黎", "易", "常", "武", "乔", "贺", "赖", "龚", "文", "欧阳", "司马", "上官",
    ];

    private static readonly string[] MaleGiven =
    [
        "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞", "鑫", "波", "宇", "浩",
        "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "阳", "建", "国", "志", "海", "峰", "亮", "东", "文", "博", "晨",
        "子豪", "浩然", "宇轩", "俊杰", "建华", "建国", "志强", "志明", "海涛", "国强", "文博", "天宇", "明轩", "晓东", "立新",
    ];

    private static readonly string[] FemaleGiven =
    [
        "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "燕", "玲", "丹", "萍", "红", "琳", "洁", "婷", "雪", "慧", "颖",
        "倩", "悦", "欣", "怡", "佳", "晶", "蕾", "璐", "薇", "楠", "秀英", "桂英", "玉兰", "丽华", "淑珍", "雨涵", "欣怡",
        "梓涵", "诗涵", "晓燕", "海燕", "春梅", "美玲", "思琪", "佳怡", "雅婷", "子萱", "嘉欣", "婉清", "若曦",
    ];

    private static readonly string[] BeijingRegions =
    [
        "110101", "110102", "110105", "110105", "110105", "110106", "110106", "110107", "110108", "110108", "110108",
        "110109", "110111", "110112", "110113", "110114", "110115", "110116", "110117", "110118", "110119",
    ];

    // Where Beijing's workers from elsewhere most often come from: Hebei, Shandong, Henan, Shanxi, Anhui, Hubei, Sichuan, Heilongjiang, Inner Mongolia, Tianjin.
    private static readonly string[] OtherRegions =
    [
        "130102", "130203", "130602", "131002", "370102", "370203", "371302", "410102", "410302", "411502", "140105",
        "340102", "341202", "420102", "510104", "511302", "230102", "150102", "120101", "120104", "220102", "210102",
    ];

    private static readonly string[] PhonePrefixes =
    [
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
        "157", "158", "159", "166", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "199",
    ];

    /// <summary>The person at <paramref name="index"/> (0-based) under <paramref name="seed"/>.</summary>
    public static GeneratedPerson Generate(long index, int seed = DefaultSeed)
    {
        if (index < 0) throw new ArgumentOutOfRangeException(nameof(index));
        var rng = new SplitMix(((ulong)(uint)seed << 32) ^ (ulong)index * 0x9E3779B97F4A7C15UL);

        // Birth day and sequence number are a bijection of the index, so ID numbers never collide.
        var dayIndex = (int)(index % BirthDays * DayStride % BirthDays);
        var block = index / BirthDays;
        var birth = FirstBirth.AddDays(dayIndex);
        var dayOffset = (int)(Mix((ulong)dayIndex ^ (ulong)(uint)seed) % 1000);
        var sequence = (int)((block + dayOffset) % 1000);
        var sex = sequence % 2 == 1 ? Sex.Male : Sex.Female;

        var region = rng.Next(100) < 72 ? BeijingRegions[rng.Next(BeijingRegions.Length)] : OtherRegions[rng.Next(OtherRegions.Length)];
        Span<char> id = stackalloc char[18];
        region.AsSpan().CopyTo(id);
        birth.TryFormat(id[6..], out _, "yyyyMMdd");
        id[14] = (char)('0' + sequence / 100);
        id[15] = (char)('0' + sequence / 10 % 10);
        id[16] = (char)('0' + sequence % 10);
        id[17] = ResidentId.CheckCharacter(id);

        var surname = Surnames[rng.Next(Surnames.Length)];
        var given = sex == Sex.Male ? MaleGiven : FemaleGiven;
        var name = rng.Next(100) < 22 ? surname + given[rng.Next(given.Length)] + given[rng.Next(30)] : surname + given[rng.Next(given.Length)];
        if (name.Length > 4) name = name[..4];

        var phone = string.Create(11, (PhonePrefixes[rng.Next(PhonePrefixes.Length)], rng.Next(100_000_000)), static (s, st) =>
        {
            st.Item1.AsSpan().CopyTo(s);
            st.Item2.TryFormat(s[3..], out _, "D8");
        });

        var typeRoll = rng.Next(100);
        var type = typeRoll < 68 ? EmploymentType.Regular : typeRoll < 84 ? EmploymentType.DispatchWorker : EmploymentType.FlexibleWorker;

        // Joined at 18 or later, from 1990 on, never after AsOf.
        var earliest = Math.Max(birth.AddYears(18).DayNumber, new DateOnly(1990, 1, 1).DayNumber);
        var span = Math.Max(1, AsOf.DayNumber - earliest);
        var joined = DateOnly.FromDayNumber(Math.Min(AsOf.DayNumber, earliest + rng.Next(span)));

        var card = string.Create(16, index, static (s, i) => { "6217".AsSpan().CopyTo(s); (i % 1_000_000_000_000).TryFormat(s[4..], out _, "D12"); });
        return new GeneratedPerson(name, new string(id), sex, birth, phone, type, joined, card);
    }

    /// <summary>Persons <paramref name="start"/> .. start+count-1, in order.</summary>
    public static IEnumerable<GeneratedPerson> Range(long start, int count, int seed = DefaultSeed)
    {
        for (var i = 0; i < count; i++) yield return Generate(start + i, seed);
    }

    /// <summary>A plausible Chinese personal name for the given draw (used for contacts and staff names).</summary>
    public static string Name(long index, int seed = DefaultSeed) => Generate(index, seed).Name;

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>SplitMix64: tiny, fast and stable across .NET versions (unlike System.Random's seeded sequence).</summary>
    internal struct SplitMix(ulong state)
    {
        private ulong _state = state;

        public ulong NextUInt64()
        {
            _state += 0x9E3779B97F4A7C15UL;
            return Mix(_state);
        }

        public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);
    }
}
