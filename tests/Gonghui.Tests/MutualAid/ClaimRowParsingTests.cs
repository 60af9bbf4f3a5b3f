using Gonghui.Modules.MutualAid.Claims;
using Gonghui.Platform.Money;

namespace Gonghui.Tests.MutualAid;

/// <summary>The intake's fast paths for amounts and dates agree with the general parsers, and hand anything unusual to them.</summary>
public class ClaimRowParsingTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1", 1_00L)]
    [InlineData("1500.5", 1_500_50L)]
    [InlineData("1500.50", 1_500_50L)]
    [InlineData("1500.05", 1_500_05L)]
    [InlineData("30000.00", 30_000_00L)]
    [InlineData("0.01", 1L)]
    [InlineData(".5", 50L)]              // not the fast path: the general parser decides
    [InlineData("123.", 123_00L)]        // general parser
    [InlineData("30,000.00", 30_000_00L)]
    [InlineData("¥1,234.56", 1_234_56L)]
    [InlineData("1234元", 1_234_00L)]
    [InlineData("-5", -5_00L)]
    [InlineData("10000000000", 1_000_000_000_000L)]
    [InlineData("10000000000.01", 0L)] // beyond the domain maximum of 10^12 fen: refused by both parsers
    [InlineData("999999999999.99", 0L)]
    public void Amounts_in_yuan_parse_to_fen_exactly(string text, long fen)
    {
        var fast = ClaimRowParser.TryYuan(text, out var a);
        var general = Fen.TryParseYuan(text, out var b);
        Assert.Equal(general, fast);
        Assert.Equal(b, a);
        if (general) Assert.Equal(fen, a.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.234")]
    [InlineData("1.2.3")]
    [InlineData("12 34")]
    [InlineData("1e5")]
    [InlineData(null)]
    public void Malformed_amounts_are_refused_like_the_general_parser(string? text)
    {
        Assert.False(ClaimRowParser.TryYuan(text, out _));
        Assert.False(Fen.TryParseYuan(text, out _));
    }

    [Theory]
    [InlineData("2020-01-01", true, 2020, 1, 1)]
    [InlineData("2020-02-29", true, 2020, 2, 29)]
    [InlineData("2021-02-29", false, 0, 0, 0)]
    [InlineData("2020-13-01", false, 0, 0, 0)]
    [InlineData("2020-12-32", false, 0, 0, 0)]
    [InlineData("2020-00-10", false, 0, 0, 0)]
    [InlineData("2020/01/01", false, 0, 0, 0)] // other shapes go to the general parser
    [InlineData("20200101", false, 0, 0, 0)]
    [InlineData("2020-1-1", false, 0, 0, 0)]
    [InlineData("２０２０-01-01", false, 0, 0, 0)]
    public void Iso_dates_parse_on_the_fast_path_and_nothing_else_does(string text, bool ok, int y, int m, int d)
    {
        Assert.Equal(ok, ClaimRowParser.TryParseIsoDate(text, out var date));
        if (ok) Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Fact]
    public void Import_keys_are_128_bit_dictionary_keys_of_the_hex_digest()
    {
        var key = ClaimImporter.HexKey("imp:00000000000000000000000000000001ffff", 4);
        Assert.Equal(UInt128.One, key);
        Assert.NotEqual(ClaimImporter.HexKey("imp:10000000000000000000000000000000ffff", 4), key);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("FEDCBA9876543210fedcba9876543210")]
    [InlineData("ffffffffffffffffffffffffffffffff")]
    [InlineData("00000000000000010000000000000000")]
    public void The_hex_key_reads_as_the_general_parser_does(string hex) =>
        Assert.Equal(UInt128.Parse(hex, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture), ClaimImporter.HexKey("x" + hex, 1));

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdeg")]
    [InlineData("0123456789abcdef 123456789abcdef")]
    public void A_hex_key_with_a_non_hex_character_is_refused(string hex) =>
        Assert.Throws<FormatException>(() => ClaimImporter.HexKey(hex, 0));
}

/// <summary>The intake's allocation-free import key is byte for byte the documented one, so files imported before still count as duplicates.</summary>
public class ImportKeyTests
{
    [Theory]
    [InlineData("北京协和医院", 30_000_00L, 10_500_00L, "2020-03-04")]
    [InlineData("医院", 100L, 100L, "2024-12-31")]
    [InlineData("Peking Union Medical College Hospital, Dongcheng", 123_456_789L, 0L, "2021-01-01")]
    [InlineData("北京积水潭医院", 1L, 0L, "2020-02-29")]
    [InlineData("某医院", 9_999_99L, 1L, "0999-10-09")]
    public void The_fast_import_key_equals_the_reference_key(string hospital, long total, long self, string day)
    {
        var plan = Guid.CreateVersion7();
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Guid.NewGuid().ToByteArray()));
        var row = new ClaimRow(2, "110101199001011237", "某某", DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), hospital, null,
            new Gonghui.Modules.MutualAid.Bill(total, 0, self));
        var expected = ClaimRowParser.ImportRef(plan, hash, row);
        var (text, key) = ClaimRowParser.ImportRefFast(System.Text.Encoding.ASCII.GetBytes(plan.ToString("N")), ClaimImporter.HexKey(hash, 0), ClaimImporter.HexKey(hash, 32), row);
        Assert.Equal(expected, text);
        Assert.Equal(ClaimImporter.HexKey(expected, 4), key);
    }

    [Fact]
    public void Id_keys_tell_every_id_number_apart_including_the_check_character()
    {
        Assert.NotEqual(ClaimImporter.IdKey("11010119900101123X"), ClaimImporter.IdKey("110101199001011230"));
        Assert.NotEqual(ClaimImporter.IdKey("110101199001011231"), ClaimImporter.IdKey("110101199001011240"));
        Assert.Equal(ClaimImporter.IdKey("110101199001011237"), ClaimImporter.IdKey("110101199001011237"));
    }
}
