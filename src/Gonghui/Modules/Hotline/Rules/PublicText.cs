using System.Text;
using System.Text.RegularExpressions;

namespace Gonghui.Modules.Hotline.Rules;

/// <summary>
/// What of a request may be published (Open311, public pages): sensitive categories publish no text at all; every other
/// public text has phone numbers, resident ID numbers, e-mail addresses and names removed. Pure functions, no I/O.
/// Names are hard: removed are the names the request knows (the caller's recorded name, an employer contact's), a name
/// after a self-introduction ("我叫张三", "本人王五"), a surname with an honorific ("张师傅", "李经理", "王女士") and the
/// familiar 老/小 + surname forms ("老王", "小李"). Other bare names in free text cannot be told from ordinary words.
/// </summary>
public static partial class PublicText
{
    /// <summary>What replaces a removed item.</summary>
    public const string Mask = "***";

    /// <summary>Categories whose text is never published: psychological help, legal advice, hardship (Gonghui:Hotline:SensitiveCategories replaces the list).</summary>
    public static readonly IReadOnlyList<string> DefaultSensitiveCategories = ["psych-help", "legal-advice", "hardship"];

    /// <summary>True when a request of this category (or of a sub-category under a sensitive top category) must not publish its text.</summary>
    public static bool IsSensitive(string? category, string? subCategory, IReadOnlyCollection<string> sensitive) =>
        (category is not null && sensitive.Contains(category)) || (subCategory is not null && sensitive.Contains(subCategory));

    // The most common surnames (about 85 % of people in China); single characters only.
    private const string Surnames =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";

    // For 老X / 小X only surnames that do not start everyday words after 老/小 (小康, 小时, 老方法, 小龙虾, 小钱, 小程序, 小范围 …).
    private const string FamiliarSurnames = "王李张刘陈杨赵周吴徐孙朱胡郭何罗郑梁谢宋唐韩冯董曹袁邓许傅沈曾彭吕苏卢蒋蔡贾魏薛叶余潘杜戴夏钟汪田任姜姚谭廖邹陆郝崔邱秦顾侯邵孟段汤尹黎常乔贺赖龚";

    private const string Honorifics = "师傅|师父|先生|女士|小姐|经理|老板|主任|老师|阿姨|大姐|大哥|大爷|大妈|大叔|工长|班长|组长|主管|会计|厂长|科长|处长|部长|总监|书记|律师|医生|局长|所长|队长|站长";

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:\+?86[\s-]?)?[\(（]?\d[\d\s\-\(\)（）]{5,24}\d(?:[Xx](?![A-Za-z]))?(?![0-9A-Za-z])")]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"(我叫|名叫|叫做|姓名[:：]?|名字[:：]?是?|联系人[:：]?)\s*([\p{IsCJKUnifiedIdeographs}·]{2,4})")]
    private static partial Regex NamedAs();

    [GeneratedRegex($@"(我是|本人|我姓|找)\s*([{Surnames}][\p{{IsCJKUnifiedIdeographs}}]{{1,2}})(?=$|[\s，。,.!！？?、；;：:（(）)]|师傅|先生|女士|经理|的|，)")]
    private static partial Regex SelfIntroduced();

    [GeneratedRegex($@"[{Surnames}][\p{{IsCJKUnifiedIdeographs}}]{{0,2}}?({Honorifics})")]
    private static partial Regex SurnameHonorific();

    [GeneratedRegex($@"([老小])[{FamiliarSurnames}](?![子孩末围识点序])")]
    private static partial Regex Familiar();

    [GeneratedRegex(@"^(19|20)\d\d([\-/.年]\d{1,2}){0,2}([\-~至]\s*(19|20)\d\d([\-/.]\d{1,2}){0,2})?$")]
    private static partial Regex DateLike();

    /// <summary>
    /// The text with personal data removed: the known names, runs of 7 or more digits (mobile and landline numbers with
    /// or without +86, separators and parentheses; 15- and 18-character resident ID numbers; bank cards) except dates and
    /// year ranges, e-mail addresses, and the name patterns above. Null stays null.
    /// </summary>
    public static string? Redact(string? text, IEnumerable<string?>? knownNames = null)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var s = text;
        foreach (var name in KnownNameForms(knownNames)) s = s.Replace(name, Mask, StringComparison.Ordinal);
        s = Email().Replace(s, Mask);
        s = DigitRun().Replace(s, m =>
        {
            var v = m.Value.Trim();
            var digits = v.Count(char.IsAsciiDigit);
            return digits >= 7 && !DateLike().IsMatch(v.Replace(" ", "")) ? Lead(m.Value) + Mask + Trail(m.Value) : m.Value;
        });
        // Honorifics first, so that "找李经理" keeps its "经理" and the self-introduction rule finds nothing left to take.
        s = SurnameHonorific().Replace(s, m => Mask + m.Groups[1].Value);
        s = NamedAs().Replace(s, m => m.Groups[1].Value + Mask);
        s = SelfIntroduced().Replace(s, m => m.Groups[1].Value + Mask);
        s = Familiar().Replace(s, m => m.Groups[1].Value + Mask);
        return s;
    }

    /// <summary>True when the text still holds something that looks like a phone or ID number (for tests and checks).</summary>
    public static bool HasPhoneOrIdPattern(string? text) =>
        text is not null && DigitRun().Matches(text).Any(m => m.Value.Count(char.IsAsciiDigit) >= 7 && !DateLike().IsMatch(m.Value.Trim().Replace(" ", "")));

    // Keep the whitespace the digit run swallowed at its ends, so words around it stay apart.
    private static string Lead(string v) => v.Length > 0 && char.IsWhiteSpace(v[0]) ? " " : "";
    private static string Trail(string v) => v.Length > 0 && char.IsWhiteSpace(v[^1]) ? " " : "";

    /// <summary>Each known name, and for a three- or four-character Chinese name its given name too ("张小明" → "小明"); longest first.</summary>
    private static IEnumerable<string> KnownNameForms(IEnumerable<string?>? names)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in names ?? [])
        {
            var n = raw?.Trim();
            if (string.IsNullOrEmpty(n) || n.Length < 2) continue;
            forms.Add(n);
            // "赵 建国" (family and given name entered apart, as Open311 does) is written "赵建国" in text.
            if (n.Contains(' ')) forms.Add(n.Replace(" ", ""));
            if (n.Length is 3 or 4 && n.All(IsCjk)) forms.Add(n[1..]);
            foreach (var part in n.Split(' ', StringSplitOptions.RemoveEmptyEntries)) if (part.Length >= 2) forms.Add(part);
        }
        return forms.OrderByDescending(f => f.Length);
    }

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff';
}
