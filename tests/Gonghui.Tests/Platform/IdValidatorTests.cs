using Gonghui.Platform.Ids;

namespace Gonghui.Tests.Platform;

public class IdValidatorTests
{
    [Theory]
    [InlineData("11010519491231002X")] // the standard's own example, X check digit
    [InlineData("110101199003077512")]
    [InlineData("11010519491231002x")] // lower-case x is normalised
    public void Valid_resident_ids_are_accepted(string id)
    {
        Assert.True(ResidentId.TryParse(id, out var info, out var error), error);
        Assert.Equal(id.ToUpperInvariant(), info.Number);
    }

    [Theory]
    [InlineData("110105194912310021", "id.checksum")]
    [InlineData("11010519491231002", "id.length")]
    [InlineData("1101051949123100211", "id.length")]
    [InlineData("11010519491331002X", "id.birthdate")] // month 13
    [InlineData("110105194902300024", "id.birthdate")] // 30 February
    [InlineData("110105180001010011", "id.birthdate")] // before 1900
    [InlineData("990105194912310020", "id.region")]    // no province 99
    [InlineData("110000194912310020", "id.region")]
    [InlineData("11010519491231002Y", "id.digits")]
    [InlineData("", "id.length")]
    public void Invalid_resident_ids_name_the_reason(string id, string reason)
    {
        Assert.False(ResidentId.TryParse(id, out _, out var error));
        Assert.Equal(reason, error);
    }

    [Fact]
    public void Future_birth_date_is_refused()
    {
        var first17 = "110101" + DateTime.UtcNow.AddYears(1).ToString("yyyyMMdd") + "123";
        var id = first17 + ResidentId.CheckCharacter(first17);
        Assert.False(ResidentId.TryParse(id, out _, out var error));
        Assert.Equal("id.birthdate", error);
    }

    [Fact]
    public void Birth_dates_and_regions_are_judged_as_by_the_general_date_parser()
    {
        // The birth date and province are read digit by digit (bulk imports check millions of IDs): the verdict must be the
        // one of DateOnly.TryParseExact("yyyyMMdd") with a year from 1900, and of the province list, for every 8 digits.
        var rng = new Random(11643);
        var today = Gonghui.Platform.Time.BeijingTime.Today(TimeProvider.System);
        string[] provinces = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82", "83"];
        var (accepted, refused) = (0, 0);
        for (var i = 0; i < 50_000; i++)
        {
            var province = rng.Next(100).ToString("00");
            var date = rng.Next(4) switch
            {
                0 => rng.Next(0, 100_000_000).ToString("00000000"),                                         // any 8 digits
                1 => $"{rng.Next(1890, 2100):0000}{rng.Next(0, 14):00}{rng.Next(0, 33):00}",               // near-valid
                _ => new DateOnly(1900, 1, 1).AddDays(rng.Next(0, 60_000)).ToString("yyyyMMdd"),         // valid dates, some in the future
            };
            var first17 = province + "0101" + date + "123";
            var id = first17 + ResidentId.CheckCharacter(first17);
            var expected = !provinces.Contains(province) ? "id.region"
                : !DateOnly.TryParseExact(date, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var birth)
                  || birth.Year < 1900 || birth > today ? "id.birthdate" : "";
            var ok = ResidentId.TryParse(id, out var info, out var error);
            if (expected == "id.birthdate" && date.StartsWith(today.AddDays(1).ToString("yyyyMMdd"))) continue; // midnight in Beijing during the test
            Assert.Equal(expected, error);
            Assert.Equal(expected == "", ok);
            if (ok) { Assert.Equal(date, info.BirthDate.ToString("yyyyMMdd")); accepted++; } else refused++;
        }
        Assert.True(accepted > 5_000 && refused > 5_000, $"{accepted} accepted, {refused} refused");
    }

    [Fact]
    public void Sex_and_birth_date_are_derived()
    {
        Assert.True(ResidentId.TryParse("11010519491231002X", out var info, out _));
        Assert.Equal(new DateOnly(1949, 12, 31), info.BirthDate);
        Assert.Equal(Sex.Female, info.Sex); // 17th digit 2 is even
        Assert.True(ResidentId.TryParse("110101199003077512", out var m, out _));
        Assert.Equal(Sex.Male, m.Sex);
    }

    [Fact]
    public void Masking_keeps_region_and_last_four() =>
        Assert.Equal("110105********002X", ResidentId.Mask("11010519491231002X"));

    [Theory]
    [InlineData("91350100M000100Y43")] // a published example (Fuzhou)
    [InlineData("91110108MA01ABC25F")] // enterprise, Haidian
    [InlineData("91110105100012340J")] // enterprise, Chaoyang, all-digit organisation code
    [InlineData("81110101MA002F3K1R")] // grassroots trade union, Dongcheng
    [InlineData("52310115MJ4999KL8D")] // private non-enterprise unit, Pudong
    [InlineData("12440305455857705P")] // public institution, Nanshan (Shenzhen)
    [InlineData("93130602MA0CW1QN99")] // farmers' cooperative, Baoding
    [InlineData("92650102MA77R8T18Q")] // individual business, Urumqi
    [InlineData("11100000000013573W")] // state organ registered nationally (100000)
    [InlineData("31110000400003331Y")] // law firm, Beijing province level
    [InlineData("911102280801234562")] // Miyun county (110228), withdrawn in 2015 but codes keep it
    [InlineData("91810000L00000011L")] // Hong Kong
    [InlineData("Y1330106MA2CX0001C")] // other authority
    [InlineData("N2410102MA45BU115B")] // village collective economic organisation
    [InlineData("A1110000MA00001R4C")] // military public institution
    [InlineData("91110106MA000004XB")] // organisation check character X
    [InlineData("91110107MA00000905")] // organisation check character 0 (11 → 0)
    [InlineData(" 91110108ma01abc25f ")] // trimmed and upper-cased
    public void Valid_credit_codes_are_accepted(string code)
    {
        Assert.True(CreditCode.TryParse(code, out var normalized, out var e), e);
        Assert.Equal(code.Trim().ToUpperInvariant(), normalized);
    }

    [Theory]
    [InlineData("91350100M000100Y44", "creditcode.checksum")]
    [InlineData("91110108MA01ABC25G", "creditcode.checksum")]
    [InlineData("91110108MA01ABC250", "creditcode.checksum")]
    [InlineData("91350100M000100Y4", "creditcode.length")]
    [InlineData("91350100M000100Y433", "creditcode.length")]
    [InlineData("", "creditcode.length")]
    [InlineData(null, "creditcode.length")]
    [InlineData("91350100M000100I43", "creditcode.chars")] // I is not in the alphabet
    [InlineData("91350100M0O0100Y43", "creditcode.chars")] // nor O
    [InlineData("91350100M000100Z43", "creditcode.chars")] // nor Z
    [InlineData("91110108MA01-BC25F", "creditcode.chars")]
    [InlineData("01110108MA01ABC25F", "creditcode.authority")] // no authority 0
    [InlineData("B1110108MA01ABC25F", "creditcode.authority")]
    [InlineData("X1110108MA01ABC25F", "creditcode.authority")]
    [InlineData("94110108MA01ABC25F", "creditcode.type")] // 工商 issues 1, 2, 3 only
    [InlineData("99110108MA01ABC25F", "creditcode.type")]
    [InlineData("84110101MA002F3K1R", "creditcode.type")] // 工会 issues 1 and 9
    [InlineData("Y2330106MA2CX0001C", "creditcode.type")]
    [InlineData("9135A100M000100Y43", "creditcode.region")] // a letter in the region
    [InlineData("91110103MA01ABC25F", "creditcode.region")] // 崇文区, merged into Dongcheng in 2010
    [InlineData("91110120MA01ABC25F", "creditcode.region")] // no Beijing district 20
    [InlineData("91990000MA01ABC25F", "creditcode.region")] // no province 99
    [InlineData("91000000MA01ABC25F", "creditcode.region")]
    [InlineData("91110108MA01ABC35F", "creditcode.organization")] // organisation check character off by one
    [InlineData("91110108MA01ABD25F", "creditcode.organization")] // a typo inside the organisation code
    [InlineData("91350100M000100X43", "creditcode.organization")]
    public void Invalid_credit_codes_name_the_reason(string? code, string reason)
    {
        Assert.False(CreditCode.TryParse(code, out _, out var e));
        Assert.Equal(reason, e);
    }

    [Fact]
    public void Compose_yields_codes_that_pass_every_check_and_every_single_character_change_fails()
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var rng = new Random(42);
        var regions = new[] { "110101", "110119", "120104", "310115", "440305", "500103", "650102", "540102", "110000" };
        var seen = new HashSet<char>();
        for (var n = 0; n < 300; n++)
        {
            var body = new string(Enumerable.Range(0, 8).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
            var code = CreditCode.Compose(n % 3 == 0 ? "81" : "91", regions[n % regions.Length], body);
            Assert.True(CreditCode.TryParse(code, out _, out var e), $"{code}: {e}");
            seen.Add(code[17]);
            // GB 32100's MOD 31 catches every single substitution; no changed code may pass.
            var pos = rng.Next(18);
            var swapped = alphabet[(alphabet.IndexOf(code[pos]) + 1 + rng.Next(alphabet.Length - 1)) % alphabet.Length];
            Assert.False(CreditCode.IsValid(code[..pos] + swapped + code[(pos + 1)..]), code);
        }
        Assert.Contains('0', seen);
        Assert.Contains(seen, char.IsAsciiLetter);
    }

    [Theory]
    [InlineData("M000100Y", '4')] // the published example's organisation code
    [InlineData("MA000004", 'X')]
    [InlineData("MA000009", '0')]
    [InlineData("10001234", '0')]
    public void Organisation_code_check_character_follows_GB_11714(string first8, char check) =>
        Assert.Equal(check, CreditCode.OrganizationCheckCharacter(first8));

    [Fact]
    public void The_GB_2260_list_has_every_province_city_and_Beijing_district()
    {
        foreach (var province in new[] { "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
                     "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82" })
            Assert.True(CreditCode.IsRegion(province + "0000"), province);
        foreach (var district in new[] { 1, 2, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19 })
            Assert.True(CreditCode.IsRegion($"1101{district:D2}"), district.ToString());
        Assert.Equal("海淀区", CreditCode.RegionName("110108"));
        Assert.Equal("深圳市", CreditCode.RegionName("440300"));
        Assert.Equal("杭州市", CreditCode.RegionName("330100"));
        Assert.False(CreditCode.IsRegion("110104")); // 宣武区, gone since 2010
        Assert.False(CreditCode.IsRegion("999999"));
    }

    [Theory]
    [InlineData("13800138000", "13800138000")]
    [InlineData("+86 138-0013-8000", "13800138000")]
    public void Mobile_numbers_are_normalised(string input, string expected)
    {
        Assert.True(MobilePhone.TryParse(input, out var n));
        Assert.Equal(expected, n);
        Assert.Equal("138****8000", MobilePhone.Mask(n));
    }

    [Theory]
    [InlineData("12800138000")]
    [InlineData("1380013800")]
    [InlineData("010-12345678")]
    public void Invalid_mobile_numbers_are_refused(string input) => Assert.False(MobilePhone.TryParse(input, out _));
}
