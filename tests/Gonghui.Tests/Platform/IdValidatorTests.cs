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
    [InlineData("91350100M000100Y43")] // a published example
    [InlineData("91110108722616759J")]
    public void Valid_credit_codes_are_accepted(string code) => Assert.True(CreditCode.TryParse(code, out _, out var e), e);

    [Theory]
    [InlineData("91350100M000100Y44", "creditcode.checksum")]
    [InlineData("91350100M000100Y4", "creditcode.length")]
    [InlineData("91350100M000100I43", "creditcode.chars")] // I is not in the alphabet
    [InlineData("9135A100M000100Y43", "creditcode.region")]
    public void Invalid_credit_codes_name_the_reason(string code, string reason)
    {
        Assert.False(CreditCode.TryParse(code, out _, out var e));
        Assert.Equal(reason, e);
    }

    [Fact]
    public void Credit_code_check_character_can_be_zero_or_a_letter()
    {
        var seen = new HashSet<char>();
        for (var i = 0; i < 2000; i++)
        {
            var body = "9111010" + i.ToString("D10");
            seen.Add(CreditCode.CheckCharacter(body));
            Assert.True(CreditCode.IsValid(body + CreditCode.CheckCharacter(body)));
        }
        Assert.Contains('0', seen);
        Assert.Contains(seen, char.IsAsciiLetter);
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
